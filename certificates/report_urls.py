"""Admin URLs of the JP ledger reports (mounted under /admin/reports/jp/)."""

from django.urls import path

from . import reports

app_name = "certificates_reports"

urlpatterns = [
    path("participants/", reports.ParticipantLedgerReportView.as_view(), name="jp_participants"),
    path(
        "participants/results/",
        reports.ParticipantLedgerReportView.as_view(results_only=True),
        name="jp_participants_results",
    ),
    path("agencies/", reports.AgencyLedgerReportView.as_view(), name="jp_agencies"),
    path(
        "agencies/results/",
        reports.AgencyLedgerReportView.as_view(results_only=True),
        name="jp_agencies_results",
    ),
]
