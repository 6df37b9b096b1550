"""
Importing participants into a batch from a spreadsheet (.xlsx) or CSV file.

The file is read into plain rows, every row is checked and shown as new, updated or error
with its row number and reason (the preview), and a confirmation queues the import, which a
Celery task runs in chunks of rows with its progress on record: people are matched by NIP,
new accounts get an invitation to choose their password (sent by the worker), and everyone is
enrolled in the batch. A row with an error imports nothing at all.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import partial

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Agency, User
from accounts.nip import normalise_nip, parse_nip
from accounts.ranks import normalise_rank
from accounts.services import invite_user, upsert_participant

from ..audit import log_participant_import
from ..models import Batch, Enrolment, ImportCount, ImportStatus, ParticipantImport
from ..models.batches import SEAT_HOLDING_STATUSES
from ..spreadsheets import TooManyRows, bounded_rows, worksheet_rows
from .enrolment import enrol_participant

# (key, header in the template). The template's headers are Indonesian, as BKPSDM writes them.
COLUMNS = [
    ("nip", "NIP"),
    ("full_name", "Nama Lengkap"),
    ("email", "Email"),
    ("rank", "Pangkat/Golongan"),
    ("position", "Jabatan"),
    ("agency", "Unit Kerja"),
]
REQUIRED_COLUMNS = ("nip", "full_name", "email", "agency")
HEADER_ALIASES = {
    "nip": "nip",
    "namalengkap": "full_name",
    "nama": "full_name",
    "fullname": "full_name",
    "email": "email",
    "surel": "email",
    "alamatemail": "email",
    "pangkatgolongan": "rank",
    "pangkat": "rank",
    "golongan": "rank",
    "rankgrade": "rank",
    "jabatan": "position",
    "position": "position",
    "unitkerja": "agency",
    "opd": "agency",
    "agency": "agency",
}
SHEET_NAME = "Peserta"
# What a number with 15 significant digits looks like once Excel or a CSV export wrote it.
_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?[eE][+]?\d+$")


class ImportFileError(ValidationError):
    """The file as a whole cannot be read: wrong type, no header, missing columns."""


class RowStatus:
    NEW = "new"
    UPDATED = "updated"
    ERROR = "error"


@dataclass
class RowResult:
    """One row of the file after checking: what it will do, or why it cannot."""

    row: int
    nip: str
    full_name: str
    email: str
    rank: str
    position: str
    agency_name: str
    status: str = RowStatus.NEW
    reasons: list[str] = field(default_factory=list)
    agency: Agency | None = None
    user: User | None = None

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)

    @property
    def is_valid(self) -> bool:
        return not self.reasons


def _header_key(text) -> str:
    return HEADER_ALIASES.get(re.sub(r"[^a-z]", "", str(text or "").lower()), "")


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _rows_from_table(table) -> list[dict]:
    """
    Turn numbered rows (``spreadsheets.bounded_rows``: the row number as the spreadsheet
    shows it, and the cells) into row dicts keyed by column; the header is the first row
    that is not empty.
    """
    try:
        return _rows_below_header(table)
    except TooManyRows as error:
        raise ImportFileError(error.message, code=error.code, params=error.params) from error


def _rows_below_header(table) -> list[dict]:
    iterator = iter(table)
    for _number, header in iterator:
        if any(cell not in (None, "") for cell in header):
            break
    else:
        raise ImportFileError(_("The file is empty."), code="empty")
    keys = [_header_key(cell) for cell in header]
    missing = [title for key, title in COLUMNS if key in REQUIRED_COLUMNS and key not in keys]
    if missing:
        raise ImportFileError(
            _("The header row lacks the columns: %(columns)s. Download the template to see them."),
            code="columns",
            params={"columns": ", ".join(missing)},
        )
    rows = []
    for number, cells in iterator:
        if all(cell in (None, "") or str(cell).strip() == "" for cell in cells):
            continue
        values = {key: cells[i] if i < len(cells) else None for i, key in enumerate(keys) if key}
        raw_nip = values.get("nip")
        nip_is_number = isinstance(raw_nip, int | float) and not isinstance(raw_nip, bool)
        # Shown as the spreadsheet shows it: 15 significant digits, the rest lost as zeros.
        nip_text = str(int(float(f"{raw_nip:.15g}"))) if nip_is_number else _cell_text(raw_nip)
        if _SCIENTIFIC.match(nip_text):
            nip_is_number = True
        rows.append(
            {
                "row": number,
                "nip": nip_text,
                "nip_is_number": nip_is_number,
                **{key: _cell_text(values.get(key)) for key, _t in COLUMNS if key != "nip"},
            }
        )
    if not rows:
        # Nothing to preview or import: said here, as the file's own error, not left to the
        # import log's validation (which refuses an empty list of rows with a server error).
        raise ImportFileError(
            _("The file has no participant rows below the header row."), code="no_rows"
        )
    return rows


def read_participant_file(*, content: bytes, file_name: str) -> list[dict]:
    """
    Read the rows of an .xlsx or .csv participant list. Row numbers are those the person
    sees in their spreadsheet (the header is row 1). Raises ``ImportFileError``.
    """
    name = file_name.lower()
    if name.endswith(".xlsx"):
        import openpyxl

        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise ImportFileError(
                _("The file could not be read as an Excel workbook (.xlsx)."), code="unreadable"
            ) from error
        sheet = workbook[SHEET_NAME] if SHEET_NAME in workbook.sheetnames else workbook.active
        try:
            return _rows_from_table(worksheet_rows(sheet))
        finally:
            workbook.close()
    if name.endswith(".csv"):
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ImportFileError(
                _("The file could not be read as text in UTF-8 or Windows encoding."),
                code="encoding",
            )
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return _rows_from_table(bounded_rows(csv.reader(io.StringIO(text), dialect)))
    raise ImportFileError(_("Upload an Excel (.xlsx) or CSV (.csv) file."), code="file_type")


def check_import_rows(*, batch: Batch, rows: list[dict]) -> list[RowResult]:
    """
    Check every row against the site and the batch, without changing anything.

    Runs a fixed number of queries whatever the number of rows. A NIP that repeats an earlier
    row's is reported on the later row, so the first one can still be imported.
    """
    agencies = {}
    for agency in Agency.objects.all():
        for name in (agency.name, agency.short_name):
            if name:
                agencies.setdefault(" ".join(name.split()).lower(), agency)
    nips = {normalise_nip(row["nip"]) for row in rows}
    users_by_nip = {user.nip: user for user in User.objects.filter(nip__in=nips)}
    emails = {row["email"].lower() for row in rows if row["email"]}
    users_by_email = {
        user.email_lower: user
        for user in User.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=emails)
    }
    enrolled_ids = set(
        Enrolment.objects.filter(batch=batch, status__in=SEAT_HOLDING_STATUSES).values_list(
            "participant_id", flat=True
        )
    )
    places_left = None if batch.capacity is None else max(0, batch.capacity - len(enrolled_ids))

    results, first_row_of_nip, first_row_of_email = [], {}, {}
    for row in rows:
        nip = normalise_nip(row["nip"])
        result = RowResult(
            row=row["row"],
            nip=nip,
            full_name=row["full_name"],
            email=row["email"],
            rank=row["rank"],
            position=row["position"],
            agency_name=row["agency"],
        )
        reasons = result.reasons
        if row.get("nip_is_number"):
            reasons.append(
                gettext(
                    "The NIP was stored as a number, so the spreadsheet kept only its first 15 "
                    "digits; format the NIP column as text and type the NIP again."
                )
            )
        else:
            try:
                parse_nip(nip)
            except ValidationError as error:
                reasons.extend(error.messages)
            else:
                if nip in first_row_of_nip:
                    reasons.append(
                        gettext("This NIP already appears in row %(row)d.")
                        % {"row": first_row_of_nip[nip]}
                    )
                else:
                    first_row_of_nip[nip] = row["row"]
        if not result.full_name:
            reasons.append(gettext("The full name is missing."))
        if not result.email:
            reasons.append(gettext("The e-mail address is missing."))
        else:
            try:
                validate_email(result.email)
            except ValidationError:
                reasons.append(
                    gettext("“%(value)s” is not an e-mail address.") % {"value": result.email}
                )
            else:
                email = result.email.lower()
                owner = users_by_email.get(email)
                if owner is not None and owner.nip != nip:
                    reasons.append(gettext("This e-mail address belongs to another account."))
                elif email in first_row_of_email:
                    reasons.append(
                        gettext("This e-mail address already appears in row %(row)d.")
                        % {"row": first_row_of_email[email]}
                    )
                else:
                    first_row_of_email[email] = row["row"]
        if result.rank:
            rank = normalise_rank(result.rank)
            if rank:
                result.rank = rank
            else:
                reasons.append(
                    gettext("“%(value)s” is not a known rank/grade (pangkat/golongan).")
                    % {"value": result.rank}
                )
        if not result.agency_name:
            reasons.append(gettext("The agency (unit kerja) is missing."))
        else:
            result.agency = agencies.get(result.agency_name.lower())
            if result.agency is None:
                reasons.append(
                    gettext("The agency (unit kerja) “%(value)s” is not known to the site.")
                    % {"value": result.agency_name}
                )
        result.user = users_by_nip.get(nip)
        needs_place = result.user is None or result.user.pk not in enrolled_ids
        if not reasons and needs_place and places_left is not None:
            if places_left <= 0:
                reasons.append(gettext("The batch is full; this participant has no place."))
            else:
                places_left -= 1
        result.status = (
            RowStatus.ERROR
            if reasons
            else RowStatus.UPDATED
            if result.user is not None
            else RowStatus.NEW
        )
        results.append(result)
    return results


@transaction.atomic
def preview_participant_import(
    *, batch: Batch, content: bytes, file_name: str, uploaded_by=None
) -> tuple[ParticipantImport, list[RowResult]]:
    """Read and check a file, and log the upload; nothing is imported yet."""
    rows = read_participant_file(content=content, file_name=file_name)
    results = check_import_rows(batch=batch, rows=rows)
    participant_import = ParticipantImport(
        batch=batch,
        file_name=file_name[:255],
        rows=rows,
        uploaded_by=uploaded_by,
        error_count=sum(1 for result in results if not result.is_valid),
    )
    participant_import.full_clean()
    participant_import.save()
    return participant_import, results


#: Rows imported per transaction: the progress page moves on after each chunk, and a worker
#: lost in the middle leaves one chunk to redo.
IMPORT_CHUNK_ROWS = 50


def _send_import(import_id: int) -> bool:
    """Hand the import's task to the broker and mark when; ``False`` while it is down."""
    from bimtek.celery import enqueue

    from ..tasks import run_participant_import_task

    sent_at = timezone.now()
    if not enqueue(run_participant_import_task, import_id):
        return False
    # Only an import still waiting is marked: an eager run may have finished it already.
    ParticipantImport.objects.filter(pk=import_id, status=ImportStatus.QUEUED).update(
        enqueued_at=sent_at
    )
    return True


@transaction.atomic
def queue_participant_import(
    *, participant_import: ParticipantImport, imported_by=None, resend: bool = False
) -> ParticipantImport:
    """
    Confirm a previewed import: mark it queued and send its Celery task once this commits
    (in embedded mode the task runs there and then, in this process).

    Confirming again while it waits or runs, or once imported, changes nothing; an import
    that failed is sent again and goes on from the first row not yet done, and so is one
    whose task the broker did not take, when asked to ``resend``.
    """
    participant_import = ParticipantImport.objects.select_for_update().get(pk=participant_import.pk)
    waiting_unsent = (
        resend
        and participant_import.status == ImportStatus.QUEUED
        and participant_import.enqueued_at is None
    )
    if participant_import.status not in (ImportStatus.PREVIEWED, ImportStatus.FAILED) and not (
        waiting_unsent
    ):
        return participant_import
    participant_import.status = ImportStatus.QUEUED
    participant_import.failure = ""
    participant_import.enqueued_at = None
    if imported_by is not None:
        participant_import.imported_by = imported_by
        participant_import.uploaded_by = participant_import.uploaded_by or imported_by
    participant_import.save(
        update_fields=["status", "failure", "enqueued_at", "imported_by", "uploaded_by"]
    )
    transaction.on_commit(partial(_send_import, participant_import.pk))
    return participant_import


def import_participant_row(*, batch: Batch, result: RowResult, imported_by=None) -> list[str]:
    """
    Import one checked, valid row: the account (matched by NIP, created with an invitation
    when new) and its enrolment. Runs inside the caller's transaction; the invitation goes
    out once that commits. Returns the ``ImportCount`` keys the row adds to the summary.

    The one place where an import creates accounts: whatever else a new account should get
    (another e-mail, another count) belongs here.
    """
    user, is_new = upsert_participant(
        nip=result.nip,
        email=result.email,
        full_name=result.full_name,
        agency=result.agency,
        rank=result.rank,
        position=result.position,
    )
    counts = [ImportCount.CREATED if is_new else ImportCount.UPDATED]
    # Queued once the chunk commits and sent by the worker, one task per invitation, so a
    # mail server that refuses one stops nothing else.
    if is_new and invite_user(user=user, course=batch.course.title, batch=batch.name):
        counts.append(ImportCount.INVITED)
    holds_place = Enrolment.objects.filter(
        batch=batch, participant=user, status__in=SEAT_HOLDING_STATUSES
    ).exists()
    enrol_participant(
        batch=batch,
        participant=user,
        enrolled_by=imported_by,
        as_administrator=True,
        notify=not is_new and not holds_place,
    )
    if not holds_place:
        counts.append(ImportCount.ENROLLED)
    return counts


def _mirror_counts(participant_import: ParticipantImport) -> None:
    summary = participant_import.summary
    participant_import.created_count = summary.get(ImportCount.CREATED, 0)
    participant_import.updated_count = summary.get(ImportCount.UPDATED, 0)
    participant_import.enrolled_count = summary.get(ImportCount.ENROLLED, 0)
    participant_import.error_count = summary.get(ImportCount.ERRORS, 0)
    participant_import.invited_count = summary.get(ImportCount.INVITED, 0)


@transaction.atomic
def _start_import(import_id: int, imported_by) -> bool:
    participant_import = ParticipantImport.objects.select_for_update().get(pk=import_id)
    if participant_import.status == ImportStatus.IMPORTED:
        return False
    participant_import.status = ImportStatus.RUNNING
    participant_import.failure = ""
    if imported_by is not None:
        participant_import.imported_by = imported_by
        participant_import.uploaded_by = participant_import.uploaded_by or imported_by
    participant_import.save(update_fields=["status", "failure", "imported_by", "uploaded_by"])
    return True


@transaction.atomic
def _import_next_chunk(import_id: int) -> bool:
    """Import the next chunk of rows; ``False`` once no row is left (or the import stopped)."""
    participant_import = ParticipantImport.objects.select_for_update().get(pk=import_id)
    rows, start = participant_import.rows, participant_import.processed
    if participant_import.status != ImportStatus.RUNNING or start >= len(rows):
        return False
    batch = Batch.all_locales.select_for_update().get(pk=participant_import.batch_id)
    end = min(start + IMPORT_CHUNK_ROWS, len(rows))
    # The rows before the chunk are checked again with it, so that a NIP or e-mail repeated
    # from an earlier chunk is still an error, as the preview said; the rows themselves were
    # imported already and hold their places.
    results = check_import_rows(batch=batch, rows=rows[:end])[start:end]
    summary = {key: participant_import.summary.get(key, 0) for key in ImportCount.values}
    summary.update(participant_import.summary)
    for result in results:
        if not result.is_valid:
            summary[ImportCount.ERRORS] += 1
            continue
        for key in import_participant_row(
            batch=batch, result=result, imported_by=participant_import.imported_by
        ):
            summary[key] = summary.get(key, 0) + 1
    participant_import.summary = summary
    participant_import.processed = end
    _mirror_counts(participant_import)
    participant_import.save(
        update_fields=[
            "summary",
            "processed",
            "created_count",
            "updated_count",
            "enrolled_count",
            "error_count",
            "invited_count",
        ]
    )
    return end < len(rows)


@transaction.atomic
def _finish_import(import_id: int) -> ParticipantImport:
    participant_import = ParticipantImport.objects.select_for_update().get(pk=import_id)
    if participant_import.status != ImportStatus.RUNNING:
        return participant_import
    participant_import.status = ImportStatus.IMPORTED
    participant_import.imported_at = timezone.now()
    participant_import.full_clean()
    participant_import.save()
    log_participant_import(
        participant_import=participant_import, user=participant_import.imported_by
    )
    return participant_import


def _record_failure(import_id: int, error: Exception) -> None:
    ParticipantImport.objects.filter(pk=import_id).update(
        status=ImportStatus.FAILED, failure=f"{type(error).__name__}: {error}"[:2000]
    )


def run_participant_import(
    *, participant_import: ParticipantImport, imported_by=None
) -> ParticipantImport:
    """
    Import every valid row of a previewed or queued file (the Celery task's work; the
    command calls it directly), ``IMPORT_CHUNK_ROWS`` rows per transaction, and log the
    counts. Every chunk checks its rows again, so that what changed since the preview (a
    place taken, an e-mail used) is caught.

    A failure rolls its chunk back, marks the import failed with the reason and is raised;
    running it again goes on from the first row not yet done. Once imported, running it again
    changes nothing.
    """
    import_id = participant_import.pk
    if not _start_import(import_id, imported_by):
        return ParticipantImport.objects.get(pk=import_id)
    try:
        while _import_next_chunk(import_id):
            pass
    except Exception as error:
        _record_failure(import_id, error)
        raise
    return _finish_import(import_id)


def import_template_workbook() -> bytes:
    """The downloadable .xlsx template: the header row, an example, NIP formatted as text."""
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    sheet.append([title for _key, title in COLUMNS])
    sheet.append(
        [
            "199203172019032008",
            "Siti Rahmawati Abdullah, S.Kom.",
            "siti.rahmawati@example.go.id",
            "III/b",
            "Pranata Komputer Ahli Pertama",
            "Dinas Kependudukan dan Pencatatan Sipil",
        ]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    # Text format ("@") keeps all 18 digits of a NIP that a person types or pastes.
    for row in range(2, 1001):
        sheet.cell(row=row, column=1).number_format = "@"
    for column, width in zip("ABCDEF", (22, 36, 34, 18, 34, 48), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
