"""
Issue 20: attendance of a large class in the admin: everyone present in one action, then the
exceptions row by row, under a page title and breadcrumbs of its own, without JavaScript.
"""

import re

import pytest
from django.urls import reverse

from tests.factories import ParticipantFactory, TrainerFactory
from tests.training.factories import BatchSessionFactory, EnrolmentFactory
from training.models import Attendance, AttendanceMethod, CourseTrainer, Enrolment
from training.services import check_in, mark_all_present, open_check_in, record_attendance

pytestmark = pytest.mark.django_db

CLASS_SIZE = 200
# The page of 200 rows: session, enrolments with their people, attendances, and the
# admin's own (session, user, profile, menu permissions); the same for 2 rows or 200.
PAGE_QUERIES = 27


@pytest.fixture
def administrator(administrator):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(administrator)
    profile.preferred_language = "en"
    profile.save()
    return administrator


def _url(session):
    return reverse("training_admin:session_attendance", args=[session.pk])


def _enrol(session, count):
    participants = ParticipantFactory.create_batch(count)
    return Enrolment.objects.bulk_create(
        [Enrolment(batch=session.batch, participant=person) for person in participants]
    )


def test_mark_all_present_keeps_the_recorded_exceptions_and_is_safe_twice():
    session = BatchSessionFactory()
    checked_in, excused, *others = [EnrolmentFactory(batch=session.batch) for _ in range(4)]
    code = open_check_in(session=session).check_in_code
    check_in(participant=checked_in.participant, code=code)
    record_attendance(session=session, enrolment=excused, status="excused")
    EnrolmentFactory(batch=session.batch, status="withdrawn")

    marked = mark_all_present(session=session)
    again = mark_all_present(session=session)

    assert (marked, again) == (2, 0)
    statuses = dict(Attendance.objects.values_list("enrolment_id", "status"))
    assert statuses == {
        checked_in.pk: "present",
        excused.pk: "excused",
        others[0].pk: "present",
        others[1].pk: "present",
    }
    assert Attendance.objects.get(enrolment=checked_in).method == AttendanceMethod.CHECK_IN


def test_administrator_marks_a_class_present_then_the_exceptions_without_javascript(
    client, administrator
):
    session = BatchSessionFactory(title="Pembukaan")
    first, second, third = _enrol(session, 3)
    client.force_login(administrator)

    page = client.get(_url(session)).content.decode()
    assert 'name="mark_all_present"' in page
    response = client.post(_url(session), {"mark_all_present": "1"}, follow=True)
    html = response.content.decode()
    assert "3 participants marked present" in html
    assert 'name="mark_all_present"' not in html
    assert Attendance.objects.filter(session=session, status="present").count() == 3

    # The exceptions: the whole form is posted again, as a browser without JavaScript does.
    client.post(
        _url(session),
        {
            f"status-{first.pk}": "present",
            f"status-{second.pk}": "absent",
            f"status-{third.pk}": "excused",
        },
    )
    statuses = dict(Attendance.objects.values_list("enrolment_id", "status"))
    assert statuses == {first.pk: "present", second.pk: "absent", third.pk: "excused"}


def test_attendance_page_has_its_title_and_breadcrumbs(client, administrator):
    session = BatchSessionFactory(title="Pembukaan")
    client.force_login(administrator)

    html = client.get(_url(session)).content.decode()

    title = re.search(r"<title>(.*?)</title>", html, re.DOTALL).group(1)
    assert "Attendance: Pembukaan" in title
    assert "<h1" in html and "Attendance: Pembukaan" in html.split("<h1", 1)[1][:300]
    assert reverse("training_batches:index") in html
    assert reverse("training_admin:batch_progress", args=[session.batch_id]) in html


def test_trainer_of_the_course_marks_everyone_present(client):
    session = BatchSessionFactory()
    _enrol(session, 2)
    trainer = TrainerFactory()
    CourseTrainer.objects.create(course=session.batch.course, trainer=trainer)
    client.force_login(trainer)

    client.post(_url(session), {"mark_all_present": "1"})

    assert Attendance.objects.filter(session=session, recorded_by=trainer).count() == 2


def test_another_courses_trainer_cannot_mark_everyone_present(client):
    session = BatchSessionFactory()
    _enrol(session, 2)
    client.force_login(TrainerFactory())

    response = client.post(_url(session), {"mark_all_present": "1"})

    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_the_page_of_200_participants_runs_as_many_queries_as_for_two(
    client, administrator, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(session):
        client.get(_url(session))  # the admin's menus and caches, built once per process
        with CaptureQueriesContext(connection) as captured:
            client.get(_url(session))
        return len(captured)

    client.force_login(administrator)
    small = BatchSessionFactory()
    _enrol(small, 2)
    mark_all_present(session=small)
    session = BatchSessionFactory()
    enrolments = _enrol(session, CLASS_SIZE)
    mark_all_present(session=session)

    baseline = queries_for(small)
    assert queries_for(session) == baseline
    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(_url(session))

    html = response.content.decode()
    assert html.count('<select name="status-') == CLASS_SIZE
    assert f'id="status-{enrolments[-1].pk}"' in html


def test_marking_a_class_present_completes_those_who_reach_the_attendance_threshold():
    from tests.training.factories import BatchFactory, lessons_of, make_course
    from training.models import DeliveryMode
    from training.services import complete_lesson

    batch = BatchFactory(
        course=make_course(modules=1, lessons=1, minimum_attendance=50), mode=DeliveryMode.CLASSROOM
    )
    session = BatchSessionFactory(batch=batch)
    done, not_done = EnrolmentFactory(batch=batch), EnrolmentFactory(batch=batch)
    complete_lesson(enrolment=done, lesson=lessons_of(batch.course)[0])

    mark_all_present(session=session)

    done.refresh_from_db()
    not_done.refresh_from_db()
    assert (done.status, not_done.status) == ("completed", "active")


def test_marking_200_present_without_an_attendance_threshold_runs_a_fixed_number_of_queries(
    django_assert_max_num_queries,
):
    session = BatchSessionFactory()
    _enrol(session, CLASS_SIZE)

    with django_assert_max_num_queries(6):
        assert mark_all_present(session=session) == CLASS_SIZE
