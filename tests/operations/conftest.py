"""Fixtures of the operations tests: a course with certificate settings and an enrolment."""

from tests.certificates.conftest import (  # noqa: F401 - fixtures shared with certificates
    _no_signing_key,
    batch,
    course_settings,
    enrolment,
)
