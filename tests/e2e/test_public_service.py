"""A new visitor, in a real browser without JavaScript: the six components, a complaint
followed by its code, the satisfaction survey and the index."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, screenshot


def test_visitor_reaches_the_six_files_a_complaint_and_answers_the_survey(
    live_server, demo_site, new_page
):
    page = new_page(viewport=PHONE, javascript=False)
    page.goto(live_server.url + "/en/")

    # On a phone the site's menus are behind the header's "Menu" button (no JavaScript).
    page.locator("summary.site-menu__toggle").click()
    page.get_by_role("link", name="Public information").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Public-Service Information")
    expect(page.locator(".component-card")).to_have_count(6)
    screenshot(page, "public-service-index-en")

    page.get_by_role("link", name="Complaint Management").click()
    page.get_by_label("Subject").fill("Certificate button does nothing")
    page.get_by_label("Your complaint, suggestion or report").fill("Tapping download fails.")
    page.get_by_role("button", name="Send complaint").click()

    code = page.locator(".tracking-code strong").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    expect(page.get_by_role("heading", level=1)).to_have_text("Complaint status")

    page.get_by_role("link", name=re.compile("Complaint Management")).click()
    page.get_by_label("Tracking code").fill(code.lower())
    page.get_by_role("button", name="Show status").click()
    expect(page.locator(".facts")).to_contain_text("Certificate button does nothing")
    screenshot(page, "complaint-status-en")

    page.goto(live_server.url + "/en/public-service-information/performance/")
    page.get_by_role("link", name="Fill in the satisfaction survey").click()
    page.get_by_label("Female").check()
    page.get_by_role("spinbutton", name="Age").fill("29")
    page.get_by_label("Highest education").select_option("bachelor")
    page.get_by_label("Occupation").select_option("civil_servant")
    for number in range(1, 10):
        page.locator(f"#id_u{number}_3").check()
    page.get_by_role("button", name="Send answers").click()

    expect(page.locator(".messages")).to_contain_text("Your answers have been recorded")
    expect(page.locator(".ikm-summary__number")).to_have_text(re.compile(r"^\d{2,3}\.\d{2}$"))
    expect(page.locator(".ikm-summary")).to_contain_text("respondents")
    screenshot(page, "performance-en")
