"""
Course content as Wagtail pages: catalogue → course → module → lesson.

Trainers write these in the admin; participants read them on the site. Learner records
(batches, enrolments, progress) are plain models that point at these pages.
"""

import math
import re
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BaseStreamBlock
from cms.chrome import CachedViewRestrictionsMixin

from ..page_forms import LessonPageForm
from .batches import DeliveryMode


class CourseLevel(models.TextChoices):
    BASIC = "basic", _("Basic")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class DeliveryLanguage(models.TextChoices):
    INDONESIAN = "id", _("Indonesian")
    ENGLISH = "en", _("English")
    BILINGUAL = "id-en", _("Indonesian and English")


class CoursePermissionsMixin:
    """
    Page permissions at and below a course: "add" there counts only for the course's editors.

    Trainers hold "add" on the catalogue so that they can start a course; Wagtail would pass
    that permission on to every course below it. ``CoursePermissionTester`` takes it back on
    a course, module or lesson whose editor group the trainer is not in.
    """

    def permissions_for_user(self, user):
        from training.permissions import CoursePermissionTester

        return CoursePermissionTester(user, self)


REVIEWED_WITH_COURSE_HELP = _(
    "Saved as a draft: modules and lessons are reviewed with their course. When the course "
    "is ready, open the course page and submit it for review; its approval publishes every "
    "module and lesson."
)


class ReviewedWithCourseMixin(CoursePermissionsMixin):
    """
    Modules and lessons are reviewed with their course, never on their own: they have no
    workflow of their own, their drafts are published when the course's review is approved
    (``training.moderation.publish_course_workflow_state``).
    """

    @property
    def has_workflow(self):
        return False

    def get_workflow(self):
        return None


class CourseIndexPage(CachedViewRestrictionsMixin, Page):
    """The course catalogue: lists, searches and filters the published courses below it."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["training.CoursePage"]

    courses_per_page = 12

    class Meta:
        verbose_name = _("course catalogue")

    def route(self, request, path_components):
        """
        A module or lesson below the catalogue in two queries (the page by its address, then
        its specific type) instead of two per tree level; anything else as Wagtail routes.
        """
        if len(path_components) > 1:
            url_path = self.url_path + "/".join(path_components) + "/"
            page = (
                Page.objects.filter(slug=path_components[-1], url_path=url_path)
                .filter(path__startswith=self.path)
                .first()
            )
            if page is not None:
                return page.specific.route(request, [])
        return super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        """The same page for every anonymous visitor: the page cache may keep it."""
        from training.page_cache import allow_anonymous_cache

        allow_anonymous_cache(request)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        """The filter form, one page of matching courses and their lesson totals."""
        from training.forms import CatalogueFilterForm
        from training.selectors import catalogue_courses, catalogue_topics, course_cards

        context = super().get_context(request, *args, **kwargs)
        form = CatalogueFilterForm(request.GET or None, topics=catalogue_topics(self))
        # A stale link (a topic no longer used) drops only the filter that no longer fits.
        filters = {}
        if form.is_bound:
            form.is_valid()
            filters = {name: value for name, value in form.cleaned_data.items() if value}
        results = catalogue_courses(self, **filters)
        paginator = Paginator(results, self.courses_per_page)
        try:
            page_obj = paginator.page(request.GET.get("halaman", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        query = request.GET.copy()
        query.pop("halaman", None)
        context.update(
            form=form,
            page_obj=page_obj,
            courses=course_cards(page_obj.object_list),
            is_filtered=bool(filters),
            query_string=query.urlencode(),
        )
        return context


class CourseTag(TaggedItemBase):
    """A topic tag of a course, used by the catalogue filters."""

    content_object = ParentalKey(
        "training.CoursePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class CoursePage(CoursePermissionsMixin, CachedViewRestrictionsMixin, Page):
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
    # The order of the whole course (``training.course_flow`` applies it).
    pre_test_first = models.BooleanField(
        _("pre-test before the lessons"),
        default=False,
        help_text=_(
            "The lessons, module quizzes, post-test and evaluation open only once the "
            "participant has submitted the pre-test, so the learning gain is measured."
        ),
    )
    assessments_in_order = models.BooleanField(
        _("tests and evaluation in order"),
        default=False,
        help_text=_(
            "A module quiz opens when its module's required lessons are done, the post-test "
            "when all required lessons are, and the evaluation once the post-test is taken."
        ),
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
                FieldPanel("pre_test_first"),
                FieldPanel("assessments_in_order"),
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

    def serve(self, request, *args, **kwargs):
        """The same page for every anonymous visitor: the page cache may keep it."""
        from training.page_cache import allow_anonymous_cache

        allow_anonymous_cache(request)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        """The syllabus and the trainers, in a fixed number of queries."""
        from training.selectors import outline_for_request

        context = super().get_context(request, *args, **kwargs)
        outline = outline_for_request(request, self)
        minutes = sum(lesson.estimated_minutes for module in outline for lesson in module.lessons)
        context.update(
            course=self,
            outline=outline,
            lesson_count=sum(len(module.lessons) for module in outline),
            # Rounded to half an hour: an estimate, not a timetable.
            total_hours=Decimal(round(minutes / 30)) / 2,
            trainers=self.course_trainers.select_related("trainer"),
        )
        return context


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


class ModulePage(ReviewedWithCourseMixin, CachedViewRestrictionsMixin, Page):
    """A module (modul) of a course: a chapter with its goals; its lessons are its children."""

    goals = RichTextField(_("goals"), blank=True, features=["bold", "italic", "ul", "ol", "link"])

    content_panels = [
        HelpPanel(REVIEWED_WITH_COURSE_HELP, heading=_("Reviewed with the course")),
        *Page.content_panels,
        FieldPanel("goals"),
    ]
    search_fields = Page.search_fields + [index.SearchField("goals")]

    parent_page_types = ["training.CoursePage"]
    subpage_types = ["training.LessonPage"]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def get_context(self, request, *args, **kwargs):
        """The module's course and its place in the course outline."""
        from training.selectors import course_and_enrolment_for_request, outline_for_request

        context = super().get_context(request, *args, **kwargs)
        # The enrolment fragments and the lesson-opened hook ask for the same course.
        course, _enrolment = course_and_enrolment_for_request(request, self)
        outline = outline_for_request(request, course) if course else []
        this_module = next((module for module in outline if module.pk == self.pk), None)
        context.update(
            course=course,
            outline=outline,
            lessons=this_module.lessons if this_module else [],
        )
        return context


class LessonStreamBlock(BaseStreamBlock):
    """The body of a lesson: the shared blocks of the site."""


WORDS_PER_MINUTE = 200
"""A moderate reading speed for instructional text in a second language."""


def _texts(value):
    """Every string inside a StreamField's raw data, for counting words."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)


class LessonPage(ReviewedWithCourseMixin, CachedViewRestrictionsMixin, Page):
    """A lesson: the unit a participant reads and marks done."""

    body = StreamField(LessonStreamBlock(), verbose_name=_("body"), blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=15)
    is_required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("Required lessons count toward completing the course."),
    )
    scorm_package = models.ForeignKey(
        "training.ScormPackage",
        verbose_name=_("SCORM package"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lessons",
        help_text=_(
            "A SCORM 1.2 or 2004 package played in the lesson; it marks the lesson done when "
            "it reports completion."
        ),
    )

    content_panels = [
        HelpPanel(REVIEWED_WITH_COURSE_HELP, heading=_("Reviewed with the course")),
        *Page.content_panels,
        FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("is_required")]),
        FieldPanel("scorm_package"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["training.ModulePage"]
    subpage_types = []
    base_form_class = LessonPageForm

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def clean(self):
        """A lesson holds a text body, a SCORM package or both."""
        super().clean()
        if not self.body.raw_data and self.scorm_package_id is None:
            raise ValidationError({"body": _("Write the lesson or choose a SCORM package for it.")})

    @property
    def reading_minutes(self) -> int:
        """Minutes to read the text of the body, at least one."""
        raw = [
            {"value": block["value"]}
            for block in self.body.raw_data
            if block["type"] not in ("image", "video", "document")
        ]
        words = sum(len(re.findall(r"\w+", strip_tags(text))) for text in _texts(raw))
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def serve(self, request, *args, **kwargs):
        """A participant's lesson page may be answered again from their own page cache."""
        from training.personal_cache import allow_personal_cache

        if request.user.is_authenticated:
            allow_personal_cache(request)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        """
        The course outline beside the text, the lessons before and after this one, and why
        the lesson is locked for the participant (then the page leaves its content out).
        """
        from training.course_flow import LockReason, course_flow_for_request
        from training.selectors import course_and_enrolment_for_request, outline_for_request

        context = super().get_context(request, *args, **kwargs)
        # The enrolment fragments and the lesson-opened hook ask for the same course.
        course, _enrolment = course_and_enrolment_for_request(request, self)
        outline = outline_for_request(request, course) if course else []
        lessons = [lesson for module in outline for lesson in module.lessons]
        position = next((i for i, lesson in enumerate(lessons) if lesson.pk == self.pk), None)
        module = next(
            (m for m in outline if any(lesson.pk == self.pk for lesson in m.lessons)), None
        )
        flow = course_flow_for_request(request, self) if course else None
        lock = flow.lesson_lock(self) if flow else None
        context.update(
            lock=lock,
            lock_message=LockReason.message(lock),
            course=course,
            module=module,
            outline=outline,
            lesson_number=None if position is None else position + 1,
            lesson_total=len(lessons),
            previous_lesson=lessons[position - 1] if position else None,
            next_lesson=(
                lessons[position + 1]
                if position is not None and position + 1 < len(lessons)
                else None
            ),
        )
        return context


class CourseEditorGroup(models.Model):
    """
    The group whose members may edit one course (in every language) in the admin.

    Its members are the course's trainers; it holds "add" and "change" page permissions on
    each translation of the course, never "publish", so trainers' changes go through the
    moderation workflow. Kept in step by ``training.permissions.sync_course_editors``.
    """

    translation_key = models.UUIDField(_("course translation key"), unique=True)
    group = models.OneToOneField(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="course_editors"
    )

    class Meta:
        verbose_name = _("course editor group")
        verbose_name_plural = _("course editor groups")

    def __str__(self):
        return self.group.name
