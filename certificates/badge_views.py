"""
Open Badges 3.0 endpoints: a certificate's credential (JSON and VC-JWT), the holder's own
copy of it, the issuer profile, its public key, and the revocation status list.

The public credential is at the same unguessable code as the verification page and behind
the same rate limit, and holds nothing derived from the NIP. The holder's copy, which adds
the hashed NIP, is under the participant's own certificates and needs their sign-in. The
issuer, key and status list live at language-neutral addresses, since credentials point to
them for as long as they exist.
"""

import json
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from .badge_signing import NoBadgeKey, has_signing_key, public_jwk
from .badges import credential_for, issuer_profile, sign_credential
from .models import Certificate
from .permissions import can_download_holder_credential
from .status_list import REVOCATION, status_list_credential
from .views import _find, _rate_limited, _too_many

JWT_CONTENT_TYPE = "application/vc+jwt"
JSON_LD_CONTENT_TYPE = "application/vc+ld+json"


def _response(
    body: str, *, content_type: str, filename: str = "", public: bool = True
) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if public:
        # Wallets and verifiers fetch these from their own pages.
        response["Access-Control-Allow-Origin"] = "*"
    return response


def _json(data: dict, *, content_type="application/json", filename="", public=True):
    return _response(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type=content_type,
        filename=filename,
        public=public,
    )


def _badge_view(view):
    """Rate-limit as verification does, and pass on the issued certificate of ``code``."""

    @never_cache
    @require_GET
    @wraps(view)
    def wrapped(request, code: str):
        if _rate_limited(request):
            return _too_many(request, as_json=True)
        certificate = _find(code)
        if certificate is None or certificate.status_list_index is None:
            raise Http404
        return view(request, certificate)

    return wrapped


@_badge_view
def certificate_badge_json(request, certificate):
    """``/v/<code>/openbadge.json``: the certificate's ``OpenBadgeCredential``, unsecured."""
    return _json(
        credential_for(certificate),
        content_type=JSON_LD_CONTENT_TYPE,
        filename=f"openbadge-{certificate.code}.json" if "download" in request.GET else "",
    )


@_badge_view
def certificate_badge_jwt(request, certificate):
    """``/v/<code>/openbadge.jwt``: the same credential signed as a VC-JWT (EdDSA)."""
    try:
        token = sign_credential(credential_for(certificate))
    except NoBadgeKey as error:
        raise Http404("No badge signing key is configured.") from error
    return _response(
        token, content_type=JWT_CONTENT_TYPE, filename=f"openbadge-{certificate.code}.jwt"
    )


def _holder_view(view):
    """Sign-in first; then the signed-in holder's own valid certificate, anyone else 404."""

    @never_cache
    @require_GET
    @wraps(view)
    def wrapped(request, code: str):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        certificate = (
            Certificate.objects.issued()
            .select_related("enrolment")
            .filter(code=code.upper())
            .first()
        )
        if certificate is None or not can_download_holder_credential(request.user, certificate):
            raise Http404
        return view(request, certificate)

    return wrapped


@_holder_view
def holder_badge_json(request, certificate):
    """
    ``/sertifikat-saya/<code>/openbadge.json``: the holder's copy of the credential, with
    their NIP as a salted hash, as a file to hand to a verifier who knows their NIP.
    """
    return _json(
        credential_for(certificate, for_holder=True),
        content_type=JSON_LD_CONTENT_TYPE,
        filename=f"openbadge-{certificate.code}.json",
        public=False,
    )


@_holder_view
def holder_badge_jwt(request, certificate):
    """``/sertifikat-saya/<code>/openbadge.jwt``: the holder's copy signed as a VC-JWT."""
    try:
        token = sign_credential(credential_for(certificate, for_holder=True))
    except NoBadgeKey as error:
        raise Http404("No badge signing key is configured.") from error
    return _response(
        token,
        content_type=JWT_CONTENT_TYPE,
        filename=f"openbadge-{certificate.code}.jwt",
        public=False,
    )


@cache_control(max_age=3600, public=True)
@require_GET
def issuer(request):
    """``/issuer.json``: the issuing institution as an OB 3.0 ``Profile``."""
    return _json(issuer_profile())


@cache_control(max_age=86400, public=True)
@require_GET
def issuer_key(request, kid: str):
    """``/issuer/keys/<kid>.json``: the public JWK that verifies the credentials' proofs."""
    if not has_signing_key():
        raise Http404
    jwk = public_jwk()
    if jwk["kid"] != kid:
        raise Http404
    return _json(jwk, content_type="application/jwk+json")


@never_cache
@require_GET
def status_list(request, purpose: str):
    """
    ``/credentials/status/revocation``: the Bitstring Status List credential, as a VC-JWT
    when the client asks for one (``Accept: application/vc+jwt``), else as JSON.
    """
    if purpose != REVOCATION:
        raise Http404
    credential = status_list_credential(purpose)
    accept = request.headers.get("Accept", "")
    if ("application/vc+jwt" in accept or "application/jwt" in accept) and has_signing_key():
        return _response(sign_credential(credential), content_type=JWT_CONTENT_TYPE)
    return _json(credential, content_type=JSON_LD_CONTENT_TYPE)
