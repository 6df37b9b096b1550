"""Audit-log actions of certificates: issue, revoke and reissue."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from accounts.audit import register_from

CERTIFICATE_ISSUE = "bimtek.certificate_issue"
CERTIFICATE_REVOKE = "bimtek.certificate_revoke"
CERTIFICATE_REISSUE = "bimtek.certificate_reissue"

ACTIONS = {
    CERTIFICATE_ISSUE: (_("Issue a certificate"), _("Certificate issued")),
    CERTIFICATE_REVOKE: (_("Revoke a certificate"), _("Certificate revoked")),
    CERTIFICATE_REISSUE: (_("Reissue a certificate"), _("Certificate reissued")),
}


def register_actions(actions) -> None:
    register_from(actions, ACTIONS)


def log_certificate(certificate, action, *, user, **data):
    return log(
        certificate,
        action,
        user=user,
        title=certificate.number or certificate.code,
        data={"code": certificate.code, "number": certificate.number, **data},
    )
