"""Account services: the one way code creates or updates people and their roles."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.users.models import UserProfile

from .models import Agency, CalendarFeed, NotificationPreferences, PersonalAccessToken, User
from .roles import PARTICIPANTS, ROLE_PERMISSIONS, sync_role_groups


@transaction.atomic
def upsert_user(
    *,
    username: str,
    password: str | None = None,
    roles: tuple[str, ...] = (),
    is_superuser: bool = False,
    agency: Agency | None = None,
    **profile,
) -> User:
    """
    Create the user or bring an existing one up to date, and put them in the given roles.

    Safe to call twice: the second call changes nothing. A password is only set when given.
    """
    unknown = set(roles) - set(ROLE_PERMISSIONS)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    user = User.objects.filter(username=username).first() or User(username=username)
    for field, value in profile.items():
        setattr(user, field, value)
    user.agency = agency
    user.is_superuser = is_superuser
    user.is_staff = is_superuser
    if password is not None:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    is_new = user.pk is None
    user.save()
    if is_new:
        # The admin speaks Indonesian to everyone who has not chosen otherwise.
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = settings.LANGUAGE_CODE
        profile.save(update_fields=["preferred_language"])
    if roles:
        if Group.objects.filter(name__in=roles).count() != len(roles):
            sync_role_groups()
        user.groups.add(*Group.objects.filter(name__in=roles))
    return user


@transaction.atomic
def upsert_participant(
    *,
    nip: str,
    email: str,
    full_name: str,
    agency: Agency,
    rank: str = "",
    position: str = "",
) -> tuple[User, bool]:
    """
    Create a participant account matched by NIP, or update the profile of the account that
    has that NIP, and return ``(user, created)``.

    Used by participant imports: an existing account keeps its user name, password, roles
    and privileges; a new one gets the NIP as user name, no usable password (the person sets
    it through the invitation) and the participant role. Safe to call twice.
    """
    from .ranks import PPPK_GRADE_CODES, EmployeeType

    user = User.objects.filter(nip=nip).first()
    created = user is None
    if created:
        username, suffix = nip, 1
        # The NIP is the natural user name; an unrelated account may already hold it.
        while User.objects.filter(username__iexact=username).exists():
            suffix += 1
            username = f"{nip}-{suffix}"
        user = User(username=username, nip=nip)
        user.set_unusable_password()
    user.email = email
    user.full_name = full_name
    user.agency = agency
    if rank:
        user.rank = rank
        user.employee_type = EmployeeType.PPPK if rank in PPPK_GRADE_CODES else EmployeeType.PNS
    if position:
        user.position = position
    user.full_clean(exclude=["password"])
    user.save()
    if created:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = settings.LANGUAGE_CODE
        profile.save(update_fields=["preferred_language"])
    if not user.groups.filter(name=PARTICIPANTS).exists():
        group = Group.objects.filter(name=PARTICIPANTS).first() or sync_role_groups()[PARTICIPANTS]
        user.groups.add(group)
    return user, created


ACCESS_TOKEN_PREFIX = "bmt_"
"""Every token starts with this, so secret scanners and people recognise a Bimtek token."""


def access_token_digest(raw_token: str) -> str:
    """
    The stored form of a token. A plain SHA-256 is enough: tokens carry 256 random bits, so
    there is nothing to guess that a slow password hash would protect.
    """
    return hashlib.sha256(raw_token.encode()).hexdigest()


@transaction.atomic
def create_access_token(
    *, user: User, name: str, valid_days: int | None = None
) -> tuple[PersonalAccessToken, str]:
    """
    Make a personal access token for ``user`` and return ``(token, raw_token)``.

    The raw token exists only in the return value: show it once and forget it. Each call
    makes a new token (two integrations get two tokens that are revoked separately).
    """
    raw_token = ACCESS_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = PersonalAccessToken(
        user=user,
        name=" ".join(name.split()),
        prefix=raw_token[: len(ACCESS_TOKEN_PREFIX) + 6],
        digest=access_token_digest(raw_token),
        expires_at=(timezone.now() + datetime.timedelta(days=valid_days) if valid_days else None),
    )
    token.full_clean()
    token.save()
    return token, raw_token


@transaction.atomic
def revoke_access_token(*, token: PersonalAccessToken) -> PersonalAccessToken:
    """Stop a token from authenticating, for good; revoking it again changes nothing."""
    token = PersonalAccessToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def language_for(user: User) -> str:
    """
    The language to write to ``user`` in (e-mails sent by the worker, calendar feeds).

    The person's own choice (``User.preferred_language``), else the site's language.
    """
    return getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE


def invite_user(*, user: User, course: str = "", batch: str = "") -> bool:
    """
    Queue the invitation e-mail (a one-time link to choose a password) for a new account,
    sent by the worker once the transaction commits; ``False`` when the account has no
    e-mail address. ``course`` and ``batch`` name what the person was registered for.
    """
    if not user.email:
        return False
    from bimtek.celery import enqueue

    from .tasks import send_invitation_task

    transaction.on_commit(lambda: enqueue(send_invitation_task, user.pk, course, batch))
    return True


def notification_preferences_for(user: User) -> NotificationPreferences:
    """The person's reminder choices; an unsaved row with everything on if never changed."""
    preferences = NotificationPreferences.objects.filter(user=user).first()
    return preferences or NotificationPreferences(user=user)


@transaction.atomic
def update_notification_preferences(
    *,
    user: User,
    session_reminders: bool,
    assessment_reminders: bool,
    completion_reminders: bool,
) -> NotificationPreferences:
    """Record which reminders the person wants; saving the same choices again changes nothing."""
    preferences, _created = NotificationPreferences.objects.update_or_create(
        user=user,
        defaults={
            "session_reminders": session_reminders,
            "assessment_reminders": assessment_reminders,
            "completion_reminders": completion_reminders,
        },
    )
    return preferences


def _new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def get_or_create_calendar_feed(*, user: User) -> CalendarFeed:
    """The person's calendar feed, made with a random token the first time."""
    feed, _created = CalendarFeed.objects.get_or_create(
        user=user, defaults={"token": _new_calendar_token()}
    )
    return feed


@transaction.atomic
def regenerate_calendar_feed(*, user: User) -> CalendarFeed:
    """Give the person's calendar feed a new token: the old address stops working at once."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is None:
        return get_or_create_calendar_feed(user=user)
    feed.token = _new_calendar_token()
    feed.save(update_fields=["token", "created_at"])
    return feed
