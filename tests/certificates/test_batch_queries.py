"""
What issuing and rendering a batch costs in queries, per certificate (issue 6).

A batch of 500 is issued and rendered by two worker processes; every query below is paid
500 times. The limits pin the counts measured when they were cut (see
docs/performance.md), and the chunk tests check that the cost per certificate stays the
same whatever the size of the chunk.
"""

import pytest
from django.contrib.contenttypes.models import ContentType

from certificates import services
from certificates.models import CertificateBatchJob, RenderStatus
from certificates.tasks import render_certificate_task

from .factories import BatchFactory, CompletedEnrolmentFactory

pytestmark = pytest.mark.django_db

# Per certificate, once the course's settings are read for the chunk: the enrolment under
# its lock, its current certificate, the sequence and the status list (an update and a read
# each), the insert, the audit-log entry and Wagtail's check of its content type: 9, plus
# the savepoint and its release that the test's own transaction adds (11).
ISSUE_QUERIES = 11
# A chunk: the job's status, its enrolments, their current certificates, the course's
# settings, English title and signatories, the job read back at the end; and, once, the
# year's sequence row created and the certificate's content type read into Django's empty
# content-type cache (as a worker's first chunk meets it). Measured with that cache empty.
CHUNK_QUERIES = 12
# Rendering one PDF of a batch job, from the task's first read to the e-mail's mark.
RENDER_QUERIES = 15


def test_issuing_a_certificate_of_a_batch_costs_a_fixed_number_of_queries(
    batch, django_assert_max_num_queries
):
    first, enrolment = CompletedEnrolmentFactory.create_batch(2, batch=batch)
    context = services.issue_context(batch.course)
    services.issue_certificate(enrolment=first, context=context)  # creates the year's row
    with django_assert_max_num_queries(ISSUE_QUERIES):
        certificate = services.issue_certificate(enrolment=enrolment, context=context)
    assert certificate.number.startswith("800.2.3/0002/")
    assert certificate.facts["number"] == certificate.number
    assert certificate.facts["template"]["signatories"]
    assert certificate.status_list_index is not None


@pytest.mark.parametrize("size", [2, 5])
def test_a_chunk_costs_the_same_queries_per_certificate_whatever_its_size(
    course_settings, size, django_assert_max_num_queries
):
    batch = BatchFactory(course=course_settings.course)
    enrolments = CompletedEnrolmentFactory.create_batch(size, batch=batch)
    job = CertificateBatchJob.objects.create(
        batch=batch, total=size, enrolment_ids=[enrolment.pk for enrolment in enrolments]
    )
    # A worker's first chunk meets Django's content-type cache empty; so does this test,
    # whatever ran before it in the process.
    ContentType.objects.clear_cache()
    with django_assert_max_num_queries(CHUNK_QUERIES + size * ISSUE_QUERIES):
        services.run_batch_job(job=job)
    numbers = sorted(
        certificate.sequence_value
        for enrolment in enrolments
        for certificate in enrolment.certificates.all()
    )
    assert numbers == list(range(1, size + 1))


def test_rendering_a_certificate_of_a_batch_costs_a_fixed_number_of_queries(
    batch, django_assert_max_num_queries, mailoutbox
):
    enrolment = CompletedEnrolmentFactory(batch=batch)
    job = CertificateBatchJob.objects.create(batch=batch, total=1, enrolment_ids=[enrolment.pk])
    certificate = services.issue_certificate(enrolment=enrolment, job_id=job.pk)
    with django_assert_max_num_queries(RENDER_QUERIES):
        assert render_certificate_task.apply(args=[certificate.pk, job.pk]).get() == "done"
    certificate.refresh_from_db()
    job.refresh_from_db()
    assert certificate.render_status == RenderStatus.DONE
    assert (job.done, job.failed, job.status) == (1, 0, "finished")
    assert len(mailoutbox) == 1
