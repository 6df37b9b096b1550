"""
Demo batches: one open batch for each demo course, with the demo participant ``peserta``
enrolled in the first. Called from ``training.demo.seed``; quiet when no course exists yet.
"""

import datetime

from django.utils import timezone

from accounts.models import User

from .models import BatchStatus, CoursePage, DeliveryMode, EnrolmentPolicy
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
    participant = User.objects.filter(username="peserta").first()
    if participant is not None:
        enrol_participant(batch=batches[0], participant=participant, notify=False)
    log(f"Batches: {len(batches)} open (demo participant enrolled in {batches[0]})")
