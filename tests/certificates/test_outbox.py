"""
Certificate work is recorded before it is sent: a broker outage is logged, never raised to
the user, and the sweep sends whatever still waits. Batch results are counted once.
"""

import datetime
import logging

import pytest
from django.utils import timezone

from certificates import services
from certificates.models import BatchJobStatus, Certificate, CertificateBatchJob, RenderStatus
from tests.brokers import use_broker
from training.signals import enrolment_completed

from .factories import BatchFactory, CompletedEnrolmentFactory

DEAD_BROKER = "redis://127.0.0.1:6399/0"  # nothing listens there


@pytest.mark.django_db
def test_an_unreachable_broker_is_logged_and_the_certificate_still_issued(
    enrolment, django_capture_on_commit_callbacks, caplog
):
    with use_broker(DEAD_BROKER), caplog.at_level(logging.WARNING, logger="bimtek.celery"):
        with django_capture_on_commit_callbacks(execute=True):
            enrolment_completed.send(sender=type(enrolment), enrolment=enrolment)
        certificate = Certificate.objects.get(enrolment=enrolment)
        assert certificate.number
        assert certificate.render_status == RenderStatus.QUEUED
        assert certificate.render_enqueued_at is None
        assert "certificates.render_certificate" in caplog.text
        # While the broker is still down, the sweep sends nothing and raises nothing.
        assert services.sweep_pending_certificates() == {"jobs": 0, "renders": 0}


@pytest.mark.django_db
def test_a_batch_requested_during_an_outage_waits_in_the_database(
    batch, django_capture_on_commit_callbacks
):
    CompletedEnrolmentFactory.create_batch(2, batch=batch)
    with use_broker(DEAD_BROKER), django_capture_on_commit_callbacks(execute=True):
        job = services.issue_batch_certificates(batch=batch)
    job.refresh_from_db()
    assert job.status == BatchJobStatus.QUEUED
    assert job.enqueued_at is None
    assert len(job.enrolment_ids) == 2


@pytest.mark.django_db(transaction=True)
def test_the_sweep_sends_a_lost_render_and_a_lost_batch_but_not_fresh_ones(
    batch, enrolment, eager_tasks
):
    # Eager mode and committed transactions: what the sweep sends runs here at once.
    lost = services.issue_certificate(enrolment=enrolment)
    fresh = services.issue_certificate(enrolment=CompletedEnrolmentFactory(batch=batch))
    Certificate.objects.filter(pk__in=[lost.pk, fresh.pk]).update(
        render_status=RenderStatus.QUEUED, pdf="", render_enqueued_at=timezone.now()
    )
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    Certificate.objects.filter(pk=lost.pk).update(render_enqueued_at=an_hour_ago)
    other_batch = BatchFactory(course=batch.course)
    CompletedEnrolmentFactory.create_batch(2, batch=other_batch)
    job = CertificateBatchJob.objects.create(
        batch=other_batch,
        total=2,
        enrolment_ids=list(other_batch.enrolments.values_list("pk", flat=True)),
    )

    sent = services.sweep_pending_certificates()

    assert sent == {"jobs": 1, "renders": 1}
    lost.refresh_from_db()
    fresh.refresh_from_db()
    job.refresh_from_db()
    assert lost.render_status == RenderStatus.DONE
    assert fresh.render_status == RenderStatus.QUEUED
    assert (job.status, job.done, job.failed) == (BatchJobStatus.FINISHED, 2, 0)


@pytest.mark.django_db
def test_a_batch_result_delivered_twice_is_counted_once(batch):
    first, second = CompletedEnrolmentFactory.create_batch(2, batch=batch)
    job = CertificateBatchJob.objects.create(batch=batch, total=2)
    services.record_batch_result(job_id=job.pk, enrolment=first)
    services.record_batch_result(job_id=job.pk, enrolment=first)
    services.record_batch_result(job_id=job.pk, enrolment=first, error="late duplicate")
    job.refresh_from_db()
    assert (job.done, job.failed, job.status) == (1, 0, BatchJobStatus.QUEUED)
    services.record_batch_result(job_id=job.pk, enrolment=second)
    job.refresh_from_db()
    assert (job.done, job.failed, job.status) == (2, 0, BatchJobStatus.FINISHED)


@pytest.mark.django_db
def test_running_a_batch_job_twice_issues_each_certificate_once(
    batch, eager_tasks, django_capture_on_commit_callbacks
):
    CompletedEnrolmentFactory.create_batch(3, batch=batch)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.issue_batch_certificates(batch=batch)  # runs eagerly once committed
    services.run_batch_job(job=job)  # as a second delivery after a lost worker would
    job.refresh_from_db()
    certificates = Certificate.objects.filter(enrolment__batch=batch)
    assert certificates.count() == 3
    assert sorted(certificates.values_list("sequence_value", flat=True)) == [1, 2, 3]
    assert (job.done, job.failed, job.status) == (3, 0, BatchJobStatus.FINISHED)


@pytest.mark.django_db
def test_a_transient_storage_error_is_retried_until_the_render_succeeds(
    enrolment, settings, tmp_path
):
    from certificates.tasks import render_certificate_task

    settings.CERTIFICATE_RENDER_RETRY_BACKOFF_SECONDS = 0
    certificate = services.issue_certificate(enrolment=enrolment)
    Certificate.objects.filter(pk=certificate.pk).update(render_status=RenderStatus.QUEUED, pdf="")
    # The storage cannot create its folder: a file stands where the folder belongs.
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "blocked-media"
    settings.PRIVATE_MEDIA_ROOT.write_text("not a folder")
    assert render_certificate_task.apply(args=[certificate.pk]).get() == "failed"
    certificate.refresh_from_db()
    assert certificate.render_status == RenderStatus.FAILED
    assert certificate.render_attempts == 1 + settings.CERTIFICATE_RENDER_MAX_RETRIES
    assert "Error" in certificate.render_error

    settings.PRIVATE_MEDIA_ROOT.unlink()
    assert render_certificate_task.apply(args=[certificate.pk]).get() == "done"
    certificate.refresh_from_db()
    assert certificate.render_status == RenderStatus.DONE
