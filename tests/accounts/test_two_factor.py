"""
Two-factor sign-in (TOTP with django-otp, recovery codes): set-up, both sign-in pages,
recovery codes used once, turning it off, the administrator's reset, the required mode for
administrators, the lockout after wrong codes and the audit entries.
"""

import re
import time

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from accounts import twofactor
from accounts.audit import (
    RECOVERY_CODES_REGENERATE,
    TWO_FACTOR_DISABLE,
    TWO_FACTOR_ENABLE,
    TWO_FACTOR_RESET,
)
from accounts.models import PersonalAccessToken, RecoveryCode
from tests.factories import (
    AdministratorFactory,
    ParticipantFactory,
    TrainerFactory,
    prefers_english,
)

pytestmark = pytest.mark.django_db

PASSWORD = "s3cret-pass"
SITE_LOGIN = "/en/akun/masuk/"
SITE_CODE = "/en/akun/masuk/kode/"


@pytest.fixture(autouse=True)
def _clean_state(settings):
    settings.AXES_FAILURE_LIMIT = 3
    cache.clear()
    yield
    cache.clear()


def code_for(device, steps_ahead=0):
    """The code the authenticator app shows, ``steps_ahead`` 30-second steps from now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device):
    right = {code_for(device, steps) for steps in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222") if code not in right)


def turn_on(user):
    """Two-factor sign-in on, as the set-up page leaves it; returns (device, recovery codes)."""
    device = twofactor.setup_device(user)
    check, codes = twofactor.enable_two_factor(device=device, code=code_for(device))
    assert check.ok
    device.refresh_from_db()
    return device, codes


def site_sign_in(client, username, password=PASSWORD):
    return client.post(SITE_LOGIN, {"username": username, "password": password})


# --- Set-up -------------------------------------------------------------------------------


def test_set_up_shows_a_qr_code_and_the_secret_and_refuses_a_wrong_code(client):
    user = ParticipantFactory()
    client.force_login(user)

    page = client.get("/en/akun/profil/dua-faktor/atur/")
    device = TOTPDevice.objects.get(user=user)
    wrong = client.post("/en/akun/profil/dua-faktor/atur/", {"code": wrong_code(device)})

    text = page.content.decode()
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    assert "<svg" in text
    assert twofactor.secret_base32(device) in text
    assert wrong.status_code == 200
    assert "This code is not correct" in wrong.content.decode()
    assert not twofactor.has_two_factor(user)
    assert not RecoveryCode.objects.filter(user=user).exists()


def test_set_up_with_the_right_code_turns_it_on_and_shows_recovery_codes_once(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code first, then the right one at once
    user = ParticipantFactory()
    client.force_login(user)
    client.get("/en/akun/profil/dua-faktor/atur/")
    device = TOTPDevice.objects.get(user=user)
    client.post("/en/akun/profil/dua-faktor/atur/", {"code": wrong_code(device)})

    response = client.post("/en/akun/profil/dua-faktor/atur/", {"code": code_for(device)})

    text = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert twofactor.has_two_factor(user)
    assert text.count("<li><code>") == twofactor.RECOVERY_CODE_COUNT
    stored = RecoveryCode.objects.filter(user=user)
    assert stored.count() == twofactor.RECOVERY_CODE_COUNT
    # Only digests are stored: no code shown on the page is in the database.
    shown = re.findall(r"<li><code>([^<]+)</code></li>", text)
    assert all(len(code) == 14 for code in shown)
    assert not stored.filter(digest__in=shown).exists()
    assert stored.filter(digest=twofactor.recovery_code_digest(shown[0])).exists()
    overview = client.get("/en/akun/profil/dua-faktor/").content.decode()
    assert "10 unused recovery codes" in overview and "<li><code>" not in overview


def test_the_set_up_page_keeps_its_secret_until_confirmed(client):
    user = ParticipantFactory()
    client.force_login(user)

    client.get("/en/akun/profil/dua-faktor/atur/")
    client.get("/en/akun/profil/dua-faktor/atur/")

    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_set_up_from_the_wagtail_account_page(client):
    user = prefers_english(TrainerFactory())
    client.force_login(user)

    account = client.get(reverse("wagtailadmin_account"))
    page = client.get(reverse("accounts_admin:two_factor_setup"))
    device = TOTPDevice.objects.get(user=user)
    done = client.post(reverse("accounts_admin:two_factor_setup"), {"code": code_for(device)})

    assert "Two-factor sign-in is off" in account.content.decode()
    assert reverse("accounts_admin:two_factor") in account.content.decode()
    assert page.status_code == 200 and "<svg" in page.content.decode()
    assert done.status_code == 200 and twofactor.has_two_factor(user)
    assert (
        "Two-factor sign-in is <strong>on</strong>"
        in client.get(reverse("wagtailadmin_account")).content.decode()
    )


def test_the_account_panel_never_takes_part_in_saving_the_account_page(rf):
    """Wagtail saves every bound panel form; this panel's form stays unbound and empty."""
    from accounts.wagtail_hooks import TwoFactorSettingsPanel

    user = TrainerFactory()
    request = rf.post("/admin/account/", {"two_factor-anything": "x"})
    request.user = user

    form = TwoFactorSettingsPanel(request, user, None).get_form()

    assert not form.is_bound and not form.fields


# --- Signing in ---------------------------------------------------------------------------


def test_sign_in_with_two_factor_asks_for_the_code_before_signing_in(client):
    user = ParticipantFactory(username="siti")
    device, _codes = turn_on(user)

    password_step = site_sign_in(client, "siti")
    assert password_step.status_code == 302 and password_step.url == SITE_CODE
    assert "_auth_user_id" not in client.session
    assert client.get("/en/akun/profil/").status_code == 302  # still signed out

    code_step = client.post(SITE_CODE, {"code": code_for(device, steps_ahead=1)})

    assert code_step.status_code == 302 and code_step.url == "/en/akun/profil/"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_sign_in_without_two_factor_is_unchanged(client):
    ParticipantFactory(username="budi")

    response = site_sign_in(client, "budi")

    assert response.status_code == 302 and response.url == "/en/akun/profil/"
    assert client.session.get("_auth_user_id")


def test_a_wrong_code_is_refused_with_a_clear_message(client):
    user = ParticipantFactory(username="siti")
    device, _codes = turn_on(user)
    site_sign_in(client, "siti")

    response = client.post(SITE_CODE, {"code": wrong_code(device)})

    assert response.status_code == 200
    assert "This code is not correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_code_step_without_a_password_goes_back_to_sign_in(client):
    response = client.post(SITE_CODE, {"code": "123456"})

    assert response.status_code == 302 and response.url == SITE_LOGIN


def test_the_code_step_expires(client, time_machine):
    time_machine.move_to(timezone.now(), tick=True)
    user = ParticipantFactory(username="siti")
    device, _codes = turn_on(user)
    site_sign_in(client, "siti")
    time_machine.shift(twofactor.PENDING_SECONDS + 1)

    response = client.post(SITE_CODE, {"code": code_for(device)})

    assert response.status_code == 302 and response.url == SITE_LOGIN
    assert "_auth_user_id" not in client.session


def test_a_code_is_not_accepted_twice(client):
    user = ParticipantFactory(username="siti")
    device, _codes = turn_on(user)
    code = code_for(device, steps_ahead=1)
    site_sign_in(client, "siti")
    client.post(SITE_CODE, {"code": code})
    other = client.__class__()
    site_sign_in(other, "siti")

    replay = other.post(SITE_CODE, {"code": code})

    assert replay.status_code == 200
    assert "_auth_user_id" not in other.session


def test_the_admin_sign_in_asks_for_the_code_too(client):
    user = AdministratorFactory(username="kepala")
    device, _codes = turn_on(user)

    password_step = client.post(
        reverse("wagtailadmin_login"), {"username": "kepala", "password": PASSWORD}
    )
    assert password_step.status_code == 302
    assert password_step.url == reverse("admin_sign_in_code")
    assert "_auth_user_id" not in client.session
    page = client.get(reverse("admin_sign_in_code"))
    assert page.status_code == 200 and 'name="code"' in page.content.decode()

    code_step = client.post(
        reverse("admin_sign_in_code"), {"code": code_for(device, steps_ahead=1)}
    )

    assert code_step.status_code == 302 and code_step.url == reverse("wagtailadmin_home")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_wagtails_front_end_sign_in_asks_for_the_code_too(client):
    """``/_util/login/`` (private pages) would otherwise sign in with the password alone."""
    user = ParticipantFactory(username="siti")
    turn_on(user)

    response = client.post("/en/_util/login/", {"username": "siti", "password": PASSWORD})

    assert response.status_code == 302 and response.url == SITE_CODE
    assert "_auth_user_id" not in client.session


def test_the_admin_sign_in_keeps_where_it_was_going(client):
    user = AdministratorFactory(username="kepala")
    device, _codes = turn_on(user)
    target = reverse("accounts_admin:locked_sign_ins")

    client.post(
        reverse("wagtailadmin_login"),
        {"username": "kepala", "password": PASSWORD, "next": target},
    )
    response = client.post(reverse("admin_sign_in_code"), {"code": code_for(device, steps_ahead=1)})

    assert response.url == target


# --- Recovery codes -----------------------------------------------------------------------


def test_a_recovery_code_signs_in_once(client):
    user = ParticipantFactory(username="siti")
    _device, codes = turn_on(user)

    site_sign_in(client, "siti")
    first = client.post(SITE_CODE, {"code": codes[0].upper().replace("-", " ")})
    assert first.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)
    assert "9 recovery codes are left" in client.get(first.url).content.decode()

    again = client.__class__()
    site_sign_in(again, "siti")
    second = again.post(SITE_CODE, {"code": codes[0]})

    assert second.status_code == 200
    assert "_auth_user_id" not in again.session
    assert twofactor.unused_recovery_codes(user) == 9


def test_new_recovery_codes_replace_the_old_ones(client):
    user = ParticipantFactory()
    _device, old_codes = turn_on(user)
    client.force_login(user)

    response = client.post("/en/akun/profil/dua-faktor/kode-pemulihan/")

    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert "Your previous recovery codes no longer work" in response.content.decode()
    assert not twofactor.use_recovery_code(user=user, code=old_codes[0])
    assert twofactor.unused_recovery_codes(user) == twofactor.RECOVERY_CODE_COUNT
    assert ModelLogEntry.objects.filter(action=RECOVERY_CODES_REGENERATE).count() == 1


def test_recovery_codes_need_two_factor_on(client):
    user = ParticipantFactory()
    client.force_login(user)

    response = client.post("/en/akun/profil/dua-faktor/kode-pemulihan/")

    assert response.status_code == 302
    assert not RecoveryCode.objects.filter(user=user).exists()


# --- Turning it off -----------------------------------------------------------------------


def test_turning_it_off_needs_the_password_or_a_code(client):
    user = ParticipantFactory()
    device, _codes = turn_on(user)
    client.force_login(user)
    url = "/en/akun/profil/dua-faktor/matikan/"

    empty = client.post(url, {})
    wrong = client.post(url, {"password": "wrong"})
    assert "Enter your password or a code" in empty.content.decode()
    assert "is not correct" in wrong.content.decode()
    assert twofactor.has_two_factor(user)

    done = client.post(url, {"code": code_for(device, steps_ahead=1)})

    assert done.status_code == 302
    assert not twofactor.has_two_factor(user)
    assert not RecoveryCode.objects.filter(user=user).exists()
    entry = ModelLogEntry.objects.get(action=TWO_FACTOR_DISABLE)
    assert entry.user == user and entry.object_id == str(user.pk)


def test_turning_it_off_with_the_password(client):
    user = ParticipantFactory()
    turn_on(user)
    client.force_login(user)

    client.post("/en/akun/profil/dua-faktor/matikan/", {"password": PASSWORD})

    assert not twofactor.has_two_factor(user)
    assert site_sign_in(client.__class__(), user.username).url == "/en/akun/profil/"


# --- Administrators -----------------------------------------------------------------------


def test_an_administrator_resets_a_lost_phone_and_it_is_audited(client):
    user = ParticipantFactory(username="siti")
    turn_on(user)
    administrator = prefers_english(AdministratorFactory())
    client.force_login(administrator)

    listing = client.get(reverse("accounts_admin:two_factor_users"))
    response = client.post(reverse("accounts_admin:two_factor_reset", args=[user.pk]))

    assert "siti" in listing.content.decode()
    assert response.status_code == 302
    assert not twofactor.has_two_factor(user)
    entry = ModelLogEntry.objects.get(action=TWO_FACTOR_RESET)
    assert entry.user == administrator and entry.object_id == str(user.pk)
    assert site_sign_in(client.__class__(), "siti").url == "/en/akun/profil/"


@pytest.mark.parametrize("role", ["trainer", "participant"])
def test_nobody_else_resets_two_factor(client, role):
    user = ParticipantFactory()
    turn_on(user)
    client.force_login(TrainerFactory() if role == "trainer" else ParticipantFactory())

    listing = client.get(reverse("accounts_admin:two_factor_users"))
    reset = client.post(reverse("accounts_admin:two_factor_reset", args=[user.pk]))

    # A trainer (admin access) gets Wagtail's "permission denied" (a redirect to the admin
    # dashboard); a participant never gets into the admin at all (the admin sign-in).
    assert listing.status_code == reset.status_code == 302
    expected = reverse("wagtailadmin_home") if role == "trainer" else reverse("admin_sign_in")
    assert listing.url.split("?")[0] == reset.url.split("?")[0] == expected
    assert twofactor.has_two_factor(user)


def test_turning_it_on_is_audited(client):
    user = ParticipantFactory()

    turn_on(user)

    entry = ModelLogEntry.objects.get(action=TWO_FACTOR_ENABLE)
    assert entry.user == user and entry.object_id == str(user.pk)


def test_required_mode_sends_an_administrator_to_the_set_up_first(client, settings):
    settings.TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS = True
    administrator = prefers_english(AdministratorFactory())
    client.force_login(administrator)
    setup = reverse("accounts_admin:two_factor_setup")

    for path in (reverse("wagtailadmin_home"), reverse("wagtailadmin_explore_root")):
        response = client.get(path)
        assert response.status_code == 302 and response.url == setup
    page = client.get(setup)
    assert page.status_code == 200
    assert "Administrators must sign in with two factors" in page.content.decode()

    device = TOTPDevice.objects.get(user=administrator)
    client.post(setup, {"code": code_for(device)})

    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_required_mode_leaves_trainers_and_the_site_alone(client, settings):
    settings.TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS = True
    client.force_login(TrainerFactory())
    assert client.get(reverse("wagtailadmin_home")).status_code == 200

    client.force_login(AdministratorFactory())
    assert client.get("/en/akun/profil/").status_code == 200


def test_required_mode_is_off_by_default(client):
    client.force_login(AdministratorFactory())

    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def admin_sign_in(client, username, code):
    client.post(reverse("wagtailadmin_login"), {"username": username, "password": PASSWORD})
    return client.post(reverse("admin_sign_in_code"), {"code": code})


@pytest.mark.parametrize("second_factor", ["app", "recovery code"])
def test_required_mode_asks_a_session_that_skipped_the_code_to_sign_in_again(
    client, required, second_factor
):
    """An administrator with an app, signed in by some way that never asked for its code."""
    administrator = AdministratorFactory(username="kepala")
    device, codes = turn_on(administrator)
    client.force_login(administrator)

    refused = client.get(reverse("wagtailadmin_home"))

    assert refused.status_code == 302
    assert refused.url == f"{reverse('wagtailadmin_login')}?next={reverse('wagtailadmin_home')}"
    assert "_auth_user_id" not in client.session
    code = code_for(device, steps_ahead=1) if second_factor == "app" else codes[0]
    assert admin_sign_in(client, "kepala", code).status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_required_mode_guards_the_exports_too(client, required):
    administrator = AdministratorFactory()
    turn_on(administrator)
    client.force_login(administrator)

    response = client.get(reverse("training_reports:enrolments"), {"export": "csv"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize(
    ("sign_in_url", "setup_url"),
    [
        (SITE_LOGIN, "/en/akun/profil/dua-faktor/atur/"),
        ("/admin/login/", "/admin/accounts/two-factor/setup/"),
    ],
)
def test_required_mode_makes_the_set_up_the_first_step_after_signing_in(
    client, required, sign_in_url, setup_url
):
    administrator = AdministratorFactory(username="kepala")
    TrainerFactory(username="guru")

    response = client.post(sign_in_url, {"username": "kepala", "password": PASSWORD})

    assert response.status_code == 302 and response.url == setup_url
    assert client.get(setup_url).status_code == 200
    # The code that confirms the app verifies this session too: every staff surface opens.
    device = TOTPDevice.objects.get(user=administrator)
    client.post(setup_url, {"code": code_for(device)})
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(CERTIFICATES_API).status_code == 200
    # Nobody else is sent to the set-up.
    trainer = client.__class__().post(sign_in_url, {"username": "guru", "password": PASSWORD})
    assert trainer.status_code == 302 and trainer.url != setup_url


CERTIFICATES_API = "/api/v1/certificates/"


# --- Required for administrators: the REST API and its tokens ---------------------------


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_api_refuses_an_administrators_session_without_an_app(api_client, required, language):
    api_client.force_login(AdministratorFactory())

    response = api_client.get(CERTIFICATES_API, HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 403
    assert (
        response.json()["detail"]
        == {
            "en": "Administrators must use two-factor sign-in before using the API. Set up an "
            "authenticator app on your profile page first.",
            "id": "Administrator wajib memakai masuk dua langkah sebelum memakai API. Atur "
            "aplikasi autentikator di halaman profil Anda terlebih dahulu.",
        }[language]
    )


def test_the_api_refuses_a_session_that_skipped_the_code(client, required):
    administrator = AdministratorFactory(username="kepala")
    device, _codes = turn_on(administrator)
    client.force_login(administrator)

    refused = client.get(CERTIFICATES_API, HTTP_ACCEPT_LANGUAGE="en")
    admin_sign_in(client, "kepala", code_for(device, steps_ahead=1))
    verified = client.get(CERTIFICATES_API)

    assert refused.status_code == 403
    assert "signed in without the second factor" in refused.json()["detail"]
    assert verified.status_code == 200


def test_the_api_refuses_an_administrators_token_until_the_app_is_set_up(
    api_client, required, bearer
):
    administrator = AdministratorFactory()
    headers = bearer(administrator)

    refused = api_client.get(CERTIFICATES_API, HTTP_ACCEPT_LANGUAGE="en", **headers)
    turn_on(administrator)
    accepted = api_client.get(CERTIFICATES_API, **headers)

    assert refused.status_code == 403
    assert "Administrators must use two-factor sign-in" in refused.json()["detail"]
    assert accepted.status_code == 200
    # Participants' tokens and sessions are served as before.
    participant = ParticipantFactory()
    assert api_client.get("/api/v1/me/", **bearer(participant)).status_code == 200
    api_client.force_login(participant)
    assert api_client.get("/api/v1/me/").status_code == 200


def test_an_administrator_makes_no_token_before_setting_up_the_app(client, required):
    administrator = AdministratorFactory()
    client.force_login(administrator)

    profile = client.get("/en/akun/profil/").content.decode()
    response = client.post("/en/akun/profil/token/", {"name": "SIMPEG", "valid_days": "30"})

    assert 'action="/en/akun/profil/token/"' not in profile
    assert "Set up an authenticator app to continue" in profile
    assert response.status_code == 302 and response.url == "/en/akun/profil/dua-faktor/atur/"
    assert not PersonalAccessToken.objects.exists()


def test_an_administrator_makes_no_token_from_a_session_that_skipped_the_code(client, required):
    administrator = AdministratorFactory(username="kepala")
    device, _codes = turn_on(administrator)
    client.force_login(administrator)

    response = client.post("/en/akun/profil/token/", {"name": "SIMPEG", "valid_days": "30"})

    assert response.status_code == 302 and response.url.startswith(SITE_LOGIN)
    assert "_auth_user_id" not in client.session
    assert not PersonalAccessToken.objects.exists()
    site_sign_in(client, "kepala")
    client.post(SITE_CODE, {"code": code_for(device, steps_ahead=1)})
    made = client.post("/en/akun/profil/token/", {"name": "SIMPEG", "valid_days": "30"})
    assert made.status_code == 200 and PersonalAccessToken.objects.count() == 1


# --- Lockout ------------------------------------------------------------------------------


def test_wrong_codes_lock_the_user_name_and_address_out(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's own slow-down is tested below
    user = ParticipantFactory(username="siti")
    device, _codes = turn_on(user)
    site_sign_in(client, "siti")

    answers = [
        client.post(SITE_CODE, {"code": wrong_code(device)}).status_code for _try in range(3)
    ]

    assert answers == [200, 200, 429]
    assert AccessAttempt.objects.get(username="siti").failures_since_start == 3
    # Locked out: even the password and the right code are refused now, from this address.
    again = site_sign_in(client, "siti")
    assert again.status_code == 429
    assert client.post(SITE_CODE, {"code": code_for(device, 1)}).status_code == 302
    assert "_auth_user_id" not in client.session
    # Another address is not affected.
    other = client.__class__(REMOTE_ADDR="10.9.9.9")
    assert site_sign_in(other, "siti").status_code == 302


def test_wrong_codes_count_against_the_account_whichever_identifier_was_typed(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = ParticipantFactory(username="siti", email="siti@example.test")
    device, _codes = turn_on(user)
    site_sign_in(client, "SITI@Example.test")
    for _try in range(3):
        client.post(SITE_CODE, {"code": wrong_code(device)})

    assert site_sign_in(client, "siti").status_code == 429
    assert AccessAttempt.objects.get().username == "siti"


def test_the_lockout_counts_wrong_passwords_and_wrong_codes_together(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = ParticipantFactory(username="siti")
    device, _codes = turn_on(user)
    site_sign_in(client, "siti", "wrong")
    site_sign_in(client, "siti", "wrong")
    site_sign_in(client, "siti")

    response = client.post(SITE_CODE, {"code": wrong_code(device)})

    assert response.status_code == 429


def test_repeated_wrong_codes_are_slowed_down(client):
    user = ParticipantFactory(username="siti")
    device, _codes = turn_on(user)
    site_sign_in(client, "siti")
    client.post(SITE_CODE, {"code": wrong_code(device)})

    response = client.post(SITE_CODE, {"code": code_for(device, 1)})

    assert response.status_code == 200
    assert "Too many wrong codes in a row" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_required_mode_costs_no_query_when_off_and_two_when_on(
    rf, settings, django_assert_num_queries, django_assert_max_num_queries
):
    from django.http import HttpResponse

    from accounts.twofactor_middleware import TwoFactorRequiredMiddleware

    administrator = AdministratorFactory()
    turn_on(administrator)
    middleware = TwoFactorRequiredMiddleware(lambda request: HttpResponse("ok"))
    request = rf.get(reverse("wagtailadmin_home"))
    # As django-otp's middleware leaves the user of a session that gave the code.
    administrator.is_verified = lambda: True
    request.user = administrator

    settings.TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS = False
    with django_assert_num_queries(0):
        assert middleware(request).status_code == 200
    settings.TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS = True
    with django_assert_max_num_queries(2):
        assert middleware(request).status_code == 200
