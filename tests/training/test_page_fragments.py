"""The fragments course and lesson pages include: enrolment panel, lesson actions, outline."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from tests.training.factories import BatchFactory, lessons_of, make_course
from training.models import EnrolmentPolicy, LessonProgress
from training.services import complete_lesson, enrol_participant

pytestmark = pytest.mark.django_db


def test_course_page_offers_open_batches_and_enrols_without_javascript(client, participant):
    course = make_course(modules=1, lessons=2)
    batch = BatchFactory(course=course, capacity=30, name="Angkatan II")
    BatchFactory(course=course, status="draft", name="Angkatan Rahasia")
    client.force_login(participant)

    html = client.get("/en" + course.url).content.decode()
    assert "Angkatan II" in html and "Angkatan Rahasia" not in html
    assert "0 of 30 taken" in html

    response = client.post(f"/en/angkatan/{batch.pk}/daftar/", {"next": course.url})
    assert response.status_code == 302 and response["Location"] == course.url
    html = client.get("/en" + course.url).content.decode()
    assert 'data-next-step="lesson"' in html and "Continue with the lesson" in html
    assert "Withdraw from this batch" in html


def test_enrolment_next_parameter_cannot_redirect_off_site(client, participant):
    batch = BatchFactory()
    client.force_login(participant)

    response = client.post(f"/angkatan/{batch.pk}/daftar/", {"next": "https://evil.example/"})

    assert response["Location"] == batch.course.url


def test_course_page_for_approval_batch_says_the_organiser_approves(client, participant):
    course = make_course(modules=1, lessons=1)
    BatchFactory(course=course, enrolment_policy=EnrolmentPolicy.APPROVAL)
    client.force_login(participant)

    html = client.get("/en" + course.url).content.decode()

    assert "Ask to enrol" in html


def test_anonymous_visitor_is_asked_to_sign_in_to_enrol(client):
    course = make_course(modules=1, lessons=1)
    BatchFactory(course=course)

    html = client.get(course.url).content.decode()

    assert "/akun/masuk/?next=" in html


def test_viewing_a_lesson_records_it_opened_and_mark_done_moves_the_progress_bar(
    client, participant
):
    course = make_course(modules=1, lessons=4)
    enrolment = enrol_participant(batch=BatchFactory(course=course), participant=participant)
    first, second, *_rest = lessons_of(course)
    client.force_login(participant)

    html = client.get("/en" + first.url).content.decode()
    assert LessonProgress.objects.filter(enrolment=enrolment, lesson=first).exists()
    assert 'max="100" value="0"' in html and "Mark as done" in html

    response = client.post(f"/en/pelajaran/{first.pk}/selesai/")
    assert response.status_code == 302
    html = client.get("/en" + first.url).content.decode()
    assert 'max="100" value="25"' in html
    assert "You have marked this lesson as done." in html
    assert f'href="{second.url}"' in html and 'rel="next"' in html


def test_locked_lesson_shows_the_lock_notice_and_no_mark_done_button(client, participant):
    course = make_course(modules=1, lessons=3, sequential=True)
    enrol_participant(batch=BatchFactory(course=course), participant=participant)
    client.force_login(participant)

    html = client.get("/en" + lessons_of(course)[2].url).content.decode()

    assert "This lesson is still locked" in html
    assert "Mark as done" not in html


def test_outline_marks_done_and_locked_lessons_server_side(client, participant):
    course = make_course(modules=1, lessons=3, sequential=True)
    enrolment = enrol_participant(batch=BatchFactory(course=course), participant=participant)
    first, _second, third = lessons_of(course)
    complete_lesson(enrolment=enrolment, lesson=first)
    client.force_login(participant)

    html = client.get("/en" + course.url).content.decode()

    assert f'data-lesson-id="{first.pk}" class="is-done"' in html
    assert f'data-lesson-id="{third.pk}" class="is-locked"' in html
    assert "<style" not in html, "the Content-Security-Policy allows no inline style"
    assert "1 of 3 lessons done" in html


def test_english_lesson_page_links_to_english_lessons_and_updates_the_original_record(
    client, participant
):
    course = make_course(modules=1, lessons=2)
    enrolment = enrol_participant(batch=BatchFactory(course=course), participant=participant)
    english = Locale.objects.get_or_create(language_code="en")[0]
    first, second = lessons_of(course)
    first_en = first.copy_for_translation(english, copy_parents=True)
    first_en.save_revision().publish()
    second_en = second.copy_for_translation(english, copy_parents=True)
    second_en.save_revision().publish()
    client.force_login(participant)

    html = client.get(first_en.url).content.decode()
    client.post(f"/en/pelajaran/{first_en.pk}/selesai/")

    assert f'href="{second_en.specific.url}"' in html
    record = LessonProgress.objects.get(enrolment=enrolment)
    assert record.lesson_id == first.pk and record.completed_at


def lesson_page_queries(client, lesson):
    client.get(lesson.url)  # warms the caches (site, chrome, the course's outline)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(lesson.url).status_code == 200
    return len(queries)


def test_lesson_page_query_count_does_not_grow_with_lessons_or_enrolments(
    client, participant, django_assert_max_num_queries
):
    client.force_login(participant)
    small = make_course(modules=1, lessons=2)
    enrol_participant(batch=BatchFactory(course=small), participant=participant)
    baseline = lesson_page_queries(client, lessons_of(small)[1])
    # Session, user, routing (locale, three pages), enrolment, progress and its update.
    assert baseline <= 10

    large = make_course(modules=4, lessons=6)
    enrolment = enrol_participant(batch=BatchFactory(course=large), participant=participant)
    for lesson in lessons_of(large)[:10]:
        complete_lesson(enrolment=enrolment, lesson=lesson)
    for _ in range(3):
        enrol_participant(
            batch=BatchFactory(course=make_course(modules=1, lessons=1)), participant=participant
        )

    assert lesson_page_queries(client, lessons_of(large)[11]) == baseline
    lesson = lessons_of(large)[12]
    client.get(lesson.url)
    with django_assert_max_num_queries(baseline):
        client.get(lesson.url)
