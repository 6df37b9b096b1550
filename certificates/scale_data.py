"""
Certificates for the district-scale data set (see ``training.scale_data``): issued records
with numbers and snapshots, inserted in bulk, without PDFs.

The generated template has a number pattern of its own, and its year sequences are moved
to the last number used, so a certificate issued later through the services continues the
numbering instead of repeating a number.
"""

import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef

from training.models import Enrolment, EnrolmentStatus
from training.scale_data import CHUNK, USERNAME_PREFIX

from .models import (
    Certificate,
    CertificateStatus,
    CertificateTemplate,
    CourseCertificateSettings,
    IssueMode,
    NumberSequence,
    RenderStatus,
    Signatory,
    TemplateSignatory,
)
from .placeholders import format_number
from .rendering import take_snapshot
from .services import new_public_code

TEMPLATE_NAME = "Sertifikat data skala"
NUMBER_PATTERN = "800.2.3/{seq:05d}/SKALA/{month_roman}/{year}"


def _template() -> CertificateTemplate:
    template, created = CertificateTemplate.objects.get_or_create(
        name=TEMPLATE_NAME,
        defaults={
            "institution_name": "PEMERINTAH KABUPATEN GORONTALO",
            "body_id": "telah mengikuti {course} selama {jp} JP.",
            "body_en": "has completed {course}, {jp} JP.",
            "issue_place": "Limboto",
            "number_pattern": NUMBER_PATTERN,
        },
    )
    if created:
        signatory = Signatory.objects.create(
            name="Kepala BKPSDM (data skala)", position="Kepala BKPSDM Kabupaten Gorontalo"
        )
        TemplateSignatory.objects.create(template=template, signatory=signatory, sort_order=0)
    return template


def generate_certificates(*, count: int, log=lambda message: None) -> int:
    """
    Issue ``count`` certificates to the generated participants' completed enrolments that
    have none yet, oldest batch first. Returns the number made.
    """
    with transaction.atomic():
        # Signatories prefetched: the snapshot of each certificate reads them without a query.
        template = CertificateTemplate.objects.prefetch_related(
            "template_signatories__signatory"
        ).get(pk=_template().pk)
        enrolments = list(
            Enrolment.objects.filter(
                status=EnrolmentStatus.COMPLETED,
                participant__username__startswith=USERNAME_PREFIX,
            )
            .exclude(Exists(Certificate.objects.filter(enrolment=OuterRef("pk"))))
            .select_related("participant__agency", "batch__course")
            .order_by("completed_at", "pk")[:count]
        )
        courses = {e.batch.course for e in enrolments}
        existing = set(
            CourseCertificateSettings.objects.filter(course__in=courses).values_list(
                "course_id", flat=True
            )
        )
        CourseCertificateSettings.objects.bulk_create(
            [
                CourseCertificateSettings(
                    course=course, template=template, issue_mode=IssueMode.APPROVAL
                )
                for course in courses
                if course.pk not in existing
            ]
        )
        sequences = {
            s.year: s
            for s in NumberSequence.objects.select_for_update().filter(pattern=NUMBER_PATTERN)
        }
        certificates = []
        for enrolment in enrolments:
            issued_at = enrolment.completed_at + datetime.timedelta(days=2)
            year = issued_at.year
            sequence = sequences.get(year)
            if sequence is None:
                sequence = sequences[year] = NumberSequence.objects.create(
                    pattern=NUMBER_PATTERN, year=year
                )
            sequence.last_value += 1
            course = enrolment.batch.course
            number = format_number(
                NUMBER_PATTERN,
                seq=sequence.last_value,
                year=year,
                month=issued_at.month,
                course_code=course.code,
            )
            certificates.append(
                Certificate(
                    enrolment=enrolment,
                    template=template,
                    status=CertificateStatus.VALID,
                    code=new_public_code(),
                    number=number,
                    sequence_year=year,
                    sequence_value=sequence.last_value,
                    issued_at=issued_at,
                    requested_at=enrolment.completed_at,
                    render_status=RenderStatus.QUEUED,
                    facts=take_snapshot(
                        enrolment=enrolment,
                        template=template,
                        number=number,
                        issued_on=issued_at.date(),
                        expires_on=None,
                        predicate="Baik",
                    ),
                )
            )
        fields = [f for f in Certificate._meta.local_concrete_fields if not f.primary_key]
        for start in range(0, len(certificates), CHUNK):
            # raw: keep ``requested_at`` in the past instead of the auto_now_add moment.
            Certificate._base_manager._insert(
                certificates[start : start + CHUNK], fields=fields, raw=True
            )
        for sequence in sequences.values():
            sequence.save(update_fields=["last_value"])
    log(f"Certificates: {len(certificates)} (pattern {NUMBER_PATTERN}, no PDFs)")
    return len(certificates)
