"""
Certificates in the participant's languages (issue 19): the list's course title in the page
language, the English predicate, and the preferred language first on the PDF and e-mail.
"""

import pytest
from django.core import mail
from wagtail.models import Locale

from certificates import services
from certificates.models import Certificate, Predicate, predicate_in
from certificates.rendering import certificate_html, placeholder_values
from certificates.tasks import render_certificate_task
from training.services.translation import translate_learner_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(enrolment):
    certificate = services.issue_certificate(enrolment=enrolment)
    facts = certificate.facts
    facts["course"]["title_en"] = "Public Service Standards"
    Certificate.objects.filter(pk=certificate.pk).update(facts=facts)
    certificate.refresh_from_db()
    return certificate


def test_the_certificate_list_shows_the_course_title_in_the_page_language(
    client, enrolment, certificate
):
    client.force_login(enrolment.participant)
    english = client.get("/en/sertifikat-saya/").content.decode()
    indonesian = client.get("/sertifikat-saya/").content.decode()
    assert "Public Service Standards" in english and "Standar Pelayanan Publik" not in english
    assert "Standar Pelayanan Publik" in indonesian
    assert "Public Service Standards" not in indonesian


def test_the_certificate_list_shows_the_batch_translation_under_en(client, enrolment, certificate):
    Locale.objects.get_or_create(language_code="en")
    batch = enrolment.batch

    def english(record):
        record.name = record.name.replace("Angkatan", "Batch")

    translate_learner_record(source=batch, language_code="en", texts=english)
    client.force_login(enrolment.participant)
    assert (
        batch.name.replace("Angkatan", "Batch")
        in client.get("/en/sertifikat-saya/").content.decode()
    )
    assert batch.name in client.get("/sertifikat-saya/").content.decode()


def test_the_english_sentence_has_an_english_predicate(certificate):
    assert certificate.facts["predicate"] == "Baik"
    assert placeholder_values(certificate.facts, "en")["predicate"] == "Good"
    assert placeholder_values(certificate.facts, "id")["predicate"] == "Baik"
    assert predicate_in(Predicate.VERY_GOOD, "en") == "Very good"
    assert predicate_in("Istimewa", "en") == "Istimewa"  # free text of older settings


def _body_order(certificate) -> tuple[int, int]:
    html = certificate_html(template=certificate.template, facts=certificate.facts)
    return html.index("has completed"), html.index("telah mengikuti")


def test_the_pdf_prints_indonesian_first_by_default(certificate):
    english_at, indonesian_at = _body_order(certificate)
    assert indonesian_at < english_at


def test_the_pdf_prints_english_first_for_a_participant_who_prefers_it(enrolment):
    enrolment.participant.preferred_language = "en"
    enrolment.participant.save()
    certificate = services.issue_certificate(enrolment=enrolment)
    assert certificate.facts["english_first"] is True
    english_at, indonesian_at = _body_order(certificate)
    assert english_at < indonesian_at


def test_the_ready_email_comes_in_the_preferred_language_first(enrolment):
    enrolment.participant.preferred_language = "en"
    enrolment.participant.save()
    certificate = services.issue_certificate(enrolment=enrolment)
    render_certificate_task.apply(args=[certificate.pk])
    (message,) = mail.outbox
    assert message.body.index("Your certificate for") < message.body.index("Sertifikat Anda untuk")
    assert message.subject.index("Your certificate") < message.subject.index("Sertifikat")


def test_the_ready_email_comes_in_indonesian_first_by_default(enrolment):
    certificate = services.issue_certificate(enrolment=enrolment)
    render_certificate_task.apply(args=[certificate.pk])
    (message,) = mail.outbox
    assert message.body.index("Sertifikat Anda untuk") < message.body.index("Your certificate for")
