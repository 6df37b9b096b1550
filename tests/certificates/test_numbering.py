"""Official certificate numbers: patterns, consecutive sequences, yearly restart, concurrency."""

import datetime
import threading

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection

from certificates.models import Certificate
from certificates.placeholders import format_number, validate_number_pattern
from certificates.services import allocate_number, issue_certificate

from .factories import BatchFactory, CertificateTemplateFactory, CompletedEnrolmentFactory


def test_pattern_fills_zero_padded_sequence_roman_month_and_year():
    number = format_number(
        "800.2.3/{seq:04d}/BKPSDM/{month_roman}/{year}",
        seq=7,
        year=2026,
        month=3,
        course_code="PP-01",
    )
    assert number == "800.2.3/0007/BKPSDM/III/2026"


def test_pattern_may_use_month_number_and_course_code():
    number = format_number(
        "{course_code}-{year}{month}-{seq}", seq=12, year=2026, month=11, course_code="PP-01"
    )
    assert number == "PP-01-202611-12"


@pytest.mark.parametrize(
    "pattern",
    ["800.2.3/BKPSDM/{year}", "{seq}/{unknown}", "{seq:04d}/{year", "{seq:q}"],
)
def test_invalid_patterns_are_refused(pattern):
    with pytest.raises(ValidationError):
        validate_number_pattern(pattern)


@pytest.mark.django_db
def test_numbers_are_consecutive_per_template():
    template = CertificateTemplateFactory()
    day = datetime.date(2026, 3, 9)
    numbers = [
        allocate_number(template=template, course_code="X", issued_on=day)[0] for _ in range(3)
    ]
    assert numbers == [
        "800.2.3/0001/BKPSDM/III/2026",
        "800.2.3/0002/BKPSDM/III/2026",
        "800.2.3/0003/BKPSDM/III/2026",
    ]


@pytest.mark.django_db
def test_sequence_restarts_every_year():
    template = CertificateTemplateFactory(number_pattern="{seq}/{year}")
    last_of_2026 = allocate_number(
        template=template, course_code="X", issued_on=datetime.date(2026, 12, 31)
    )
    allocate_number(template=template, course_code="X", issued_on=datetime.date(2026, 12, 31))
    first_of_2027 = allocate_number(
        template=template, course_code="X", issued_on=datetime.date(2027, 1, 1)
    )
    assert last_of_2026 == ("1/2026", 2026, 1)
    assert first_of_2027 == ("1/2027", 2027, 1)


@pytest.mark.django_db
def test_issued_certificates_take_the_number_of_their_local_issue_date(course_settings):
    batch = BatchFactory(course=course_settings.course)
    # 23:30 UTC on 31 December is already 1 January in Gorontalo (WITA, UTC+8).
    with time_machine.travel(datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)):
        certificate = issue_certificate(enrolment=CompletedEnrolmentFactory(batch=batch))
    assert certificate.number == "800.2.3/0001/BKPSDM/I/2027"
    assert certificate.sequence_year == 2027


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_get_exactly_the_numbers_one_to_n(course_settings):
    batch = BatchFactory(course=course_settings.course)
    enrolments = CompletedEnrolmentFactory.create_batch(12, batch=batch)
    barrier = threading.Barrier(len(enrolments))
    errors = []

    def issue(enrolment):
        try:
            barrier.wait(timeout=10)
            issue_certificate(enrolment=enrolment)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(e,)) for e in enrolments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    values = sorted(Certificate.objects.values_list("sequence_value", flat=True))
    assert values == list(range(1, len(enrolments) + 1))
    assert Certificate.objects.values("number").distinct().count() == len(enrolments)
    # Each also took its own bit of the Open Badges revocation list, with no gap.
    indexes = sorted(Certificate.objects.values_list("status_list_index", flat=True))
    assert indexes == list(range(len(enrolments)))


@pytest.mark.django_db
def test_templates_with_the_same_pattern_share_one_sequence():
    first, second = CertificateTemplateFactory(), CertificateTemplateFactory()
    day = datetime.date(2026, 3, 9)
    a = allocate_number(template=first, course_code="X", issued_on=day)[0]
    b = allocate_number(template=second, course_code="X", issued_on=day)[0]
    assert (a, b) == ("800.2.3/0001/BKPSDM/III/2026", "800.2.3/0002/BKPSDM/III/2026")
