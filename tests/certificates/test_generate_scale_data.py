"""The scale-data generator: a small data set that is complete, consistent and numbered."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Page

from accounts.models import User
from accounts.nip import validate_nip
from certificates.models import Certificate, NumberSequence
from certificates.scale_data import NUMBER_PATTERN
from training.models import (
    Attempt,
    Batch,
    CoursePage,
    CourseTrainer,
    Enrolment,
    EnrolmentStatus,
    LessonPage,
    LessonProgress,
)
from training.scale_data import participant_nip

SMALL = {
    "participants": 40,
    "courses": 3,
    "batches": 6,
    "progress_rows": 600,
    "attempts": 80,
    "certificates": 12,
}


def generate(**sizes):
    out = io.StringIO()
    call_command("generate_scale_data", stdout=out, **{**SMALL, **sizes})
    return out.getvalue()


@pytest.mark.django_db
def test_the_command_builds_the_requested_sizes():
    output = generate()

    assert "Scale data generated" in output
    assert User.objects.filter(username__startswith="skala-", nip__isnull=False).count() == 40
    assert CoursePage.objects.filter(code__startswith="SK-").count() == 3
    assert LessonPage.objects.descendant_of(Page.objects.get(slug="skala")).count() == 3 * 10
    assert Batch.objects.count() == 6
    assert Enrolment.objects.count() == 60
    assert LessonProgress.objects.count() == 600
    assert Attempt.objects.count() == 80
    assert Certificate.objects.count() == 12
    assert CourseTrainer.objects.count() >= 3


@pytest.mark.django_db
def test_the_page_tree_it_writes_is_consistent_and_served():
    generate()

    assert all(not problems for problems in Page.find_problems())
    course = CoursePage.objects.get(code="SK-002")
    assert course.get_children().count() == 2
    assert course.url == "/skala/kursus-002/"


@pytest.mark.django_db
def test_certificates_are_numbered_without_gaps_and_the_sequence_continues():
    generate()

    for sequence in NumberSequence.objects.filter(pattern=NUMBER_PATTERN):
        values = sorted(
            Certificate.objects.filter(sequence_year=sequence.year).values_list(
                "sequence_value", flat=True
            )
        )
        assert values == list(range(1, sequence.last_value + 1))
    certificate = Certificate.objects.select_related("enrolment").first()
    assert certificate.enrolment.status == EnrolmentStatus.COMPLETED
    assert certificate.participant_nip == certificate.enrolment.participant.nip


@pytest.mark.django_db
def test_progress_keeps_past_dates_instead_of_the_moment_of_generation():
    generate()

    a_day_ago = timezone.now() - datetime.timedelta(days=1)
    assert LessonProgress.objects.filter(last_opened_at__lt=a_day_ago).exists()
    assert Enrolment.objects.filter(enrolled_at__lt=a_day_ago).exists()


@pytest.mark.django_db
def test_the_command_refuses_a_database_that_already_has_scale_data():
    generate()

    with pytest.raises(CommandError, match="already holds"):
        generate()


@pytest.mark.django_db
def test_the_command_refuses_more_enrolments_per_batch_than_participants():
    with pytest.raises(CommandError, match="participants"):
        generate(participants=5, batches=2, progress_rows=600)


def test_generated_nips_are_valid_and_unique():
    nips = [participant_nip(index) for index in range(12_000)]

    assert len(set(nips)) == len(nips)
    for nip in nips[::97]:
        validate_nip(nip)
