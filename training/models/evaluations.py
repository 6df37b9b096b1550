"""
The training evaluation (evaluasi penyelenggaraan): a questionnaire per course.

Likert items rate the organisation of the training or each of the course's trainers; open
questions take free text. Each enrolment answers once. Results are only ever read in
aggregate by trainers: nothing links an answer to a person outside the administrators' data.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from .i18n import TranslatableOrderable, TranslatableRecord

LIKERT_SCALE = (
    (1, _("Strongly disagree")),
    (2, _("Disagree")),
    (3, _("Neutral")),
    (4, _("Agree")),
    (5, _("Strongly agree")),
)


class EvaluationItemKind(models.TextChoices):
    ORGANISATION = "organisation", _("Rating of the organisation (1–5)")
    TRAINER = "trainer", _("Rating of each trainer (1–5)")
    OPEN = "open", _("Open question")


class EvaluationForm(TranslatableRecord, ClusterableModel):
    """The evaluation questionnaire of one course (one per course and language)."""

    translated_fields = ("title", "introduction")

    course = models.ForeignKey(
        "training.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="evaluation_forms",
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)

    panels = [
        FieldPanel("course"),
        FieldPanel("title"),
        FieldPanel("introduction"),
        InlinePanel("items", label=_("Item"), heading=_("Items")),
    ]

    class Meta(TranslatableRecord.Meta):
        verbose_name = _("evaluation form")
        verbose_name_plural = _("evaluation forms")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "locale"],
                name="one_evaluation_form_per_course_and_language",
                violation_error_message=_("This course already has an evaluation form."),
            ),
        ]

    def __str__(self):
        return self.title


class EvaluationItem(TranslatableOrderable, Orderable):
    """A statement to rate (organisation or per trainer) or an open question."""

    translated_fields = ("text",)

    form = ParentalKey(EvaluationForm, related_name="items", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=12, choices=EvaluationItemKind.choices)
    text = models.CharField(_("statement or question"), max_length=300)
    is_required = models.BooleanField(_("required"), default=True)

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("is_required")]), FieldPanel("text")]

    class Meta(TranslatableOrderable.Meta, Orderable.Meta):
        verbose_name = _("evaluation item")
        verbose_name_plural = _("evaluation items")

    def __str__(self):
        return self.text


class EvaluationResponse(models.Model):
    """One enrolment's filled-in evaluation; at most one per enrolment."""

    form = models.ForeignKey(
        EvaluationForm, verbose_name=_("form"), on_delete=models.PROTECT, related_name="responses"
    )
    enrolment = models.OneToOneField(
        "training.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="evaluation_response",
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        verbose_name = _("evaluation response")
        verbose_name_plural = _("evaluation responses")

    def __str__(self):
        return f"{self.form} — {self.enrolment_id}"


class EvaluationAnswer(models.Model):
    """One rating or text of a response; trainer items have one answer per trainer."""

    response = models.ForeignKey(
        EvaluationResponse,
        verbose_name=_("response"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    item = models.ForeignKey(
        EvaluationItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="answers"
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    text = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("evaluation answer")
        verbose_name_plural = _("evaluation answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "item"],
                condition=models.Q(trainer__isnull=True),
                name="one_evaluation_answer_per_item",
            ),
            models.UniqueConstraint(
                fields=["response", "item", "trainer"],
                condition=models.Q(trainer__isnull=False),
                name="one_evaluation_answer_per_item_and_trainer",
            ),
        ]

    def __str__(self):
        return f"{self.item} — {self.rating or self.text[:40]}"
