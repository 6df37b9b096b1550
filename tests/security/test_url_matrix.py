"""
The access-control matrix, generated from the URL configuration.

Every named URL outside the Wagtail admin must be declared in ``tests.security.url_matrix``;
each declared URL is requested by each actor and must give the declared outcome.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from .url_matrix import ACTORS, ANONYMOUS, URLS, outcome_of

ADMIN_PREFIX = "admin/"


def named_patterns(patterns=None, prefix="", namespace=None):
    """``(name, route)`` of every pattern outside the admin; unnamed ones as ``(None, route)``."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(ADMIN_PREFIX):
            continue
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from named_patterns(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name, route


def test_every_url_outside_the_admin_is_in_the_matrix(settings):
    routes = list(named_patterns())
    unnamed = [route for name, route in routes if name is None and "media/" not in route]
    missing = sorted({name for name, _route in routes if name and name not in URLS})

    assert not unnamed, f"URL patterns without a name cannot be declared: {unnamed}"
    assert not missing, (
        f"URLs without an entry in tests/security/url_matrix.py: {', '.join(missing)}"
    )


def test_the_matrix_declares_no_url_that_is_gone():
    names = {name for name, _route in named_patterns() if name}

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


@pytest.mark.parametrize("name", sorted(URLS))
def test_english_urls_answer_anonymous_visitors_like_indonesian_ones(client, world, name):
    entry = URLS[name]
    with translation.override("en"):
        path, response = _request(client, entry, world)

    assert outcome_of(response) == entry.expect[ANONYMOUS], f"{name} ({path}) in English"
    translation.deactivate()
