"""The demo courses built by `seed_demo`, tried as a new user would."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Workflow, WorkflowPage

from accounts.models import User
from training.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from training.moderation import WORKFLOW_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(seeded_demo):
    """The demo, seeded once for this module (tests/conftest.py)."""
    return seeded_demo


def test_demo_courses_are_complete_in_both_languages(demo, client):
    sizes = {}
    for course in CoursePage.objects.all():
        modules = ModulePage.objects.child_of(course).live().count()
        lessons = LessonPage.objects.descendant_of(course).live().count()
        sizes[(course.code, course.locale.language_code)] = (modules, lessons)

    assert sizes[("PP-01", "id")] == sizes[("PP-01", "en")]
    assert sizes[("PP-01", "id")] >= (4, 10)
    assert sizes[("NZ-02", "en")] == sizes[("NZ-02", "id")]
    assert sizes[("NZ-02", "en")] >= (3, 6)
    # Course 1 was written in Indonesian, course 2 in English: the original comes first.
    original = {
        code: CoursePage.objects.filter(code=code).order_by("pk").first().locale.language_code
        for code in ("PP-01", "NZ-02")
    }
    assert original == {"PP-01": "id", "NZ-02": "en"}
    for lesson in LessonPage.objects.live():
        assert "lorem" not in str(lesson.body.raw_data).lower()
        assert len(lesson.body) >= 3


def test_catalogue_lists_both_courses_in_both_languages_and_every_lesson_reads(demo, client):
    indonesian = client.get("/kursus/").content.decode()
    english = client.get("/en/courses/").content.decode()

    assert "Standar Pelayanan dan Sistem Informasi Pelayanan Publik" in indonesian
    assert "Desain Pelayanan Publik yang Berpusat pada Warga" in indonesian
    assert "Service Standards and the Public-Service Information System" in english
    assert "Customer-Centred Public Service Design" in english
    assert ">Katalog Kursus</a>" in client.get("/").content.decode()
    assert ">Course Catalogue</a>" in client.get("/en/").content.decode()
    for lesson in LessonPage.objects.live():
        assert client.get(lesson.url).status_code == 200, lesson.url


def test_language_switcher_on_a_lesson_goes_to_its_translation(demo, client):
    html = client.get(
        "/kursus/standar-pelayanan-dan-sistem-informasi/sistem-informasi/enam-komponen/"
    ).content.decode()

    assert 'href="/en/courses/service-standards/information-system/six-components/"' in html


def test_demo_trainer_edits_course_one_only_and_seeding_twice_changes_nothing(demo):
    call_command("seed_demo", stdout=io.StringIO())
    trainer = User.objects.get(username="fasilitator")

    for course in CoursePage.objects.all():
        lesson = LessonPage.objects.descendant_of(course).first()
        permissions = lesson.permissions_for_user(trainer)
        assert permissions.can_edit() == (course.code == "PP-01"), course
        assert not permissions.can_publish()
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    assert set(
        WorkflowPage.objects.filter(workflow__name=WORKFLOW_NAME).values_list("page", flat=True)
    ) == set(CourseIndexPage.objects.values_list("pk", flat=True))
    assert CoursePage.objects.count() == 4


def test_the_demo_participant_plays_the_demo_scorm_lesson_of_pp01(demo, client):
    from wagtail.models import Locale

    from training.models import Enrolment

    lesson = LessonPage.objects.get(slug="modul-mitra-scorm")
    assert lesson.scorm_package.version == "1.2"
    assert CoursePage.objects.ancestor_of(lesson).get().code == "PP-01"
    english = lesson.get_translation(Locale.objects.get(language_code="en")).specific
    assert english.scorm_package == lesson.scorm_package
    peserta = User.objects.get(username="peserta")
    enrolment = Enrolment.objects.get(participant=peserta, batch__course__code="PP-01")
    assert enrolment.status == "active"
    client.force_login(peserta)
    # PP-01 asks for the pre-test first: until then the lesson holds back its player.
    assert "data-scorm-player" not in client.get(lesson.url).content.decode()
    from training.models import Quiz, QuizKind
    from training.services import start_attempt, submit_attempt

    pre_test = Quiz.objects.get(course__code="PP-01", kind=QuizKind.PRE_TEST)
    submit_attempt(attempt=start_attempt(enrolment=enrolment, quiz=pre_test), responses={})
    assert 'data-record="true"' in client.get(lesson.url).content.decode()
