"""Admin registration for certificates: design snippets, the register, batch issues."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .models import Certificate
from .permissions import CertificatePermissionPolicy
from .viewsets import CertificateDesignGroup, CertificatesGroup

register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate))
register_snippet(CertificateDesignGroup)


@hooks.register("register_admin_viewset")
def register_certificates_viewsets():
    return CertificatesGroup()


@hooks.register("register_log_actions")
def register_certificates_log_actions(actions):
    from .audit import register_actions

    register_actions(actions)
