"""
Wagtail admin screen of paused sign-ins: who is locked out from which address, and until
when, with an unlock button per row. Administrators only: trainers get Wagtail's "permission
denied" (the screen is not for their role), participants never enter the admin.

And Wagtail's site history report (the audit log), whose exports are made inert here.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.reports.audit_logging import LogEntriesView

from cms.spreadsheets import InertSpreadsheetExportMixin

from .lockout import locked_attempts, retry_at, unlock_sign_in
from .models import User
from .permissions import can_unlock_sign_ins


def _require_unlock_permission(request):
    if not can_unlock_sign_ins(request.user):
        raise PermissionDenied


def locked_sign_ins_view(request):
    """The list of paused (account, address) pairs, each with the account it protects."""
    _require_unlock_permission(request)
    attempts = list(locked_attempts()[:200])
    accounts = {
        user.get_username(): user
        for user in User.objects.filter(username__in={attempt.username for attempt in attempts})
    }
    rows = [
        {
            "attempt": attempt,
            "account": accounts.get(attempt.username),
            "retry_at": retry_at(attempt.attempt_time),
        }
        for attempt in attempts
    ]
    return render(
        request,
        "accounts/admin/locked_sign_ins.html",
        {"rows": rows, "page_title": _("Paused sign-ins"), "header_icon": "lock"},
    )


@require_POST
def unlock_sign_in_view(request, attempt_id):
    """Lift one pause now."""
    _require_unlock_permission(request)
    attempt = unlock_sign_in(attempt_id=attempt_id, unlocked_by=request.user)
    if attempt is not None:
        messages.success(
            request,
            _("Sign-in for “%(username)s” from %(address)s is unlocked.")
            % {"username": attempt.username, "address": attempt.ip_address},
        )
    return redirect("accounts_admin:locked_sign_ins")


class SiteHistoryView(InertSpreadsheetExportMixin, LogEntriesView):
    """
    Wagtail's site history, routed ahead of Wagtail's own at the same addresses
    (``bimtek/urls.py``): its .csv and .xlsx carry participants' names (as the user who
    acted, and in the titles of the audit entries) and what visitors typed at sign-in, which
    Wagtail writes to .csv as given.
    """
