"""
From an enrolment to the facts a certificate prints, and from those facts to its HTML.

``take_snapshot`` freezes every printed fact at issue; ``certificate_html`` only ever reads
that snapshot, so a certificate renders the same today and in ten years.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone

from accounts.ranks import PNS_GRADES

from .models import predicate_in
from .pdf import font_face_css
from .placeholders import fill_placeholders
from .qr import qr_svg_data_uri

MONTHS_ID = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip
MONTHS_EN = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_RANK_NAMES = dict(PNS_GRADES)


def format_date(value: datetime.date | None, language: str) -> str:
    """``17 Maret 2026`` or ``17 March 2026``, whatever the active locale."""
    if not value:
        return ""
    months = MONTHS_ID if language == "id" else MONTHS_EN
    return f"{value.day} {months[value.month - 1]} {value.year}"


def format_date_range(start: datetime.date, end: datetime.date, language: str) -> str:
    """``2–6 Maret 2026``; the month and year are written once when they are shared."""
    if start == end:
        return format_date(start, language)
    months = MONTHS_ID if language == "id" else MONTHS_EN
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {months[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {months[start.month - 1]} – {format_date(end, language)}"
    return f"{format_date(start, language)} – {format_date(end, language)}"


def format_jp(value, language: str) -> str:
    """``12`` for whole hours, ``7,5`` (Indonesian) or ``7.5`` (English) otherwise."""
    number = Decimal(str(value or 0)).normalize()
    text = f"{number:f}"
    return text.replace(".", ",") if language == "id" else text


def format_rank(grade: str) -> str:
    """``Penata Muda Tingkat I (III/b)`` for a PNS grade; PPPK grades as ``PPPK IX``."""
    if not grade:
        return "-"
    if grade in _RANK_NAMES:
        return f"{_RANK_NAMES[grade]} ({grade})"
    return f"PPPK {grade}"


def _image_url(image, for_screen: bool = False) -> str:
    # The PDF reads files through storage; a browser preview needs their public address.
    if not image or not image.file:
        return ""
    return image.file.url if for_screen else f"storage:{image.file.name}"


def template_snapshot(template) -> dict:
    """The texts and signatories of a template, as they are at the moment of issue."""
    return {
        "institution": template.institution_name,
        "title_id": template.title_id,
        "title_en": template.title_en,
        "body_id": template.body_id,
        "body_en": template.body_en,
        "issue_place": template.issue_place,
        "signatories": [
            {
                "name": link.signatory.name,
                "nip": link.signatory.nip,
                "rank": link.signatory.rank,
                "position": link.signatory.position,
                "role_label": link.role_label or link.signatory.position,
                "signature_image": _image_url(link.signatory.signature_image),
                "stamp_image": _image_url(link.signatory.stamp_image),
            }
            for link in sorted(
                # One query for the signatories with their images, not one per image.
                template.template_signatories.all().select_related(
                    "signatory__signature_image", "signatory__stamp_image"
                ),
                key=lambda link: link.sort_order or 0,
            )
        ],
    }


def trained_period(enrolment, *, issued_on: datetime.date) -> tuple[datetime.date, datetime.date]:
    """
    The period the participant actually trained, as the certificate states it: the batch's
    dates once the batch has ended by the day of issue, else from the day of enrolment to
    the day of completion (local dates, WITA), within the batch's start at the earliest.
    """
    batch = enrolment.batch
    if batch.ends_on <= issued_on:
        return batch.starts_on, batch.ends_on
    ends_on = timezone.localdate(enrolment.completed_at) if enrolment.completed_at else issued_on
    starts_on = timezone.localdate(enrolment.enrolled_at) if enrolment.enrolled_at else ends_on
    return min(starts_on, ends_on), ends_on


def period_of(facts: dict) -> tuple[datetime.date, datetime.date]:
    """The training period of a snapshot; the batch's dates in snapshots taken before it."""
    period = facts.get("period") or facts["batch"]
    return (
        datetime.date.fromisoformat(period["starts_on"]),
        datetime.date.fromisoformat(period["ends_on"]),
    )


def take_snapshot(
    *,
    enrolment,
    template,
    number: str,
    issued_on: datetime.date,
    expires_on: datetime.date | None,
    predicate: str,
    course_title_en: str = "",
    template_texts: dict | None = None,
) -> dict:
    """
    Every fact the certificate prints, frozen at issue.

    ``template_texts`` is ``template_snapshot(template)`` when the caller took it already
    (once for a whole chunk of a batch job).
    """
    participant = enrolment.participant
    batch = enrolment.batch
    course = batch.course
    return {
        "participant": {
            "name": participant.get_full_name(),
            "nip": participant.nip or "",
            "rank": format_rank(participant.rank),
            "position": participant.position,
            "agency": participant.agency.name if participant.agency_id else "",
        },
        "course": {
            "title": course.title,
            "title_en": course_title_en or course.title,
            "code": course.code,
            "jp": str(course.jp),
        },
        "batch": {
            "name": batch.name,
            "starts_on": batch.starts_on.isoformat(),
            "ends_on": batch.ends_on.isoformat(),
            "place": batch.location or template.issue_place,
        },
        "period": dict(
            zip(
                ("starts_on", "ends_on"),
                (day.isoformat() for day in trained_period(enrolment, issued_on=issued_on)),
                strict=True,
            )
        ),
        "number": number,
        "issued_on": issued_on.isoformat(),
        "expires_on": expires_on.isoformat() if expires_on else "",
        "predicate": predicate,
        # The participant's preferred language is printed first on the bilingual page.
        "english_first": getattr(participant, "preferred_language", "id") == "en",
        "template": template_texts or template_snapshot(template),
    }


def sample_facts(*, template) -> dict:
    """Facts of an imaginary participant, for the live preview of a template."""
    return {
        "participant": {
            "name": "Siti Rahmawati Abdullah, S.Kom.",
            "nip": "199203172019032008",
            "rank": format_rank("III/b"),
            "position": "Pranata Komputer Ahli Pertama",
            "agency": "Dinas Kependudukan dan Pencatatan Sipil",
        },
        "course": {
            "title": "Standar Pelayanan Publik",
            "title_en": "Public Service Standards",
            "code": "PP-01",
            "jp": "12.0",
        },
        "batch": {
            "name": "Angkatan I 2026",
            "starts_on": "2026-03-02",
            "ends_on": "2026-03-06",
            "place": "Limboto",
        },
        "number": "800.2.3/0001/BKPSDM/III/2026",
        "issued_on": "2026-03-09",
        "expires_on": "",
        "predicate": "Sangat Baik",
        "template": template_snapshot(template),
    }


def placeholder_values(facts: dict, language: str) -> dict:
    """The values of the documented placeholders, formatted for one language."""
    starts_on, ends_on = period_of(facts)
    expires_on = facts.get("expires_on")
    participant, course = facts["participant"], facts["course"]
    return {
        "name": participant["name"],
        "nip": participant["nip"],
        "rank": participant["rank"],
        "position": participant["position"],
        "agency": participant["agency"],
        "course": course["title"] if language == "id" else course["title_en"],
        "course_code": course["code"],
        "batch": facts["batch"]["name"],
        "dates": format_date_range(starts_on, ends_on, language),
        "start_date": format_date(starts_on, language),
        "end_date": format_date(ends_on, language),
        "place": facts["batch"]["place"],
        "jp": format_jp(course["jp"], language),
        "predicate": predicate_in(facts["predicate"], language),
        "number": facts["number"],
        "issue_date": format_date(datetime.date.fromisoformat(facts["issued_on"]), language),
        "valid_until": (
            format_date(datetime.date.fromisoformat(expires_on), language) if expires_on else "-"
        ),
    }


def certificate_html(
    *, template, facts: dict, verification_url: str = "", for_screen: bool = False
) -> str:
    """
    The HTML of one certificate page.

    ``template`` supplies only the design (page, colours, images); every text comes from the
    snapshot in ``facts``, falling back to the template's current texts for a preview.
    """
    texts = facts.get("template") or template_snapshot(template)
    values_id = placeholder_values(facts, "id")
    values_en = placeholder_values(facts, "en")
    verification_url = verification_url or f"{settings.SITE_URL}/v/CONTOH"
    context = {
        "template": template,
        "facts": facts,
        "texts": texts,
        "institution_lines": [line for line in texts["institution"].splitlines() if line.strip()],
        "body_id": fill_placeholders(texts["body_id"], values_id),
        "body_en": fill_placeholders(texts["body_en"], values_en),
        "values_id": values_id,
        "values_en": values_en,
        "qr_uri": qr_svg_data_uri(verification_url),
        "verification_url": verification_url,
        "logo_url": _image_url(template.logo, for_screen) or _site_logo(for_screen),
        "partner_logo_url": _image_url(template.partner_logo, for_screen),
        "background_url": _image_url(template.background_image, for_screen),
        "font_faces": font_face_css(),
        "for_screen": for_screen,
        "english_first": bool(facts.get("english_first")),
        "pdf_title": f"Sertifikat {facts['number']} — {facts['participant']['name']}",
    }
    return render_to_string("certificates/certificate_pdf.html", context)


def _site_logo(for_screen: bool) -> str:
    if for_screen:
        return static("img/logo.svg")
    return (settings.BASE_DIR / "static" / "img" / "logo.svg").as_uri()
