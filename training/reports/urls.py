"""Admin URLs of the training reports (mounted under /admin/reports/training/)."""

from django.urls import path

from . import views

app_name = "training_reports"


def _report(url, view_class, name):
    return [
        path(f"{url}/", view_class.as_view(), name=name),
        path(f"{url}/results/", view_class.as_view(results_only=True), name=f"{name}_results"),
    ]


urlpatterns = [
    *_report("enrolments", views.EnrolmentProgressReportView, "enrolments"),
    *_report("assessments", views.AssessmentReportView, "assessments"),
    *_report("batch-assessments", views.BatchAssessmentReportView, "batch_assessments"),
    *_report("evaluations", views.EvaluationReportView, "evaluations"),
    *_report("xapi-statements", views.XapiStatementReportView, "xapi_statements"),
]
