"""
The site's chrome (institution, partners, header and footer links) and the request's site
come from the cache, and every change of what they show is visible on the next page.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from cms.models import NavigationSettings, SiteSettings


def chrome_queries(client, url="/"):
    client.get(url)  # fills the cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [query["sql"] for query in captured.captured_queries]


def test_the_chrome_and_the_site_cost_no_query_once_cached(client, public_site):
    response, queries = chrome_queries(client)

    html = response.content.decode()
    assert "BKPSDM" in html and "New Zealand Government" in html and ">Tentang Bimtek</a>" in html
    for table in ("cms_sitesettings", "cms_partner", "cms_navigationsettings", "wagtailcore_site"):
        assert not any(table in sql for sql in queries), table


def test_saving_the_site_settings_shows_them_on_the_next_page(client, public_site):
    client.get("/")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.short_name = "BKD Gorontalo"
    settings.phone = "(0435) 123 456"
    settings.save()

    html = client.get("/").content.decode()

    assert "BKD Gorontalo" in html and "(0435) 123 456" in html


def test_a_new_partner_shows_on_the_next_page(client, public_site):
    client.get("/")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.partners.create(name="Mitra Baru", url="https://mitra.example/", sort_order=5)
    settings.save()  # as the admin form does: the partners are written after the settings

    assert "Mitra Baru" in client.get("/").content.decode()


def test_changed_navigation_shows_on_the_next_page(client, public_site):
    client.get("/")
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    navigation.header_links = [("link", {"label": "Tautan Baru", "url": "https://x.example/"})]
    navigation.save()

    html = client.get("/").content.decode()

    assert ">Tautan Baru</a>" in html
    assert ">Tentang Bimtek</a>" in html  # still in the footer
    assert html.count(">Tentang Bimtek</a>") == 1


def test_a_renamed_page_is_renamed_in_the_links_once_published(client, public_site):
    client.get("/")
    about = Page.objects.get(slug="tentang", locale__language_code="id").specific
    about.title = "Profil Bimtek"
    about.save_revision().publish()

    html = client.get("/").content.decode()

    assert ">Profil Bimtek</a>" in html and ">Tentang Bimtek</a>" not in html


def test_the_chrome_is_cached_per_language(client, public_site):
    client.get("/")

    assert ">About Bimtek</a>" in client.get("/en/").content.decode()
    assert ">Tentang Bimtek</a>" in client.get("/").content.decode()


def test_a_new_default_site_is_used_at_once(client, public_site):
    client.get("/")
    about = Page.objects.get(slug="tentang", locale__language_code="id")
    Site.objects.filter(is_default_site=True).update(is_default_site=False)
    Site.objects.create(hostname="testserver", port=80, root_page=about, is_default_site=True)

    response = client.get("/")

    assert response.status_code == 200
    assert response.context["page"].pk == about.pk


def test_a_page_added_or_renamed_below_the_home_page_is_routed_at_once(client, public_site):
    from cms.models import HomePage, StandardPage

    assert client.get("/tentang/").status_code == 200  # caches the home page's children
    home = HomePage.objects.get(locale__language_code="id")
    home.add_child(instance=StandardPage(title="Agenda", slug="agenda"))
    about = Page.objects.get(slug="tentang", locale__language_code="id").specific
    about.slug = "profil"
    about.save_revision().publish()

    assert client.get("/agenda/").status_code == 200
    assert client.get("/profil/").status_code == 200
    assert client.get("/tentang/").status_code != 200  # gone, or redirected to /profil/
