"""
E-mails to participants about their enrolment, and the reminders the worker sends
(``services/reminders.py``). Services queue them with ``transaction.on_commit`` so that
nothing is sent for a change that was rolled back. New accounts get their invitation from
``accounts.invitations``.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.services import language_for

from .models import BatchSession, Enrolment, ReminderKind

ENROLMENT_EMAILS = {
    "enrolled": "training/email/enrolled",
    "requested": "training/email/enrolment_requested",
    "approved": "training/email/enrolment_approved",
}


def _send(template: str, recipient: str, context: dict, *, language: str = "") -> None:
    if not recipient:
        return
    context = {"site_url": settings.SITE_URL, **context}
    # Participants read the site in Indonesian by default, whatever language the
    # administrator who triggered the e-mail was using.
    with translation.override(language or settings.LANGUAGE_CODE):
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
        participant.email,
        {
            "participant": participant,
            "batch": enrolment.batch,
            "course": course,
            "session": session,
            "open_items": list(open_items),
            "course_url": _absolute_url(course),
            "dashboard_url": settings.SITE_URL + reverse("training:dashboard"),
        },
        language=language_for(participant),
    )
