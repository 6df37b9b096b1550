"""
The participant's pages under /en/ with the demo data hold no Indonesian demo text that has an
English translation (issue 19): dashboard, catalogue, course, lesson, quiz, attempt result,
evaluation and certificate list. The demo's quizzes, questions, choices, evaluation and
batches have English translations (``training.demo_translations``).
"""

import re

import pytest
from wagtail.models import Locale

from accounts.models import User
from training.demo_assessments import find_demo_course
from training.demo_translations import ENGLISH
from training.models import CourseIndexPage, CoursePage, EvaluationForm, LessonPage, QuizKind
from training.services import enrol_participant, start_attempt, submit_attempt
from training.services.assessment import TAKING_STATUSES

pytestmark = pytest.mark.django_db

# Whole Indonesian sentences and phrases of the demo (short words such as "Keterbukaan" may
# be quoted as terms in English text); batch names are checked on their own.
INDONESIAN = sorted({text for text in ENGLISH if len(text) >= 20})


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def pages(seeded_demo, client):
    participant = User.objects.get(username="peserta")
    client.force_login(participant)
    course = find_demo_course()  # the course with the demo's quizzes and evaluation
    enrolment = enrol_participant(batch=course.batches.get(), participant=participant, notify=False)
    assert enrolment.status in TAKING_STATUSES
    english_course = course.get_translation(Locale.objects.get(language_code="en"))
    lesson = LessonPage.objects.live().descendant_of(english_course).first()
    catalogue = CourseIndexPage.objects.get(locale__language_code="en")
    pre_test = course.quizzes.get(kind=QuizKind.PRE_TEST)
    attempt = start_attempt(enrolment=enrolment, quiz=pre_test)
    submit_attempt(attempt=attempt, responses={})
    form = EvaluationForm.objects.get(course=course)
    return {
        "dashboard": "/en/pembelajaran-saya/",
        "catalogue": catalogue.url,
        "course": english_course.url,
        "lesson": lesson.url,
        "quiz": f"/en/kuis/{pre_test.pk}/",
        "attempt result": f"/en/kuis/{pre_test.pk}/percobaan/{attempt.pk}/hasil/",
        "module quiz": f"/en/kuis/{course.quizzes.get(kind=QuizKind.MODULE).pk}/",
        "evaluation": f"/en/evaluasi/{form.course_id}/",
        "certificate list": "/en/sertifikat-saya/",
    }


def test_no_indonesian_demo_text_on_the_participants_english_pages(pages, client):
    assert len(INDONESIAN) > 50
    found = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        text = _visible_text(response.content.decode())
        leaks = [phrase for phrase in INDONESIAN if phrase in text]
        leaks += re.findall(r"Angkatan [IVX]+ \d{4}", text)
        if leaks:
            found[name] = leaks
    assert found == {}


def test_the_same_pages_in_indonesian_still_show_the_indonesian_texts(pages, client):
    quiz = client.get(pages["quiz"].removeprefix("/en")).content.decode()
    assert "Pre-test: Pelayanan Publik menurut UU 25/2009" in quiz
    dashboard = _visible_text(client.get("/pembelajaran-saya/").content.decode())
    assert re.search(r"Angkatan I \d{4}", dashboard)


def test_the_demo_has_english_copies_of_its_learner_records(seeded_demo):
    from training.models import Batch, Choice, EvaluationItem, Question, Quiz

    for model in (Quiz, Question, Choice, EvaluationItem, Batch):
        source = model._base_manager.filter(locale__language_code="id").count()
        english = model._base_manager.filter(locale__language_code="en").count()
        assert source and english == source, model.__name__
    assert CoursePage.objects.filter(locale__language_code="en").exists()


def test_the_next_step_names_the_pre_test_in_english_before_it_is_taken(seeded_demo, client):
    participant = User.objects.get(username="peserta")
    client.force_login(participant)
    course = find_demo_course()
    enrol_participant(batch=course.batches.get(), participant=participant, notify=False)
    english_course = course.get_translation(Locale.objects.get(language_code="en"))

    html = client.get(english_course.url).content.decode()

    next_step = re.search(r'<section class="next-step".*?</section>', html, flags=re.S).group(0)
    english_title = (
        course.quizzes.get(kind=QuizKind.PRE_TEST)
        .get_translation(Locale.objects.get(language_code="en"))
        .title
    )
    assert english_title in next_step
    assert not [phrase for phrase in INDONESIAN if phrase in _visible_text(html)]
