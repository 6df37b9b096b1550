"""Home and standard pages: page-type rules, rendering in both languages, the switcher."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.models import HomePage, StandardPage


@pytest.fixture
def demo_site(seeded_demo):
    """The demo, seeded once for this module (tests/conftest.py)."""
    return seeded_demo


class TestPageTypes(WagtailPageTestCase):
    def test_home_page_lives_at_the_root_only(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_standard_pages_nest_under_home_or_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})


def test_home_page_renders_in_indonesian_with_lang_attribute(client, demo_site):
    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="id">' in html
    assert "Bimbingan Teknis Pelayanan Publik" in html
    assert "Lewati ke isi utama" in html


def test_home_page_renders_in_english_under_en(client, demo_site):
    response = client.get("/en/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Technical Training for Public Service" in html
    assert "Skip to main content" in html


def test_language_switcher_links_to_the_translated_page(client, demo_site):
    indonesian = client.get("/tentang/").content.decode()
    english = client.get("/en/about/").content.decode()

    assert 'href="/en/about/" lang="en"' in indonesian
    assert 'href="/tentang/" lang="id"' in english


def test_language_switcher_on_a_plain_view_keeps_the_view(client, demo_site):
    html = client.get("/akun/masuk/").content.decode()

    assert 'href="/en/akun/masuk/" lang="en"' in html


def test_navigation_labels_follow_the_language(client, demo_site):
    indonesian = client.get("/").content.decode()
    english = client.get("/en/").content.decode()

    assert ">Tentang Bimtek</a>" in indonesian
    assert ">About Bimtek</a>" in english
    assert ">Home</a>" in english


def test_home_page_query_count_is_bounded(client, demo_site, django_assert_max_num_queries):
    client.get("/")  # warm the site and settings caches
    with django_assert_max_num_queries(20):
        client.get("/")


def test_unknown_page_is_a_friendly_404(client, demo_site):
    response = client.get("/tidak-ada/")

    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_admin_creates_a_standard_page_through_the_editor(client, demo_site, administrator):
    client.force_login(administrator)
    home = HomePage.objects.get(locale__language_code="id")

    response = client.post(
        f"/admin/pages/add/cms/standardpage/{home.pk}/",
        {
            "title": "Panduan Peserta",
            "slug": "panduan",
            "introduction": "Cara mengikuti bimtek.",
            "body-count": "0",
            "action-publish": "publish",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    page = StandardPage.objects.get(slug="panduan")
    assert page.live
    assert client.get("/panduan/").status_code == 200
