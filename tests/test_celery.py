"""
Celery guarantees of issue 10 that live in configuration: worker memory is capped per child,
and late acknowledgement is used only where a rerun is safe (the tasks ``docs/operations.md``
names as such, and no other).
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

from bimtek.celery import app

BASE_DIR = Path(__file__).resolve().parent.parent

# Safe to deliver again when their worker dies mid-task (docs/operations.md, "Idempotent
# tasks, late acknowledgement"), with whether they also ask for redelivery when only the pool
# process is lost (``reject_on_worker_lost``).
LATE_ACKNOWLEDGED = {
    # A rendered PDF is kept; a batch result is counted once per enrolment.
    "certificates.render_certificate": True,
    # A certificate is issued at most once per enrolment (row lock, unique constraint).
    "certificates.run_batch_job": True,
    # Marked notified with the e-mail (``revocation_notified_at``); a rerun sends nothing more.
    "certificates.notify_revocation": True,
    # Chunks of rows, each one transaction recording the rows done; a rerun goes on from there.
    "training.run_participant_import": True,
    # Marked sent only once acknowledged; a statement keeps its id, so the store keeps one.
    "training.send_xapi_statements": False,
    # A second delivery sends the same person a second valid link; a lost one sends none.
    "accounts.send_invitation": False,
}
# Acknowledged on receipt: beat runs all but the ping again at their next interval (the
# reminders skip what was recorded as sent), and the ping has nothing to redo.
ACKNOWLEDGED_ON_RECEIPT = {
    "certificates.sweep_pending_certificates",
    "training.close_expired_attempts",
    "training.send_session_reminders",
    "training.send_assessment_reminders",
    "training.send_completion_reminders",
    "bimtek.ping",
}


@pytest.fixture(scope="module")
def project_tasks():
    """Every task of the project (Celery's own ``celery.*`` tasks left out)."""
    app.loader.import_default_modules()
    return {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}


def test_worker_memory_is_capped_per_child():
    cap = settings.CELERY_WORKER_MAX_MEMORY_PER_CHILD
    # 0 or None would mean no cap at all for Celery.
    assert isinstance(cap, int)
    assert cap > 0
    # The setting reaches the worker under the name Celery reads (KiB of resident memory).
    assert app.conf.worker_max_memory_per_child == cap


def test_every_task_is_classified_for_acknowledgement(project_tasks):
    """A new task fails here until someone decides whether a rerun of it is safe."""
    assert set(project_tasks) == set(LATE_ACKNOWLEDGED) | ACKNOWLEDGED_ON_RECEIPT


def test_only_the_tasks_safe_to_rerun_acknowledge_late(project_tasks):
    assert app.conf.task_acks_late is False, "late acknowledgement must be chosen per task"
    assert not app.conf.task_reject_on_worker_lost
    late = {name for name, task in project_tasks.items() if task.acks_late}
    assert late == set(LATE_ACKNOWLEDGED)
    rejected = {name for name, task in project_tasks.items() if task.reject_on_worker_lost}
    assert rejected == {name for name, reject in LATE_ACKNOWLEDGED.items() if reject}


def test_the_operations_guide_names_the_late_acknowledged_tasks():
    guide = (BASE_DIR / "docs" / "operations.md").read_text()
    section = re.search(
        r"\*\*Idempotent tasks, late acknowledgement\.\*\*(.*?)\n- \*\*", guide, re.DOTALL
    )
    assert section, "docs/operations.md lost its paragraph on late acknowledgement"
    named = set(re.findall(r"`([a-z_]+\.[a-z_]+)`", section.group(1)))
    assert set(LATE_ACKNOWLEDGED) <= named
