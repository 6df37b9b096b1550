"""
The order of a course (``training.course_flow``): pre-test first, locked lessons without their
content, quizzes and the evaluation in sequence, and the next step first on the course page.
"""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from tests.training.factories import BatchFactory, lessons_of, make_course
from training.course_flow import LockReason, StepKind, course_flow
from training.models import Enrolment, EnrolmentStatus, QuizKind
from training.services import (
    EnrolmentError,
    complete_lesson,
    enrol_participant,
    start_attempt,
    submit_attempt,
    submit_evaluation,
)

from .assessment_factories import correct_responses, make_evaluation_form, make_full_quiz

pytestmark = pytest.mark.django_db

SECRET = "Isi rahasia pelajaran"


def _course(**fields):
    course = make_course(modules=1, lessons=2, **fields)
    for lesson in lessons_of(course):
        lesson.body = [{"type": "paragraph", "value": f"<p>{SECRET} {lesson.title}</p>"}]
        lesson.save_revision().publish()
    return course


def _enrol(course, participant):
    enrolment = enrol_participant(batch=BatchFactory(course=course), participant=participant)
    return Enrolment.objects.select_related("batch__course").get(pk=enrolment.pk)


def _flow(enrolment):
    return course_flow(Enrolment.objects.select_related("batch__course").get(pk=enrolment.pk))


def _take(enrolment, quiz, responses=None):
    attempt = start_attempt(enrolment=enrolment, quiz=quiz)
    return submit_attempt(attempt=attempt, responses=responses or {})


def test_pre_test_first_locks_the_lessons_and_leaves_their_content_out(client, participant):
    course = _course(pre_test_first=True)
    pre_test = make_full_quiz(course, QuizKind.PRE_TEST, title="Pre-test PP")
    enrolment = _enrol(course, participant)
    first, _second = lessons_of(course)
    client.force_login(participant)

    html = client.get("/en" + first.url).content.decode()

    assert SECRET not in html
    assert "This lesson is still locked" in html
    assert "Take the pre-test first" in html
    assert f'href="/en/kuis/{pre_test.pk}/"' in html
    assert "Mark as done" not in html
    with pytest.raises(EnrolmentError) as error:
        complete_lesson(enrolment=enrolment, lesson=first)
    assert error.value.code == "locked"

    _take(enrolment, pre_test)
    html = client.get("/en" + first.url).content.decode()
    assert SECRET in html and "Mark as done" in html


def test_a_lesson_locked_in_sequence_shows_why_and_not_its_text(client, participant):
    course = _course(sequential=True)
    _enrol(course, participant)
    _first, second = lessons_of(course)
    client.force_login(participant)

    html = client.get("/en" + second.url).content.decode()

    assert SECRET not in html
    assert "The lessons of this course open in order" in html


def test_a_locked_lesson_stays_without_content_in_the_personal_page_cache(
    client, participant, settings
):
    settings.PERSONAL_PAGE_CACHE_SECONDS = 300
    cache.clear()
    course = _course(pre_test_first=True)
    pre_test = make_full_quiz(course, QuizKind.PRE_TEST)
    enrolment = _enrol(course, participant)
    first, _second = lessons_of(course)
    client.force_login(participant)
    client.get("/en/")  # the CSRF cookie, without which nothing is cached

    pages = [client.get("/en" + first.url) for _ in range(3)]
    assert pages[-1]["X-Page-Cache"] == "personal"
    assert not any(SECRET in page.content.decode() for page in pages)

    # The pre-test is sent through the site (a POST), which forgets the stored pages.
    attempt = start_attempt(enrolment=enrolment, quiz=pre_test)
    client.post(
        f"/en/kuis/{pre_test.pk}/percobaan/{attempt.pk}/",
        {f"q-{pk}": value for pk, value in correct_responses(pre_test).items()} | {"confirm": 1},
    )
    assert SECRET in client.get("/en" + first.url).content.decode()


def test_post_test_opens_after_the_lessons_and_the_evaluation_after_the_post_test(
    client, participant
):
    course = _course(assessments_in_order=True, require_post_test=True)
    post_test = make_full_quiz(course, QuizKind.POST_TEST, title="Post-test PP")
    make_evaluation_form(course)
    enrolment = _enrol(course, participant)
    client.force_login(participant)

    assert _flow(enrolment).quiz_lock(post_test) == LockReason.LESSONS
    with pytest.raises(PermissionDenied):
        start_attempt(enrolment=enrolment, quiz=post_test)
    html = client.get(f"/en/kuis/{post_test.pk}/").content.decode()
    assert "This quiz is still locked" in html and "Start the quiz" not in html

    html = client.get(f"/en/evaluasi/{course.pk}/").content.decode()
    assert "The evaluation is still locked" in html and "likert" not in html
    with pytest.raises(PermissionDenied):
        submit_evaluation(enrolment=enrolment, answers={})

    for lesson in lessons_of(course):
        complete_lesson(enrolment=enrolment, lesson=lesson)
    assert _flow(enrolment).quiz_lock(post_test) is None
    assert _flow(enrolment).evaluation_lock() == LockReason.POST_TEST
    _take(enrolment, post_test, correct_responses(post_test))
    assert _flow(enrolment).evaluation_lock() is None


def test_a_module_quiz_opens_when_its_module_lessons_are_done(participant):
    course = _course(assessments_in_order=True)
    module = course.get_children().specific().first()
    quiz = make_full_quiz(course, QuizKind.MODULE, module=module)
    enrolment = _enrol(course, participant)

    assert _flow(enrolment).quiz_lock(quiz) == LockReason.MODULE_LESSONS
    for lesson in lessons_of(course):
        complete_lesson(enrolment=enrolment, lesson=lesson)
    assert _flow(enrolment).quiz_lock(quiz) is None


def test_without_the_order_settings_nothing_waits(participant):
    course = _course()
    pre_test = make_full_quiz(course, QuizKind.PRE_TEST)
    post_test = make_full_quiz(course, QuizKind.POST_TEST)
    enrolment = _enrol(course, participant)
    flow = _flow(enrolment)

    assert flow.lesson_lock(lessons_of(course)[1]) is None
    assert flow.quiz_lock(post_test) is None and flow.quiz_lock(pre_test) is None


def test_the_next_step_goes_pre_test_lessons_post_test_evaluation_certificate(participant):
    course = _course(
        pre_test_first=True,
        assessments_in_order=True,
        require_post_test=True,
        require_evaluation=True,
    )
    pre_test = make_full_quiz(course, QuizKind.PRE_TEST)
    post_test = make_full_quiz(course, QuizKind.POST_TEST)
    form = make_evaluation_form(course)
    enrolment = _enrol(course, participant)
    first, second = lessons_of(course)

    steps = []
    step = _flow(enrolment).next_step
    steps.append((step.kind, step.url))
    _take(enrolment, pre_test)
    step = _flow(enrolment).next_step
    steps.append((step.kind, step.page.pk))
    complete_lesson(enrolment=enrolment, lesson=first)
    steps.append(_flow(enrolment).next_step.page.pk)
    complete_lesson(enrolment=enrolment, lesson=second)
    step = _flow(enrolment).next_step
    steps.append((step.kind, step.url))
    _take(enrolment, post_test, correct_responses(post_test))
    step = _flow(enrolment).next_step
    steps.append((step.kind, step.url))
    answers = {f"item-{item.pk}": "4" for item in form.items.filter(kind="organisation")}
    submit_evaluation(enrolment=enrolment, answers=answers)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    step = _flow(enrolment).next_step

    assert steps == [
        (StepKind.PRE_TEST, f"/kuis/{pre_test.pk}/"),
        (StepKind.LESSON, first.pk),
        second.pk,
        (StepKind.POST_TEST, f"/kuis/{post_test.pk}/"),
        (StepKind.EVALUATION, f"/evaluasi/{course.pk}/"),
    ]
    assert step.kind == StepKind.CERTIFICATE


def test_the_course_page_shows_the_next_step_before_anything_else(
    client, participant, django_assert_max_num_queries
):
    course = _course(pre_test_first=True, assessments_in_order=True)
    pre_test = make_full_quiz(course, QuizKind.PRE_TEST, title="Pre-test PP")
    post_test = make_full_quiz(course, QuizKind.POST_TEST, title="Post-test PP")
    _enrol(course, participant)
    client.force_login(participant)
    client.get("/en" + course.url)

    with django_assert_max_num_queries(40):
        html = client.get("/en" + course.url).content.decode()

    step = html.index('data-next-step="pre_test"')
    assert html.index("<h1>") < step < html.index('class="lead"')
    assert f'href="/en/kuis/{pre_test.pk}/"' in html[step : step + 1500]
    # The post-test is listed as locked, with the reason and no link.
    assert f'href="/en/kuis/{post_test.pk}/"' not in html
    assert "Locked: Take the pre-test first" in html
    # The outline's "continue" link leads to no locked lesson either.
    assert "Continue where you left off" not in html


def test_a_locked_lesson_plays_no_scorm_content(participant):
    from training.permissions import can_play_scorm

    course = _course(pre_test_first=True)
    pre_test = make_full_quiz(course, QuizKind.PRE_TEST)
    enrolment = _enrol(course, participant)
    first, _second = lessons_of(course)

    assert not can_play_scorm(participant, first)
    _take(enrolment, pre_test)
    assert can_play_scorm(participant, first)
