"""
Invitations: the e-mail that a new account made by an administrator (or an import) receives,
with a link to choose a password.

The link carries a token of Django's password-reset kind with its own salt and lifetime
(``ACCOUNT_INVITATION_TIMEOUT_DAYS``). It is single use: the token hashes the password and
the last sign-in, so it stops working once a password is set. Unlike Django's generator,
``link_status`` tells an expired link from a used or altered one, so the page can say which.
"""

import datetime

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode


class LinkStatus(models.TextChoices):
    VALID = "valid"
    EXPIRED = "expired"
    INVALID = "invalid"


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Password-reset tokens with a salt of their own and the invitation's longer lifetime."""

    key_salt = "accounts.invitations.InvitationTokenGenerator"

    @property
    def timeout_seconds(self) -> int:
        return int(
            datetime.timedelta(days=settings.ACCOUNT_INVITATION_TIMEOUT_DAYS).total_seconds()
        )

    def link_status(self, user, token) -> LinkStatus:
        if not (user and token):
            return LinkStatus.INVALID
        try:
            ts_b36, _hash = token.split("-")
            timestamp = base36_to_int(ts_b36)
        except ValueError:
            return LinkStatus.INVALID
        for secret in [self.secret, *self.secret_fallbacks]:
            expected = self._make_token_with_timestamp(user, timestamp, secret)
            if constant_time_compare(expected, token):
                break
        else:
            return LinkStatus.INVALID
        if self._num_seconds(self._now()) - timestamp > self.timeout_seconds:
            return LinkStatus.EXPIRED
        return LinkStatus.VALID

    def check_token(self, user, token):
        return self.link_status(user, token) == LinkStatus.VALID


invitation_token_generator = InvitationTokenGenerator()


def invitation_url(user) -> str:
    """The absolute address of the page where ``user`` chooses a password."""
    path = reverse(
        "accounts:invitation_accept",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL + path


def send_invitation_email(user, *, course: str = "", batch: str = "") -> bool:
    """E-mail ``user`` the invitation in their language; ``False`` without an address."""
    from .services import language_for

    if not user.email:
        return False
    context = {
        "user": user,
        "course": course,
        "batch": batch,
        "days": settings.ACCOUNT_INVITATION_TIMEOUT_DAYS,
        "site_url": settings.SITE_URL,
    }
    with translation.override(language_for(user)):
        # Reversed here, so the link opens the pages in the invitee's language.
        context["url"] = invitation_url(user)
        subject = " ".join(
            render_to_string("accounts/email/invitation_subject.txt", context).split()
        )
        body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(subject, body, None, [user.email])
    return True
