"""
Whose sign-in a failure counts against, what a locked-out sign-in is told, and the
administrator's unlock.

django-axes counts wrong passwords per user name *and* client address together
(``AXES_LOCKOUT_PARAMETERS``); after ``AXES_FAILURE_LIMIT`` of them that pair is paused for
``AXES_COOLOFF_TIME``. The "user name" it counts is ``lockout_username`` (the
``AXES_USERNAME_CALLABLE``): the account's own user name whichever identifier was typed,
because sign-in accepts the user name in any case, the e-mail address in any case and the NIP
with or without separators, and a pause on one spelling must hold for all of them. The page
says when to try again; an administrator can lift the pause earlier from the Wagtail admin
(``accounts.admin_views``).
"""

import datetime
import math

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db import transaction
from django.shortcuts import render
from django.utils import timezone

from cms.ratelimit import client_address

from .nip import normalise_nip

# Identifiers already resolved during one request (axes asks several times per sign-in).
_KEYS_ON_REQUEST = "_bimtek_lockout_keys"


def lockout_key(identifier: str) -> str:
    """
    The name failures are counted under for what a person typed to sign in: the user name
    of the account it signs in to (``User.objects.get_by_identifier``), or, when it matches
    no account, the identifier normalised as sign-in would read it (trimmed, lower case, a
    NIP without separators), so that spelling an unknown name differently counts together
    too and reveals nothing about which names exist.
    """
    from django.contrib.auth import get_user_model

    identifier = (identifier or "").strip()
    user = get_user_model().objects.get_by_identifier(identifier)
    if user is not None:
        return user.get_username()
    nip = normalise_nip(identifier)
    return nip if nip.isdigit() else identifier.casefold()


def lockout_username(request, credentials: dict | None = None) -> str | None:
    """
    ``AXES_USERNAME_CALLABLE``: the ``lockout_key`` of the identifier in ``credentials``
    (or the posted form when there are none); None when no identifier was given, as axes
    expects.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        identifier = credentials.get(field)
    else:
        identifier = getattr(request, "data", request.POST).get(field)
    if identifier is None:
        return None
    identifier = str(identifier)
    known = getattr(request, _KEYS_ON_REQUEST, None)
    if known is None:
        known = {}
        setattr(request, _KEYS_ON_REQUEST, known)
    if identifier not in known:
        known[identifier] = lockout_key(identifier)
    return known[identifier]


def locked_attempts():
    """
    The (account, address) pairs that are paused now, most recent first. ``username`` holds
    the ``lockout_key``: an account's user name, or the normalised identifier of no account.
    """
    queryset = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    cool_off = get_cool_off()
    if cool_off:
        queryset = queryset.filter(attempt_time__gte=timezone.now() - cool_off)
    return queryset.order_by("-attempt_time")


def retry_at(attempt_time: datetime.datetime | None) -> datetime.datetime | None:
    """When a pause that began with the last failure at ``attempt_time`` ends."""
    cool_off = get_cool_off()
    if cool_off is None or attempt_time is None:
        return None
    return attempt_time + cool_off


def lockout_response(request, original_response=None, credentials=None):
    """The lock-out page (HTTP 429) with the time sign-in opens again, and ``Retry-After``."""
    username = get_client_username(request, credentials) or ""
    attempt = (
        AccessAttempt.objects.filter(username=username, ip_address=client_address(request))
        .order_by("-attempt_time")
        .first()
    )
    until = retry_at(attempt.attempt_time if attempt else timezone.now())
    seconds = max(0, (until - timezone.now()).total_seconds()) if until else None
    response = render(
        request,
        "accounts/locked_out.html",
        {
            "failure_limit": get_failure_limit(request, credentials),
            "retry_at": until,
            "minutes": math.ceil(seconds / 60) if seconds is not None else None,
        },
        status=429,
    )
    if seconds is not None:
        response["Retry-After"] = str(math.ceil(seconds))
    return response


@transaction.atomic
def unlock_sign_in(*, attempt_id: int, unlocked_by) -> AccessAttempt | None:
    """
    Lift the pause of one (account, address) pair and log who did it; idempotent.

    Returns the removed record, or None when it was already gone.
    """
    from .audit import log_sign_in_unlocked

    attempt = AccessAttempt.objects.select_for_update().filter(pk=attempt_id).first()
    if attempt is None:
        return None
    log_sign_in_unlocked(attempt=attempt, user=unlocked_by)
    AccessAttempt.objects.filter(pk=attempt.pk).delete()
    return attempt
