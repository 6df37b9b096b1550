"""Sessions and attendance: marking, check-in codes, and attendance in the completion rule."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import ParticipantFactory, TrainerFactory
from tests.training.factories import (
    BatchFactory,
    BatchSessionFactory,
    EnrolmentFactory,
    lessons_of,
    make_course,
)
from training.models import Attendance, AttendanceMethod, DeliveryMode, EnrolmentStatus
from training.services import (
    EnrolmentError,
    check_in,
    complete_lesson,
    open_check_in,
    record_attendance,
)

pytestmark = pytest.mark.django_db


def classroom_batch(**course_fields):
    return BatchFactory(
        course=make_course(modules=1, lessons=1, **course_fields), mode=DeliveryMode.CLASSROOM
    )


def test_marking_attendance_twice_keeps_one_record_and_a_correction_replaces_it():
    session = BatchSessionFactory()
    enrolment = EnrolmentFactory(batch=session.batch)
    trainer = TrainerFactory()

    first = record_attendance(session=session, enrolment=enrolment, recorded_by=trainer)
    same = record_attendance(session=session, enrolment=enrolment, recorded_by=trainer)
    corrected = record_attendance(session=session, enrolment=enrolment, status="absent")

    assert first.pk == same.pk == corrected.pk
    assert Attendance.objects.get().status == "absent"


def test_attendance_of_someone_in_another_batch_is_refused():
    session = BatchSessionFactory()

    with pytest.raises(EnrolmentError):
        record_attendance(session=session, enrolment=EnrolmentFactory())


def test_check_in_code_stays_the_same_while_valid_and_expires():
    session = BatchSessionFactory()
    now = timezone.now()

    opened = open_check_in(session=session, now=now)
    again = open_check_in(session=session, now=now + datetime.timedelta(minutes=5))
    later = open_check_in(session=session, now=now + datetime.timedelta(minutes=11))

    assert len(opened.check_in_code) == 6
    assert again.check_in_code == opened.check_in_code
    assert later.check_in_code_expires_at > opened.check_in_code_expires_at


def test_participant_checks_in_with_the_code_typed_loosely_and_twice_is_harmless():
    session = open_check_in(session=BatchSessionFactory())
    enrolment = EnrolmentFactory(batch=session.batch)
    code = " ".join(session.check_in_code.lower())

    first = check_in(participant=enrolment.participant, code=code)
    second = check_in(participant=enrolment.participant, code=session.check_in_code)

    assert first.pk == second.pk
    assert first.method == AttendanceMethod.CHECK_IN and first.status == "present"


def test_check_in_with_an_expired_code_or_without_enrolment_is_refused():
    session = open_check_in(session=BatchSessionFactory())
    enrolment = EnrolmentFactory(batch=session.batch)

    with pytest.raises(EnrolmentError) as error:
        check_in(
            participant=enrolment.participant,
            code=session.check_in_code,
            now=timezone.now() + datetime.timedelta(minutes=30),
        )
    assert error.value.code == "bad_code"
    with pytest.raises(EnrolmentError) as error:
        check_in(participant=ParticipantFactory(), code=session.check_in_code)
    assert error.value.code == "not_enrolled"


def test_attendance_threshold_holds_completion_back_until_it_is_reached():
    batch = classroom_batch(minimum_attendance=75)
    sessions = [BatchSessionFactory(batch=batch) for _ in range(4)]
    enrolment = EnrolmentFactory(batch=batch)
    complete_lesson(enrolment=enrolment, lesson=lessons_of(batch.course)[0])

    for session in sessions[:2]:
        record_attendance(session=session, enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACTIVE

    record_attendance(session=sessions[2], enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED


def test_check_in_page_records_attendance_for_the_signed_in_participant(client):
    session = open_check_in(session=BatchSessionFactory())
    enrolment = EnrolmentFactory(batch=session.batch)
    client.force_login(enrolment.participant)

    page = client.get(f"/en/presensi/{session.check_in_code}/")
    response = client.post(
        f"/en/presensi/{session.check_in_code}/", {"code": session.check_in_code}
    )

    assert session.check_in_code in page.content.decode()
    assert response.status_code == 302
    assert Attendance.objects.filter(enrolment=enrolment, method="check_in").exists()
