"""
Two-factor sign-in in a real browser: the demo administrator turns it on from the admin's
account page (reading the secret as text, as someone without a camera would) and signs in
again with a code computed from that secret, as the authenticator app would.
"""

from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.models import RecoveryCode, User
from tests.e2e.conftest import DEMO_PASSWORD, screenshot
from tests.e2e.steps import authenticator_code


def test_the_demo_administrator_turns_on_two_factor_and_signs_in_with_a_code(
    live_server, demo_site, new_page
):
    base = live_server.url
    administrator = User.objects.get(username="admin")
    try:
        page = new_page()
        page.goto(base + "/admin/login/")
        page.locator("#id_username").fill("admin")
        page.locator("#id_password").fill(DEMO_PASSWORD)
        page.locator("form button[type=submit]").first.click()
        expect(page).to_have_url(f"{base}/admin/")

        # From the account page to the set-up page.
        page.goto(base + "/admin/account/")
        page.locator("a[href='/admin/accounts/two-factor/']").first.click()
        page.locator("a[href='/admin/accounts/two-factor/setup/']").click()
        expect(page.locator(".two-factor-qr svg")).to_be_visible()
        secret = page.get_by_test_id("two-factor-secret").inner_text()
        screenshot(page, "two-factor-set-up")
        page.locator("#id_code").fill(authenticator_code(secret))
        page.locator("form:has(#id_code) button[type=submit]").click()
        expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
        screenshot(page, "two-factor-recovery-codes")

        # Signing in again: the password, then the code.
        again = new_page()
        again.goto(base + "/admin/login/")
        again.locator("#id_username").fill("admin")
        again.locator("#id_password").fill(DEMO_PASSWORD)
        again.locator("form button[type=submit]").first.click()
        expect(again).to_have_url(f"{base}/admin/login/code/")
        expect(again.locator("#id_code")).to_be_visible()
        screenshot(again, "two-factor-code-step")
        # The next step's code: the one used for the set-up cannot be used again.
        again.locator("#id_code").fill(authenticator_code(secret, steps_ahead=1))
        again.locator("form:has(#id_code) button[type=submit]").click()
        expect(again).to_have_url(f"{base}/admin/")
    finally:
        # The demo is shared by the browser suite: the next test signs in with a password.
        TOTPDevice.objects.filter(user=administrator).delete()
        RecoveryCode.objects.filter(user=administrator).delete()
