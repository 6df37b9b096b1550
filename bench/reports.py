"""
Report and dashboard benchmark (issue 9).

Requests the first page of every admin report (with its default filters and with each
common filter: course, batch, year, agency), the exports of one batch and of one agency, and
the admin dashboard, through the real URLs (Django test client, whole request: middleware,
queries, templates), as an administrator and as a trainer, on the database in
``DATABASE_URL``. For each it prints the median and the slowest wall time of ``--repeat``
requests, the median CPU time of this process (``time.process_time``: Python, templates),
the median time spent in SQL (the sum of the queries' times as Django sees them) and the
query count; the machine's load average is printed beside the table, because wall time on a
shared machine is noise. Writes ``bench/results/reports.json`` (``--json`` also prints it as
the last line, for ``bench/run.py``).

``--explain DIR`` also writes, per page, ``EXPLAIN (ANALYZE, BUFFERS)`` of each of its
queries that took more than ``--explain-over`` ms (PostgreSQL only), and prints each
page's slowest query's execution time from the plan.

Fill the database first with the district-scale data set (10,000 participants, 200 courses,
1,000 batches, 1,000,000 progress rows); use a database of your own:

    createdb -h 127.0.0.1 -U postgres bimtek_reports
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bimtek_reports
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_scale_data          # the district scale, minutes
    .venv/bin/python bench/reports.py --repeat 5

``--generate`` runs ``generate_scale_data`` with the given sizes first when the database has
no scale data yet (e.g. ``--generate --progress-rows 20000`` to try the script quickly).
``--only WORD`` keeps the pages whose name contains WORD. ``--full-exports`` adds the
year's whole exports (tens of thousands of rows each; seconds, not a first page).
Target: under one second for each first page on PostgreSQL.
"""

import argparse
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bimtek.settings")

ENROLMENTS = "/admin/reports/training/enrolments/"
ASSESSMENTS = "/admin/reports/training/assessments/"
BATCH_ASSESSMENTS = "/admin/reports/training/batch-assessments/"
EVALUATIONS = "/admin/reports/training/evaluations/"
JP_PARTICIPANTS = "/admin/reports/jp/participants/"
JP_AGENCIES = "/admin/reports/jp/agencies/"
REGISTER = "/admin/certificates/register/"

# (name, URL, roles): every report's first page with its default filters, then with each
# filter it offers; {course}, {batch}, {agency}, {last_year} are filled from the data.
PAGES = [
    ("dashboard", "/admin/", "AT"),
    ("enrolments", ENROLMENTS, "AT"),
    ("enrolments ?course", ENROLMENTS + "?course={course}", "A"),
    ("enrolments ?batch", ENROLMENTS + "?batch={batch}", "A"),
    ("enrolments ?year=last", ENROLMENTS + "?year={last_year}", "A"),
    ("enrolments ?agency", ENROLMENTS + "?agency={agency}", "A"),
    ("enrolments ?status", ENROLMENTS + "?status=completed", "A"),
    ("enrolments by name", ENROLMENTS + "?ordering=participant__full_name", "A"),
    ("assessments", ASSESSMENTS, "AT"),
    ("assessments ?course", ASSESSMENTS + "?course={course}", "A"),
    ("assessments ?batch", ASSESSMENTS + "?batch={batch}", "A"),
    ("assessments ?year=last", ASSESSMENTS + "?year={last_year}", "A"),
    ("assessments ?agency", ASSESSMENTS + "?agency={agency}", "A"),
    ("batch assessments", BATCH_ASSESSMENTS, "AT"),
    ("batch assessments ?course", BATCH_ASSESSMENTS + "?course={course}", "A"),
    ("batch assessments ?year=last", BATCH_ASSESSMENTS + "?year={last_year}", "A"),
    ("evaluations", EVALUATIONS, "AT"),
    ("evaluations ?course", EVALUATIONS + "?course={course}", "A"),
    ("evaluations ?batch", EVALUATIONS + "?batch={batch}", "A"),
    ("JP participants", JP_PARTICIPANTS, "AT"),
    ("JP participants ?year=last", JP_PARTICIPANTS + "?year={last_year}", "A"),
    ("JP participants ?agency", JP_PARTICIPANTS + "?agency={agency}", "A"),
    ("JP participants below target", JP_PARTICIPANTS + "?below_target=true", "A"),
    ("JP participants by JP", JP_PARTICIPANTS + "?ordering=-jp", "A"),
    ("JP participants ?person", JP_PARTICIPANTS + "?person=a", "A"),
    ("JP agencies", JP_AGENCIES, "AT"),
    ("JP agencies ?year=last", JP_AGENCIES + "?year={last_year}", "A"),
    ("certificate register", REGISTER, "A"),
    ("certificate register ?course", REGISTER + "?course={course}", "A"),
    ("certificate register ?batch", REGISTER + "?batch={batch}", "A"),
    ("certificate register ?year", REGISTER + "?year={this_year}", "A"),
    ("export enrolments, batch (.xlsx)", ENROLMENTS + "?batch={batch}&export=xlsx", "A"),
    ("export assessments, batch (.csv)", ASSESSMENTS + "?batch={batch}&export=csv", "A"),
    ("export batch assessments (.xlsx)", BATCH_ASSESSMENTS + "?course={course}&export=xlsx", "A"),
    ("export evaluations (.csv)", EVALUATIONS + "?course={course}&export=csv", "A"),
    ("export JP, one OPD (.xlsx)", JP_PARTICIPANTS + "?agency={agency}&export=xlsx", "A"),
    ("export JP agencies (.csv)", JP_AGENCIES + "?export=csv", "A"),
    ("export register, batch (.xlsx)", REGISTER + "?batch={batch}&export=xlsx", "A"),
]  # fmt: skip
FULL_EXPORTS = [
    ("export enrolments, year (.csv)", ENROLMENTS + "?export=csv", "A"),
    ("export assessments, year (.xlsx)", ASSESSMENTS + "?export=xlsx", "A"),
    ("export JP, year (.xlsx)", JP_PARTICIPANTS + "?export=xlsx", "A"),
    ("export register (.csv)", REGISTER + "?export=csv", "A"),
]  # fmt: skip


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


def _sample_ids() -> dict:
    """A course, a batch and an agency with rows this year, so filtered pages are not empty."""
    from django.db.models import Count

    from accounts.models import Agency
    from training.models import Enrolment
    from training.reports.base import current_year

    year = current_year()
    this_year = Enrolment.objects.filter(batch__starts_on__year=year)
    busiest = lambda field: (  # noqa: E731
        this_year.values(field).annotate(n=Count("pk")).order_by("-n").values_list(field, flat=True)
    )
    agency = busiest("participant__agency").first() or Agency.objects.values_list("pk").first()
    return {
        "course": busiest("batch__course").first() or "",
        "batch": busiest("batch").first() or "",
        "agency": agency or "",
        "this_year": year,
        "last_year": year - 1,
    }


def _time(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    walls, cpus, sqls, queries, status = [], [], [], [], None
    for _index in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
            cpus.append(1000 * (time.process_time() - cpu))
            walls.append(1000 * (time.perf_counter() - start))
        queries = captured.captured_queries
        sqls.append(1000 * sum(float(query["time"]) for query in queries))
        status = response.status_code
    figures = {
        "median_ms": round(statistics.median(walls), 1),
        "max_ms": round(max(walls), 1),
        "cpu_ms": round(statistics.median(cpus), 1),
        "sql_ms": round(statistics.median(sqls), 1),
        "queries": len(queries),
        "status": status,
    }
    return figures, queries


EXECUTION = re.compile(r"Execution Time: ([0-9.]+) ms")


def _explain(queries, over_ms, out: Path, name: str):
    """EXPLAIN (ANALYZE, BUFFERS) of the page's slow queries; the slowest execution time."""
    from django.db import connection

    slowest = 0.0
    plans = []
    for number, query in enumerate(queries, 1):
        sql = query["sql"]
        if float(query["time"]) * 1000 < over_ms or not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        match = EXECUTION.search(plan)
        executed = float(match.group(1)) if match else 0.0
        slowest = max(slowest, executed)
        seen = float(query["time"]) * 1000
        plans.append(f"-- query {number}: {seen:.1f} ms seen\n{sql}\n{plan}\n")
    if plans:
        out.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        (out / f"{slug}.txt").write_text("\n".join(plans))
    return round(slowest, 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--generate", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the results as JSON, last")
    parser.add_argument("--only", default="", help="only the pages whose name contains this")
    parser.add_argument("--full-exports", action="store_true")
    parser.add_argument("--explain", metavar="DIR", default="")
    parser.add_argument("--explain-over", type=float, default=20.0, metavar="MS")
    import django

    django.setup()
    from certificates.management.commands.generate_scale_data import Command as Generate

    Generate().add_arguments(parser)  # the data set's sizes, with the command's defaults
    args = parser.parse_args()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

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
    ids = _sample_ids()
    size = {
        "database": connection.vendor,
        "enrolments": Enrolment.objects.count(),
        "progress_rows": LessonProgress.objects.count(),
    }
    pages = PAGES + (FULL_EXPORTS if args.full_exports else [])
    explain_dir = Path(args.explain) if args.explain and connection.vendor == "postgresql" else None
    load_before = os.getloadavg()
    rows = []
    for role, user in (("administrator", administrator), ("trainer", trainer)):
        if user is None:
            continue
        client = Client()
        client.force_login(user)
        for name, url, roles in pages:
            if role[0].upper() not in roles or args.only.lower() not in name.lower():
                continue
            url = url.format(**ids)
            client.get(url)  # warm-up: caches, first-use imports
            repeat = 1 if "export" in name and "year" in name else args.repeat
            figures, queries = _time(client, url, repeat)
            row = {"role": role, "page": name, "url": url, "load": os.getloadavg()[0], **figures}
            if explain_dir:
                row["explain_max_ms"] = _explain(
                    queries, args.explain_over, explain_dir / role, name
                )
            rows.append(row)

    load_after = os.getloadavg()
    width = max(len(row["page"]) for row in rows) + 2
    print(f"{size} ids={ids}")
    print(f"load average before {load_before}, after {load_after} (2 cores)")
    header = f"{'role':<14}{'page':<{width}}{'median ms':>10}{'max ms':>9}{'cpu ms':>8}"
    print(f"{header}{'sql ms':>8}{'explain':>8}{'queries':>8}{'status':>7}{'load':>6}")
    for row in rows:
        print(
            f"{row['role']:<14}{row['page']:<{width}}{row['median_ms']:>10}{row['max_ms']:>9}"
            f"{row['cpu_ms']:>8}{row['sql_ms']:>8}{row.get('explain_max_ms', '-'):>8}"
            f"{row['queries']:>8}{row['status']:>7}{row['load']:>6.2f}"
        )
    failed = [row for row in rows if row["status"] != 200]
    if failed:
        print(f"NOT 200: {[(row['role'], row['page'], row['status']) for row in failed]}")
    result = {"size": size, "load": [load_before, load_after], "rows": rows}
    out = BASE_DIR / "bench" / "results" / "reports.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print(f"Written to {out.relative_to(BASE_DIR)}")
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
