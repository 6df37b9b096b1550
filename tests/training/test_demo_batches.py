"""Demo batches: an open batch per demo course, the demo participant enrolled in the first."""

import pytest

from accounts import demo as accounts_demo
from tests.training.factories import make_course
from training import demo_batches
from training.models import Batch, Enrolment

pytestmark = pytest.mark.django_db


def test_without_courses_the_seed_does_nothing_quietly():
    lines = []

    demo_batches.seed(lines.append)

    assert not Batch.objects.exists() and lines == []


def test_seed_opens_a_batch_per_course_and_enrols_peserta_once():
    accounts_demo.seed(lambda line: None)  # the demo users, without the demo courses
    first, second = make_course(modules=1, lessons=1), make_course(modules=1, lessons=1)

    demo_batches.seed(lambda line: None)
    demo_batches.seed(lambda line: None)

    assert sorted(Batch.objects.values_list("course_id", "status")) == [
        (first.pk, "open"),
        (second.pk, "open"),
    ]
    enrolment = Enrolment.objects.get()
    assert (enrolment.participant.username, enrolment.batch.course_id) == ("peserta", first.pk)
