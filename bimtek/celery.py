"""
The Celery application.

Configured from Django settings (`CELERY_*`); tasks live in each app's `tasks.py`. Without
`CELERY_BROKER_URL` every task runs eagerly in the calling process.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bimtek.settings")

app = Celery("bimtek")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="bimtek.ping")
def ping():
    """Answer "pong": proves a broker round trip to a worker (used by health checks)."""
    return "pong"
