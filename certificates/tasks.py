"""
Celery tasks of certificates: thin wrappers that take ids and call the services.

They are queued with ``transaction.on_commit`` by the services, so a worker never looks for
a row that is not committed yet.
"""

import logging

from celery import shared_task

from .models import Certificate, CertificateBatchJob

logger = logging.getLogger(__name__)

MAX_RENDER_RETRIES = 3


@shared_task(bind=True, max_retries=MAX_RENDER_RETRIES, acks_late=True)
def render_certificate_task(self, certificate_id: int, job_id: int | None = None):
    """Render (and sign) one PDF; retried with backoff; a final failure is recorded, not lost."""
    from . import services

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
    except Exception as error:
        if self.request.retries < self.max_retries:
            if self.request.is_eager:
                # Without a worker (embedded mode) the retry runs at once, in this process.
                return self.apply(
                    args=(certificate_id, job_id), retries=self.request.retries + 1
                ).result
            raise self.retry(exc=error, countdown=5 * 2**self.request.retries) from error
        logger.exception("Certificate %s could not be rendered", certificate_id)
        if job_id is not None:
            services.record_batch_result(
                job_id=job_id,
                enrolment=certificate.enrolment,
                error=f"{type(error).__name__}: {error}",
            )
        return "failed"
    if job_id is not None:
        services.record_batch_result(job_id=job_id, enrolment=certificate.enrolment)
    services.notify_participant(certificate=certificate)
    return "done"


@shared_task(acks_late=True)
def run_certificate_batch_job(job_id: int, enrolment_ids: list[int]):
    """Issue the certificates of a batch job; each PDF is rendered by its own task."""
    from . import services

    services.run_batch_job(
        job=CertificateBatchJob.objects.get(pk=job_id), enrolment_ids=enrolment_ids
    )
