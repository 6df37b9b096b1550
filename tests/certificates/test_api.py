"""
The certificate endpoints: own certificates and PDFs, administrators' issue and revoke, the
site's object permissions (someone else's certificate is a 404) and the write rate limit.
"""

import pytest

from certificates import services
from certificates.models import Certificate, CertificateStatus
from tests.factories import ParticipantFactory, TrainerFactory
from training.models import CourseTrainer, EnrolmentStatus

from .factories import BatchFactory, CompletedEnrolmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(enrolment):
    return services.render_certificate(certificate=services.issue_certificate(enrolment=enrolment))


def test_participant_lists_only_their_own_certificates(
    api_client, bearer, certificate, participant
):
    other = services.issue_certificate(
        enrolment=CompletedEnrolmentFactory(batch=certificate.enrolment.batch)
    )
    response = api_client.get("/api/v1/certificates/", **bearer(participant))
    assert response.status_code == 200
    [item] = response.json()["results"]
    assert item["number"] == certificate.number
    assert item["status"] == "valid"
    assert item["course"]["code"] == "PP-01"
    assert item["verification_url"] == certificate.verification_url
    assert item["pdf_url"].endswith(f"/api/v1/certificates/{certificate.pk}/pdf/")
    assert (
        api_client.get(f"/api/v1/certificates/{other.pk}/", **bearer(participant)).status_code
        == 404
    )


def test_administrator_sees_every_certificate(api_client, bearer, certificate, administrator):
    response = api_client.get("/api/v1/certificates/?status=valid", **bearer(administrator))
    assert [item["id"] for item in response.json()["results"]] == [certificate.pk]
    mine = api_client.get("/api/v1/certificates/?mine=true", **bearer(administrator))
    assert mine.json()["count"] == 0


def test_participant_downloads_their_own_pdf_only(api_client, bearer, certificate, participant):
    response = api_client.get(f"/api/v1/certificates/{certificate.pk}/pdf/", **bearer(participant))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    someone = ParticipantFactory()
    response = api_client.get(f"/api/v1/certificates/{certificate.pk}/pdf/", **bearer(someone))
    assert response.status_code == 404


def test_a_revoked_pdf_is_gone_for_its_holder_but_not_for_administrators(
    api_client, bearer, certificate, participant, administrator
):
    services.revoke_certificate(certificate=certificate, reason="Data keliru")
    pdf = f"/api/v1/certificates/{certificate.pk}/pdf/"
    response = api_client.get(pdf, **bearer(participant))
    assert response.status_code == 410
    assert response.json()["detail"]
    holder_view = api_client.get(f"/api/v1/certificates/{certificate.pk}/", **bearer(participant))
    assert holder_view.json()["pdf_url"] is None
    assert api_client.get(pdf, **bearer(administrator)).status_code == 200
    admin_view = api_client.get(f"/api/v1/certificates/{certificate.pk}/", **bearer(administrator))
    assert admin_view.json()["pdf_url"].endswith(pdf)


def test_a_pdf_still_being_rendered_is_a_409(api_client, bearer, enrolment, participant):
    certificate = services.issue_certificate(enrolment=enrolment)
    Certificate.objects.filter(pk=certificate.pk).update(render_status="queued", pdf="")
    response = api_client.get(
        f"/api/v1/certificates/{certificate.pk}/pdf/",
        HTTP_ACCEPT_LANGUAGE="en",
        **bearer(participant),
    )
    assert response.status_code == 409
    assert "being prepared" in response.json()["detail"]


def test_administrator_issues_a_certificate_once(api_client, bearer, enrolment, administrator):
    url = f"/api/v1/enrolments/{enrolment.pk}/certificate/"
    first = api_client.post(url, **bearer(administrator))
    assert first.status_code == 201, first.content
    assert first.json()["status"] == "valid"
    assert first.json()["number"]
    second = api_client.post(url, **bearer(administrator))
    assert second.status_code == 200
    assert second.json()["id"] == first.json()["id"]
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1


def test_issuing_an_unfinished_enrolment_is_refused_with_the_reason(
    api_client, bearer, batch, administrator
):
    enrolment = CompletedEnrolmentFactory(batch=batch, status=EnrolmentStatus.ACTIVE)
    response = api_client.post(
        f"/api/v1/enrolments/{enrolment.pk}/certificate/",
        HTTP_ACCEPT_LANGUAGE="en",
        **bearer(administrator),
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["The enrolment is not completed yet."]}
    assert not Certificate.objects.exists()


def test_only_administrators_issue(api_client, bearer, enrolment, participant):
    url = f"/api/v1/enrolments/{enrolment.pk}/certificate/"
    # Their own enrolment: seen but not theirs to issue (403); anyone else's: 404.
    assert api_client.post(url, **bearer(participant)).status_code == 403
    assert api_client.post(url, **bearer(ParticipantFactory())).status_code == 404
    assert api_client.post(url, **bearer(TrainerFactory())).status_code == 404
    assert not Certificate.objects.exists()


def test_administrator_revokes_with_a_reason(api_client, bearer, certificate, administrator):
    url = f"/api/v1/certificates/{certificate.pk}/revoke/"
    missing = api_client.post(url, {}, **bearer(administrator))
    assert missing.status_code == 400
    assert "reason" in missing.json()
    response = api_client.post(url, {"reason": "Nama salah ketik"}, **bearer(administrator))
    assert response.status_code == 200
    assert response.json()["status"] == "revoked"
    assert response.json()["revocation_reason"] == "Nama salah ketik"
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    assert certificate.revoked_by == administrator
    again = api_client.post(url, {"reason": "lagi"}, **bearer(administrator))
    assert again.status_code == 200
    assert again.json()["revocation_reason"] == "Nama salah ketik"


def test_only_administrators_revoke(api_client, bearer, certificate, participant):
    url = f"/api/v1/certificates/{certificate.pk}/revoke/"
    assert api_client.post(url, {"reason": "x"}, **bearer(participant)).status_code == 403
    assert api_client.post(url, {"reason": "x"}, **bearer(ParticipantFactory())).status_code == 404
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID


def test_revoking_a_certificate_awaiting_approval_is_refused(
    api_client, bearer, course_settings, administrator
):
    course_settings.issue_mode = "approval"
    course_settings.save()
    enrolment = CompletedEnrolmentFactory(batch=BatchFactory(course=course_settings.course))
    pending = services.request_certificate(enrolment=enrolment)
    response = api_client.post(
        f"/api/v1/certificates/{pending.pk}/revoke/", {"reason": "x"}, **bearer(administrator)
    )
    assert response.status_code == 400


def test_certificate_list_query_count_does_not_grow(
    api_client, participant, course_settings, django_assert_max_num_queries
):
    def earn():
        batch = BatchFactory(course=course_settings.course)
        services.issue_certificate(
            enrolment=CompletedEnrolmentFactory(batch=batch, participant=participant)
        )

    api_client.force_authenticate(participant)
    earn()
    with django_assert_max_num_queries(10) as captured:
        api_client.get("/api/v1/certificates/")
    few = len(captured)
    for _ in range(3):
        earn()
    with django_assert_max_num_queries(few):
        assert api_client.get("/api/v1/certificates/").json()["count"] == 4


def test_rate_limits_are_per_user_and_configurable(api_client, bearer, participant, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "3/minute", "api_write": "1/hour"},
    }
    headers = bearer(participant)
    statuses = [api_client.get("/api/v1/me/", **headers).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    other = bearer(ParticipantFactory())
    assert api_client.get("/api/v1/me/", **other).status_code == 200
    anonymous = [api_client.get("/api/v1/courses/").status_code for _ in range(3)]
    assert anonymous == [200, 200, 429]
    limited = api_client.get("/api/v1/courses/")
    assert int(limited["Retry-After"]) > 0


def test_writes_have_their_own_rate_limit(api_client, bearer, certificate, administrator, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "60/minute", "user": "60/minute", "api_write": "1/hour"},
    }
    headers = bearer(administrator)
    url = f"/api/v1/certificates/{certificate.pk}/revoke/"
    assert api_client.post(url, {"reason": "x"}, **headers).status_code == 200
    assert api_client.post(url, {"reason": "x"}, **headers).status_code == 429
    assert api_client.get("/api/v1/certificates/", **headers).status_code == 200


def test_administrator_issues_a_whole_batch_once_at_a_time(
    api_client, bearer, enrolment, administrator
):
    batch = enrolment.batch
    CompletedEnrolmentFactory(batch=batch)
    url = f"/api/v1/batches/{batch.pk}/certificate-jobs/"
    first = api_client.post(url, **bearer(administrator))
    assert first.status_code == 201
    assert (first.json()["total"], first.json()["status"]) == (2, "queued")
    second = api_client.post(url, **bearer(administrator))
    assert second.status_code == 200
    assert second.json()["id"] == first.json()["id"]
    job = api_client.get(f"/api/v1/certificate-jobs/{first.json()['id']}/", **bearer(administrator))
    assert job.status_code == 200
    assert job.json()["failures"] == []


def test_only_administrators_issue_a_batch(api_client, bearer, enrolment, participant):
    trainer = TrainerFactory()
    CourseTrainer.objects.create(course=enrolment.batch.course, trainer=trainer)
    url = f"/api/v1/batches/{enrolment.batch.pk}/certificate-jobs/"
    # The course's trainer follows the batch (403); a participant does not see it (404).
    assert api_client.post(url, **bearer(trainer)).status_code == 403
    assert api_client.post(url, **bearer(participant)).status_code == 404
    assert api_client.get("/api/v1/certificate-jobs/", **bearer(trainer)).json()["count"] == 0
