"""Course, module and lesson pages: page-type rules, admin editing, rendering, query counts."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from cms.models import HomePage, StandardPage
from training.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from training.selectors import course_outline

from .page_factories import (
    english,
    make_catalogue,
    make_course,
    make_full_course,
    make_lesson,
    make_module,
    translate_tree,
)

pytestmark = pytest.mark.django_db


class TestPageTypes(WagtailPageTestCase):
    def test_catalogue_lives_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, CourseIndexPage)
        self.assertCanNotCreateAt(StandardPage, CourseIndexPage)
        self.assertCanNotCreateAt(Page, CourseIndexPage)
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})

    def test_course_holds_modules_and_module_holds_lessons(self):
        self.assertCanCreateAt(CourseIndexPage, CoursePage)
        self.assertCanNotCreateAt(HomePage, CoursePage)
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage})

    def test_lesson_sits_in_a_module_and_has_no_children(self):
        self.assertCanCreateAt(ModulePage, LessonPage)
        self.assertCanNotCreateAt(CoursePage, LessonPage)
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})
        self.assertAllowedSubpageTypes(LessonPage, set())


def assert_editable_and_previewable(client, page, **streams):
    """
    What Wagtail's assertPageIsEditable/Previewable check, signed in as the current user.

    Those helpers sign in with the first authentication backend, django-axes' standalone
    backend, which cannot load users; so the same steps run here with the test client.
    StreamFields are drawn by JavaScript, so their form data is given in ``streams``.
    """
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(edit_url)
    assert response.status_code == 200, edit_url
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.update(nested_form_data(streams))

    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert client.post(preview_url, data).json()["is_valid"] is True
    assert client.get(preview_url).status_code == 200

    saved = client.post(edit_url, data)
    assert saved.status_code == 302, saved.content.decode()[:2000]


def test_every_course_page_type_is_editable_and_previewable(client, administrator):
    course = make_course(make_catalogue(), learning_objectives=[("objective", "Memahami")])
    module = make_module(course, goals="<p>Tujuan.</p>")
    lesson = make_lesson(module)
    client.force_login(administrator)

    body = streamfield([("paragraph", rich_text("<p>Isi baru.</p>"))])
    assert_editable_and_previewable(client, course.get_parent().specific)
    assert_editable_and_previewable(
        client, course, learning_objectives=streamfield([("objective", "Memahami")])
    )
    assert_editable_and_previewable(client, module)
    assert_editable_and_previewable(client, lesson, body=body)


def test_assigned_trainer_can_open_preview_and_save_a_lesson_in_the_editor(client, trainer):
    lesson = make_lesson(make_module(make_course(make_catalogue(), trainers=[trainer])))
    client.force_login(trainer)

    assert_editable_and_previewable(
        client, lesson, body=streamfield([("paragraph", rich_text("<p>Isi baru.</p>"))])
    )


def test_administrator_creates_course_module_and_lesson_in_the_admin(
    client, administrator, trainer
):
    catalogue = make_catalogue()
    client.force_login(administrator)

    response = client.post(
        f"/admin/pages/add/training/coursepage/{catalogue.pk}/",
        nested_form_data(
            {
                "title": "Inovasi Pelayanan Publik",
                "slug": "inovasi",
                "code": "PP-03",
                "jp": "12",
                "summary": "Merancang inovasi pelayanan.",
                "description": rich_text("<p>Kursus tentang inovasi.</p>"),
                "learning_objectives": streamfield([("objective", "Menyusun proposal inovasi")]),
                "level": "intermediate",
                "delivery_mode": "blended",
                "delivery_language": "id",
                "partner": "",
                "tags": "inovasi, pelayanan",
                "course_trainers": inline_formset([{"trainer": trainer.pk, "role": "Narasumber"}]),
                "require_all_lessons": "on",
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    course = CoursePage.objects.get(slug="inovasi")

    response = client.post(
        f"/admin/pages/add/training/modulepage/{course.pk}/",
        nested_form_data(
            {
                "title": "Mengenali masalah",
                "slug": "masalah",
                "goals": rich_text("<p>Menemukan masalah layanan.</p>"),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    module = ModulePage.objects.get(slug="masalah")

    response = client.post(
        f"/admin/pages/add/training/lessonpage/{module.pk}/",
        nested_form_data(
            {
                "title": "Peta masalah",
                "slug": "peta-masalah",
                "estimated_minutes": "20",
                "is_required": "on",
                "body": streamfield(
                    [
                        ("heading", {"heading_text": "Mulai dari warga", "size": "h2"}),
                        ("paragraph", rich_text("<p>Dengarkan warga lebih dulu.</p>")),
                        (
                            "callout",
                            {"kind": "tip", "title": "Tips", "text": rich_text("<p>Catat.</p>")},
                        ),
                        ("quote", {"text": "Pelayanan publik adalah…", "attribution": "UU 25"}),
                    ]
                ),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]

    course.refresh_from_db()
    lesson = LessonPage.objects.get(slug="peta-masalah")
    assert course.live and course.jp == Decimal("12") and course.level == "intermediate"
    assert list(course.course_trainers.values_list("trainer", "role")) == [
        (trainer.pk, "Narasumber")
    ]
    assert sorted(course.tags.names()) == ["inovasi", "pelayanan"]
    assert [block.block_type for block in lesson.body] == [
        "heading",
        "paragraph",
        "callout",
        "quote",
    ]
    assert lesson.get_parent().pk == module.pk and lesson.live


def test_course_outline_lists_live_modules_and_lessons_in_tree_order(django_assert_num_queries):
    course = make_course(make_catalogue())
    first, second = make_module(course, title="Satu"), make_module(course, title="Dua")
    lessons = [make_lesson(first), make_lesson(first), make_lesson(second)]
    draft = make_lesson(second)
    draft.unpublish()

    with django_assert_num_queries(2):
        outline = course_outline(course)

    assert [module.title for module in outline] == ["Satu", "Dua"]
    assert [[lesson.pk for lesson in module.lessons] for module in outline] == [
        [lessons[0].pk, lessons[1].pk],
        [lessons[2].pk],
    ]
    assert all(isinstance(lesson, LessonPage) for lesson in outline[0].lessons)


def test_course_page_shows_syllabus_jp_trainers_and_objectives(client, trainer):
    course = make_course(
        make_catalogue(),
        title="Standar Pelayanan",
        jp=Decimal("24"),
        trainers=[trainer],
        learning_objectives=[("objective", "Menyusun standar pelayanan")],
    )
    module = make_module(course, title="Dasar Hukum")
    lesson = make_lesson(module, title="Asas pelayanan", estimated_minutes=30)

    response = client.get(course.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "24 JP" in html
    assert "Dasar Hukum" in html and f'data-lesson-id="{lesson.pk}"' in html
    assert trainer.full_name in html
    assert "Menyusun standar pelayanan" in html
    templates = {template.name for template in response.templates}
    assert {
        "training/includes/course_enrolment.html",
        "training/includes/outline_progress.html",
    } <= templates


def test_module_page_lists_its_lessons(client):
    module = make_module(make_course(make_catalogue()), goals="<p>Tujuan modul.</p>")
    lesson = make_lesson(module, title="Pelajaran pertama")

    html = client.get(module.url).content.decode()

    assert "Tujuan modul." in html and "Pelajaran pertama" in html
    assert f'data-lesson-id="{lesson.pk}"' in html


def test_lesson_page_has_outline_previous_next_and_reading_time(client):
    course = make_course(make_catalogue())
    first_module, second_module = make_module(course), make_module(course)
    first = make_lesson(first_module, title="Pertama")
    middle = make_lesson(
        first_module,
        title="Tengah",
        body=[("paragraph", "<p>" + "kata " * 450 + "</p>")],
        estimated_minutes=25,
    )
    last = make_lesson(second_module, title="Terakhir")
    translate_tree(course.get_parent())
    first, middle, last = english(first), english(middle), english(last)

    response = client.get(middle.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert middle.reading_minutes == 3
    assert "Lesson 2 of 3" in html and "3 minute read" in html
    assert f'href="{first.url}" rel="prev"' in html
    assert f'href="{last.url}" rel="next"' in html
    assert 'aria-current="page">Tengah</a>' in html
    for lesson in (first, middle, last):
        assert f'data-lesson-id="{lesson.pk}"' in html
    assert "training/includes/lesson_actions.html" in {t.name for t in response.templates}


def test_last_lesson_leads_back_to_the_course(client):
    course = make_course(make_catalogue())
    make_lesson(make_module(course))
    translate_tree(course.get_parent())
    course = english(course)
    lesson = LessonPage.objects.descendant_of(course).get()

    html = client.get(lesson.url).content.decode()

    assert "End of the course" in html and f'href="{course.url}"' in html
    assert 'rel="prev"' not in html


def test_lesson_page_works_without_javascript_and_prints_cleanly(client):
    lesson = make_lesson(make_module(make_course(make_catalogue())))

    html = client.get(lesson.url).content.decode()

    assert "<script" not in html
    assert 'href="#course-outline"' in html and 'id="course-outline"' in html
    assert html.count('class="lesson-pager no-print"') == 1


def test_lesson_page_query_count_does_not_grow_with_the_course(
    client, django_assert_max_num_queries
):
    small = make_full_course(make_catalogue(), modules=2, lessons_per_module=2)
    large = make_full_course(small.get_parent(), modules=6, lessons_per_module=5)
    small_lesson = LessonPage.objects.descendant_of(small).last()
    large_lesson = LessonPage.objects.descendant_of(large).last()
    # Warm the caches (the site, its chrome, each course's outline); the rest is Wagtail
    # routing and the lesson itself, none of it per lesson of the course.
    client.get(small_lesson.url)
    client.get(large_lesson.url)

    with django_assert_max_num_queries(3) as small_queries:
        client.get(small_lesson.url)
    with django_assert_max_num_queries(3) as large_queries:
        client.get(large_lesson.url)

    assert len(large_queries) == len(small_queries)


def test_course_page_query_count_does_not_grow_with_the_course(
    client, trainer, django_assert_max_num_queries
):
    catalogue = make_catalogue()
    small = make_full_course(catalogue, modules=1, lessons_per_module=2, trainers=[trainer])
    large = make_full_course(catalogue, modules=6, lessons_per_module=5, trainers=[trainer])
    client.get(small.url)
    client.get(large.url)

    with django_assert_max_num_queries(7) as small_queries:
        client.get(small.url)
    with django_assert_max_num_queries(7) as large_queries:
        client.get(large.url)

    assert len(large_queries) == len(small_queries)


def test_the_outline_of_a_lesson_page_follows_a_lesson_published_after_it_was_cached(client):
    course = make_full_course(make_catalogue(), modules=1, lessons_per_module=2)
    module = ModulePage.objects.child_of(course).get()
    lesson = LessonPage.objects.descendant_of(course).first()
    client.get(lesson.url)  # caches the course, its modules and its lessons

    added = make_lesson(module, title="Pelajaran Tambahan")
    html = client.get(lesson.url).content.decode()
    assert "Pelajaran Tambahan" in html and "Pelajaran 1 dari 3" in html

    added.unpublish()
    html = client.get(lesson.url).content.decode()
    assert "Pelajaran Tambahan" not in html and "Pelajaran 1 dari 2" in html


def test_a_renamed_course_is_renamed_on_its_lesson_pages_once_published(client):
    course = make_full_course(make_catalogue(), modules=1, lessons_per_module=1)
    lesson = LessonPage.objects.descendant_of(course).get()
    client.get(lesson.url)

    course.title = "Kursus Baru"
    course.save_revision().publish()

    assert "Kursus Baru" in client.get(lesson.url).content.decode()
