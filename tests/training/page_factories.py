"""Builders for course pages in tests: a site with a catalogue, courses, modules, lessons."""

import itertools
from decimal import Decimal

from wagtail.models import Locale, Page, Site

from cms.models import HomePage
from cms.services import publish_page, publish_translation
from training.models import CourseIndexPage, CoursePage, CourseTrainer, LessonPage, ModulePage

_numbers = itertools.count(1)


def make_site() -> HomePage:
    """An Indonesian home page as the default site's root, and its English translation."""
    Locale.objects.get_or_create(language_code="id")
    root = Page.get_first_root_node()
    home = publish_page(parent=root, page_class=HomePage, slug="beranda", title="Beranda")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Test"},
    )
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    publish_translation(page=home, language_code="en", slug="home", title="Home")
    return home


def make_catalogue(home=None) -> CourseIndexPage:
    home = home or make_site()
    return publish_page(parent=home, page_class=CourseIndexPage, slug="kursus", title="Kursus")


def make_course(catalogue, *, trainers=(), tags=None, **fields) -> CoursePage:
    number = next(_numbers)
    defaults = {
        "slug": f"kursus-{number}",
        "title": f"Kursus {number}",
        "code": f"K-{number:02d}",
        "summary": "Ringkasan kursus.",
        "jp": Decimal("8"),
    }
    defaults.update(fields)
    if trainers:
        defaults["course_trainers"] = [CourseTrainer(trainer=user) for user in trainers]
    return publish_page(parent=catalogue, page_class=CoursePage, tags=tags, **defaults)


def make_module(course, **fields) -> ModulePage:
    number = next(_numbers)
    defaults = {"slug": f"modul-{number}", "title": f"Modul {number}"}
    defaults.update(fields)
    return publish_page(parent=course, page_class=ModulePage, **defaults)


def make_lesson(module, **fields) -> LessonPage:
    number = next(_numbers)
    defaults = {
        "slug": f"pelajaran-{number}",
        "title": f"Pelajaran {number}",
        "estimated_minutes": 15,
        "body": [("paragraph", "<p>Isi pelajaran tentang pelayanan publik.</p>")],
    }
    defaults.update(fields)
    return publish_page(parent=module, page_class=LessonPage, **defaults)


def make_full_course(catalogue, *, modules=2, lessons_per_module=2, **fields) -> CoursePage:
    course = make_course(catalogue, **fields)
    for _module_index in range(modules):
        module = make_module(course)
        for _lesson_index in range(lessons_per_module):
            make_lesson(module)
    return course


def translate_tree(page, language_code="en"):
    """Publish an English translation of ``page`` and of every page below it, top down."""
    for each in [page, *page.get_descendants().order_by("path").specific()]:
        publish_translation(page=each.specific, language_code=language_code)


def english(page):
    """The English translation of a page, as its specific class."""
    return page.get_translation(Locale.objects.get(language_code="en")).specific
