"""
The health-check endpoint: database, cache, broker and worker, 200 or 503, no secrets; each
check's result and time for operators only (the configured token, administrators).
"""

import pytest
from django.urls import reverse

from tests.brokers import use_broker
from tests.factories import TrainerFactory

DEAD_BROKER = "redis://:s3cret-password@127.0.0.1:6399/0"  # nothing listens on 6399
TOKEN = "monitoring-7f3a9c2e5b"


@pytest.fixture
def operator(settings):
    """Headers of monitoring that presents the configured token."""
    settings.HEALTH_CHECK_TOKEN = TOKEN
    return {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


@pytest.fixture
def dead_broker(settings):
    settings.CELERY_BROKER_URL = DEAD_BROKER
    with use_broker(DEAD_BROKER):
        yield


@pytest.mark.django_db
def test_anonymous_callers_get_only_the_overall_status(client, settings):
    settings.HEALTH_CHECK_TOKEN = TOKEN

    response = client.get(reverse("health"))

    assert response.json() == {"status": "ok" if response.status_code == 200 else "error"}
    assert response.status_code in (200, 503)
    assert b"ms" not in response.content


@pytest.mark.parametrize(
    "authorization", ["Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer "]
)
@pytest.mark.django_db
def test_a_wrong_token_gets_only_the_overall_status(client, settings, authorization):
    settings.HEALTH_CHECK_TOKEN = TOKEN

    body = client.get(reverse("health"), HTTP_AUTHORIZATION=authorization).json()

    assert set(body) == {"status"}


@pytest.mark.django_db
def test_without_a_configured_token_no_bearer_is_accepted(client, settings):
    settings.HEALTH_CHECK_TOKEN = ""

    assert set(client.get(reverse("health"), HTTP_AUTHORIZATION="Bearer ").json()) == {"status"}


@pytest.mark.django_db
def test_of_signed_in_users_only_administrators_get_each_check_with_its_time(client, administrator):
    client.force_login(TrainerFactory())
    assert set(client.get(reverse("health")).json()) == {"status"}

    client.force_login(administrator)
    checks = client.get(reverse("health")).json()["checks"]

    assert set(checks) == {"database", "cache", "broker", "worker"}
    assert all("ms" in check for check in checks.values())


@pytest.mark.django_db
def test_monitoring_with_the_token_gets_every_check_as_json(client, operator):
    response = client.get(reverse("health"), **operator)
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
def test_a_running_worker_is_reported_healthy(client, live_worker, operator):
    body = client.get(reverse("health"), **operator).json()
    expected = "eager" if live_worker is None else "ok"
    assert body["checks"]["broker"]["status"] == expected
    assert body["checks"]["worker"]["status"] == expected


@pytest.mark.django_db
def test_an_unreachable_broker_gives_503_without_its_address(client, dead_broker, operator):
    response = client.get(reverse("health"), **operator)
    body = response.json()
    assert response.status_code == 503
    assert body["status"] == "error"
    assert body["checks"]["broker"]["status"] == "error"
    assert body["checks"]["worker"]["status"] == "error"
    assert body["checks"]["database"]["status"] == "ok"
    assert "s3cret" not in response.content.decode()
    assert "6399" not in response.content.decode()


@pytest.mark.django_db
def test_a_load_balancer_can_ask_only_what_an_app_server_needs(client, dead_broker, operator):
    response = client.get(reverse("health"), {"checks": "database,cache"})
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    detailed = client.get(reverse("health"), {"checks": "database,cache"}, **operator)
    assert set(detailed.json()["checks"]) == {"database", "cache"}


@pytest.mark.django_db
def test_a_broken_cache_gives_503(client, settings, operator):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6399/0",
        }
    }
    response = client.get(reverse("health"), {"checks": "cache"}, **operator)
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["status"] == "error"
    anonymous = client.get(reverse("health"), {"checks": "cache"})
    assert (anonymous.status_code, anonymous.json()) == (503, {"status": "error"})
