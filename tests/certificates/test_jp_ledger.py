"""The JP ledger: figures per participant and agency, the export, the command, permissions."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from certificates.jp_ledger import agency_ledger, average_jp, participant_ledger
from certificates.jp_ledger import share_meeting_target as share
from certificates.models import Certificate, CertificateStatus
from tests.factories import AgencyFactory, ParticipantFactory, TrainerFactory
from training.models import Batch, CourseTrainer, EnrolmentStatus

from .factories import (
    BatchFactory,
    CertificateTemplateFactory,
    CompletedEnrolmentFactory,
    make_course,
)

YEAR = 2026
IN_2026 = timezone.make_aware(datetime.datetime(2026, 3, 6, 15))
IN_2025 = timezone.make_aware(datetime.datetime(2025, 11, 20, 15))
HEADINGS = [
    "NIP", "Name", "Rank/grade", "Position", "Agency", "Course", "Course code", "Organiser",
    "Partner", "Batch", "Starts on", "Ends on", "JP", "Certificate number",
]  # fmt: skip


@pytest.fixture
def ledger(db):
    """
    Agency A: Ani 12 + 8 = 20 JP (meets the target), Budi 12 JP. Agency B: Citra 24 JP,
    Dedi enrolled but not completed (0 JP), Eka 8 JP in 2025 only (0 JP in 2026).
    """
    a = AgencyFactory(name="Dinas A")
    b = AgencyFactory(name="Dinas B")
    c12 = BatchFactory(course=make_course(title="Kursus Dua Belas", code="K-12", jp="12.0"))
    c8 = BatchFactory(course=make_course(title="Kursus Delapan", code="K-08", jp="8.0"))
    c24 = BatchFactory(course=make_course(title="Kursus Dua Empat", code="K-24", jp="24.0"))
    people = {
        name: ParticipantFactory(full_name=name, agency=agency)
        for name, agency in [("Ani", a), ("Budi", a), ("Citra", b), ("Dedi", b), ("Eka", b)]
    }
    first = CompletedEnrolmentFactory(batch=c12, participant=people["Ani"], completed_at=IN_2026)
    CompletedEnrolmentFactory(batch=c8, participant=people["Ani"], completed_at=IN_2026)
    CompletedEnrolmentFactory(batch=c12, participant=people["Budi"], completed_at=IN_2026)
    CompletedEnrolmentFactory(batch=c24, participant=people["Citra"], completed_at=IN_2026)
    CompletedEnrolmentFactory(
        batch=c24, participant=people["Dedi"], status=EnrolmentStatus.ACTIVE, completed_at=None
    )
    CompletedEnrolmentFactory(batch=c8, participant=people["Eka"], completed_at=IN_2025)
    Certificate.objects.create(
        enrolment=first,
        template=CertificateTemplateFactory(),
        status=CertificateStatus.VALID,
        code="TESTCODE01",
        number="800.2.3/0001/BKPSDM/III/2026",
        issued_at=IN_2026,
    )
    return {"people": people, "batches": {"12": c12, "8": c8, "24": c24}}


def test_participants_below_20_jp_are_flagged(ledger):
    rows = {u.full_name: u for u in participant_ledger(Batch.objects.all(), YEAR)}

    assert {name: (row.jp, row.trainings, row.below_target) for name, row in rows.items()} == {
        "Ani": (Decimal("20.0"), 2, False),
        "Budi": (Decimal("12.0"), 1, True),
        "Citra": (Decimal("24.0"), 1, False),
        "Dedi": (Decimal("0"), 0, True),
        "Eka": (Decimal("0"), 0, True),
    }


def test_agency_figures_count_everyone_enrolled_and_only_the_year(ledger):
    rows = {agency.name: agency for agency in agency_ledger(Batch.objects.all(), YEAR)}

    a, b = rows["Dinas A"], rows["Dinas B"]
    assert (a.participants, a.total_jp, a.meeting_target) == (2, Decimal("32.0"), 1)
    assert (average_jp(a), share(a)) == (Decimal("16.0"), 50.0)
    assert (b.participants, b.total_jp, b.meeting_target) == (3, Decimal("24.0"), 1)
    assert (average_jp(b), share(b)) == (Decimal("8.0"), 33.3)
    last_year = {agency.name: agency for agency in agency_ledger(Batch.objects.all(), 2025)}
    assert last_year["Dinas B"].total_jp == Decimal("8.0")


def login_in_english(client, user):
    """The admin speaks Indonesian unless a user chooses; these tests read English."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)


def _export(client, fmt, **params):
    url = reverse("certificates_reports:jp_participants")
    response = client.get(url, {"year": YEAR, "export": fmt, **params})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_the_xlsx_export_has_one_row_per_completed_training(client, administrator, ledger):
    login_in_english(client, administrator)

    sheet = openpyxl.load_workbook(io.BytesIO(_export(client, "xlsx"))).active

    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADINGS
    ani = ledger["people"]["Ani"]
    assert len(rows) == 1 + 4
    first = rows[1]
    assert first[0] == ani.nip and isinstance(first[0], str)
    assert first[1:3] == ("Ani", "Penata Muda (III/a)")
    assert first[4:7] == ("Dinas A", "Kursus Dua Belas", "K-12")
    assert first[7].startswith("Badan Kepegawaian")
    assert first[9] == ledger["batches"]["12"].name
    assert first[10].date() == datetime.date(2026, 3, 2)
    assert first[11].date() == datetime.date(2026, 3, 6)
    assert (first[12], first[13]) == (12, "800.2.3/0001/BKPSDM/III/2026")
    assert [row[1] for row in rows[1:]] == ["Ani", "Ani", "Budi", "Citra"]
    assert rows[2][13] is None


def test_the_csv_export_filtered_to_one_agency(client, administrator, ledger):
    login_in_english(client, administrator)
    agency = ledger["people"]["Citra"].agency

    text = _export(client, "csv", agency=agency.pk).decode("utf-8-sig")

    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == HEADINGS
    assert [(row[1], row[5], row[12], row[13]) for row in rows[1:]] == [
        ("Citra", "Kursus Dua Empat", "24", "")
    ]


def test_the_command_writes_the_year_unattended(ledger, tmp_path):
    out = io.StringIO()
    call_command("export_jp_ledger", year=YEAR, output=str(tmp_path / "jp.xlsx"),
                 language="en", stdout=out)  # fmt: skip

    sheet = openpyxl.load_workbook(tmp_path / "jp.xlsx").active
    assert [cell.value for cell in sheet[1]] == HEADINGS
    assert sheet.max_row == 5
    assert sheet["A2"].value == ledger["people"]["Ani"].nip
    assert "4 completed trainings of 2026" in out.getvalue()

    call_command("export_jp_ledger", year=2025, output=str(tmp_path / "jp.csv"),
                 agency="Dinas B", language="en", stdout=out)  # fmt: skip
    rows = list(csv.reader((tmp_path / "jp.csv").read_text("utf-8-sig").splitlines()))
    assert [(row[1], row[12]) for row in rows[1:]] == [("Eka", "8")]


def test_the_command_refuses_an_unknown_format(db, tmp_path):
    with pytest.raises(CommandError, match=r"\.xlsx or \.csv"):
        call_command("export_jp_ledger", year=YEAR, output=str(tmp_path / "jp.pdf"))


def test_the_participant_page_shows_the_flag_and_the_certificate_number(
    client, administrator, ledger
):
    login_in_english(client, administrator)

    response = client.get(reverse("certificates_reports:jp_participants"), {"year": YEAR})

    html = response.content.decode()
    assert response.status_code == 200
    assert "800.2.3/0001/BKPSDM/III/2026" in html
    assert "Kursus Dua Belas; Kursus Delapan" in html
    below = client.get(
        reverse("certificates_reports:jp_participants"),
        {"year": YEAR, "below_target": "true"},
    ).content.decode()
    assert "Budi" in below and "Dedi" in below and "Citra" not in below


def test_a_trainer_reads_the_ledger_of_their_own_courses_only(client, ledger):
    trainer = TrainerFactory()
    CourseTrainer.objects.create(course=ledger["batches"]["24"].course, trainer=trainer)
    login_in_english(client, trainer)

    html = client.get(
        reverse("certificates_reports:jp_participants"), {"year": YEAR}
    ).content.decode()

    assert "Citra" in html and "Dedi" in html
    assert "Ani" not in html and "Budi" not in html


def test_a_participant_gets_no_report(client, ledger):
    login_in_english(client, ledger["people"]["Ani"])

    for name in ("jp_participants", "jp_agencies"):
        response = client.get(reverse(f"certificates_reports:{name}"))
        assert response.status_code in (302, 403)
        assert b"Dinas A" not in response.content


def _add_people(count, batch):
    for _index in range(count):
        CompletedEnrolmentFactory(batch=batch, completed_at=IN_2026)


@pytest.mark.parametrize("name", ["jp_participants", "jp_agencies"])
def test_query_count_does_not_grow_with_rows(
    client, administrator, ledger, django_assert_max_num_queries, name
):
    login_in_english(client, administrator)
    url = reverse(f"certificates_reports:{name}")
    _add_people(3, ledger["batches"]["12"])
    client.get(url, {"year": YEAR})  # warm caches (site settings, content types)
    with django_assert_max_num_queries(40) as small:
        client.get(url, {"year": YEAR})
    _add_people(30, ledger["batches"]["8"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url, {"year": YEAR}).status_code == 200


def test_the_below_target_filter_both_ways_and_the_agency_page_sorted_by_figures(
    client, administrator, ledger
):
    login_in_english(client, administrator)
    url = reverse("certificates_reports:jp_participants")

    meeting = client.get(url, {"year": YEAR, "below_target": "false"}).content.decode()
    agencies = reverse("certificates_reports:jp_agencies")
    by_total = client.get(agencies, {"year": YEAR, "ordering": "-total_jp"}).content.decode()
    by_name = client.get(agencies, {"year": YEAR, "ordering": "name"}).content.decode()

    assert "Ani" in meeting and "Citra" in meeting
    assert "Budi" not in meeting and "Dedi" not in meeting
    # Dinas A holds 32 JP, Dinas B 24: by total, A comes first; by name too.
    assert by_total.index("Dinas A") < by_total.index("Dinas B")
    assert by_name.index("Dinas A") < by_name.index("Dinas B")
    by_participants = client.get(agencies, {"year": YEAR, "ordering": "-participants"})
    html = by_participants.content.decode()
    assert html.index("Dinas B") < html.index("Dinas A")  # 3 people against 2
