"""The health-check endpoint: database, cache, broker and worker, 200 or 503, no secrets."""

import pytest
from django.urls import reverse

from tests.brokers import use_broker

DEAD_BROKER = "redis://:s3cret-password@127.0.0.1:6399/0"  # nothing listens on 6399


@pytest.fixture
def dead_broker(settings):
    settings.CELERY_BROKER_URL = DEAD_BROKER
    with use_broker(DEAD_BROKER):
        yield


@pytest.mark.django_db
def test_anonymous_gets_every_check_as_json(client):
    response = client.get(reverse("health"))
    body = response.json()
    assert set(body["checks"]) == {"database", "cache", "broker", "worker"}
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["cache"]["status"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")
    # Without a broker every check passes; with one, the worker decides (none runs here
    # unless an earlier test started it).
    healthy = all(check["status"] in ("ok", "eager") for check in body["checks"].values())
    assert response.status_code == (200 if healthy else 503)
    assert body["status"] == ("ok" if healthy else "error")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_running_worker_is_reported_healthy(client, live_worker):
    body = client.get(reverse("health")).json()
    expected = "eager" if live_worker is None else "ok"
    assert body["checks"]["broker"]["status"] == expected
    assert body["checks"]["worker"]["status"] == expected


@pytest.mark.django_db
def test_an_unreachable_broker_gives_503_without_its_address(client, dead_broker):
    response = client.get(reverse("health"))
    body = response.json()
    assert response.status_code == 503
    assert body["status"] == "error"
    assert body["checks"]["broker"]["status"] == "error"
    assert body["checks"]["worker"]["status"] == "error"
    assert body["checks"]["database"]["status"] == "ok"
    assert "s3cret" not in response.content.decode()
    assert "6399" not in response.content.decode()


@pytest.mark.django_db
def test_a_load_balancer_can_ask_only_what_an_app_server_needs(client, dead_broker):
    response = client.get(reverse("health"), {"checks": "database,cache"})
    assert response.status_code == 200
    assert set(response.json()["checks"]) == {"database", "cache"}


@pytest.mark.django_db
def test_a_broken_cache_gives_503(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6399/0",
        }
    }
    response = client.get(reverse("health"), {"checks": "cache"})
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["status"] == "error"
