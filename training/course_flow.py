"""
The order of a course for one participant: what the next step is, and whether a lesson, a
quiz or the evaluation is locked and why. The one place this rule lives: views, services
and templates ask here.

The order, as the course configures it:

- ``pre_test_first``: nothing but the pre-test opens before the pre-test is submitted;
- ``sequential``: a lesson opens when the required lessons before it are done;
- ``assessments_in_order``: a module quiz opens when its module's required lessons are
  done, the post-test when all required lessons are, and the evaluation when the post-test
  is taken (passed, when the course requires it passed).

The next step, first match: the pre-test (not taken yet and no lesson done, or required
first), the lesson to continue, a required module quiz not passed, the post-test not taken
(or not passed when required), the evaluation not filled in, then the certificate once the
enrolment is completed.

``course_flow`` runs a fixed number of queries whatever the number of lessons and quizzes:
the progress now, then one for the quizzes and one for the evaluation when first needed;
``course_flow_for_request`` shares one per request.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .models import (
    AttemptStatus,
    Enrolment,
    EnrolmentStatus,
    EvaluationForm,
    EvaluationResponse,
    LessonPage,
    Quiz,
    QuizKind,
)
from .selectors import (
    CourseProgress,
    course_and_enrolment_for_request,
    course_progress,
    lessons_for_request,
)

FLOW_STATUSES = (EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)
"""Enrolments that move through a course (and so have a flow)."""


class LockReason:
    """Why a step is locked: a code for tests and styles, and the sentence people read."""

    PRE_TEST = "pre_test"
    EARLIER_LESSONS = "earlier_lessons"
    MODULE_LESSONS = "module_lessons"
    LESSONS = "lessons"
    POST_TEST = "post_test"

    MESSAGES = {
        PRE_TEST: _(
            "Take the pre-test first: it measures what you know before the lessons, so that "
            "your progress can be seen at the end."
        ),
        EARLIER_LESSONS: _(
            "The lessons of this course open in order. Finish the required lessons before "
            "this one first."
        ),
        MODULE_LESSONS: _("This quiz opens once you have done the required lessons of its module."),
        LESSONS: _("The post-test opens once you have done all the required lessons."),
        POST_TEST: _("The evaluation opens once you have taken the post-test."),
    }

    @classmethod
    def message(cls, code: str | None) -> str:
        return str(cls.MESSAGES[code]) if code else ""


class StepKind:
    PRE_TEST = "pre_test"
    LESSON = "lesson"
    MODULE_QUIZ = "module_quiz"
    POST_TEST = "post_test"
    EVALUATION = "evaluation"
    CERTIFICATE = "certificate"

    LABELS = {
        PRE_TEST: _("Take the pre-test"),
        LESSON: _("Continue with the lesson"),
        MODULE_QUIZ: _("Take the module quiz"),
        POST_TEST: _("Take the post-test"),
        EVALUATION: _("Fill in the evaluation"),
        CERTIFICATE: _("See your certificate"),
    }


@dataclass
class NextStep:
    """The one thing a participant should do now in a course."""

    kind: str
    title: str
    url: str = ""
    page: Page | None = None

    @property
    def label(self) -> str:
        return str(StepKind.LABELS[self.kind])


@dataclass
class QuizRecord:
    """A participant's standing in one quiz of the course."""

    quiz: Quiz
    taken: int = 0
    passed: bool = False
    in_progress: bool = False
    attempts: int = 0
    best: Decimal | None = None


@dataclass
class CourseFlow:
    """One enrolment's way through its course, with every lock worked out."""

    enrolment: Enrolment
    lessons: list[LessonPage] | None = None
    """The course's lessons when the caller has them (``lessons_for_request``)."""

    @cached_property
    def progress(self) -> CourseProgress:
        return course_progress(self.enrolment, self.lessons)

    @cached_property
    def quizzes(self) -> list[QuizRecord]:
        """The course's quizzes with this enrolment's attempts: one query, when first asked."""
        return _quiz_records(self.enrolment)

    @cached_property
    def _evaluation(self) -> EvaluationForm | None:
        return _evaluation_form(self.enrolment)

    @property
    def evaluation(self) -> EvaluationForm | None:
        return self._evaluation

    @property
    def evaluation_done(self) -> bool:
        return bool(self._evaluation and self._evaluation.done)

    @property
    def course(self):
        return self.enrolment.batch.course

    def _quiz_of_kind(self, kind) -> QuizRecord | None:
        return next((record for record in self.quizzes if record.quiz.kind == kind), None)

    @property
    def pre_test(self) -> QuizRecord | None:
        return self._quiz_of_kind(QuizKind.PRE_TEST)

    @property
    def post_test(self) -> QuizRecord | None:
        return self._quiz_of_kind(QuizKind.POST_TEST)

    def record_of(self, quiz: Quiz) -> QuizRecord | None:
        return next((record for record in self.quizzes if record.quiz.pk == quiz.pk), None)

    @property
    def waits_for_pre_test(self) -> bool:
        if not self.course.pre_test_first:
            return False
        pre_test = self.pre_test
        return bool(pre_test and not pre_test.taken)

    @property
    def lessons_done(self) -> bool:
        return self.progress.done_count >= self.progress.total_count

    def lesson_lock(self, lesson: Page) -> str | None:
        """Why a lesson (in any language) is locked, or None when it is open."""
        state = self.progress.state_of(lesson)
        if state is None or state.done:
            return None
        if self.waits_for_pre_test:
            return LockReason.PRE_TEST
        if state.locked:
            return LockReason.EARLIER_LESSONS
        return None

    def quiz_lock(self, quiz: Quiz) -> str | None:
        """Why a quiz is locked, or None when it may be started (or resumed)."""
        if quiz.kind == QuizKind.PRE_TEST:
            return None
        record = self.record_of(quiz)
        if record and (record.taken or record.in_progress):
            return None
        if self.waits_for_pre_test:
            return LockReason.PRE_TEST
        if not self.course.assessments_in_order:
            return None
        if quiz.kind == QuizKind.POST_TEST and not self.lessons_done:
            return LockReason.LESSONS
        if quiz.kind == QuizKind.MODULE and quiz.module_id:
            module_path = (record.quiz if record else quiz).module.path
            if any(
                not state.done and state.lesson.is_required
                for state in self.progress.lessons
                if state.lesson.path.startswith(module_path)
            ):
                return LockReason.MODULE_LESSONS
        return None

    def evaluation_lock(self) -> str | None:
        """Why the evaluation is locked, or None when it may be filled in."""
        if self.evaluation_done:
            return None
        if self.waits_for_pre_test:
            return LockReason.PRE_TEST
        if not self.course.assessments_in_order:
            return None
        post_test = self.post_test
        if post_test is not None:
            ready = post_test.passed if self.course.require_post_test else post_test.taken
            return None if ready else LockReason.POST_TEST
        return None if self.lessons_done else LockReason.LESSONS

    def _post_test_pending(self, record: QuizRecord) -> bool:
        if record.passed:
            return False
        return self.course.require_post_test or not record.taken

    @property
    def next_lesson(self) -> LessonPage | None:
        """The lesson to continue with, never a locked one; None when none is open now."""
        lesson = self.progress.next_lesson
        if lesson is not None and self.lesson_lock(lesson):
            # Opened while locked: the first lesson that is open now instead.
            lesson = next(
                (
                    state.lesson
                    for state in self.progress.lessons
                    if not state.done and not self.lesson_lock(state.lesson)
                ),
                None,
            )
        return lesson

    @property
    def next_step(self) -> NextStep | None:
        """The next thing to do, or None when nothing is left (or the course is empty)."""
        pre_test = self.pre_test
        if pre_test and not pre_test.taken and (self.waits_for_pre_test or not self.any_done):
            return self._quiz_step(StepKind.PRE_TEST, pre_test.quiz)
        lesson = self.next_lesson
        if lesson is not None:
            return NextStep(kind=StepKind.LESSON, title=lesson.title, page=lesson)
        for record in self.quizzes:
            quiz = record.quiz
            required = quiz.kind == QuizKind.MODULE and quiz.is_required
            if required and not record.passed and self.quiz_lock(quiz) is None:
                return self._quiz_step(StepKind.MODULE_QUIZ, quiz)
        post_test = self.post_test
        if post_test and self._post_test_pending(post_test) and not self.quiz_lock(post_test.quiz):
            return self._quiz_step(StepKind.POST_TEST, post_test.quiz)
        if self.evaluation and not self.evaluation_done and self.evaluation_lock() is None:
            return NextStep(
                kind=StepKind.EVALUATION,
                title=self.evaluation.title,
                url=reverse("assessments:evaluation", args=[self.evaluation.course_id]),
            )
        if self.enrolment.status == EnrolmentStatus.COMPLETED:
            return NextStep(
                kind=StepKind.CERTIFICATE,
                title="",
                url=reverse("certificates:mine"),
            )
        return None

    @property
    def any_done(self) -> bool:
        return any(state.done for state in self.progress.lessons)

    @staticmethod
    def _quiz_step(kind, quiz) -> NextStep:
        return NextStep(
            kind=kind, title=quiz.title, url=reverse("assessments:quiz", args=[quiz.pk])
        )


_KIND_ORDER = {QuizKind.PRE_TEST: 0, QuizKind.MODULE: 1, QuizKind.POST_TEST: 2}


def course_flow(enrolment: Enrolment, lessons: list[LessonPage] | None = None) -> CourseFlow:
    """
    The flow of one enrolment (with ``batch__course`` loaded). Its progress, its quizzes
    (one query) and its evaluation (one query) are read when a rule or the next step first
    needs them.
    """
    return CourseFlow(enrolment=enrolment, lessons=lessons)


def _quiz_records(enrolment: Enrolment) -> list[QuizRecord]:
    in_enrolment = Q(attempts__enrolment=enrolment)
    quizzes = sorted(
        Quiz.objects.filter(course_id=enrolment.batch.course_id)
        .select_related("module")
        .annotate(
            taken=Count(
                "attempts", filter=in_enrolment & ~Q(attempts__status=AttemptStatus.IN_PROGRESS)
            ),
            passed_count=Count("attempts", filter=in_enrolment & Q(attempts__passed=True)),
            open_count=Count(
                "attempts",
                filter=in_enrolment & Q(attempts__status=AttemptStatus.IN_PROGRESS),
            ),
            attempt_count=Count("attempts", filter=in_enrolment),
            best=Max("attempts__percentage", filter=in_enrolment),
        ),
        key=lambda q: (_KIND_ORDER[q.kind], q.module.path if q.module else "", q.title),
    )
    return [
        QuizRecord(
            quiz=quiz,
            taken=quiz.taken,
            passed=bool(quiz.passed_count),
            in_progress=bool(quiz.open_count),
            attempts=quiz.attempt_count,
            best=quiz.best,
        )
        for quiz in quizzes
    ]


def _evaluation_form(enrolment: Enrolment) -> EvaluationForm | None:
    """The course's evaluation form, annotated ``done`` for this enrolment."""
    return (
        EvaluationForm.objects.filter(course_id=enrolment.batch.course_id)
        .annotate(
            done=Exists(EvaluationResponse.objects.filter(enrolment=enrolment, form=OuterRef("pk")))
        )
        .first()
    )


def lessons_may_lock(course) -> bool:
    """Whether any rule can lock a lesson of the course (else nothing needs checking)."""
    return bool(course.sequential or course.pre_test_first)


def course_flow_for_request(request, page: Page) -> CourseFlow | None:
    """
    The flow of the signed-in participant in the course of ``page``, once per request; None
    without an active or completed enrolment.
    """
    memo = request.__dict__.setdefault("_training_course_flow", {})
    if page.pk not in memo:
        _course, enrolment = course_and_enrolment_for_request(request, page)
        flow = None
        if enrolment is not None and enrolment.status in FLOW_STATUSES:
            flow = course_flow(enrolment, lessons_for_request(request, enrolment.batch.course))
        memo[page.pk] = flow
    return memo[page.pk]


def enrolment_flow(enrolment: Enrolment) -> CourseFlow:
    """The flow of an enrolment that services check before a change."""
    if not Enrolment.batch.is_cached(enrolment) or not enrolment.batch.course:
        enrolment = Enrolment.objects.select_related("batch__course").get(pk=enrolment.pk)
    return course_flow(enrolment)
