"""Celery tasks of the training app: thin wrappers that call services."""

import logging

from celery import shared_task

from training.services import (
    close_expired_attempts,
    send_assessment_reminders,
    send_completion_reminders,
    send_pending_statements,
    send_session_reminders,
)
from training.xapi import LrsUnavailable

logger = logging.getLogger(__name__)

#: Backoff of the LRS delivery: 30 s, 1 min, 2 min … capped at one hour between tries.
XAPI_RETRY_BASE_SECONDS = 30
XAPI_RETRY_CAP_SECONDS = 3600
XAPI_MAX_RETRIES = 12


@shared_task(name="training.close_expired_attempts")
def close_expired_attempts_task() -> int:
    """Close and grade every attempt left open past its deadline (run every minute by beat)."""
    return close_expired_attempts()


@shared_task(
    bind=True, name="training.send_xapi_statements", max_retries=XAPI_MAX_RETRIES, acks_late=True
)
def send_xapi_statements(self) -> int:
    """
    Send the pending xAPI statements to the learning record store, retried with backoff.

    Statements that do not get through stay pending, so giving up loses nothing: the next
    statement and the periodic run (beat) send them once the store is back.
    """
    try:
        return send_pending_statements()
    except LrsUnavailable as error:
        if self.request.is_eager or self.request.retries >= self.max_retries:
            # Embedded mode has no worker to retry later; the statements wait for the next run.
            logger.warning("xAPI statements left pending: %s", error)
            return 0
        countdown = min(XAPI_RETRY_CAP_SECONDS, XAPI_RETRY_BASE_SECONDS * 2**self.request.retries)
        raise self.retry(exc=error, countdown=countdown) from error


@shared_task(name="training.send_session_reminders", ignore_result=True)
def send_session_reminders_task() -> int:
    """Remind participants of tomorrow's sessions (run hourly by beat; each sent once)."""
    return send_session_reminders()


@shared_task(name="training.send_assessment_reminders", ignore_result=True)
def send_assessment_reminders_task() -> int:
    """Remind participants of an open post-test or evaluation as their batch ends."""
    return send_assessment_reminders()


@shared_task(name="training.send_completion_reminders", ignore_result=True)
def send_completion_reminders_task() -> int:
    """Remind participants of a course not finished as their batch ends."""
    return send_completion_reminders()
