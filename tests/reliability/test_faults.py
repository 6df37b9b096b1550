"""
Faults against the real services (PostgreSQL, a private Redis, Celery workers with beat):
a worker killed in the middle of a batch, a broker stopped while certificates are
requested, a render that fails and then succeeds. Each ends with nothing lost or doubled.
"""

import hashlib

import pytest

from certificates import services
from certificates.models import BatchJobStatus, Certificate, CertificateBatchJob, RenderStatus
from tests.certificates.factories import BatchFactory, CompletedEnrolmentFactory

from .conftest import wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _rendered(batch) -> int:
    return Certificate.objects.filter(
        enrolment__batch=batch, render_status=RenderStatus.DONE
    ).count()


def _assert_each_certificate_once(batch, count):
    certificates = Certificate.objects.filter(enrolment__batch=batch)
    assert certificates.count() == count
    assert certificates.values("enrolment").distinct().count() == count
    assert sorted(certificates.values_list("sequence_value", flat=True)) == list(
        range(1, count + 1)
    )
    assert set(certificates.values_list("render_status", flat=True)) == {RenderStatus.DONE}
    assert all(len(sha) == 64 for sha in certificates.values_list("pdf_sha256", flat=True))


def test_a_worker_killed_in_the_middle_of_a_batch_leaves_every_certificate_once(
    start_worker, course_settings
):
    # Enough that the kill lands in the middle: a quiet machine renders 8 between two polls.
    count = 40
    batch = BatchFactory(course=course_settings.course)
    CompletedEnrolmentFactory.create_batch(count, batch=batch)
    worker = start_worker()
    job = services.issue_batch_certificates(batch=batch)

    wait_for(lambda: _rendered(batch) >= 1, seconds=60, message="no certificate rendered")
    worker.kill()
    rendered_before_the_kill = _rendered(batch)
    assert rendered_before_the_kill < count, "the batch finished before the worker was killed"

    start_worker()
    wait_for(
        lambda: CertificateBatchJob.objects.get(pk=job.pk).status == BatchJobStatus.FINISHED,
        seconds=90,
        message="the batch did not finish after the worker came back",
    )
    job.refresh_from_db()
    assert (job.total, job.done, job.failed) == (count, count, 0)
    _assert_each_certificate_once(batch, count)


def test_certificates_requested_while_redis_is_down_are_issued_by_the_sweep(
    start_worker, private_redis, course_settings
):
    start_worker()
    single_batch = BatchFactory(course=course_settings.course)
    singles = CompletedEnrolmentFactory.create_batch(3, batch=single_batch)
    whole_batch = BatchFactory(course=course_settings.course)
    CompletedEnrolmentFactory.create_batch(3, batch=whole_batch)

    private_redis.stop()
    # Neither call raises: the work is in the database, the broker's refusal is logged.
    issued = [services.request_certificate(enrolment=enrolment) for enrolment in singles]
    job = services.issue_batch_certificates(batch=whole_batch)
    assert all(certificate.number for certificate in issued)
    assert not Certificate.objects.filter(render_enqueued_at__isnull=False).exists()
    job.refresh_from_db()
    assert (job.status, job.enqueued_at) == (BatchJobStatus.QUEUED, None)

    private_redis.start()
    wait_for(
        lambda: (
            _rendered(single_batch) == 3
            and CertificateBatchJob.objects.get(pk=job.pk).status == BatchJobStatus.FINISHED
        ),
        seconds=90,
        message="the sweep did not issue what was requested during the outage",
    )
    _assert_each_certificate_once(single_batch, 3)
    job.refresh_from_db()
    assert (job.done, job.failed) == (3, 0)
    certificates = Certificate.objects.filter(enrolment__batch=whole_batch)
    # One number sequence for the course's pattern: the batch follows the three singles.
    assert sorted(certificates.values_list("sequence_value", flat=True)) == [4, 5, 6]


def test_a_render_that_fails_is_recorded_and_a_retry_succeeds(start_worker, enrolment):
    worker_media = start_worker.private_media_root
    # The file store fails: a file stands where the worker's folder of PDFs belongs.
    worker_media.parent.mkdir(parents=True, exist_ok=True)
    worker_media.write_text("not a folder")
    start_worker()

    certificate = services.issue_certificate(enrolment=enrolment)
    wait_for(
        lambda: Certificate.objects.get(pk=certificate.pk).render_status == RenderStatus.FAILED,
        seconds=60,
        message="the failing render was not recorded",
    )
    certificate.refresh_from_db()
    assert "Error" in certificate.render_error
    assert certificate.pdf_sha256 == ""

    worker_media.unlink()  # the file store is back; the task's next retry succeeds
    wait_for(
        lambda: Certificate.objects.get(pk=certificate.pk).render_status == RenderStatus.DONE,
        seconds=60,
        message="the retry did not render the certificate",
    )
    certificate.refresh_from_db()
    assert certificate.render_attempts >= 2
    assert certificate.render_error == ""
    stored = (worker_media / certificate.pdf.name).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == certificate.pdf_sha256
