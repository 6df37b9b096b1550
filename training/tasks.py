"""Celery tasks of the training app: thin wrappers that call services."""

from celery import shared_task

from training.services import close_expired_attempts


@shared_task(name="training.close_expired_attempts")
def close_expired_attempts_task() -> int:
    """Close and grade every attempt left open past its deadline (run every minute by beat)."""
    return close_expired_attempts()
