"""
Report exports speak the language of the admin user who downloads them (Wagtail's preferred
language), not the browser's: headings and translated cells (statuses, results), in .csv
(streamed after the view returns) and .xlsx, for every report.
"""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from certificates.models import Certificate, CertificateStatus
from tests.factories import AgencyFactory, ParticipantFactory
from training.models import Attempt, AttemptStatus, QuizKind

from ..training.assessment_factories import make_quiz
from .factories import BatchFactory, CertificateTemplateFactory, CompletedEnrolmentFactory

THIS_YEAR = timezone.localdate().year
# The browser asks for the other language: the user's own choice must win.
OTHER = {"en": "id", "id": "en"}
NUMBER = "800.2.3/0001/BKPSDM/I/2026"

# Expected per language: (URL name, query, {column heading: cell value of Ani's row}).
EXPECTED = {
    "en": [
        ("training_reports:enrolments", {}, {"Name": "Ani", "Status": "Completed"}),
        ("training_reports:assessments", {}, {"Name": "Ani", "Result": "Passed"}),
        ("training_reports:batch_assessments", {}, {"Batch": "Angkatan I", "Participants": "1"}),
        ("certificates_reports:jp_participants", {}, {"Name": "Ani", "Certificate number": NUMBER}),
        ("certificates_reports:jp_agencies", {}, {"Agency": "Dinas A", "Participants": "1"}),
        ("certificates_register:index", {}, {"Participant": "Ani", "Status": "Valid"}),
    ],
    "id": [
        ("training_reports:enrolments", {}, {"Nama": "Ani", "Status": "Selesai"}),
        ("training_reports:assessments", {}, {"Nama": "Ani", "Hasil": "Lulus"}),
        ("training_reports:batch_assessments", {}, {"Angkatan": "Angkatan I", "Peserta": "1"}),
        ("certificates_reports:jp_participants", {}, {"Nama": "Ani", "Nomor sertifikat": NUMBER}),
        ("certificates_reports:jp_agencies", {}, {"Unit kerja": "Dinas A", "Peserta": "1"}),
        ("certificates_register:index", {}, {"Peserta": "Ani", "Status": "Sah"}),
    ],
}


@pytest.fixture
def world(db):
    """Ani of Dinas A completed a 12 JP course this year, passed its post-test, holds a
    valid certificate."""
    batch = BatchFactory(
        name="Angkatan I",
        starts_on=timezone.localdate().replace(month=1, day=5),
        ends_on=timezone.localdate().replace(month=1, day=9),
    )
    ani = ParticipantFactory(full_name="Ani", agency=AgencyFactory(name="Dinas A"))
    enrolment = CompletedEnrolmentFactory(
        batch=batch, participant=ani, completed_at=timezone.now().replace(month=1, day=9)
    )
    Attempt.objects.create(
        enrolment=enrolment, quiz=make_quiz(batch.course, QuizKind.POST_TEST), number=1,
        status=AttemptStatus.GRADED, max_score=10, score=9, percentage=90, passed=True,
    )  # fmt: skip
    Certificate.objects.create(
        enrolment=enrolment,
        template=CertificateTemplateFactory(),
        status=CertificateStatus.VALID,
        code="LANGCODE01",
        number=NUMBER,
        issued_at=timezone.now(),
    )
    return enrolment


def _prefers(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save(update_fields=["preferred_language"])


def _rows(response, file_format):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if file_format == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("language", ["en", "id"])
def test_exports_follow_the_admin_users_language(
    client, administrator, world, language, file_format
):
    _prefers(administrator, language)
    client.force_login(administrator)

    for name, query, expected in EXPECTED[language]:
        response = client.get(
            reverse(name),
            {**query, "export": file_format},
            headers={"accept-language": OTHER[language]},
        )
        assert response.status_code == 200, name
        header, *rows = _rows(response, file_format)
        row = dict(zip(header, rows[0], strict=True))
        assert {heading: row.get(heading) for heading in expected} == expected, (name, header)


@pytest.mark.parametrize("language", ["en", "id"])
def test_report_pages_follow_the_admin_users_language(client, administrator, world, language):
    _prefers(administrator, language)
    client.force_login(administrator)
    headers = {"accept-language": OTHER[language]}

    evaluations = client.get(reverse("training_reports:evaluations"), headers=headers)
    ledger = client.get(reverse("certificates_reports:jp_participants"), headers=headers)

    subtitle, label = {
        "en": ("Groups with fewer than 3 ratings are not shown.", "Below the 20 JP target"),
        "id": ("Kelompok dengan kurang dari 3 penilaian tidak ditampilkan.",
               "Di bawah target 20 JP"),
    }[language]  # fmt: skip
    assert subtitle in evaluations.content.decode()
    assert label in ledger.content.decode()
