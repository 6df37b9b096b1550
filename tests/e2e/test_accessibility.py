"""axe-core on every participant-facing page of the site chrome, on a phone and a desktop."""

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, serious_accessibility_violations

PUBLIC_PAGES = [
    "/",
    "/en/",
    "/tentang/",
    "/en/about/",
    "/akun/masuk/",
    "/en/akun/masuk/",
    "/akun/sandi/lupa/",
    "/halaman-yang-tidak-ada/",
]


def violations_on(page, base_url, paths):
    """Serious and critical violations per path; an empty dict when every page passes."""
    found = {}
    for path in paths:
        page.goto(base_url + path)
        violations = serious_accessibility_violations(page)
        if violations:
            found[path] = violations
    return found


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_public_pages_have_no_serious_accessibility_violations(
    live_server, demo_site, new_page, viewport
):
    page = new_page(viewport=viewport)

    assert violations_on(page, live_server.url, PUBLIC_PAGES) == {}


def test_signed_in_pages_have_no_serious_accessibility_violations(live_server, demo_site, new_page):
    page = new_page(viewport=PHONE)
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("Nama pengguna, email, atau NIP").fill("peserta")
    page.get_by_label("Kata sandi").fill("bimtek-demo")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(live_server.url + "/akun/profil/")

    signed_in_pages = ["/akun/profil/", "/akun/sandi/ubah/", "/en/akun/profil/"]
    assert violations_on(page, live_server.url, signed_in_pages) == {}


def test_form_errors_are_tied_to_their_fields(live_server, demo_site, new_page):
    page = new_page()
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("Nama pengguna, email, atau NIP").fill("peserta")
    page.get_by_role("button", name="Masuk").click()

    password = page.get_by_label("Kata sandi")
    described_by = password.get_attribute("aria-describedby") or ""
    assert password.get_attribute("aria-invalid") == "true"
    assert "id_password_error" in described_by
    assert page.locator("#id_password_error").inner_text().strip()
