"""
Certificates: who signs them, how they look, how they are numbered, and the issued records.

An issued ``Certificate`` keeps a snapshot of every fact it prints, so later edits of a
profile, a course or a template never change a certificate that already exists.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, PreviewableMixin

from accounts.nip import validate_nip
from cms.private_media import get_private_storage

from .placeholders import PLACEHOLDER_HELP, validate_number_pattern, validate_placeholders

colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB, for example #0b6e4f.")
)


class Signatory(models.Model):
    """An official who signs certificates: name, NIP, position, and a scanned signature."""

    name = models.CharField(_("name with titles"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=18, blank=True, validators=[validate_nip])
    position = models.CharField(
        _("position"), max_length=200, help_text=_("For example Kepala BKPSDM.")
    )
    rank = models.CharField(
        _("rank"), max_length=100, blank=True, help_text=_("For example Pembina Utama Muda.")
    )
    signature_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    stamp_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("stamp image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("nip"), FieldPanel("rank")]),
        FieldPanel("position"),
        FieldRowPanel([FieldPanel("signature_image"), FieldPanel("stamp_image")]),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self):
        return f"{self.name} — {self.position}"


class Orientation(models.TextChoices):
    LANDSCAPE = "landscape", _("A4 landscape")
    PORTRAIT = "portrait", _("A4 portrait")


class CertificateTemplate(PreviewableMixin, ClusterableModel):
    """
    How a certificate looks and reads, and how its numbers are made.

    Texts are plain text with placeholders from a fixed list (see ``placeholders``); they are
    escaped and substituted, never evaluated as template code.
    """

    name = models.CharField(_("name"), max_length=150, unique=True)
    orientation = models.CharField(
        _("page"), max_length=10, choices=Orientation.choices, default=Orientation.LANDSCAPE
    )
    institution_name = models.TextField(
        _("issuing institution"),
        help_text=_("Printed at the top, one line per row, e.g. PEMERINTAH KABUPATEN GORONTALO."),
    )
    title_id = models.CharField(_("title (Indonesian)"), max_length=100, default="SERTIFIKAT")
    title_en = models.CharField(_("title (English)"), max_length=100, default="CERTIFICATE")
    body_id = models.TextField(
        _("text (Indonesian)"), validators=[validate_placeholders], help_text=PLACEHOLDER_HELP
    )
    body_en = models.TextField(
        _("text (English)"), validators=[validate_placeholders], help_text=PLACEHOLDER_HELP
    )
    issue_place = models.CharField(
        _("place of issue"), max_length=100, help_text=_("For example Limboto.")
    )
    number_pattern = models.CharField(
        _("number pattern"),
        max_length=150,
        default="800.2.3/{seq:04d}/BKPSDM/{month_roman}/{year}",
        validators=[validate_number_pattern],
        help_text=_(
            "Use {seq} (or {seq:04d} for leading zeros), {year}, {month}, {month_roman} and "
            "{course_code}. The sequence restarts every year."
        ),
    )
    background_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("background image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("institution logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Left of the heading. Without one, the site logo is used."),
    )
    partner_logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("partner logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Right of the heading, optional."),
    )
    primary_colour = models.CharField(
        _("primary colour"), max_length=7, default="#0b5d3b", validators=[colour_validator]
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default="#b8860b", validators=[colour_validator]
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("orientation")]),
        FieldPanel("institution_name"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("title_id"), FieldPanel("title_en")]),
                FieldPanel("body_id"),
                FieldPanel("body_en"),
                FieldPanel("issue_place"),
            ],
            heading=_("Texts"),
        ),
        FieldPanel("number_pattern"),
        MultiFieldPanel(
            [
                FieldPanel("background_image"),
                FieldRowPanel([FieldPanel("logo"), FieldPanel("partner_logo")]),
                FieldRowPanel([FieldPanel("primary_colour"), FieldPanel("accent_colour")]),
            ],
            heading=_("Design"),
        ),
        InlinePanel(
            "template_signatories",
            label=_("Signatory"),
            heading=_("Signatories"),
            min_num=1,
            max_num=3,
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")

    def __str__(self):
        return self.name

    def get_preview_template(self, request, mode_name):
        return "certificates/certificate_template.html"

    def get_preview_context(self, request, mode_name):
        from .rendering import certificate_html, sample_facts

        context = super().get_preview_context(request, mode_name)
        context["certificate_html"] = certificate_html(
            template=self, facts=sample_facts(template=self), for_screen=True
        )
        return context


class TemplateSignatory(Orderable):
    """One of the one to three signatories of a template, in printing order."""

    template = ParentalKey(
        CertificateTemplate, related_name="template_signatories", on_delete=models.CASCADE
    )
    signatory = models.ForeignKey(
        Signatory, verbose_name=_("signatory"), on_delete=models.PROTECT, related_name="+"
    )
    role_label = models.CharField(
        _("above the name"),
        max_length=150,
        blank=True,
        help_text=_("For example “Kepala BKPSDM Kabupaten Gorontalo,”. Default: the position."),
    )

    panels = [FieldPanel("signatory"), FieldPanel("role_label")]

    class Meta(Orderable.Meta):
        verbose_name = _("template signatory")
        verbose_name_plural = _("template signatories")


class NumberSequence(models.Model):
    """
    The last number used with a number pattern in a year.

    Keyed by the pattern, not the template: two templates that print the same pattern share
    one sequence, so an official number is never given twice. Numbers are taken under a row
    lock (``SELECT … FOR UPDATE``) so that concurrent issues get consecutive numbers.
    """

    pattern = models.CharField(_("number pattern"), max_length=150)
    year = models.PositiveSmallIntegerField(_("year"))
    last_value = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")
        constraints = [
            models.UniqueConstraint(fields=["pattern", "year"], name="one_sequence_per_year")
        ]

    def __str__(self):
        return f"{self.pattern} {self.year}: {self.last_value}"


class IssueMode(models.TextChoices):
    AUTOMATIC = "automatic", _("Automatically when the enrolment is completed")
    APPROVAL = "approval", _("After an administrator's approval")


class Predicate(models.TextChoices):
    """
    The predicate printed on a certificate. Values are the Indonesian words printed in the
    Indonesian sentence; labels are their English wording (translated back for the admin).
    """

    EXCELLENT = "Sangat Memuaskan", _("Excellent")
    VERY_GOOD = "Sangat Baik", _("Very good")
    GOOD = "Baik", _("Good")
    SATISFACTORY = "Cukup", _("Satisfactory")


def predicate_in(value: str, language: str) -> str:
    """A predicate in one language: the Indonesian value, or its English label under ``en``."""
    if language != "en" or value not in Predicate.values:
        return value
    with translation.override("en"):
        return str(Predicate(value).label)


class CourseCertificateSettings(models.Model):
    """
    How a course gives certificates: template, automatic or approved issue, validity.

    Kept here, keyed by the course page, because ``training`` never imports ``certificates``.
    """

    course = models.OneToOneField(
        "training.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="certificate_settings",
    )
    template = models.ForeignKey(
        CertificateTemplate,
        verbose_name=_("certificate template"),
        on_delete=models.PROTECT,
        related_name="course_settings",
    )
    issue_mode = models.CharField(
        _("issue"), max_length=10, choices=IssueMode.choices, default=IssueMode.APPROVAL
    )
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the certificate does not expire."),
    )
    predicate = models.CharField(
        _("default predicate"),
        max_length=50,
        choices=Predicate.choices,
        default=Predicate.GOOD,
        help_text=_("Printed when no grade gives another, in Indonesian and in English."),
    )

    panels = [
        FieldPanel("course"),
        FieldPanel("template"),
        FieldPanel("issue_mode"),
        FieldRowPanel([FieldPanel("validity_months"), FieldPanel("predicate")]),
    ]

    class Meta:
        verbose_name = _("course certificate settings")
        verbose_name_plural = _("course certificate settings")

    def __str__(self):
        return str(self.course)


class CertificateStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")


class RenderStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class CertificateQuerySet(models.QuerySet):
    def issued(self):
        """Certificates that carry a number: valid or revoked, never a pending request."""
        return self.exclude(status=CertificateStatus.PENDING)

    def with_related(self):
        return self.select_related("enrolment__participant", "enrolment__batch__course", "template")


class Certificate(models.Model):
    """
    A certificate earned by one enrolment: its number, public code, printed facts and PDF.

    Revocation never deletes: the record stays, the verification page says revoked. A
    reissue is a new certificate that points to the one it replaces.
    """

    enrolment = models.ForeignKey(
        "training.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    template = models.ForeignKey(
        CertificateTemplate,
        verbose_name=_("template"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CertificateStatus.choices,
        default=CertificateStatus.PENDING,
    )
    code = models.CharField(_("verification code"), max_length=16, unique=True)
    number = models.CharField(_("number"), max_length=150, null=True, blank=True, unique=True)
    sequence_year = models.PositiveSmallIntegerField(_("sequence year"), null=True, blank=True)
    sequence_value = models.PositiveIntegerField(_("sequence number"), null=True, blank=True)
    facts = models.JSONField(
        _("printed facts"), default=dict, blank=True, help_text=_("Snapshot taken at issue.")
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    # Private storage: the PDF prints the full NIP, so only the download views hand it out.
    pdf = models.FileField(
        _("PDF"), upload_to="certificates/%Y/", blank=True, storage=get_private_storage
    )
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    is_signed = models.BooleanField(_("digitally signed"), default=False)
    render_status = models.CharField(
        _("PDF"), max_length=10, choices=RenderStatus.choices, default=RenderStatus.QUEUED
    )
    render_attempts = models.PositiveSmallIntegerField(_("render attempts"), default=0)
    render_error = models.TextField(_("last render error"), blank=True)
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)
    # The outbox mark: when the render task was last handed to the broker. Empty while the
    # broker could not take it; the sweep (``sweep_pending_certificates``) sends it again.
    render_enqueued_at = models.DateTimeField(_("render queued at"), null=True, blank=True)
    notified_at = models.DateTimeField(_("participant notified at"), null=True, blank=True)
    revocation_notified_at = models.DateTimeField(
        _("participant told of the revocation at"), null=True, blank=True
    )
    status_list_index = models.PositiveIntegerField(
        _("status list index"),
        null=True,
        blank=True,
        unique=True,
        help_text=_("Its bit in the published revocation list of the Open Badges credentials."),
    )
    recipient_salt = models.CharField(
        _("recipient salt"),
        max_length=32,
        blank=True,
        help_text=_("Salt of the hashed NIP in the Open Badges credential."),
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-requested_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=~models.Q(status="revoked"),
                name="one_current_certificate_per_enrolment",
                violation_error_message=_("This enrolment already has a certificate."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "issued_at"]),
            # The register's default order: its first page walks this index instead of
            # joining and sorting every certificate.
            models.Index(fields=["-issued_at", "-requested_at"], name="certificate_register_order"),
            # The sweep looks for issued certificates whose PDF is still queued.
            models.Index(
                fields=["render_status", "render_enqueued_at"],
                condition=models.Q(render_status="queued"),
                name="certificate_render_outbox",
            ),
        ]

    def __str__(self):
        return self.number or _("Certificate awaiting approval")

    def get_absolute_url(self):
        return reverse("certificates:verify", kwargs={"code": self.code})

    def clean(self):
        if self.status == CertificateStatus.REVOKED and not self.revocation_reason.strip():
            raise ValidationError({"revocation_reason": _("Give the reason for revoking.")})

    @property
    def verification_url(self) -> str:
        return f"{settings.SITE_URL}/v/{self.code}"

    @property
    def participant(self):
        return self.enrolment.participant

    # Register columns read the snapshot, so the register shows what was printed; a
    # certificate awaiting approval has none yet and shows the live enrolment.
    def _fact(self, group, key, live):
        if self.facts:
            return self.facts[group][key]
        return live()

    @property
    def participant_name(self):
        return self._fact("participant", "name", lambda: self.participant.get_full_name())

    @property
    def participant_nip(self):
        return self._fact("participant", "nip", lambda: self.participant.nip or "")

    @property
    def participant_rank(self):
        return self._fact("participant", "rank", lambda: self.participant.rank)

    @property
    def participant_position(self):
        return self._fact("participant", "position", lambda: self.participant.position)

    @property
    def participant_agency(self):
        return self._fact("participant", "agency", lambda: str(self.participant.agency or ""))

    @property
    def course_title(self):
        return self._fact("course", "title", lambda: self.enrolment.batch.course.title)

    @property
    def course_code(self):
        return self._fact("course", "code", lambda: self.enrolment.batch.course.code)

    @property
    def batch_name(self):
        return self._fact("batch", "name", lambda: self.enrolment.batch.name)

    @property
    def jp(self):
        return self._fact("course", "jp", lambda: str(self.enrolment.batch.course.jp))


class BatchJobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")


class CertificateBatchJob(models.Model):
    """
    One administrator's request to issue the certificates of a whole batch, with progress.

    Workers count each certificate as done or failed; the admin page reads the counters. The
    job is its own outbox: it keeps the enrolments still to be issued and when its task was
    last handed to the broker, so the sweep can send it again after a broker outage or a
    worker lost in the middle of it.
    """

    batch = models.ForeignKey(
        "training.Batch",
        verbose_name=_("batch"),
        on_delete=models.CASCADE,
        related_name="certificate_jobs",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=BatchJobStatus.choices, default=BatchJobStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("total"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    failures = models.JSONField(_("failures"), default=dict, blank=True)
    # Enrolment ids of the current run (all completed enrolments, or the failed ones on a
    # retry) and the ones counted done, so that a rerun never counts one twice.
    enrolment_ids = models.JSONField(_("enrolments to issue"), default=list, blank=True)
    done_enrolment_ids = models.JSONField(_("enrolments done"), default=list, blank=True)
    enqueued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last progress"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("batch issue")
        verbose_name_plural = _("batch issues")

    def __str__(self):
        # In WITA, like every time the site shows.
        return f"{self.batch} ({timezone.localtime(self.created_at):%d/%m/%Y %H:%M})"

    @property
    def percent(self) -> int:
        return round(100 * (self.done + self.failed) / self.total) if self.total else 100


class StatusList(models.Model):
    """
    A published W3C Bitstring Status List: one bit per issued certificate, set on revocation.

    Indexes are handed out in order under a row lock (``SELECT … FOR UPDATE``), so two
    certificates never share a bit. The list is published at 131,072 bits (16 KiB, the
    specification's minimum for group privacy) or a multiple of that once more are used.
    """

    purpose = models.CharField(_("purpose"), max_length=20, unique=True)
    next_index = models.PositiveIntegerField(_("next free index"), default=0)

    class Meta:
        verbose_name = _("status list")
        verbose_name_plural = _("status lists")

    def __str__(self):
        return self.purpose
