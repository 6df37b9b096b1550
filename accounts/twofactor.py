"""
Two-factor sign-in: an authenticator app (TOTP, django-otp's ``TOTPDevice``) and one-time
recovery codes.

The second step happens *before* the session is signed in: after a correct password the
sign-in views keep only a short-lived "pending" note in the anonymous session (who, where to
go next), and ``finish_sign_in`` calls ``django.contrib.auth.login`` once the code is right.
A wrong code is reported to django-axes as a failed sign-in of the identifier that was typed,
so it counts toward the same lockout of the account as a wrong password (``accounts.lockout``).

django-otp keeps the TOTP secret itself (the app needs the same secret, so it cannot be a
hash), checks codes within one step of clock drift, refuses a code that was already used and
slows down repeated failures of one device (1, 2, 4 … seconds between tries).

A session that passed the second step (or just set up its app) is *verified*: django-otp's
``OTPMiddleware`` reads the device recorded in the session and ``request.user.is_verified()``
says so. ``TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS`` asks every staff surface for that
(``missing_second_factor``), so a session that reached an administrator's account by any
other way is not taken for one that gave the code.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.db import transaction
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .audit import (
    RECOVERY_CODES_REGENERATE,
    TWO_FACTOR_DISABLE,
    TWO_FACTOR_ENABLE,
    TWO_FACTOR_RESET,
    log_two_factor,
)
from .models import RecoveryCode, User
from .roles import is_administrator

RECOVERY_CODE_COUNT = 10
# Lower-case letters and digits without the look-alikes (0/o, 1/l/i): 32 symbols, 5 bits each.
RECOVERY_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_CODE_LENGTH = 12
DEVICE_NAME = "Authenticator app"

PENDING_SESSION_KEY = "two_factor_pending"
PENDING_SECONDS = 300
"""How long the code step waits after the password step before the password is asked again."""


# --- Devices ------------------------------------------------------------------------------


def confirmed_device(user) -> TOTPDevice | None:
    """The user's authenticator app, once confirmed with a code; None when not set up."""
    if not (user and user.is_authenticated):
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_two_factor(user) -> bool:
    return bool(user and user.is_authenticated) and (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    )


def setup_device(user: User) -> TOTPDevice:
    """
    The unconfirmed device whose secret the set-up page shows. The same one is reused until
    it is confirmed, so reloading the page does not change the QR code under the user.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_base32(device: TOTPDevice) -> str:
    """The secret as authenticator apps accept it typed in: base32, in groups of four."""
    from base64 import b32encode

    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def _clean_code(code: str) -> str:
    return "".join(code.split())


@dataclass(frozen=True)
class CodeCheck:
    """The result of checking a code: ``ok``, or ``wait_until`` when the device is slowed down."""

    ok: bool
    wait_until: datetime | None = None
    recovery_code_used: bool = False


def check_totp(device: TOTPDevice, code: str) -> CodeCheck:
    """Check an authenticator code against ``device`` (django-otp counts and slows failures)."""
    allowed, details = device.verify_is_allowed()
    if not allowed:
        return CodeCheck(ok=False, wait_until=(details or {}).get("locked_until"))
    code = _clean_code(code)
    if not (code.isdigit() and len(code) == device.digits):
        device.throttle_increment()
        return CodeCheck(ok=False)
    return CodeCheck(ok=device.verify_token(code))


def check_second_factor(user: User, code: str) -> CodeCheck:
    """
    Check what the user typed at the second step: six digits are an authenticator code,
    anything else is tried as a recovery code (used up if it matches).
    """
    device = confirmed_device(user)
    if device is None:
        return CodeCheck(ok=False)
    cleaned = _clean_code(code)
    if cleaned.isdigit() and len(cleaned) <= device.digits:
        return check_totp(device, cleaned)
    return CodeCheck(ok=use_recovery_code(user=user, code=cleaned), recovery_code_used=True)


@transaction.atomic
def enable_two_factor(*, device: TOTPDevice, code: str) -> tuple[CodeCheck, list[str]]:
    """
    Confirm the set-up ``device`` with a current code. On success the device counts from now
    on, any other device of the user is removed, and a fresh set of recovery codes is
    returned (the only time they exist in clear).
    """
    check = check_totp(device, code)
    if not check.ok:
        return check, []
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    codes = _replace_recovery_codes(device.user)
    log_two_factor(user=device.user, action=TWO_FACTOR_ENABLE, changed_by=device.user)
    return check, codes


@transaction.atomic
def disable_two_factor(*, user: User, changed_by: User) -> bool:
    """
    Remove the user's authenticator app and recovery codes. When ``changed_by`` is someone
    else (an administrator after a lost phone) the audit entry says it was a reset.
    Returns whether there was anything to remove.
    """
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
    if not removed:
        return False
    action = TWO_FACTOR_DISABLE if changed_by.pk == user.pk else TWO_FACTOR_RESET
    log_two_factor(user=user, action=action, changed_by=changed_by)
    return True


# --- Recovery codes ----------------------------------------------------------------------


def normalise_recovery_code(code: str) -> str:
    """What is compared: letters and digits in lower case, without spaces or hyphens."""
    return "".join(ch for ch in code.lower() if ch.isalnum())


def recovery_code_digest(code: str) -> str:
    """
    The stored form of a recovery code. A plain SHA-256 is enough: each code carries 60
    random bits, and a guess online is counted by the sign-in lockout.
    """
    return hashlib.sha256(normalise_recovery_code(code).encode()).hexdigest()


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_CODE_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, RECOVERY_CODE_LENGTH, 4))


def _replace_recovery_codes(user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(
        [RecoveryCode(user=user, digest=recovery_code_digest(code)) for code in codes]
    )
    return codes


@transaction.atomic
def regenerate_recovery_codes(*, user: User) -> list[str]:
    """A new set of recovery codes for a user with two-factor sign-in; the old set stops working."""
    codes = _replace_recovery_codes(user)
    log_two_factor(user=user, action=RECOVERY_CODES_REGENERATE, changed_by=user)
    return codes


def use_recovery_code(*, user: User, code: str) -> bool:
    """
    Use up one recovery code. The conditional update makes it single-use even when the same
    code arrives twice at once: only one request changes the row.
    """
    if not normalise_recovery_code(code):
        return False
    updated = RecoveryCode.objects.filter(
        user=user, digest=recovery_code_digest(code), used_at__isnull=True
    ).update(used_at=timezone.now())
    return updated == 1


def unused_recovery_codes(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


# --- The sign-in's second step ---------------------------------------------------------


def begin_sign_in(request, user: User, *, username: str, redirect_to: str, remember=None):
    """
    Remember, in the still anonymous session, that ``user`` gave the right password and
    where to go once the code is right. ``username`` is what was typed (user name, e-mail or
    NIP): wrong codes are counted against its account, as wrong passwords were.
    """
    request.session[PENDING_SESSION_KEY] = {
        "user_id": user.pk,
        "backend": user.backend,
        "username": username,
        "redirect_to": redirect_to,
        "remember": remember,
        "started": time.time(),
    }


def pending_sign_in(request) -> tuple[User, dict] | None:
    """The user waiting at the code step and the note about them, or None if none or expired."""
    pending = request.session.get(PENDING_SESSION_KEY)
    if not pending:
        return None
    if time.time() - pending.get("started", 0) > PENDING_SECONDS:
        cancel_sign_in(request)
        return None
    user = User.objects.filter(pk=pending.get("user_id"), is_active=True).first()
    if user is None or not has_two_factor(user):
        cancel_sign_in(request)
        return None
    return user, pending


def cancel_sign_in(request) -> None:
    request.session.pop(PENDING_SESSION_KEY, None)


def finish_sign_in(request, user: User, pending: dict) -> None:
    """
    Sign the session in (Django cycles its key) now that both factors are right, and record
    it as verified. A recovery code stands in for the authenticator app, so its device is
    the one recorded either way.
    """
    cancel_sign_in(request)
    auth_login(request, user, backend=pending["backend"])
    mark_verified(request, confirmed_device(user))


def mark_verified(request, device: TOTPDevice | None) -> None:
    """Record in the session that ``device`` verified the signed-in user (django-otp)."""
    if device is not None:
        otp_login(request, device)


# --- Required for administrators ---------------------------------------------------------

SET_UP = "set_up"
VERIFY = "verify"


def is_verified(user) -> bool:
    """Whether django-otp's middleware found this session verified by the user's device."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def missing_second_factor(user, *, session: bool = True) -> str | None:
    """
    What ``TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS`` still asks of ``user`` before any staff
    surface (the Wagtail admin, the REST API, access tokens): ``SET_UP`` when an
    administrator has no authenticator app, ``VERIFY`` when they have one but this session
    did not give its code, None when nothing is missing (or it is not required of them).

    A personal access token has no session (``session=False``): only the app is asked for,
    since a token is made from a verified session.
    """
    if not settings.TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS or not is_administrator(user):
        return None
    if session and is_verified(user):
        return None
    if not has_two_factor(user):
        return SET_UP
    return VERIFY if session else None
