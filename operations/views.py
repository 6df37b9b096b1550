"""The health-check endpoint for load balancers and monitoring."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import CHECKS, run_checks


@never_cache
@require_GET
def health(request):
    """
    JSON with the state of database, cache, broker and worker; 200 when all are healthy,
    503 otherwise. ``?checks=database,cache`` limits it to the named ones (a load balancer
    asks only what an app server itself needs). No authentication, no secrets.
    """
    names = [name for name in request.GET.get("checks", "").split(",") if name in CHECKS]
    healthy, results = run_checks(names or None)
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": results},
        status=200 if healthy else 503,
    )
