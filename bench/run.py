"""
The benchmark of issue 13 in one run (``make bench``): prints a table and writes
``bench/results/latest.json``.

Steps, each in its own process so that every part starts from the settings it needs:

1. Database: starts PostgreSQL and Redis if they are not running (and stops them again at
   the end, but only those it started), recreates the default
   database ``bimtek_bench`` (a ``DATABASE_URL`` given is used as it is), migrates, seeds the demo
   data, and, with ``--scale``, the district-scale data of ``generate_scale_data`` when that
   command exists.
2. ``prepare`` (this script in Django): a bench participant enrolled in the demo course with
   a session cookie and an open quiz attempt; the URL of every page; its query count.
3. Page throughput: gunicorn with two workers on ``127.0.0.1:$BENCH_PORT`` and ``wrk`` with
   fixed connections and duration per page: requests/s, p50/p95 and the ratio to the
   constant view (the ceiling), side by side in the same run.
4. Certificates: ``bench/certificates.py render`` (ms per certificate against WeasyPrint
   alone, memory) and ``celery`` (a batch issued by a worker with two processes).
5. Reports: ``bench/reports.py`` when it exists.

Everything it starts (PostgreSQL and Redis when they were not running, gunicorn, the Celery
worker) it stops again, also when a step fails or the run is interrupted (Ctrl-C, SIGTERM).
Bench rows are left in the database it is given; use one of your own.

    .venv/bin/python bench/run.py --duration 10 --certificates 100 --celery 500
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.processes import signals_held, sigterm_runs_finally, stop  # noqa: E402

RESULTS = BASE_DIR / "bench" / "results"
PYTHON = sys.executable

# (key, label, who asks, ratio target against the ceiling or the Wagtail page)
PAGES = [
    ("ceiling", "constant Django view (ceiling)", "anonymous"),
    ("wagtail", "bare Wagtail page (framework floor)", "anonymous"),
    ("home", "Bimtek home page", "anonymous"),
    ("catalogue", "catalogue", "anonymous"),
    ("course", "course page", "anonymous"),
    ("lesson", "lesson page, signed in", "participant"),
    ("dashboard", "participant dashboard", "participant"),
    # The same two pages rendered: a browser without its CSRF cookie is never answered from
    # the participant's page cache, as a first view or a view after a change is not.
    ("lesson_rendered", "lesson page, rendered", "participant_rendered"),
    ("dashboard_rendered", "participant dashboard, rendered", "participant_rendered"),
    ("quiz", "quiz page", "participant"),
    ("quiz_save", "quiz answer save (POST)", "participant"),
    ("verification", "verification page", "anonymous"),
]
TARGETS = {
    "catalogue": ("ceiling", 0.3),
    "course": ("ceiling", 0.3),
    "lesson": ("wagtail", 0.7),
    "dashboard": ("wagtail", 0.7),
}


def bench_environment(args) -> dict:
    """The environment of every process of the run: PostgreSQL, Redis, production-like."""
    scratch = Path(tempfile.mkdtemp(prefix="bimtek-bench-"))
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": os.environ.get(
            "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bimtek_bench"
        ),
        "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/3"),
        # Connections are kept, as a production deployment does.
        "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "60"),
        "CACHE_URL": os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/3"),
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(scratch / "static"),
        "MEDIA_ROOT": str(scratch / "media"),
        "CERTIFICATE_DEMO_SIGNING_P12": str(scratch / "demo-signing.p12"),
        "EMAIL_URL": "consolemail://",
        "BENCH_SCRATCH": str(scratch),
    }


def run(command, env, *, capture_output=False, **kwargs) -> subprocess.CompletedProcess:
    """
    ``subprocess.run(..., check=True)`` in a process group of its own which, when this run
    fails or is interrupted meanwhile, is asked to stop (SIGTERM) and given time to stop what
    it started itself (the Celery worker of ``bench/certificates.py``) before SIGKILL.
    """
    print("$", " ".join(str(part) for part in command), flush=True)
    if capture_output:
        kwargs.update(stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    with subprocess.Popen(
        command, cwd=BASE_DIR, env=env, start_new_session=True, **kwargs
    ) as process:
        try:
            stdout, stderr = process.communicate()
        except BaseException:
            stop(process, timeout=90)
            raise
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command, stdout, stderr)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


PG_READY = ["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"]
REDIS_CLI = ["redis-cli", "-h", "127.0.0.1", "-p", "6379"]


def answers(ping: list[str]) -> bool:
    return subprocess.run(ping, capture_output=True).returncode == 0


def postgresql_version() -> str:
    return sorted(os.listdir("/etc/postgresql"))[-1]


def ensure_services(env, started: list) -> None:
    """
    Start PostgreSQL and Redis when they do not answer (the commands of this machine's own
    set-up), and give a run on the default database a fresh one, so that no earlier run's
    rows count. Each service started here is added to ``started`` with the command that stops
    it (``stop_services``); a service found running is not, so it is left running.
    """
    if not answers(PG_READY):
        cluster = ["pg_ctlcluster", "--skip-systemctl-redirect", postgresql_version(), "main"]
        start_service("PostgreSQL", [*cluster, "start"], [*cluster, "stop"], PG_READY, env, started)
    redis_ping = [*REDIS_CLI, "ping"]
    if not answers(redis_ping):
        start = ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379",
                 "--save", "", "--appendonly", "no"]  # fmt: skip
        stop_redis = [*REDIS_CLI, "shutdown", "nosave"]
        start_service("Redis", start, stop_redis, redis_ping, env, started)
    if "DATABASE_URL" not in os.environ:
        psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-d", "postgres", "-c"]
        run([*psql, "DROP DATABASE IF EXISTS bimtek_bench WITH (FORCE)"], env)
        run([*psql, "CREATE DATABASE bimtek_bench"], env)


def start_service(name, start, stop_command, ping, env, started: list) -> None:
    # Counted as started before its command returns, so that an interruption meanwhile still
    # stops it; a start command that fails (the service was there after all, say) started
    # nothing of this run's.
    started.append((name, stop_command))
    try:
        run(start, env)
    except subprocess.CalledProcessError:
        started.pop()
        raise
    for _ in range(30):
        if answers(ping):
            return
        time.sleep(1)
    sys.exit(f"{name} did not answer within 30 s of its start.")


def stop_services(started: list, env) -> None:
    """Stop the services of ``started``, the last one first; a failure stops the others still."""
    with signals_held():
        while started:
            name, command = started.pop()
            print(f"Stopping {name}, which this run started.", flush=True)
            try:
                run(command, env)
            except subprocess.CalledProcessError as error:
                print(f"{name} did not stop: {error}", file=sys.stderr, flush=True)


def prepare_database(env, scale: bool) -> dict:
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    run([PYTHON, "manage.py", "seed_demo"], env, stdout=subprocess.DEVNULL)
    commands = subprocess.run(
        [PYTHON, "manage.py", "help", "--commands"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    has_generator = "generate_scale_data" in commands
    if scale and has_generator:
        run([PYTHON, "manage.py", "generate_scale_data"], env)
    return {"scale_requested": scale, "generator_available": has_generator}


# --- prepare: runs inside Django ----------------------------------------------------------


# The framework floor: a plain ``wagtailcore.Page`` with a one-line template
# (bench/templates/wagtailcore/page.html), the root of a site of its own, served by Wagtail's
# serve view through the project's middleware.
BARE_HOST = "bare.bench.localhost"


def bare_wagtail_page():
    from wagtail.models import Page, Site

    site = Site.objects.filter(hostname=BARE_HOST).first()
    if site is None:
        page = Page.get_first_root_node().add_child(
            instance=Page(title="Bench", slug="bench-bare-wagtail-page")
        )
        site = Site.objects.create(hostname=BARE_HOST, port=80, root_page=page)
    return site.root_page


def prepare() -> dict:
    """URLs, a signed-in participant, an open attempt and the query count of every page."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.utils.crypto import get_random_string
    from wagtail.models import Locale, Site

    from accounts.models import User
    from certificates.models import Certificate, CertificateStatus
    from training.models import Batch, CourseIndexPage, CoursePage, EnrolmentStatus, Quiz
    from training.selectors import current_enrolment, lessons_of_course
    from training.services import enrol_participant
    from training.services.assessment import start_attempt

    # The demo course: the course of the default language with the most lessons (the
    # certificate benchmark adds courses without any).
    course = max(
        CoursePage.objects.live().filter(locale=Locale.get_default()),
        key=lambda course: len(lessons_of_course(course)),
    )
    participant, _created = User.objects.get_or_create(
        username="bench-peserta", defaults={"full_name": "Peserta Bench", "email": ""}
    )
    enrolment = current_enrolment(participant, course)
    if enrolment is None:
        batch = Batch.objects.filter(course=course).order_by("-starts_on").first()
        enrolment = enrol_participant(
            batch=batch, participant=participant, as_administrator=True, notify=False
        )
    if enrolment.status != EnrolmentStatus.ACTIVE:
        # Bench rows only: the participant reads the course, whatever the batch's policy.
        type(enrolment).objects.filter(pk=enrolment.pk).update(status=EnrolmentStatus.ACTIVE)
        enrolment.refresh_from_db()
    quiz = (
        Quiz.objects.filter(course__translation_key=course.translation_key)
        .order_by("time_limit_minutes", "pk")
        .first()
    )
    attempt = start_attempt(enrolment=enrolment, quiz=quiz)
    question = attempt.snapshot["questions"][0]
    answer = (question.get("choices") or [{"id": "x"}])[0].get("id", "x")
    certificate = Certificate.objects.filter(status=CertificateStatus.VALID).first()
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    bare_wagtail_page()
    catalogue = CourseIndexPage.objects.live().first()
    lesson = lessons_of_course(course)[-1]

    client = Client()
    client.force_login(participant)
    csrf = get_random_string(32)
    save_body = json.dumps({"answers": {str(question["id"]): answer}})
    urls = {
        "ceiling": "/__bench__/constant/",
        "wagtail": "/",  # on its own host (BARE_HOST)
        "home": home.relative_url(site),
        "catalogue": catalogue.relative_url(site),
        "course": course.relative_url(site),
        "lesson": lesson.relative_url(site),
        "dashboard": "/pembelajaran-saya/",
        "lesson_rendered": lesson.relative_url(site),
        "dashboard_rendered": "/pembelajaran-saya/",
        "quiz": f"/kuis/{quiz.pk}/",
        "quiz_save": f"/kuis/{quiz.pk}/percobaan/{attempt.pk}/simpan/",
        "verification": f"/v/{certificate.code}/" if certificate else None,
    }
    anonymous = Client()
    queries = {}
    for key, _label, who in PAGES:
        url = urls[key]
        if url is None:
            continue
        browser = anonymous if who == "anonymous" else client

        def fetch(browser=browser, key=key, url=url, who=who):
            if key == "quiz_save":
                return browser.post(url, save_body, content_type="application/json")
            headers = {"host": BARE_HOST} if key == "wagtail" else {}
            if who == "participant_rendered":
                with override_settings(PERSONAL_PAGE_CACHE_SECONDS=0):
                    return browser.get(url, headers=headers)
            return browser.get(url, headers=headers)

        # Warms the per-process caches, as a running server has them (twice: a lesson's first
        # opening creates its progress record, which a participant's cached pages follow).
        fetch()
        fetch()
        with CaptureQueriesContext(connection) as captured:
            status = fetch().status_code
        queries[key] = {"queries": len(captured), "status": status}
    return {
        "urls": urls,
        "session_cookie": client.cookies["sessionid"].value,
        "csrf_token": csrf,
        "quiz_save_body": save_body,
        "queries": queries,
    }


# --- page throughput -----------------------------------------------------------------------


def start_gunicorn(env, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "bimtek.wsgi:application", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=BASE_DIR, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        # Generous: on a busy machine two workers importing Django and Wagtail take a while.
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/__bench__/constant/", timeout=10)
                return server
            except OSError:
                time.sleep(0.5)
        sys.exit("gunicorn did not answer within 300 s")
    except BaseException:  # including an interruption while it starts
        stop(server)
        raise


def load(url: str, *, duration: int, connections: int, headers=(), method="GET", body=""):
    """One ``wrk`` run with fixed connections and duration; its figures as a dict."""
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{duration}s",
               "-s", str(BASE_DIR / "bench" / "wrk_report.lua")]  # fmt: skip
    for header in headers:
        command += ["-H", header]
    env = {**os.environ, "BENCH_METHOD": method, "BENCH_BODY": body}
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, env=env, check=True
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
    figures = json.loads(line.removeprefix("BENCH_JSON "))
    seconds = figures["duration_us"] / 1e6
    return {
        "requests_per_second": round(figures["requests"] / seconds, 1),
        "p50_ms": round(figures["p50_us"] / 1000, 1),
        "p95_ms": round(figures["p95_us"] / 1000, 1),
        "requests": figures["requests"],
        "bad_status": figures["bad_status"],
        "socket_errors": figures["socket_errors"],
    }


def page_throughput(env, prepared: dict, args) -> dict:
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: run `make system-packages` (Debian package wrk).")
    server = start_gunicorn(env, args.port)
    host = f"http://127.0.0.1:{args.port}"
    session = f"sessionid={prepared['session_cookie']}; csrftoken={prepared['csrf_token']}"
    results = {}
    try:
        for key, label, who in PAGES:
            url = prepared["urls"][key]
            if url is None:
                continue
            headers = {
                "participant": [f"Cookie: {session}"],
                "participant_rendered": [f"Cookie: sessionid={prepared['session_cookie']}"],
            }.get(who, [])
            if key == "wagtail":
                headers.append(f"Host: {BARE_HOST}")
            method, body = "GET", ""
            if key == "quiz_save":
                method, body = "POST", prepared["quiz_save_body"]
                headers += [
                    f"X-CSRFToken: {prepared['csrf_token']}",
                    "Content-Type: application/json",
                ]
            load(
                host + url,
                duration=1,
                connections=args.connections,
                headers=headers,
                method=method,
                body=body,
            )  # fmt: skip  (warm-up)
            figures = load(
                host + url,
                duration=args.duration,
                connections=args.connections,
                headers=headers,
                method=method,
                body=body,
            )
            results[key] = {"label": label, "url": url, **figures}
            print(f"  {label}: {figures['requests_per_second']} req/s", flush=True)
    finally:
        stop(server)
    ceiling = results["ceiling"]["requests_per_second"]
    wagtail = results.get("wagtail", {}).get("requests_per_second")
    for key, figures in results.items():
        figures["ratio_to_ceiling"] = round(figures["requests_per_second"] / ceiling, 3)
        if wagtail:
            figures["ratio_to_wagtail_page"] = round(figures["requests_per_second"] / wagtail, 2)
        if key in TARGETS:
            base, target = TARGETS[key]
            ratio = figures["ratio_to_ceiling" if base == "ceiling" else "ratio_to_wagtail_page"]
            base_name = "ceiling" if base == "ceiling" else "Wagtail page"
            figures["target"] = f"≥ {target}× the {base_name}"
            figures["target_met"] = ratio >= target
    return results


# --- certificates and reports --------------------------------------------------------------


def certificates(env, args) -> dict:
    results = {}
    if args.certificates:
        run([PYTHON, "bench/certificates.py", "render", "--count", str(args.certificates),
             "--sign"], env, stdout=subprocess.DEVNULL)  # fmt: skip
        results["render"] = json.loads((RESULTS / "certificates-render.json").read_text())
    if args.celery:
        run([PYTHON, "bench/certificates.py", "celery", "--count", str(args.celery)], env,
            stdout=subprocess.DEVNULL)  # fmt: skip
        results["celery"] = json.loads((RESULTS / "certificates-celery.json").read_text())
    return results


def reports(env) -> dict:
    script = BASE_DIR / "bench" / "reports.py"
    if not script.exists():
        return {"skipped": "bench/reports.py does not exist on this branch"}
    # It prints its own table and writes its figures to bench/results/reports.json.
    run([PYTHON, str(script), "--repeat", "3"], env)
    return json.loads((RESULTS / "reports.json").read_text())


# --- the table -----------------------------------------------------------------------------


def print_table(result: dict) -> None:
    pages, queries = result.get("pages", {}), result.get("queries", {})
    print()
    print(f"{'page':42} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'×ceil':>6} {'×wagt':>6}"
          f" {'queries':>7}  target")  # fmt: skip
    for key, label, _who in PAGES:
        figures = pages.get(key, {})
        count = queries.get("small", {}).get(key, {}).get("queries", "-")
        target = figures.get("target", "")
        if target:
            target += " ✓" if figures.get("target_met") else " ✗"
        print(
            f"{label:42} {figures.get('requests_per_second', '-'):>8} "
            f"{figures.get('p50_ms', '-'):>7} {figures.get('p95_ms', '-'):>7} "
            f"{figures.get('ratio_to_ceiling', '-'):>6} "
            f"{figures.get('ratio_to_wagtail_page', '-'):>6} {count:>7}  {target}"
        )
    certificates = result.get("certificates", {})
    render, celery = certificates.get("render"), certificates.get("celery")
    if render:
        print(
            f"\ncertificates: pipeline {render['pipeline_cpu_ms_per_certificate']} ms CPU "
            f"(signed: {render['signed']}) vs WeasyPrint alone "
            f"{render['floor_cpu_ms_per_certificate']} ms: {render['cpu_ratio_to_floor']}×; "
            f"memory growth {render['rss_growth_mib_after_first_sample']} MiB over "
            f"{render['count']}"
        )
    if celery:
        print(f"celery: {celery['count']} signed certificates in {celery['seconds']} s with 2 "
              f"worker processes ({celery['done']} done, {celery['failed']} failed)")  # fmt: skip
    print(f"\nload average at the end: {result['load_average']}; written to {RESULTS}/latest.json")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8121)))
    parser.add_argument("--certificates", type=int, default=100, help="renders; 0 skips")
    parser.add_argument("--celery", type=int, default=500, help="batch size; 0 skips")
    parser.add_argument("--scale", action="store_true", help="also on generate_scale_data")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        print("BENCH_JSON " + json.dumps(prepare()))
        return

    env = bench_environment(args)
    started = time.time()
    result = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "settings": vars(args)}
    services: list = []
    with sigterm_runs_finally():
        try:
            measure(env, args, result, services)
        finally:
            stop_services(services, env)
            shutil.rmtree(env["BENCH_SCRATCH"], ignore_errors=True)
    result["seconds"] = round(time.time() - started, 1)
    result["load_average"] = [round(value, 2) for value in os.getloadavg()]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print_table(result)


def measure(env, args, result: dict, services: list) -> None:
    """Every step of the run, its figures into ``result``; services it starts into ``services``."""
    ensure_services(env, services)
    result["data"] = prepare_database(env, scale=False)

    def prepared_now():
        output = run([PYTHON, "bench/run.py", "--prepare"], env, capture_output=True,
                     text=True).stdout  # fmt: skip
        line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
        return json.loads(line.removeprefix("BENCH_JSON "))

    prepared = prepared_now()
    result["queries"] = {"small": prepared["queries"]}
    result["pages"] = page_throughput(env, prepared, args)
    result["certificates"] = certificates(env, args)
    if args.scale:
        result["data"] = prepare_database(env, scale=True)
        if result["data"]["generator_available"]:
            result["queries"]["scale"] = prepared_now()["queries"]
            result["queries"]["equal"] = {
                key: result["queries"]["small"][key]["queries"] == value["queries"]
                for key, value in result["queries"]["scale"].items()
            }
    result["reports"] = reports(env)


if __name__ == "__main__":
    main()
