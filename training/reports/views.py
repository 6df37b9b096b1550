"""
The training reports in the Wagtail admin: enrolments and progress, assessment results per
participant and per batch, evaluation results per course, batch and trainer, and the xAPI
statements (learning records).
"""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets import Button

from accounts.models import Agency
from accounts.nip import normalise_nip
from training import xapi
from training.evaluation_results import MINIMUM_RESPONSES
from training.learning_gain import average, normalised_gain
from training.models import Batch, Enrolment, EnrolmentStatus, EvaluationAnswer, XapiStatement
from training.views.xapi import statements_download

from . import selectors
from .base import (
    EXPORT_CHUNK,
    ScopedChoicesMixin,
    ScopedReportView,
    with_default_year,
    year_choices,
)

#: ``?export=`` of the xAPI report's JSON download (beside Wagtail's ``xlsx`` and ``csv``).
EXPORT_XAPI = "json"


class YearFilterSetMixin:
    """A year filter that defaults to the current year."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(with_default_year(data) if data is not None else None, *args, **kwargs)


class EnrolmentReportFilterSet(YearFilterSetMixin, ScopedChoicesMixin, WagtailFilterSet):
    year = django_filters.ChoiceFilter(
        label=_("Year the batch starts"),
        field_name="batch__starts_on__year",
        choices=year_choices,
        empty_label=None,
    )
    course = django_filters.ChoiceFilter(label=_("Course"), field_name="batch__course_id")
    batch = django_filters.ChoiceFilter(label=_("Batch"), field_name="batch_id")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EnrolmentStatus.choices)
    agency = django_filters.ModelChoiceFilter(
        label=_("Agency"), field_name="participant__agency", queryset=Agency.objects.all()
    )

    class Meta:
        model = Enrolment
        fields = []


def _name(enrolment):
    return enrolment.participant.get_full_name()


def _agency(enrolment):
    agency = enrolment.participant.agency
    return agency.name if agency else ""


PARTICIPANT_FIELDS = {
    "nip": (_("NIP"), lambda e: e.participant.nip or ""),
    "name": (_("Name"), _name),
    "agency": (_("Agency"), _agency),
    "course": (_("Course"), lambda e: e.batch.course.title),
    "course_code": (_("Course code"), lambda e: e.batch.course.code),
    "batch": (_("Batch"), lambda e: e.batch.name),
}


class EnrolmentProgressReportView(ScopedReportView):
    """1. Every enrolment with its status, progress and last activity."""

    page_title = _("Enrolments and progress")
    header_icon = "group"
    index_url_name = "training_reports:enrolments"
    index_results_url_name = "training_reports:enrolments_results"
    filterset_class = EnrolmentReportFilterSet
    export_filename = "peserta-dan-kemajuan"
    default_ordering = ("-batch__starts_on", "batch__name", "participant__full_name", "pk")
    columns = [
        Column("name", label=_("Participant"), accessor=_name, sort_key="participant__full_name"),
        Column("nip", label=_("NIP"), accessor="participant.nip"),
        Column("agency", label=_("Agency"), accessor=_agency),
        Column("course", label=_("Course"), accessor="batch.course.title"),
        Column("batch", label=_("Batch"), accessor="batch.name", sort_key="batch__starts_on"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column("progress", label=_("Progress (%)"), accessor=selectors.progress_percent),
        Column(
            "lessons",
            label=_("Lessons done"),
            accessor=lambda e: f"{e.lessons_done} / {e.lessons_counted}",
        ),
        DateColumn("last_activity", label=_("Last activity")),
    ]
    export_fields = {
        **PARTICIPANT_FIELDS,
        "status": (_("Status"), lambda e: e.get_status_display()),
        "progress": (_("Progress (%)"), selectors.progress_percent),
        "lessons_done": (_("Lessons done"), lambda e: e.lessons_done),
        "lessons_counted": (_("Lessons counted"), lambda e: e.lessons_counted),
        "enrolled_at": (_("Enrolled at"), lambda e: e.enrolled_at),
        "completed_at": (_("Completed at"), lambda e: e.completed_at),
        "last_activity": (_("Last activity"), lambda e: e.last_activity),
    }

    def get_base_queryset(self):
        return selectors.enrolment_progress(self.batches)

    def decorate_rows(self, rows):
        return selectors.decorate_progress(rows)


def _gain(row):
    return normalised_gain(row.pre_score, row.post_score)


def _passed_label(row):
    if row.post_passed is None:
        return ""
    return _("Passed") if row.post_passed else _("Not passed")


class AssessmentReportView(ScopedReportView):
    """2a. Pre-test, post-test, pass/fail and learning gain per participant."""

    page_title = _("Assessment results")
    header_icon = "clipboard-list"
    index_url_name = "training_reports:assessments"
    index_results_url_name = "training_reports:assessments_results"
    filterset_class = EnrolmentReportFilterSet
    export_filename = "hasil-penilaian"
    default_ordering = ("-batch__starts_on", "batch__name", "participant__full_name", "pk")
    columns = [
        Column("name", label=_("Participant"), accessor=_name, sort_key="participant__full_name"),
        Column("nip", label=_("NIP"), accessor="participant.nip"),
        Column("course", label=_("Course"), accessor="batch.course.title"),
        Column("batch", label=_("Batch"), accessor="batch.name", sort_key="batch__starts_on"),
        Column("pre_score", label=_("Pre-test (%)")),
        Column("post_score", label=_("Best post-test (%)")),
        Column("result", label=_("Result"), accessor=_passed_label),
        Column("gain", label=_("Normalised gain"), accessor=_gain),
        Column("graded_attempts", label=_("Graded attempts")),
    ]
    export_fields = {
        **PARTICIPANT_FIELDS,
        "pre_score": (_("Pre-test (%)"), lambda r: r.pre_score),
        "post_score": (_("Best post-test (%)"), lambda r: r.post_score),
        "passed": (_("Result"), lambda r: str(_passed_label(r))),
        "gain": (_("Normalised gain"), _gain),
        "graded_attempts": (_("Graded attempts"), lambda r: r.graded_attempts),
    }

    def get_base_queryset(self):
        return selectors.assessment_results(self.batches)


class BatchReportFilterSet(YearFilterSetMixin, ScopedChoicesMixin, WagtailFilterSet):
    year = django_filters.ChoiceFilter(
        label=_("Year the batch starts"),
        field_name="starts_on__year",
        choices=year_choices,
        empty_label=None,
    )
    course = django_filters.ChoiceFilter(label=_("Course"), field_name="course_id")

    class Meta:
        model = Batch
        fields = []


def _batch_gain(batch):
    return normalised_gain(batch.paired_pre, batch.paired_post)


def _pass_rate(batch):
    if not batch.post_takers:
        return None
    return round(100 * batch.passed_count / batch.post_takers)


def _set_scores(batch, scores):
    """The batch's averages from its participants' counted attempts (``batch_scores``)."""
    paired = [e for e in scores.pre if e in scores.post]
    batch.average_pre = average(scores.pre.values())
    batch.average_post = average(scores.post.values())
    batch.post_takers = len(scores.post)
    batch.passed_count = len(scores.passed)
    batch.paired_pre = average(scores.pre[e] for e in paired)
    batch.paired_post = average(scores.post[e] for e in paired)


def _rounded(name):
    def value(row):
        number = getattr(row, name)
        return None if number is None else round(number, 1)

    return value


class BatchAssessmentReportView(ScopedReportView):
    """2b. The same per batch: averages, post-tests passed and the batch's learning gain."""

    page_title = _("Assessment results per batch")
    header_icon = "clipboard-list"
    index_url_name = "training_reports:batch_assessments"
    index_results_url_name = "training_reports:batch_assessments_results"
    filterset_class = BatchReportFilterSet
    export_filename = "hasil-penilaian-per-angkatan"
    default_ordering = ("-starts_on", "name", "pk")
    columns = [
        Column("course", label=_("Course"), accessor="course.title"),
        Column("name", label=_("Batch"), sort_key="name"),
        DateColumn("starts_on", label=_("Starts on"), sort_key="starts_on"),
        Column("participants", label=_("Participants")),
        Column("average_pre", label=_("Average pre-test (%)"), accessor=_rounded("average_pre")),
        Column("average_post", label=_("Average post-test (%)"), accessor=_rounded("average_post")),
        Column("pass_rate", label=_("Passed (%)"), accessor=_pass_rate),
        Column("gain", label=_("Normalised gain"), accessor=_batch_gain),
    ]
    export_fields = {
        "course": (_("Course"), lambda b: b.course.title),
        "course_code": (_("Course code"), lambda b: b.course.code),
        "batch": (_("Batch"), lambda b: b.name),
        "starts_on": (_("Starts on"), lambda b: b.starts_on),
        "ends_on": (_("Ends on"), lambda b: b.ends_on),
        "participants": (_("Participants"), lambda b: b.participants),
        "average_pre": (_("Average pre-test (%)"), _rounded("average_pre")),
        "average_post": (_("Average post-test (%)"), _rounded("average_post")),
        "post_takers": (_("Post-tests taken"), lambda b: b.post_takers or 0),
        "passed": (_("Post-tests passed"), lambda b: b.passed_count or 0),
        "gain": (_("Normalised gain"), _batch_gain),
    }

    def get_base_queryset(self):
        return selectors.batch_assessment_results(self.batches)

    def decorate_rows(self, rows):
        scores = selectors.batch_scores([batch.pk for batch in rows])
        for batch in rows:
            _set_scores(batch, scores.get(batch.pk, selectors.BatchScores()))
        return rows


class EvaluationReportFilterSet(ScopedChoicesMixin, WagtailFilterSet):
    course = django_filters.ChoiceFilter(
        label=_("Course"), field_name="response__enrolment__batch__course_id"
    )
    batch = django_filters.ChoiceFilter(
        label=_("Batch"), field_name="response__enrolment__batch_id"
    )

    class Meta:
        model = EvaluationAnswer
        fields = []


def _average(row):
    return round(row["average"], 2)


class EvaluationReportView(ScopedReportView):
    """4. Evaluation ratings per course, batch, item and trainer (aggregates only)."""

    page_title = _("Evaluation results")
    header_icon = "pick"
    index_url_name = "training_reports:evaluations"
    index_results_url_name = "training_reports:evaluations_results"
    filterset_class = EvaluationReportFilterSet
    export_filename = "hasil-evaluasi"
    columns = [
        Column("course", label=_("Course"), accessor="response__enrolment__batch__course__title"),
        Column("batch", label=_("Batch"), accessor="response__enrolment__batch__name"),
        Column("item", label=_("Statement"), accessor="item__text"),
        Column("trainer", label=_("Trainer"), accessor="trainer__full_name"),
        Column("ratings", label=_("Ratings")),
        Column("average", label=_("Average (1–5)"), accessor=_average),
    ]
    export_fields = {
        "course": (_("Course"), lambda r: r["response__enrolment__batch__course__title"]),
        "batch": (_("Batch"), lambda r: r["response__enrolment__batch__name"]),
        "item": (_("Statement"), lambda r: r["item__text"]),
        "trainer": (_("Trainer"), lambda r: r["trainer__full_name"] or ""),
        "ratings": (_("Ratings"), lambda r: r["ratings"]),
        "average": (_("Average (1–5)"), _average),
    }

    def get_page_subtitle(self):
        # Formatted per request: at import time it would be fixed in the default language.
        return _("Groups with fewer than %(count)s ratings are not shown.") % {
            "count": MINIMUM_RESPONSES
        }

    def get_queryset(self):
        # Filters apply to the answers; the grouping comes after them.
        return selectors.evaluation_summary(
            self.filter_queryset(EvaluationAnswer.objects.all()),
            batches=self.batches,
            trainer=None if self.sees_everything else self.request.user,
        )


def _lrs_choices():
    return [("sent", _("Sent")), ("pending", _("Pending"))]


def _verb_choices():
    return list(xapi.VERB_LABELS.items())


class XapiStatementFilterSet(ScopedChoicesMixin, WagtailFilterSet):
    participant = django_filters.CharFilter(
        label=_("Participant (name or NIP)"), method="filter_participant"
    )
    course = django_filters.ChoiceFilter(
        label=_("Course"), field_name="enrolment__batch__course_id"
    )
    verb = django_filters.ChoiceFilter(label=_("Verb"), choices=_verb_choices)
    lrs = django_filters.ChoiceFilter(
        label=_("Learning record store"), choices=_lrs_choices, method="filter_lrs"
    )
    date = django_filters.DateFromToRangeFilter(
        label=_("Date"), field_name="timestamp", widget=DateRangePickerWidget
    )

    class Meta:
        model = XapiStatement
        fields = []

    def filter_participant(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        matches = Q(participant__full_name__icontains=value)
        nip = normalise_nip(value)
        if nip.isdigit():
            matches |= Q(participant__nip__startswith=nip)
        return queryset.filter(matches)

    def filter_lrs(self, queryset, name, value):
        return queryset.filter(sent_at__isnull=value == "pending")


def _statement_name(record):
    return record.participant.get_full_name()


def _statement_course(record):
    if record.enrolment is not None:
        return record.enrolment.batch.course.title
    return xapi.course_name(record.statement)


def _statement_result(record):
    success = record.statement.get("result", {}).get("success")
    if success is None:
        return ""
    return _("Passed") if success else _("Not passed")


def _lrs_state(record):
    return _("Sent") if record.sent_at else _("Pending")


def _local_time(record):
    return date_format(timezone.localtime(record.timestamp), "SHORT_DATETIME_FORMAT")


class XapiStatementReportView(ScopedReportView):
    """5. Every xAPI statement (learning record), as stored and as sent to the LRS."""

    page_title = _("Learning records (xAPI)")
    header_icon = "list-ul"
    index_url_name = "training_reports:xapi_statements"
    index_results_url_name = "training_reports:xapi_statements_results"
    filterset_class = XapiStatementFilterSet
    export_filename = "catatan-belajar-xapi"
    default_ordering = ("-timestamp", "-pk")
    columns = [
        Column("timestamp", label=_("Time"), accessor=_local_time, sort_key="timestamp"),
        Column(
            "name",
            label=_("Participant"),
            accessor=_statement_name,
            sort_key="participant__full_name",
        ),
        Column("nip", label=_("NIP"), accessor="participant.nip"),
        Column("course", label=_("Course"), accessor=_statement_course),
        Column("verb", label=_("Verb"), accessor=lambda r: xapi.verb_label(r.verb)),
        Column("activity", label=_("Activity"), accessor=lambda r: xapi.activity_name(r.statement)),
        Column("score", label=_("Score (%)"), accessor=lambda r: xapi.score_percent(r.statement)),
        Column("result", label=_("Result"), accessor=_statement_result),
        Column("lrs", label=_("Learning record store"), accessor=_lrs_state, sort_key="sent_at"),
    ]
    export_fields = {
        "timestamp": (_("Time"), lambda r: r.timestamp),
        "nip": (_("NIP"), lambda r: r.participant.nip or ""),
        "name": (_("Name"), _statement_name),
        "course": (_("Course"), _statement_course),
        "course_code": (
            _("Course code"),
            lambda r: r.enrolment.batch.course.code if r.enrolment else "",
        ),
        "batch": (_("Batch"), lambda r: r.enrolment.batch.name if r.enrolment else ""),
        "verb": (_("Verb"), lambda r: str(xapi.verb_label(r.verb))),
        "activity": (_("Activity"), lambda r: xapi.activity_name(r.statement)),
        "activity_id": (_("Activity id"), lambda r: r.object_id),
        "score": (_("Score (%)"), lambda r: xapi.score_percent(r.statement)),
        "result": (_("Result"), lambda r: str(_statement_result(r))),
        "lrs": (_("Learning record store"), lambda r: str(_lrs_state(r))),
        "sent_at": (_("Sent to the LRS at"), lambda r: r.sent_at),
        "send_attempts": (_("Send attempts"), lambda r: r.send_attempts),
        "last_error": (_("Last sending error"), lambda r: r.last_error),
        "statement_id": (_("Statement id"), lambda r: str(r.statement_id)),
    }

    def get_base_queryset(self):
        return selectors.xapi_statements(self.batches, everything=self.sees_everything)

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == EXPORT_XAPI:
            return self.as_xapi_json(self.get_filtered_queryset())
        return super().get(request, *args, **kwargs)

    def as_xapi_json(self, queryset):
        """The filtered statements, oldest first, as a JSON array of xAPI statements as stored."""
        statements = (
            queryset.order_by("timestamp", "pk")
            .values_list("statement", flat=True)
            .iterator(chunk_size=EXPORT_CHUNK)
        )
        return statements_download(statements, filename=self.export_filename, stream=True)

    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(
                _("Download xAPI (JSON)"),
                url=self.get_export_url(EXPORT_XAPI),
                icon_name="download",
                priority=110,
            ),
        ]
