"""
Services of the site: publishing pages and their translations idempotently, and the
public-service actions: filing, assigning, answering and closing complaints, and
recording satisfaction-survey responses.
"""

import datetime
import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, Locale, Page

from .models import Complaint, ComplaintStatus, ServiceStandardPage, SurveyResponse
from .models.complaints import generate_tracking_code
from .permissions import can_manage_complaints
from .survey import ELEMENT_CODES, SurveyPeriod


@transaction.atomic
def ensure_tree_roots() -> Page:
    """
    Make sure the rows Wagtail's migrations create exist: default locale, root page, root
    collection. They are missing after `manage.py flush` (and after a transactional test),
    and every page and image hangs off them. Returns the root page.
    """
    # After a flush the cached content types point at rows that no longer exist.
    ContentType.objects.clear_cache()
    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(
            instance=Page(
                title="Root",
                slug="root",
                content_type=ContentType.objects.get_for_model(Page),
                locale=locale,
            )
        )
    return root


@transaction.atomic
def publish_page(*, parent: Page, page_class, slug: str, tags=None, **fields) -> Page:
    """
    Create the page under ``parent`` or update the existing one with that slug, and publish it.

    ``tags`` (a list of names) replaces the page's tags when the page type has them. Used by
    the demo seeding and by data imports, so running them twice changes nothing.
    """
    page = page_class.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = page_class(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    if tags is not None:
        page.tags.set(tags)
    page.save_revision().publish()
    # Publishing saves a copy built from the revision; reload so that callers adding
    # children see the saved slug and URL path.
    page.refresh_from_db()
    return page


@transaction.atomic
def publish_translation(*, page: Page, language_code: str, tags=None, **fields) -> Page:
    """
    Create (or update) the translation of ``page`` into a language and publish it.

    The translation is created the way the admin's "Translate" action does, so Wagtail keeps
    the two pages linked by their translation key. ``tags`` replaces the translation's tags.
    """
    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
    translation = translation.specific
    for name, value in fields.items():
        setattr(translation, name, value)
    if tags is not None:
        translation.tags.set(tags)
    translation.save_revision().publish()
    # Publishing saves a copy built from the revision; reload so that callers adding
    # children see the saved slug and URL path.
    translation.refresh_from_db()
    return translation


# --- Complaints --------------------------------------------------------------------------

DEFAULT_COMPLAINT_RESPONSE_DAYS = 14


def _complaint_response_days() -> int:
    """The response time the live service standard promises, or the default without one."""
    days = (
        ServiceStandardPage.objects.live()
        .order_by("pk")
        .values_list("complaint_response_days", flat=True)
        .first()
    )
    return days or DEFAULT_COMPLAINT_RESPONSE_DAYS


@transaction.atomic
def file_complaint(
    *,
    submission_key: uuid.UUID,
    subject: str,
    message: str,
    reporter_name: str = "",
    reporter_email: str = "",
    reporter_phone: str = "",
    received_at: datetime.datetime | None = None,
    response_days: int | None = None,
) -> Complaint:
    """
    Record a complaint with a fresh tracking code and a due date from the service standard.

    The submission key comes from the form the reporter filled in, so sending it twice (a
    double click, a reload) files one complaint and returns the same tracking code.
    """
    existing = Complaint.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return existing
    received_at = received_at or timezone.now()
    days = response_days if response_days is not None else _complaint_response_days()
    complaint = Complaint(
        submission_key=submission_key,
        subject=subject.strip(),
        message=message.strip(),
        reporter_name=reporter_name.strip(),
        reporter_email=reporter_email.strip(),
        reporter_phone=reporter_phone.strip(),
        received_at=received_at,
        due_date=timezone.localdate(received_at) + datetime.timedelta(days=days),
    )
    while True:
        complaint.tracking_code = generate_tracking_code()
        if not Complaint.objects.filter(tracking_code=complaint.tracking_code).exists():
            break
    # The submission key's uniqueness is settled by the insert (``_save_once``): checked here
    # first, the second of two simultaneous sends would be refused instead of answered.
    complaint.full_clean(exclude=["submission_key"])
    return _save_once(complaint)


def _save_once(instance):
    """
    Insert a row keyed by its submission key; when the same form arrives twice at once, the
    second insert hits the unique key and returns the row the first one made.
    """
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        existing = type(instance).objects.filter(submission_key=instance.submission_key).first()
        if existing is None:
            raise
        return existing
    return instance


def _require_not_closed(complaint: Complaint) -> None:
    if complaint.status == ComplaintStatus.CLOSED:
        raise ValidationError(_("This complaint is closed and can no longer be changed."))


@transaction.atomic
def assign_complaint(*, complaint: Complaint, assignee) -> Complaint:
    """Hand the complaint to an administrator; a received complaint is then in process."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    changed = []
    if complaint.assigned_to_id != (assignee.pk if assignee else None):
        complaint.assigned_to = assignee
        changed.append("assigned_to")
    if assignee is not None and complaint.status == ComplaintStatus.RECEIVED:
        complaint.status = ComplaintStatus.IN_PROCESS
        changed.append("status")
    if not changed:
        return complaint
    _require_not_closed(complaint)
    if assignee is not None and not can_manage_complaints(assignee):
        raise ValidationError({"assigned_to": _("Only administrators can handle complaints.")})
    complaint.full_clean()
    complaint.save(update_fields=[*changed, "updated_at"])
    return complaint


@transaction.atomic
def answer_complaint(*, complaint: Complaint, answer: str, answered_by, at=None) -> Complaint:
    """
    Publish the answer the reporter sees on the status page.

    The first answer fixes the time that decides "answered on time"; correcting the text
    later keeps that time. The same answer twice changes nothing.
    """
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer before sending it.")})
    if complaint.answered_at is not None and complaint.answer == answer:
        return complaint
    _require_not_closed(complaint)
    complaint.answer = answer
    complaint.status = ComplaintStatus.ANSWERED
    complaint.answered_by = complaint.answered_by or answered_by
    complaint.answered_at = complaint.answered_at or at or timezone.now()
    if complaint.assigned_to_id is None:
        complaint.assigned_to = answered_by
    complaint.full_clean()
    complaint.save()
    return complaint


@transaction.atomic
def close_complaint(*, complaint: Complaint, at=None) -> Complaint:
    """Close a complaint: after its answer, or at once when it is spam or a duplicate."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.status == ComplaintStatus.CLOSED:
        return complaint
    complaint.status = ComplaintStatus.CLOSED
    complaint.closed_at = at or timezone.now()
    complaint.full_clean()
    complaint.save(update_fields=["status", "closed_at", "updated_at"])
    return complaint


# --- Satisfaction survey -----------------------------------------------------------------


@transaction.atomic
def submit_survey_response(
    *,
    submission_key: uuid.UUID,
    scores: dict[str, int],
    gender: str,
    age: int,
    education: str,
    occupation: str,
    service_received: str = "",
    suggestion: str = "",
    submitted_at: datetime.datetime | None = None,
) -> SurveyResponse:
    """
    Record one respondent's answers in the period of the day they were given.

    ``scores`` maps every element code (u1 … u9) to a score from 1 to 4. A form sent twice
    is recorded once.
    """
    existing = SurveyResponse.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return existing
    missing = set(ELEMENT_CODES) - set(scores)
    if missing:
        raise ValidationError(_("Every element of the survey needs a score."))
    submitted_at = submitted_at or timezone.now()
    response = SurveyResponse(
        submission_key=submission_key,
        submitted_at=submitted_at,
        period=SurveyPeriod.containing(timezone.localdate(submitted_at)).code,
        gender=gender,
        age=age,
        education=education,
        occupation=occupation,
        service_received=service_received.strip(),
        suggestion=suggestion.strip(),
        **{code: scores[code] for code in ELEMENT_CODES},
    )
    response.full_clean(exclude=["submission_key"])  # settled by the insert, as above
    return _save_once(response)
