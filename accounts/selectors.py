"""Reads for accounts: whom a refused trainer or participant should ask."""

from dataclasses import dataclass

from .roles import ADMINISTRATORS

MAX_CONTACTS = 5
"""The administrators named on a refusal; the institution's own address comes first."""


@dataclass(frozen=True)
class Contact:
    name: str
    email: str


def administrator_contacts(*, request=None) -> list[Contact]:
    """
    Whom to ask for something one may not do: the institution's e-mail address from the site
    settings (when set), then the members of the Administrators group by name, with e-mail.
    Superusers outside the group (technical accounts) are not offered. Two queries.
    """
    from django.contrib.auth import get_user_model
    from wagtail.models import Site

    from cms.models import SiteSettings

    contacts = []
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    settings = SiteSettings.for_site(site) if site is not None else None
    if settings is not None and settings.email:
        name = settings.short_name or settings.institution_name
        contacts.append(Contact(name=name, email=settings.email))
    administrators = (
        get_user_model()
        .objects.filter(groups__name=ADMINISTRATORS, is_active=True)
        .order_by("full_name", "username")
        .distinct()[:MAX_CONTACTS]
    )
    contacts += [Contact(name=str(user), email=user.email) for user in administrators]
    return contacts
