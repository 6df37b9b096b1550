"""
Celery tasks of certificates: thin wrappers that take ids and call the services.

The services record the work in the database first (a certificate whose PDF is queued, a
batch job with its enrolments) and send these tasks after the transaction commits, so a
worker never looks for a row that is not committed yet and a broker outage loses nothing:
``sweep_pending_certificates`` (Celery beat) sends whatever is still waiting.

Every task here is safe to run twice (a rendered PDF is kept, a certificate is issued once
per enrolment, a batch result is counted once), so the ones that do real work acknowledge
late and are delivered again when their worker process dies in the middle.
"""

import logging

from celery import shared_task
from django.conf import settings

from bimtek.celery import TRANSIENT_ERRORS, backoff_seconds

# Imported with the tasks, not in each task: a prefork worker's main process imports this
# module before it forks, so its pool processes share WeasyPrint and pyHanko already
# loaded instead of each importing them (about 0.6 s of CPU) on its first certificate.
from . import services
from .models import Certificate, CertificateBatchJob

logger = logging.getLogger(__name__)

RERUN_SAFE = {"acks_late": True, "reject_on_worker_lost": True, "ignore_result": True}


@shared_task(
    bind=True,
    name="certificates.render_certificate",
    soft_time_limit=2 * 60,
    time_limit=3 * 60,
    **RERUN_SAFE,
)
def render_certificate_task(self, certificate_id: int, job_id: int | None = None):
    """
    Render (and sign) one PDF. Transient errors are retried with exponential backoff;
    a final or permanent failure is recorded on the certificate and its batch job.
    """
    certificate = (
        Certificate.objects.select_related("enrolment__participant")
        .filter(pk=certificate_id)
        .first()
    )
    if certificate is None:
        # Queued by a transaction whose rows are gone (e.g. a flushed test database).
        logger.warning("Certificate %s no longer exists; nothing to render", certificate_id)
        return "missing"
    try:
        services.render_certificate(certificate=certificate)
    except TRANSIENT_ERRORS as error:
        max_retries = settings.CERTIFICATE_RENDER_MAX_RETRIES
        if self.request.retries < max_retries:
            countdown = backoff_seconds(
                self.request.retries, settings.CERTIFICATE_RENDER_RETRY_BACKOFF_SECONDS
            )
            logger.warning(
                "Certificate %s: %s, retry %s of %s in %.0f s",
                certificate_id,
                type(error).__name__,
                self.request.retries + 1,
                max_retries,
                countdown,
            )
            if self.request.is_eager:
                # Without a worker (embedded mode) the retry runs at once, in this process.
                return self.apply(
                    args=(certificate_id, job_id), retries=self.request.retries + 1
                ).result
            raise self.retry(exc=error, countdown=countdown, max_retries=max_retries) from error
        return _record_failure(certificate, job_id, error)
    except Exception as error:
        # Permanent (a broken template or snapshot): the same render would fail again.
        return _record_failure(certificate, job_id, error)
    if job_id is not None:
        services.record_batch_result(job_id=job_id, enrolment=certificate.enrolment)
    services.notify_participant(certificate=certificate)
    return "done"


@shared_task(name="certificates.notify_revocation", **RERUN_SAFE)
def notify_revocation_task(certificate_id: int):
    """E-mail the participant that a certificate was revoked (or reissued); sent once."""
    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is None:
        return "missing"
    services.notify_revocation(certificate=certificate)
    return "done"


def _record_failure(certificate: Certificate, job_id: int | None, error: Exception) -> str:
    logger.exception("Certificate %s could not be rendered", certificate.pk, exc_info=error)
    if job_id is not None:
        services.record_batch_result(
            job_id=job_id,
            enrolment=certificate.enrolment,
            error=f"{type(error).__name__}: {error}",
        )
    return "failed"


@shared_task(
    bind=True,
    name="certificates.run_batch_job",
    max_retries=5,
    soft_time_limit=10 * 60,
    time_limit=11 * 60,
    **RERUN_SAFE,
)
def run_certificate_batch_job(self, job_id: int, enrolment_ids: list[int] | None = None):
    """Issue the certificates of a batch job; each PDF is rendered by its own task."""
    job = CertificateBatchJob.objects.filter(pk=job_id).first()
    if job is None:
        logger.warning("Certificate batch job %s no longer exists", job_id)
        return "missing"
    try:
        services.run_batch_job(job=job, enrolment_ids=enrolment_ids)
    except TRANSIENT_ERRORS as error:
        if self.request.is_eager:
            raise
        raise self.retry(exc=error, countdown=backoff_seconds(self.request.retries, 10)) from error
    return "done"


@shared_task(name="certificates.sweep_pending_certificates", ignore_result=True)
def sweep_pending_certificates_task() -> dict:
    """Send again every batch job and PDF that waits too long (run by beat every minute)."""
    return services.sweep_pending_certificates()
