"""Celery tasks of the accounts app: thin wrappers that call services."""

from celery import shared_task

from bimtek.celery import TRANSIENT_ERRORS, backoff_seconds


@shared_task(bind=True, name="accounts.send_invitation", max_retries=5, acks_late=True)
def send_invitation_task(self, user_id: int, course: str = "", batch: str = "") -> bool:
    """E-mail a new account its link to choose a password (retried while mail is down)."""
    from .invitations import send_invitation_email
    from .models import User

    user = User.objects.filter(pk=user_id).first()
    if user is None or user.has_usable_password() and user.last_login:
        # Deleted since, or already in use: nothing to invite to.
        return False
    try:
        return send_invitation_email(user, course=course, batch=batch)
    except TRANSIENT_ERRORS as error:
        if self.request.is_eager:
            raise
        raise self.retry(exc=error, countdown=backoff_seconds(self.request.retries, 30)) from error
