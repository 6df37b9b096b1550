"""The "Pembelajaran Saya" dashboard, the JP ledger, and the page fragments' query counts."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import ParticipantFactory
from tests.training.factories import (
    BatchFactory,
    BatchSessionFactory,
    EnrolmentFactory,
    lessons_of,
    make_course,
)
from training.models import EnrolmentStatus
from training.selectors import participant_dashboard
from training.services import complete_lesson, enrol_participant

pytestmark = pytest.mark.django_db


def completed_in(participant, *, year, jp):
    enrolment = EnrolmentFactory(
        participant=participant,
        batch=BatchFactory(course=make_course(modules=1, lessons=1, jp=jp)),
        status=EnrolmentStatus.COMPLETED,
    )
    enrolment.completed_at = timezone.make_aware(datetime.datetime(year, 6, 1, 10))
    enrolment.save()
    return enrolment


@time_machine.travel(datetime.datetime(2026, 11, 28, 12, tzinfo=datetime.UTC), tick=False)
def test_jp_ledger_sums_this_year_against_the_target_and_lists_past_years(participant):
    completed_in(participant, year=2026, jp=Decimal("12"))
    completed_in(participant, year=2026, jp=Decimal("4.5"))
    completed_in(participant, year=2025, jp=Decimal("24"))
    completed_in(ParticipantFactory(), year=2026, jp=Decimal("30"))

    dashboard = participant_dashboard(participant)

    assert dashboard.this_year.year == 2026
    assert dashboard.this_year.jp == Decimal("16.5")
    assert dashboard.this_year.percent_of_target == 82
    assert not dashboard.this_year.target_met
    assert [(entry.year, entry.jp, entry.target_met) for entry in dashboard.past_years] == [
        (2025, Decimal("24"), True)
    ]


def test_dashboard_shows_progress_next_lesson_and_jp_in_english(client, participant):
    course = make_course(modules=1, lessons=4, title="Maklumat Pelayanan")
    enrolment = enrol_participant(batch=BatchFactory(course=course), participant=participant)
    first, second, *_rest = lessons_of(course)
    complete_lesson(enrolment=enrolment, lesson=first)
    client.force_login(participant)

    response = client.get("/en/pembelajaran-saya/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Maklumat Pelayanan" in html
    assert '<progress class="progress__bar" max="100" value="25"' in html
    assert "1 of 4 lessons done" in html
    assert f'href="{second.url}"' in html
    assert "of the 20 JP target" in html


def test_dashboard_needs_sign_in(client):
    response = client.get("/pembelajaran-saya/")

    assert response.status_code == 302
    assert "/akun/masuk/" in response["Location"]


def test_dashboard_query_count_does_not_grow_with_enrolments_or_lessons(
    client, django_assert_max_num_queries, settings
):
    # The page as rendered; the answer from the participant's page cache is pinned in
    # tests/training/test_personal_page_cache.py.
    settings.PERSONAL_PAGE_CACHE_SECONDS = 0

    def dashboard_queries(participant):
        client.force_login(participant)
        client.get("/pembelajaran-saya/")  # warms the caches (site, chrome, locale)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/pembelajaran-saya/").status_code == 200
        return len(queries)

    small = ParticipantFactory()
    enrol_participant(
        batch=BatchFactory(course=make_course(modules=1, lessons=1)), participant=small
    )
    large = ParticipantFactory()
    for _ in range(4):
        enrolment = enrol_participant(
            batch=BatchFactory(course=make_course(modules=3, lessons=4)), participant=large
        )
        complete_lesson(enrolment=enrolment, lesson=lessons_of(enrolment.batch.course)[0])
        for day in (1, 2, 3):
            BatchSessionFactory(
                batch=enrolment.batch, starts_at=timezone.now() + datetime.timedelta(days=day)
            )
    completed_in(large, year=timezone.localdate().year, jp=Decimal(8))
    completed_in(large, year=timezone.localdate().year - 1, jp=Decimal(8))

    baseline = dashboard_queries(small)
    # Session, user, enrolments, lessons, progress, the sessions to come (the schedule), the
    # pages in the reader's language.
    assert baseline <= 7
    assert dashboard_queries(large) == baseline
    with django_assert_max_num_queries(baseline):
        client.get("/pembelajaran-saya/")
