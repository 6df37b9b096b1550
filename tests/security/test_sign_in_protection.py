"""
Sign-in protection: lockouts per account (whichever identifier is typed) and address
together, the lock-out message, the administrator's unlock, the client address behind trusted
proxies, rate limits on the password-reset form, and password rules.
"""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from accounts.audit import SIGN_IN_UNLOCK
from cms.ratelimit import client_address
from tests.factories import (
    AdministratorFactory,
    ParticipantFactory,
    TrainerFactory,
    prefers_english,
)

pytestmark = pytest.mark.django_db

PROXY = "127.0.0.1"


@pytest.fixture(autouse=True)
def _clean_state(settings):
    from django.core.cache import cache

    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = 0.5
    cache.clear()
    yield
    cache.clear()
    translation.deactivate()


def sign_in(client, username, password="s3cret-pass", language="id", **headers):
    path = "/en/akun/masuk/" if language == "en" else "/akun/masuk/"
    return client.post(path, {"username": username, "password": password}, **headers)


def behind_proxy(client_ip):
    """Headers of a request that reached the app through one proxy of the deployment."""
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": client_ip}


def test_one_users_failures_never_lock_out_the_agency_behind_the_same_address(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    ParticipantFactory(username="siti")
    ParticipantFactory(username="budi")
    office = behind_proxy("203.0.113.7")
    for _attempt in range(3):
        sign_in(client, "siti", "wrong", **office)

    siti_from_office = sign_in(client.__class__(), "siti", **office)
    budi_from_office = sign_in(client.__class__(), "budi", **office)
    siti_from_home = sign_in(client.__class__(), "siti", **behind_proxy("198.51.100.9"))

    assert siti_from_office.status_code == 429
    assert budi_from_office.status_code == 302
    assert siti_from_home.status_code == 302


def test_a_spoofed_forwarded_address_does_not_escape_the_lockout(client, settings):
    """The client can prepend anything to X-Forwarded-For; only the proxy's entry counts."""
    settings.TRUSTED_PROXY_COUNT = 1
    ParticipantFactory(username="siti")
    for attempt in range(3):
        sign_in(client, "siti", "wrong", **behind_proxy(f"10.0.0.{attempt}, 203.0.113.7"))

    response = sign_in(client, "siti", **behind_proxy("10.9.9.9, 203.0.113.7"))

    assert response.status_code == 429


def test_the_lockout_message_says_when_to_try_again(client):
    ParticipantFactory(username="siti")
    for _attempt in range(3):
        sign_in(client, "siti", "wrong", language="en")

    response = sign_in(client, "siti", language="en")

    text = response.content.decode()
    assert response.status_code == 429
    assert "Wrong passwords were tried 3 times" in text
    assert "Try again in 30 minutes" in text
    assert "Colleagues in your office can still sign in" in text
    assert 1700 <= int(response["Retry-After"]) <= 1800


def test_the_admin_sign_in_is_locked_out_too(client):
    AdministratorFactory(username="kepala")
    for _attempt in range(3):
        client.post(reverse("wagtailadmin_login"), {"username": "kepala", "password": "wrong"})

    response = client.post(
        reverse("wagtailadmin_login"), {"username": "kepala", "password": "s3cret-pass"}
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


NIP = "199203172019032008"
# Every other way sign-in accepts to name the account of user "siti".
OTHER_SPELLINGS = [
    "SITI",
    "Siti@Disdukcapil.TEST",
    "19920317 201903 2 008",
    "19920317.201903.2.008",
]


def make_siti(factory=ParticipantFactory):
    return factory(username="siti", email="siti@disdukcapil.test", nip=NIP)


@pytest.mark.parametrize("spelling", OTHER_SPELLINGS)
def test_a_paused_account_stays_paused_whichever_identifier_is_typed(client, spelling):
    make_siti()
    for _attempt in range(3):
        sign_in(client, "siti", "wrong")

    response = sign_in(client, spelling)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("spelling", OTHER_SPELLINGS)
def test_wrong_passwords_count_against_the_account_whichever_identifier_is_typed(client, spelling):
    make_siti()
    sign_in(client, spelling, "wrong")
    sign_in(client, "siti", "wrong")
    sign_in(client, spelling.lower(), "wrong")

    response = sign_in(client, "siti")

    assert response.status_code == 429
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["siti"]


@pytest.mark.parametrize("spelling", OTHER_SPELLINGS)
def test_a_paused_account_stays_paused_on_the_admin_sign_in_too(client, spelling):
    make_siti(AdministratorFactory)
    for _attempt in range(3):
        client.post(reverse("wagtailadmin_login"), {"username": spelling, "password": "wrong"})

    response = client.post(
        reverse("wagtailadmin_login"), {"username": "siti", "password": "s3cret-pass"}
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["siti"]


def test_the_site_and_the_admin_sign_in_count_against_the_same_account(client):
    make_siti(AdministratorFactory)
    sign_in(client, "SITI", "wrong")
    client.post(reverse("wagtailadmin_login"), {"username": NIP, "password": "wrong"})
    client.post(
        reverse("wagtailadmin_login"), {"username": "siti@disdukcapil.test", "password": "wrong"}
    )

    assert sign_in(client, "Siti").status_code == 429


def test_an_unknown_name_is_counted_however_it_is_spelt(client):
    """Spelling a name that has no account differently must not buy more guesses either."""
    for spelling in ("Nobody", " NOBODY ", "nobody"):
        sign_in(client, spelling, "wrong")

    response = sign_in(client, "noBody", "wrong")

    assert response.status_code == 429
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["nobody"]


def test_a_successful_sign_in_by_another_identifier_clears_the_accounts_failures(client):
    make_siti()
    sign_in(client, "SITI", "wrong")
    sign_in(client, "Siti@Disdukcapil.TEST", "wrong")

    assert sign_in(client, "19920317 201903 2 008").status_code == 302

    assert not AccessAttempt.objects.exists()


def test_the_unlock_screen_names_the_paused_account(client):
    user = make_siti()
    for _attempt in range(3):
        sign_in(client.__class__(), "Siti@Disdukcapil.TEST", "wrong", REMOTE_ADDR="10.1.1.1")
    for _attempt in range(3):
        sign_in(client.__class__(), "Nobody", "wrong", REMOTE_ADDR="10.1.1.1")
    client.force_login(prefers_english(AdministratorFactory()))

    listing = client.get(reverse("accounts_admin:locked_sign_ins")).content.decode()

    assert f"{user.full_name} (siti)" in listing
    assert "nobody (no such account)" in listing
    assert "Disdukcapil" not in listing


def test_an_administrator_lists_and_unlocks_a_paused_sign_in(client):
    ParticipantFactory(username="siti")
    for _attempt in range(3):
        sign_in(client.__class__(), "siti", "wrong", REMOTE_ADDR="10.1.1.1")
    administrator = AdministratorFactory()
    client.force_login(administrator)

    with translation.override("en"):
        listing = client.get(reverse("accounts_admin:locked_sign_ins"))
        attempt = AccessAttempt.objects.get(username="siti")
        response = client.post(reverse("accounts_admin:unlock_sign_in", args=[attempt.pk]))

    assert listing.status_code == 200
    assert "siti" in listing.content.decode() and "10.1.1.1" in listing.content.decode()
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="siti").exists()
    assert sign_in(client.__class__(), "siti", REMOTE_ADDR="10.1.1.1").status_code == 302
    entry = ModelLogEntry.objects.get(action=SIGN_IN_UNLOCK)
    assert entry.user == administrator
    assert entry.data["username"] == "siti" and entry.data["ip_address"] == "10.1.1.1"


def test_unlocking_twice_is_harmless(client):
    ParticipantFactory(username="siti")
    for _attempt in range(3):
        sign_in(client.__class__(), "siti", "wrong")
    client.force_login(AdministratorFactory())
    attempt = AccessAttempt.objects.get(username="siti")
    url = reverse("accounts_admin:unlock_sign_in", args=[attempt.pk])

    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    assert ModelLogEntry.objects.filter(action=SIGN_IN_UNLOCK).count() == 1


@pytest.mark.parametrize("role", ["trainer", "participant"])
def test_nobody_else_reaches_the_unlock_screen(client, role):
    ParticipantFactory(username="siti")
    for _attempt in range(3):
        sign_in(client.__class__(), "siti", "wrong")
    attempt = AccessAttempt.objects.get(username="siti")
    user = TrainerFactory() if role == "trainer" else ParticipantFactory()
    client.force_login(user)

    listing = client.get(reverse("accounts_admin:locked_sign_ins"))
    unlock = client.post(reverse("accounts_admin:unlock_sign_in", args=[attempt.pk]))

    # A trainer (admin access) is refused by Wagtail; a participant never enters the admin.
    expected = reverse("wagtailadmin_home" if role == "trainer" else "wagtailadmin_login")
    assert listing.status_code == unlock.status_code == 302
    assert listing["Location"].split("?")[0] == unlock["Location"].split("?")[0] == expected
    assert AccessAttempt.objects.filter(username="siti").exists()


@pytest.mark.parametrize(
    ("proxies", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, "10.0.0.5"),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, "1.2.3.4"),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "6.6.6.6, 1.2.3.4"}, "1.2.3.4"),
        (
            2,
            {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "6.6.6.6, 1.2.3.4, 10.0.0.2"},
            "1.2.3.4",
        ),
        (2, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, PROXY),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "not-an-address"}, PROXY),
        (1, {"REMOTE_ADDR": PROXY}, PROXY),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "2001:db8::1"}, "2001:db8::1"),
    ],
)
def test_client_address_trusts_only_the_configured_proxies(settings, proxies, meta, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", **meta)

    assert client_address(request) == expected


def test_password_reset_is_rate_limited_per_connection(client, settings, mailoutbox):
    settings.CMS_RATE_LIMITS = {"password_reset": (2, 3600)}
    ParticipantFactory(email="siti@example.test")

    answers = [
        client.post("/en/akun/sandi/lupa/", {"email": "siti@example.test"}).status_code
        for _request in range(3)
    ]
    other_connection = client.__class__().post(
        "/en/akun/sandi/lupa/", {"email": "siti@example.test"}, REMOTE_ADDR="10.7.7.7"
    )

    assert answers == [302, 302, 429]
    assert other_connection.status_code == 302
    assert len(mailoutbox) == 3


def test_verification_is_rate_limited_per_client_behind_the_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CERTIFICATE_VERIFY_RATE_PER_MINUTE = 2
    url = reverse("certificates:verify", args=["UNKNOWN1"])

    first = [client.get(url, **behind_proxy("203.0.113.7")).status_code for _ in range(3)]
    other = client.get(url, **behind_proxy("198.51.100.9")).status_code

    assert first == [404, 404, 429]
    assert other == 404


@pytest.mark.parametrize("password", ["12345678901", "password123", "siti-nurhaliza"])
def test_weak_passwords_are_refused(client, password):
    user = ParticipantFactory(username="siti-nurhaliza", full_name="Siti Nurhaliza")
    client.force_login(user)

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "s3cret-pass", "new_password1": password, "new_password2": password},
    )

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password("s3cret-pass")
