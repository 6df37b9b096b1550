"""Fixtures of the certificate tests: a course with settings and a completed enrolment."""

import pytest

from .factories import BatchFactory, CompletedEnrolmentFactory, CourseCertificateSettingsFactory


@pytest.fixture(autouse=True)
def _no_signing_key(settings, tmp_path):
    # Unsigned by default, whatever key a developer's seed_demo left in the work tree.
    settings.CERTIFICATE_SIGNING_P12 = ""
    settings.CERTIFICATE_DEMO_SIGNING_P12 = tmp_path / "no-demo-key.p12"
    settings.SITE_URL = "https://bimtek.example"


@pytest.fixture
def course_settings(db):
    return CourseCertificateSettingsFactory()


@pytest.fixture
def batch(course_settings):
    return BatchFactory(course=course_settings.course)


@pytest.fixture
def enrolment(batch, participant):
    return CompletedEnrolmentFactory(batch=batch, participant=participant)
