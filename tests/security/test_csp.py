"""
Content-Security-Policy: the header on every kind of path, and the site's own pages free of
what the strict policy would block (inline scripts, event handlers, style attributes,
``javascript:`` URLs, ``<style>`` blocks). Every page of the access-control matrix is read.
"""

from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from cms.csp import ADMIN_POLICY, SCORM_CONTENT_POLICY, header_value, policy_for_path

from .url_matrix import ADMINISTRATOR, ANONYMOUS, OK, OWNER, URLS

DATA_SCRIPT_TYPES = {"application/json", "application/ld+json", "text/template"}


class InlineCodeFinder(HTMLParser):
    """Collect everything in a page that a script-src/style-src 'self' policy would block."""

    def __init__(self):
        super().__init__()
        self.problems = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> event handler")
            if name == "style":
                self.problems.append(f"<{tag} style=…> attribute")
            if name in ("href", "src", "action", "formaction") and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}=javascript:…>")
        script_type = (attributes.get("type") or "").lower()
        if tag == "script" and not attributes.get("src") and script_type not in DATA_SCRIPT_TYPES:
            self._in_inline_script = True
        if tag == "style":
            self.problems.append("<style> block")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_inline_script = False

    def handle_data(self, data):
        if self._in_inline_script and data.strip():
            self.problems.append(f"inline <script>: {data.strip()[:60]}")


def inline_code(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder.problems


def test_the_finder_sees_each_kind_of_inline_code():
    html = (
        '<p style="color:red" onclick="x()"><a href="javascript:alert(1)">a</a></p>'
        "<script>alert(1)</script><style>p{}</style>"
        '<script type="application/json">{"a": 1}</script><script src="/s.js"></script>'
    )

    assert len(inline_code(html)) == 5


# A SCORM package is the partner's own code, served under its own policy (tested below);
# the admin's screens are Wagtail's pages, under the admin's policy (also below).
PARTNER_CONTENT = {"training:scorm_content"}
PAGES = sorted(
    (name, actor)
    for name, entry in URLS.items()
    for actor in (ANONYMOUS, OWNER, ADMINISTRATOR)
    if entry.method == "get"
    and entry.expect[actor] == OK
    and name not in PARTNER_CONTENT
    and not entry.admin
)


@pytest.mark.parametrize(("name", "actor"), PAGES)
def test_site_pages_have_no_inline_code_and_a_strict_policy(client, world, name, actor):
    user = world.user(actor)
    if user is not None:
        client.force_login(user)

    response = client.get(URLS[name].url(world))

    if "text/html" in response.get("Content-Type", "") and response.status_code == 200:
        assert inline_code(response.content.decode()) == [], name
    policy = response["Content-Security-Policy"]
    # Wagtail serves documents with its own, stricter "default-src 'none'"; it is kept.
    strict = "script-src 'self';" in policy and "style-src 'self';" in policy
    assert strict or policy == "default-src 'none'", policy
    assert "unsafe-inline" not in policy


def test_the_admin_gets_its_own_relaxed_policy(client, administrator):
    client.force_login(administrator)

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert response["Content-Security-Policy"] == header_value(ADMIN_POLICY)


def test_the_admin_shows_avatars_from_the_site_itself_not_gravatar(client, administrator):
    client.force_login(administrator)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    # Wagtail's own default avatar instead of a third party's (and a broken image under the CSP).
    assert "gravatar" not in html
    assert "default-user-avatar" in html


@pytest.mark.parametrize(
    "path", ["/pelajaran/12/scorm/berkas/index.html", "/en/pelajaran/12/scorm/berkas/a/b.js"]
)
def test_scorm_package_content_may_run_its_own_scripts_framed_by_the_site(path):
    policy = policy_for_path(path)

    assert policy == header_value(SCORM_CONTENT_POLICY)
    assert "frame-ancestors 'self'" in policy


def test_scorm_package_files_are_served_under_the_package_policy(client, world):
    client.force_login(world.owner)

    response = client.get(URLS["training:scorm_content"].url(world))

    assert response.status_code == 200
    assert response["Content-Security-Policy"] == header_value(SCORM_CONTENT_POLICY)


def test_the_scorm_player_page_itself_stays_strict():
    policy = policy_for_path("/pelajaran/12/")

    assert "'unsafe-inline'" not in policy
    assert "frame-src 'self'" in policy


def test_error_pages_carry_the_policy(client, db):
    response = client.get("/tidak-ada-halaman-ini/")

    assert response.status_code == 404
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_the_responsive_embed_template_has_no_style_attribute():
    class Embed:
        is_responsive = True
        html = '<iframe src="https://www.youtube-nocookie.com/embed/x" title="v"></iframe>'

    html = render_to_string("wagtailembeds/embed_frontend.html", {"embed": Embed()})

    assert inline_code(html) == []
    assert "youtube-nocookie" in html


def test_the_server_error_page_has_no_inline_style():
    html = render_to_string("500.html")

    assert inline_code(html) == []
