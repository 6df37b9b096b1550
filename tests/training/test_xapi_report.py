"""
The "Learning records (xAPI)" admin report: one row per statement, its filters, the course
scope of trainers, the .xlsx/.csv exports and the download of the statements as xAPI JSON.
"""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParticipantFactory, TrainerFactory
from training import xapi
from training.models import CourseTrainer, XapiStatement
from training.services import complete_lesson, record_scorm_completion

from .factories import BatchFactory, EnrolmentFactory, lessons_of, make_course
from .test_reports import _sheet, login_in_english
from .test_xapi import (
    SITE_URL,
    _site,  # noqa: F401 (the site's URL in every statement: autouse)
    assert_valid_xapi,
)

pytestmark = pytest.mark.django_db


def _moment(day):
    return timezone.make_aware(datetime.datetime(2026, 3, day, 9, 30))


@pytest.fixture
def known():
    """
    Ani (course "Standar Pelayanan", taught by the trainer) completed a lesson on 2 March,
    sent to the store, and passed a SCORM package with 80 % on 5 March, pending; Budi (another
    course) completed a SCORM package on 9 March.
    """
    course = make_course(title="Standar Pelayanan", code="SP-01", modules=1, lessons=1)
    other_course = make_course(title="Kursus Lain", code="KL-01", modules=1, lessons=1)
    trainer = TrainerFactory()
    CourseTrainer.objects.create(course=course, trainer=trainer)
    ani = EnrolmentFactory(
        batch=BatchFactory(course=course),
        participant=ParticipantFactory(full_name="Ani Lestari", nip="198501012010012001"),
    )
    budi = EnrolmentFactory(
        batch=BatchFactory(course=other_course),
        participant=ParticipantFactory(full_name="Budi Santoso", nip="199002022015031002"),
    )
    progress = complete_lesson(enrolment=ani, lesson=lessons_of(course)[0])
    # Done on 2 March: the statement says so too.
    lesson_record = XapiStatement.objects.get()
    lesson_record.statement["timestamp"] = xapi.timestamp(_moment(2))
    lesson_record.timestamp = lesson_record.sent_at = _moment(2)
    lesson_record.send_attempts = 1
    lesson_record.save()
    scorm = record_scorm_completion(
        enrolment=ani, package_key=7, title="Simulasi Maklumat", attempt_key=1,
        success=True, raw_score=80, max_score=100, moment=_moment(5),
    )  # fmt: skip
    other = record_scorm_completion(
        enrolment=budi, package_key=8, title="Paket Lain", attempt_key=1, moment=_moment(9)
    )
    return {
        "course": course,
        "trainer": trainer,
        "ani": ani,
        "budi": budi,
        "lesson": progress.lesson,
        "lesson_record": lesson_record,
        "scorm_record": scorm,
        "other_record": other,
    }


def _get(client, **params):
    return client.get(reverse("training_reports:xapi_statements"), params)


def _csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def _json(response):
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="catatan-belajar-xapi-')
    assert response["X-Experience-API-Version"] == "1.0.3"
    return json.loads(b"".join(response.streaming_content))


def test_the_xlsx_export_has_one_row_per_statement(client, administrator, known):
    login_in_english(client, administrator)

    rows = _sheet(_get(client, export="xlsx"))

    assert rows[0] == [
        "Time", "NIP", "Name", "Course", "Course code", "Batch", "Verb", "Activity",
        "Activity id", "Score (%)", "Result", "Learning record store", "Sent to the LRS at",
        "Send attempts", "Last sending error", "Statement id",
    ]  # fmt: skip
    assert len(rows) == 4
    by_id = {row[15]: row for row in rows[1:]}
    scorm = by_id[str(known["scorm_record"].statement_id)]
    assert scorm[:12] == [
        datetime.datetime(2026, 3, 5, 9, 30), "198501012010012001", "Ani Lestari",
        "Standar Pelayanan", "SP-01", known["ani"].batch.name, "passed", "Simulasi Maklumat",
        f"{SITE_URL}/xapi/activities/scorm/7", 80, "Passed", "Pending",
    ]  # fmt: skip
    assert scorm[12:14] == [None, 0]
    lesson = by_id[str(known["lesson_record"].statement_id)]
    assert lesson[6:12] == ["completed", known["lesson"].title,
                            f"{SITE_URL}/xapi/activities/lesson/{known['lesson'].pk}", None,
                            None, "Sent"]  # fmt: skip
    assert lesson[12] == datetime.datetime(2026, 3, 2, 9, 30)
    # Newest first, as on the page.
    assert [row[2] for row in rows[1:]] == ["Budi Santoso", "Ani Lestari", "Ani Lestari"]


def test_the_page_lists_every_statement_with_its_columns(client, administrator, known):
    login_in_english(client, administrator)

    html = _get(client).content.decode()

    assert "Learning records (xAPI)" in html
    for text in ("Ani Lestari", "198501012010012001", "Budi Santoso", "Simulasi Maklumat",
                 "Paket Lain", known["lesson"].title, "Standar Pelayanan", "Kursus Lain",
                 "80", "Pending", "Sent", "Download xAPI (JSON)"):  # fmt: skip
        assert text in html, text
    assert "export=json" in html


COMPLETED = xapi.COMPLETED.id
PASSED = xapi.PASSED.id


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"participant": "lestari"}, {"lesson_record", "scorm_record"}),
        ({"participant": "19900202"}, {"other_record"}),
        ({"participant": "199002 022015"}, {"other_record"}),
        ({"verb": PASSED}, {"scorm_record"}),
        ({"verb": COMPLETED}, {"lesson_record", "other_record"}),
        ({"lrs": "sent"}, {"lesson_record"}),
        ({"lrs": "pending"}, {"scorm_record", "other_record"}),
        ({"date_from": "2026-03-03", "date_to": "2026-03-09"}, {"scorm_record", "other_record"}),
        ({"date_from": "2026-03-02", "date_to": "2026-03-02"}, {"lesson_record"}),
        ({"verb": COMPLETED, "lrs": "pending"}, {"other_record"}),
    ],
)
def test_filters_narrow_the_rows_and_every_export(client, administrator, known, params, expected):
    login_in_english(client, administrator)
    expected_ids = {str(known[name].statement_id) for name in expected}

    sheet = _sheet(_get(client, export="xlsx", **params))
    statements = _json(_get(client, export="json", **params))

    assert {row[15] for row in sheet[1:]} == expected_ids
    assert {statement["id"] for statement in statements} == expected_ids


def test_the_course_filter_offers_the_users_courses(client, administrator, known):
    login_in_english(client, administrator)
    course = known["course"]

    statements = _json(_get(client, export="json", course=course.pk))

    assert {s["id"] for s in statements} == {
        str(known["lesson_record"].statement_id),
        str(known["scorm_record"].statement_id),
    }
    login_in_english(client, known["trainer"])
    html = _get(client).content.decode()
    assert "SP-01 Standar Pelayanan" in html and "KL-01" not in html


def test_the_json_download_is_the_stored_statements_as_valid_xapi(client, administrator, known):
    login_in_english(client, administrator)

    statements = _json(_get(client, export="json"))

    stored = {str(r.statement_id): r.statement for r in XapiStatement.objects.all()}
    assert len(statements) == 3
    for statement in statements:
        assert_valid_xapi(statement)  # by ralph's xAPI 1.0.3 models
        assert {"actor", "verb", "object"} <= set(statement)
        assert statement == stored[statement["id"]]
    # Oldest first, as a learning record store would replay them.
    assert [s["timestamp"] for s in statements] == sorted(s["timestamp"] for s in statements)


def test_an_empty_json_download_is_an_empty_array(client, administrator, known):
    login_in_english(client, administrator)

    assert _json(_get(client, export="json", participant="nobody of that name")) == []


def test_a_trainer_sees_only_their_own_courses_statements(client, known):
    login_in_english(client, known["trainer"])
    own = {str(known[name].statement_id) for name in ("lesson_record", "scorm_record")}

    html = _get(client).content.decode()
    sheet = _sheet(_get(client, export="xlsx"))
    rows = _csv_rows(_get(client, export="csv"))
    statements = _json(_get(client, export="json"))
    # Asking for the other course by its id gives nothing either.
    asked = _json(_get(client, export="json", course=known["budi"].batch.course_id))

    assert "Ani Lestari" in html and "Budi Santoso" not in html
    assert {row[15] for row in sheet[1:]} == own
    assert {row[15] for row in rows[1:]} == own
    assert {statement["id"] for statement in statements} == own
    assert {statement["id"] for statement in asked} <= own


def test_a_trainer_of_no_course_sees_no_statement(client, known):
    login_in_english(client, TrainerFactory())

    assert _json(_get(client, export="json")) == []
    assert _sheet(_get(client, export="xlsx"))[1:] == []


def test_administrators_also_see_statements_whose_enrolment_is_gone(client, administrator, known):
    known["budi"].delete()
    login_in_english(client, administrator)

    sheet = _sheet(_get(client, export="xlsx", participant="Budi"))

    assert len(sheet) == 2
    assert sheet[1][3:6] == ["Kursus Lain", None, None]  # the course named in the statement
    login_in_english(client, known["trainer"])
    assert _json(_get(client, export="json", participant="Budi")) == []


@pytest.mark.parametrize("export", ["", "xlsx", "csv", "json"])
def test_participants_get_no_report(client, known, export):
    login_in_english(client, known["ani"].participant)

    response = _get(client, export=export)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_reports_menu_offers_the_report_to_staff(client, administrator, known):
    url = reverse("training_reports:xapi_statements")
    for user in (administrator, known["trainer"]):
        login_in_english(client, user)
        assert url in client.get(reverse("wagtailadmin_home")).content.decode()


def _more_statements(enrolment, count, start=100):
    for number in range(start, start + count):
        record_scorm_completion(
            enrolment=enrolment, package_key=number, title=f"Paket {number}", attempt_key=1
        )


@pytest.mark.parametrize("export", ["", "xlsx", "csv", "json"])
@pytest.mark.parametrize("who", ["administrator", "trainer"])
def test_query_count_does_not_grow_with_rows(
    client, administrator, known, django_assert_max_num_queries, export, who
):
    login_in_english(client, administrator if who == "administrator" else known["trainer"])
    _more_statements(known["ani"], 2)

    def read():
        response = _get(client, export=export)
        if response.streaming:
            b"".join(response.streaming_content)
        return response

    read()
    # Most of the page's queries are the Wagtail admin's own (menus, permissions); a
    # trainer's admin asks for their roles again and again (67 queries, as the other reports).
    with django_assert_max_num_queries(45 if who == "administrator" else 70) as small:
        read()
    # Another participant in the same course, so the rows span several people and batches.
    second = EnrolmentFactory(batch=BatchFactory(course=known["course"]))
    _more_statements(known["ani"], 30, start=200)
    _more_statements(second, 30, start=300)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = read()
    assert response.status_code == 200
