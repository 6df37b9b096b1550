"""
Issue 20: an administrator completes an enrolment by hand or changes its status, with a
mandatory reason kept in the audit log; trainers and participants cannot.
"""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.factories import AdministratorFactory, ParticipantFactory, TrainerFactory
from tests.training.factories import BatchFactory, EnrolmentFactory
from training.audit import ENROLMENT_STATUS_CHANGE
from training.models import CourseTrainer
from training.permissions import can_change_enrolment_status
from training.services import EnrolmentError, change_enrolment_status
from training.signals import enrolment_completed

pytestmark = pytest.mark.django_db

ACTIVE, COMPLETED, WITHDRAWN = "active", "completed", "withdrawn"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (ACTIVE, COMPLETED),
        (ACTIVE, WITHDRAWN),
        (WITHDRAWN, ACTIVE),
        (WITHDRAWN, COMPLETED),
        (COMPLETED, ACTIVE),
        ("pending", COMPLETED),
        ("rejected", ACTIVE),
    ],
)
def test_administrator_changes_a_status_and_the_audit_log_keeps_the_reason(
    before, after, administrator
):
    enrolment = EnrolmentFactory(status=before)

    changed = change_enrolment_status(
        enrolment=enrolment, status=after, reason="  Ikut kelas susulan  ", changed_by=administrator
    )

    assert changed.status == after
    assert (changed.completed_at is not None) == (after == COMPLETED)
    assert (changed.withdrawn_at is not None) == (after == WITHDRAWN)
    entry = ModelLogEntry.objects.get(action=ENROLMENT_STATUS_CHANGE)
    assert entry.object_id == str(enrolment.pk)
    assert entry.user_id == administrator.pk
    assert entry.data == {
        "batch_id": enrolment.batch_id,
        "from": before,
        "to": after,
        "reason": "Ikut kelas susulan",
    }


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_change_without_a_reason_is_refused(reason, administrator):
    enrolment = EnrolmentFactory()

    with pytest.raises(EnrolmentError) as error:
        change_enrolment_status(
            enrolment=enrolment, status=COMPLETED, reason=reason, changed_by=administrator
        )

    assert error.value.code == "reason"
    enrolment.refresh_from_db()
    assert enrolment.status == ACTIVE
    assert not ModelLogEntry.objects.filter(action=ENROLMENT_STATUS_CHANGE).exists()


@pytest.mark.parametrize("status", ["pending", "rejected", "nonsense"])
def test_only_active_completed_or_withdrawn_can_be_set(status, administrator):
    with pytest.raises(EnrolmentError) as error:
        change_enrolment_status(
            enrolment=EnrolmentFactory(), status=status, reason="x", changed_by=administrator
        )
    assert error.value.code == "status"


def test_setting_the_same_status_twice_logs_once(administrator):
    enrolment = EnrolmentFactory()
    for _ in range(2):
        change_enrolment_status(
            enrolment=enrolment, status=COMPLETED, reason="Luring", changed_by=administrator
        )
    assert ModelLogEntry.objects.filter(action=ENROLMENT_STATUS_CHANGE).count() == 1


def test_completion_by_hand_sends_the_completion_signal_after_commit(
    administrator, django_capture_on_commit_callbacks
):
    enrolment = EnrolmentFactory()
    received = []

    def listener(sender, enrolment, **kwargs):
        received.append(enrolment.pk)

    enrolment_completed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            change_enrolment_status(
                enrolment=enrolment, status=COMPLETED, reason="Luring", changed_by=administrator
            )
    finally:
        enrolment_completed.disconnect(listener)
    assert received == [enrolment.pk]


def test_a_withdrawal_taken_back_needs_a_free_place(administrator):
    batch = BatchFactory(capacity=1)
    withdrawn = EnrolmentFactory(batch=batch, status=WITHDRAWN)
    EnrolmentFactory(batch=batch)

    with pytest.raises(EnrolmentError) as error:
        change_enrolment_status(
            enrolment=withdrawn, status=ACTIVE, reason="Kembali", changed_by=administrator
        )
    assert error.value.code == "full"


# --- Who may: the rule and the admin screen, as a matrix ------------------------------


def _trainer_of(batch):
    trainer = TrainerFactory()
    CourseTrainer.objects.create(course=batch.course, trainer=trainer)
    return trainer


ROLES = {
    "administrator": lambda batch: AdministratorFactory(),
    "trainer of the course": _trainer_of,
    "another trainer": lambda batch: TrainerFactory(),
    "participant": lambda batch: ParticipantFactory(),
}
ALLOWED = {"administrator"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", [COMPLETED, WITHDRAWN])
def test_who_may_change_a_status(role, status, client):
    enrolment = EnrolmentFactory()
    user = ROLES[role](enrolment.batch)
    client.force_login(user)
    url = reverse("training_admin:enrolment_status", args=[enrolment.batch_id, enrolment.pk])

    page = client.get(url)
    response = client.post(url, {"status": status, "reason": "Ikut kelas luring"})

    enrolment.refresh_from_db()
    assert can_change_enrolment_status(user, enrolment) == (role in ALLOWED)
    if role in ALLOWED:
        assert page.status_code == 200
        assert response.status_code == 302
        assert response["Location"] == reverse(
            "training_admin:batch_progress", args=[enrolment.batch_id]
        )
        assert enrolment.status == status
    else:
        assert page.status_code in (302, 403)
        assert response.status_code in (302, 403)
        assert response.get("Location", "") in ("", "/admin/") or "/login/" in response["Location"]
        assert enrolment.status == ACTIVE
        assert not ModelLogEntry.objects.filter(action=ENROLMENT_STATUS_CHANGE).exists()


def test_the_form_refuses_an_empty_reason_and_says_so(client, administrator):
    enrolment = EnrolmentFactory()
    client.force_login(administrator)
    url = reverse("training_admin:enrolment_status", args=[enrolment.batch_id, enrolment.pk])

    response = client.post(url, {"status": COMPLETED, "reason": ""})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    enrolment.refresh_from_db()
    assert enrolment.status == ACTIVE


def test_progress_page_offers_the_change_to_administrators_only(client, administrator):
    enrolment = EnrolmentFactory()
    url = reverse("training_admin:enrolment_status", args=[enrolment.batch_id, enrolment.pk])
    progress = reverse("training_admin:batch_progress", args=[enrolment.batch_id])

    client.force_login(administrator)
    assert url in client.get(progress).content.decode()
    assert url in client.get(reverse("training_enrolments:index")).content.decode()

    client.force_login(_trainer_of(enrolment.batch))
    assert url not in client.get(progress).content.decode()
    assert url not in client.get(reverse("training_enrolments:index")).content.decode()
