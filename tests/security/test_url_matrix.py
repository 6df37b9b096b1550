"""
The access-control matrix, generated from the URL configuration.

Every named URL outside the Wagtail admin, and every admin URL whose view lives in one of
our apps, must be declared in ``tests.security.url_matrix``; each declared URL is requested
by each actor and must give the declared outcome.
"""

import json

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from .url_matrix import (
    ACTORS,
    ADMINISTRATOR,
    ANONYMOUS,
    OTHER_TRAINER,
    TRAINER,
    URLS,
    outcome_of,
)

ADMIN_PREFIX = "admin/"
OUR_APPS = ("accounts", "cms", "training", "certificates", "operations")


def all_patterns(patterns=None, prefix="", namespace=None):
    """``(name, route, view)`` of every URL pattern; unnamed ones with ``None`` as name."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from all_patterns(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name, route, getattr(pattern.callback, "view_class", pattern.callback)


def named_patterns():
    """``(name, route)`` of every pattern outside the admin."""
    for name, route, _view in all_patterns():
        if not route.startswith(ADMIN_PREFIX):
            yield name, route


def is_ours(module_name):
    return module_name.split(".")[0] in OUR_APPS


def our_admin_patterns():
    """
    ``(name, route)`` of every admin pattern whose view is one of our apps', or that one of
    our apps' viewsets registers (Wagtail's generic views of our models).
    """
    from wagtail.admin.viewsets import viewsets

    namespaces = {vs.url_namespace for vs in viewsets.viewsets if is_ours(type(vs).__module__)}
    for name, route, view in all_patterns():
        if not route.startswith(ADMIN_PREFIX):
            continue
        if is_ours(view.__module__) or (name and name.split(":")[0] in namespaces):
            yield name, route


def test_every_url_outside_the_admin_is_in_the_matrix(settings):
    routes = list(named_patterns())
    unnamed = [route for name, route in routes if name is None and "media/" not in route]
    missing = sorted({name for name, _route in routes if name and name not in URLS})

    assert not unnamed, f"URL patterns without a name cannot be declared: {unnamed}"
    assert not missing, (
        f"URLs without an entry in tests/security/url_matrix.py: {', '.join(missing)}"
    )


def test_every_admin_url_of_our_apps_is_in_the_matrix():
    routes = list(our_admin_patterns())
    unnamed = [route for name, route in routes if name is None]
    missing = sorted({name for name, _route in routes if name not in URLS})

    assert not unnamed, f"Admin URL patterns without a name cannot be declared: {unnamed}"
    assert not missing, (
        f"Admin URLs without an entry in tests/security/url_matrix.py: {', '.join(missing)}"
    )


def test_the_walk_sees_our_admin_urls_and_not_wagtails():
    names = {name for name, _route in our_admin_patterns()}

    assert {
        "training_admin:batch_progress",
        "certificates_register:download",
        "training_batches:inspect",
    } <= names
    assert not names & {"wagtailadmin_home", "wagtailadmin_pages:edit", "wagtailimages:index"}


def test_the_matrix_declares_no_url_that_is_gone():
    names = {name for name, _route in named_patterns() if name}
    names |= {name for name, _route in our_admin_patterns()}

    assert sorted(set(URLS) - names) == []


def test_the_walk_sees_language_prefixed_urls():
    names = {name for name, _route in named_patterns()}

    assert {"accounts:login", "training:dashboard", "wagtail_serve"} <= names


def _request(client, entry, world):
    path = entry.url(world)
    data = entry.data(world) if entry.data else {}
    if entry.method == "post":
        if entry.content_type:
            return path, client.post(path, data, content_type=entry.content_type)
        return path, client.post(path, data)
    return path, client.get(path, data)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", sorted(URLS))
def test_each_actor_gets_the_declared_outcome(client, world, name, actor):
    entry = URLS[name]
    user = world.user(actor)
    if user is not None:
        client.force_login(user)

    path, response = _request(client, entry, world)

    expected = entry.expect[actor]
    assert outcome_of(response) == expected, (
        f"{name} ({entry.method.upper()} {path}) as {actor}: expected {expected}, "
        f"got {outcome_of(response)}"
    )


# The admin's URLs carry no language prefix: only the site's are asked again in English.
SITE_URLS = sorted(name for name, entry in URLS.items() if not entry.admin)


@pytest.mark.parametrize("name", SITE_URLS)
def test_english_urls_answer_anonymous_visitors_like_indonesian_ones(client, world, name):
    entry = URLS[name]
    with translation.override("en"):
        path, response = _request(client, entry, world)

    assert outcome_of(response) == entry.expect[ANONYMOUS], f"{name} ({path}) in English"
    translation.deactivate()


# What marks the course's rows in each report export.
REPORT_EXPORTS = {
    "training_reports:enrolments": lambda w: w.owner.nip,
    "training_reports:assessments": lambda w: w.owner.nip,
    "training_reports:batch_assessments": lambda w: w.batch.name,
    "certificates_reports:jp_participants": lambda w: w.owner.nip,
    "training_reports:xapi_statements": lambda w: w.owner.nip,
}


@pytest.mark.parametrize("actor", [TRAINER, OTHER_TRAINER])
@pytest.mark.parametrize("name", sorted(REPORT_EXPORTS))
def test_report_exports_hold_only_the_rows_of_the_trainers_own_courses(client, world, name, actor):
    """The matrix says the export opens; the rows must still be the trainer's courses' only."""
    client.force_login(world.user(actor))

    response = client.get(reverse(name), {"export": "csv"})

    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8-sig")
    marker = REPORT_EXPORTS[name](world)
    assert marker and (marker in text) == (actor == TRAINER), f"{name} as {actor}"


@pytest.mark.parametrize("actor", [TRAINER, OTHER_TRAINER])
def test_the_xapi_download_holds_only_the_statements_of_the_trainers_own_courses(
    client, world, actor
):
    """The learning records report's xAPI JSON download, narrowed like its spreadsheets."""
    client.force_login(world.user(actor))

    response = client.get(reverse("training_reports:xapi_statements"), {"export": "json"})

    assert response.status_code == 200
    statements = json.loads(b"".join(response.streaming_content))
    ids = {statement["id"] for statement in statements}
    assert (str(world.xapi_statement.statement_id) in ids) == (actor == TRAINER)
    # Each trainer gets their own course's participant's statements, and only those.
    participant = world.owner if actor == TRAINER else world.other_participant
    assert statements
    assert {s["actor"]["account"]["name"] for s in statements} == {str(participant.pk)}


@pytest.mark.parametrize("actor", ACTORS)
def test_the_health_check_shows_each_check_to_administrators_only(client, world, actor):
    """The matrix says everyone gets the health check; the checks' details are operators'."""
    user = world.user(actor)
    if user is not None:
        client.force_login(user)

    body = client.get(URLS["health"].url(world)).json()

    assert ("checks" in body) == (actor == ADMINISTRATOR), actor
    assert body["status"] in ("ok", "error")
