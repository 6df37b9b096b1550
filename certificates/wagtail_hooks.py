"""
Admin registration for certificates: design snippets, the register, batch issues, the JP
ledger reports and the certificate figure of the dashboard.
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from training.reports.dashboard import DASHBOARD_FIGURES_HOOK
from training.reports.menu import ReportMenuItem

from . import report_urls
from .models import Certificate
from .permissions import CertificatePermissionPolicy, can_issue_certificates
from .reports import certificates_issued_figure
from .viewsets import CertificateDesignGroup, CertificatesGroup

register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate))
register_snippet(CertificateDesignGroup)


class RegisterMenuItem(MenuItem):
    def is_shown(self, request):
        return can_issue_certificates(request.user)


@hooks.register("register_admin_viewset")
def register_certificates_viewsets():
    return CertificatesGroup()


@hooks.register("register_log_actions")
def register_certificates_log_actions(actions):
    from .audit import register_actions

    register_actions(actions)


@hooks.register("register_admin_urls")
def register_jp_ledger_urls():
    return [path("reports/jp/", include(report_urls, namespace="certificates_reports"))]


@hooks.register("register_reports_menu_item")
def register_participant_ledger_menu_item():
    return ReportMenuItem(
        _("JP ledger per participant"),
        reverse("certificates_reports:jp_participants"),
        name="jp-ledger-participants",
        icon_name="time",
        order=140,
    )


@hooks.register("register_reports_menu_item")
def register_agency_ledger_menu_item():
    return ReportMenuItem(
        _("JP ledger per agency"),
        reverse("certificates_reports:jp_agencies"),
        name="jp-ledger-agencies",
        icon_name="home",
        order=150,
    )


@hooks.register("register_reports_menu_item")
def register_certificate_register_menu_item():
    return RegisterMenuItem(
        _("Certificate register"),
        reverse("certificates_register:index"),
        name="certificate-register-report",
        icon_name="doc-full-inverse",
        order=160,
    )


@hooks.register(DASHBOARD_FIGURES_HOOK)
def add_certificates_issued_figure(request, batches, year):
    return certificates_issued_figure(request, batches, year)
