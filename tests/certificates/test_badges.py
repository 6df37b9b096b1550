"""
Open Badges 3.0: the credential of a certificate, its VC-JWT proof checked by an
independent JOSE library (joserfc) with the published key, its shape checked against a JSON
Schema of OB 3.0, and revocation read back from the published Bitstring Status List. The
public credential names the recipient only; the holder's own copy, for the holder alone,
adds the hashed NIP.
"""

import base64
import datetime
import hashlib
import json

import jsonschema
import pytest
from django.core.cache import cache
from django.urls import reverse
from joserfc import jws, jwt
from joserfc.errors import BadSignatureError
from joserfc.jwk import OKPKey

from certificates import services
from certificates.badge_signing import write_demo_key
from certificates.badges import credential_for, signed_credential_for
from certificates.models import CourseCertificateSettings, IssueMode
from certificates.status_list import MINIMUM_BITS, decode_bitstring, is_bit_set
from tests.factories import ParticipantFactory

from .factories import CompletedEnrolmentFactory
from .open_badges_schema import OPEN_BADGE_CREDENTIAL_SCHEMA

pytestmark = [
    pytest.mark.django_db,
    # RFC 9864 names the fully specified "Ed25519"; "EdDSA" is what VC-JWT verifiers and the
    # Open Badges specification expect today.
    pytest.mark.filterwarnings("ignore:EdDSA is deprecated"),
]


@pytest.fixture(autouse=True)
def badge_key(settings, tmp_path):
    cache.clear()
    path = write_demo_key(tmp_path / "badge-key.pem")
    settings.BADGE_SIGNING_KEY = str(path)
    settings.BADGE_DEMO_SIGNING_KEY = tmp_path / "no-demo-badge-key.pem"
    yield path
    cache.clear()


@pytest.fixture
def certificate(enrolment):
    return services.issue_certificate(enrolment=enrolment)


def _published_key(client, token: str) -> OKPKey:
    kid_url = jws.extract_compact(token.encode()).headers()["kid"]
    assert kid_url.startswith("https://bimtek.example/issuer/keys/")
    response = client.get(kid_url.removeprefix("https://bimtek.example"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jwk+json"
    return OKPKey.import_key(json.loads(response.content))


def test_signed_credential_verifies_with_an_independent_library_and_the_published_key(
    client, certificate
):
    response = client.get(f"/v/{certificate.code}/openbadge.jwt")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    token = response.content.decode()

    key = _published_key(client, token)
    verified = jws.deserialize_compact(token, key, algorithms=["EdDSA"])
    assert verified.headers()["alg"] == "EdDSA"
    assert verified.headers()["typ"] == "vc+jwt"
    payload = json.loads(verified.payload)
    assert {k: v for k, v in payload.items() if k not in ("iss", "jti", "nbf", "exp")} == (
        credential_for(certificate)
    )
    # The registered claims agree with the credential and pass a JWT claims check.
    decoded = jwt.decode(token, key, algorithms=["EdDSA"])
    jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": "https://bimtek.example/issuer.json"},
        jti={"essential": True, "value": certificate_url(certificate)},
    ).validate(decoded.claims)


def certificate_url(certificate) -> str:
    return f"https://bimtek.example/v/{certificate.code}/openbadge.json"


def test_a_tampered_credential_fails_verification(client, certificate):
    token = signed_credential_for(certificate)
    key = _published_key(client, token)
    header, payload, signature = token.split(".")
    forged = json.loads(jws.extract_compact(token.encode()).payload)
    forged["credentialSubject"]["creditsEarned"] = 99
    forged_payload = base64.urlsafe_b64encode(json.dumps(forged).encode()).rstrip(b"=").decode()
    with pytest.raises(BadSignatureError):
        jws.deserialize_compact(f"{header}.{forged_payload}.{signature}", key, algorithms=["EdDSA"])


def test_credential_is_valid_against_the_open_badges_3_schema(client, certificate):
    response = client.get(f"/v/{certificate.code}/openbadge.json")
    assert response.status_code == 200
    credential = json.loads(response.content)
    jsonschema.Draft202012Validator(
        OPEN_BADGE_CREDENTIAL_SCHEMA, format_checker=jsonschema.FormatChecker()
    ).validate(credential)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["issuer"]["id"] == "https://bimtek.example/issuer.json"
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == "Standar Pelayanan Publik"
    assert achievement["creditsAvailable"] == 12.0
    assert (
        achievement["resultDescription"][0]["id"]
        == (credential["credentialSubject"]["result"][0]["resultDescription"])
    )
    assert credential["credentialSubject"]["result"][0]["value"] == "12"


def test_schema_rejects_a_credential_without_what_open_badges_requires(certificate):
    credential = credential_for(certificate)
    del credential["credentialSubject"]["achievement"]["criteria"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(credential, OPEN_BADGE_CREDENTIAL_SCHEMA)


def test_the_public_credential_names_the_recipient_and_nothing_else(certificate):
    nip = certificate.enrolment.participant.nip
    credential = credential_for(certificate)
    assert credential["credentialSubject"]["identifier"] == [
        {
            "type": "IdentityObject",
            "identityHash": certificate.participant_name,
            "identityType": "name",
            "hashed": False,
        }
    ]
    assert nip not in json.dumps(credential)
    assert certificate.recipient_salt not in json.dumps(credential)


def _holder_identity(credential) -> dict:
    [identity] = [i for i in credential["credentialSubject"]["identifier"] if i["hashed"]]
    return identity


def test_the_holders_copy_adds_the_nip_only_as_a_salted_sha256_hash(certificate):
    nip = certificate.enrolment.participant.nip
    credential = credential_for(certificate, for_holder=True)
    assert nip not in json.dumps(credential)
    identity = _holder_identity(credential)
    assert identity["identityType"] == "ext:NIP"
    assert identity["salt"] == certificate.recipient_salt and len(identity["salt"]) == 32
    expected = hashlib.sha256(f"{nip}{identity['salt']}".encode()).hexdigest()
    assert identity["identityHash"] == f"sha256${expected}"
    jsonschema.Draft202012Validator(
        OPEN_BADGE_CREDENTIAL_SCHEMA, format_checker=jsonschema.FormatChecker()
    ).validate(credential)


def _holder_urls(certificate):
    return [
        reverse(f"certificates:holder_badge_{kind}", args=[certificate.code])
        for kind in ("json", "jwt")
    ]


def test_the_holder_downloads_their_copy_signed_and_as_json(client, certificate, participant):
    client.force_login(participant)
    json_url, jwt_url = _holder_urls(certificate)
    response = client.get(json_url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="openbadge-{certificate.code}.json"'
    )
    # A page of another site may not read it with the holder's session.
    assert "Access-Control-Allow-Origin" not in response
    assert json.loads(response.content) == credential_for(certificate, for_holder=True)

    response = client.get(jwt_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    token = response.content.decode()
    verified = jws.deserialize_compact(token, _published_key(client, token), algorithms=["EdDSA"])
    payload = json.loads(verified.payload)
    assert _holder_identity(payload) == _holder_identity(
        credential_for(certificate, for_holder=True)
    )


def test_the_holders_copy_is_nobody_elses(client, certificate, administrator):
    for url in _holder_urls(certificate):
        anonymous = client.get(url)
        assert anonymous.status_code == 302 and "/akun/masuk/" in anonymous["Location"]
    for someone in (ParticipantFactory(), administrator):
        client.force_login(someone)
        for url in _holder_urls(certificate):
            assert client.get(url).status_code == 404


def test_a_revoked_certificate_has_no_holders_copy(client, certificate, participant):
    services.revoke_certificate(certificate=certificate, reason="Data keliru")
    client.force_login(participant)
    for url in _holder_urls(certificate):
        assert client.get(url).status_code == 404


def test_validity_dates_follow_the_certificate(batch, participant):
    CourseCertificateSettings.objects.filter(course=batch.course).update(validity_months=24)
    certificate = services.issue_certificate(
        enrolment=CompletedEnrolmentFactory(batch=batch, participant=participant)
    )
    credential = credential_for(certificate)
    valid_from = datetime.datetime.fromisoformat(credential["validFrom"])
    assert abs(valid_from - certificate.issued_at) < datetime.timedelta(seconds=1)
    # The last day of validity ends at midnight in Gorontalo (WITA, UTC+8).
    assert credential["validUntil"] == f"{certificate.expires_on.isoformat()}T15:59:59Z"


def _status_list(client):
    response = client.get("/credentials/status/revocation")
    assert response.status_code == 200
    return json.loads(response.content)


def test_revoking_sets_the_certificate_bit_in_the_published_status_list(client, batch):
    first, second = (
        services.issue_certificate(enrolment=CompletedEnrolmentFactory(batch=batch))
        for _ in range(2)
    )
    assert first.status_list_index != second.status_list_index
    entry = credential_for(first)["credentialStatus"]
    assert entry["statusListCredential"] == "https://bimtek.example/credentials/status/revocation"
    assert entry["statusListIndex"] == str(first.status_list_index)

    before = decode_bitstring(_status_list(client)["credentialSubject"]["encodedList"])
    assert len(before) * 8 == MINIMUM_BITS
    assert not is_bit_set(before, first.status_list_index)

    services.revoke_certificate(certificate=first, reason="Data peserta keliru")
    status_list = _status_list(client)
    assert status_list["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert status_list["credentialSubject"]["statusPurpose"] == "revocation"
    encoded = status_list["credentialSubject"]["encodedList"]
    assert encoded.startswith("u")
    after = decode_bitstring(encoded)
    assert is_bit_set(after, first.status_list_index)
    assert not is_bit_set(after, second.status_list_index)
    assert sum(bin(byte).count("1") for byte in after) == 1


def test_status_list_is_served_signed_when_asked_for_a_jwt(client, certificate):
    services.revoke_certificate(certificate=certificate, reason="Dicabut")
    response = client.get(
        "/credentials/status/revocation", headers={"Accept": "application/vc+jwt"}
    )
    assert response["Content-Type"] == "application/vc+jwt"
    token = response.content.decode()
    verified = jws.deserialize_compact(token, _published_key(client, token), algorithms=["EdDSA"])
    subject = json.loads(verified.payload)["credentialSubject"]
    assert is_bit_set(decode_bitstring(subject["encodedList"]), certificate.status_list_index)


def test_reissue_gives_the_new_certificate_its_own_bit(certificate):
    successor = services.reissue_certificate(certificate=certificate, reason="Nama keliru")
    certificate.refresh_from_db()
    assert successor.status_list_index not in (None, certificate.status_list_index)
    assert successor.recipient_salt != certificate.recipient_salt


def test_certificate_awaiting_approval_has_no_credential(client, course_settings, enrolment):
    course_settings.issue_mode = IssueMode.APPROVAL
    course_settings.save()
    pending = services.request_certificate(enrolment=enrolment)
    assert pending.status_list_index is None
    with pytest.raises(ValueError):
        credential_for(pending)
    assert client.get(f"/v/{pending.code}/openbadge.json").status_code == 404


def test_verification_page_and_json_link_the_credential(client, certificate):
    facts = json.loads(client.get(f"/v/{certificate.code}.json").content)
    assert facts["open_badge"] == certificate_url(certificate)
    assert facts["open_badge_jwt"] == certificate_url(certificate).replace(".json", ".jwt")
    html = client.get(f"/en/v/{certificate.code}").content.decode()
    assert f"/en/v/{certificate.code}/openbadge.jwt" in html


def test_participant_downloads_their_badge_from_their_certificates(
    client, settings, certificate, participant
):
    client.force_login(participant)
    html = client.get("/en/sertifikat-saya/").content.decode()
    assert "Download Open Badge" in html
    assert f'href="/en/sertifikat-saya/{certificate.code}/openbadge.jwt"' in html
    assert f"/v/{certificate.code}/openbadge" not in html
    settings.BADGE_SIGNING_KEY = ""
    html = client.get("/en/sertifikat-saya/").content.decode()
    assert f'href="/en/sertifikat-saya/{certificate.code}/openbadge.json"' in html


def test_issuer_profile_names_the_institution(client):
    profile = json.loads(client.get("/issuer.json").content)
    assert profile["id"] == "https://bimtek.example/issuer.json"
    assert profile["type"] == ["Profile"]
    assert "Kabupaten Gorontalo" in profile["name"]


def test_unknown_key_is_not_found(client):
    assert client.get("/issuer/keys/not-our-key.json").status_code == 404


def test_key_given_as_pem_in_the_environment_signs_too(settings, badge_key, certificate, client):
    settings.BADGE_SIGNING_KEY = badge_key.read_text()
    token = signed_credential_for(certificate)
    jws.deserialize_compact(token, _published_key(client, token), algorithms=["EdDSA"])


def test_without_a_key_the_signed_form_is_not_found(settings, client, certificate):
    settings.BADGE_SIGNING_KEY = ""
    assert client.get(f"/v/{certificate.code}/openbadge.jwt").status_code == 404
    assert client.get(f"/v/{certificate.code}/openbadge.json").status_code == 200
