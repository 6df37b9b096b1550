"""
Enrolment services: enrol, approve, reject and withdraw, with the batch's capacity held, and
an administrator's override of an enrolment's status (with a reason, in the audit log).
"""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..audit import log_enrolment_status_change
from ..emails import send_enrolment_email
from ..models import Batch, BatchStatus, Enrolment, EnrolmentPolicy, EnrolmentStatus
from ..models.batches import SEAT_HOLDING_STATUSES
from ..signals import enrolment_completed


class EnrolmentError(ValidationError):
    """An enrolment change that the rules of the batch do not allow; the message says why."""


def _lock_batch(batch: Batch) -> Batch:
    # The row lock serialises every enrolment into the same batch, so two requests for the
    # last place cannot both see it free (PostgreSQL; SQLite serialises writers anyway).
    # ``all_locales``: the default manager joins the locale, whose row FOR UPDATE would lock.
    return Batch.all_locales.select_for_update().select_related("course").get(pk=batch.pk)


def _places_taken(batch: Batch, *, excluding: Enrolment | None = None) -> int:
    enrolments = batch.enrolments.filter(status__in=SEAT_HOLDING_STATUSES)
    if excluding is not None and excluding.pk:
        enrolments = enrolments.exclude(pk=excluding.pk)
    return enrolments.count()


def _check_capacity(batch: Batch, *, excluding: Enrolment | None = None) -> None:
    if batch.capacity is not None and _places_taken(batch, excluding=excluding) >= batch.capacity:
        raise EnrolmentError(_("This batch is full."), code="full")


def _queue_email(enrolment: Enrolment, kind: str) -> None:
    transaction.on_commit(partial(send_enrolment_email, enrolment.pk, kind))


@transaction.atomic
def enrol_participant(
    *,
    batch: Batch,
    participant,
    enrolled_by=None,
    as_administrator: bool = False,
    notify: bool = True,
) -> Enrolment:
    """
    Enrol a participant in a batch, by themselves or by an administrator (``enrolled_by``).

    A participant enrolling themselves needs an open batch inside its enrolment window; in a
    batch that needs approval the enrolment waits as pending. An administrator enrols
    directly in any batch that is not finished or cancelled. Capacity holds either way.
    Calling it again for an enrolment that still holds a place returns it unchanged.
    ``as_administrator`` takes the administrator's path without a user (the import command);
    ``notify=False`` leaves the e-mail to the caller (an import sends an invitation instead).
    """
    batch = _lock_batch(batch)
    enrolment = Enrolment.objects.filter(batch=batch, participant=participant).first()
    if enrolment is not None and enrolment.status in SEAT_HOLDING_STATUSES:
        return enrolment
    by_administrator = as_administrator or (enrolled_by is not None and enrolled_by != participant)
    if by_administrator:
        if batch.status in (BatchStatus.FINISHED, BatchStatus.CANCELLED):
            raise EnrolmentError(
                _("This batch is finished or cancelled; nobody can be enrolled."), code="closed"
            )
        status = EnrolmentStatus.ACTIVE
    else:
        if batch.enrolment_policy == EnrolmentPolicy.INVITATION:
            raise EnrolmentError(
                _("This batch is by invitation only; contact the organiser."), code="invitation"
            )
        if not batch.is_enrolment_open():
            raise EnrolmentError(_("Enrolment in this batch is not open."), code="closed")
        if enrolment is not None and enrolment.status == EnrolmentStatus.REJECTED:
            raise EnrolmentError(
                _("Your enrolment in this batch was not approved; contact the organiser."),
                code="rejected",
            )
        status = (
            EnrolmentStatus.PENDING
            if batch.enrolment_policy == EnrolmentPolicy.APPROVAL
            else EnrolmentStatus.ACTIVE
        )
    _check_capacity(batch)
    if enrolment is None:
        enrolment = Enrolment(batch=batch, participant=participant)
    enrolment.status = status
    enrolment.enrolled_by = enrolled_by if by_administrator and enrolled_by else None
    enrolment.enrolled_at = timezone.now()
    enrolment.withdrawn_at = None
    enrolment.decided_at = timezone.now() if by_administrator else None
    enrolment.decided_by = enrolled_by if by_administrator else None
    enrolment.full_clean(validate_unique=False)
    enrolment.save()
    if notify:
        _queue_email(enrolment, "requested" if status == EnrolmentStatus.PENDING else "enrolled")
    return enrolment


@transaction.atomic
def approve_enrolment(*, enrolment: Enrolment, decided_by) -> Enrolment:
    """Approve a pending enrolment; approving an active or completed one changes nothing."""
    _lock_batch(enrolment.batch)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status in (EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED):
        return enrolment
    if enrolment.status != EnrolmentStatus.PENDING:
        # A withdrawn or rejected enrolment gives its place back; taking it again needs one.
        _check_capacity(enrolment.batch, excluding=enrolment)
    enrolment.status = EnrolmentStatus.ACTIVE
    enrolment.decided_at = timezone.now()
    enrolment.decided_by = decided_by
    enrolment.withdrawn_at = None
    enrolment.full_clean(validate_unique=False)
    enrolment.save()
    _queue_email(enrolment, "approved")
    return enrolment


@transaction.atomic
def reject_enrolment(*, enrolment: Enrolment, decided_by) -> Enrolment:
    """Reject a pending enrolment, which frees its place; rejecting twice changes nothing."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status == EnrolmentStatus.REJECTED:
        return enrolment
    if enrolment.status != EnrolmentStatus.PENDING:
        raise EnrolmentError(
            _("Only an enrolment that waits for approval can be rejected."), code="not_pending"
        )
    enrolment.status = EnrolmentStatus.REJECTED
    enrolment.decided_at = timezone.now()
    enrolment.decided_by = decided_by
    enrolment.full_clean(validate_unique=False)
    enrolment.save()
    return enrolment


@transaction.atomic
def withdraw_enrolment(*, enrolment: Enrolment) -> Enrolment:
    """
    Withdraw from a batch, freeing the place; progress is kept should the participant come
    back. A completed enrolment cannot be withdrawn: its JP and certificate stand.
    """
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status == EnrolmentStatus.WITHDRAWN:
        return enrolment
    if enrolment.status not in (EnrolmentStatus.PENDING, EnrolmentStatus.ACTIVE):
        raise EnrolmentError(
            _("A completed or rejected enrolment cannot be withdrawn."), code="not_withdrawable"
        )
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.withdrawn_at = timezone.now()
    enrolment.full_clean(validate_unique=False)
    enrolment.save()
    return enrolment


#: The statuses an administrator may set by hand; pending and rejected belong to approval.
OVERRIDE_STATUSES = (EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED, EnrolmentStatus.WITHDRAWN)


@transaction.atomic
def change_enrolment_status(
    *, enrolment: Enrolment, status: str, reason: str, changed_by
) -> Enrolment:
    """
    An administrator's override: complete an enrolment by hand (e.g. the participant did the
    course on paper), take a withdrawal back, or withdraw someone, with a mandatory reason
    recorded in the audit log. Setting the status it already has changes and logs nothing.

    Completing sends ``enrolment_completed`` after the commit, as the completion rule does
    (the certificate follows the course's settings). An enrolment that takes a place again
    needs a free one; a completed enrolment with a valid certificate keeps its status until
    the certificate is revoked, so that no valid certificate stands for an unfinished course.
    """
    reason = " ".join((reason or "").split())
    if not reason:
        raise EnrolmentError(_("Give the reason for the change."), code="reason")
    if status not in OVERRIDE_STATUSES:
        raise EnrolmentError(
            _("An enrolment can be set to active, completed or withdrawn only."), code="status"
        )
    batch = _lock_batch(enrolment.batch)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    previous = enrolment.status
    if previous == status:
        return enrolment
    if (
        previous == EnrolmentStatus.COMPLETED
        and enrolment.certificates.filter(status="valid").exists()
    ):
        raise EnrolmentError(
            _("This enrolment has a valid certificate; revoke the certificate first."),
            code="certificate",
        )
    if status != EnrolmentStatus.WITHDRAWN and previous not in SEAT_HOLDING_STATUSES:
        _check_capacity(batch, excluding=enrolment)
    now = timezone.now()
    enrolment.status = status
    enrolment.completed_at = now if status == EnrolmentStatus.COMPLETED else None
    enrolment.withdrawn_at = now if status == EnrolmentStatus.WITHDRAWN else None
    enrolment.full_clean(validate_unique=False)
    enrolment.save(update_fields=["status", "completed_at", "withdrawn_at"])
    log_enrolment_status_change(
        enrolment=enrolment, previous_status=previous, reason=reason, user=changed_by
    )
    if status == EnrolmentStatus.COMPLETED:
        transaction.on_commit(
            partial(enrolment_completed.send, sender=Enrolment, enrolment=enrolment)
        )
    return enrolment


@transaction.atomic
def upsert_batch(*, course, name: str, **fields) -> Batch:
    """Create the batch of a course with this name, or bring it up to date; safe twice."""
    batch = Batch.objects.filter(course=course, name=name).first() or Batch(
        course=course, name=name
    )
    for field_name, value in fields.items():
        setattr(batch, field_name, value)
    batch.full_clean()
    batch.save()
    return batch
