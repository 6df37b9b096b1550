"""
The weight of a lesson page as a participant on a slow link receives it, measured in the
browser (Chrome DevTools Protocol: bytes on the wire, headers included) against the
production set-up of static files: ``collectstatic`` with WhiteNoise's compressed manifest
storage (hashed names, far-future cache headers), served by WhiteNoise itself.

Budget: under 200 KB on the first visit (images as responsive renditions), under 50 KB on a
repeat visit (static files come from the browser cache), and not one request to another host.
"""

import io
import random
from urllib.parse import urlsplit

import pytest
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import connections
from django.test import override_settings
from django.test.testcases import LiveServerThread
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.e2e.conftest import PARTICIPANT_PASSWORD, PHONE, screenshot
from tests.e2e.steps import make_course, paragraph, sign_in

FIRST_VISIT_BUDGET = 200 * 1024
REPEAT_VISIT_BUDGET = 50 * 1024
PRODUCTION_STATIC = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}


def _production_static_settings(static_root):
    from django.conf import settings

    return {
        "STATIC_ROOT": static_root,
        "STORAGES": {**settings.STORAGES, "staticfiles": PRODUCTION_STATIC},
        # The project's own files: those are what participant pages load.
        "STATICFILES_FINDERS": ["django.contrib.staticfiles.finders.FileSystemFinder"],
    }


@pytest.fixture(scope="module")
def production_server(live_server, tmp_path_factory):
    """
    A second live server whose static files are collected and served as in production:
    requests for /static/ reach WhiteNoise instead of the test server's finder-based handler.
    """
    static_root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(**_production_static_settings(static_root)):
        call_command("collectstatic", interactive=False, verbosity=0)
        shared = {
            connection.alias: connection
            for connection in connections.all()
            if connection.vendor == "sqlite" and connection.is_in_memory_db()
        }
        thread = LiveServerThread(
            "localhost", static_handler=lambda application: application, connections_override=shared
        )
        thread.daemon = True
        for connection in shared.values():
            connection.inc_thread_sharing()
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        yield {"url": f"http://localhost:{thread.port}", "static_root": static_root}
        thread.terminate()
        for connection in shared.values():
            connection.dec_thread_sharing()


def _photograph():
    """A 2400×1600 JPEG of noisy colour, as heavy as a phone photo uploaded by a trainer."""
    rng = random.Random(8)
    image = PillowImage.effect_noise((2400, 1600), 64).convert("RGB")
    overlay = PillowImage.new("RGB", (2400, 1600), (rng.randrange(256), 120, 60))
    buffer = io.BytesIO()
    PillowImage.blend(image, overlay, 0.5).save(buffer, "JPEG", quality=92)
    return buffer


@pytest.fixture
def illustrated_lesson(demo_site):
    """A lesson of a course of the test's own that shows a large photograph."""
    image = get_image_model()(title="Loket pelayanan", collection=Collection.get_first_root_node())
    image.file = ImageFile(_photograph(), name="loket-pelayanan.jpg")
    image.save()
    text = "Standar pelayanan dipublikasikan di ruang tunggu. " * 40
    photograph = {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "alt_text": "Loket pelayanan", "decorative": False},
            "caption": "Loket pelayanan terpadu",
            "attribution": "",
        },
    }
    _course, lesson = make_course(paragraph(text), photograph, paragraph(text), code="WB")
    return lesson


class WireLog:
    """Every response of a page with the bytes it took on the wire (DevTools' own count)."""

    def __init__(self, page):
        self.session = page.context.new_cdp_session(page)
        self.session.send("Network.enable")
        self.urls, self.sizes, self.cached = {}, {}, set()
        self.session.on("Network.requestWillBeSent", self._request)
        self.session.on("Network.responseReceived", self._response)
        self.session.on("Network.loadingFinished", self._finished)

    def _request(self, event):
        self.urls[event["requestId"]] = event["request"]["url"]

    def _response(self, event):
        response = event["response"]
        if response.get("fromDiskCache") or response.get("fromMemoryCache"):
            self.cached.add(event["requestId"])

    def _finished(self, event):
        self.sizes[event["requestId"]] = event["encodedDataLength"]

    def reset(self):
        self.urls, self.sizes, self.cached = {}, {}, set()

    def total(self):
        return sum(self.sizes.values())

    def report(self, title):
        lines = [f"{title}: {self.total() / 1024:.1f} KB in {len(self.urls)} requests"]
        for request_id, url in self.urls.items():
            size = self.sizes.get(request_id, 0)
            origin = " (browser cache)" if request_id in self.cached else ""
            lines.append(f"  {size / 1024:7.1f} KB  {urlsplit(url).path}{origin}")
        return "\n".join(lines)


def _visit(page, url):
    page.goto(url, wait_until="networkidle")
    # Lazy images below the fold count too: the participant reads to the end.
    page.mouse.wheel(0, 20_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)


def test_lesson_page_stays_within_the_weight_budget_with_no_third_party_requests(
    production_server, illustrated_lesson, make_participant, new_page, settings
):
    for name, value in _production_static_settings(production_server["static_root"]).items():
        setattr(settings, name, value)
    participant = make_participant()
    base_url = production_server["url"]
    page = new_page(viewport=PHONE)
    foreign = []
    page.on(
        "request",
        lambda request: (
            foreign.append(request.url)
            if urlsplit(request.url).netloc != urlsplit(base_url).netloc
            else None
        ),
    )
    sign_in(page, base_url, participant.username, PARTICIPANT_PASSWORD)
    wire = WireLog(page)
    lesson_url = base_url + illustrated_lesson.url

    # A first visit: nothing from the sign-in pages may be waiting in the cache.
    wire.session.send("Network.clearBrowserCache")
    wire.reset()
    _visit(page, lesson_url)
    first = wire.total()
    print(wire.report("Lesson page, first visit"))
    image_paths = [urlsplit(url).path for url in wire.urls.values() if "/media/images/" in url]
    screenshot(page, "weight-lesson-phone")

    wire.reset()
    _visit(page, lesson_url)
    repeat = wire.total()
    print(wire.report("Lesson page, repeat visit"))

    assert foreign == []
    assert image_paths, "the lesson's photograph was not loaded"
    assert all(".width-" in path for path in image_paths), image_paths
    assert first < FIRST_VISIT_BUDGET
    assert repeat < REPEAT_VISIT_BUDGET
