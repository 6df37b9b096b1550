"""Training reports and the dashboard panel: figures, exports, permissions, query counts."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from tests.factories import ParticipantFactory, TrainerFactory
from training.models import (
    Attempt,
    AttemptStatus,
    CourseTrainer,
    EnrolmentStatus,
    EvaluationAnswer,
    EvaluationResponse,
    LessonProgress,
    QuizKind,
)
from training.reports.charts import bar_chart

from .assessment_factories import make_evaluation_form, make_quiz
from .factories import BatchFactory, EnrolmentFactory, lessons_of, make_course

THIS_YEAR = timezone.localdate().year


def login_in_english(client, user):
    """The admin speaks Indonesian unless a user chooses; these tests read English."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)


def _attempt(enrolment, quiz, number, percentage):
    return Attempt.objects.create(
        enrolment=enrolment, quiz=quiz, number=number, status=AttemptStatus.GRADED,
        max_score=10, score=Decimal(percentage) / 10, percentage=percentage,
        passed=percentage >= 70,
    )  # fmt: skip


@pytest.fixture
def known(db):
    """
    One course of 2 modules × 3 lessons; Ani did 3 of 6 lessons, pre 40 % then post 60 %
    and 80 % (best 80 %: gain 0.667); Budi did none, pre 50 % only.
    """
    course = make_course(title="Standar Pelayanan", code="SP-01", jp=12)
    batch = BatchFactory(
        course=course, starts_on=datetime.date(THIS_YEAR, 1, 5),
        ends_on=datetime.date(THIS_YEAR, 1, 9),
    )  # fmt: skip
    ani = EnrolmentFactory(batch=batch, participant=ParticipantFactory(full_name="Ani"))
    budi = EnrolmentFactory(batch=batch, participant=ParticipantFactory(full_name="Budi"))
    now = timezone.now()
    for lesson in lessons_of(course)[:3]:
        LessonProgress.objects.create(enrolment=ani, lesson=lesson, completed_at=now)
    pre, post = make_quiz(course, QuizKind.PRE_TEST), make_quiz(course, QuizKind.POST_TEST)
    _attempt(ani, pre, 1, 40)
    _attempt(ani, post, 1, 60)
    _attempt(ani, post, 2, 80)
    _attempt(budi, pre, 1, 50)
    return {"course": course, "batch": batch, "ani": ani, "budi": budi}


def _get(client, name, **params):
    return client.get(reverse(f"training_reports:{name}"), {"year": THIS_YEAR, **params})


def _sheet(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return [list(row) for row in openpyxl.load_workbook(io.BytesIO(content)).active.values]


def test_progress_report_figures_and_xlsx(client, administrator, known):
    login_in_english(client, administrator)

    rows = _sheet(_get(client, "enrolments", export="xlsx"))

    assert rows[0][:9] == [
        "NIP", "Name", "Agency", "Course", "Course code", "Batch", "Status", "Progress (%)",
        "Lessons done",
    ]  # fmt: skip
    by_name = {row[1]: row for row in rows[1:]}
    ani = known["ani"].participant
    assert by_name["Ani"][0] == ani.nip
    assert by_name["Ani"][2:9] == [ani.agency.name, "Standar Pelayanan", "SP-01",
                                   known["batch"].name, "Active", 50, 3]  # fmt: skip
    assert by_name["Ani"][9] == 6
    assert by_name["Ani"][12] is not None  # last activity
    assert by_name["Budi"][7:10] == [0, 0, 6]
    assert by_name["Budi"][12] is None


def test_progress_export_decorates_every_chunk(client, administrator, known, monkeypatch):
    """Exports read and decorate rows a chunk at a time: every row keeps its figures."""
    from training.reports import base

    monkeypatch.setattr(base, "EXPORT_CHUNK", 1)
    login_in_english(client, administrator)

    rows = _sheet(_get(client, "enrolments", export="xlsx"))

    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["Ani"][7:10] == [50, 3, 6]
    assert by_name["Budi"][7:10] == [0, 0, 6]


def test_assessment_report_counts_first_pre_and_best_post(client, administrator, known):
    login_in_english(client, administrator)

    text = b"".join(_get(client, "assessments", export="csv").streaming_content).decode()

    # By position: a streamed CSV is written after the admin's language is switched back.
    rows = {row[1]: row for row in csv.reader(io.StringIO(text))}
    assert [Decimal(value) for value in rows["Ani"][6:8]] == [40, 80]
    assert rows["Ani"][8] != ""  # passed
    assert rows["Ani"][9:11] == ["0.667", "3"]
    assert Decimal(rows["Budi"][6]) == 50
    assert rows["Budi"][7:11] == ["", "", "", "1"]


def test_batch_assessment_report_averages(client, administrator, known):
    login_in_english(client, administrator)

    rows = _sheet(_get(client, "batch_assessments", export="xlsx"))

    header, row = rows[0], rows[1]
    figures = dict(zip(header, row, strict=True))
    assert figures["Participants"] == 2
    assert figures["Average pre-test (%)"] == 45
    assert figures["Average post-test (%)"] == 80
    assert (figures["Post-tests taken"], figures["Post-tests passed"]) == (1, 1)
    # Gain over the participants who sat both tests: Ani alone, (80 − 40) / 60.
    assert figures["Normalised gain"] == pytest.approx(0.667)


def test_evaluation_report_hides_groups_below_three_ratings(client, administrator, known):
    form = make_evaluation_form(known["course"])
    item = form.items.filter(kind="rating").first() or form.items.first()
    login_in_english(client, administrator)
    enrolments = [known["ani"], known["budi"]]
    for enrolment in enrolments:
        response = EvaluationResponse.objects.create(form=form, enrolment=enrolment)
        EvaluationAnswer.objects.create(response=response, item=item, rating=4)

    assert item.text not in _get(client, "evaluations").content.decode()

    third = EnrolmentFactory(batch=known["batch"])
    response = EvaluationResponse.objects.create(form=form, enrolment=third)
    EvaluationAnswer.objects.create(response=response, item=item, rating=1)
    rows = _sheet(_get(client, "evaluations", export="xlsx"))
    assert rows[1][2:] == [item.text, None, 3, 3]


def test_a_trainer_sees_their_own_courses_only(client, known):
    trainer = TrainerFactory()
    other = BatchFactory(course=make_course(title="Kursus Lain", code="KL-01"),
                         starts_on=datetime.date(THIS_YEAR, 2, 1),
                         ends_on=datetime.date(THIS_YEAR, 2, 3))  # fmt: skip
    EnrolmentFactory(batch=other, participant=ParticipantFactory(full_name="Zaki"))
    CourseTrainer.objects.create(course=known["course"], trainer=trainer)
    login_in_english(client, trainer)

    for name in ("enrolments", "assessments"):
        html = _get(client, name).content.decode()
        assert "Ani" in html and "Zaki" not in html
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Figures of the courses you teach." in dashboard
    assert "KL-01" not in dashboard


def test_participants_get_no_report_and_no_admin(client, known):
    login_in_english(client, known["ani"].participant)

    for name in ("enrolments", "assessments", "batch_assessments", "evaluations"):
        response = _get(client, name)
        assert response.status_code in (302, 403)
        assert b"Budi" not in response.content


def test_the_dashboard_panel_shows_the_year_and_accessible_charts(client, administrator, known):
    known["ani"].status = EnrolmentStatus.COMPLETED
    known["ani"].completed_at = timezone.now()
    known["ani"].save()
    login_in_english(client, administrator)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert f"Training in {THIS_YEAR}" in html
    assert "<dt>Completions this year</dt>" in html
    assert "<dt>JP completed this year</dt>" in html
    assert "<dt>Certificates issued this year</dt>" in html
    assert 'role="img"' in html and "<desc id=" in html
    # The completion chart writes its value beside the bar: 1 of 2 participants.
    assert ">50%</text>" in html
    assert ">Pre 45%</text>" in html and ">Post 80%</text>" in html
    assert "style=" not in html.split('class="bimtek-dashboard"')[1].split("</section>")[0]


def test_bar_chart_scales_and_labels_every_bar():
    data = [("x", [50, None]), ("y", [100, 25])]
    chart = bar_chart(title="T", description="D", series=["A", "B"], data=data, unit="%",
                      maximum=100)  # fmt: skip

    bars = [bar for row in chart.rows for bar in row.bars]
    assert [bar.width for bar in bars] == [150, 0, 300, 75]
    assert [bar.caption for bar in bars] == ["A 50%", "B –", "A 100%", "B 25%"]


def _more_enrolments(batch, count):
    for _index in range(count):
        EnrolmentFactory(batch=batch)


@pytest.mark.parametrize("name", ["enrolments", "assessments", "batch_assessments", "evaluations"])
def test_query_count_does_not_grow_with_rows(
    client, administrator, known, django_assert_max_num_queries, name
):
    login_in_english(client, administrator)
    _more_enrolments(known["batch"], 3)
    _get(client, name)
    # About 42: most of them are the Wagtail admin's own page (menus, permissions).
    with django_assert_max_num_queries(45) as small:
        _get(client, name)
    _more_enrolments(known["batch"], 30)
    for _index in range(3):
        BatchFactory(course=known["course"], starts_on=datetime.date(THIS_YEAR, 3, 1),
                     ends_on=datetime.date(THIS_YEAR, 3, 2))  # fmt: skip
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert _get(client, name).status_code == 200


def test_dashboard_query_count_does_not_grow_with_courses(
    client, administrator, known, django_assert_max_num_queries
):
    """The pre/post chart reads its courses' scores in a fixed number of queries."""
    login_in_english(client, administrator)
    client.get(reverse("wagtailadmin_home"))
    with django_assert_max_num_queries(80) as one_course:
        client.get(reverse("wagtailadmin_home"))
    for index in range(3):
        course = make_course(title=f"Kursus {index}", code=f"K-{index}")
        batch = BatchFactory(course=course, starts_on=datetime.date(THIS_YEAR, 2, 1),
                             ends_on=datetime.date(THIS_YEAR, 2, 3))  # fmt: skip
        _attempt(EnrolmentFactory(batch=batch), make_quiz(course, QuizKind.PRE_TEST), 1, 30)
    with django_assert_max_num_queries(len(one_course.captured_queries)):
        html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert ">Pre 30%</text>" in html


def test_dashboard_query_count_does_not_grow_with_rows(
    client, administrator, known, django_assert_max_num_queries
):
    login_in_english(client, administrator)
    client.get(reverse("wagtailadmin_home"))
    with django_assert_max_num_queries(80) as small:
        client.get(reverse("wagtailadmin_home"))
    _more_enrolments(known["batch"], 30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("wagtailadmin_home"))
