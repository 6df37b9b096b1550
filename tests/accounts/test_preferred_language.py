"""
Each user's preferred language (issue 19): on the profile page, and the language of every
e-mail they receive (enrolment, invitation, password reset), whoever triggered it.
"""

import pytest
from django.core import mail
from django.utils import translation
from wagtail.models import Locale

from accounts.invitations import send_invitation_email
from tests.training.factories import BatchFactory
from training.services import enrol_participant
from training.services.translation import translate_learner_record

pytestmark = pytest.mark.django_db

PROFILE = "/akun/profil/"


def _profile_data(participant, **changes):
    return {
        "full_name": participant.full_name or "Siti Rahma",
        "email": participant.email,
        "employee_type": participant.employee_type,
        "rank": participant.rank,
        "position": participant.position,
        **changes,
    }


def test_new_users_prefer_indonesian(participant):
    assert participant.preferred_language == "id"


def test_the_profile_page_offers_and_saves_the_preferred_language(client, participant):
    client.force_login(participant)
    page = client.get("/en/akun/profil/").content.decode()
    assert 'name="preferred_language"' in page and "English" in page
    response = client.post(PROFILE, _profile_data(participant, preferred_language="en"))
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.preferred_language == "en"


def test_a_profile_form_sent_without_the_language_keeps_it(client, participant):
    participant.preferred_language = "en"
    participant.save()
    client.force_login(participant)
    assert client.post(PROFILE, _profile_data(participant)).status_code == 302
    participant.refresh_from_db()
    assert participant.preferred_language == "en"


def test_the_enrolment_email_is_in_the_participants_language(
    participant, django_capture_on_commit_callbacks
):
    participant.preferred_language = "en"
    participant.save()
    batch = BatchFactory()
    Locale.objects.get_or_create(language_code="en")
    translate_learner_record(
        source=batch, language_code="en", texts=lambda r: setattr(r, "name", "Batch One")
    )
    # An administrator working in Indonesian triggers it.
    with translation.override("id"), django_capture_on_commit_callbacks(execute=True):
        enrol_participant(batch=batch, participant=participant)
    (message,) = mail.outbox
    assert "You are enrolled" in message.subject
    assert "Batch One" in message.body
    assert "/en/pembelajaran-saya/" in message.body
    assert "Mulai belajar" not in message.body


def test_the_enrolment_email_stays_indonesian_by_default(
    participant, django_capture_on_commit_callbacks
):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        enrol_participant(batch=BatchFactory(), participant=participant)
    (message,) = mail.outbox
    assert "Mulai belajar" in message.body
    assert "/en/" not in message.body


def test_the_invitation_is_in_the_invitees_language(participant):
    participant.preferred_language = "en"
    participant.save()
    batch = BatchFactory()
    with translation.override("id"):
        send_invitation_email(participant, course=batch.course.title, batch=batch.name)
    (message,) = mail.outbox
    assert "/en/akun/" in message.body
    assert batch.name in message.body


def test_the_password_reset_email_is_in_the_users_language(client, participant):
    participant.preferred_language = "en"
    participant.save()
    client.post("/akun/sandi/lupa/", {"email": participant.email})
    (message,) = mail.outbox
    assert "Someone asked to reset the password" in message.body
    assert "/en/akun/" in message.body
