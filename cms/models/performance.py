"""
Performance assessment (penilaian kinerja): the satisfaction-survey responses and the page
that publishes the index per period, with the complaint statistics of the same period.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.survey import ELEMENTS

from .public_service import TEXT_FEATURES

SCORE_CHOICES = [(1, "1"), (2, "2"), (3, "3"), (4, "4")]


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Education(models.TextChoices):
    PRIMARY = "primary", _("Primary school")
    JUNIOR = "junior", _("Junior high school")
    SENIOR = "senior", _("Senior high school")
    DIPLOMA = "diploma", _("Diploma (D1–D3)")
    BACHELOR = "bachelor", _("Bachelor (D4/S1)")
    MASTER = "master", _("Master (S2)")
    DOCTORATE = "doctorate", _("Doctorate (S3)")


class Occupation(models.TextChoices):
    CIVIL_SERVANT = "civil_servant", _("Civil servant (PNS/PPPK)")
    MILITARY_POLICE = "military_police", _("Military or police")
    PRIVATE = "private", _("Private employee")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    STUDENT = "student", _("Student")
    OTHER = "other", _("Other")


def _score_field(element):
    return models.PositiveSmallIntegerField(
        element.label,
        choices=SCORE_CHOICES,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )


class SurveyResponse(models.Model):
    """One respondent's answers to the nine elements, with the profile the regulation asks."""

    submission_key = models.UUIDField(_("submission key"), unique=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    period = models.CharField(_("period"), max_length=8, db_index=True, editable=False)
    gender = models.CharField(_("sex"), max_length=10, choices=Gender.choices)
    age = models.PositiveSmallIntegerField(
        _("age"), validators=[MinValueValidator(15), MaxValueValidator(100)]
    )
    education = models.CharField(_("education"), max_length=20, choices=Education.choices)
    occupation = models.CharField(_("occupation"), max_length=20, choices=Occupation.choices)
    service_received = models.CharField(
        _("service received"),
        max_length=200,
        blank=True,
        help_text=_("For example the name of the course or batch you took part in."),
    )
    u1 = _score_field(ELEMENTS[0])
    u2 = _score_field(ELEMENTS[1])
    u3 = _score_field(ELEMENTS[2])
    u4 = _score_field(ELEMENTS[3])
    u5 = _score_field(ELEMENTS[4])
    u6 = _score_field(ELEMENTS[5])
    u7 = _score_field(ELEMENTS[6])
    u8 = _score_field(ELEMENTS[7])
    u9 = _score_field(ELEMENTS[8])
    suggestion = models.TextField(_("suggestions"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("satisfaction survey response")
        verbose_name_plural = _("satisfaction survey responses")

    def __str__(self):
        return f"{self.period} · {timezone.localtime(self.submitted_at):%Y-%m-%d %H:%M}"


class PerformancePage(RoutablePageMixin, Page):
    """
    Penilaian kinerja: the satisfaction index per period and the complaint statistics.

    Routes: the page itself shows the results (``?periode=2026-S2`` picks a period);
    ``survei/`` is the survey form.
    """

    introduction = models.TextField(_("introduction"), blank=True)
    method = RichTextField(_("method"), blank=True, features=TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("method")]

    parent_page_types = ["cms.PublicServiceIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("performance assessment page")

    @path("")
    def results(self, request):
        from cms import views

        return views.survey_results(request, self)

    @path("survei/")
    def survey_form(self, request):
        from cms import views

        return views.survey_form(request, self)
