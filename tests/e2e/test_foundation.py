"""A new visitor, in a real browser: the home page in both languages and the demo sign-ins."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, screenshot


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_visitor_reads_the_home_page_in_indonesian_and_switches_to_english(
    live_server, demo_site, new_page, viewport
):
    page = new_page(viewport=viewport)
    page.goto(live_server.url + "/")

    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bimbingan Teknis Pelayanan Publik")
    screenshot(page, f"home-id-{viewport['width']}")

    page.get_by_role("link", name=re.compile("English")).click()

    expect(page).to_have_url(live_server.url + "/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Technical Training for Public Service"
    )
    screenshot(page, f"home-en-{viewport['width']}")


def test_skip_link_is_the_first_stop_of_the_keyboard(live_server, demo_site, new_page):
    page = new_page()
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")

    focused = page.locator(":focus")
    expect(focused).to_have_text("Lewati ke isi utama")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))


def test_demo_participant_signs_in_on_the_site(live_server, demo_site, new_page):
    page = new_page(viewport=PHONE)
    page.goto(live_server.url + "/")

    page.get_by_role("link", name="Masuk").click()
    page.get_by_label("Nama pengguna, email, atau NIP").fill("peserta")
    page.get_by_label("Kata sandi").fill("bimtek-demo")
    page.get_by_role("button", name="Masuk").click()

    # Back where they started, now signed in; their name leads to their profile.
    expect(page).to_have_url(live_server.url + "/")
    # On a phone the account links are behind the header's "Menu" button.
    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("navigation", name="Akun").get_by_role("link", name="Siti").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Profil saya")
    expect(page.get_by_text("199203172019032008")).to_be_visible()
    screenshot(page, "participant-profile")


def sign_in_to_admin(page, base_url, username):
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Nama pengguna, email, atau NIP").fill(username)
    page.get_by_label("Kata sandi").fill("bimtek-demo")
    page.get_by_role("button", name="Masuk").click()
    return page.locator("#wagtail-sidebar")


def test_demo_trainer_signs_in_to_the_indonesian_admin_without_settings(
    live_server, demo_site, new_page
):
    page = new_page()

    sidebar = sign_in_to_admin(page, live_server.url, "fasilitator")

    expect(sidebar.get_by_text("Gambar", exact=True)).to_be_visible()
    expect(sidebar.get_by_text("Pengaturan", exact=True)).to_have_count(0)
    screenshot(page, "admin-fasilitator")


def test_demo_administrator_signs_in_and_reaches_users_and_agencies(
    live_server, demo_site, new_page
):
    page = new_page()

    sidebar = sign_in_to_admin(page, live_server.url, "admin")
    sidebar.get_by_role("button", name="Pengaturan").click()

    expect(sidebar.get_by_text("Pengguna", exact=True)).to_be_visible()
    expect(sidebar.get_by_text("Perangkat Daerah (OPD)", exact=True)).to_be_visible()
    screenshot(page, "admin-admin")
