"""
xAPI: statements recorded from lesson completions, quiz results and SCORM completions,
validated as xAPI 1.0.3 by an independent library (ralph's statement models), viewable and
exportable by their participant only, and delivered to a real local HTTP server acting as
the learning record store: pending while it is down, sent in order once it is back.
"""

import base64
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from ralph.models.xapi.base.statements import BaseXapiStatement

from tests.factories import ParticipantFactory
from training import xapi
from training.models import XapiStatement
from training.services import (
    complete_lesson,
    record_scorm_completion,
    send_pending_statements,
    start_attempt,
    submit_attempt,
)
from training.services.xapi import ALREADY_STORED
from training.tasks import send_xapi_statements

from .assessment_factories import correct_responses, make_full_quiz
from .factories import BatchFactory, EnrolmentFactory, lessons_of, make_course

pytestmark = pytest.mark.django_db

SITE_URL = "https://bimtek.example"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# A port of this process's own: the suite runs in two processes side by side (xdist).
LRS_PORT = _free_port()


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def enrolment():
    return EnrolmentFactory(batch=BatchFactory(course=make_course(modules=1, lessons=2)))


def assert_valid_xapi(statement: dict) -> None:
    """Valid by ralph's xAPI 1.0.3 statement models, and complete as this site promises."""
    BaseXapiStatement.model_validate(statement)
    assert statement["actor"]["account"] == {
        "homePage": SITE_URL,
        "name": statement["actor"]["account"]["name"],
    }
    assert statement["verb"]["id"].startswith("http://adlnet.gov/expapi/verbs/")
    assert statement["object"]["id"].startswith(f"{SITE_URL}/xapi/activities/")
    assert statement["timestamp"].endswith("Z")


def test_completing_a_lesson_records_a_valid_statement_with_course_and_batch(enrolment):
    lesson = lessons_of(enrolment.batch.course)[0]
    progress = complete_lesson(enrolment=enrolment, lesson=lesson)

    record = XapiStatement.objects.get()
    statement = record.statement
    assert_valid_xapi(statement)
    assert statement["id"] == str(record.statement_id)
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed"
    assert statement["actor"]["account"]["name"] == str(enrolment.participant.pk)
    assert enrolment.participant.nip not in json.dumps(statement)
    assert statement["object"]["id"] == f"{SITE_URL}/xapi/activities/lesson/{lesson.pk}"
    assert statement["result"] == {"completion": True}
    activities = statement["context"]["contextActivities"]
    assert activities["parent"][0]["id"] == (
        f"{SITE_URL}/xapi/activities/course/{enrolment.batch.course.pk}"
    )
    assert activities["grouping"][0]["definition"]["name"] == {"id": enrolment.batch.name}
    assert record.timestamp == progress.completed_at


def test_completing_a_lesson_twice_records_one_statement(enrolment):
    lesson = lessons_of(enrolment.batch.course)[0]
    complete_lesson(enrolment=enrolment, lesson=lesson)
    complete_lesson(enrolment=enrolment, lesson=lesson)
    assert XapiStatement.objects.count() == 1


def test_a_graded_quiz_records_passed_with_its_score(enrolment):
    quiz = make_full_quiz(enrolment.batch.course)
    attempt = submit_attempt(
        attempt=start_attempt(enrolment=enrolment, quiz=quiz),
        responses=correct_responses(quiz),
    )
    statement = XapiStatement.objects.get(object_id__endswith=f"/quiz/{quiz.pk}").statement
    assert_valid_xapi(statement)
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed"
    assert statement["result"]["score"] == {"scaled": 1.0, "raw": 5.0, "min": 0.0, "max": 5.0}
    assert statement["result"]["success"] is True
    assert statement["result"]["completion"] is True
    assert statement["result"]["duration"].startswith("PT")
    assert statement["context"]["registration"] == xapi.registration_for(attempt.enrolment)


def test_a_failed_quiz_records_failed(enrolment):
    quiz = make_full_quiz(enrolment.batch.course)
    submit_attempt(attempt=start_attempt(enrolment=enrolment, quiz=quiz), responses={})
    statement = XapiStatement.objects.get(object_id__endswith=f"/quiz/{quiz.pk}").statement
    assert_valid_xapi(statement)
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/failed"
    assert statement["result"]["success"] is False
    assert statement["result"]["score"]["scaled"] == 0.0


def test_scorm_completion_hook_records_one_statement_per_attempt(enrolment):
    first = record_scorm_completion(
        enrolment=enrolment,
        package_key=7,
        title="Simulasi Maklumat Pelayanan",
        attempt_key=1,
        success=True,
        raw_score=80,
        max_score=100,
    )
    again = record_scorm_completion(
        enrolment=enrolment, package_key=7, title="Simulasi", attempt_key=1
    )
    assert again.pk == first.pk
    assert_valid_xapi(first.statement)
    assert first.statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed"
    assert first.statement["object"]["id"] == f"{SITE_URL}/xapi/activities/scorm/7"
    assert first.statement["result"]["score"]["scaled"] == 0.8


def test_export_holds_only_the_participants_own_statements_as_valid_xapi(client, enrolment):
    other = EnrolmentFactory(batch=enrolment.batch)
    for lesson in lessons_of(enrolment.batch.course):
        complete_lesson(enrolment=enrolment, lesson=lesson)
        complete_lesson(enrolment=other, lesson=lesson)

    client.force_login(enrolment.participant)
    response = client.get("/en/pembelajaran-saya/catatan-belajar.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="xapi-statements-')
    statements = json.loads(response.content)
    assert len(statements) == 2
    for statement in statements:
        assert_valid_xapi(statement)
        assert statement["actor"]["account"]["name"] == str(enrolment.participant.pk)
    assert [s["timestamp"] for s in statements] == sorted(s["timestamp"] for s in statements)


def test_learning_record_page_lists_own_statements_in_constant_queries(client, enrolment):
    lessons = lessons_of(enrolment.batch.course)
    complete_lesson(enrolment=enrolment, lesson=lessons[0])
    client.force_login(enrolment.participant)
    client.get("/en/pembelajaran-saya/catatan-belajar/")  # Warms the per-site caches.
    with CaptureQueriesContext(connection) as small_queries:
        small = client.get("/en/pembelajaran-saya/catatan-belajar/")
    for number in range(30):
        record_scorm_completion(
            enrolment=enrolment, package_key=number, title=f"Paket {number}", attempt_key=1
        )
    with CaptureQueriesContext(connection) as large_queries:
        large = client.get("/en/pembelajaran-saya/catatan-belajar/")
    assert small.status_code == large.status_code == 200
    assert len(large_queries) == len(small_queries) <= 20
    html = large.content.decode()
    assert lessons[0].title in html and "Paket 29" in html
    client.force_login(ParticipantFactory())
    stranger_page = client.get("/en/pembelajaran-saya/catatan-belajar/").content.decode()
    assert lessons[0].title not in stranger_page


def test_learning_record_needs_sign_in(client):
    for url in ("/pembelajaran-saya/catatan-belajar/", "/pembelajaran-saya/catatan-belajar.json"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/akun/" in response["Location"]


class RecordingLrs(ThreadingHTTPServer):
    """A learning record store on localhost that records what it is sent."""

    def __init__(self, port: int, *, status: int = 200):
        self.requests: list[dict] = []
        self.status = status
        super().__init__(("127.0.0.1", port), _LrsHandler)
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()

    def stop(self):
        self.shutdown()
        self.server_close()

    def statement_ids(self) -> list[str]:
        return [statement["id"] for request in self.requests for statement in request["body"]]

    def answer(self, statements: list[dict]) -> int:
        return self.status


class StoringLrs(RecordingLrs):
    """
    A store that keeps what it acknowledges and, as xAPI 1.0.3 allows, answers 409 Conflict
    to a batch holding an id it already has, storing none of that batch (ralph's LRS does
    the same). ``then`` scripts the next requests: a status to answer instead, or ``None``
    for the store's own answer.
    """

    def __init__(self, port: int, *, holding=(), then=()):
        super().__init__(port)
        self.stored = {statement["id"]: statement for statement in holding}
        self.then = list(then)

    def answer(self, statements: list[dict]) -> int:
        forced = self.then.pop(0) if self.then else None
        if forced is not None:
            return forced
        if any(statement["id"] in self.stored for statement in statements):
            return 409
        self.stored.update((statement["id"], statement) for statement in statements)
        return 200


class _LrsHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append(
            {
                "path": self.path,
                "headers": {name.lower(): value for name, value in self.headers.items()},
                "body": body,
            }
        )
        payload = json.dumps([statement["id"] for statement in body]).encode()
        self.send_response(self.server.answer(body))
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def lrs_settings(settings):
    settings.XAPI_LRS_URL = f"http://127.0.0.1:{LRS_PORT}/xapi"
    settings.XAPI_LRS_USERNAME = "bimtek"
    settings.XAPI_LRS_PASSWORD = "rahasia"
    settings.XAPI_LRS_BATCH_SIZE = 2
    return settings


def _record_three(enrolment) -> list[str]:
    return [
        str(
            record_scorm_completion(
                enrolment=enrolment, package_key=n, title=f"Paket {n}", attempt_key=1
            ).statement_id
        )
        for n in range(3)
    ]


def test_statements_wait_while_the_lrs_is_down_and_go_in_order_once_it_is_back(
    lrs_settings, enrolment, django_capture_on_commit_callbacks
):
    # Nothing listens on the port: every send fails and the statements stay pending.
    with django_capture_on_commit_callbacks(execute=True):
        ids = _record_three(enrolment)
    assert send_xapi_statements.apply().get() == 0
    with pytest.raises(xapi.LrsUnavailable):
        send_pending_statements()
    pending = XapiStatement.objects.pending()
    assert pending.count() == 3
    oldest = pending.first()
    assert oldest.send_attempts >= 1 and "refused" in oldest.last_error

    lrs = RecordingLrs(LRS_PORT)
    try:
        assert send_pending_statements() == 3
    finally:
        lrs.stop()
    assert XapiStatement.objects.pending().count() == 0
    assert lrs.statement_ids() == ids
    assert [len(request["body"]) for request in lrs.requests] == [2, 1]
    request = lrs.requests[0]
    assert request["path"] == "/xapi/statements"
    assert request["headers"]["x-experience-api-version"] == "1.0.3"
    assert request["headers"]["authorization"] == (
        "Basic " + base64.b64encode(b"bimtek:rahasia").decode()
    )
    for body in lrs.requests:
        for statement in body["body"]:
            assert_valid_xapi(statement)


def test_a_refusing_lrs_keeps_statements_pending(lrs_settings, enrolment):
    _record_three(enrolment)
    lrs = RecordingLrs(LRS_PORT, status=503)
    try:
        with pytest.raises(xapi.LrsUnavailable, match="503"):
            send_pending_statements()
        assert XapiStatement.objects.pending().count() == 3
        lrs.status = 200
        assert send_pending_statements() == 3
    finally:
        lrs.stop()
    # The refused first batch is sent again, first.
    assert lrs.statement_ids()[:2] == lrs.statement_ids()[2:4]


def test_a_new_statement_is_sent_after_commit_when_the_lrs_is_up(
    lrs_settings, enrolment, django_capture_on_commit_callbacks, eager_tasks
):
    lrs = RecordingLrs(LRS_PORT)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            complete_lesson(enrolment=enrolment, lesson=lessons_of(enrolment.batch.course)[0])
    finally:
        lrs.stop()
    record = XapiStatement.objects.get()
    assert record.sent_at is not None
    assert lrs.statement_ids() == [str(record.statement_id)]


def test_without_an_lrs_statements_are_only_kept(enrolment):
    _record_three(enrolment)
    assert send_pending_statements() == 0
    assert XapiStatement.objects.filter(sent_at__isnull=True).count() == 3


def _statements(ids: list[str]) -> list[dict]:
    by_id = {str(r.statement_id): r.statement for r in XapiStatement.objects.all()}
    return [by_id[statement_id] for statement_id in ids]


def test_a_batch_the_lrs_already_holds_is_marked_sent_and_the_queue_moves_on(
    lrs_settings, enrolment
):
    """The store kept the first batch but its acknowledgement was lost: 409 on the resend."""
    ids = _record_three(enrolment)
    lrs = StoringLrs(LRS_PORT, holding=_statements(ids[:2]))
    try:
        assert send_pending_statements() == 3
    finally:
        lrs.stop()
    assert XapiStatement.objects.pending().count() == 0
    assert list(lrs.stored) == ids
    # The batch, then each of its statements (each answered 409), then the last statement.
    assert [[s["id"] for s in r["body"]] for r in lrs.requests] == [
        ids[:2], ids[:1], ids[1:2], ids[2:]
    ]  # fmt: skip
    held = XapiStatement.objects.filter(statement_id__in=ids[:2])
    assert {record.last_error for record in held} == {ALREADY_STORED}
    assert XapiStatement.objects.get(statement_id=ids[2]).last_error == ""


def test_a_conflicting_batch_is_resent_one_by_one_so_its_new_statements_are_stored(
    lrs_settings, enrolment
):
    """Only the second statement of the batch is held: the first must still reach the store."""
    ids = _record_three(enrolment)
    lrs = StoringLrs(LRS_PORT, holding=_statements(ids[1:2]))
    try:
        assert send_pending_statements() == 3
    finally:
        lrs.stop()
    assert XapiStatement.objects.pending().count() == 0
    assert sorted(lrs.stored) == sorted(ids)
    assert XapiStatement.objects.get(statement_id=ids[0]).last_error == ""
    assert XapiStatement.objects.get(statement_id=ids[1]).last_error == ALREADY_STORED


def test_a_store_going_down_while_a_conflicting_batch_is_resent_loses_nothing(
    lrs_settings, enrolment
):
    ids = _record_three(enrolment)
    # The batch: 409; its first statement: stored; its second: the store is down.
    lrs = StoringLrs(LRS_PORT, holding=_statements(ids[1:2]), then=[None, None, 503])
    try:
        with pytest.raises(xapi.LrsUnavailable, match="503"):
            send_pending_statements()
        pending = list(XapiStatement.objects.pending())
        assert [str(record.statement_id) for record in pending] == ids[1:]
        assert (pending[0].send_attempts, pending[1].send_attempts) == (1, 0)
        assert "503" in pending[0].last_error
        assert XapiStatement.objects.get(statement_id=ids[0]).sent_at is not None
        # Back up: the rest goes, oldest first, the held one answered 409 again.
        assert send_pending_statements() == 2
    finally:
        lrs.stop()
    assert XapiStatement.objects.pending().count() == 0
    assert sorted(lrs.stored) == sorted(ids)


def test_the_retrying_task_sends_past_a_conflict(lrs_settings, enrolment):
    ids = _record_three(enrolment)
    lrs = StoringLrs(LRS_PORT, holding=_statements(ids))
    try:
        assert send_xapi_statements.apply().get() == 3
    finally:
        lrs.stop()
    assert XapiStatement.objects.pending().count() == 0
