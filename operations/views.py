"""The health-check endpoint for load balancers and monitoring."""

from django.conf import settings
from django.db import DatabaseError
from django.http import JsonResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.roles import is_administrator

from .health import CHECKS, run_checks


def may_see_details(request) -> bool:
    """
    Per-check results and timings are for operators: a caller presenting the configured
    ``HEALTH_CHECK_TOKEN`` as ``Authorization: Bearer <token>``, or a signed-in administrator.
    Timings tell anyone else how loaded the site is and which service is slow or down.
    """
    token = settings.HEALTH_CHECK_TOKEN
    scheme, _space, presented = request.headers.get("Authorization", "").partition(" ")
    if token and scheme.lower() == "bearer" and constant_time_compare(presented.strip(), token):
        return True
    try:
        return is_administrator(request.user)
    except DatabaseError:
        # The database is what may be down: the caller then gets the status alone.
        return False


@never_cache
@require_GET
def health(request):
    """
    The state of database, cache, broker and worker: 200 when all are healthy, 503
    otherwise, with ``{"status": "ok" | "error"}``; operators (``may_see_details``) also get
    each check's result and time. ``?checks=database,cache`` limits it to the named ones (a
    load balancer asks only what an app server itself needs). No secrets either way.
    """
    names = [name for name in request.GET.get("checks", "").split(",") if name in CHECKS]
    healthy, results = run_checks(names or None)
    body = {"status": "ok" if healthy else "error"}
    if may_see_details(request):
        body["checks"] = results
    return JsonResponse(body, status=200 if healthy else 503)
