"""The anonymous page cache of the catalogue and course pages, and what forgets it."""

import pytest
from django.core.cache import cache

from tests.factories import ParticipantFactory
from training.models import ModulePage

from .factories import BatchFactory
from .page_factories import make_catalogue, make_full_course

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def course(client):
    course = make_full_course(make_catalogue(), modules=1, lessons_per_module=2)
    # The first visit of a new site creates its settings rows, and saving settings forgets
    # every cached page: start the tests from a site that has them.
    client.get(course.url)
    cache.clear()
    return course


def test_second_anonymous_visit_of_a_course_page_is_answered_without_queries(
    client, course, django_assert_num_queries
):
    first = client.get(course.url)

    with django_assert_num_queries(0):
        second = client.get(course.url)

    assert first.status_code == second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_catalogue_is_cached_per_address_so_filters_get_their_own_page(client, course):
    catalogue = course.get_parent()
    client.get(catalogue.url)

    assert client.get(catalogue.url)["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in client.get(catalogue.url + "?q=zzz")


def test_publishing_a_change_shows_at_once(client, course):
    client.get(course.url)
    course.title = "Judul Baru Kursus"
    course.save_revision().publish()

    response = client.get(course.url)

    assert "X-Page-Cache" not in response
    assert "Judul Baru Kursus" in response.content.decode()


def test_unpublishing_a_module_forgets_the_course_page(client, course):
    client.get(course.url)
    module = ModulePage.objects.child_of(course).get()
    module.unpublish()

    response = client.get(course.url)

    assert "X-Page-Cache" not in response
    assert module.title not in response.content.decode()


def test_a_new_open_batch_shows_at_once(client, course):
    client.get(course.url)
    BatchFactory(course=course, name="Angkatan Baru Sekali")

    response = client.get(course.url)

    assert "X-Page-Cache" not in response
    assert "Angkatan Baru Sekali" in response.content.decode()


def test_signed_in_visitors_never_get_the_cached_page(client, course):
    participant = ParticipantFactory(full_name="Peserta Bernama Khusus")
    client.get(course.url)
    client.get(course.url)
    client.force_login(participant)

    response = client.get(course.url)

    assert "X-Page-Cache" not in response
    assert participant.get_short_name() in response.content.decode()


def test_a_signed_in_visit_is_not_stored_for_anonymous_visitors(client, course):
    participant = ParticipantFactory()
    client.force_login(participant)
    client.get(course.url)
    client.logout()
    client.cookies.clear()

    response = client.get(course.url)

    assert "X-Page-Cache" not in response
    assert participant.get_short_name() not in response.content.decode()


def test_lesson_pages_are_never_cached(client, course):
    lesson = course.get_descendants().type(ModulePage).first().get_children().first()
    client.get(lesson.url)

    response = client.get(lesson.url)

    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_the_cache_is_off_when_no_lifetime_is_configured(client, course, settings):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 0
    client.get(course.url)

    assert "X-Page-Cache" not in client.get(course.url)
