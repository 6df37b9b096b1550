"""
The training reports in the Wagtail admin: enrolments and progress, assessment results per
participant and per batch, and evaluation results per course, batch and trainer.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn

from accounts.models import Agency
from training.evaluation_results import MINIMUM_RESPONSES
from training.learning_gain import average, normalised_gain
from training.models import Batch, Enrolment, EnrolmentStatus, EvaluationAnswer

from . import selectors
from .base import ScopedChoicesMixin, ScopedReportView, with_default_year, year_choices


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
