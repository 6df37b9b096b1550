"""
The JP ledger reports in the Wagtail admin, per participant and per agency (OPD), and the
certificate figure of the dashboard.

The per-participant report lists everyone with their JP of the year and flags whoever stays
below the 20 JP target; its export is the file for the national civil-service systems, one
row per completed training (``jp_ledger.write_training_ledger``, shared with the
``export_jp_ledger`` command).
"""

import io

import django_filters
from django.db.models import Q
from django.http import FileResponse
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column

from accounts.models import Agency, User
from training.permissions import batches_visible_to
from training.reports.base import ScopedReportView, with_default_year, year_choices
from training.reports.selectors import year_bounds
from training.selectors import YEARLY_JP_TARGET

from . import jp_ledger
from .models import Certificate


class YearFilter(django_filters.ChoiceFilter):
    """The ledger's year: it chooses what is summed, so it never filters rows itself."""

    def filter(self, qs, value):
        return qs


class LedgerFilterSetMixin:
    def __init__(self, data=None, *args, **kwargs):
        super().__init__(with_default_year(data) if data is not None else None, *args, **kwargs)

    @property
    def year(self) -> int:
        if self.is_valid() and self.form.cleaned_data.get("year"):
            return int(self.form.cleaned_data["year"])
        return int(with_default_year({})["year"])


def _below_target_label():
    # Interpolated when the form is drawn, in the user's language; ``%`` on a lazy string
    # at class level would fix it once, at import, in the default language.
    return _("Below the %(target)s JP target") % {"target": YEARLY_JP_TARGET}


class ParticipantLedgerFilterSet(LedgerFilterSetMixin, WagtailFilterSet):
    year = YearFilter(label=_("Year"), choices=year_choices, empty_label=None)
    agency = django_filters.ModelChoiceFilter(label=_("Agency"), queryset=Agency.objects.all())
    below_target = django_filters.BooleanFilter(
        label=lazy(_below_target_label, str)(), method="filter_below_target"
    )
    person = django_filters.CharFilter(label=_("Name or NIP"), method="filter_person")

    class Meta:
        model = User
        fields = []

    def filter_below_target(self, queryset, name, value):
        # One pass over the year's completions for the set of people meeting the target,
        # instead of every person's JP subquery in the WHERE clause.
        meeting = jp_ledger.meeting_target(batches_visible_to(self.request.user), self.year)
        return queryset.exclude(pk__in=meeting) if value else queryset.filter(pk__in=meeting)

    def filter_person(self, queryset, name, value):
        return queryset.filter(
            Q(full_name__icontains=value)
            | Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
            | Q(nip__startswith=value.strip())
        )


def _agency_name(user):
    return user.agency.name if user.agency else ""


def _courses(user):
    return "; ".join(e.batch.course.title for e in user.ledger_trainings)


def _numbers(user):
    return "; ".join(e.certificate_number for e in user.ledger_trainings if e.certificate_number)


class ParticipantLedgerReportView(ScopedReportView):
    """3a. JP per participant and year, with the participants below the target flagged."""

    page_title = _("JP ledger per participant")
    header_icon = "time"
    index_url_name = "certificates_reports:jp_participants"
    index_results_url_name = "certificates_reports:jp_participants_results"
    filterset_class = ParticipantLedgerFilterSet
    default_ordering = ("full_name", "pk")
    columns = [
        Column("nip", label=_("NIP")),
        Column("name", label=_("Name"), accessor="get_full_name", sort_key="full_name"),
        Column("agency", label=_("Agency"), accessor=_agency_name, sort_key="agency__name"),
        Column("courses", label=_("Courses"), accessor=_courses),
        Column("jp", label=_("JP"), sort_key="jp"),
        Column("certificates", label=_("Certificate numbers"), accessor=_numbers),
        BooleanColumn("below_target", label=_("Below target")),
    ]

    @property
    def year(self) -> int:
        return self.filters.year

    def get_page_subtitle(self):
        return str(self.year)

    def get_base_queryset(self):
        return jp_ledger.participant_ledger(self.batches, self.year)

    def decorate_rows(self, rows):
        trainings = jp_ledger.trainings_by_participant(
            self.batches, self.year, [user.pk for user in rows]
        )
        for user in rows:
            user.ledger_trainings = trainings.get(user.pk, [])
        return rows

    @property
    def show_export_buttons(self):
        return True

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """The national-systems file: one row per completed training of the shown people."""
        trainings = jp_ledger.completed_trainings(self.batches, self.year).filter(
            participant__in=queryset.order_by().values("pk")
        )
        output = io.BytesIO()
        jp_ledger.write_training_ledger(
            trainings.iterator(chunk_size=2000),
            output,
            file_format=spreadsheet_format,
            organiser=jp_ledger.organiser_name(),
        )
        output.seek(0)
        return FileResponse(
            output,
            as_attachment=True,
            filename=f"buku-jp-{self.year}.{spreadsheet_format}",
        )


class AgencyLedgerFilterSet(LedgerFilterSetMixin, WagtailFilterSet):
    year = YearFilter(label=_("Year"), choices=year_choices, empty_label=None)

    class Meta:
        model = Agency
        fields = []


class AgencyLedgerReportView(ScopedReportView):
    """3b. JP per agency: participants, total, average and share meeting the target."""

    page_title = _("JP ledger per agency")
    header_icon = "home"
    index_url_name = "certificates_reports:jp_agencies"
    index_results_url_name = "certificates_reports:jp_agencies_results"
    filterset_class = AgencyLedgerFilterSet
    default_ordering = ("name",)
    columns = [
        Column("name", label=_("Agency"), sort_key="name"),
        Column("participants", label=_("Participants"), sort_key="participants"),
        Column("total_jp", label=_("Total JP"), sort_key="total_jp"),
        Column("average", label=_("Average JP"), accessor=jp_ledger.average_jp),
        Column("meeting_target", label=_("Meeting the target")),
        Column("share", label=_("Meeting the target (%)"), accessor=jp_ledger.share_meeting_target),
    ]
    export_fields = {
        "name": (_("Agency"), lambda a: a.name),
        "participants": (_("Participants"), lambda a: a.participants),
        "total_jp": (_("Total JP"), lambda a: a.total_jp),
        "average": (_("Average JP"), jp_ledger.average_jp),
        "meeting_target": (_("Meeting the target"), lambda a: a.meeting_target),
        "share": (_("Meeting the target (%)"), jp_ledger.share_meeting_target),
    }

    def get_page_subtitle(self):
        return str(self.filters.year)

    def get_filename(self):
        return f"buku-jp-per-opd-{self.filters.year}"

    def get_base_queryset(self):
        return jp_ledger.agency_ledger(self.batches, self.filters.year)

    def filter_queryset(self, agencies):
        # The only filter, the year, chose what was summed (``get_base_queryset``).
        return agencies

    def order_queryset(self, agencies):
        """The ledger is a list (a few dozen agencies, summed in Python): sorted here."""
        ordering = self.ordering[0] if isinstance(self.ordering, (list, tuple)) else self.ordering
        name = ordering.lstrip("-")
        return sorted(
            agencies,
            key=lambda agency: (getattr(agency, name), agency.name),
            reverse=ordering.startswith("-"),
        )


def certificates_issued_figure(request, batches, year):
    """The dashboard figure: valid certificates issued in ``year`` for ``batches``."""
    start, end = year_bounds(year)
    issued = Certificate.objects.issued().filter(
        enrolment__batch__in=batches, issued_at__gte=start, issued_at__lt=end
    )
    return [(_("Certificates issued this year"), issued.count())]
