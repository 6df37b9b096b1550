"""
Demo content for training: the course catalogue in both languages and two complete courses.

Course 1 (service standards, UU 25/2009) is written in Indonesian and translated into
English; course 2 (customer-centred design, New Zealand partnership) the other way round. The
demo trainer ``fasilitator`` teaches course 1 only. Every page goes through
``cms.services``, so seeding twice changes nothing.
"""

from wagtail.models import Site

from accounts.models import User
from cms.demo import seed_navigation
from cms.services import publish_page, publish_translation

from . import demo_assessments, demo_batches, demo_scorm, demo_translations
from .demo_content import service_design, service_standards
from .models import CourseIndexPage, CoursePage, CourseTrainer, LessonPage, ModulePage
from .moderation import install_course_review_workflow

CATALOGUE = {
    "id": {
        "slug": "kursus",
        "title": "Katalog Kursus",
        "introduction": "Pilih pelatihan pelayanan publik yang sesuai dengan tugas Anda. "
        "Setiap kursus mencantumkan jam pelajaran (JP) yang diakui sebagai pengembangan "
        "kompetensi.",
    },
    "en": {
        "slug": "courses",
        "title": "Course Catalogue",
        "introduction": "Choose the public-service training that fits your work. Every "
        "course states the learning hours (JP) it earns towards your competency development.",
    },
}

COURSE_FIELDS = (
    "code",
    "jp",
    "level",
    "delivery_language",
    "delivery_mode",
    "require_all_lessons",
    "require_post_test",
    "require_evaluation",
    "pre_test_first",
    "assessments_in_order",
)


def _course_fields(course, language):
    return {
        **{name: course[name] for name in COURSE_FIELDS},
        # The partner is named in each language, like the title: a card on the Indonesian
        # site never shows the English name.
        "partner": course["partner"][language],
        "slug": course["slug"][language],
        "title": course["title"][language],
        "summary": course["summary"][language],
        "description": course["description"][language],
        "learning_objectives": [("objective", text) for text in course["objectives"][language]],
        "tags": course["tags"][language],
    }


def _trainer_fields(parent, slug, trainers):
    """The trainer rows to set, or nothing when the course already lists exactly these."""
    existing = CoursePage.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None and set(
        existing.course_trainers.values_list("trainer_id", flat=True)
    ) == {trainer.pk for trainer, _role in trainers}:
        return {}
    return {
        "course_trainers": [
            CourseTrainer(trainer=trainer, role=role, sort_order=index)
            for index, (trainer, role) in enumerate(trainers)
        ]
    }


def _build_course(course, *, original, translation, catalogues, trainers=()):
    parent = catalogues[original]
    fields = _course_fields(course, original)
    page = publish_page(
        parent=parent,
        page_class=CoursePage,
        **fields,
        **_trainer_fields(parent, fields["slug"], trainers),
    )
    publish_translation(page=page, language_code=translation, **_course_fields(course, translation))
    for module in course["modules"]:
        module_page = publish_page(
            parent=page,
            page_class=ModulePage,
            slug=module["slug"][original],
            title=module["title"][original],
            goals=module["goals"][original],
        )
        publish_translation(
            page=module_page,
            language_code=translation,
            slug=module["slug"][translation],
            title=module["title"][translation],
            goals=module["goals"][translation],
        )
        for lesson in module["lessons"]:
            lesson_page = publish_page(
                parent=module_page,
                page_class=LessonPage,
                slug=lesson["slug"][original],
                title=lesson["title"][original],
                estimated_minutes=lesson["minutes"],
                is_required=lesson.get("required", True),
                body=lesson["body"][original],
            )
            publish_translation(
                page=lesson_page,
                language_code=translation,
                slug=lesson["slug"][translation],
                title=lesson["title"][translation],
                body=lesson["body"][translation],
            )
    return page


def seed(log):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    catalogue = publish_page(parent=home, page_class=CourseIndexPage, **CATALOGUE["id"])
    catalogue_en = publish_translation(page=catalogue, language_code="en", **CATALOGUE["en"])
    catalogues = {"id": catalogue, "en": catalogue_en}

    trainer = User.objects.get(username="fasilitator")
    _build_course(
        service_standards.COURSE,
        original="id",
        translation="en",
        catalogues=catalogues,
        trainers=[(trainer, "Widyaiswara")],
    )
    _build_course(service_design.COURSE, original="en", translation="id", catalogues=catalogues)
    demo_scorm.seed(log)
    install_course_review_workflow(catalogues=[catalogue, catalogue_en])
    seed_navigation(site)
    demo_batches.seed(log)
    demo_assessments.seed(log)
    demo_translations.seed(log)
    log(
        "Courses: catalogue and 2 courses in Indonesian and English; "
        "fasilitator teaches PP-01; course review workflow"
    )
