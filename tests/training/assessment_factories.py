"""Factories and builders of courses, batches, enrolments and quizzes for the training tests."""

import datetime
import itertools
from decimal import Decimal

import factory
from wagtail.models import Locale, Page

from tests.factories import ParticipantFactory
from training.models import (
    Batch,
    BatchStatus,
    Choice,
    CoursePage,
    CourseTrainer,
    Enrolment,
    EnrolmentStatus,
    EvaluationForm,
    EvaluationItem,
    EvaluationItemKind,
    ModulePage,
    Question,
    Quiz,
    QuizKind,
)

_codes = itertools.count(1)


def _root() -> Page:
    """The tree's root; transactional tests flush the one the migrations made."""
    root = Page.get_first_root_node()
    if root is None:
        Locale.objects.get_or_create(language_code="id")
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


def make_course(*, title=None, trainers=(), **fields) -> CoursePage:
    """A published course page under the tree's root, with its trainers."""
    number = next(_codes)
    course = CoursePage(
        title=title or f"Kursus {number}",
        slug=f"kursus-{number}",
        code=f"TST-{number:03d}",
        summary="Ringkasan.",
        jp=Decimal("8"),
        **fields,
    )
    _root().add_child(instance=course)
    for trainer in trainers:
        CourseTrainer.objects.create(course=course, trainer=trainer)
    return course


def make_module(course, title="Modul 1") -> ModulePage:
    module = ModulePage(title=title, slug=f"modul-{next(_codes)}")
    course.add_child(instance=module)
    return module


class BatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Batch

    course = factory.LazyFunction(make_course)
    name = factory.Sequence(lambda n: f"Angkatan {n}")
    starts_on = datetime.date(2026, 11, 2)
    ends_on = datetime.date(2026, 11, 30)
    status = BatchStatus.RUNNING


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    batch = factory.SubFactory(BatchFactory)
    participant = factory.SubFactory(ParticipantFactory)
    status = EnrolmentStatus.ACTIVE


def add_question(quiz, kind, text=None, *, points="1", choices=(), **fields) -> Question:
    """A question with choices given as ``[(text, is_correct), …]``."""
    question = Question.objects.create(
        quiz=quiz,
        kind=kind,
        text=text or f"Pertanyaan {next(_codes)}?",
        points=Decimal(points),
        sort_order=quiz.questions.count(),
        **fields,
    )
    for index, (choice_text, is_correct) in enumerate(choices):
        Choice.objects.create(
            question=question, text=choice_text, is_correct=is_correct, sort_order=index
        )
    return question


def make_quiz(course, kind=QuizKind.POST_TEST, **fields) -> Quiz:
    fields.setdefault("title", f"Kuis {next(_codes)}")
    return Quiz.objects.create(course=course, kind=kind, **fields)


def make_full_quiz(course, kind=QuizKind.POST_TEST, **fields) -> Quiz:
    """A quiz with one question of every automatically graded type (5 points in all)."""
    quiz = make_quiz(course, kind, **fields)
    add_question(quiz, "single", "Dasar hukum pelayanan publik?",
                 choices=[("UU 25/2009", True), ("UU 5/2014", False)])  # fmt: skip
    add_question(quiz, "multiple", "Isi sistem informasi?", points="2",
                 choices=[("Profil penyelenggara", True), ("Standar pelayanan", True),
                          ("Daftar gaji", False)])  # fmt: skip
    add_question(quiz, "true_false", "Maklumat wajib dipublikasikan.", correct_statement=True)
    add_question(quiz, "short", "Pengawas eksternal?", accepted_answers="Ombudsman")
    return quiz


def correct_responses(quiz) -> dict:
    """Responses that answer every question of ``quiz`` correctly, keyed by question id."""
    responses = {}
    for question in quiz.questions.prefetch_related("choices"):
        if question.kind in ("single", "multiple"):
            responses[question.pk] = [c.pk for c in question.choices.all() if c.is_correct]
        elif question.kind == "true_false":
            responses[question.pk] = "true" if question.correct_statement else "false"
        elif question.kind == "short":
            responses[question.pk] = question.accepted_answer_list()[0]
        else:
            responses[question.pk] = "Jawaban esai yang panjang."
    return responses


def make_evaluation_form(course) -> EvaluationForm:
    form = EvaluationForm.objects.create(course=course, title="Evaluasi")
    EvaluationItem.objects.create(
        form=form, kind=EvaluationItemKind.ORGANISATION, text="Materi sesuai.", sort_order=0
    )
    EvaluationItem.objects.create(
        form=form, kind=EvaluationItemKind.TRAINER, text="Fasilitator jelas.", sort_order=1
    )
    EvaluationItem.objects.create(
        form=form, kind=EvaluationItemKind.OPEN, text="Saran?", is_required=False, sort_order=2
    )
    return form
