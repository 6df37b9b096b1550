"""Participant import from .xlsx and CSV: preview, reasons, atomicity, re-import, command."""

import io
import json
from pathlib import Path

import openpyxl
import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation

from accounts.demo import AGENCIES
from accounts.models import Agency, User
from tests.factories import AdministratorFactory, ParticipantFactory
from tests.training.factories import BatchFactory
from training.models import Enrolment, ImportStatus, ParticipantImport
from training.services import (
    ImportFileError,
    check_import_rows,
    import_template_workbook,
    preview_participant_import,
    read_participant_file,
    run_participant_import,
)

pytestmark = pytest.mark.django_db

# A copy of the shared sample a BKPSDM would send: 31 valid rows, 9 with one error each.
SAMPLE = Path(__file__).resolve().parent / "data" / "peserta-contoh.xlsx"
HEADER = ["NIP", "Nama Lengkap", "Email", "Pangkat/Golongan", "Jabatan", "Unit Kerja"]


@pytest.fixture
def agencies(db):
    for name, short_name in AGENCIES:
        Agency.objects.get_or_create(name=name, defaults={"short_name": short_name})


def xlsx(*rows, header=HEADER) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Peserta"
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def good_row(nip="198501012010011001", email="a@example.go.id", **changes):
    row = {
        "nip": nip,
        "name": "Andi Hasan, S.E.",
        "email": email,
        "rank": "III/a",
        "position": "Analis",
        "agency": "Dinas Sosial",
    }
    row.update(changes)
    return list(row.values())


def preview(batch, content, name="peserta.xlsx"):
    with translation.override("en"):
        return preview_participant_import(batch=batch, content=content, file_name=name)


def reasons_by_row(results):
    return {result.row: result.reason for result in results if not result.is_valid}


def test_sample_file_previews_31_valid_rows_and_9_errors_with_their_reasons(agencies):
    batch = BatchFactory()
    _log, results = preview(batch, SAMPLE.read_bytes())

    reasons = reasons_by_row(results)
    assert sum(result.is_valid for result in results) == 31
    assert sorted(reasons) == [3, 6, 10, 15, 17, 21, 28, 32, 40]
    assert "format the NIP column as text" in reasons[3]
    assert "not an e-mail address" in reasons[6]
    assert "sex digit" in reasons[10]
    assert "already appears in row 4" in reasons[15]
    assert "Dinas Yang Tidak Ada" in reasons[17]
    assert "birth date" in reasons[21]
    assert "V/a" in reasons[28]
    assert "18 digits" in reasons[32]
    assert "e-mail address is missing" in reasons[40]
    spaced = next(result for result in results if result.row == 12)
    assert spaced.is_valid and spaced.nip == "199801122024092720"


def test_confirming_the_sample_imports_exactly_the_valid_rows_and_invites_new_people(
    agencies, django_capture_on_commit_callbacks, eager_tasks
):
    batch = BatchFactory()
    administrator = AdministratorFactory()
    log, _results = preview(batch, SAMPLE.read_bytes())
    users_before = User.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        outcome = run_participant_import(participant_import=log, imported_by=administrator)

    assert (outcome.created_count, outcome.updated_count, outcome.enrolled_count) == (31, 0, 31)
    assert outcome.invited_count == 31
    assert outcome.error_count == 9
    assert outcome.status == ImportStatus.IMPORTED and outcome.imported_at
    assert User.objects.count() == users_before + 31
    assert batch.enrolments.filter(status="active").count() == 31
    assert len(mail.outbox) == 31
    assert "/akun/aktivasi/" in mail.outbox[0].body
    invited = User.objects.get(nip="199801122024092720")
    assert not invited.has_usable_password()
    assert invited.groups.filter(name="Participants").exists()
    assert not User.objects.filter(email="hendra.daud.unknown_agency@gorontalokab.go.id").exists()


def test_reimporting_updates_people_and_enrolments_instead_of_duplicating(agencies):
    batch = BatchFactory()
    run_participant_import(participant_import=preview(batch, SAMPLE.read_bytes())[0])
    counts = (User.objects.count(), Enrolment.objects.count())

    outcome = run_participant_import(participant_import=preview(batch, SAMPLE.read_bytes())[0])

    assert (User.objects.count(), Enrolment.objects.count()) == counts
    assert (outcome.created_count, outcome.updated_count, outcome.enrolled_count) == (0, 31, 0)


def test_an_existing_account_is_matched_by_nip_and_updated_keeping_its_login(agencies):
    person = ParticipantFactory(nip="198501012010011001", username="andi", full_name="Andi")
    batch = BatchFactory()
    log, results = preview(batch, xlsx(good_row(position="Kepala Seksi")))

    assert results[0].status == "updated"
    run_participant_import(participant_import=log)
    person.refresh_from_db()
    assert person.username == "andi"
    assert person.full_name == "Andi Hasan, S.E." and person.position == "Kepala Seksi"
    assert person.check_password("s3cret-pass")
    assert batch.enrolments.get().participant == person


def test_confirming_twice_imports_once():
    batch = BatchFactory()
    Agency.objects.create(name="Dinas Sosial")
    log, _results = preview(batch, xlsx(good_row()))

    run_participant_import(participant_import=log)
    again = run_participant_import(participant_import=log)

    assert again.created_count == 1
    assert User.objects.filter(nip="198501012010011001").count() == 1


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (good_row(nip="19850101201001100"), "18 digits"),
        (good_row(nip="1985010120100110AB"), "digits only"),
        (good_row(nip=""), "NIP is required"),
        (good_row(email=""), "e-mail address is missing"),
        (good_row(email="andi at dinas"), "not an e-mail address"),
        (good_row(agency="Dinas Rahasia"), "not known to the site"),
        (good_row(rank="V/a"), "not a known rank"),
        (good_row(name=""), "full name is missing"),
        (good_row(nip=198501012010011001), "format the NIP column as text"),
    ],
    ids=[
        "short-nip",
        "letters-in-nip",
        "no-nip",
        "no-email",
        "bad-email",
        "unknown-agency",
        "bad-rank",
        "no-name",
        "nip-as-number",
    ],
)
def test_each_kind_of_bad_row_is_reported_with_its_reason(row, reason):
    Agency.objects.create(name="Dinas Sosial")
    _log, results = preview(BatchFactory(), xlsx(row))

    assert results[0].status == "error"
    assert results[0].row == 2
    assert reason in results[0].reason


def test_an_email_of_another_account_is_an_error():
    Agency.objects.create(name="Dinas Sosial")
    ParticipantFactory(email="taken@example.go.id")
    _log, results = preview(BatchFactory(), xlsx(good_row(email="TAKEN@example.go.id")))

    assert "belongs to another account" in results[0].reason


def test_rows_beyond_the_batch_capacity_are_errors():
    Agency.objects.create(name="Dinas Sosial")
    batch = BatchFactory(capacity=1)
    rows = [
        good_row(nip="198501012010011001", email="a@example.go.id"),
        good_row(nip="198501012010011002", email="b@example.go.id"),
    ]
    log, results = preview(batch, xlsx(*rows))

    assert [result.status for result in results] == ["new", "error"]
    assert "full" in results[1].reason
    assert run_participant_import(participant_import=log).enrolled_count == 1


def test_a_failure_during_the_import_rolls_back_its_chunk_and_marks_the_import_failed(
    monkeypatch,
):
    Agency.objects.create(name="Dinas Sosial")
    batch = BatchFactory()
    rows = [
        good_row(nip="198501012010011001", email="a@example.go.id"),
        good_row(nip="198501012010011002", email="b@example.go.id"),
    ]
    log, _results = preview(batch, xlsx(*rows))
    from training.services import imports

    calls = []
    real_enrol = imports.enrol_participant

    def enrol_then_fail(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return real_enrol(**kwargs)

    monkeypatch.setattr(imports, "enrol_participant", enrol_then_fail)
    with pytest.raises(RuntimeError):
        run_participant_import(participant_import=log)

    assert not User.objects.filter(nip__startswith="19850101").exists()
    assert not Enrolment.objects.exists()
    failed = ParticipantImport.objects.get(pk=log.pk)
    # Both rows are in the first chunk; the import says why it stopped, with no row done.
    assert failed.status == ImportStatus.FAILED and "database went away" in failed.failure
    assert failed.processed == 0


def test_csv_with_semicolons_and_a_scientific_nip_is_read():
    Agency.objects.create(name="Dinas Sosial")
    content = (
        b"NIP;Nama Lengkap;Email;Pangkat/Golongan;Jabatan;Unit Kerja\n"
        b"198501012010011001;Andi;a@example.go.id;III/a;Analis;Dinas Sosial\n"
        b"1,98501E+17;Budi;b@example.go.id;III/a;Analis;Dinas Sosial\n"
    )
    _log, results = preview(BatchFactory(), content, name="peserta.csv")

    assert [result.status for result in results] == ["new", "error"]
    assert "format the NIP column as text" in results[1].reason


def test_a_file_without_the_required_columns_is_refused_as_a_whole():
    with pytest.raises(ImportFileError), translation.override("en"):
        read_participant_file(content=xlsx(["x"], header=["NIP", "Nama"]), file_name="a.xlsx")
    with pytest.raises(ImportFileError):
        read_participant_file(content=b"not a workbook", file_name="a.xlsx")
    with pytest.raises(ImportFileError):
        read_participant_file(content=b"", file_name="a.pdf")


def test_the_template_has_the_columns_and_reads_back_as_one_valid_row():
    Agency.objects.create(name="Dinas Kependudukan dan Pencatatan Sipil")
    content = import_template_workbook()
    sheet = openpyxl.load_workbook(io.BytesIO(content))["Peserta"]

    assert [cell.value for cell in sheet[1]] == HEADER
    assert sheet["A2"].number_format == "@"
    rows = read_participant_file(content=content, file_name="template.xlsx")
    assert [result.status for result in check_import_rows(batch=BatchFactory(), rows=rows)] == [
        "new"
    ]


def test_the_check_runs_a_fixed_number_of_queries(django_assert_max_num_queries, agencies):
    rows = read_participant_file(content=SAMPLE.read_bytes(), file_name="x.xlsx")
    batch = BatchFactory()
    with django_assert_max_num_queries(5):
        check_import_rows(batch=batch, rows=rows)


def test_command_previews_as_json_without_importing(agencies, capsys):
    batch = BatchFactory()
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_participants", str(SAMPLE), batch=batch.pk, json=True, stdout=out)

    data = json.loads(out.getvalue())
    assert data["valid"] == 31
    assert [error["row"] for error in data["errors"]] == [3, 6, 10, 15, 17, 21, 28, 32, 40]
    assert {"row", "nip", "reason"} == set(data["errors"][0])
    assert data["errors"][-1]["nip"] == "199503082015012284"
    assert not batch.enrolments.exists()


def test_command_imports_with_commit_and_prints_a_table(agencies):
    batch = BatchFactory()
    out = io.StringIO()
    call_command("import_participants", str(SAMPLE), batch=batch.pk, commit=True, stdout=out)

    assert batch.enrolments.count() == 31
    assert "row    3  ERROR" in out.getvalue()
    assert "31 new accounts" in out.getvalue()


def test_a_new_participant_whose_nip_is_already_someones_user_name_gets_another():
    Agency.objects.create(name="Dinas Sosial")
    ParticipantFactory(username="198501012010011001", nip=None)
    log, _results = preview(BatchFactory(), xlsx(good_row()))

    run_participant_import(participant_import=log)

    assert User.objects.get(nip="198501012010011001").username == "198501012010011001-2"


def with_empty_formatted_rows(content: bytes, count: int) -> bytes:
    """The workbook ``content`` whose sheet goes on with ``count`` empty rows formatted as text."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook.active
    start = sheet.max_row + 1
    for number in range(start, start + count):
        sheet.cell(row=number, column=1).number_format = "@"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def upload_in_the_admin(client, batch, content, name="peserta.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(AdministratorFactory())
    return client.post(
        reverse("training_admin:import_upload", args=[batch.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


def test_a_header_only_workbook_is_refused_in_the_admin_with_a_translated_reason(client):
    batch = BatchFactory()

    response = upload_in_the_admin(client, batch, xlsx())

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Berkas tidak memuat baris peserta di bawah baris judul kolom."
    ]
    assert not ParticipantImport.objects.exists()


def test_a_header_only_csv_file_has_no_participant_rows_either():
    with pytest.raises(ImportFileError) as refused:
        read_participant_file(content=(";".join(HEADER) + "\n\n").encode(), file_name="a.csv")

    assert refused.value.code == "no_rows"


def test_a_workbook_that_goes_on_with_empty_formatted_rows_is_refused_naming_the_limit(
    client, agencies
):
    batch = BatchFactory()
    content = with_empty_formatted_rows(xlsx(good_row()), 6000)

    response = upload_in_the_admin(client, batch, content)

    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert "5000" in error and "baris" in error
    assert not ParticipantImport.objects.exists()
    assert not Enrolment.objects.exists()


def test_the_row_limit_is_a_setting_and_formatted_rows_within_it_are_ignored(settings, agencies):
    settings.IMPORT_MAX_ROWS = 30
    within = with_empty_formatted_rows(xlsx(good_row()), 29)
    beyond = with_empty_formatted_rows(xlsx(good_row()), 30)

    assert [row["nip"] for row in read_participant_file(content=within, file_name="a.xlsx")] == [
        "198501012010011001"
    ]
    with translation.override("en"):
        with pytest.raises(ImportFileError) as refused:
            read_participant_file(content=beyond, file_name="a.xlsx")
        assert "more than 30 rows" in refused.value.messages[0]
    assert refused.value.code == "too_many_rows"


def test_reading_stops_at_the_limit_however_long_the_sheet_goes_on(settings):
    """An endless sheet is refused after the limit: nothing reads a row further than that."""
    from itertools import count

    from training.spreadsheets import TooManyRows, bounded_rows

    settings.IMPORT_MAX_ROWS = 100
    read = []
    endless = ((read.append(number) or (None,)) for number in count(1))

    with pytest.raises(TooManyRows):
        for _row in bounded_rows(endless):
            pass
    assert len(read) == 102  # the header, 100 rows, and the one that says it goes on


def test_a_csv_file_longer_than_the_limit_is_refused_too(settings):
    settings.IMPORT_MAX_ROWS = 3
    content = (",".join(HEADER) + "\n" + "\n" * 10).encode()

    with pytest.raises(ImportFileError) as refused:
        read_participant_file(content=content, file_name="a.csv")

    assert refused.value.code == "too_many_rows"


def test_a_csv_file_in_neither_utf8_nor_windows_encoding_is_refused_with_a_reason():
    content = (",".join(HEADER) + "\n").encode() + b"\x81\x8d\x8f\n"

    with pytest.raises(ImportFileError) as refused:
        read_participant_file(content=content, file_name="a.csv")

    assert refused.value.code == "encoding"
