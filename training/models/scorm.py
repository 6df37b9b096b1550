"""
SCORM packages in lessons: the validated, extracted package and each participant's run-time
(CMI) data per SCO.

A package's files live in the private storage (``cms.private_media``) under
``scorm/<folder>/`` and are served only through the checked content view; the folder name is
never shown to anyone.
"""

import uuid

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _


class ScormVersion(models.TextChoices):
    SCORM_12 = "1.2", _("SCORM 1.2")
    SCORM_2004_2 = "2004-2", _("SCORM 2004 2nd edition")
    SCORM_2004_3 = "2004-3", _("SCORM 2004 3rd edition")
    SCORM_2004_4 = "2004-4", _("SCORM 2004 4th edition")


class ScormNoApiCompletion(models.TextChoices):
    """
    What an item launched and left without a single call to the runtime's API counts as.

    SCORM 2004's default (``completionSetByContent="false"``) has the LMS decide completion
    when the content reports none: such an item is completed. A package whose items must not
    count merely for being opened lets the participant mark the lesson done instead, so the
    lesson can always be completed.
    """

    COMPLETED = "completed", _("Completed once opened and left (SCORM 2004 default)")
    MARK_DONE = "mark_done", _("Not counted: the participant marks the lesson done")


class ScormPackage(models.Model):
    """
    A SCORM package uploaded by a trainer: its manifest summary and its extracted files.

    ``items`` is the organisation's item tree flattened in order: each item has
    ``identifier``, ``title``, ``depth``, ``launch`` (empty for a heading) and ``sco``.
    ``files`` lists every file of the package; the content view serves nothing else.
    ``sequencing`` is the SCORM 2004 navigation the player follows (``choice``, ``flow``,
    ``forward_only``) and the sequencing elements it set aside (``unsupported``).
    """

    title = models.CharField(_("title"), max_length=255)
    identifier = models.CharField(_("manifest identifier"), max_length=255, blank=True)
    version = models.CharField(_("SCORM version"), max_length=10, choices=ScormVersion.choices)
    folder = models.UUIDField(_("storage folder"), default=uuid.uuid4, unique=True, editable=False)
    file_name = models.CharField(_("uploaded file"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256 of the ZIP"), max_length=64, db_index=True, editable=False)
    size_bytes = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    file_count = models.PositiveIntegerField(_("number of files"), default=0)
    completion_without_api = models.CharField(
        _("items that never call the SCORM API"),
        max_length=20,
        choices=ScormNoApiCompletion.choices,
        default=ScormNoApiCompletion.COMPLETED,
        help_text=_(
            "Some packages hold pages that never report to the platform. By default such an "
            "item counts as completed once it has been opened and left, as SCORM 2004 says."
        ),
    )
    items = models.JSONField(_("items"), default=list, editable=False)
    files = models.JSONField(_("files"), default=list, editable=False)
    sequencing = models.JSONField(_("navigation"), default=dict, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Others who uploaded the same ZIP later: the import returns the package made the first
    # time, and holding the same file lets them choose it for their own lessons.
    also_uploaded_by = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("also uploaded by"),
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("SCORM package")
        verbose_name_plural = _("SCORM packages")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.title} ({self.get_version_display()})"

    @property
    def is_scorm_2004(self) -> bool:
        return self.version != ScormVersion.SCORM_12

    @property
    def launchable_items(self) -> list[dict]:
        """The items a participant can open, in the order of the organisation."""
        return [item for item in self.items if item.get("launch")]

    @property
    def has_scos(self) -> bool:
        """Whether the package reports progress itself (at least one SCO)."""
        return any(item.get("sco") for item in self.items)

    @property
    def navigation(self) -> dict:
        """The navigation the player follows: choice from the menu unless the package says
        otherwise (SCORM 1.2 packages and packages without sequencing)."""
        sequencing = self.sequencing or {}
        return {
            "choice": sequencing.get("choice", True),
            "flow": sequencing.get("flow", False),
            "forward_only": sequencing.get("forward_only", False),
            "unsupported": sequencing.get("unsupported", []),
        }

    @admin.display(description=_("navigation"))
    def navigation_summary(self) -> str:
        """How participants move between the items, and what the player set aside."""
        navigation = self.navigation
        modes = []
        if navigation["choice"]:
            modes.append(str(_("menu")))
        if navigation["flow"]:
            modes.append(
                str(_("continue only") if navigation["forward_only"] else _("continue/previous"))
            )
        summary = ", ".join(modes) or str(_("menu"))
        if navigation["unsupported"]:
            summary = str(
                _("menu (sequencing not supported: %(elements)s)")
                % {"elements": ", ".join(navigation["unsupported"])}
            )
        return summary

    @property
    def completes_lesson(self) -> bool:
        """
        Whether the package's own progress completes the lesson (its SCOs, or their being
        opened and left): if not, the participant marks the lesson done by hand.
        """
        return self.has_scos and self.completion_without_api == ScormNoApiCompletion.COMPLETED

    def item(self, identifier: str) -> dict | None:
        return next(
            (item for item in self.launchable_items if item["identifier"] == identifier), None
        )

    def storage_name(self, path: str) -> str:
        """The private storage's name of one file of the package (``path`` already checked)."""
        return f"scorm/{self.folder}/{path}"


class ScormStatus(models.TextChoices):
    """One SCO's status for a participant, 1.2 and 2004 statuses folded together."""

    NOT_ATTEMPTED = "not_attempted", _("Not attempted")
    INCOMPLETE = "incomplete", _("Incomplete")
    COMPLETED = "completed", _("Completed")
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")
    # An asset (a file, no SCO) that has been opened, or a SCO left without calling the API
    # in a package whose such items are not counted.
    VIEWED = "viewed", _("Viewed")


class ScormProgress(models.Model):
    """
    One participant's run-time data for one SCO of a package, within one enrolment.

    The last committed CMI object is kept whole in ``cmi``; the fields the platform reads
    (status, score, bookmark, suspend data, time) are kept beside it. Time is accumulated
    per launch in ``sessions`` (``{launch key: {"seconds": n, "sequence": m}}``): a repeated
    commit overwrites its own launch's time, and two tabs never count each other's time.
    """

    enrolment = models.ForeignKey(
        "training.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="scorm_progress",
    )
    package = models.ForeignKey(
        ScormPackage,
        verbose_name=_("SCORM package"),
        on_delete=models.CASCADE,
        related_name="progress_records",
    )
    item_identifier = models.CharField(_("item"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=ScormStatus.choices, default=ScormStatus.NOT_ATTEMPTED
    )
    completion_status = models.CharField(_("completion status"), max_length=20, blank=True)
    success_status = models.CharField(_("success status"), max_length=20, blank=True)
    score_raw = models.DecimalField(
        _("score"), max_digits=10, decimal_places=4, null=True, blank=True
    )
    score_min = models.DecimalField(
        _("minimum score"), max_digits=10, decimal_places=4, null=True, blank=True
    )
    score_max = models.DecimalField(
        _("maximum score"), max_digits=10, decimal_places=4, null=True, blank=True
    )
    score_scaled = models.DecimalField(
        _("scaled score"), max_digits=7, decimal_places=4, null=True, blank=True
    )
    location = models.CharField(_("bookmark"), max_length=1000, blank=True)
    suspend_data = models.TextField(_("suspend data"), blank=True)
    exit = models.CharField(_("exit"), max_length=20, blank=True)
    cmi = models.JSONField(_("CMI data"), default=dict, blank=True)
    sessions = models.JSONField(_("time per launch"), default=dict, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("SCORM progress")
        verbose_name_plural = _("SCORM progress")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "package", "item_identifier"],
                name="one_scorm_progress_per_enrolment_package_item",
            ),
        ]

    def __str__(self):
        return f"{self.enrolment} — {self.package} — {self.item_identifier}"

    @property
    def is_done(self) -> bool:
        """Completed or passed counts as done."""
        return self.status in (ScormStatus.COMPLETED, ScormStatus.PASSED)

    @property
    def time_seconds(self) -> int:
        """Time spent in the SCO over every launch, in seconds."""
        return sum(int(session.get("seconds", 0)) for session in self.sessions.values())

    @property
    def score_percent(self) -> int | None:
        """The score as a percentage: scaled if given, else raw within min and max."""
        if self.score_scaled is not None:
            return round(float(self.score_scaled) * 100)
        if self.score_raw is None:
            return None
        low = float(self.score_min) if self.score_min is not None else 0.0
        high = float(self.score_max) if self.score_max is not None else 100.0
        if high <= low:
            return None
        return round(100 * (float(self.score_raw) - low) / (high - low))
