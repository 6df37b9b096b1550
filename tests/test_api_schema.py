"""
The REST API against its own OpenAPI schema: the schema is valid OpenAPI 3, the docs are
served from our own static files, and every documented operation answers as the schema says,
both for generated requests (schemathesis with Hypothesis, a few examples per operation) and
for requests on real objects of each kind.
"""

import io
from types import SimpleNamespace

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance
from werkzeug.test import Client

from certificates import services as certificate_services
from tests.certificates.factories import CompletedEnrolmentFactory, CourseCertificateSettingsFactory
from tests.factories import ParticipantFactory
from tests.module_rows import module_transaction
from tests.training.factories import BatchFactory
from tests.training.test_api import GOOD, xlsx
from training.models import ParticipantImport
from training.services import preview_participant_import

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _api_data_for_module(django_db_setup, django_db_blocker, tmp_path_factory):
    """
    One course with a batch, a completed enrolment with a rendered certificate, an import:
    made once for the module (rendering the PDF is the dearest part) inside a transaction
    rolled back when the module ends. Each test runs in its own savepoint, so what a request
    changes (a revocation, an import run) is gone for the next test.
    """
    media_root = tmp_path_factory.mktemp("api-media")
    with module_transaction(
        django_db_blocker,
        MEDIA_ROOT=media_root,
        PRIVATE_MEDIA_ROOT=media_root.with_name(f"{media_root.name}-private"),
        CERTIFICATE_SIGNING_P12="",
        CERTIFICATE_DEMO_SIGNING_P12=media_root / "no-demo-key.p12",
    ):
        participant = ParticipantFactory()
        course_settings = CourseCertificateSettingsFactory()
        batch = BatchFactory(course=course_settings.course)
        enrolment = CompletedEnrolmentFactory(batch=batch, participant=participant)
        certificate = certificate_services.render_certificate(
            certificate=certificate_services.issue_certificate(enrolment=enrolment)
        )
        participant_import, _results = preview_participant_import(
            batch=batch, content=xlsx(GOOD), file_name="peserta.xlsx"
        )
        job = certificate_services.issue_batch_certificates(batch=batch)
        yield SimpleNamespace(
            media_root=media_root,
            participant=participant,
            ids={
                "certificate_job": job.pk,
                "course": course_settings.course.pk,
                "batch": batch.pk,
                "enrolment": enrolment.pk,
                "certificate": certificate.pk,
                "participant_import": participant_import.pk,
            },
        )


@pytest.fixture
def participant(_api_data_for_module, db):
    """The participant of the module's enrolment (its certificate, its import's batch)."""
    return _api_data_for_module.participant


@pytest.fixture
def api_data(_api_data_for_module, db, settings):
    """The primary keys of the module's objects by kind; their files in its media folder."""
    settings.MEDIA_ROOT = _api_data_for_module.media_root
    settings.PRIVATE_MEDIA_ROOT = _api_data_for_module.media_root.with_name(
        f"{_api_data_for_module.media_root.name}-private"
    )
    settings.CERTIFICATE_SIGNING_P12 = ""
    settings.CERTIFICATE_DEMO_SIGNING_P12 = _api_data_for_module.media_root / "no-demo-key.p12"
    return _api_data_for_module.ids


# Loaded once through the WSGI application; building the schema reads no database.
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """
    These requests go through the WSGI handler, which closes the database connection at the
    end of each request; inside a test's transaction that would end the test's connection
    (PostgreSQL). Django's own test client disconnects the same signals.
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _no_rate_limits(api_client, settings):
    # Generated requests come fast: keep them clear of the rate limits.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None, "api_write": None},
    }


@pytest.fixture
def api_schema():
    return schema


@pytest.fixture
def admin_headers(bearer, administrator):
    return {"Authorization": bearer(administrator)["HTTP_AUTHORIZATION"]}


def test_schema_is_valid_openapi_3(api_client):
    response = api_client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/courses/" in schema["paths"]
    assert all(path.startswith("/api/v1/") for path in schema["paths"])


def test_docs_are_served_from_our_own_static_files(client):
    response = client.get("/api/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "//cdn" not in html and "googleapis" not in html
    # No inline code or styles: the page works under a strict Content-Security-Policy.
    assert "<script>" not in html and "<style" not in html and "style=" not in html
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")


@schema.parametrize()
@hypothesis_settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_generated_requests_answer_as_documented(case, api_data, admin_headers):
    excluded = []
    if case.operation.path.endswith("/participant-imports/") and case.method == "POST":
        # Generated bytes are never a readable participant list: a schema cannot say what
        # an .xlsx holds, so a refusal (400 with the reason) is the documented answer.
        excluded.append(positive_data_acceptance)
    case.call_and_validate(headers=admin_headers, excluded_checks=excluded)


# Real objects for each path parameter, so that success answers are checked too.
REAL_CASES = [
    ("/api/v1/me/", "GET", None),
    ("/api/v1/courses/", "GET", None),
    ("/api/v1/courses/{id}/", "GET", "course"),
    ("/api/v1/batches/", "GET", None),
    ("/api/v1/batches/{id}/", "GET", "batch"),
    ("/api/v1/enrolments/", "GET", None),
    ("/api/v1/enrolments/{id}/", "GET", "enrolment"),
    ("/api/v1/enrolments/{id}/certificate/", "POST", "enrolment"),
    ("/api/v1/certificates/", "GET", None),
    ("/api/v1/certificates/{id}/", "GET", "certificate"),
    ("/api/v1/certificates/{id}/pdf/", "GET", "certificate"),
    ("/api/v1/participant-imports/", "GET", None),
    ("/api/v1/participant-imports/{id}/", "GET", "participant_import"),
    ("/api/v1/participant-imports/{id}/run/", "POST", "participant_import"),
    ("/api/v1/certificate-jobs/", "GET", None),
    ("/api/v1/certificate-jobs/{id}/", "GET", "certificate_job"),
    ("/api/v1/batches/{id}/certificate-jobs/", "POST", "batch"),
    ("/api/v1/certificates/{id}/revoke/", "POST", "certificate"),
]


@pytest.mark.parametrize(("path", "method", "kind"), REAL_CASES)
def test_real_objects_answer_as_documented(
    api_schema, api_data, path, method, kind, admin_headers, bearer, participant
):
    operation = api_schema[path][method]
    options = {"path_parameters": {"id": api_data[kind]}} if kind else {}
    if path.endswith("/revoke/"):
        options["body"] = {"reason": "Data peserta salah"}
        options["media_type"] = "application/json"
    for headers in (admin_headers, {"Authorization": bearer(participant)["HTTP_AUTHORIZATION"]}):
        response = operation.Case(**options).call_and_validate(headers=headers)
        assert response.status_code < 500


def test_every_documented_operation_has_a_real_case(api_schema):
    documented = {
        (operation.path, operation.method.upper())
        for result in api_schema.get_all_operations()
        for operation in [result.ok()]
    }
    covered = {(path, method) for path, method, _kind in REAL_CASES}
    assert documented - covered == {("/api/v1/batches/{id}/participant-imports/", "POST")}


def test_import_upload_answers_as_documented(api_schema, api_data, admin_headers):
    # A real spreadsheet with its file name, which generated multipart parts do not carry.
    client = Client(get_wsgi_application())
    response = client.post(
        f"/api/v1/batches/{api_data['batch']}/participant-imports/",
        data={"file": (io.BytesIO(xlsx(GOOD)), "peserta.xlsx"), "commit": "false"},
        headers=admin_headers,
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    operation = api_schema["/api/v1/batches/{id}/participant-imports/"]["POST"]
    case = operation.Case(
        path_parameters={"id": api_data["batch"]}, media_type="multipart/form-data"
    )
    # The request was not made from the case, so there is no generated auth to probe.
    case.validate_response(response, excluded_checks=[ignored_auth])
    assert ParticipantImport.objects.count() == 2


def test_unknown_api_addresses_answer_json_404(api_client):
    for path in ("/api/v1/courses/0.5/", "/api/v1/enrolments/x/certificate/", "/api/v1/nope/"):
        response = api_client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert "detail" in response.json()
