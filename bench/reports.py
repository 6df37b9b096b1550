"""
Report and dashboard benchmark (issue 9).

Times the first page of every admin report, one export, and the admin dashboard, through
the real URLs (Django test client, whole request: middleware, queries, templates), as an
administrator and as a trainer, on the database in ``DATABASE_URL``. Prints a table with the
median and the slowest of ``--repeat`` requests and the query count of each, and writes
``bench/results/reports.json``.

Fill the database first with the district-scale data set (10,000 participants, 200 courses,
1,000 batches, 1,000,000 progress rows); use a database of your own:

    createdb -h 127.0.0.1 -U postgres bimtek_reports
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bimtek_reports
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_scale_data          # the district scale, minutes
    .venv/bin/python bench/reports.py --repeat 5

``--generate`` runs ``generate_scale_data`` with the given sizes first when the database has
no scale data yet (e.g. ``--generate --progress-rows 20000`` to try the script quickly).
Target: under one second for each first page on PostgreSQL.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bimtek.settings")

PAGES = [
    ("dashboard", "/admin/"),
    ("enrolments and progress", "/admin/reports/training/enrolments/"),
    ("assessment results", "/admin/reports/training/assessments/"),
    ("assessment results per batch", "/admin/reports/training/batch-assessments/"),
    ("evaluation results", "/admin/reports/training/evaluations/"),
    ("JP ledger per participant", "/admin/reports/jp/participants/"),
    ("JP ledger, below target", "/admin/reports/jp/participants/?below_target=true"),
    ("JP ledger per agency", "/admin/reports/jp/agencies/"),
    ("certificate register", "/admin/certificates/register/"),
    ("JP export, one OPD (.xlsx)", "/admin/reports/jp/participants/?export=xlsx&agency={agency}"),
]  # fmt: skip
TRAINER_PAGES = {"dashboard", "enrolments and progress", "JP ledger per participant"}


def _users():
    from django.contrib.auth.models import Group

    from accounts.models import User
    from accounts.roles import ADMINISTRATORS
    from training.models import CourseTrainer

    administrator, _created = User.objects.get_or_create(
        username="bench-administrator", defaults={"full_name": "Bench Administrator"}
    )
    administrator.groups.add(Group.objects.get(name=ADMINISTRATORS))
    trainer_row = CourseTrainer.objects.order_by("trainer_id").select_related("trainer").first()
    return administrator, trainer_row.trainer if trainer_row else None


def _time(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries, status = [], 0, None
    for _index in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
            timings.append(1000 * (time.perf_counter() - start))
        queries, status = len(captured), response.status_code
    return {
        "median_ms": round(statistics.median(timings), 1),
        "max_ms": round(max(timings), 1),
        "queries": queries,
        "status": status,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--generate", action="store_true")
    import django

    django.setup()
    from certificates.management.commands.generate_scale_data import Command as Generate

    Generate().add_arguments(parser)  # the data set's sizes, with the command's defaults
    args = parser.parse_args()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from accounts.models import Agency
    from training.models import Enrolment, LessonProgress
    from training.scale_data import scale_data_exists

    # No setup_test_environment(): its instrumented template rendering copies every context
    # and would be measured as if it were the site's own cost.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if args.generate and not scale_data_exists():
        call_command(
            "generate_scale_data",
            participants=args.participants,
            courses=args.courses,
            batches=args.batches,
            progress_rows=args.progress_rows,
            attempts=args.attempts,
            certificates=args.certificates,
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    administrator, trainer = _users()
    agency = Agency.objects.filter(members__enrolments__isnull=False).first()
    size = {
        "database": connection.vendor,
        "enrolments": Enrolment.objects.count(),
        "progress_rows": LessonProgress.objects.count(),
    }
    rows = []
    for role, user in (("administrator", administrator), ("trainer", trainer)):
        if user is None:
            continue
        client = Client()
        client.force_login(user)
        for name, url in PAGES:
            if role == "trainer" and name not in TRAINER_PAGES:
                continue
            url = url.format(agency=agency.pk if agency else "")
            client.get(url)  # warm-up: caches, first-use imports
            rows.append({"role": role, "page": name, "url": url, **_time(client, url, args.repeat)})

    width = max(len(row["page"]) for row in rows) + 2
    print(f"{size}")
    header = f"{'role':<14}{'page':<{width}}{'median ms':>10}{'max ms':>10}"
    print(f"{header}{'queries':>9}{'status':>8}")
    for row in rows:
        print(
            f"{row['role']:<14}{row['page']:<{width}}{row['median_ms']:>10}"
            f"{row['max_ms']:>10}{row['queries']:>9}{row['status']:>8}"
        )
    out = BASE_DIR / "bench" / "results" / "reports.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"size": size, "rows": rows}, indent=2))
    print(f"Written to {out.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
