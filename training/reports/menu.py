"""Entries of the training reports in Wagtail's Reports menu, shown to whoever may read them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

from training.permissions import can_view_reports


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        # Asked once per entry on every admin page: answered once per request.
        if not hasattr(request, "_bimtek_can_view_reports"):
            request._bimtek_can_view_reports = can_view_reports(request.user)
        return request._bimtek_can_view_reports


TRAINING_REPORTS = {
    "enrolments": (_("Enrolments and progress"), "group", 100),
    "assessments": (_("Assessment results"), "clipboard-list", 110),
    "batch_assessments": (_("Assessment results per batch"), "clipboard-list", 120),
    "evaluations": (_("Evaluation results"), "pick", 130),
    "xapi_statements": (_("Learning records (xAPI)"), "list-ul", 140),
}


def report_menu_item(name: str) -> ReportMenuItem:
    label, icon, order = TRAINING_REPORTS[name]
    return ReportMenuItem(
        label,
        reverse(f"training_reports:{name}"),
        name=f"training-report-{name.replace('_', '-')}",
        icon_name=icon,
        order=order,
    )
