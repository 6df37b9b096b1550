"""
The embedded default (SQLite) serves a handful of people acting at the same moment.

Real requests from several threads against the live test server, as a training room makes
them: a quiz's autosave meeting its submit, two trainers submitting courses for review, two
administrators issuing a batch's certificates. Every answer is a success the user expects
(never a 500, never "database is locked"), and every write is kept.

The test database takes the site's own database settings (``tests/conftest.py`` only moves it
to a file), so these tests prove the settings the demo runs with. On PostgreSQL they run too.
"""

import threading
import time
from collections import Counter

import pytest
import requests
from django.test import Client
from django.utils.crypto import get_random_string
from wagtail.models import WorkflowState

from certificates.models import BatchJobStatus, Certificate, CertificateBatchJob
from tests.certificates.factories import (
    BatchFactory,
    CompletedEnrolmentFactory,
    CourseCertificateSettingsFactory,
)
from tests.factories import AdministratorFactory, TrainerFactory
from tests.training.assessment_factories import (
    EnrolmentFactory,
    correct_responses,
    make_full_quiz,
)
from tests.training.assessment_factories import make_course as make_assessed_course
from tests.training.page_factories import make_catalogue, make_course, make_lesson, make_module
from tests.training.test_course_permissions import course_form
from training.models import Attempt, AttemptStatus, CoursePage
from training.moderation import install_course_review_workflow
from training.services import start_attempt

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 3


@pytest.fixture(autouse=True)
def _celery_join_flag():
    """
    Celery's eager mode marks "a task is running" in one process-wide flag, saved and
    restored around each task: two threads running eager tasks at once can leave it set,
    and every later ``result.get()`` of the process then refuses. Nothing in the site waits
    for a result, but the tests after this module do.
    """
    from celery._state import _set_task_join_will_block

    yield
    _set_task_join_will_block(False)


class Browser(requests.Session):
    """A signed-in person's browser: the session cookie and a CSRF token, nothing else."""

    def __init__(self, live_server, user):
        super().__init__()
        client = Client()
        client.force_login(user)
        self.base = live_server.url
        self.csrf = get_random_string(32)
        self.cookies.set("sessionid", client.cookies["sessionid"].value)
        self.cookies.set("csrftoken", self.csrf)
        self.headers["X-CSRFToken"] = self.csrf

    def post(self, path, **kwargs):
        return super().post(self.base + path, allow_redirects=False, timeout=60, **kwargs)


def run_together(calls):
    """Run every call in its own thread, released at the same moment; their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - reported by the assertions below
            results[index] = error

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def statuses(results):
    """How many of each answer; a redirect to a sign-in page is no success and counts apart."""

    def outcome(result):
        if isinstance(result, Exception):
            return type(result).__name__
        location = result.headers.get("Location", "")
        if result.status_code == 302 and ("/login/" in location or "/masuk/" in location):
            return "sign-in"
        return result.status_code

    return Counter(outcome(result) for result in results)


def test_quiz_autosaves_racing_the_submit_all_succeed_and_every_answer_counts(live_server):
    course = make_assessed_course()
    quiz = make_full_quiz(course)
    enrolments = EnrolmentFactory.create_batch(4, batch__course=course)
    answers = correct_responses(quiz)
    form = {f"q-{question}": response for question, response in answers.items()}
    autosave = {"answers": {str(question): response for question, response in answers.items()}}

    results = []
    for _round in range(ROUNDS):
        calls = []
        for enrolment in enrolments:
            attempt = start_attempt(enrolment=enrolment, quiz=quiz)
            browser = Browser(live_server, enrolment.participant)
            base = f"/kuis/{quiz.pk}/percobaan/{attempt.pk}/"
            # The page's autosave fires as the participant presses "Submit answers".
            calls += [lambda b=browser, u=base: b.post(f"{u}simpan/", json=autosave)] * 2
            calls.append(lambda b=browser, u=base: b.post(u, data=form))
        results += run_together(calls)

    seen = statuses(results)
    # A save that arrives after the submit is told the attempt is closed (409): nothing lost.
    assert set(seen) <= {200, 302, 409}, seen
    assert seen[302] == ROUNDS * len(enrolments)
    attempts = Attempt.objects.filter(quiz=quiz)
    assert attempts.count() == ROUNDS * len(enrolments)
    for attempt in attempts:
        assert attempt.status == AttemptStatus.GRADED
        assert attempt.percentage == 100, list(attempt.answers.values())


def test_two_trainers_submitting_courses_for_review_at_once_both_reach_the_workflow(live_server):
    catalogue = make_catalogue()
    install_course_review_workflow(catalogues=[catalogue])
    trainers = TrainerFactory.create_batch(2)

    def course_with_a_lesson(trainer):
        course = make_course(catalogue, trainers=[trainer])
        make_lesson(make_module(course))
        return course

    courses = {
        trainer: [course_with_a_lesson(trainer) for _index in range(ROUNDS)] for trainer in trainers
    }

    results = []
    for index in range(ROUNDS):
        calls = []
        for trainer in trainers:
            course = courses[trainer][index]
            data = course_form(
                course, title=f"{course.title} diperbarui", **{"action-submit": "submit"}
            )
            browser = Browser(live_server, trainer)
            calls.append(
                lambda b=browser, p=course.pk, d=data: b.post(f"/admin/pages/{p}/edit/", data=d)
            )
        results += run_together(calls)

    assert statuses(results) == Counter({302: ROUNDS * len(trainers)})
    for course in (course for own in courses.values() for course in own):
        course = CoursePage.objects.get(pk=course.pk)
        state = WorkflowState.objects.for_instance(course).get()
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert course.latest_revision.content["title"].endswith(" diperbarui")


def _finished_jobs(seconds=120):
    """The batch jobs once all have finished: at once when eager, after the worker's run."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        jobs = CertificateBatchJob.objects.all()
        if jobs and all(job.status == BatchJobStatus.FINISHED for job in jobs):
            break
        time.sleep(0.5)
    return CertificateBatchJob.objects.all()


@pytest.mark.worker
def test_two_administrators_issuing_batches_at_once_number_every_certificate_once(
    live_server, live_worker, settings, tmp_path
):
    settings.CERTIFICATE_SIGNING_P12 = ""
    settings.CERTIFICATE_DEMO_SIGNING_P12 = tmp_path / "no-demo-key.p12"
    administrators = AdministratorFactory.create_batch(2)
    course = CourseCertificateSettingsFactory().course
    batches = [BatchFactory(course=course) for _administrator in administrators]
    for batch in batches:
        CompletedEnrolmentFactory.create_batch(4, batch=batch)

    browsers = [Browser(live_server, administrator) for administrator in administrators]
    results = run_together(
        [
            lambda b=browser, pk=batch.pk: b.post(
                "/admin/certificates/batches/new/", data={"batch": pk}
            )
            for browser, batch in zip(browsers, batches, strict=True)
        ]
    )

    assert statuses(results) == Counter({302: 2})
    jobs = _finished_jobs()
    assert (
        sorted(jobs.values_list("status", "done", "failed"))
        == [(BatchJobStatus.FINISHED, 4, 0)] * 2
    )
    numbers = list(Certificate.objects.issued().values_list("sequence_value", flat=True))
    assert sorted(numbers) == list(range(1, 9))
