"""
A participant's own learning record: their xAPI statements as a page and as a JSON export.

Both read only the signed-in participant's statements; there is no address for anyone
else's.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.views import View
from django.views.generic import ListView

from .. import xapi
from ..selectors import statements_of


class LearningRecordView(LoginRequiredMixin, ListView):
    """``/pembelajaran-saya/catatan-belajar/``: the statements, newest first, paginated."""

    template_name = "training/learning_record.html"
    context_object_name = "statements"
    paginate_by = 50

    def get_queryset(self):
        return statements_of(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = []
        for record in context["statements"]:
            statement = record.statement
            rows.append(
                {
                    "record": record,
                    "verb": xapi.verb_label(record.verb),
                    "activity": xapi.activity_name(statement),
                    "percent": xapi.score_percent(statement),
                    "success": statement.get("result", {}).get("success"),
                }
            )
        context["rows"] = rows
        return context


def statements_download(statements, *, filename: str, stream: bool = False):
    """
    ``statements`` as a downloaded JSON array of xAPI statements, ``<filename>-<date>.json``;
    ``stream`` writes it as it is read (a large report) instead of at once.
    """
    chunks = xapi.json_array(statements)
    content_type = "application/json"
    response = (
        StreamingHttpResponse(chunks, content_type=content_type)
        if stream
        else HttpResponse("".join(chunks), content_type=content_type)
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.json"'
    response["X-Experience-API-Version"] = xapi.XAPI_VERSION
    return response


class LearningRecordExportView(LoginRequiredMixin, View):
    """``/pembelajaran-saya/catatan-belajar.json``: every statement, oldest first, as xAPI."""

    def get(self, request):
        statements = (
            statements_of(request.user)
            .order_by("timestamp", "pk")
            .values_list("statement", flat=True)
            .iterator()
        )
        return statements_download(statements, filename="xapi-statements")
