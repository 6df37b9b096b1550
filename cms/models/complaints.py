"""
Complaint management (pengelola pengaduan): the complaint desk page and the complaints.

A complaint is filed through the public form, anonymously if the reporter wishes, and is
followed by its unguessable tracking code. Who reported it is visible to administrators only.
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from .public_service import TEXT_FEATURES

# No 0/O or 1/I/L, so a code read aloud or typed from paper is not mistaken.
TRACKING_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
TRACKING_CODE_GROUPS = 3
TRACKING_CODE_GROUP_LENGTH = 4


def generate_tracking_code() -> str:
    """A random code like ``K7QM-2XHD-PW9A``: 12 symbols of 31, about 59 bits of chance."""
    symbols = [
        secrets.choice(TRACKING_CODE_ALPHABET)
        for _i in range(TRACKING_CODE_GROUPS * TRACKING_CODE_GROUP_LENGTH)
    ]
    return "-".join(
        "".join(symbols[i : i + TRACKING_CODE_GROUP_LENGTH])
        for i in range(0, len(symbols), TRACKING_CODE_GROUP_LENGTH)
    )


def normalise_tracking_code(value: str) -> str:
    """The canonical form of a typed code: upper case, grouped by dashes; '' if malformed."""
    raw = "".join(ch for ch in str(value or "").upper() if ch.isalnum())
    length = TRACKING_CODE_GROUPS * TRACKING_CODE_GROUP_LENGTH
    if len(raw) != length or any(ch not in TRACKING_CODE_ALPHABET for ch in raw):
        return ""
    return "-".join(
        raw[i : i + TRACKING_CODE_GROUP_LENGTH]
        for i in range(0, length, TRACKING_CODE_GROUP_LENGTH)
    )


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_PROCESS = "in_process", _("In process")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (ComplaintStatus.RECEIVED, ComplaintStatus.IN_PROCESS)


class ComplaintQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: datetime.date | None = None):
        """Open complaints whose due date has passed."""
        today = today or timezone.localdate()
        return self.open().filter(due_date__lt=today)

    def received_between(self, start: datetime.date, end: datetime.date):
        """Complaints received on or after ``start`` and before ``end`` (local dates)."""
        return self.filter(received_at__date__gte=start, received_at__date__lt=end)


class Complaint(models.Model):
    """A complaint, suggestion or report about the training service, from anyone."""

    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True, editable=False)
    submission_key = models.UUIDField(
        _("submission key"),
        unique=True,
        editable=False,
        help_text=_("Makes a form sent twice file one complaint."),
    )
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("complaint"), max_length=5000)
    reporter_name = models.CharField(_("reporter's name"), max_length=200, blank=True)
    reporter_email = models.EmailField(_("reporter's e-mail"), blank=True)
    reporter_phone = models.CharField(_("reporter's phone"), max_length=30, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.RECEIVED,
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_complaints",
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    due_date = models.DateField(_("due date"))
    answer = models.TextField(_("answer"), max_length=5000, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ComplaintQuerySet.as_manager()

    # The steps shown to the reporter, in order.
    STATUS_STEPS = ComplaintStatus.choices

    class Meta:
        ordering = ["due_date", "received_at"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["received_at"]),
        ]

    def __str__(self):
        return f"{self.tracking_code} · {self.subject}"

    @property
    def is_anonymous(self) -> bool:
        return not (self.reporter_name or self.reporter_email or self.reporter_phone)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """Still open after its due date."""
        return self.is_open and (today or timezone.localdate()) > self.due_date

    is_overdue.boolean = True
    is_overdue.short_description = _("overdue")

    @property
    def answered_on_time(self) -> bool | None:
        """Whether the answer came by the due date; ``None`` while unanswered."""
        if self.answered_at is None:
            return None
        return timezone.localdate(self.answered_at) <= self.due_date


class ComplaintsPage(RoutablePageMixin, Page):
    """
    Pengelola pengaduan: how to complain, the public complaint form and the status page.

    Routes: the page itself is the form; ``lacak/`` finds a complaint by its code and
    ``lacak/<code>/`` shows its status.
    """

    introduction = models.TextField(_("introduction"), blank=True)
    channels = RichTextField(
        _("other complaint channels"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("Counter, telephone, letter, SP4N-LAPOR! and the like."),
    )
    privacy_note = models.TextField(_("privacy note"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("channels"),
        FieldPanel("privacy_note"),
    ]

    parent_page_types = ["cms.PublicServiceIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("complaints page")

    @path("")
    def complaint_form(self, request):
        from cms import views

        return views.complaint_form(request, self)

    @path("lacak/")
    def complaint_lookup(self, request):
        from cms import views

        return views.complaint_lookup(request, self)

    @path("lacak/<str:code>/")
    def complaint_status(self, request, code):
        from cms import views

        return views.complaint_status(request, self, code)
