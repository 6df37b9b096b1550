"""
What a participant sees of their schedule and reminders, and what a new account sees of its
invitation: each state checked with axe-core on a phone and a desktop, with screenshots.

- the dashboard with the sessions to come and the course page with the batch's schedule,
  times in WITA;
- the profile with the e-mail reminders and the calendar address, made from the page;
- the invitation's page to choose a password, the page after it, and the same link used
  again; an expired link.
"""

import datetime
import re

import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from accounts.invitations import invitation_url
from tests.e2e.conftest import ARTIFACTS, PARTICIPANT_PASSWORD, VIEWPORTS
from tests.e2e.steps import make_course, say, sign_in
from tests.e2e.test_accessibility_of_participant_pages import Walk
from tests.training.factories import BatchSessionFactory
from training.services import enrol_participant

NEW_PASSWORD = "Gorontalo-kota-2026"


def _path(url: str) -> str:
    return url[url.index("/akun/") :]


def _shot(page, name, viewport):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"schedule-{name}-{viewport['width']}.png", full_page=True)


@VIEWPORTS
def test_schedule_pages_show_sessions_in_wita_without_accessibility_violations(
    live_server, make_participant, new_page, viewport
):
    participant = make_participant()
    course, _lesson = make_course(code="JADWAL")
    batch = course.batches.get()
    enrol_participant(batch=batch, participant=participant, notify=False)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    starts = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(8, 30)))
    BatchSessionFactory(
        batch=batch,
        title="Sesi tatap muka: praktik penyusunan standar pelayanan",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3, minutes=30),
        location="Aula BKPSDM Kabupaten Gorontalo, Limboto",
    )
    BatchSessionFactory(
        batch=batch,
        title="Sesi daring: tanya jawab",
        starts_at=starts + datetime.timedelta(days=2),
        ends_at=starts + datetime.timedelta(days=2, hours=2),
        online_url="https://meet.example.org/bimtek-sp",
    )
    page = new_page(viewport=viewport)
    walk = Walk(page, live_server.url)
    sign_in(page, live_server.url, participant.username, PARTICIPANT_PASSWORD)

    walk.visit("dashboard with the schedule", "/pembelajaran-saya/")
    schedule = page.locator("section.schedule")
    expect(schedule).to_contain_text(re.compile(r"08[.:]30–12[.:]00 WITA"))
    expect(schedule).to_contain_text("Aula BKPSDM Kabupaten Gorontalo, Limboto")
    expect(schedule.get_by_role("link", name=say("id", "Join online"))).to_have_attribute(
        "href", "https://meet.example.org/bimtek-sp"
    )
    _shot(page, "dashboard", viewport)

    walk.visit("course page with the schedule", course.url)
    expect(page.locator("#course-schedule")).to_be_visible()
    expect(page.locator(".enrolment-panel")).to_contain_text("WITA")
    _shot(page, "course", viewport)

    walk.visit("profile (no calendar address yet)", "/akun/profil/")
    page.get_by_role("button", name=say("id", "Make my calendar address")).click()
    expect(page.locator("#calendar-address")).to_have_value(
        re.compile(r"/kalender/[A-Za-z0-9_-]{43}/jadwal\.ics$")
    )
    walk.check("profile (calendar address made)")
    page.get_by_label(say("id", "course not finished")).uncheck()
    page.get_by_role("button", name=say("id", "Save reminders")).click()
    expect(page.get_by_label(say("id", "course not finished"))).not_to_be_checked()
    walk.check("profile (reminders saved)")
    _shot(page, "profile", viewport)
    participant.refresh_from_db()
    feed = page.locator("#calendar-address").input_value()
    assert feed.endswith(f"/kalender/{participant.calendar_feed.token}/jadwal.ics")

    assert not walk.violations, walk.report()


@VIEWPORTS
def test_invitation_pages_without_accessibility_violations(
    live_server, make_participant, new_page, viewport
):
    invited = make_participant()
    invited.set_unusable_password()
    invited.save()
    expired = make_participant()
    with time_machine.travel(timezone.now() - datetime.timedelta(days=30)):
        expired_path = _path(invitation_url(expired))
    path = _path(invitation_url(invited))
    page = new_page(viewport=viewport)
    walk = Walk(page, live_server.url)

    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", name=say("id", "Choose your password"))).to_be_visible()
    walk.check("invitation: choose a password")
    _shot(page, "invitation", viewport)
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name=say("id", "Save my password")).click()
    expect(page.get_by_role("heading", name=say("id", "Your account is ready"))).to_be_visible()
    walk.check("invitation: account ready")

    walk.visit("invitation: link used again", path, status=404)
    expect(page.get_by_role("alert")).to_contain_text("sudah dipakai")
    _shot(page, "invitation-used", viewport)
    walk.visit("invitation: link expired", expired_path, status=410)
    expect(
        page.get_by_role("heading", name=say("id", "This invitation has expired"))
    ).to_be_visible()
    _shot(page, "invitation-expired", viewport)

    invited.refresh_from_db()
    assert invited.check_password(NEW_PASSWORD)
    assert not walk.violations, walk.report()
