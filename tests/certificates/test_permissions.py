"""Who may download, list, issue and revoke certificates."""

import pytest
from django.urls import reverse

from certificates import services
from certificates.permissions import (
    can_download_certificate,
    can_issue_certificates,
    can_revoke_certificate,
)
from tests.factories import ParticipantFactory, TrainerFactory

from .factories import BatchFactory, CompletedEnrolmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(enrolment):
    return services.render_certificate(certificate=services.issue_certificate(enrolment=enrolment))


def test_permission_matrix(certificate, participant, trainer, administrator):
    other = ParticipantFactory()
    assert can_download_certificate(participant, certificate)
    assert not can_download_certificate(other, certificate)
    assert not can_download_certificate(trainer, certificate)
    assert can_download_certificate(administrator, certificate)
    assert [can_issue_certificates(u) for u in (participant, trainer, administrator)] == [
        False,
        False,
        True,
    ]
    assert can_revoke_certificate(administrator, certificate)
    assert not can_revoke_certificate(participant, certificate)


def test_a_revoked_certificate_is_downloaded_by_administrators_only(
    certificate, participant, administrator
):
    certificate = services.revoke_certificate(certificate=certificate, reason="Dokumen palsu")
    assert not can_download_certificate(participant, certificate)
    assert can_download_certificate(administrator, certificate)


def test_participant_downloads_their_own_pdf(client, certificate, participant):
    client.force_login(participant)
    response = client.get(reverse("certificates:download", args=[certificate.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "attachment" in response["Content-Disposition"]


def test_another_participants_pdf_is_a_404(client, certificate):
    client.force_login(ParticipantFactory())
    response = client.get(reverse("certificates:download", args=[certificate.code]))
    assert response.status_code == 404


def test_anonymous_download_goes_to_sign_in(client, certificate):
    response = client.get(reverse("certificates:download", args=[certificate.code]))
    assert response.status_code == 302
    assert "/akun/masuk/" in response["Location"]


def test_my_certificates_lists_only_my_own(client, certificate, participant):
    others = CompletedEnrolmentFactory(batch=certificate.enrolment.batch)
    other_certificate = services.issue_certificate(enrolment=others)
    client.force_login(participant)
    html = client.get("/en/sertifikat-saya/").content.decode()
    assert certificate.number in html
    assert other_certificate.number not in html
    assert "Download PDF" in html


def test_my_certificates_query_count_does_not_grow(
    client, participant, course_settings, django_assert_max_num_queries
):
    def earn_certificate():
        batch = BatchFactory(course=course_settings.course)
        enrolment = CompletedEnrolmentFactory(batch=batch, participant=participant)
        services.issue_certificate(enrolment=enrolment)

    client.force_login(participant)
    for _ in range(2):
        earn_certificate()
    with django_assert_max_num_queries(20) as few:
        client.get("/sertifikat-saya/")
    for _ in range(6):
        earn_certificate()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/sertifikat-saya/")
    assert response.content.decode().count("certificate-card__title") == 8


def test_administrator_downloads_any_pdf_in_the_admin(client, certificate, administrator):
    client.force_login(administrator)
    response = client.get(reverse("certificates_register:download", args=[certificate.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("user_factory", [ParticipantFactory, TrainerFactory])
def test_admin_certificate_actions_are_refused_to_others(client, certificate, user_factory):
    client.force_login(user_factory())
    for name in ("download", "revoke", "reissue"):
        response = client.get(reverse(f"certificates_register:{name}", args=[certificate.pk]))
        assert response.status_code in (302, 403), name
    assert client.get(reverse("certificates_batch_jobs:add")).status_code in (302, 403)


def test_administrator_revokes_from_the_admin(client, certificate, administrator):
    client.force_login(administrator)
    url = reverse("certificates_register:revoke", args=[certificate.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Dokumen palsu"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == "revoked"
    assert certificate.revoked_by == administrator
    html = client.get(f"/en/v/{certificate.code}").content.decode()
    assert "Revoked" in html and "Dokumen palsu" in html


def test_register_lists_filters_and_exports_xlsx(client, certificate, administrator):
    client.force_login(administrator)
    index = reverse("certificates_register:index")
    response = client.get(index, {"status": "valid", "batch": certificate.enrolment.batch_id})
    assert response.status_code == 200
    assert certificate.number in response.content.decode()
    assert certificate.number not in client.get(index, {"status": "revoked"}).content.decode()
    inspect = client.get(reverse("certificates_register:inspect", args=[certificate.pk]))
    assert inspect.status_code == 200
    export = client.get(index, {"export": "xlsx"})
    assert export.status_code == 200
    from io import BytesIO

    import openpyxl

    content = b"".join(export.streaming_content) if export.streaming else export.content
    sheet = openpyxl.load_workbook(BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert certificate.number in rows[1]
    assert certificate.enrolment.participant.nip in rows[1]
