"""
Quizzes: a pre-test or post-test of a course, or the quiz of a module, with its questions.

Questions and their choices are edited inline in the Wagtail admin (modelcluster parental keys).
An attempt keeps a JSON snapshot of the questions and the choice order it was given, so later
edits to a quiz never rewrite an attempt's history. Grading happens on the server only.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from .i18n import TranslatableOrderable, TranslatableRecord


class QuizKind(models.TextChoices):
    PRE_TEST = "pre", _("Pre-test")
    POST_TEST = "post", _("Post-test")
    MODULE = "module", _("Module quiz")


class MultipleAnswerScoring(models.TextChoices):
    ALL_OR_NOTHING = "all", _("All or nothing")
    PARTIAL = "partial", _("Partial credit")


class FeedbackTiming(models.TextChoices):
    NEVER = "never", _("Never")
    AFTER_SUBMISSION = "submission", _("After submission")
    AFTER_BATCH_ENDS = "batch_end", _("After the batch ends")


class QuestionKind(models.TextChoices):
    SINGLE_CHOICE = "single", _("Single choice")
    MULTIPLE_ANSWERS = "multiple", _("Multiple answers")
    TRUE_FALSE = "true_false", _("True or false")
    SHORT_ANSWER = "short", _("Short answer")
    ESSAY = "essay", _("Essay (graded by a trainer)")


class Quiz(TranslatableRecord, ClusterableModel):
    """
    A quiz of a course: its pre-test, its post-test, or the quiz at the end of one module.

    The questions form a bank; when ``questions_to_draw`` is set each attempt draws that many
    at random from it. Translatable: a translation supplies the texts only (see ``i18n``).
    """

    translated_fields = ("title", "instructions")

    course = models.ForeignKey(
        "training.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="quizzes",
    )
    module = models.ForeignKey(
        "training.ModulePage",
        verbose_name=_("module"),
        on_delete=models.CASCADE,
        related_name="quizzes",
        null=True,
        blank=True,
        help_text=_("Only for a module quiz: the module it closes."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=QuizKind.choices)
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        validators=[MaxValueValidator(100)],
    )
    attempt_limit = models.PositiveSmallIntegerField(
        _("attempt limit"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit."),
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no time limit."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=False)
    questions_to_draw = models.PositiveSmallIntegerField(
        _("questions drawn per attempt"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Draw this many questions at random from the bank; empty to use them all."),
    )
    multiple_answer_scoring = models.CharField(
        _("scoring of multiple-answer questions"),
        max_length=10,
        choices=MultipleAnswerScoring.choices,
        default=MultipleAnswerScoring.ALL_OR_NOTHING,
    )
    feedback_timing = models.CharField(
        _("show correct answers"),
        max_length=12,
        choices=FeedbackTiming.choices,
        default=FeedbackTiming.AFTER_SUBMISSION,
    )
    is_required = models.BooleanField(
        _("required for completion"),
        default=False,
        help_text=_("For a module quiz: the course is completed only once it is passed."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    @property
    def has_pass_mark(self) -> bool:
        """
        Whether the participant passes or fails this quiz. A pre-test measures where they
        start, so its result is shown as a score alone, whatever ``pass_mark`` holds.
        """
        return self.kind != QuizKind.PRE_TEST

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("course"), FieldPanel("kind")]),
        FieldPanel("module"),
        FieldPanel("instructions"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("attempt_limit")]),
                FieldRowPanel([FieldPanel("time_limit_minutes"), FieldPanel("questions_to_draw")]),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]),
                FieldPanel("multiple_answer_scoring"),
                FieldPanel("feedback_timing"),
                FieldPanel("is_required"),
            ],
            heading=_("Settings"),
        ),
        InlinePanel("questions", label=_("Question"), heading=_("Questions")),
    ]

    class Meta(TranslatableRecord.Meta):
        ordering = ["course", "kind", "title"]
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "kind", "locale"],
                condition=models.Q(kind__in=["pre", "post"]),
                name="one_pre_and_one_post_test_per_course",
                violation_error_message=_("This course already has a quiz of this kind."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.kind == QuizKind.MODULE and not self.module_id:
            raise ValidationError({"module": _("A module quiz needs its module.")})
        if self.kind != QuizKind.MODULE and self.module_id:
            raise ValidationError({"module": _("Only a module quiz belongs to a module.")})
        if self.module_id and self.course_id:
            from .pages import CoursePage

            course = CoursePage.objects.parent_of(self.module).first()
            if course and course.pk != self.course_id:
                raise ValidationError({"module": _("This module belongs to another course.")})


class Question(TranslatableOrderable, Orderable, ClusterableModel):
    """One question of a quiz's bank, with its choices (for choice questions)."""

    translated_fields = ("text", "explanation")

    quiz = ParentalKey(Quiz, related_name="questions", on_delete=models.CASCADE)
    kind = models.CharField(
        _("type"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.SINGLE_CHOICE
    )
    text = models.TextField(_("question"))
    points = models.DecimalField(
        _("points"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    correct_statement = models.BooleanField(
        _("the statement is true"),
        null=True,
        blank=True,
        help_text=_("True or false questions only."),
    )
    accepted_answers = models.TextField(
        _("accepted answers"),
        blank=True,
        help_text=_(
            "Short-answer questions only: one accepted answer per line; case, spacing and "
            "punctuation are ignored."
        ),
    )
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("Shown with the correct answer after grading.")
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("points")]),
        FieldPanel("text"),
        InlinePanel("choices", label=_("Choice"), heading=_("Choices")),
        FieldPanel("correct_statement"),
        FieldPanel("accepted_answers"),
        FieldPanel("explanation"),
    ]

    class Meta(TranslatableOrderable.Meta, Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text[:80]

    def accepted_answer_list(self) -> list[str]:
        return [line.strip() for line in self.accepted_answers.splitlines() if line.strip()]


class Choice(TranslatableOrderable, Orderable):
    """A choice of a single-choice or multiple-answer question."""

    translated_fields = ("text",)

    question = ParentalKey(Question, related_name="choices", on_delete=models.CASCADE)
    text = models.CharField(_("choice"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)

    panels = [FieldRowPanel([FieldPanel("text"), FieldPanel("is_correct")])]

    class Meta(TranslatableOrderable.Meta, Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.text


class AttemptStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    AWAITING_GRADING = "awaiting", _("Waiting for a trainer's grading")
    GRADED = "graded", _("Graded")


class Attempt(models.Model):
    """
    One sitting of a quiz by an enrolled participant.

    ``snapshot`` holds the questions as given (text, points, choice order, correct answers);
    it never leaves the server before grading. ``deadline`` is set by the server at start.
    """

    enrolment = models.ForeignKey(
        "training.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="attempts",
    )
    quiz = models.ForeignKey(
        Quiz, verbose_name=_("quiz"), on_delete=models.PROTECT, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AttemptStatus.choices,
        default=AttemptStatus.IN_PROGRESS,
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    closed_at_deadline = models.BooleanField(_("closed at the deadline"), default=False)
    snapshot = models.JSONField(_("questions as given"), default=dict)
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(_("maximum score"), max_digits=7, decimal_places=2)
    percentage = models.DecimalField(
        _("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "quiz", "number"], name="unique_attempt_number"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["quiz", "status"]),
        ]

    def __str__(self):
        return f"{self.quiz} — {self.enrolment.participant} #{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status == AttemptStatus.IN_PROGRESS

    def is_past_deadline(self, now=None) -> bool:
        return self.deadline is not None and (now or timezone.now()) >= self.deadline

    def seconds_left(self, now=None) -> int | None:
        if self.deadline is None:
            return None
        return max(0, int((self.deadline - (now or timezone.now())).total_seconds()))


class Answer(models.Model):
    """
    A participant's answer to one question of an attempt.

    ``question_ref`` is the question's id in the attempt's snapshot, which outlives the
    question itself. ``response`` is a list of choice ids, a boolean, or text.
    """

    attempt = models.ForeignKey(
        Attempt, verbose_name=_("attempt"), on_delete=models.CASCADE, related_name="answers"
    )
    question_ref = models.PositiveBigIntegerField(_("question"))
    response = models.JSONField(_("response"), null=True, blank=True)
    saved_at = models.DateTimeField(_("saved at"), auto_now=True)
    points_awarded = models.DecimalField(
        _("points awarded"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    is_correct = models.BooleanField(_("correct"), null=True, blank=True)
    needs_grading = models.BooleanField(_("needs a trainer's grading"), default=False)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("graded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    graded_at = models.DateTimeField(_("graded at"), null=True, blank=True)
    grader_comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question_ref"], name="one_answer_per_question_and_attempt"
            ),
        ]
        indexes = [models.Index(fields=["needs_grading"])]

    def __str__(self):
        return f"{self.attempt} — {self.question_ref}"
