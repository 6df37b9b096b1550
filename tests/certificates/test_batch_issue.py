"""Issuing a whole batch in Celery, with progress, failures and retry."""

import time
from pathlib import Path

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from certificates import services
from certificates.models import (
    BatchJobStatus,
    Certificate,
    CertificateBatchJob,
    CourseCertificateSettings,
    RenderStatus,
)

from .factories import (
    BatchFactory,
    CertificateTemplateFactory,
    CompletedEnrolmentFactory,
    make_course,
)


def _wait_for(job, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status == BatchJobStatus.FINISHED:
            return job
        time.sleep(0.5)
    raise AssertionError(f"batch job not finished in {seconds} s: {job.done}/{job.total}")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_batch_is_issued_and_rendered_by_the_worker(live_worker, course_settings):
    batch = BatchFactory(course=course_settings.course)
    CompletedEnrolmentFactory.create_batch(6, batch=batch)
    job = services.issue_batch_certificates(batch=batch)
    job = _wait_for(job)
    assert (job.total, job.done, job.failed) == (6, 6, 0)
    certificates = Certificate.objects.filter(enrolment__batch=batch)
    assert sorted(certificates.values_list("sequence_value", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert set(certificates.values_list("render_status", flat=True)) == {RenderStatus.DONE}
    assert all(len(sha) == 64 for sha in certificates.values_list("pdf_sha256", flat=True))


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_long_batch_is_issued_in_chunks_with_consecutive_numbers(
    live_worker, course_settings, monkeypatch
):
    # Embedded (eager) mode runs the chunk tasks in this process, so the small chunk size
    # applies; a real worker uses its own (the job must finish the same either way).
    monkeypatch.setattr(services, "BATCH_CHUNK_SIZE", 2)
    batch = BatchFactory(course=course_settings.course)
    CompletedEnrolmentFactory.create_batch(5, batch=batch)

    job = _wait_for(services.issue_batch_certificates(batch=batch))

    assert (job.total, job.done, job.failed) == (5, 5, 0)
    certificates = Certificate.objects.filter(enrolment__batch=batch)
    assert sorted(certificates.values_list("sequence_value", flat=True)) == [1, 2, 3, 4, 5]
    assert set(certificates.values_list("render_status", flat=True)) == {RenderStatus.DONE}


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_failures_are_listed_with_their_reason_and_retried(live_worker):
    course = make_course(code="PP-02")
    batch = BatchFactory(course=course)
    CompletedEnrolmentFactory.create_batch(3, batch=batch)
    job = _wait_for(services.issue_batch_certificates(batch=batch))
    assert (job.done, job.failed) == (0, 3)
    reasons = {failure["reason"] for failure in job.failures.values()}
    # The reason is stored as written, in the site's default language (Indonesian).
    assert len(reasons) == 1
    assert course.title in reasons.pop()

    CourseCertificateSettings.objects.create(course=course, template=CertificateTemplateFactory())
    job = _wait_for(services.retry_batch_job(job=job))
    assert (job.done, job.failed, job.failures) == (3, 0, {})


@pytest.mark.django_db
def test_a_second_request_while_running_returns_the_same_job(course_settings):
    batch = BatchFactory(course=course_settings.course)
    CompletedEnrolmentFactory(batch=batch)
    first = services.issue_batch_certificates(batch=batch)
    second = services.issue_batch_certificates(batch=batch)
    assert first.pk == second.pk
    assert CertificateBatchJob.objects.count() == 1


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_admin_starts_a_batch_and_sees_its_progress_and_zip(
    live_worker, client, administrator, course_settings, settings
):
    if live_worker is not None:
        # The worker stores the PDFs in its own folder; read the ZIP's files there.
        settings.PRIVATE_MEDIA_ROOT = (
            Path(__file__).resolve().parents[2] / "test-artifacts" / "worker-private-media"
        )
    batch = BatchFactory(course=course_settings.course)
    CompletedEnrolmentFactory.create_batch(2, batch=batch)
    client.force_login(administrator)
    response = client.post(reverse("certificates_batch_jobs:add"), {"batch": batch.pk})
    assert response.status_code == 302
    job = _wait_for(CertificateBatchJob.objects.get(batch=batch))
    profile = UserProfile.get_for_user(administrator)
    profile.preferred_language = "en"  # the admin speaks Indonesian unless a user chooses
    profile.save()
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert '<progress class="certificate-progress" max="2" value="2"' in html
    assert "2 of 2 certificates ready, 0 failed" in html
    assert job.status == BatchJobStatus.FINISHED

    archive = client.get(reverse("certificates_register:batch_zip", args=[batch.pk]))
    assert archive.status_code == 200
    import zipfile
    from io import BytesIO

    names = zipfile.ZipFile(BytesIO(b"".join(archive.streaming_content))).namelist()
    assert len(names) == 2
    assert all(name.startswith("800-2-3-000") for name in names)
