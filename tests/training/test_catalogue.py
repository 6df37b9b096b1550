"""The course catalogue: cards, search, filters, pagination, languages and query counts."""

from decimal import Decimal

import pytest

from .page_factories import english, make_catalogue, make_course, make_full_course, translate_tree

pytestmark = pytest.mark.django_db


def cards(response):
    return response.content.decode().count('class="course-card"')


@pytest.fixture
def catalogue():
    catalogue = make_catalogue()
    make_course(
        catalogue,
        title="Standar Pelayanan",
        summary="Menyusun standar pelayanan dan maklumat bersama masyarakat.",
        level="basic",
        delivery_language="id",
        delivery_mode="blended",
        tags=["standar pelayanan"],
    )
    make_course(
        catalogue,
        title="Desain Layanan",
        summary="Memetakan perjalanan warga dan menguji purwarupa.",
        level="intermediate",
        delivery_language="id-en",
        delivery_mode="daring",
        partner="Selandia Baru",
        tags=["desain layanan"],
    )
    make_course(
        catalogue,
        title="Pengelolaan Pengaduan",
        summary="Menjawab pengaduan hingga tuntas.",
        level="basic",
        delivery_language="id",
        delivery_mode="luring",
        tags=["pengaduan", "standar pelayanan"],
    )
    return catalogue


def titles(response):
    return [card.course.title for card in response.context["courses"]]


def test_catalogue_lists_its_live_courses_by_title(client, catalogue):
    make_course(catalogue, title="Draf Kursus").unpublish()

    response = client.get(catalogue.url)

    assert response.status_code == 200
    assert titles(response) == ["Desain Layanan", "Pengelolaan Pengaduan", "Standar Pelayanan"]


def test_card_shows_jp_lesson_count_and_duration(client):
    catalogue = make_catalogue()
    make_full_course(catalogue, modules=2, lessons_per_module=3, jp=Decimal("12.5"))
    translate_tree(catalogue)

    html = client.get(english(catalogue).url).content.decode()

    assert "12.5 JP" in html
    assert "6 lessons, ± 1.5 h" in html  # six lessons of 15 minutes


def test_search_finds_courses_by_words_of_their_summary(client, catalogue):
    response = client.get(catalogue.url, {"q": "purwarupa"})

    assert titles(response) == ["Desain Layanan"]


def test_search_with_no_match_says_so(client, catalogue):
    translate_tree(catalogue)

    response = client.get(english(catalogue).url, {"q": "astronomi"})

    assert cards(response) == 0
    assert "No course matches your search." in response.content.decode()


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"level": "intermediate"}, ["Desain Layanan"]),
        ({"language": "id"}, ["Pengelolaan Pengaduan", "Standar Pelayanan"]),
        ({"mode": "luring"}, ["Pengelolaan Pengaduan"]),
        ({"topic": "standar-pelayanan"}, ["Pengelolaan Pengaduan", "Standar Pelayanan"]),
        ({"topic": "standar-pelayanan", "mode": "blended"}, ["Standar Pelayanan"]),
        ({"topic": "standar-pelayanan", "q": "pengaduan"}, ["Pengelolaan Pengaduan"]),
    ],
)
def test_filters_narrow_the_list(client, catalogue, filters, expected):
    response = client.get(catalogue.url, filters)

    assert sorted(titles(response)) == expected


def test_a_topic_that_no_longer_exists_is_ignored(client, catalogue):
    response = client.get(catalogue.url, {"topic": "tidak-ada", "level": "intermediate"})

    assert response.status_code == 200
    assert titles(response) == ["Desain Layanan"]


def test_topic_filter_offers_only_topics_of_this_catalogue(client, catalogue):
    response = client.get(catalogue.url)

    topics = [value for value, _label in response.context["form"].fields["topic"].choices]
    assert topics == ["", "desain-layanan", "pengaduan", "standar-pelayanan"]


def test_catalogue_pages_twelve_courses_at_a_time(client):
    catalogue = make_catalogue()
    for number in range(13):
        make_course(catalogue, title=f"Kursus {number:02d}", level="basic")

    first = client.get(catalogue.url, {"level": "basic"})
    second = client.get(catalogue.url, {"level": "basic", "halaman": "2"})
    beyond = client.get(catalogue.url, {"halaman": "99"})
    garbage = client.get(catalogue.url, {"halaman": "abc"})

    assert cards(first) == 12 and cards(second) == 1
    assert 'href="?level=basic&amp;halaman=2"' in first.content.decode()
    assert titles(beyond) == ["Kursus 12"]
    assert titles(garbage) == titles(first)


def test_english_catalogue_lists_the_english_translations(client, catalogue):
    translate_tree(catalogue)
    english_catalogue = english(catalogue)
    course = english_catalogue.get_children().first().specific
    course.title = "Service Design"
    course.save_revision().publish()

    response = client.get(english_catalogue.url)

    assert response.status_code == 200
    assert "Service Design" in titles(response)
    assert all(card.course.locale.language_code == "en" for card in response.context["courses"])
    assert "3 courses found" in response.content.decode()


def test_catalogue_query_count_does_not_grow_with_the_number_of_courses(
    client, django_assert_max_num_queries
):
    catalogue = make_catalogue()
    for _number in range(2):
        make_full_course(catalogue, modules=1, lessons_per_module=2, tags=["topik"])
    client.get(catalogue.url)
    with django_assert_max_num_queries(9) as few:
        client.get(catalogue.url)

    for _number in range(10):
        make_full_course(catalogue, modules=2, lessons_per_module=3, tags=["topik", "lain"])
    client.get(catalogue.url)  # new pages forget the cached site and chrome
    with django_assert_max_num_queries(9) as many:
        response = client.get(catalogue.url)

    assert cards(response) == 12
    assert len(many) == len(few)
