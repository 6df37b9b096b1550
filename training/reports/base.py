"""
What every Bimtek report shares: Wagtail's ``ReportView`` (filters, pagination, .xlsx and
.csv export), limited to the batches the user may see, with export columns declared once.
"""

import datetime
import itertools
from collections import OrderedDict

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.functional import cached_property
from wagtail.admin.views.reports import ReportView

from accounts.roles import is_administrator
from cms.spreadsheets import InertSpreadsheetExportMixin
from training.models import Batch, CoursePage
from training.permissions import batches_visible_to, can_view_reports

# Rows read and decorated at once by an export: the decorations' queries stay few, memory flat.
EXPORT_CHUNK = 2000


def local_naive(value: datetime.datetime):
    """Spreadsheets hold no time zone: write the local (WITA) time the reader expects."""
    return timezone.make_naive(value) if timezone.is_aware(value) else value


def in_current_language(chunks):
    """
    Iterate ``chunks`` in the language and time zone active now. Wagtail switches to the
    admin user's language only while the view runs; a streamed response (the CSV export) is
    written afterwards, so without this its headings and statuses would come out in the
    request's language (Indonesian by default) whatever the user chose.
    """
    # Read here, while the view runs: a generator's body would only start once streaming.
    language = translation.get_language()
    zone = timezone.get_current_timezone()
    return _iterate_in(language, zone, iter(chunks))


def _iterate_in(language, zone, chunks):
    while True:
        # Switched per chunk, never held across a ``yield``: the server's own code runs
        # between chunks on the same thread.
        with translation.override(language), timezone.override(zone):
            try:
                chunk = next(chunks)
            except StopIteration:
                return
        yield chunk


def visible_batches_as_constants(user):
    """
    ``batches_visible_to(user)``, with a trainer's few batches as a list of ids in the SQL:
    given the nested subquery of their courses' translations instead, PostgreSQL hashes
    every enrolment of the district to find theirs. An administrator's batches are all of
    them and stay a subquery.
    """
    batches = batches_visible_to(user)
    if not batches.query.has_filters():  # every batch: asking the groups again costs a query
        return batches
    return Batch.objects.filter(pk__in=list(batches.values_list("pk", flat=True)))


class ExportInUserLanguageMixin:
    """A Wagtail spreadsheet export whose streamed CSV follows the admin user's language."""

    def stream_csv(self, queryset):
        return in_current_language(super().stream_csv(queryset))


class ScopedReportView(ExportInUserLanguageMixin, InertSpreadsheetExportMixin, ReportView):
    """
    A report of the batches the user may follow: every batch for administrators, their own
    courses' batches for trainers. Participants hold no admin access and no report. Its
    exports hold no live formula (``InertSpreadsheetExportMixin``).

    ``export_fields`` maps each export column to ``(heading, accessor)``; the accessor takes
    one row and never queries the database.
    """

    paginate_by = 50
    export_fields: dict = {}

    def dispatch(self, request, *args, **kwargs):
        if not can_view_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.list_export = list(self.export_fields)
        self.export_headings = {name: label for name, (label, _a) in self.export_fields.items()}
        self.custom_value_preprocess = {
            **self.custom_value_preprocess,
            datetime.datetime: {self.FORMAT_XLSX: local_naive, self.FORMAT_CSV: local_naive},
        }

    @cached_property
    def batches(self):
        return visible_batches_as_constants(self.request.user)

    @cached_property
    def sees_everything(self) -> bool:
        return is_administrator(self.request.user)

    def get_filtered_queryset(self):
        # ``get_queryset`` of the listing view filters already; filtering twice would join twice.
        return self.get_queryset()

    def to_row_dict(self, item):
        return OrderedDict(
            (name, accessor(item)) for name, (_label, accessor) in self.export_fields.items()
        )

    def paginate_queryset(self, queryset, page_size):
        # The page's rows are read once, here, so that the table and any decoration share
        # them instead of evaluating the slice twice.
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        rows = self.decorate_rows(list(object_list))
        page.object_list = rows
        return paginator, page, rows, is_paginated

    def decorate_rows(self, rows):
        """A hook for a few extra queries per page (never per row)."""
        return rows

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet(self.decorated(queryset), spreadsheet_format)

    def decorated(self, queryset):
        """Every row of an export, read and decorated ``EXPORT_CHUNK`` rows at a time."""
        rows = (
            queryset.iterator(chunk_size=EXPORT_CHUNK)
            if isinstance(queryset, QuerySet)
            else iter(queryset)
        )
        while chunk := list(itertools.islice(rows, EXPORT_CHUNK)):
            yield from self.decorate_rows(chunk)


def current_year() -> int:
    return timezone.localdate().year


def year_choices():
    """This year and the four before it, newest first."""
    year = current_year()
    return [(value, str(value)) for value in range(year, year - 5, -1)]


def with_default_year(data, key="year"):
    """A copy of the query with this year filled in, so a report opens on the current year."""
    data = data.copy()
    if not data.get(key):
        data[key] = str(current_year())
    return data


def course_choices(batches):
    """Courses of ``batches`` as plain choices: a select of model instances (Wagtail pages)
    costs milliseconds per option to build."""
    return [
        (pk, f"{code} {title}")
        for pk, code, title in CoursePage.objects.filter(pk__in=batches.values("course_id"))
        .order_by("code", "title")
        .values_list("pk", "code", "title")
    ]


def batch_choices(batches):
    """``batches`` as plain choices, newest first, named with their course code."""
    return [
        (pk, f"{code} — {name}")
        for pk, code, name in batches.order_by("-starts_on", "name").values_list(
            "pk", "course__code", "name"
        )
    ]


class ScopedChoicesMixin:
    """Fills the ``course`` and ``batch`` filters with the requesting user's own choices."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.request.user if self.request else None
        batches = batches_visible_to(user) if user else Batch.objects.none()
        if "course" in self.filters:
            self.filters["course"].extra["choices"] = lambda: course_choices(batches)
        if "batch" in self.filters:
            self.filters["batch"].extra["choices"] = lambda: batch_choices(batches)
