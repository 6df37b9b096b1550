"""
Course content as Wagtail pages: catalogue → course → module → lesson.

Trainers write these in the admin; participants read them on the site. Learner records
(batches, enrolments, progress) are plain models that point at these pages.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BaseStreamBlock

from .batches import DeliveryMode


class CourseLevel(models.TextChoices):
    BASIC = "basic", _("Basic")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class DeliveryLanguage(models.TextChoices):
    INDONESIAN = "id", _("Indonesian")
    ENGLISH = "en", _("English")
    BILINGUAL = "id-en", _("Indonesian and English")


class CourseIndexPage(Page):
    """The course catalogue: lists, searches and filters the published courses below it."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["training.CoursePage"]

    class Meta:
        verbose_name = _("course catalogue")


class CourseTag(TaggedItemBase):
    """A topic tag of a course, used by the catalogue filters."""

    content_object = ParentalKey(
        "training.CoursePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class CoursePage(Page):
    """
    A course (mata pelatihan): what it teaches, how many JP it is worth, who teaches it, and
    what a participant must do to complete it.
    """

    code = models.CharField(
        _("course code"), max_length=30, help_text=_("For example PP-01; printed on certificates.")
    )
    summary = models.TextField(_("summary"), max_length=500)
    description = RichTextField(_("description"), blank=True)
    learning_objectives = StreamField(
        [("objective", blocks.CharBlock(label=_("objective"), max_length=300))],
        verbose_name=_("learning objectives"),
        blank=True,
    )
    jp = models.DecimalField(
        _("learning hours (JP)"),
        max_digits=5,
        decimal_places=1,
        help_text=_("One JP is 45 minutes of learning."),
    )
    level = models.CharField(
        _("level"), max_length=20, choices=CourseLevel.choices, default=CourseLevel.BASIC
    )
    delivery_language = models.CharField(
        _("language of delivery"),
        max_length=10,
        choices=DeliveryLanguage.choices,
        default=DeliveryLanguage.INDONESIAN,
    )
    delivery_mode = models.CharField(
        _("delivery mode"), max_length=10, choices=DeliveryMode.choices, default=DeliveryMode.ONLINE
    )
    partner = models.CharField(
        _("partner"),
        max_length=200,
        blank=True,
        help_text=_("For example the New Zealand public-service partnership."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(verbose_name=_("topics"), through=CourseTag, blank=True)

    # Completion rule: what an enrolment needs before it counts as completed.
    require_all_lessons = models.BooleanField(_("all required lessons done"), default=True)
    require_post_test = models.BooleanField(_("post-test passed"), default=False)
    require_evaluation = models.BooleanField(_("evaluation submitted"), default=False)
    minimum_attendance = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"),
        null=True,
        blank=True,
        help_text=_(
            "For classroom or blended batches; leave empty when attendance is not counted."
        ),
    )
    sequential = models.BooleanField(
        _("lessons unlock in order"),
        default=False,
        help_text=_("A lesson opens only when the required lessons before it are done."),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("code"), FieldPanel("jp")]),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("learning_objectives"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("level"), FieldPanel("delivery_mode")]),
                FieldPanel("delivery_language"),
                FieldPanel("partner"),
                FieldPanel("tags"),
            ],
            heading=_("Classification"),
        ),
        InlinePanel("course_trainers", label=_("Trainers"), heading=_("Trainers")),
        MultiFieldPanel(
            [
                FieldPanel("require_all_lessons"),
                FieldPanel("require_post_test"),
                FieldPanel("require_evaluation"),
                FieldPanel("minimum_attendance"),
                FieldPanel("sequential"),
            ],
            heading=_("Completion rule"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("code", boost=3),
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.SearchField("partner"),
        index.FilterField("level"),
        index.FilterField("delivery_language"),
        index.FilterField("delivery_mode"),
    ]

    parent_page_types = ["training.CourseIndexPage"]
    subpage_types = ["training.ModulePage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")


class CourseTrainer(Orderable):
    """A trainer assigned to a course: they may edit it and follow its participants."""

    course = ParentalKey(CoursePage, related_name="course_trainers", on_delete=models.CASCADE)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        on_delete=models.CASCADE,
        related_name="trained_courses",
        limit_choices_to={"groups__name": "Trainers"},
    )
    role = models.CharField(
        _("role"),
        max_length=100,
        blank=True,
        help_text=_("For example widyaiswara, narasumber or fasilitator."),
    )

    panels = [FieldPanel("trainer"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("course trainer")
        verbose_name_plural = _("course trainers")
        constraints = [
            models.UniqueConstraint(fields=["course", "trainer"], name="unique_course_trainer")
        ]


class ModulePage(Page):
    """A module (modul) of a course: a chapter with its goals; its lessons are its children."""

    goals = RichTextField(_("goals"), blank=True, features=["bold", "italic", "ul", "ol", "link"])

    content_panels = Page.content_panels + [FieldPanel("goals")]
    search_fields = Page.search_fields + [index.SearchField("goals")]

    parent_page_types = ["training.CoursePage"]
    subpage_types = ["training.LessonPage"]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")


class LessonStreamBlock(BaseStreamBlock):
    """The body of a lesson: the shared blocks of the site."""


class LessonPage(Page):
    """A lesson: the unit a participant reads and marks done."""

    body = StreamField(LessonStreamBlock(), verbose_name=_("body"))
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=15)
    is_required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("Required lessons count toward completing the course."),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("is_required")]),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["training.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
