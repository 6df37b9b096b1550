"""
The audit log of administrative actions, in Wagtail's log: who, when and what for imports,
certificate issue/revoke/reissue, grade changes, role changes and sign-in unlocks (the last
in test_sign_in_protection). Each entry shows in the admin's site history report.
"""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import LogContext
from wagtail.models import ModelLogEntry

from accounts.audit import ROLE_CHANGE
from accounts.demo import AGENCIES
from accounts.models import Agency
from accounts.roles import ADMINISTRATORS, TRAINERS
from certificates import services as certificate_services
from certificates.audit import CERTIFICATE_ISSUE, CERTIFICATE_REISSUE, CERTIFICATE_REVOKE
from tests.certificates.factories import BatchFactory as CertificateBatchFactory
from tests.certificates.factories import (
    CompletedEnrolmentFactory,
    CourseCertificateSettingsFactory,
)
from tests.factories import AdministratorFactory, ParticipantFactory, UserFactory, prefers_english
from tests.training.assessment_factories import (
    BatchFactory,
    EnrolmentFactory,
    add_question,
    make_course,
    make_quiz,
)
from tests.training.factories import BatchFactory as OpenBatchFactory
from tests.training.test_import import good_row, xlsx
from training.audit import GRADE_CHANGE, PARTICIPANT_IMPORT
from training.models import QuizKind
from training.services import (
    grade_essay_answer,
    preview_participant_import,
    run_participant_import,
    start_attempt,
    submit_attempt,
)

pytestmark = pytest.mark.django_db


def entries(action):
    return list(ModelLogEntry.objects.filter(action=action).order_by("timestamp", "pk"))


@pytest.fixture
def started():
    return timezone.now()


def assert_who_and_when(entry, user, started):
    assert entry.user_id == user.pk
    assert started <= entry.timestamp <= timezone.now()


def test_a_participant_import_is_logged_with_its_counts(started):
    for name, short_name in AGENCIES:
        Agency.objects.get_or_create(name=name, defaults={"short_name": short_name})
    administrator = AdministratorFactory()
    batch = OpenBatchFactory()
    participant_import, _results = preview_participant_import(
        batch=batch, content=xlsx(good_row()), file_name="peserta.xlsx"
    )

    run_participant_import(participant_import=participant_import, imported_by=administrator)
    run_participant_import(participant_import=participant_import, imported_by=administrator)

    [entry] = entries(PARTICIPANT_IMPORT)
    assert_who_and_when(entry, administrator, started)
    assert entry.object_id == str(participant_import.pk)
    assert entry.data["batch_id"] == batch.pk
    assert (entry.data["created"], entry.data["enrolled"], entry.data["errors"]) == (1, 1, 0)


@pytest.fixture
def certificate_enrolment():
    course_settings = CourseCertificateSettingsFactory()
    return CompletedEnrolmentFactory(batch=CertificateBatchFactory(course=course_settings.course))


def test_issuing_a_certificate_is_logged_once(certificate_enrolment, started):
    administrator = AdministratorFactory()

    certificate = certificate_services.issue_certificate(
        enrolment=certificate_enrolment, issued_by=administrator
    )
    certificate_services.issue_certificate(enrolment=certificate_enrolment, issued_by=administrator)

    [entry] = entries(CERTIFICATE_ISSUE)
    assert_who_and_when(entry, administrator, started)
    assert entry.object_id == str(certificate.pk)
    assert entry.data["number"] == certificate.number
    assert entry.data["enrolment_id"] == certificate_enrolment.pk


def test_revoking_a_certificate_is_logged_with_the_reason(certificate_enrolment, started):
    administrator = AdministratorFactory()
    certificate = certificate_services.issue_certificate(enrolment=certificate_enrolment)

    certificate_services.revoke_certificate(
        certificate=certificate, reason="Data peserta keliru", revoked_by=administrator
    )
    certificate_services.revoke_certificate(
        certificate=certificate, reason="lagi", revoked_by=administrator
    )

    [entry] = entries(CERTIFICATE_REVOKE)
    assert_who_and_when(entry, administrator, started)
    assert entry.data == {
        "code": certificate.code,
        "number": certificate.number,
        "reason": "Data peserta keliru",
    }


def test_reissuing_a_certificate_is_logged_with_its_successor(certificate_enrolment, started):
    administrator = AdministratorFactory()
    certificate = certificate_services.issue_certificate(enrolment=certificate_enrolment)

    successor = certificate_services.reissue_certificate(
        certificate=certificate, reason="Nama dikoreksi", issued_by=administrator
    )

    [entry] = entries(CERTIFICATE_REISSUE)
    assert_who_and_when(entry, administrator, started)
    assert entry.object_id == str(certificate.pk)
    assert entry.data["replaced_by"] == successor.code
    assert entries(CERTIFICATE_REVOKE)[0].user_id == administrator.pk
    assert entries(CERTIFICATE_ISSUE)[-1].data["replaces"] == certificate.code


def test_a_grade_change_is_logged_with_the_points_before_and_after(started):
    trainer = UserFactory(roles=[TRAINERS])
    course = make_course(trainers=[trainer])
    enrolment = EnrolmentFactory(batch=BatchFactory(course=course))
    quiz = make_quiz(course, QuizKind.POST_TEST)
    essay = add_question(quiz, "essay", "Jelaskan maklumat pelayanan.", points="4")
    attempt = submit_attempt(
        attempt=start_attempt(enrolment=enrolment, quiz=quiz),
        responses={essay.pk: "Janji penyelenggara kepada masyarakat."},
    )
    answer = attempt.answers.get(question_ref=essay.pk)

    grade_essay_answer(answer=answer, points=2, grader=trainer)
    grade_essay_answer(answer=answer, points=3, grader=trainer)

    first, second = entries(GRADE_CHANGE)
    assert_who_and_when(second, trainer, started)
    assert first.data["previous_points"] is None
    assert Decimal(first.data["points"]) == 2
    assert Decimal(second.data["previous_points"]) == 2
    assert Decimal(second.data["points"]) == 3


def test_a_role_change_is_logged_with_who_made_it(started):
    administrator = AdministratorFactory()
    user = ParticipantFactory()
    ModelLogEntry.objects.filter(action=ROLE_CHANGE).delete()

    # Wagtail sets this context around every admin view, the user edit screen included.
    with LogContext(user=administrator):
        user.groups.add(Group.objects.get(name=ADMINISTRATORS))
        user.groups.remove(Group.objects.get(name=ADMINISTRATORS))

    added, removed = entries(ROLE_CHANGE)
    assert_who_and_when(added, administrator, started)
    assert added.object_id == str(user.pk)
    assert added.data == {"added": [ADMINISTRATORS], "removed": []}
    assert removed.data == {"added": [], "removed": [ADMINISTRATORS]}


def test_a_role_change_in_the_admin_user_screen_is_logged(client):
    superuser = UserFactory(is_superuser=True)
    user = ParticipantFactory()
    ModelLogEntry.objects.filter(action=ROLE_CHANGE).delete()
    client.force_login(superuser)
    trainers = Group.objects.get(name=TRAINERS)
    participants = Group.objects.get(name="Participants")

    response = client.post(
        reverse("wagtailusers_users:edit", args=[user.pk]),
        {
            "username": user.username,
            "email": user.email,
            "first_name": "Siti",
            "last_name": "Nurhaliza",
            "full_name": user.full_name,
            "nip": user.nip,
            "employee_type": user.employee_type,
            "rank": user.rank,
            "position": user.position,
            "agency": user.agency_id,
            "phone": "",
            "public_bio": "",
            "is_active": "on",
            "groups": [participants.pk, trainers.pk],
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    [entry] = entries(ROLE_CHANGE)
    assert entry.user_id == superuser.pk
    assert entry.data["added"] == [TRAINERS]


def test_the_actions_show_in_the_site_history_report(client, certificate_enrolment):
    superuser = UserFactory(is_superuser=True)
    certificate = certificate_services.issue_certificate(
        enrolment=certificate_enrolment, issued_by=superuser
    )
    certificate_services.revoke_certificate(
        certificate=certificate, reason="Salah data", revoked_by=superuser
    )
    client.force_login(prefers_english(superuser))

    response = client.get(reverse("wagtailadmin_reports:site_history"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Certificate issued" in html and "Certificate revoked" in html
