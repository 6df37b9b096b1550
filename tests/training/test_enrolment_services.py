"""Enrolment services: every state change, the rules of a batch, idempotency, capacity."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from tests.factories import AdministratorFactory, ParticipantFactory
from tests.training.factories import BatchFactory, EnrolmentFactory
from training.models import BatchStatus, Enrolment, EnrolmentPolicy, EnrolmentStatus
from training.services import (
    EnrolmentError,
    approve_enrolment,
    enrol_participant,
    reject_enrolment,
    withdraw_enrolment,
)

pytestmark = pytest.mark.django_db


def test_self_enrolment_in_an_open_batch_is_active_and_sends_an_email(
    participant, django_capture_on_commit_callbacks
):
    batch = BatchFactory()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = enrol_participant(batch=batch, participant=participant)

    assert enrolment.status == EnrolmentStatus.ACTIVE
    assert enrolment.enrolled_by is None
    assert [message.to for message in mail.outbox] == [[participant.email]]
    assert batch.course.title in mail.outbox[0].body


def test_enrolling_twice_returns_the_same_enrolment_and_sends_one_email(
    participant, django_capture_on_commit_callbacks
):
    batch = BatchFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = enrol_participant(batch=batch, participant=participant)
        second = enrol_participant(batch=batch, participant=participant)

    assert first.pk == second.pk
    assert Enrolment.objects.count() == 1
    assert len(mail.outbox) == 1


def test_batch_needing_approval_makes_a_pending_enrolment(participant):
    batch = BatchFactory(enrolment_policy=EnrolmentPolicy.APPROVAL)

    assert enrol_participant(batch=batch, participant=participant).status == "pending"


def test_invitation_only_batch_refuses_self_enrolment_but_not_an_administrator(participant):
    batch = BatchFactory(enrolment_policy=EnrolmentPolicy.INVITATION)
    with pytest.raises(EnrolmentError) as error:
        enrol_participant(batch=batch, participant=participant)
    assert error.value.code == "invitation"

    enrolment = enrol_participant(
        batch=batch, participant=participant, enrolled_by=AdministratorFactory()
    )
    assert enrolment.status == EnrolmentStatus.ACTIVE
    assert enrolment.decided_by == enrolment.enrolled_by


@pytest.mark.parametrize(
    "batch_fields",
    [
        {"status": BatchStatus.DRAFT},
        {"status": BatchStatus.RUNNING},
        {"enrolment_opens": timezone.now() + datetime.timedelta(days=1)},
        {"enrolment_closes": timezone.now() - datetime.timedelta(minutes=1)},
    ],
    ids=["draft", "running", "window-not-yet-open", "window-closed"],
)
def test_self_enrolment_outside_an_open_window_is_refused(participant, batch_fields):
    batch = BatchFactory(**batch_fields)

    with pytest.raises(EnrolmentError) as error:
        enrol_participant(batch=batch, participant=participant)
    assert error.value.code == "closed"
    assert not Enrolment.objects.exists()


def test_a_full_batch_refuses_the_next_participant_even_for_an_administrator():
    batch = BatchFactory(capacity=1)
    enrol_participant(batch=batch, participant=ParticipantFactory())

    with pytest.raises(EnrolmentError):
        enrol_participant(batch=batch, participant=ParticipantFactory())
    with pytest.raises(EnrolmentError):
        enrol_participant(
            batch=batch, participant=ParticipantFactory(), enrolled_by=AdministratorFactory()
        )
    assert batch.enrolments.count() == 1


def test_withdrawing_frees_the_place_and_allows_coming_back(participant):
    batch = BatchFactory(capacity=1)
    enrolment = enrol_participant(batch=batch, participant=participant)

    withdrawn = withdraw_enrolment(enrolment=enrolment)
    assert withdrawn.status == EnrolmentStatus.WITHDRAWN
    assert withdraw_enrolment(enrolment=enrolment).status == EnrolmentStatus.WITHDRAWN
    other = enrol_participant(batch=batch, participant=ParticipantFactory())
    assert other.status == EnrolmentStatus.ACTIVE
    withdraw_enrolment(enrolment=other)

    back = enrol_participant(batch=batch, participant=participant)
    assert back.pk == enrolment.pk
    assert back.status == EnrolmentStatus.ACTIVE


def test_a_completed_enrolment_cannot_be_withdrawn():
    enrolment = EnrolmentFactory(status=EnrolmentStatus.COMPLETED)

    with pytest.raises(EnrolmentError):
        withdraw_enrolment(enrolment=enrolment)


def test_approval_activates_a_pending_enrolment_once_and_sends_an_email(
    django_capture_on_commit_callbacks,
):
    enrolment = EnrolmentFactory(status=EnrolmentStatus.PENDING)
    administrator = AdministratorFactory()
    with django_capture_on_commit_callbacks(execute=True):
        approved = approve_enrolment(enrolment=enrolment, decided_by=administrator)
        again = approve_enrolment(enrolment=enrolment, decided_by=administrator)

    assert approved.status == again.status == EnrolmentStatus.ACTIVE
    assert approved.decided_by == administrator
    assert approved.decided_at is not None
    assert len(mail.outbox) == 1
    assert "approved" in mail.outbox[0].subject.lower() or "disetujui" in mail.outbox[0].subject


def test_rejection_is_final_for_self_enrolment_and_idempotent(participant):
    batch = BatchFactory(enrolment_policy=EnrolmentPolicy.APPROVAL)
    enrolment = enrol_participant(batch=batch, participant=participant)
    administrator = AdministratorFactory()

    assert reject_enrolment(enrolment=enrolment, decided_by=administrator).status == "rejected"
    assert reject_enrolment(enrolment=enrolment, decided_by=administrator).status == "rejected"
    with pytest.raises(EnrolmentError):
        enrol_participant(batch=batch, participant=participant)


def test_only_a_pending_enrolment_can_be_rejected():
    with pytest.raises(EnrolmentError):
        reject_enrolment(enrolment=EnrolmentFactory(), decided_by=AdministratorFactory())


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_capacity_holds_when_many_participants_enrol_at_the_same_moment():
    batch = BatchFactory(capacity=3)
    participants = [ParticipantFactory() for _ in range(10)]
    barrier = threading.Barrier(len(participants))
    outcomes = []

    def enrol(person):
        try:
            barrier.wait()
            enrol_participant(batch=batch, participant=person)
            outcomes.append("enrolled")
        except EnrolmentError:
            outcomes.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=enrol, args=(person,)) for person in participants]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("enrolled") == 3
    assert outcomes.count("full") == 7
    assert batch.enrolments.filter(status=EnrolmentStatus.ACTIVE).count() == 3
