import pytest
from django.urls import reverse

from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

LOGIN = "/akun/masuk/"


def sign_in(client, username, password="s3cret-pass", address="10.1.2.3"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.parametrize(
    "identifier", ["siti", "SITI", "siti@disdukcapil.test", "19920317 201903 2 008"]
)
def test_participant_signs_in_with_user_name_email_or_nip(client, identifier):
    ParticipantFactory(username="siti", email="siti@disdukcapil.test", nip="199203172019032008")

    response = sign_in(client, identifier)

    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    assert client.session.get("_auth_user_id")


def test_wrong_password_shows_a_translated_error_and_keeps_the_identifier(client):
    ParticipantFactory(username="siti")

    response = sign_in(client, "siti", "wrong")

    assert response.status_code == 200
    assert "tidak cocok" in response.content.decode()
    assert 'value="siti"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_inactive_account_cannot_sign_in(client):
    ParticipantFactory(username="siti", is_active=False)

    assert sign_in(client, "siti").status_code == 200
    assert "_auth_user_id" not in client.session


def test_lockout_counts_user_and_address_together(client, settings):
    """Five wrong passwords lock that user from that address, not the whole agency office."""
    settings.AXES_FAILURE_LIMIT = 5
    ParticipantFactory(username="siti")
    ParticipantFactory(username="budi")
    for _attempt in range(5):
        sign_in(client, "siti", "wrong")

    locked = sign_in(client, "siti")
    colleague = sign_in(client.__class__(), "budi")
    elsewhere = sign_in(client.__class__(), "siti", address="10.9.9.9")

    assert locked.status_code == 429
    assert int(locked["Retry-After"]) > 0
    assert colleague.status_code == 302
    assert elsewhere.status_code == 302


def test_sign_out_needs_a_post_and_ends_the_session(client, participant):
    client.force_login(participant)

    assert client.get("/akun/keluar/").status_code == 405
    response = client.post("/akun/keluar/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_that_sets_a_new_password(client, mailoutbox):
    user = ParticipantFactory(username="siti", email="siti@example.test")

    response = client.post("/akun/sandi/lupa/", {"email": "siti@example.test"})

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/akun/sandi/atur/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Gorontalo-2026!", "new_password2": "Gorontalo-2026!"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Gorontalo-2026!")


def test_password_reset_for_an_unknown_address_reveals_nothing(client, mailoutbox):
    response = client.post("/akun/sandi/lupa/", {"email": "nobody@example.test"})

    assert response.status_code == 302
    assert mailoutbox == []


@pytest.mark.parametrize(
    "next_url",
    [
        "/akun/masuk/",
        "/akun/masuk/?next=/akun/masuk/",
        "/en/akun/masuk/?next=/akun/masuk/",
        "/akun/masuk/kode/",
        "https://elsewhere.example/akun/",
    ],
)
def test_a_signed_in_user_sent_to_sign_in_with_a_looping_or_foreign_next_goes_to_the_dashboard(
    client, next_url
):
    client.force_login(ParticipantFactory())

    response = client.get(LOGIN, {"next": next_url})

    assert response.status_code == 302
    assert response.url == reverse("training:dashboard")


def test_a_signed_in_user_goes_on_to_a_safe_next_or_else_to_the_dashboard(client):
    client.force_login(ParticipantFactory())

    assert client.get(LOGIN).url == reverse("training:dashboard")
    assert client.get(LOGIN, {"next": "/akun/profil/"}).url == "/akun/profil/"


def test_signing_in_with_a_next_pointing_at_sign_in_lands_on_the_usual_page(client):
    ParticipantFactory(username="siti")

    response = client.post(
        f"{LOGIN}?next=/akun/masuk/", {"username": "siti", "password": "s3cret-pass"}
    )

    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
