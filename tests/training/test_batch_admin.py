"""The batch admin: listings per role, progress table and export, import, approvals."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.core import mail

from accounts.demo import AGENCIES
from accounts.models import Agency
from tests.factories import TrainerFactory
from tests.training.factories import (
    BatchFactory,
    BatchSessionFactory,
    EnrolmentFactory,
    lessons_of,
    make_course,
)
from training.models import CourseTrainer, EnrolmentStatus, ParticipantImport
from training.services import complete_lesson

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parent / "data" / "peserta-contoh.xlsx"


@pytest.fixture
def administrator(administrator):
    """The administrator reads the admin in English, so that tests can match its text."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(administrator)
    profile.preferred_language = "en"
    profile.save()
    return administrator


def refused(response) -> bool:
    """Wagtail's admin answers a permission denial by sending the user to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] in ("/admin/", "/admin/")
    )


def test_administrator_lists_every_batch_and_a_trainer_only_their_own(client, administrator):
    own = BatchFactory(name="Angkatan Sendiri")
    BatchFactory(name="Angkatan Lain")
    trainer = TrainerFactory()
    CourseTrainer.objects.create(course=own.course, trainer=trainer)

    client.force_login(administrator)
    html = client.get("/admin/training_batches/").content.decode()
    assert "Angkatan Sendiri" in html and "Angkatan Lain" in html

    client.force_login(trainer)
    html = client.get("/admin/training_batches/").content.decode()
    assert "Angkatan Sendiri" in html and "Angkatan Lain" not in html
    assert client.get(f"/admin/training/batches/{own.pk}/progress/").status_code == 200
    # Another course's batch is a 404, like one that does not exist; a screen that is not
    # for trainers at all is Wagtail's permission denied.
    other = BatchFactory()
    assert client.get(f"/admin/training/batches/{other.pk}/progress/").status_code == 404
    assert refused(client.get(f"/admin/training/batches/{own.pk}/import/"))


def test_participant_cannot_open_the_batch_admin(client, participant):
    batch = BatchFactory()
    client.force_login(participant)

    response = client.get(f"/admin/training/batches/{batch.pk}/progress/")

    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_progress_table_shows_percentages_per_module_and_exports_to_xlsx(client, administrator):
    course = make_course(modules=2, lessons=2)
    batch = BatchFactory(course=course)
    enrolment = EnrolmentFactory(batch=batch, participant__full_name="Siti Aminah")
    EnrolmentFactory(batch=batch, participant__full_name="Budi Santoso")
    first, second, third, _fourth = lessons_of(course)
    for lesson in (first, second, third):
        complete_lesson(enrolment=enrolment, lesson=lesson)
    client.force_login(administrator)

    html = client.get(f"/admin/training/batches/{batch.pk}/progress/").content.decode()
    assert "Siti Aminah" in html and "75%" in html

    response = client.get(f"/admin/training/batches/{batch.pk}/progress.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert [cell.value for cell in sheet[1]][4:7] == ["Modul 1", "Modul 2", "Overall (%)"]
    assert rows["Siti Aminah"][4:7] == (100, 50, 75)
    assert rows["Budi Santoso"][4:7] == (0, 0, 0)


def test_progress_page_query_count_does_not_grow_with_participants(
    client, administrator, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(batch):
        client.get(f"/admin/training/batches/{batch.pk}/progress/")
        with CaptureQueriesContext(connection) as captured:
            client.get(f"/admin/training/batches/{batch.pk}/progress/")
        return len(captured)

    client.force_login(administrator)
    small = BatchFactory(course=make_course(modules=1, lessons=1))
    EnrolmentFactory(batch=small)
    large = BatchFactory(course=make_course(modules=3, lessons=3))
    for _ in range(8):
        EnrolmentFactory(batch=large)

    baseline = queries_for(small)
    assert queries_for(large) == baseline
    with django_assert_max_num_queries(baseline):
        client.get(f"/admin/training/batches/{large.pk}/progress/")


def test_import_through_the_admin_previews_then_imports_the_valid_rows(
    client, administrator, django_capture_on_commit_callbacks, eager_tasks
):
    for name, short_name in AGENCIES:
        Agency.objects.get_or_create(name=name, defaults={"short_name": short_name})
    batch = BatchFactory()
    client.force_login(administrator)

    with SAMPLE.open("rb") as upload:
        response = client.post(f"/admin/training/batches/{batch.pk}/import/", {"file": upload})
    log = ParticipantImport.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/import/{log.pk}/")
    html = client.get(response["Location"]).content.decode()
    assert "31 new participants" in html
    assert "9 rows with errors will be skipped" in html
    assert "format the NIP column as text" in html
    assert not batch.enrolments.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/training/batches/{batch.pk}/import/{log.pk}/")
    assert response.status_code == 302
    assert batch.enrolments.count() == 31
    log.refresh_from_db()
    assert (log.uploaded_by, log.created_count, log.error_count) == (administrator, 31, 9)
    assert len(mail.outbox) == 31


def test_uploading_a_file_of_the_wrong_type_shows_an_error(client, administrator):
    batch = BatchFactory()
    client.force_login(administrator)

    response = client.post(
        f"/admin/training/batches/{batch.pk}/import/",
        {"file": io.BytesIO(b"%PDF-1.4")},
    )

    assert response.status_code == 200
    assert not ParticipantImport.objects.exists()


def test_template_download_is_an_xlsx_for_administrators_only(client, administrator, trainer):
    client.force_login(trainer)
    assert refused(client.get("/admin/training/import-template.xlsx"))
    client.force_login(administrator)

    response = client.get("/admin/training/import-template.xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Peserta"]
    assert sheet["A1"].value == "NIP"


def test_administrator_approves_and_rejects_pending_enrolments(client, administrator):
    batch = BatchFactory()
    waiting = EnrolmentFactory(batch=batch, status=EnrolmentStatus.PENDING)
    refused = EnrolmentFactory(batch=batch, status=EnrolmentStatus.PENDING)
    client.force_login(administrator)
    url = f"/admin/training/batches/{batch.pk}/enrolments/"

    client.post(f"{url}{waiting.pk}/decide/", {"decision": "approve"})
    client.post(f"{url}{refused.pk}/decide/", {"decision": "reject"})

    waiting.refresh_from_db()
    refused.refresh_from_db()
    assert (waiting.status, refused.status) == ("active", "rejected")


def test_trainer_marks_attendance_and_opens_a_check_in_code(client):
    session = BatchSessionFactory()
    enrolment = EnrolmentFactory(batch=session.batch)
    trainer = TrainerFactory()
    CourseTrainer.objects.create(course=session.batch.course, trainer=trainer)
    client.force_login(trainer)
    url = f"/admin/training/sessions/{session.pk}/attendance/"

    client.post(url, {f"status-{enrolment.pk}": "present"})
    client.post(url, {"open_check_in": "1"})
    html = client.get(url).content.decode()

    assert enrolment.attendances.get().status == "present"
    session.refresh_from_db()
    assert session.check_in_code in html and "<svg" in html


def test_administrator_enrols_a_participant_through_the_enrolment_admin(
    client, administrator, participant
):
    batch = BatchFactory(enrolment_policy="invitation")
    client.force_login(administrator)

    response = client.post(
        "/admin/training_enrolments/new/", {"batch": batch.pk, "participant": participant.pk}
    )

    assert response.status_code == 302
    enrolment = batch.enrolments.get()
    assert (enrolment.participant, enrolment.enrolled_by) == (participant, administrator)


def test_trainer_schedules_sessions_only_for_their_own_batches(client):
    own = BatchFactory(mode="luring")
    other_session = BatchSessionFactory()
    trainer = TrainerFactory()
    CourseTrainer.objects.create(course=own.course, trainer=trainer)
    client.force_login(trainer)

    form = client.get("/admin/training_sessions/new/").context["form"]
    edit_other = client.get(f"/admin/training_sessions/edit/{other_session.pk}/")

    assert list(form.fields["batch"].queryset) == [own]
    assert edit_other.status_code == 404


def test_the_batch_form_offers_each_course_once(client, administrator):
    from tests.training.page_factories import translate_tree

    course = make_course(modules=1, lessons=1, title="Kursus Sekali Saja")
    translate_tree(course)
    other = make_course(modules=1, lessons=1, title="Kursus Fasilitator")
    trainer = TrainerFactory()
    CourseTrainer.objects.create(course=other, trainer=trainer)

    client.force_login(administrator)
    form = client.get("/admin/training_batches/new/").context["form"]
    titles = [str(choice) for _value, choice in form.fields["course"].choices if _value]
    assert titles.count("Kursus Sekali Saja") == 1
    assert "Kursus Fasilitator" in titles

    # Trainers do not add batches; were they to, only their own course would be offered.
    from training.permissions import courses_for_batches

    assert [str(c) for c in courses_for_batches(trainer)] == ["Kursus Fasilitator"]
