"""
Issue 20: a confirmed participant import runs in a Celery task, chunk by chunk, with its
progress on a page that reloads itself; the e-mails go out from the worker, not the request.
"""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.brokers import use_broker
from tests.factories import TrainerFactory
from tests.training.test_import import SAMPLE, agencies, good_row, preview, xlsx  # noqa: F401
from training.models import CourseTrainer, ImportStatus, ParticipantImport
from training.services import imports, queue_participant_import, run_participant_import
from training.tasks import run_participant_import_task

from .factories import BatchFactory

pytestmark = pytest.mark.django_db

# An in-process broker: messages are taken and held, no worker runs them.
HOLDING_BROKER = "memory://"


@pytest.fixture
def administrator(administrator):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(administrator)
    profile.preferred_language = "en"
    profile.save()
    return administrator


def _rows(count):
    return [
        good_row(nip=f"1985010120100110{index:02d}", email=f"p{index}@example.go.id")
        for index in range(1, count + 1)
    ]


@pytest.fixture
def five_rows(db):
    from accounts.models import Agency

    Agency.objects.create(name="Dinas Sosial")
    batch = BatchFactory()
    log, _results = preview(batch, xlsx(*_rows(5)))
    return log


def _progress_url(log):
    return reverse("training_admin:import_progress", args=[log.batch_id, log.pk])


def _confirm_url(log):
    return reverse("training_admin:import_preview", args=[log.batch_id, log.pk])


def test_the_task_imports_chunk_by_chunk_and_records_the_counts(
    five_rows, monkeypatch, django_capture_on_commit_callbacks, eager_tasks
):
    monkeypatch.setattr(imports, "IMPORT_CHUNK_ROWS", 2)
    seen = []
    real_check = imports.check_import_rows

    def check_and_note(*, batch, rows):
        seen.append(len(rows))
        return real_check(batch=batch, rows=rows)

    monkeypatch.setattr(imports, "check_import_rows", check_and_note)

    with django_capture_on_commit_callbacks(execute=True):
        assert run_participant_import_task.apply(args=[five_rows.pk]).result == "done"

    log = ParticipantImport.objects.get(pk=five_rows.pk)
    assert seen == [2, 4, 5]
    assert log.status == ImportStatus.IMPORTED and log.imported_at
    assert (log.processed, log.total, log.percent) == (5, 5, 100)
    assert log.summary == {"created": 5, "invited": 5, "updated": 0, "enrolled": 5, "errors": 0}
    assert (log.created_count, log.enrolled_count) == (5, 5)
    assert len(mail.outbox) == 5
    # A second delivery of the same task changes nothing.
    assert run_participant_import_task.apply(args=[five_rows.pk]).result == "done"
    assert ParticipantImport.objects.get(pk=five_rows.pk).summary == log.summary


def test_a_failure_keeps_the_chunks_done_and_trying_again_goes_on_from_there(
    five_rows, monkeypatch, administrator, client, eager_tasks, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(imports, "IMPORT_CHUNK_ROWS", 2)
    real_row = imports.import_participant_row
    calls = []

    def fail_on_the_third_row(**kwargs):
        calls.append(kwargs["result"].nip)
        if len(calls) == 3:
            raise RuntimeError("mail server went away")
        return real_row(**kwargs)

    monkeypatch.setattr(imports, "import_participant_row", fail_on_the_third_row)
    assert run_participant_import_task.apply(args=[five_rows.pk]).result == "failed"

    log = ParticipantImport.objects.get(pk=five_rows.pk)
    assert log.status == ImportStatus.FAILED
    assert log.processed == 2
    assert "mail server went away" in log.failure
    assert User.objects.filter(nip__startswith="19850101").count() == 2
    client.force_login(administrator)
    page = client.get(_progress_url(log)).content.decode()
    assert "mail server went away" in page and "Try the import again" in page
    assert 'http-equiv="refresh"' not in page

    monkeypatch.setattr(imports, "import_participant_row", real_row)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_confirm_url(log))

    log.refresh_from_db()
    assert log.status == ImportStatus.IMPORTED
    assert log.summary == {"created": 5, "invited": 5, "updated": 0, "enrolled": 5, "errors": 0}
    assert User.objects.filter(nip__startswith="19850101").count() == 5


def test_confirming_returns_at_once_and_the_worker_sends_the_emails(
    agencies,  # noqa: F811
    client,
    administrator,
    django_capture_on_commit_callbacks,
    eager_tasks,
):
    batch = BatchFactory()
    log, _results = preview(batch, SAMPLE.read_bytes())
    client.force_login(administrator)

    with use_broker(HOLDING_BROKER, eager=False), django_capture_on_commit_callbacks(execute=True):
        response = client.post(_confirm_url(log))
    log.refresh_from_db()

    assert response.status_code == 302
    assert response["Location"] == _progress_url(log)
    assert mail.outbox == []
    assert not batch.enrolments.exists()
    assert log.status == ImportStatus.QUEUED and log.enqueued_at is not None
    page = client.get(_progress_url(log)).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "0 of 40 rows processed" in page
    assert f'href="{_progress_url(log)}"' in page  # the reload link, for no refresh at all

    # The worker's turn.
    with django_capture_on_commit_callbacks(execute=True):
        run_participant_import_task.apply(args=[log.pk])

    log.refresh_from_db()
    assert len(mail.outbox) == 31
    assert batch.enrolments.count() == 31
    assert log.imported_by == administrator
    page = client.get(_progress_url(log)).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert "40 of 40 rows processed" in page
    assert "Invitations to choose a password sent by e-mail" in page and "<td>31</td>" in page
    assert "Rows with errors, skipped" in page and "<td>9</td>" in page


def test_an_import_the_broker_did_not_take_waits_and_can_be_sent_again(
    five_rows, client, administrator, django_capture_on_commit_callbacks
):
    client.force_login(administrator)
    with (
        use_broker("redis://127.0.0.1:6399/0", eager=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(_confirm_url(five_rows))
    five_rows.refresh_from_db()
    assert five_rows.status == ImportStatus.QUEUED and five_rows.enqueued_at is None
    page = client.get(_progress_url(five_rows)).content.decode()
    assert 'name="resend"' in page

    with use_broker(HOLDING_BROKER, eager=False), django_capture_on_commit_callbacks(execute=True):
        client.post(_confirm_url(five_rows), {"resend": "1"})
    five_rows.refresh_from_db()
    assert five_rows.enqueued_at is not None


def test_embedded_mode_imports_in_the_request_and_ends_on_the_summary(
    five_rows, client, administrator, eager_tasks, django_capture_on_commit_callbacks
):
    client.force_login(administrator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_confirm_url(five_rows))
    page = client.get(response["Location"]).content.decode()

    assert response["Location"] == _progress_url(five_rows)
    assert 'id="import-status">Imported<' in page
    assert "5 of 5 rows processed" in page
    assert 'http-equiv="refresh"' not in page
    assert len(mail.outbox) == 5


def test_confirming_twice_queues_once(five_rows, administrator, django_capture_on_commit_callbacks):
    with (
        use_broker(HOLDING_BROKER, eager=False),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        queue_participant_import(participant_import=five_rows, imported_by=administrator)
        queue_participant_import(participant_import=five_rows, imported_by=administrator)
    assert len(callbacks) == 1


def test_the_command_still_imports_at_once(five_rows):
    outcome = run_participant_import(participant_import=five_rows)
    assert outcome.status == ImportStatus.IMPORTED
    assert outcome.created_count == 5


def test_trainers_cannot_follow_an_import(five_rows, client):
    trainer = TrainerFactory()
    CourseTrainer.objects.create(course=five_rows.batch.course, trainer=trainer)
    client.force_login(trainer)

    response = client.get(_progress_url(five_rows))

    assert response.status_code in (302, 403)
    assert response.get("Location", "/admin/") == "/admin/"
