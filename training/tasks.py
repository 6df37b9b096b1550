"""Celery tasks of the training app: thin wrappers that call services."""

import logging

from celery import shared_task

from bimtek.celery import TRANSIENT_ERRORS, backoff_seconds
from training.models import ParticipantImport
from training.services import (
    close_expired_attempts,
    run_participant_import,
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


@shared_task(
    bind=True,
    name="training.run_participant_import",
    max_retries=5,
    soft_time_limit=10 * 60,
    time_limit=11 * 60,
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
)
def run_participant_import_task(self, import_id: int) -> str:
    """
    Import a confirmed participant list, chunk by chunk, and send its e-mails from here.

    Safe to run twice: each chunk is one transaction that records the rows it did, and a
    rerun goes on from the first row not yet done. A failure is recorded on the import (its
    page shows it, with a button to try again); transient ones are retried with backoff.
    """
    participant_import = ParticipantImport.objects.filter(pk=import_id).first()
    if participant_import is None:
        logger.warning("Participant import %s no longer exists", import_id)
        return "missing"
    try:
        run_participant_import(participant_import=participant_import)
    except TRANSIENT_ERRORS as error:
        if self.request.is_eager or self.request.retries >= self.max_retries:
            logger.exception("Participant import %s stopped", import_id)
            return "failed"
        raise self.retry(exc=error, countdown=backoff_seconds(self.request.retries, 10)) from error
    except Exception:
        # Recorded on the import by the service; the same rows would fail the same way.
        logger.exception("Participant import %s stopped", import_id)
        return "failed"
    return "done"


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
