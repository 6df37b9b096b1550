"""
Reminders by e-mail: a session tomorrow, a post-test or evaluation still open and a course
not finished as the batch ends. Each goes out once, and each kind can be turned off.
"""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from accounts.services import update_notification_preferences
from bimtek.celery import app as celery_app
from tests.training.assessment_factories import (
    correct_responses,
    make_evaluation_form,
    make_full_quiz,
)
from tests.training.factories import BatchFactory, BatchSessionFactory, EnrolmentFactory
from training import tasks
from training.models import (
    BatchStatus,
    DeliveryMode,
    EnrolmentStatus,
    EvaluationResponse,
    ReminderKind,
    SentReminder,
)
from training.services import (
    send_assessment_reminders,
    send_completion_reminders,
    send_session_reminders,
    start_attempt,
    submit_attempt,
)

pytestmark = pytest.mark.django_db

# Monday 7 December 2026, 20:00 WITA (12:00 UTC): "tomorrow" is Tuesday 8 December in WITA.
NOW = datetime.datetime(2026, 12, 7, 12, 0, tzinfo=datetime.UTC)
WITA = datetime.timezone(datetime.timedelta(hours=8))


def wita(day, hour, minute=0):
    return datetime.datetime(2026, 12, day, hour, minute, tzinfo=WITA)


def preferences(user, **off):
    choices = {
        "session_reminders": True,
        "assessment_reminders": True,
        "completion_reminders": True,
    }
    update_notification_preferences(user=user, **{**choices, **off})


@pytest.fixture
def session_tomorrow():
    batch = BatchFactory(mode=DeliveryMode.CLASSROOM, status=BatchStatus.RUNNING)
    return BatchSessionFactory(
        batch=batch,
        title="Praktik Penyusunan SP",
        starts_at=wita(8, 8, 30),
        ends_at=wita(8, 12),
        location="Aula BKPSDM",
        online_url="https://meet.example/sp",
    )


@time_machine.travel(NOW, tick=False)
def test_participants_get_one_e_mail_about_tomorrows_session(session_tomorrow):
    enrolment = EnrolmentFactory(batch=session_tomorrow.batch)
    EnrolmentFactory(batch=session_tomorrow.batch, status=EnrolmentStatus.WITHDRAWN)
    # Not tomorrow in WITA: 00:30 on the 9th in WITA is still the 8th in UTC.
    BatchSessionFactory(batch=session_tomorrow.batch, starts_at=wita(9, 0, 30))

    assert send_session_reminders() == 1

    [message] = mail.outbox
    assert message.to == [enrolment.participant.email]
    assert message.subject == "Besok: Praktik Penyusunan SP"
    assert "08.30–12.00 WITA" in message.body or "08:30–12:00 WITA" in message.body
    assert "Selasa, 8 Desember 2026" in message.body
    assert "Aula BKPSDM" in message.body and "https://meet.example/sp" in message.body
    assert "None" not in message.body and "UTC" not in message.body
    assert SentReminder.objects.get().session == session_tomorrow


@time_machine.travel(NOW, tick=False)
def test_a_reminder_goes_out_once_however_often_the_task_runs(session_tomorrow):
    EnrolmentFactory(batch=session_tomorrow.batch)

    assert send_session_reminders() == 1
    assert send_session_reminders() == 0
    assert len(mail.outbox) == 1
    assert SentReminder.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_a_failed_e_mail_leaves_no_record_and_is_sent_by_the_next_run(
    session_tomorrow, monkeypatch
):
    EnrolmentFactory(batch=session_tomorrow.batch)

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("training.emails.send_mail", broken)
    with pytest.raises(ConnectionRefusedError):
        send_session_reminders()
    assert not SentReminder.objects.exists()

    monkeypatch.undo()
    assert send_session_reminders() == 1


@time_machine.travel(NOW, tick=False)
def test_session_reminders_can_be_turned_off(session_tomorrow):
    enrolment = EnrolmentFactory(batch=session_tomorrow.batch)
    preferences(enrolment.participant, session_reminders=False)

    assert send_session_reminders() == 0
    assert mail.outbox == []


@pytest.fixture
def batch_ending_soon():
    """A running batch whose last day is in two days, with a post-test and an evaluation."""
    batch = BatchFactory(
        status=BatchStatus.RUNNING,
        starts_on=datetime.date(2026, 11, 9),
        ends_on=datetime.date(2026, 12, 9),
    )
    make_full_quiz(batch.course)
    make_evaluation_form(batch.course)
    return batch


@time_machine.travel(NOW, tick=False)
def test_open_post_test_and_evaluation_are_reminded_near_the_batch_end(batch_ending_soon):
    waiting = EnrolmentFactory(batch=batch_ending_soon)
    done = EnrolmentFactory(batch=batch_ending_soon)
    quiz = batch_ending_soon.course.quizzes.get()
    attempt = start_attempt(enrolment=done, quiz=quiz)
    submit_attempt(attempt=attempt, responses=correct_responses(quiz))
    EvaluationResponse.objects.create(
        form=batch_ending_soon.course.evaluation_forms.get(), enrolment=done
    )
    # A batch that ends later is not reminded yet.
    EnrolmentFactory(
        batch=BatchFactory(
            course=batch_ending_soon.course,
            status=BatchStatus.RUNNING,
            ends_on=datetime.date(2026, 12, 31),
        )
    )

    assert send_assessment_reminders() == 1
    assert send_assessment_reminders() == 0

    [message] = mail.outbox
    assert message.to == [waiting.participant.email]
    assert "- post-test" in message.body and "- evaluasi pelatihan" in message.body
    assert "9 Desember 2026" in message.body
    assert SentReminder.objects.get().kind == ReminderKind.ASSESSMENT_OPEN


@time_machine.travel(NOW, tick=False)
def test_assessment_reminders_can_be_turned_off(batch_ending_soon):
    enrolment = EnrolmentFactory(batch=batch_ending_soon)
    preferences(enrolment.participant, assessment_reminders=False)

    assert send_assessment_reminders() == 0
    # The other kinds still come.
    assert send_completion_reminders() == 1


@time_machine.travel(NOW, tick=False)
def test_unfinished_course_is_reminded_once_near_the_batch_end(batch_ending_soon):
    unfinished = EnrolmentFactory(batch=batch_ending_soon)
    EnrolmentFactory(
        batch=batch_ending_soon,
        status=EnrolmentStatus.COMPLETED,
        completed_at=timezone.now(),
    )
    EnrolmentFactory(
        batch=BatchFactory(status=BatchStatus.CANCELLED, ends_on=datetime.date(2026, 12, 8))
    )

    assert send_completion_reminders() == 1
    assert send_completion_reminders() == 0

    [message] = mail.outbox
    assert message.to == [unfinished.participant.email]
    assert "belum menyelesaikan pelatihan" in message.body


@time_machine.travel(NOW, tick=False)
def test_completion_reminders_can_be_turned_off_on_the_profile(client, batch_ending_soon):
    enrolment = EnrolmentFactory(batch=batch_ending_soon)
    client.force_login(enrolment.participant)
    response = client.post(
        "/akun/profil/pengingat/", {"session_reminders": "on", "assessment_reminders": "on"}
    )
    assert response.status_code == 302

    assert send_completion_reminders() == 0
    prefs = enrolment.participant.notification_preferences
    assert (prefs.session_reminders, prefs.assessment_reminders, prefs.completion_reminders) == (
        True,
        True,
        False,
    )


@time_machine.travel(NOW, tick=False)
def test_beat_runs_every_reminder_task_by_its_name(session_tomorrow, eager_tasks):
    EnrolmentFactory(batch=session_tomorrow.batch)
    names = {
        tasks.send_session_reminders_task.name,
        tasks.send_assessment_reminders_task.name,
        tasks.send_completion_reminders_task.name,
    }
    assert names <= {entry["task"] for entry in celery_app.conf.beat_schedule.values()}

    assert celery_app.tasks["training.send_session_reminders"].delay().get() == 1
