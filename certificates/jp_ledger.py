"""
The JP ledger (buku JP): learning hours per participant and year, per agency (OPD), and the
file an agency sends to the national civil-service systems, one row per completed training.

It lives in ``certificates`` because its rows carry certificate numbers. A completed
training counts in the year of its completion (local time), as on the participant's own
dashboard; the certificate number is that of the current valid certificate, blank when none
has been issued yet.
"""

import csv
import io
from collections import OrderedDict
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from accounts.models import Agency, User
from cms.models import SiteSettings
from cms.spreadsheets import inert_row, xlsx_row
from training.models import Enrolment
from training.reports.selectors import JP_FIELD, completed_in, count_of
from training.selectors import YEARLY_JP_TARGET

from .models import Certificate, CertificateStatus
from .rendering import format_rank


def certificate_number():
    """The number of an enrolment's valid certificate, as a subquery."""
    return Subquery(
        Certificate.objects.filter(enrolment=OuterRef("pk"), status=CertificateStatus.VALID)
        .order_by("-issued_at")
        .values("number")[:1]
    )


def completed_trainings(batches, year: int):
    """Every training completed in ``year`` in ``batches``, with its certificate number."""
    return (
        Enrolment.objects.filter(completed_in(year), batch__in=batches)
        .select_related("participant__agency", "batch__course")
        .annotate(certificate_number=certificate_number())
        .order_by("participant__agency__name", "participant__full_name", "completed_at", "pk")
    )


def _participants_of(batches):
    return Exists(Enrolment.objects.filter(participant=OuterRef("pk"), batch__in=batches))


def participant_ledger(batches, year: int):
    """
    Every participant of ``batches`` with the JP and the number of trainings completed in
    ``year`` (zero included), and whether they stay below the yearly target.

    The figures are correlated subqueries over the person's own enrolments (an index walk
    each), so a page sorted by name computes them for its 50 rows only, and counting the
    participants joins nothing; sorting or filtering by JP computes them once per person.
    """
    completed = Enrolment.objects.filter(
        completed_in(year), batch__in=batches, participant=OuterRef("pk")
    ).order_by()
    jp = Coalesce(
        Subquery(
            completed.values("participant")
            .annotate(total=Sum("batch__course__jp"))
            .values("total"),
            output_field=JP_FIELD,
        ),
        Value(0),
        output_field=JP_FIELD,
    )
    return (
        User.objects.filter(_participants_of(batches))
        .select_related("agency")
        .annotate(jp=jp, trainings=count_of(completed))
        .annotate(
            below_target=Case(
                When(jp__lt=YEARLY_JP_TARGET, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
    )


def meeting_target(batches, year: int):
    """The ids of the people whose JP completed in ``year`` reach the target (a subquery)."""
    return (
        Enrolment.objects.filter(completed_in(year), batch__in=batches)
        .order_by()
        .values("participant")
        .annotate(total=Sum("batch__course__jp"))
        .filter(total__gte=YEARLY_JP_TARGET)
        .values("participant")
    )


def trainings_by_participant(batches, year: int, participant_ids) -> dict[int, list]:
    """The completed trainings of some participants, in one query: ``{id: [enrolment, …]}``."""
    trainings = {}
    for enrolment in completed_trainings(batches, year).filter(participant_id__in=participant_ids):
        trainings.setdefault(enrolment.participant_id, []).append(enrolment)
    return trainings


def agency_ledger(batches, year: int) -> list[Agency]:
    """
    Agencies with their participants (people enrolled in ``batches``), total JP completed
    in ``year``, and how many reached the yearly target, ordered by name.

    Three queries whatever the size: the participants per agency, the year's JP per person
    (one pass over the year's completions), and the agencies; summed here. Correlated
    subqueries per agency read every member's enrolments once per figure (seconds at
    district scale).
    """
    participants = dict(
        User.objects.filter(_participants_of(batches), agency__isnull=False)
        .order_by()
        .values("agency_id")
        .annotate(count=Count("pk"))
        .values_list("agency_id", "count")
    )
    per_person = (
        Enrolment.objects.filter(
            completed_in(year), batch__in=batches, participant__agency__isnull=False
        )
        .order_by()
        .values("participant_id", "participant__agency_id")
        .annotate(jp=Sum("batch__course__jp"))
        .values_list("participant__agency_id", "jp")
    )
    totals = {}
    for agency_id, jp in per_person:
        total, meeting = totals.get(agency_id, (Decimal(0), 0))
        totals[agency_id] = (total + jp, meeting + (jp >= YEARLY_JP_TARGET))
    agencies = list(Agency.objects.filter(pk__in=participants).order_by("name", "pk"))
    for agency in agencies:
        agency.participants = participants[agency.pk]
        agency.total_jp, agency.meeting_target = totals.get(agency.pk, (Decimal(0), 0))
    return agencies


def average_jp(agency):
    if not agency.participants:
        return None
    return round(agency.total_jp / agency.participants, 1)


def share_meeting_target(agency):
    """Percentage of the agency's participants with at least the yearly target."""
    if not agency.participants:
        return None
    return round(100 * agency.meeting_target / agency.participants, 1)


# --- The export: one row per completed training ------------------------------------------


def organiser_name() -> str:
    """The institution that organises the trainings, from the default site's settings."""
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).institution_name if site else ""


def training_export_columns(organiser: str) -> "OrderedDict[str, tuple]":
    """Heading and accessor of each column of the national-systems file."""
    return OrderedDict(
        [
            ("nip", (_("NIP"), lambda e: e.participant.nip or "")),
            ("name", (_("Name"), lambda e: e.participant.get_full_name())),
            ("rank", (_("Rank/grade"), lambda e: format_rank(e.participant.rank))),
            ("position", (_("Position"), lambda e: e.participant.position)),
            (
                "agency",
                (_("Agency"), lambda e: e.participant.agency.name if e.participant.agency else ""),
            ),
            ("course", (_("Course"), lambda e: e.batch.course.title)),
            ("course_code", (_("Course code"), lambda e: e.batch.course.code)),
            ("organiser", (_("Organiser"), lambda e: organiser)),
            ("partner", (_("Partner"), lambda e: e.batch.course.partner)),
            ("batch", (_("Batch"), lambda e: e.batch.name)),
            ("starts_on", (_("Starts on"), lambda e: e.batch.starts_on)),
            ("ends_on", (_("Ends on"), lambda e: e.batch.ends_on)),
            ("jp", (_("JP"), lambda e: e.batch.course.jp)),
            ("certificate_number", (_("Certificate number"), lambda e: e.certificate_number or "")),
        ]
    )


def ledger_rows(trainings, columns):
    for enrolment in trainings:
        yield [accessor(enrolment) for _label, accessor in columns.values()]


def _plain_figures(row):
    """Decimal figures as a person writes them in a CSV cell: 24 JP, 12.5 JP, never "24.0"."""
    return [
        format(value.normalize(), "f") if isinstance(value, Decimal) else value for value in row
    ]


def write_training_ledger(trainings, output, *, file_format: str, organiser: str) -> None:
    """
    Write the one-row-per-training file to ``output`` (binary) as ``xlsx`` or ``csv``.
    NIPs are written as text, so that no spreadsheet turns them into rounded numbers, and no
    name or title is read as a formula (``cms.spreadsheets``).
    """
    columns = training_export_columns(organiser)
    headings = [str(label) for label, _accessor in columns.values()]
    if file_format == "csv":
        text = io.TextIOWrapper(output, encoding="utf-8-sig", newline="")
        writer = csv.writer(text)
        writer.writerow(headings)
        writer.writerows(inert_row(_plain_figures(row)) for row in ledger_rows(trainings, columns))
        text.flush()
        text.detach()
        return
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(str(_("JP ledger"))[:31])
    header = []
    for heading in headings:
        cell = openpyxl.cell.WriteOnlyCell(sheet, heading)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in ledger_rows(trainings, columns):
        cells = xlsx_row(sheet, row)
        cells[0].number_format = "@"  # the NIP
        sheet.append(cells)
    workbook.save(output)
