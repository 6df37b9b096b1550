"""
E-mails to participants about their enrolment, and the invitation that new accounts from an
import receive. Services queue them with ``transaction.on_commit`` so that nothing is sent
for a change that was rolled back.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import Enrolment

ENROLMENT_EMAILS = {
    "enrolled": "training/email/enrolled",
    "requested": "training/email/enrolment_requested",
    "approved": "training/email/enrolment_approved",
}


def _send(template: str, recipient: str, context: dict) -> None:
    if not recipient:
        return
    context = {"site_url": settings.SITE_URL, **context}
    # Participants read the site in Indonesian by default, whatever language the
    # administrator who triggered the e-mail was using.
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    send_mail(subject, body, None, [recipient])


def send_enrolment_email(enrolment_id: int, kind: str) -> None:
    """Tell a participant that they are enrolled, that approval is pending, or approved."""
    enrolment = Enrolment.objects.select_related("batch__course", "participant").get(
        pk=enrolment_id
    )
    _send(
        ENROLMENT_EMAILS[kind],
        enrolment.participant.email,
        {
            "enrolment": enrolment,
            "participant": enrolment.participant,
            "batch": enrolment.batch,
            "course": enrolment.batch.course,
            "dashboard_url": settings.SITE_URL + reverse("training:dashboard"),
        },
    )


def send_invitation_email(user, batch) -> None:
    """Invite a new account to choose a password (the link of a password reset)."""
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    _send(
        "training/email/invitation",
        user.email,
        {
            "participant": user,
            "batch": batch,
            "course": batch.course,
            "url": settings.SITE_URL + path,
        },
    )
