"""
E-mails to participants about their enrolment, and the reminders the worker sends
(``services/reminders.py``). Services queue them with ``transaction.on_commit`` so that
nothing is sent for a change that was rolled back. New accounts get their invitation from
``accounts.invitations``.
"""

import copy

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.services import language_for

from .models import BatchSession, Enrolment, ReminderKind
from .translations import translate_record

ENROLMENT_EMAILS = {
    "enrolled": "training/email/enrolled",
    "requested": "training/email/enrolment_requested",
    "approved": "training/email/enrolment_approved",
}


def _send(template: str, recipient, context: dict) -> None:
    """
    Render and send one e-mail to a user in their preferred language, whatever language the
    administrator who triggered it was using; batch names in that language where translated.
    """
    if not recipient.email:
        return
    language = language_for(recipient)
    with translation.override(language):
        # Addresses are callables, reversed here under the recipient's language prefix.
        # A copy: the caller's batch may go to the next recipient in another language.
        if context.get("batch") is not None:
            context["batch"] = translate_record(copy.copy(context["batch"]))
        if context.get("course") is not None:
            context["course"] = context["course"].localized
        context = {"site_url": settings.SITE_URL, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    send_mail(subject, body, None, [recipient.email])


def send_enrolment_email(enrolment_id: int, kind: str) -> None:
    """Tell a participant that they are enrolled, that approval is pending, or approved."""
    enrolment = Enrolment.objects.select_related("batch__course", "participant").get(
        pk=enrolment_id
    )
    _send(
        ENROLMENT_EMAILS[kind],
        enrolment.participant,
        {
            "enrolment": enrolment,
            "participant": enrolment.participant,
            "batch": enrolment.batch,
            "course": enrolment.batch.course,
            "dashboard_url": lambda: settings.SITE_URL + reverse("training:dashboard"),
        },
    )


def _absolute_url(page) -> str:
    url = page.get_url() or ""
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


REMINDER_EMAILS = {
    ReminderKind.SESSION_TOMORROW: "training/email/reminder_session",
    ReminderKind.ASSESSMENT_OPEN: "training/email/reminder_assessment",
    ReminderKind.COURSE_UNFINISHED: "training/email/reminder_unfinished",
}


def send_reminder_email(
    *, enrolment: Enrolment, kind: str, session: BatchSession | None = None, open_items=()
) -> None:
    """One reminder (``training.services.reminders``), in the participant's language."""
    participant = enrolment.participant
    course = enrolment.batch.course
    _send(
        REMINDER_EMAILS[kind],
        participant,
        {
            "participant": participant,
            "batch": enrolment.batch,
            "course": course,
            "session": session,
            "open_items": list(open_items),
            # Callables: reversed in the participant's language (``_send``).
            "course_url": lambda: _absolute_url(course.localized),
            "dashboard_url": lambda: settings.SITE_URL + reverse("training:dashboard"),
        },
    )
