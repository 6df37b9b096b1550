"""The custom user (with the ASN profile printed on certificates) and agencies (OPD)."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .nip import normalise_nip, validate_nip
from .ranks import PNS_GRADE_CODES, PPPK_GRADE_CODES, RANK_CHOICES, EmployeeType


class AgencyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class AgencyManager(models.Manager.from_queryset(AgencyQuerySet)):
    def get_by_name(self, name: str) -> "Agency":
        """Find an agency by its full or short name, ignoring case and surrounding spaces."""
        name = " ".join(str(name or "").split())
        return self.get(models.Q(name__iexact=name) | models.Q(short_name__iexact=name))


class Agency(models.Model):
    """An OPD (organisasi perangkat daerah): the unit kerja a civil servant works in."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(
        _("short name"), max_length=50, blank=True, help_text=_("For example BKPSDM or Disdikbud.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = AgencyManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency (OPD)")
        verbose_name_plural = _("agencies (OPD)")

    def __str__(self):
        return self.name


class BimtekUserManager(UserManager):
    def get_by_identifier(self, identifier: str):
        """
        The user a person means when signing in with a user name, e-mail address or NIP.

        Returns ``None`` when nothing or more than one account matches.
        """
        identifier = (identifier or "").strip()
        if not identifier:
            return None
        query = models.Q(username__iexact=identifier)
        if "@" in identifier:
            query |= models.Q(email__iexact=identifier)
        nip = normalise_nip(identifier)
        if nip.isdigit():
            query |= models.Q(nip=nip)
        matches = list(self.filter(query)[:2])
        return matches[0] if len(matches) == 1 else None


class Language(models.TextChoices):
    """The languages of the site; a user's preferred one is used for their e-mails."""

    INDONESIAN = "id", _("Indonesian")
    ENGLISH = "en", _("English")


def languages_in_order(user) -> tuple[str, str]:
    """Both languages for a bilingual text, the user's preferred one first."""
    if getattr(user, "preferred_language", None) == Language.ENGLISH:
        return (Language.ENGLISH.value, Language.INDONESIAN.value)
    return (Language.INDONESIAN.value, Language.ENGLISH.value)


class User(AbstractUser):
    """
    Everyone who signs in: participants, trainers and administrators.

    A participant's ASN profile (NIP, grade, position, agency) lives here, because it is
    what they sign in with and what their certificate prints; the role comes from groups.
    """

    full_name = models.CharField(
        _("full name with titles"),
        max_length=200,
        blank=True,
        help_text=_(
            "As it should be printed on certificates, e.g. “Dr. Siti Rahma, S.Sos., M.Si.”"
        ),
    )
    nip = models.CharField(
        _("NIP"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_nip],
        help_text=_("18 digits, without spaces."),
    )
    employee_type = models.CharField(
        _("employee type"), max_length=10, choices=EmployeeType.choices, default=EmployeeType.PNS
    )
    rank = models.CharField(_("rank/grade"), max_length=10, choices=RANK_CHOICES, blank=True)
    position = models.CharField(_("position (jabatan)"), max_length=200, blank=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency (unit kerja)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=Language.choices,
        default=Language.INDONESIAN,
        help_text=_(
            "The language of your e-mails, and the one printed first on your certificates."
        ),
    )
    listed_publicly = models.BooleanField(
        _("listed publicly"),
        default=False,
        help_text=_(
            "The person agreed to be shown, with name, position and short bio, on the public "
            "page of implementers (profil pelaksana)."
        ),
    )
    public_bio = models.TextField(
        _("public bio"),
        max_length=600,
        blank=True,
        help_text=_("A few sentences about the person's role and expertise, shown publicly."),
    )

    objects = BimtekUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_email_unique_ci",
                violation_error_message=_("Another account already uses this e-mail address."),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def clean(self):
        super().clean()
        self.nip = normalise_nip(self.nip) or None
        if self.rank:
            allowed = {
                EmployeeType.PNS: PNS_GRADE_CODES,
                EmployeeType.PPPK: PPPK_GRADE_CODES,
            }.get(self.employee_type, frozenset())
            if self.rank not in allowed:
                raise ValidationError(
                    {"rank": _("This grade does not exist for the chosen employee type.")}
                )

    def get_absolute_url(self):
        return reverse("accounts:profile")

    def get_full_name(self):
        return self.full_name or super().get_full_name()

    def get_short_name(self):
        return self.first_name or self.get_full_name() or self.username


class PersonalAccessTokenQuerySet(models.QuerySet):
    def usable(self, now=None):
        """Tokens that still authenticate: not revoked and not past their expiry."""
        from django.utils import timezone

        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class PersonalAccessToken(models.Model):
    """
    A personal access token for the REST API, made and revoked by its owner on the profile page.

    Only a SHA-256 digest of the token is stored: the token itself is shown once, when it is
    made, and a stolen database does not hand out working tokens. The short prefix lets the
    owner tell their tokens apart.
    """

    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="access_tokens",
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. “SIMPEG sync”.")
    )
    prefix = models.CharField(_("prefix"), max_length=16)
    digest = models.CharField(_("SHA-256 digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = PersonalAccessTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("personal access token")
        verbose_name_plural = _("personal access tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class RecoveryCode(models.Model):
    """
    A one-time code that stands in for the authenticator app when the phone is lost.

    Codes are made ten at a time when two-factor sign-in is turned on (and again on request,
    which throws the old set away); only a SHA-256 digest is kept, like access tokens, so the
    codes are shown once and a stolen database does not hand them out. A used code keeps its
    row with ``used_at`` set, so the owner sees how many are left.
    """

    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="recovery_codes",
    )
    digest = models.CharField(_("SHA-256 digest"), max_length=64)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")
        constraints = [
            models.UniqueConstraint(fields=["user", "digest"], name="unique_recovery_code_per_user")
        ]

    def __str__(self):
        return f"{self.user} ({'used' if self.used_at else 'unused'})"


class NotificationPreferences(models.Model):
    """
    Which reminders a person wants by e-mail. Everyone without a row gets them all: the row
    is made the first time the person changes something on their profile.
    """

    user = models.OneToOneField(
        "accounts.User",
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    session_reminders = models.BooleanField(
        _("the day before a session"),
        default=True,
        help_text=_("An e-mail the day before each classroom or online session of your batch."),
    )
    assessment_reminders = models.BooleanField(
        _("post-test or evaluation still open"),
        default=True,
        help_text=_(
            "An e-mail shortly before the batch ends if the post-test or evaluation waits."
        ),
    )
    completion_reminders = models.BooleanField(
        _("course not finished"),
        default=True,
        help_text=_("An e-mail shortly before the batch ends if the course is not finished."),
    )

    class Meta:
        verbose_name = _("notification preferences")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return str(self.user)


class CalendarFeed(models.Model):
    """
    The secret address of a person's calendar feed (iCalendar): whoever has the address
    sees the person's session times, so it holds a random token that the person can replace
    from their profile, which makes the old address stop working.
    """

    user = models.OneToOneField(
        "accounts.User",
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)

    def get_absolute_url(self):
        return reverse("training:calendar_feed", kwargs={"token": self.token})
