"""Complaints: tracking codes, the lifecycle, privacy of the reporter, spam protection, admin."""

import datetime
import re
import uuid

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

from cms.models import Complaint, ComplaintStatus
from cms.models.complaints import (
    TRACKING_CODE_ALPHABET,
    generate_tracking_code,
    normalise_tracking_code,
)
from cms.services import answer_complaint, assign_complaint, close_complaint

from .factories import make_complaint

FORM_URL = "/en/public-service-information/complaints/"
LOOKUP_URL = FORM_URL + "lacak/"
CODE_PATTERN = re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")


def test_tracking_codes_are_random_grouped_and_unambiguous():
    codes = {generate_tracking_code() for _i in range(2000)}

    assert len(codes) == 2000
    assert all(CODE_PATTERN.match(code) for code in codes)
    assert not set("".join(codes)) - set(TRACKING_CODE_ALPHABET + "-")
    assert not set("01IOL") & set("".join(codes))
    # 31 symbols, 12 places: far beyond any number of lookups the rate limit allows.
    assert len(TRACKING_CODE_ALPHABET) ** 12 > 2**59


def test_typed_codes_are_normalised_and_malformed_ones_rejected():
    assert normalise_tracking_code(" k7qm 2xhd pw9a ") == "K7QM-2XHD-PW9A"
    assert normalise_tracking_code("K7QM-2XHD-PW9") == ""
    assert normalise_tracking_code("K7QM-2XHD-PW9O") == ""  # O is not in the alphabet
    assert normalise_tracking_code("") == ""


@pytest.mark.django_db
def test_filing_sets_a_due_date_from_the_response_time_and_status_received():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 1, tzinfo=datetime.UTC)):
        complaint = make_complaint(response_days=14)

    assert complaint.status == ComplaintStatus.RECEIVED
    assert complaint.due_date == datetime.date(2026, 3, 16)
    assert complaint.is_anonymous
    assert CODE_PATTERN.match(complaint.tracking_code)


@pytest.mark.django_db
def test_filing_twice_with_one_submission_key_files_one_complaint():
    key = uuid.uuid4()
    first = make_complaint(submission_key=key)
    second = make_complaint(submission_key=key, subject="Lain")

    assert first.pk == second.pk
    assert Complaint.objects.filter(submission_key=key).count() == 1


@pytest.mark.django_db
def test_lifecycle_from_received_to_closed(administrator):
    complaint = make_complaint()

    complaint = assign_complaint(complaint=complaint, assignee=administrator)
    assert complaint.status == ComplaintStatus.IN_PROCESS
    assert complaint.assigned_to == administrator

    complaint = answer_complaint(
        complaint=complaint, answer="Sudah diperbaiki.", answered_by=administrator
    )
    assert complaint.status == ComplaintStatus.ANSWERED
    assert complaint.answered_at is not None
    assert complaint.answered_on_time is True

    complaint = close_complaint(complaint=complaint)
    assert complaint.status == ComplaintStatus.CLOSED
    assert complaint.closed_at is not None


@pytest.mark.django_db
def test_services_are_safe_to_call_twice(administrator):
    complaint = make_complaint()
    assign_complaint(complaint=complaint, assignee=administrator)
    first = answer_complaint(complaint=complaint, answer="Jawaban.", answered_by=administrator)
    closed = close_complaint(complaint=complaint)

    again = answer_complaint(complaint=complaint, answer="Jawaban.", answered_by=administrator)
    assert again.answered_at == first.answered_at
    assert assign_complaint(complaint=complaint, assignee=administrator).status == "closed"
    assert close_complaint(complaint=complaint).closed_at == closed.closed_at


@pytest.mark.django_db
def test_a_closed_complaint_cannot_get_a_new_answer(administrator):
    complaint = close_complaint(complaint=make_complaint())

    with pytest.raises(ValidationError):
        answer_complaint(complaint=complaint, answer="Terlambat.", answered_by=administrator)


@pytest.mark.django_db
def test_correcting_an_answer_keeps_the_time_that_decides_on_time(administrator):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 1, tzinfo=datetime.UTC)):
        complaint = make_complaint(response_days=3)
        first = answer_complaint(complaint=complaint, answer="Satu.", answered_by=administrator)
    with time_machine.travel(datetime.datetime(2026, 3, 20, 1, tzinfo=datetime.UTC)):
        corrected = answer_complaint(complaint=complaint, answer="Dua.", answered_by=administrator)

    assert corrected.answer == "Dua."
    assert corrected.answered_at == first.answered_at
    assert corrected.answered_on_time is True


@pytest.mark.django_db
def test_only_administrators_can_be_assigned(trainer):
    with pytest.raises(ValidationError):
        assign_complaint(complaint=make_complaint(), assignee=trainer)


@pytest.mark.django_db
def test_open_complaints_past_their_due_date_are_overdue(administrator):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 1, tzinfo=datetime.UTC)):
        late = make_complaint(response_days=3)
        answered = make_complaint(response_days=3)
        answer_complaint(complaint=answered, answer="Ok.", answered_by=administrator)
    with time_machine.travel(datetime.datetime(2026, 3, 3, 1, tzinfo=datetime.UTC)):
        fresh = make_complaint(response_days=3)

    today = datetime.date(2026, 3, 5)
    assert list(Complaint.objects.overdue(today)) == [late]
    assert late.is_overdue(today)
    assert not fresh.is_overdue(today)
    assert not Complaint.objects.get(pk=answered.pk).is_overdue(today)


def complaint_post(**overrides):
    data = {
        "submission_key": str(uuid.uuid4()),
        "subject": "Video tidak bisa diputar",
        "message": "Modul 2 video tidak jalan dari Telaga.",
        "reporter_name": "Ayu Pakaya",
        "reporter_email": "ayu.pakaya@example.test",
        "reporter_phone": "0812-1111-2222",
        "website": "",
    }
    data.update(overrides)
    return data


def test_public_form_files_a_complaint_and_shows_its_code(client, public_site):
    response = client.post(FORM_URL, complaint_post())

    complaint = Complaint.objects.get(subject="Video tidak bisa diputar")
    assert response.status_code == 302
    assert response["Location"] == f"{LOOKUP_URL}{complaint.tracking_code}/"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert complaint.tracking_code in html
    assert "Received" in html
    assert "Your tracking code is" in html


def test_public_form_accepts_an_anonymous_complaint(client, public_site):
    response = client.post(
        FORM_URL,
        complaint_post(reporter_name="", reporter_email="", reporter_phone="", subject="Anonim"),
    )

    assert response.status_code == 302
    assert Complaint.objects.get(subject="Anonim").is_anonymous


def test_due_date_of_a_filed_complaint_comes_from_the_service_standard(client, public_site):
    from cms.models import ServiceStandardPage

    standard = ServiceStandardPage.objects.live().get(locale__language_code="id")
    standard.complaint_response_days = 5
    standard.save_revision().publish()

    client.post(FORM_URL, complaint_post(subject="Lima hari"))

    complaint = Complaint.objects.get(subject="Lima hari")
    assert complaint.due_date == timezone.localdate(complaint.received_at) + datetime.timedelta(5)


def test_status_page_never_shows_the_reporter(client, public_site, administrator):
    client.post(FORM_URL, complaint_post(subject="Privasi"))
    complaint = Complaint.objects.get(subject="Privasi")
    answer_complaint(complaint=complaint, answer="Sudah ditangani.", answered_by=administrator)

    for url in (f"{LOOKUP_URL}{complaint.tracking_code}/", FORM_URL, "/en/"):
        html = client.get(url).content.decode()
        assert "Ayu Pakaya" not in html
        assert "ayu.pakaya@example.test" not in html
        assert "0812-1111-2222" not in html
    html = client.get(f"{LOOKUP_URL}{complaint.tracking_code}/").content.decode()
    assert "Sudah ditangani." in html
    assert "Answered" in html


def test_a_wrong_code_reveals_nothing_and_looks_like_a_malformed_one(client, public_site):
    complaint = Complaint.objects.first()
    real = complaint.tracking_code
    # The same code with its last symbol changed: a near miss.
    near_miss = real[:-1] + ("A" if real[-1] != "A" else "B")

    near = client.get(f"{LOOKUP_URL}{near_miss}/")
    malformed = client.get(f"{LOOKUP_URL}not-a-code/")

    assert near.status_code == malformed.status_code == 404
    assert complaint.subject not in near.content.decode()
    strip = lambda html: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)  # noqa: E731
    assert strip(near.content.decode()).replace(near_miss, "") == strip(
        malformed.content.decode()
    ).replace("not-a-code", "")
    assert "No complaint was found with this code." in near.content.decode()


def test_lookup_form_accepts_a_code_typed_loosely(client, public_site):
    code = Complaint.objects.first().tracking_code

    response = client.get(LOOKUP_URL, {"code": code.lower().replace("-", " ")})

    assert response.status_code == 302
    assert response["Location"] == f"{LOOKUP_URL}{code}/"


def test_status_lookups_are_rate_limited(client, public_site, settings):
    settings.CMS_RATE_LIMITS = {"complaint_lookup": (3, 3600)}
    complaint = Complaint.objects.first()
    code = complaint.tracking_code

    statuses = [client.get(f"{LOOKUP_URL}AAAA-BBBB-CCC{n}/").status_code for n in range(2, 5)]
    blocked = client.get(f"{LOOKUP_URL}{code}/")

    assert statuses == [404, 404, 404]
    assert blocked.status_code == 429
    assert complaint.subject not in blocked.content.decode()
    assert "Too many look-ups" in blocked.content.decode()


def test_honeypot_filled_in_files_nothing(client, public_site):
    before = Complaint.objects.count()

    response = client.post(FORM_URL, complaint_post(website="http://cheap.example"))

    assert response.status_code == 400
    assert Complaint.objects.count() == before


def test_complaint_form_is_rate_limited_per_connection(client, public_site, settings):
    settings.CMS_RATE_LIMITS = {"complaint": (2, 3600)}
    before = Complaint.objects.count()

    statuses = [client.post(FORM_URL, complaint_post()).status_code for _i in range(4)]
    other_client = client.post(FORM_URL, complaint_post(), REMOTE_ADDR="10.0.0.9")

    assert statuses == [302, 302, 429, 429]
    assert other_client.status_code == 302
    assert Complaint.objects.count() == before + 3


def test_double_submitted_form_files_one_complaint(client, public_site):
    data = complaint_post(subject="Dobel")

    first = client.post(FORM_URL, data)
    second = client.post(FORM_URL, data)

    assert first["Location"] == second["Location"]
    assert Complaint.objects.filter(subject="Dobel").count() == 1


def test_complaint_form_query_count_is_pinned(client, public_site, django_assert_max_num_queries):
    client.get(FORM_URL)
    with django_assert_max_num_queries(22):
        client.get(FORM_URL)


def test_status_page_query_count_is_pinned(client, public_site, django_assert_max_num_queries):
    url = f"{LOOKUP_URL}{Complaint.objects.first().tracking_code}/"
    client.get(url)
    with django_assert_max_num_queries(22):
        client.get(url)


# --- Admin queue ----------------------------------------------------------------------------


def test_administrator_sees_the_queue_with_overdue_flags(client, public_site, administrator):
    with time_machine.travel(datetime.datetime(2025, 1, 1, 1, tzinfo=datetime.UTC)):
        make_complaint(subject="Sudah lama sekali")
    client.force_login(administrator)

    response = client.get("/admin/complaints/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Sudah lama sekali" in html
    with translation.override("id"):
        assert gettext("Overdue") in html


def test_queue_filters_the_overdue_complaints(client, public_site, administrator):
    with time_machine.travel(datetime.datetime(2025, 1, 1, 1, tzinfo=datetime.UTC)):
        make_complaint(subject="Tertunda lama")
    make_complaint(subject="Baru saja masuk")
    client.force_login(administrator)

    html = client.get("/admin/complaints/", {"overdue": "true"}).content.decode()

    assert "Tertunda lama" in html
    assert "Baru saja masuk" not in html


def test_trainer_cannot_open_the_queue_or_a_complaint(client, public_site, trainer):
    complaint = Complaint.objects.first()
    client.force_login(trainer)

    for url in ("/admin/complaints/", f"/admin/complaints/inspect/{complaint.pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert complaint.subject not in response.content.decode()


def test_administrator_sees_reporter_data_in_the_admin(client, public_site, administrator):
    client.post(FORM_URL, complaint_post(subject="Dengan kontak"))
    complaint = Complaint.objects.get(subject="Dengan kontak")
    client.force_login(administrator)

    html = client.get(f"/admin/complaints/inspect/{complaint.pk}/").content.decode()

    assert "ayu.pakaya@example.test" in html


def test_administrator_answers_and_closes_through_the_admin(client, public_site, administrator):
    complaint = make_complaint(subject="Lewat admin")
    client.force_login(administrator)

    response = client.post(
        f"/admin/complaints/edit/{complaint.pk}/",
        {"assigned_to": administrator.pk, "answer": "Terima kasih, sudah kami perbaiki."},
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ANSWERED
    assert complaint.answered_by == administrator

    client.post(
        f"/admin/complaints/edit/{complaint.pk}/",
        {"assigned_to": administrator.pk, "answer": complaint.answer, "close": "on"},
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_twice_at_once_files_one_complaint():
    import threading

    from django.db import connection

    key = uuid.uuid4()
    barrier = threading.Barrier(4)
    codes, errors = [], []

    def send():
        try:
            barrier.wait()
            codes.append(make_complaint(submission_key=key).tracking_code)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(set(codes)) == 1
    assert Complaint.objects.filter(submission_key=key).count() == 1
