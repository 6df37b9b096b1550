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

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    OuterRef,
    Q,
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
    """
    counted = completed_in(year, "enrolments__") & Q(enrolments__batch__in=batches)
    return (
        User.objects.filter(_participants_of(batches))
        .select_related("agency")
        .annotate(
            jp=Coalesce(
                Sum("enrolments__batch__course__jp", filter=counted),
                Value(0),
                output_field=JP_FIELD,
            ),
            trainings=Count("enrolments", filter=counted),
        )
        .annotate(
            below_target=Case(
                When(jp__lt=YEARLY_JP_TARGET, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
    )


def trainings_by_participant(batches, year: int, participant_ids) -> dict[int, list]:
    """The completed trainings of some participants, in one query: ``{id: [enrolment, …]}``."""
    trainings = {}
    for enrolment in completed_trainings(batches, year).filter(participant_id__in=participant_ids):
        trainings.setdefault(enrolment.participant_id, []).append(enrolment)
    return trainings


def agency_ledger(batches, year: int):
    """
    Agencies with their participants (people enrolled in ``batches``), total JP completed
    in ``year``, and how many reached the yearly target.
    """
    completed = Enrolment.objects.filter(completed_in(year), batch__in=batches).order_by()
    person_jp = (
        completed.filter(participant=OuterRef("pk"))
        .values("participant")
        .annotate(total=Sum("batch__course__jp"))
        .values("total")
    )
    members = User.objects.filter(_participants_of(batches), agency=OuterRef("pk"))
    return Agency.objects.annotate(
        participants=count_of(members),
        total_jp=Coalesce(
            Subquery(
                completed.filter(participant__agency=OuterRef("pk"))
                .values("participant__agency")
                .annotate(total=Sum("batch__course__jp"))
                .values("total"),
                output_field=JP_FIELD,
            ),
            Value(0),
            output_field=JP_FIELD,
        ),
        meeting_target=count_of(
            members.annotate(jp=Subquery(person_jp, output_field=JP_FIELD)).filter(
                jp__gte=YEARLY_JP_TARGET
            )
        ),
    ).filter(participants__gt=0)


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


def write_training_ledger(trainings, output, *, file_format: str, organiser: str) -> None:
    """
    Write the one-row-per-training file to ``output`` (binary) as ``xlsx`` or ``csv``.
    NIPs are written as text, so that no spreadsheet turns them into rounded numbers.
    """
    columns = training_export_columns(organiser)
    headings = [str(label) for label, _accessor in columns.values()]
    if file_format == "csv":
        text = io.TextIOWrapper(output, encoding="utf-8-sig", newline="")
        writer = csv.writer(text)
        writer.writerow(headings)
        writer.writerows(ledger_rows(trainings, columns))
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
        nip = openpyxl.cell.WriteOnlyCell(sheet, row[0])
        nip.number_format = "@"
        sheet.append([nip, *row[1:]])
    workbook.save(output)
