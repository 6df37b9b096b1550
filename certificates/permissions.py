"""Who may do what with certificates: one small function per rule."""

from wagtail.permission_policies import ModelPermissionPolicy

from accounts.roles import is_administrator


def can_download_certificate(user, certificate) -> bool:
    """
    A participant downloads only their own issued certificate, and not once it is revoked
    (its PDF would pass for a valid document); administrators any, revoked ones included.
    """
    if not user.is_authenticated or not certificate.pdf:
        return False
    if is_administrator(user):
        return True
    return certificate.enrolment.participant_id == user.pk and certificate.status == "valid"


def can_download_holder_credential(user, certificate) -> bool:
    """
    The holder's copy of the Open Badges credential (with their hashed NIP) goes to the
    holder only, while the certificate is valid: it is theirs to hand to a verifier, so not
    even administrators download it.
    """
    return (
        user.is_authenticated
        and certificate.enrolment.participant_id == user.pk
        and certificate.status == "valid"
        and certificate.status_list_index is not None
    )


def certificates_visible_to(user):
    """
    The certificates a user may look up: their own (issued or awaiting approval), and every
    one for administrators. Trainers see none beyond their own, as on the site.
    """
    from .models import Certificate

    if is_administrator(user):
        return Certificate.objects.all()
    if not user.is_authenticated:
        return Certificate.objects.none()
    return Certificate.objects.filter(enrolment__participant=user)


def can_issue_certificates(user) -> bool:
    return is_administrator(user)


def can_revoke_certificate(user, certificate) -> bool:
    return is_administrator(user) and certificate.status == "valid"


def can_reissue_certificate(user, certificate, *, successor=None) -> bool:
    """
    Administrators replace a valid certificate, or one revoked without a replacement (e.g.
    revoked by mistake, or for a wrong name that is now corrected); a pending one is approved
    instead, and a revoked one that already has its successor is replaced already.
    """
    if not is_administrator(user):
        return False
    if certificate.status == "valid":
        return True
    return certificate.status == "revoked" and successor is None


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """
    The admin's policy for certificates: made and ended by services only, so nobody adds
    or deletes one by hand; viewing and acting on them follows the model permissions.
    """

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
