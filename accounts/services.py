"""Account services: the one way code creates or updates people and their roles."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.users.models import UserProfile

from .models import Agency, User
from .roles import ROLE_PERMISSIONS, sync_role_groups


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
