"""
Every issued certificate as an Open Badges 3.0 ``OpenBadgeCredential`` (a W3C Verifiable
Credential, data model 2.0), and its signed form, a VC-JWT made with the badge key.

The credential is built from the certificate's snapshot, so it says what the certificate
prints. The public credential (``/v/<code>/openbadge.json`` and ``.jwt``) names the recipient
and holds nothing derived from the NIP: a hash of an 18-digit number whose first fourteen
digits are two dates is undone by trying them all, salt or no salt (UU 27/2022). Only the
holder's own copy (``for_holder=True``, behind their sign-in) adds the NIP as a salted
SHA-256 hash, for the holder to hand to a verifier who already knows their NIP. Revocation
is published in the status list the credential points to (``status_list``).
``credential_for`` and ``signed_credential_for`` are the entry points for other code.
"""

import datetime
import hashlib
import secrets
import uuid
from decimal import Decimal

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from .badge_signing import sign_jwt
from .models import Certificate, CertificateStatus
from .rendering import format_date_range, format_jp, period_of
from .status_list import REVOCATION, status_list_url

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
ACHIEVEMENT_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
# The identity type is an extension: a NIP is a civil-servant number, not a national ID.
NIP_IDENTITY_TYPE = "ext:NIP"
JP_RESULT_TYPE = "ext:LearningHours"
# Stable namespace for the URN ids of achievements and result descriptions.
_ID_NAMESPACE = uuid.UUID("6f0c5a7e-3b1d-5c57-9a8e-8d3f2f6b1c41")


def new_recipient_salt() -> str:
    return secrets.token_hex(16)


def identity_hash(value: str, salt: str) -> str:
    """``sha256$`` and the hex SHA-256 of the value followed by the salt, as OB 3.0 writes it."""
    return "sha256$" + hashlib.sha256(f"{value}{salt}".encode()).hexdigest()


def _stable_urn(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, '|'.join((settings.SITE_URL, *parts)))}"


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _end_of_day(day: datetime.date) -> str:
    return _utc(
        datetime.datetime.combine(
            day, datetime.time(23, 59, 59), tzinfo=timezone.get_default_timezone()
        )
    )


def credential_url(certificate: Certificate) -> str:
    return f"{settings.SITE_URL}/v/{certificate.code}/openbadge.json"


def issuer_id() -> str:
    return f"{settings.SITE_URL}/issuer.json"


def issuer_profile() -> dict:
    """The issuing institution as an OB 3.0 ``Profile``, from the default site's settings."""
    from cms.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    site_settings = SiteSettings.for_site(site) if site else SiteSettings()
    profile = {
        "id": issuer_id(),
        "type": ["Profile"],
        "name": site_settings.institution_name,
        "url": f"{settings.SITE_URL}/",
    }
    if site_settings.email:
        profile["email"] = site_settings.email
    if site_settings.phone:
        profile["phone"] = site_settings.phone
    return profile


def _jp_number(jp: str) -> float:
    return float(Decimal(str(jp or 0)))


def achievement_for(facts: dict) -> dict:
    """The course as an OB 3.0 ``Achievement``: what was learnt, its criteria and its JP."""
    course, batch = facts["course"], facts["batch"]
    jp = format_jp(course["jp"], "id")
    dates = format_date_range(*period_of(facts), "id")
    # The credential reads in the issuer's language whatever the visitor's language is.
    with translation.override(settings.LANGUAGE_CODE):
        description = _(
            "Technical training (bimtek) %(course)s, course code %(code)s, "
            "%(jp)s learning hours (JP)."
        ) % {"course": course["title"], "code": course["code"], "jp": jp}
        narrative = _(
            "Completed the technical training %(course)s (%(batch)s) on %(dates)s, "
            "%(jp)s learning hours (JP), and met every completion requirement of the course."
        ) % {"course": course["title"], "batch": batch["name"], "dates": dates, "jp": jp}
        jp_name = _("Learning hours (JP)")
    return {
        "id": _stable_urn("achievement", course["code"]),
        "type": ["Achievement"],
        "achievementType": "CertificateOfCompletion",
        "name": course["title"],
        "description": description,
        "criteria": {"narrative": narrative},
        "humanCode": course["code"],
        "creditsAvailable": _jp_number(course["jp"]),
        "inLanguage": settings.LANGUAGE_CODE,
        "resultDescription": [
            {
                "id": _stable_urn("achievement", course["code"], "jp"),
                "type": ["ResultDescription"],
                "name": jp_name,
                "resultType": JP_RESULT_TYPE,
            }
        ],
    }


def recipient_identifiers(certificate: Certificate, *, for_holder: bool = False) -> list[dict]:
    """
    The participant's name; in the holder's copy also the NIP as a salted hash
    (``hashed: true``), which only someone who knows the NIP can check.
    """
    participant = certificate.facts["participant"]
    identifiers = [
        {
            "type": "IdentityObject",
            "identityHash": participant["name"],
            "identityType": "name",
            "hashed": False,
        }
    ]
    if for_holder and participant["nip"]:
        identifiers.append(
            {
                "type": "IdentityObject",
                "identityHash": identity_hash(participant["nip"], certificate.recipient_salt),
                "identityType": NIP_IDENTITY_TYPE,
                "hashed": True,
                "salt": certificate.recipient_salt,
            }
        )
    return identifiers


def credential_for(certificate: Certificate, *, for_holder: bool = False) -> dict:
    """
    The unsecured ``OpenBadgeCredential`` of an issued certificate (valid or revoked):
    public, or with ``for_holder`` the holder's copy that adds their hashed NIP.

    Raises ``ValueError`` for a certificate awaiting approval: it is not issued yet.
    """
    if certificate.status == CertificateStatus.PENDING or certificate.status_list_index is None:
        raise ValueError("Only an issued certificate is an Open Badges credential.")
    facts = certificate.facts
    achievement = achievement_for(facts)
    credential = {
        "@context": CONTEXTS,
        "id": credential_url(certificate),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": facts["course"]["title"],
        "issuer": issuer_profile(),
        "validFrom": _utc(certificate.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": recipient_identifiers(certificate, for_holder=for_holder),
            "achievement": achievement,
            "activityStartDate": _utc(
                datetime.datetime.combine(
                    period_of(facts)[0],
                    datetime.time(0, 0),
                    tzinfo=timezone.get_default_timezone(),
                )
            ),
            "activityEndDate": _end_of_day(period_of(facts)[1]),
            "creditsEarned": _jp_number(facts["course"]["jp"]),
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": achievement["resultDescription"][0]["id"],
                    "value": format_jp(facts["course"]["jp"], "en"),
                }
            ],
        },
        "credentialStatus": {
            "id": f"{status_list_url(REVOCATION)}#{certificate.status_list_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": REVOCATION,
            "statusListIndex": str(certificate.status_list_index),
            "statusListCredential": status_list_url(REVOCATION),
        },
        "credentialSchema": [{"id": ACHIEVEMENT_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
    }
    if certificate.expires_on:
        credential["validUntil"] = _end_of_day(certificate.expires_on)
    return credential


def jwt_claims(credential: dict) -> dict:
    """
    The VC-JWT payload: the credential itself with the registered JWT claims that repeat
    its issuer, id and validity, so plain JWT libraries check them too.
    """
    claims = {**credential, "iss": credential["issuer"]["id"], "jti": credential["id"]}
    claims["nbf"] = int(datetime.datetime.fromisoformat(credential["validFrom"]).timestamp())
    if "validUntil" in credential:
        claims["exp"] = int(datetime.datetime.fromisoformat(credential["validUntil"]).timestamp())
    return claims


def sign_credential(credential: dict) -> str:
    """Any credential of the issuer as a compact VC-JWT (EdDSA, Ed25519)."""
    return sign_jwt(jwt_claims(credential), typ="vc+jwt")


def signed_credential_for(certificate: Certificate, *, for_holder: bool = False) -> str:
    """The certificate's ``OpenBadgeCredential`` as a VC-JWT; raises ``NoBadgeKey`` without key."""
    return sign_credential(credential_for(certificate, for_holder=for_holder))
