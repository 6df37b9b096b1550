"""
Demo batches: one open batch for each demo course, with the demo participant ``peserta``
enrolled in the first. Called from ``training.demo.seed``; quiet when no course exists yet.
"""

import datetime

from django.utils import timezone

from accounts.models import User

from .models import BatchSession, BatchStatus, CoursePage, DeliveryMode, EnrolmentPolicy
from .services import enrol_participant, upsert_batch


def seed(log):
    courses = list(
        CoursePage.objects.live().filter(locale__language_code="id").order_by("path")
    )  # fmt: skip
    if not courses:
        return
    today = timezone.localdate()
    batches = []
    for course in courses:
        batches.append(
            upsert_batch(
                course=course,
                name=f"Angkatan I {today.year}",
                starts_on=today.replace(day=1),
                ends_on=today.replace(day=1) + datetime.timedelta(days=90),
                enrolment_opens=None,
                enrolment_closes=None,
                capacity=40,
                mode=DeliveryMode.ONLINE,
                location="",
                enrolment_policy=EnrolmentPolicy.OPEN,
                status=BatchStatus.OPEN,
            )
        )
    sessions = _seed_sessions(batches[0], today)
    participant = User.objects.filter(username="peserta").first()
    if participant is not None:
        enrol_participant(batch=batches[0], participant=participant, notify=False)
    log(
        f"Batches: {len(batches)} open (demo participant enrolled in {batches[0]}, "
        f"{sessions} upcoming online sessions)"
    )


def _seed_sessions(batch, today) -> int:
    """
    Two online sessions of the participant's batch, tomorrow and a week later (09.00–11.00
    WITA), so the dashboard's schedule and the calendar feed show something.
    """
    zone = timezone.get_current_timezone()
    for number, offset in ((1, 1), (2, 8)):
        day = today + datetime.timedelta(days=offset)
        if day > batch.ends_on:
            continue
        starts_at = datetime.datetime.combine(day, datetime.time(9), tzinfo=zone)
        BatchSession.objects.update_or_create(
            batch=batch,
            title=f"Webinar {number}",
            defaults={
                "starts_at": starts_at,
                "ends_at": starts_at + datetime.timedelta(hours=2),
                "online_url": "https://meet.example.org/bimtek-demo",
            },
        )
    return batch.sessions.count()
