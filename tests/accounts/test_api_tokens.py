"""Personal access tokens: made and revoked on the profile page, stored hashed, used by the API."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import PersonalAccessToken
from accounts.services import access_token_digest, create_access_token, revoke_access_token
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

ME = "/api/v1/me/"


def test_token_is_stored_only_as_its_digest(participant):
    token, raw_token = create_access_token(user=participant, name="SIMPEG sync")
    assert raw_token.startswith("bmt_") and len(raw_token) > 40
    stored = PersonalAccessToken.objects.get(pk=token.pk)
    assert stored.digest == access_token_digest(raw_token)
    assert raw_token not in {stored.digest, stored.prefix, stored.name}
    assert raw_token.startswith(stored.prefix)


def test_a_token_authenticates_its_owner_and_records_its_use(api_client, participant):
    token, raw_token = create_access_token(user=participant, name="sync")
    response = api_client.get(ME, HTTP_AUTHORIZATION=f"Bearer {raw_token}")
    assert response.status_code == 200
    assert response.json()["username"] == participant.username
    assert response.json()["roles"] == ["Participants"]
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_anonymous_call_is_a_401_with_a_bearer_challenge(api_client):
    response = api_client.get(ME)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header",
    ["Bearer bmt_not-a-real-token", "Bearer", "Bearer two parts", "bearer  "],
)
def test_a_wrong_token_is_refused_even_on_public_endpoints(api_client, header):
    response = api_client.get("/api/v1/courses/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401


def test_revoked_and_expired_tokens_no_longer_authenticate(api_client, participant):
    revoked, raw_revoked = create_access_token(user=participant, name="old")
    revoke_access_token(token=revoked)
    expired, raw_expired = create_access_token(user=participant, name="short", valid_days=1)
    PersonalAccessToken.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    for raw in (raw_revoked, raw_expired):
        assert api_client.get(ME, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_revoking_twice_keeps_the_first_revocation_time(participant):
    token, _raw = create_access_token(user=participant, name="x")
    first = revoke_access_token(token=token).revoked_at
    assert revoke_access_token(token=token).revoked_at == first


def test_an_inactive_users_token_is_refused(api_client, participant):
    _token, raw_token = create_access_token(user=participant, name="x")
    participant.is_active = False
    participant.save()
    assert api_client.get(ME, HTTP_AUTHORIZATION=f"Bearer {raw_token}").status_code == 401


def test_error_messages_follow_accept_language(api_client):
    english = api_client.get(ME, HTTP_ACCEPT_LANGUAGE="en").json()["detail"]
    indonesian = api_client.get(ME, HTTP_ACCEPT_LANGUAGE="id").json()["detail"]
    with translation.override("en"):
        assert english == "Authentication credentials were not provided."
    assert indonesian != english


def test_profile_page_makes_a_token_and_shows_it_once(client, participant):
    client.force_login(participant)
    response = client.post(
        reverse("accounts:access_token_create"), {"name": "Laporan OPD", "valid_days": "30"}
    )
    assert response.status_code == 200
    token = PersonalAccessToken.objects.get(user=participant)
    raw_token = response.context["raw_token"]
    assert raw_token in response.content.decode()
    assert token.digest == access_token_digest(raw_token)
    assert token.expires_at > timezone.now() + datetime.timedelta(days=29)
    assert response["Cache-Control"] == "no-store"
    profile = client.get("/en/akun/profil/").content.decode()
    assert "Laporan OPD" in profile
    assert token.prefix in profile
    assert raw_token not in profile


def test_profile_page_refuses_a_token_without_a_name(client, participant):
    client.force_login(participant)
    response = client.post(reverse("accounts:access_token_create"), {"name": ""})
    assert response.status_code == 400
    assert not PersonalAccessToken.objects.exists()


def test_profile_page_revokes_only_the_owners_tokens(client, participant):
    mine, _raw = create_access_token(user=participant, name="mine")
    theirs, _raw = create_access_token(user=ParticipantFactory(), name="theirs")
    client.force_login(participant)
    response = client.post(reverse("accounts:access_token_revoke", args=[theirs.pk]))
    assert response.status_code == 404
    response = client.post(reverse("accounts:access_token_revoke", args=[mine.pk]))
    assert response.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.revoked_at is not None
    assert theirs.revoked_at is None
