"""
The participant's schedule: sessions on the dashboard and the course page (in WITA), the
private iCalendar feed and the .ics file of a batch.
"""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from accounts.services import get_or_create_calendar_feed, regenerate_calendar_feed
from tests.factories import ParticipantFactory
from tests.training.factories import BatchFactory, BatchSessionFactory, EnrolmentFactory
from training.ical import CalendarEvent, calendar, escape_text, fold
from training.models import BatchStatus, DeliveryMode, EnrolmentStatus

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 7, 1, 0, tzinfo=datetime.UTC)  # 09:00 WITA


def classroom_session(**fields):
    batch = fields.pop("batch", None) or BatchFactory(mode=DeliveryMode.CLASSROOM)
    fields.setdefault("starts_at", datetime.datetime(2026, 12, 8, 1, 30, tzinfo=datetime.UTC))
    fields.setdefault("ends_at", fields["starts_at"] + datetime.timedelta(hours=2))
    fields.setdefault("title", "Sesi Pembukaan")
    fields.setdefault("location", "Aula BKPSDM, Limboto")
    return BatchSessionFactory(batch=batch, **fields)


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


# --- The iCalendar writer ---------------------------------------------------------------


def test_text_values_are_escaped_as_rfc_5545_asks():
    assert escape_text("Aula; Lt. 2, Ruang A\\B\nBawa laptop") == (
        "Aula\\; Lt. 2\\, Ruang A\\\\B\\nBawa laptop"
    )


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + "Pelatihan é " * 20
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode()) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert folded.replace("\r\n ", "") == line


def test_calendar_has_the_required_properties_in_utc_with_crlf():
    event = CalendarEvent(
        uid="session-1@bimtek.example",
        starts_at=datetime.datetime(2026, 12, 8, 9, 30, tzinfo=timezone.get_current_timezone()),
        ends_at=datetime.datetime(2026, 12, 8, 11, 30, tzinfo=timezone.get_current_timezone()),
        summary="Sesi, pertama",
    )
    text = calendar([event], name="Jadwal", now=NOW)

    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    # 09:30 WITA is 01:30 UTC.
    assert "DTSTART:20261208T013000Z" in lines
    assert "DTEND:20261208T033000Z" in lines
    assert "DTSTAMP:20261207T010000Z" in lines
    assert "UID:session-1@bimtek.example" in lines
    assert "SUMMARY:Sesi\\, pertama" in lines


# --- The private feed ------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_feed_lists_the_participants_sessions_without_a_session_cookie(client):
    session = classroom_session(online_url="https://meet.example/abc")
    enrolment = EnrolmentFactory(batch=session.batch)
    classroom_session(title="Sesi angkatan lain")  # another batch: not in the feed
    feed = get_or_create_calendar_feed(user=enrolment.participant)

    response = client.get(feed.get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    lines = unfold(response.content.decode())
    assert f"UID:session-{session.pk}@127.0.0.1" in lines
    assert "DTSTART:20261208T013000Z" in lines
    assert "LOCATION:Aula BKPSDM\\, Limboto" in lines
    assert "URL:https://meet.example/abc" in lines
    assert sum(line == "BEGIN:VEVENT" for line in lines) == 1
    # The same session keeps its UID, so calendars update it instead of adding another.
    assert f"UID:session-{session.pk}@127.0.0.1" in unfold(
        client.get(feed.get_absolute_url()).content.decode()
    )


def test_a_new_token_retires_the_old_address(client):
    participant = ParticipantFactory()
    old = get_or_create_calendar_feed(user=participant).get_absolute_url()
    new = regenerate_calendar_feed(user=participant).get_absolute_url()

    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert re.fullmatch(r"/kalender/[A-Za-z0-9_-]{43}/jadwal\.ics", new)


def test_an_unknown_token_is_not_found(client):
    assert client.get("/kalender/tidak-ada/jadwal.ics").status_code == 404


def test_profile_makes_and_replaces_the_calendar_address(client):
    participant = ParticipantFactory()
    client.force_login(participant)

    assert "Make my calendar address" in client.get("/en/akun/profil/").content.decode()
    client.post("/akun/profil/kalender/")
    first = participant.calendar_feed.token
    assert first in client.get("/akun/profil/").content.decode()

    client.post("/akun/profil/kalender/", {"action": "regenerate"})
    participant.calendar_feed.refresh_from_db()
    assert participant.calendar_feed.token != first


# --- The .ics file of a batch ----------------------------------------------------------


def test_batch_calendar_is_for_its_participants_only(client):
    session = classroom_session()
    enrolment = EnrolmentFactory(batch=session.batch)
    url = f"/angkatan/{session.batch_id}/jadwal.ics"

    client.force_login(enrolment.participant)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="jadwal-angkatan-{session.batch_id}.ics"'
    )
    assert f"UID:session-{session.pk}@127.0.0.1" in unfold(response.content.decode())

    client.force_login(ParticipantFactory())
    assert client.get(url).status_code == 404
    client.force_login(
        EnrolmentFactory(batch=session.batch, status=EnrolmentStatus.PENDING).participant
    )
    assert client.get(url).status_code == 404


# --- Dashboard and course page ---------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_dashboard_shows_upcoming_sessions_in_wita(client):
    session = classroom_session(online_url="https://meet.example/abc")
    enrolment = EnrolmentFactory(batch=session.batch)
    classroom_session(
        batch=session.batch,
        title="Sesi yang sudah lewat",
        starts_at=NOW - datetime.timedelta(days=2),
    )
    cancelled = BatchFactory(status=BatchStatus.CANCELLED)
    EnrolmentFactory(batch=cancelled, participant=enrolment.participant)
    classroom_session(batch=cancelled, title="Sesi batal")
    client.force_login(enrolment.participant)

    page = client.get("/pembelajaran-saya/").content.decode()

    assert "Jadwal saya" in page
    assert "Sesi Pembukaan" in page
    assert "09.30–11.30 WITA" in page or "09:30–11:30 WITA" in page
    assert "Selasa, 8 Desember 2026" in page
    assert "Aula BKPSDM, Limboto" in page
    assert 'href="https://meet.example/abc"' in page
    assert "Sesi yang sudah lewat" not in page
    assert "Sesi batal" not in page
    assert "None" not in page and "UTC" not in page


def test_dashboard_without_sessions_says_so(client, participant):
    client.force_login(participant)
    assert (
        "No session is planned for your courses."
        in client.get("/en/pembelajaran-saya/").content.decode()
    )


@time_machine.travel(NOW, tick=False)
def test_course_page_shows_the_batch_schedule_and_its_download(client):
    session = classroom_session()
    enrolment = EnrolmentFactory(batch=session.batch)
    client.force_login(enrolment.participant)

    page = client.get(session.batch.course.url).content.decode()

    assert "Sesi Pembukaan" in page
    assert "Aula BKPSDM, Limboto" in page
    assert f"/angkatan/{session.batch_id}/jadwal.ics" in page


def test_course_page_schedule_costs_one_query_whatever_the_number_of_sessions(
    client, django_assert_max_num_queries, settings
):
    settings.PERSONAL_PAGE_CACHE_SECONDS = 0

    def course_page_queries(count):
        batch = BatchFactory(mode=DeliveryMode.CLASSROOM)
        for day in range(count):
            classroom_session(
                batch=batch, starts_at=timezone.now() + datetime.timedelta(days=day + 1)
            )
        enrolment = EnrolmentFactory(batch=batch)
        client.force_login(enrolment.participant)
        client.get(batch.course.url)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(batch.course.url).status_code == 200
        return len(queries), batch.course.url

    one, _url = course_page_queries(1)
    many, url = course_page_queries(8)
    assert many == one
    with django_assert_max_num_queries(one):
        client.get(url)


def test_feed_costs_two_queries_whatever_the_number_of_sessions(
    client, django_assert_max_num_queries
):
    participant = ParticipantFactory()
    for _ in range(3):
        batch = BatchFactory(mode=DeliveryMode.CLASSROOM)
        EnrolmentFactory(batch=batch, participant=participant)
        for day in range(4):
            classroom_session(
                batch=batch, starts_at=timezone.now() + datetime.timedelta(days=day + 1)
            )
    url = get_or_create_calendar_feed(user=participant).get_absolute_url()

    # The feed with its owner, then the sessions with their batches and courses.
    with django_assert_max_num_queries(2):
        response = client.get(url)
    assert response.content.decode().count("BEGIN:VEVENT") == 12


def test_a_changed_session_refreshes_cached_pages():
    """Dashboards and course pages kept by the page caches show the new time at once."""
    from cms.cache_versions import current_version
    from training.page_cache import VERSION_KEY

    session = classroom_session()
    before = current_version(VERSION_KEY)
    session.starts_at += datetime.timedelta(hours=1)
    session.ends_at += datetime.timedelta(hours=1)
    session.save()
    assert current_version(VERSION_KEY) > before
    after_save = current_version(VERSION_KEY)
    session.delete()
    assert current_version(VERSION_KEY) > after_save
