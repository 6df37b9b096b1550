"""Issuing, approval, snapshots, revocation, reissue and rendering of certificates."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from certificates import services
from certificates.models import (
    Certificate,
    CertificateStatus,
    IssueMode,
    RenderStatus,
)
from certificates.tasks import render_certificate_task
from training.models import EnrolmentStatus
from training.signals import enrolment_completed

from .factories import CompletedEnrolmentFactory

pytestmark = pytest.mark.django_db


def test_issue_gives_a_number_a_code_and_a_snapshot(enrolment):
    certificate = services.issue_certificate(enrolment=enrolment)
    assert certificate.status == CertificateStatus.VALID
    assert certificate.number.startswith("800.2.3/0001/BKPSDM/")
    assert len(certificate.code) == 10
    assert certificate.facts["participant"]["nip"] == enrolment.participant.nip
    assert certificate.facts["course"]["title"] == "Standar Pelayanan Publik"
    assert certificate.facts["course"]["jp"] == "12.0"
    assert certificate.facts["template"]["signatories"][0]["position"]


def test_issuing_twice_returns_the_same_certificate(enrolment):
    first = services.issue_certificate(enrolment=enrolment)
    second = services.issue_certificate(enrolment=enrolment)
    assert first.pk == second.pk
    assert Certificate.objects.count() == 1
    assert first.number == second.number


def test_an_enrolment_that_is_not_completed_gets_no_certificate(enrolment):
    enrolment.status = EnrolmentStatus.ACTIVE
    enrolment.save()
    with pytest.raises(ValidationError):
        services.issue_certificate(enrolment=enrolment)
    assert not Certificate.objects.exists()


def test_later_profile_and_course_edits_do_not_change_an_issued_certificate(enrolment):
    certificate = services.issue_certificate(enrolment=enrolment)
    participant = enrolment.participant
    participant.full_name = "Nama Baru"
    participant.position = "Jabatan Baru"
    participant.save()
    course = enrolment.batch.course
    course.title = "Judul Baru"
    course.jp = "40.0"
    course.save()
    certificate.template.body_id = "teks baru {name}"
    certificate.template.save()
    certificate.refresh_from_db()
    assert certificate.participant_name != "Nama Baru"
    assert certificate.facts["participant"]["position"] == "Analis Kebijakan"
    assert certificate.course_title == "Standar Pelayanan Publik"
    assert certificate.jp == "12.0"
    assert "teks baru" not in certificate.facts["template"]["body_id"]


def test_validity_period_sets_the_expiry(enrolment, course_settings):
    course_settings.validity_months = 24
    course_settings.save()
    certificate = services.issue_certificate(enrolment=enrolment)
    issued_on = certificate.issued_at.date()
    assert certificate.expires_on.year == issued_on.year + 2


def test_add_months_clips_to_the_end_of_a_short_month():
    assert services.add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert services.add_months(datetime.date(2026, 11, 15), 14) == datetime.date(2028, 1, 15)


def test_completion_issues_automatically_when_the_course_says_so(enrolment):
    enrolment_completed.send(sender=type(enrolment), enrolment=enrolment)
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.status == CertificateStatus.VALID


def test_completion_queues_for_approval_when_the_course_says_so(enrolment, course_settings):
    course_settings.issue_mode = IssueMode.APPROVAL
    course_settings.save()
    enrolment_completed.send(sender=type(enrolment), enrolment=enrolment)
    enrolment_completed.send(sender=type(enrolment), enrolment=enrolment)
    pending = Certificate.objects.get(enrolment=enrolment)
    assert pending.status == CertificateStatus.PENDING
    assert pending.number is None

    approved = services.issue_certificate(enrolment=enrolment)
    assert approved.pk == pending.pk
    assert approved.status == CertificateStatus.VALID
    assert approved.number


def test_a_course_without_settings_gives_no_certificate(participant):
    enrolment = CompletedEnrolmentFactory(participant=participant)
    assert services.request_certificate(enrolment=enrolment) is None
    with pytest.raises(ValidationError):
        services.issue_certificate(enrolment=enrolment)


def test_revoking_keeps_the_record_with_date_and_reason(enrolment, administrator):
    certificate = services.issue_certificate(enrolment=enrolment)
    revoked = services.revoke_certificate(
        certificate=certificate, reason="Data peserta keliru", revoked_by=administrator
    )
    assert revoked.status == CertificateStatus.REVOKED
    assert revoked.revoked_at is not None
    assert revoked.revocation_reason == "Data peserta keliru"
    again = services.revoke_certificate(certificate=certificate, reason="lagi")
    assert again.revocation_reason == "Data peserta keliru"
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_revoking_needs_a_reason(enrolment):
    certificate = services.issue_certificate(enrolment=enrolment)
    with pytest.raises(ValidationError):
        services.revoke_certificate(certificate=certificate, reason="  ")


def test_reissue_revokes_the_old_and_points_the_new_to_it(enrolment):
    old = services.issue_certificate(enrolment=enrolment)
    enrolment.participant.full_name = "Nama Yang Benar, S.Kom."
    enrolment.participant.save()
    new = services.reissue_certificate(certificate=old, reason="Nama salah ketik")
    old.refresh_from_db()
    assert old.status == CertificateStatus.REVOKED
    assert new.replaces == old
    assert new.number != old.number
    assert new.participant_name == "Nama Yang Benar, S.Kom."
    assert services.reissue_certificate(certificate=old, reason="x").pk == new.pk


def test_rendering_stores_the_pdf_and_its_sha256_once(enrolment):
    certificate = services.issue_certificate(enrolment=enrolment)
    rendered = services.render_certificate(certificate=certificate)
    assert rendered.render_status == RenderStatus.DONE
    assert rendered.pdf.read(5) == b"%PDF-"
    assert len(rendered.pdf_sha256) == 64
    again = services.render_certificate(certificate=rendered)
    assert again.pdf.name == rendered.pdf.name
    assert again.pdf_sha256 == rendered.pdf_sha256
    assert again.render_attempts == 1


def test_forced_re_render_prints_the_same_facts(enrolment):
    certificate = services.render_certificate(
        certificate=services.issue_certificate(enrolment=enrolment)
    )
    facts = certificate.facts
    enrolment.participant.full_name = "Orang Lain"
    enrolment.participant.save()
    again = services.render_certificate(certificate=certificate, force=True)
    assert again.facts == facts
    assert again.render_attempts == 2


def test_a_failed_render_is_recorded_and_can_be_retried(enrolment):
    # Run in this process (apply), whatever the broker: the retries happen inline.
    certificate = services.issue_certificate(enrolment=enrolment)
    original = certificate.facts
    broken = dict(original)
    del broken["batch"]
    Certificate.objects.filter(pk=certificate.pk).update(facts=broken)

    assert render_certificate_task.apply(args=[certificate.pk]).get() == "failed"
    certificate.refresh_from_db()
    assert certificate.render_status == RenderStatus.FAILED
    assert "KeyError" in certificate.render_error
    # A broken snapshot fails the same way every time: recorded at once, not retried.
    assert certificate.render_attempts == 1

    Certificate.objects.filter(pk=certificate.pk).update(facts=original)
    assert render_certificate_task.apply(args=[certificate.pk]).get() == "done"
    certificate.refresh_from_db()
    assert certificate.render_status == RenderStatus.DONE
    assert certificate.render_error == ""


def test_the_participant_is_emailed_once_when_the_pdf_is_ready(enrolment):
    certificate = services.issue_certificate(enrolment=enrolment)
    # In this process (apply), whatever the broker: a second render sends no second e-mail.
    render_certificate_task.apply(args=[certificate.pk])
    render_certificate_task.apply(args=[certificate.pk])
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [enrolment.participant.email]
    assert certificate.number in message.body
    assert certificate.verification_url in message.body
