"""The six components of UU 25/2009 Article 23(4): page rules, rendering, privacy, queries."""

import io

import pytest
from django.core.management import call_command
from wagtail.test.utils import WagtailPageTestCase

from accounts.models import User
from cms.models import (
    Complaint,
    ComplaintsPage,
    HomePage,
    ImplementersPage,
    PerformancePage,
    ProviderProfilePage,
    PublicServiceIndexPage,
    ServiceDeclarationPage,
    ServiceStandardPage,
    StandardPage,
    SurveyResponse,
)
from tests.factories import TrainerFactory

COMPONENTS = {
    ProviderProfilePage,
    ImplementersPage,
    ServiceStandardPage,
    ServiceDeclarationPage,
    ComplaintsPage,
    PerformancePage,
}

ID, EN = "/informasi-pelayanan/", "/en/public-service-information/"
PAGES = [
    (ID, EN),
    (f"{ID}profil-penyelenggara/", f"{EN}provider-profile/"),
    (f"{ID}profil-pelaksana/", f"{EN}implementers/"),
    (f"{ID}standar-pelayanan/", f"{EN}service-standard/"),
    (f"{ID}maklumat-pelayanan/", f"{EN}service-declaration/"),
    (f"{ID}pengaduan/", f"{EN}complaints/"),
    (f"{ID}pengaduan/lacak/", f"{EN}complaints/lacak/"),
    (f"{ID}penilaian-kinerja/", f"{EN}performance/"),
    (f"{ID}penilaian-kinerja/survei/", f"{EN}performance/survei/"),
]


class TestPageTypes(WagtailPageTestCase):
    def test_the_landing_page_lives_under_home_and_holds_the_six_components(self):
        self.assertAllowedParentPageTypes(PublicServiceIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PublicServiceIndexPage, COMPONENTS)

    def test_components_live_under_the_landing_page_only_and_have_no_children(self):
        for page_type in COMPONENTS:
            self.assertAllowedParentPageTypes(page_type, {PublicServiceIndexPage})
            self.assertAllowedSubpageTypes(page_type, set())
        self.assertCanNotCreateAt(StandardPage, ServiceStandardPage)


@pytest.mark.parametrize(("indonesian", "english"), PAGES)
def test_every_page_renders_in_both_languages(client, public_site, indonesian, english):
    id_response = client.get(indonesian)
    en_response = client.get(english)

    assert id_response.status_code == en_response.status_code == 200
    assert '<html lang="id">' in id_response.content.decode()
    assert '<html lang="en">' in en_response.content.decode()


def test_landing_page_links_the_six_components_in_the_order_of_the_law(client, public_site):
    html = client.get("/en/public-service-information/").content.decode()

    titles = [
        "Provider Profile",
        "Implementers Profile",
        "Service Standard",
        "Service Declaration",
        "Complaint Management",
        "Performance Assessment",
    ]
    positions = [html.index(f">{title}</a>") for title in titles]
    assert positions == sorted(positions)
    assert html.count("Last updated") == 6
    assert html.count("<time datetime=") == 6


def test_landing_page_is_reached_from_the_home_page_navigation(client, public_site):
    assert 'href="/informasi-pelayanan/"' in client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    assert 'href="/en/public-service-information/"' in english
    assert ">Public information</a>" in english


def test_service_standard_shows_each_component_and_the_response_time(client, public_site):
    html = client.get("/en/public-service-information/service-standard/").content.decode()

    for label in (
        "Requirements",
        "System, mechanism and procedure",
        "Completion time",
        "Cost or fee",
        "Service product",
        "Handling of complaints, suggestions and feedback",
        "Legal basis",
        "Facilities and infrastructure",
        "Competence of implementers",
        "Internal supervision",
        "Number of implementers",
        "Service guarantee",
        "Security and safety guarantee",
        "Performance evaluation of implementers",
    ):
        assert f">{label}</th>" in html, label
    assert "Complaints are answered within 14 days." in html
    assert "Free of charge." in html


def test_declaration_shows_the_signing_official(client, public_site):
    html = client.get("/informasi-pelayanan/maklumat-pelayanan/").content.decode()

    assert "Kepala BKPSDM Kabupaten Gorontalo" in html
    assert "Limboto" in html


def test_provider_profile_shows_the_organisation_chart_and_contacts(client, public_site):
    html = client.get("/en/public-service-information/provider-profile/").content.decode()

    assert "<img" in html and "org-chart" in html
    assert "bkpsdm@gorontalokab.example" in html
    assert "Monday–Thursday" in html


def test_implementers_lists_only_people_who_agreed(client, public_site):
    hidden = TrainerFactory(full_name="Tidak Mau Ditampilkan", listed_publicly=False)
    shown = TrainerFactory(
        full_name="Mau Ditampilkan, S.Pd.", listed_publicly=True, public_bio="Fasilitator."
    )

    html = client.get("/en/public-service-information/implementers/").content.decode()

    assert shown.full_name in html
    assert hidden.full_name not in html
    assert "Dr. Nurain Dai" in html  # the demo trainer agreed
    assert shown.nip not in html
    assert shown.email not in html


@pytest.mark.parametrize(
    "url",
    [
        "/informasi-pelayanan/",
        "/informasi-pelayanan/profil-penyelenggara/",
        "/informasi-pelayanan/profil-pelaksana/",
        "/informasi-pelayanan/standar-pelayanan/",
        "/informasi-pelayanan/maklumat-pelayanan/",
    ],
)
def test_component_page_query_counts_are_pinned(
    client, public_site, django_assert_max_num_queries, url
):
    client.get(url)
    with django_assert_max_num_queries(22):
        client.get(url)


def test_implementers_query_count_does_not_grow_with_people(
    client, public_site, django_assert_max_num_queries
):
    url = "/informasi-pelayanan/profil-pelaksana/"
    client.get(url)
    with django_assert_max_num_queries(22) as few:
        client.get(url)
    for _i in range(15):
        TrainerFactory(listed_publicly=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


@pytest.mark.django_db
def test_seed_demo_twice_keeps_one_set_of_complaints_and_responses():
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Complaint.objects.count(), SurveyResponse.objects.count())
    statuses = sorted(Complaint.objects.values_list("status", flat=True))

    call_command("seed_demo", stdout=io.StringIO())

    assert counts == (4, 40)
    assert (Complaint.objects.count(), SurveyResponse.objects.count()) == counts
    assert statuses == ["answered", "closed", "in_process", "received"]
    assert User.objects.filter(listed_publicly=True).count() == 2
