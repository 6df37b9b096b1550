"""
Public verification of certificates, and participants' own certificate list and downloads.

Verification needs no sign-in and says what the certificate prints, except the NIP: the page
shows only its last three digits and the JSON nothing of it (UU 27/2022; see
``docs/verification.md``). An unknown code gets the same answer whatever it looks like.
"""

import re
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import ListView

from accounts.nip import mask_nip
from cms.chrome import active_locale
from cms.private_media import private_file_response
from cms.ratelimit import client_address
from training.selectors import localise_pages
from training.translations import translate_records

from .badge_signing import has_signing_key
from .models import Certificate, CertificateStatus, RenderStatus
from .permissions import can_download_certificate
from .rendering import format_date_range, format_jp, period_of


class VerificationState:
    VALID = "valid"
    REVOKED = "revoked"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


def verification_state(certificate: Certificate | None) -> str:
    if certificate is None:
        return VerificationState.UNKNOWN
    if certificate.status == CertificateStatus.REVOKED:
        return VerificationState.REVOKED
    if certificate.expires_on and certificate.expires_on < timezone.localdate():
        return VerificationState.EXPIRED
    return VerificationState.VALID


def _rate_limited(request) -> bool:
    # Fixed one-minute windows per client address; the cache is shared by app servers when
    # CACHE_URL points at Redis, so the limit holds across them.
    window = int(time.time() // 60)
    key = f"certificates:verify:{client_address(request)}:{window}"
    cache.add(key, 0, timeout=90)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=90)
        count = 1
    return count > settings.CERTIFICATE_VERIFY_RATE_PER_MINUTE


def _find(code: str) -> Certificate | None:
    code = re.sub(r"[^0-9A-Za-z]", "", code).upper()
    return Certificate.objects.issued().select_related("replaced_by").filter(code=code).first()


def public_facts(certificate: Certificate) -> dict:
    """
    What the verification page and its JSON tell anyone about a certificate: nothing derived
    from the NIP (the page adds the masked NIP for a person holding the paper).
    """
    facts = certificate.facts
    replaced_by = getattr(certificate, "replaced_by", None)
    return {
        "status": verification_state(certificate),
        "code": certificate.code,
        "number": certificate.number,
        "participant": {"name": facts["participant"]["name"]},
        "course": {
            "title": facts["course"]["title"],
            "title_en": facts["course"]["title_en"],
            "code": facts["course"]["code"],
            "jp": facts["course"]["jp"],
        },
        "batch": facts["batch"]["name"],
        # The period the participant trained (``rendering.period_of``).
        "starts_on": period_of(facts)[0].isoformat(),
        "ends_on": period_of(facts)[1].isoformat(),
        "issued_on": facts["issued_on"],
        "expires_on": facts["expires_on"] or None,
        "issuer": " ".join(facts["template"]["institution"].split()),
        "revoked_on": (
            timezone.localdate(certificate.revoked_at).isoformat()
            if certificate.revoked_at
            else None
        ),
        "revocation_reason": certificate.revocation_reason or None,
        "replaced_by": replaced_by.verification_url if replaced_by else None,
        "pdf_sha256": certificate.pdf_sha256 or None,
        "verification_url": certificate.verification_url,
        # Open Badges 3.0 forms of the same certificate (see ``badges``).
        "open_badge": (
            f"{certificate.verification_url}/openbadge.json"
            if certificate.status_list_index is not None
            else None
        ),
        "open_badge_jwt": (
            f"{certificate.verification_url}/openbadge.jwt"
            if certificate.status_list_index is not None
            else None
        ),
    }


def _too_many(request, as_json: bool):
    message = _("Too many verification requests. Please wait a minute and try again.")
    if as_json:
        response = JsonResponse({"error": message}, status=429)
    else:
        response = render(
            request, "certificates/verify_rate_limited.html", {"message": message}, status=429
        )
    response["Retry-After"] = "60"
    return response


@never_cache
@require_GET
def verify_certificate(request, code: str):
    """``/v/<code>``: is this certificate genuine, and is it still valid?"""
    if _rate_limited(request):
        return _too_many(request, as_json=False)
    certificate = _find(code)
    if certificate is None:
        return render(request, "certificates/certificate_unknown.html", status=404)
    return render(
        request,
        "certificates/certificate.html",
        {
            "facts": public_facts(certificate),
            "masked_nip": mask_nip(certificate.facts["participant"]["nip"]),
            "certificate": certificate,
            "jp": format_jp(certificate.facts["course"]["jp"], get_language()),
            "dates": format_date_range(*period_of(certificate.facts), get_language()),
        },
    )


@never_cache
@require_GET
def verify_certificate_json(request, code: str):
    """``/v/<code>.json``: the same facts for machines (e.g. a BKN or agency system)."""
    if _rate_limited(request):
        return _too_many(request, as_json=True)
    certificate = _find(code)
    if certificate is None:
        return JsonResponse({"status": VerificationState.UNKNOWN}, status=404)
    return JsonResponse(public_facts(certificate), json_dumps_params={"ensure_ascii": False})


def _course_title(certificate: Certificate, language: str, localised: dict) -> str:
    """The course title in the page's language: Indonesian at ``/``, English under ``/en/``."""
    if certificate.facts:
        course = certificate.facts["course"]
        if language == "en":
            return course.get("title_en") or course["title"]
        return course["title"]
    course = certificate.enrolment.batch.course
    return localised.get(course.translation_key, course).title


def _batch_name(certificate: Certificate) -> str:
    batch = certificate.enrolment.batch
    if getattr(batch, "_translation_overlay", None) or not certificate.facts:
        return batch.name
    return certificate.batch_name


class MyCertificatesView(LoginRequiredMixin, ListView):
    """``/sertifikat-saya/``: the signed-in participant's certificates, newest first."""

    template_name = "certificates/certificate_list.html"
    context_object_name = "certificates"

    def get_queryset(self):
        return (
            Certificate.objects.filter(enrolment__participant=self.request.user)
            .select_related("enrolment__batch__course", "replaced_by")
            .order_by("-issued_at", "-requested_at")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        certificates = list(context["certificates"])
        language = get_language()
        # Issued certificates print the English title they were issued with; a pending one
        # has no facts yet and takes its course page's live translation. Batch names come
        # from the batch's translation where there is one (one query each).
        courses = [c.enrolment.batch.course for c in certificates if not c.facts]
        localised = localise_pages(courses, active_locale()) if courses else {}
        translate_records(c.enrolment.batch for c in certificates)
        context["rows"] = [
            {
                "certificate": certificate,
                "state": verification_state(certificate),
                "jp": format_jp(certificate.jp, language),
                "course_title": _course_title(certificate, language, localised),
                "batch_name": _batch_name(certificate),
                "dates": (
                    format_date_range(*period_of(certificate.facts), language)
                    if certificate.facts
                    else ""
                ),
            }
            for certificate in certificates
        ]
        # The holder's Open Badge is offered signed when there is a key, else as JSON.
        context["badge_url_name"] = (
            "certificates:holder_badge_jwt"
            if has_signing_key()
            else "certificates:holder_badge_json"
        )
        return context


def certificate_file_response(certificate: Certificate) -> HttpResponse:
    """
    The stored PDF as a download named after its number, from the private storage. Every
    caller has checked ``can_download_certificate`` first.
    """
    safe_number = re.sub(r"[^0-9A-Za-z]+", "-", certificate.number or certificate.code)
    return private_file_response(
        certificate.pdf.name,
        storage=certificate.pdf.storage,
        filename=f"sertifikat-{safe_number.strip('-')}.pdf",
        content_type="application/pdf",
    )


@require_GET
def download_own_certificate(request, code: str):
    """
    A participant's own PDF; anyone else's is a 404, as if it did not exist. A revoked
    certificate's PDF is no longer a valid document and is not handed out again.
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    certificate = (
        Certificate.objects.issued()
        .select_related("enrolment")
        .filter(code=code.upper(), enrolment__participant=request.user)
        .first()
    )
    if certificate is None:
        raise Http404
    if certificate.status == CertificateStatus.REVOKED:
        messages.error(
            request,
            _(
                "Certificate %(number)s was revoked, so its PDF is no longer a valid document "
                "and cannot be downloaded."
            )
            % {"number": certificate.number},
        )
        return redirect("certificates:mine")
    if certificate.render_status != RenderStatus.DONE or not certificate.pdf:
        messages.info(request, _("Your certificate is being prepared. Please try again shortly."))
        return redirect("certificates:mine")
    if not can_download_certificate(request.user, certificate):
        raise Http404
    return certificate_file_response(certificate)
