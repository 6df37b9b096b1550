"""
Certificate services: the one way code issues, renders, revokes and reissues certificates.

Each service is atomic and safe to call twice. Views, admin actions, Celery tasks, signal
receivers and commands call these and hold no rules of their own.
"""

import calendar
import datetime
import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from accounts.models import languages_in_order
from training.models import Batch, Enrolment, EnrolmentStatus

from .audit import CERTIFICATE_ISSUE, CERTIFICATE_REISSUE, CERTIFICATE_REVOKE, log_certificate
from .badges import new_recipient_salt
from .models import (
    BatchJobStatus,
    Certificate,
    CertificateBatchJob,
    CertificateStatus,
    CourseCertificateSettings,
    IssueMode,
    NumberSequence,
    RenderStatus,
)
from .pdf import render_pdf
from .placeholders import format_number
from .rendering import certificate_html, take_snapshot, template_snapshot
from .signing import sign_pdf
from .status_list import allocate_status_index

logger = logging.getLogger(__name__)

# Crockford-like alphabet without 0/O, 1/I/L: a code read aloud or typed from paper survives.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10  # 31^10 ≈ 8·10^14 codes: not guessable behind the verification rate limit


# Enrolments issued by one task of a batch job; the rest go to further tasks.
BATCH_CHUNK_SIZE = 50


def new_public_code() -> str:
    """A short, unguessable code for the verification address ``/v/<code>``."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, clipped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@transaction.atomic(savepoint=False)
def allocate_number(
    *, template, course_code: str, issued_on: datetime.date
) -> tuple[str, int, int]:
    """
    Take the next number of ``template``'s pattern in the year of ``issued_on``.

    The ``UPDATE`` of the year's sequence row locks it until the calling transaction ends,
    so concurrent issues queue on it: numbers are consecutive, never duplicated, and a
    rolled-back issue gives its number back with the rollback. Call it as late as possible
    in the issuing transaction: every other issue waits for that transaction to end.
    Returns ``(number, year, sequence_value)``.
    """
    year, pattern = issued_on.year, template.number_pattern
    sequences = NumberSequence.objects.filter(pattern=pattern, year=year)
    if not sequences.update(last_value=F("last_value") + 1):
        try:
            with transaction.atomic():
                NumberSequence.objects.create(pattern=pattern, year=year)
        except IntegrityError:
            pass  # Another transaction created the year's row first; it is committed now.
        sequences.update(last_value=F("last_value") + 1)
    # Our own update, still locked against every other issue.
    value = sequences.values_list("last_value", flat=True).get()
    number = format_number(
        template.number_pattern,
        seq=value,
        year=year,
        month=issued_on.month,
        course_code=course_code,
    )
    return number, year, value


def certificate_settings_for(course) -> CourseCertificateSettings | None:
    return (
        CourseCertificateSettings.objects.select_related("template")
        .filter(course_id=course.pk)
        .first()
    )


def _english_title(course) -> str:
    locale = Locale.objects.filter(language_code="en").first()
    if locale is None or course.locale_id == locale.pk:
        return course.title
    translation_page = course.get_translation_or_none(locale)
    return translation_page.title if translation_page else course.title


@dataclass(frozen=True)
class IssueContext:
    """What every certificate of one course prints alike, read once for many issues."""

    settings: CourseCertificateSettings | None
    course_title_en: str = ""
    template_texts: dict | None = None


def issue_context(course) -> IssueContext:
    """The course's certificate settings, English title and template texts, read now."""
    course_settings = certificate_settings_for(course)
    if course_settings is None:
        return IssueContext(settings=None)
    return IssueContext(
        settings=course_settings,
        course_title_en=_english_title(course),
        template_texts=template_snapshot(course_settings.template),
    )


def _current_certificates():
    """The certificates that still stand for their enrolment: any but a revoked one."""
    return Certificate.objects.exclude(status=CertificateStatus.REVOKED)


def _current_certificate(enrolment) -> Certificate | None:
    return _current_certificates().filter(enrolment=enrolment).first()


def _send_render(certificate_id: int, job_id: int | None = None) -> bool:
    """Hand the render task to the broker and mark when; ``False`` while it is down."""
    from bimtek.celery import enqueue

    from .tasks import render_certificate_task

    sent_at = timezone.now()
    if not enqueue(render_certificate_task, certificate_id, job_id):
        return False
    # Only a PDF still queued is marked: an eager render may already have finished it.
    Certificate.objects.filter(pk=certificate_id, render_status=RenderStatus.QUEUED).update(
        render_enqueued_at=sent_at
    )
    return True


def _queue_render(certificate: Certificate, job_id: int | None = None) -> None:
    # The certificate row (render status "queued", not yet sent) is the outbox entry; the
    # message goes out once it is committed.
    transaction.on_commit(lambda: _send_render(certificate.pk, job_id))


@transaction.atomic
def queue_certificate_render(*, certificate: Certificate) -> Certificate:
    """Render an issued certificate's PDF again (after a failure or a new signing key)."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status == CertificateStatus.PENDING:
        raise ValidationError(_("A certificate awaiting approval has no PDF."), code="pending")
    certificate.render_status = RenderStatus.QUEUED
    certificate.render_enqueued_at = None
    certificate.save(update_fields=["render_status", "render_enqueued_at"])
    _queue_render(certificate)
    return certificate


@transaction.atomic
def request_certificate(*, enrolment: Enrolment) -> Certificate | None:
    """
    What happens when an enrolment completes: issue now or queue for approval, per course.

    Returns the certificate (valid or awaiting approval), or ``None`` when the course gives
    no certificate.
    """
    course_settings = certificate_settings_for(enrolment.batch.course)
    if course_settings is None:
        return None
    if course_settings.issue_mode == IssueMode.AUTOMATIC:
        return issue_certificate(enrolment=enrolment)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    existing = _current_certificate(enrolment)
    if existing is not None:
        return existing
    certificate = Certificate(
        enrolment=enrolment, template=course_settings.template, code=new_public_code()
    )
    certificate.full_clean()
    certificate.save()
    return certificate


@transaction.atomic
def issue_certificate(
    *,
    enrolment: Enrolment,
    issued_by=None,
    replaces: Certificate | None = None,
    job_id: int | None = None,
    context: IssueContext | None = None,
) -> Certificate:
    """
    Issue the certificate of a completed enrolment: number, snapshot, then the PDF (queued).

    Idempotent: an enrolment has at most one valid certificate, and a second call returns it.
    A certificate awaiting approval is issued in place (approval). A batch job passes the
    ``context`` of the course (``issue_context``) that it read once for a chunk of
    enrolments; otherwise it is read here.
    """
    # The enrolment row lock makes two simultaneous calls for one enrolment run one by one.
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("participant__agency", "batch__course")
        .get(pk=enrolment.pk)
    )
    existing = _current_certificate(enrolment)
    if existing is not None and existing.status == CertificateStatus.VALID:
        return existing
    if enrolment.status != EnrolmentStatus.COMPLETED:
        raise ValidationError(_("The enrolment is not completed yet."), code="not_completed")
    course = enrolment.batch.course
    if context is None:
        context = issue_context(course)
    course_settings = context.settings
    if course_settings is None:
        raise ValidationError(
            _("The course %(course)s has no certificate settings.") % {"course": course.title},
            code="no_settings",
        )
    template = course_settings.template
    issued_at = timezone.now()
    issued_on = timezone.localdate(issued_at)
    expires_on = (
        add_months(issued_on, course_settings.validity_months)
        if course_settings.validity_months
        else None
    )
    certificate = existing or Certificate(enrolment=enrolment, code=new_public_code())
    certificate.template = template
    certificate.status = CertificateStatus.VALID
    certificate.issued_at = issued_at
    certificate.issued_by = issued_by
    certificate.expires_on = expires_on
    certificate.replaces = replaces
    certificate.render_status = RenderStatus.QUEUED
    certificate.recipient_salt = certificate.recipient_salt or new_recipient_salt()
    certificate.render_enqueued_at = None
    certificate.facts = take_snapshot(
        enrolment=enrolment,
        template=template,
        number="",
        issued_on=issued_on,
        expires_on=expires_on,
        predicate=course_settings.predicate,
        course_title_en=context.course_title_en,
        template_texts=context.template_texts,
    )
    # Uniqueness is already settled here: the enrolment row lock admits one issue at a time,
    # the number comes from the locked sequence and the code is random among 31^10; the
    # database constraints still stand behind them. The related rows were just read (the
    # enrolment under its lock). Checking any of them again would cost a query each, per
    # certificate, which a batch of hundreds feels.
    certificate.full_clean(
        exclude=["enrolment", "template", "issued_by", "replaces", "number"],
        validate_unique=False,
        validate_constraints=False,
    )
    # The shared rows last: from here to the commit every other issue waits on the
    # sequence row (and the status list's), so only the number and the writes happen here.
    number, year, value = allocate_number(
        template=template, course_code=course.code, issued_on=issued_on
    )
    certificate.number = Certificate._meta.get_field("number").clean(number, certificate)
    certificate.facts["number"] = number
    certificate.sequence_year, certificate.sequence_value = year, value
    # Its bit in the revocation list of the Open Badges credentials, and the salt of its
    # hashed NIP: both fixed at issue, as the credential is.
    if certificate.status_list_index is None:
        certificate.status_list_index = allocate_status_index()
    certificate.save()
    log_certificate(
        certificate,
        CERTIFICATE_ISSUE,
        user=issued_by,
        enrolment_id=enrolment.pk,
        replaces=replaces.code if replaces else None,
    )
    _queue_render(certificate, job_id)
    return certificate


def render_certificate(*, certificate: Certificate, force: bool = False) -> Certificate:
    """
    Render, sign and store the PDF of an issued certificate, with its SHA-256.

    Idempotent: a certificate whose PDF is stored is returned as it is unless ``force``.
    The render itself runs outside any transaction so that a failure (of the render, the
    signature or the file store) is recorded (status, attempts, error) and survives the
    exception that is raised again for the retry.
    """
    certificate = Certificate.objects.select_related(
        "template__logo", "template__partner_logo", "template__background_image"
    ).get(pk=certificate.pk)
    if certificate.status == CertificateStatus.PENDING:
        raise ValidationError(_("A certificate awaiting approval has no PDF."), code="pending")
    if certificate.render_status == RenderStatus.DONE and certificate.pdf and not force:
        return certificate
    Certificate.objects.filter(pk=certificate.pk).update(render_attempts=F("render_attempts") + 1)
    try:
        pdf = render_pdf(
            certificate_html(
                template=certificate.template,
                facts=certificate.facts,
                verification_url=certificate.verification_url,
            )
        )
        signed = sign_pdf(
            pdf,
            reason=f"Sertifikat {certificate.number}",
            location=certificate.facts["template"]["issue_place"],
        )
        return _store_pdf(
            certificate=certificate, data=signed or pdf, is_signed=signed is not None, force=force
        )
    except Exception as error:
        Certificate.objects.filter(pk=certificate.pk).update(
            render_status=RenderStatus.FAILED, render_error=f"{type(error).__name__}: {error}"
        )
        raise


@transaction.atomic
def _store_pdf(*, certificate: Certificate, data: bytes, is_signed: bool, force: bool):
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.render_status == RenderStatus.DONE and certificate.pdf and not force:
        # A second delivery of the same task finished first: keep its PDF and checksum.
        return certificate
    if certificate.pdf:
        certificate.pdf.delete(save=False)
    certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(data), save=False)
    certificate.pdf_sha256 = hashlib.sha256(data).hexdigest()
    certificate.is_signed = is_signed
    certificate.render_status = RenderStatus.DONE
    certificate.render_error = ""
    certificate.rendered_at = timezone.now()
    certificate.save(
        update_fields=[
            "pdf",
            "pdf_sha256",
            "is_signed",
            "render_status",
            "render_error",
            "rendered_at",
        ]
    )
    return certificate


def _send_bilingual_email(*, certificate: Certificate, participant, template: str, **extra):
    """
    One e-mail about ``certificate`` in both languages, the participant's preferred one first
    (Indonesian unless chosen): ``certificates/email/<template>[_subject].txt`` in each.
    """
    if not participant.email:
        return
    subjects, bodies = [], []
    for language in languages_in_order(participant):
        context = {
            "certificate": certificate,
            "course_title": certificate.facts["course"][
                "title" if language == "id" else "title_en"
            ],
            "my_certificates_url": f"{settings.SITE_URL}/{'' if language == 'id' else 'en/'}"
            + "sertifikat-saya/",
            **extra,
        }
        with translation.override(language):
            subjects.append(
                render_to_string(f"certificates/email/{template}_subject.txt", context).strip()
            )
            bodies.append(render_to_string(f"certificates/email/{template}.txt", context))
    subject = " / ".join(dict.fromkeys(subjects))
    body = "\n-----\n\n".join(bodies) + "\nBimtek\n"
    send_mail(subject, body, None, [participant.email])


@transaction.atomic
def notify_participant(*, certificate: Certificate) -> Certificate:
    """E-mail the participant once that their certificate is ready to download."""
    certificate = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("enrolment__participant")
        .get(pk=certificate.pk)
    )
    participant = certificate.enrolment.participant
    if certificate.notified_at or certificate.render_status != RenderStatus.DONE:
        return certificate
    _send_bilingual_email(
        certificate=certificate, participant=participant, template="certificate_ready"
    )
    certificate.notified_at = timezone.now()
    certificate.save(update_fields=["notified_at"])
    return certificate


def _send_revocation_notice(certificate_id: int) -> bool:
    from bimtek.celery import enqueue

    from .tasks import notify_revocation_task

    return enqueue(notify_revocation_task, certificate_id)


@transaction.atomic
def notify_revocation(*, certificate: Certificate) -> Certificate:
    """
    E-mail the participant once that their certificate was revoked, with the reason, and
    when it was reissued, the number of the certificate that replaces it.
    """
    certificate = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("enrolment__participant")
        .get(pk=certificate.pk)
    )
    if certificate.revocation_notified_at or certificate.status != CertificateStatus.REVOKED:
        return certificate
    participant = certificate.enrolment.participant
    _send_bilingual_email(
        certificate=certificate,
        participant=participant,
        template="certificate_revoked",
        successor=Certificate.objects.filter(replaces=certificate).first(),
    )
    certificate.revocation_notified_at = timezone.now()
    certificate.save(update_fields=["revocation_notified_at"])
    return certificate


@transaction.atomic
def revoke_certificate(*, certificate: Certificate, reason: str, revoked_by=None) -> Certificate:
    """
    Revoke an issued certificate with a reason; the record and its PDF are kept. The
    participant is e-mailed the reason (``notify_revocation``) once the change commits; a
    reissue in the same transaction names the new certificate in that e-mail.
    """
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status == CertificateStatus.REVOKED:
        return certificate
    if certificate.status == CertificateStatus.PENDING:
        raise ValidationError(_("Only an issued certificate can be revoked."), code="pending")
    certificate.status = CertificateStatus.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = revoked_by
    certificate.revocation_reason = (reason or "").strip()
    certificate.full_clean()
    certificate.save()
    log_certificate(
        certificate, CERTIFICATE_REVOKE, user=revoked_by, reason=certificate.revocation_reason
    )
    # After commit, so a reissue in the same transaction is in the e-mail too.
    transaction.on_commit(lambda: _send_revocation_notice(certificate.pk))
    return certificate


@transaction.atomic
def reissue_certificate(*, certificate: Certificate, reason: str, issued_by=None) -> Certificate:
    """
    Replace a certificate (e.g. a corrected name): the old one is revoked with ``reason``, a
    new one with a new number and a fresh snapshot points to it. Calling twice returns the
    same new certificate.
    """
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    successor = Certificate.objects.filter(replaces=certificate).first()
    if successor is not None:
        return successor
    revoke_certificate(certificate=certificate, reason=reason, revoked_by=issued_by)
    successor = issue_certificate(
        enrolment=certificate.enrolment, issued_by=issued_by, replaces=certificate
    )
    log_certificate(
        certificate,
        CERTIFICATE_REISSUE,
        user=issued_by,
        reason=(reason or "").strip(),
        replaced_by=successor.code,
    )
    return successor


@transaction.atomic
def issue_batch_certificates(*, batch: Batch, requested_by=None) -> CertificateBatchJob:
    """
    Start issuing the certificates of every completed enrolment of ``batch`` in Celery.

    Returns the job that shows the progress; while a job of the batch is still running, a
    second call returns that job instead of starting another.
    """
    batch = Batch.all_locales.select_for_update().get(pk=batch.pk)
    running = batch.certificate_jobs.exclude(status=BatchJobStatus.FINISHED).first()
    if running is not None:
        return running
    enrolment_ids = list(
        batch.enrolments.filter(status=EnrolmentStatus.COMPLETED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    job = CertificateBatchJob(
        batch=batch,
        requested_by=requested_by,
        total=len(enrolment_ids),
        enrolment_ids=enrolment_ids,
    )
    if not enrolment_ids:
        job.status = BatchJobStatus.FINISHED
        job.finished_at = timezone.now()
    job.full_clean()
    job.save()
    if enrolment_ids:
        _queue_batch(job)
    return job


def _send_batch(job_id: int) -> bool:
    """Hand the batch job's task to the broker and mark when; ``False`` while it is down."""
    from bimtek.celery import enqueue

    from .tasks import run_certificate_batch_job

    sent_at = timezone.now()
    if not enqueue(run_certificate_batch_job, job_id):
        return False
    CertificateBatchJob.objects.filter(pk=job_id).exclude(status=BatchJobStatus.FINISHED).update(
        enqueued_at=sent_at
    )
    return True


def _send_batch_chunk(job_id: int, enrolment_ids: list[int]) -> bool:
    """Hand one chunk of a long batch job to the broker; ``False`` while it is down."""
    from bimtek.celery import enqueue

    from .tasks import run_certificate_batch_job

    return enqueue(run_certificate_batch_job, job_id, enrolment_ids)


def _queue_batch(job: CertificateBatchJob) -> None:
    # The job row, with its enrolments, is the outbox entry; the task carries only its id.
    transaction.on_commit(lambda: _send_batch(job.pk))


def run_batch_job(
    *, job: CertificateBatchJob, enrolment_ids: list[int] | None = None
) -> CertificateBatchJob:
    """
    Issue the certificates of one batch job, one enrolment per transaction.

    Issuing is quick (a number and a snapshot); each PDF is queued as its own task so that
    every worker process renders in parallel, and each counts itself done or failed. A long
    list is split into tasks of ``BATCH_CHUNK_SIZE`` enrolments, so that every worker
    process issues too and the first PDFs are rendered while the rest are still issued.
    Safe to run again after a lost worker: issued certificates are kept and counted once.
    ``enrolment_ids`` defaults to the job's own list (older messages carried it).
    """
    if enrolment_ids is None:
        enrolment_ids = job.enrolment_ids
    CertificateBatchJob.objects.filter(pk=job.pk, status=BatchJobStatus.QUEUED).update(
        status=BatchJobStatus.RUNNING
    )
    if len(enrolment_ids) > BATCH_CHUNK_SIZE:
        # A chunk the broker refuses is not lost: the sweep sends the whole job again once
        # it stops making progress, and what was issued is kept.
        for start in range(0, len(enrolment_ids), BATCH_CHUNK_SIZE):
            _send_batch_chunk(job.pk, enrolment_ids[start : start + BATCH_CHUNK_SIZE])
        return CertificateBatchJob.objects.get(pk=job.pk)
    enrolments = list(
        Enrolment.objects.filter(pk__in=enrolment_ids)
        .select_related("participant", "batch__course")
        .order_by("pk")
    )
    # Two queries for the chunk instead of one per enrolment: their current certificates,
    # and (below) the course's certificate settings, English title and template texts.
    current = {
        certificate.enrolment_id: certificate
        for certificate in _current_certificates().filter(enrolment_id__in=enrolment_ids)
    }
    contexts = {}
    for enrolment in enrolments:
        existing = current.get(enrolment.pk)
        if existing is not None and existing.status == CertificateStatus.VALID:
            # Issued before (or by an earlier try of) this job: only its PDF may be missing.
            if existing.render_status == RenderStatus.DONE:
                record_batch_result(job_id=job.pk, enrolment=enrolment)
            else:
                _queue_render(existing, job.pk)
            continue
        course = enrolment.batch.course
        if course.pk not in contexts:
            contexts[course.pk] = issue_context(course)
        try:
            issue_certificate(enrolment=enrolment, job_id=job.pk, context=contexts[course.pk])
        except ValidationError as error:
            record_batch_result(job_id=job.pk, enrolment=enrolment, error="; ".join(error.messages))
            continue
    return CertificateBatchJob.objects.get(pk=job.pk)


@transaction.atomic
def record_batch_result(*, job_id: int, enrolment: Enrolment, error: str = "") -> None:
    """Count one enrolment of a batch job as done, or as failed with the reason."""
    job = CertificateBatchJob.objects.select_for_update().get(pk=job_id)
    key = str(enrolment.pk)
    if error:
        if enrolment.pk in job.done_enrolment_ids:
            return  # A late failure of a duplicate delivery never undoes a success.
        job.failures[key] = {"participant": str(enrolment.participant), "reason": error}
    else:
        job.failures.pop(key, None)
        if enrolment.pk not in job.done_enrolment_ids:
            job.done_enrolment_ids.append(enrolment.pk)
    # Counted from the sets, so a task delivered twice is counted once.
    job.failed = len(job.failures)
    job.done = len(job.done_enrolment_ids)
    if job.done + job.failed >= job.total:
        job.status = BatchJobStatus.FINISHED
        job.finished_at = timezone.now()
    job.save(
        update_fields=[
            "failures",
            "failed",
            "done",
            "done_enrolment_ids",
            "status",
            "finished_at",
            "updated_at",
        ]
    )


@transaction.atomic
def retry_batch_job(*, job: CertificateBatchJob) -> CertificateBatchJob:
    """Try the failed enrolments of a job again; the ones that succeeded are left alone."""
    job = CertificateBatchJob.objects.select_for_update().get(pk=job.pk)
    enrolment_ids = sorted(int(key) for key in job.failures)
    if not enrolment_ids:
        return job
    job.failures, job.failed = {}, 0
    job.status, job.finished_at = BatchJobStatus.RUNNING, None
    job.enrolment_ids, job.enqueued_at = enrolment_ids, None
    job.save(
        update_fields=[
            "failures",
            "failed",
            "status",
            "finished_at",
            "enrolment_ids",
            "enqueued_at",
            "updated_at",
        ]
    )
    _queue_batch(job)
    return job


def sweep_pending_certificates(*, now=None, stuck_after: timedelta | None = None) -> dict:
    """
    Send again what waits too long: batch jobs and PDFs the broker never received (an
    outage), or whose task went down with a worker and made no progress since.

    Run every minute by Celery beat. A batch job or render counts as stuck when it was
    never sent, or sent longer than ``CERTIFICATE_SWEEP_STUCK_SECONDS`` ago with no
    progress since. Sending twice is harmless: every task is idempotent. While the broker
    is still down nothing is marked, so the next sweep tries again.
    Returns how many jobs and renders were sent.
    """
    now = now or timezone.now()
    if stuck_after is None:
        stuck_after = timedelta(seconds=settings.CERTIFICATE_SWEEP_STUCK_SECONDS)
    cutoff = now - stuck_after
    sent = {"jobs": 0, "renders": 0}
    stuck_jobs = (
        CertificateBatchJob.objects.exclude(status=BatchJobStatus.FINISHED)
        .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=cutoff, updated_at__lt=cutoff))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for job_id in stuck_jobs:
        if not _send_batch(job_id):
            return sent  # The broker is down: the rest waits for the next sweep.
        sent["jobs"] += 1
    stuck_renders = (
        Certificate.objects.filter(
            status=CertificateStatus.VALID, render_status=RenderStatus.QUEUED
        )
        .filter(Q(render_enqueued_at__isnull=True) | Q(render_enqueued_at__lt=cutoff))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for certificate_id in stuck_renders:
        if not _send_render(certificate_id):
            return sent
        sent["renders"] += 1
    if any(sent.values()):
        logger.info("Certificate sweep sent %(jobs)s batch jobs, %(renders)s renders", sent)
    return sent
