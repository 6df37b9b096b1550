"""Access rules as a matrix: participants see their own progress; trainers their batches."""

import pytest

from tests.factories import AdministratorFactory, ParticipantFactory, TrainerFactory
from tests.training.factories import BatchFactory, EnrolmentFactory, make_course
from training.models import CourseTrainer
from training.permissions import (
    batches_visible_to,
    can_follow_batch,
    can_manage_batch,
    can_view_progress,
    can_withdraw,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    course = make_course(modules=1, lessons=1)
    own_trainer, other_trainer = TrainerFactory(), TrainerFactory()
    CourseTrainer.objects.create(course=course, trainer=own_trainer)
    CourseTrainer.objects.create(course=make_course(modules=1, lessons=1), trainer=other_trainer)
    enrolment = EnrolmentFactory(batch=BatchFactory(course=course))
    return {
        "enrolment": enrolment,
        "people": {
            "owner": enrolment.participant,
            "other participant": ParticipantFactory(),
            "course trainer": own_trainer,
            "other trainer": other_trainer,
            "administrator": AdministratorFactory(),
        },
    }


@pytest.mark.parametrize(
    ("who", "progress", "follow", "manage", "withdraw"),
    [
        ("owner", True, False, False, True),
        ("other participant", False, False, False, False),
        ("course trainer", True, True, False, False),
        ("other trainer", False, False, False, False),
        ("administrator", True, True, True, False),
    ],
)
def test_access_matrix(world, who, progress, follow, manage, withdraw):
    user, enrolment = world["people"][who], world["enrolment"]

    assert can_view_progress(user, enrolment) is progress
    assert can_follow_batch(user, enrolment.batch) is follow
    assert can_manage_batch(user, enrolment.batch) is manage
    assert can_withdraw(user, enrolment) is withdraw


def test_trainer_sees_only_the_batches_of_their_courses(world):
    BatchFactory()
    trainer = world["people"]["course trainer"]

    assert list(batches_visible_to(trainer)) == [world["enrolment"].batch]


def test_a_participant_cannot_withdraw_someone_else(client, world):
    client.force_login(world["people"]["other participant"])

    response = client.post(f"/pendaftaran/{world['enrolment'].pk}/mundur/")

    assert response.status_code == 404  # not theirs: nothing says it exists
    world["enrolment"].refresh_from_db()
    assert world["enrolment"].status == "active"
