"""What the participant sees and hears of their certificates: revocation, reissue, period."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from certificates import services
from certificates.rendering import placeholder_values
from certificates.tasks import render_certificate_task
from training.models import Enrolment

from .factories import BatchFactory, CompletedEnrolmentFactory

pytestmark = pytest.mark.django_db

WITA = datetime.timezone(datetime.timedelta(hours=8))


def _issued(enrolment):
    certificate = services.issue_certificate(enrolment=enrolment)
    render_certificate_task.apply(args=[certificate.pk])
    certificate.refresh_from_db()
    mail.outbox.clear()
    return certificate


def test_a_revoked_certificate_shows_its_reason_and_no_download(client, enrolment):
    certificate = _issued(enrolment)
    services.revoke_certificate(certificate=certificate, reason="Nama peserta keliru ditulis.")
    client.force_login(enrolment.participant)

    html = client.get("/en/sertifikat-saya/").content.decode()

    assert "Revoked" in html
    assert "Nama peserta keliru ditulis." in html
    assert "Download PDF" not in html
    assert f"/sertifikat-saya/{certificate.code}" not in html
    download = client.get(f"/en/sertifikat-saya/{certificate.code}/unduh/")
    assert download.status_code == 302 and download.get("Content-Type") != "application/pdf"


def test_the_participant_is_emailed_the_reason_once_the_revocation_commits(
    enrolment, django_capture_on_commit_callbacks, eager_tasks
):
    certificate = _issued(enrolment)

    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_certificate(certificate=certificate, reason="Data tidak sah.")
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_certificate(certificate=certificate, reason="lagi")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [enrolment.participant.email]
    assert "dicabut" in message.subject and "revoked" in message.subject
    assert "Data tidak sah." in message.body and certificate.number in message.body


def test_a_reissue_e_mail_names_the_certificate_that_replaces_the_old_one(
    enrolment, django_capture_on_commit_callbacks, eager_tasks
):
    certificate = _issued(enrolment)

    with django_capture_on_commit_callbacks(execute=True):
        successor = services.reissue_certificate(certificate=certificate, reason="Gelar keliru.")

    reissue = [m for m in mail.outbox if "reissued" in m.subject]
    assert len(reissue) == 1
    assert "Gelar keliru." in reissue[0].body and successor.number in reissue[0].body


def test_a_batch_still_running_gives_the_period_from_enrolment_to_completion(
    participant, course_settings
):
    batch = BatchFactory(
        course=course_settings.course,
        starts_on=datetime.date(2026, 12, 1),
        ends_on=datetime.date(2027, 3, 1),
    )
    enrolment = CompletedEnrolmentFactory(
        batch=batch,
        participant=participant,
        completed_at=datetime.datetime(2026, 12, 6, 23, 30, tzinfo=WITA),
    )
    Enrolment.objects.filter(pk=enrolment.pk).update(
        enrolled_at=datetime.datetime(2026, 12, 2, 9, tzinfo=WITA)
    )
    enrolment.refresh_from_db()

    with time_machine.travel(datetime.datetime(2026, 12, 7, 10, tzinfo=WITA), tick=False):
        certificate = services.issue_certificate(enrolment=enrolment)

    values = placeholder_values(certificate.facts, "id")
    assert values["dates"] != "1 Desember 2026 – 1 Maret 2027"
    assert values["start_date"] == "2 Desember 2026"
    # 23:30 WITA on 6 December is 15:30 UTC: the WITA day counts.
    assert values["end_date"] == "6 Desember 2026"


def test_a_batch_that_has_ended_gives_its_own_dates(enrolment):
    with time_machine.travel(timezone.now(), tick=False):
        certificate = services.issue_certificate(enrolment=enrolment)

    values = placeholder_values(certificate.facts, "id")
    assert values["start_date"] == "2 Maret 2026" and values["end_date"] == "6 Maret 2026"
