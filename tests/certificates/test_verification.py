"""Public verification at /v/<code> and /v/<code>.json: states, masking, rate limit."""

import datetime

import pytest
from django.core.cache import cache

from certificates import services
from certificates.models import Certificate, IssueMode

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def certificate(enrolment):
    return services.render_certificate(certificate=services.issue_certificate(enrolment=enrolment))


def test_valid_certificate_page_shows_the_facts_and_only_the_serial_of_the_nip(client, certificate):
    response = client.get(f"/en/v/{certificate.code}")
    assert response.status_code == 200
    html = response.content.decode()
    nip = certificate.enrolment.participant.nip
    assert "Valid" in html
    assert certificate.number in html
    assert certificate.participant_name in html
    assert "Standar Pelayanan Publik" in html
    assert certificate.pdf_sha256 in html
    # One unbreakable piece (a "token"), so that a phone never wraps it.
    assert f'<dd><span class="token">{"*" * 15}{nip[-3:]}</span></dd>' in html
    # Not the birth date (digits 1-8) nor any part of the appointment date (9-14).
    assert nip[:6] not in html and nip[8:14] not in html


def test_json_gives_the_same_facts_without_the_nip(client, certificate):
    data = client.get(f"/v/{certificate.code}.json").json()
    nip = certificate.enrolment.participant.nip
    assert data["status"] == "valid"
    assert data["number"] == certificate.number
    assert data["participant"] == {"name": certificate.participant_name}
    assert data["course"] == {
        "title": "Standar Pelayanan Publik",
        "title_en": "Standar Pelayanan Publik",
        "code": "PP-01",
        "jp": "12.0",
    }
    assert data["pdf_sha256"] == certificate.pdf_sha256
    assert data["issuer"] == "PEMERINTAH KABUPATEN GORONTALO BKPSDM"
    assert nip not in str(data)


def test_code_is_read_case_insensitively(client, certificate):
    assert client.get(f"/v/{certificate.code.lower()}").status_code == 200


def test_revoked_certificate_says_revoked_with_date_and_reason(client, certificate):
    services.revoke_certificate(certificate=certificate, reason="Peserta tidak memenuhi syarat")
    response = client.get(f"/en/v/{certificate.code}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Revoked" in html
    assert "Peserta tidak memenuhi syarat" in html
    data = client.get(f"/v/{certificate.code}.json").json()
    assert data["status"] == "revoked"
    assert data["revoked_on"]
    assert data["revocation_reason"] == "Peserta tidak memenuhi syarat"


def test_reissued_certificate_links_to_its_replacement(client, certificate):
    new = services.reissue_certificate(certificate=certificate, reason="Nama salah")
    data = client.get(f"/v/{certificate.code}.json").json()
    assert data["status"] == "revoked"
    assert data["replaced_by"] == new.verification_url


def test_expired_certificate_says_expired(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=datetime.date(2020, 1, 1))
    assert "Expired" in client.get(f"/en/v/{certificate.code}").content.decode()
    assert client.get(f"/v/{certificate.code}.json").json()["status"] == "expired"


@pytest.mark.parametrize("code", ["ZZZZZZZZZZ", "x", "%3Cscript%3E", "A" * 32])
def test_unknown_codes_reveal_nothing(client, code):
    response = client.get(f"/en/v/{code}")
    assert response.status_code == 404
    assert "No certificate has this code" in response.content.decode()
    json_response = client.get(f"/v/{code}.json")
    assert json_response.status_code == 404
    assert json_response.json() == {"status": "unknown"}


def test_a_certificate_awaiting_approval_is_unknown_to_the_public(
    client, enrolment, course_settings
):
    course_settings.issue_mode = IssueMode.APPROVAL
    course_settings.save()
    pending = services.request_certificate(enrolment=enrolment)
    assert client.get(f"/v/{pending.code}.json").status_code == 404


def test_verification_needs_no_sign_in_and_speaks_indonesian_by_default(client, certificate):
    html = client.get(f"/v/{certificate.code}").content.decode()
    assert 'lang="id"' in html


def test_verification_is_rate_limited_per_address(client, certificate, settings):
    settings.CERTIFICATE_VERIFY_RATE_PER_MINUTE = 3
    statuses = [client.get(f"/v/{certificate.code}.json").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    other = client.get(f"/v/{certificate.code}.json", REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200
    assert client.get(f"/en/v/{certificate.code}").status_code == 429


def test_verification_page_query_count_is_small(client, certificate, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get(f"/v/{certificate.code}")
