"""
Load test (issue 10): simulated participants browse lessons, save quiz answers and submit,
against the app served by gunicorn on 127.0.0.1 with PostgreSQL. Not a test: it prints.

Three steps, each bounded in time and requests (it only ever talks to 127.0.0.1):

``setup``  migrates the database it is given, seeds the demo course if needed and creates
           N participants (``beban-0001`` …) enrolled in a batch of a course with a quiz.
``run``    starts gunicorn on the given port, runs Locust headless (N users, each doing a
           fixed script: sign in, lessons, start the quiz, save answers, submit, lessons),
           for at most ``--minutes``; prints requests, failures and p50/p95/p99 per
           endpoint; then counts attempts and answers in the database and compares them
           with what every user saved: zero lost answers is the target.
           (Both steps by default: ``all``.)

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bimtek_load \
        .venv/bin/python bench/load.py all --users 200 --minutes 2 --port 8141

The server runs as in production (``DEBUG`` off, collected static files, persistent
database connections, the Redis cache; ``bench/load_settings.py``). The workload: the
participants arrive over the first minute (each signs in: PBKDF2 with Django's 1,000,000
iterations, about 0.2 s of CPU), read each lesson for 4-12 s and answer each question in
2-6 s; when the time is up, a participant in the middle of the script has 30 s to finish.

Target on the 2-core machine: zero failures, zero lost answers, p95 of lesson pages under
300 ms. Results are also written to ``bench/results/load.json``.
"""

import argparse
import csv
import json
import os
import random
import re
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.processes import stop  # noqa: E402

RESULTS = BASE_DIR / "bench" / "results"
PLAN = RESULTS / "load-plan.json"
SAVED = RESULTS / "load-saved.jsonl"
PASSWORD = "beban-uji-2026"
# The workload model (docs/operations.md): participants arrive over the first minute, read
# each lesson for 4-12 s and answer each question in 2-6 s.
ARRIVAL_SECONDS = 60
READING_SECONDS = (4.0, 12.0)
ANSWERING_SECONDS = (2.0, 6.0)
USER_PREFIX = "beban-"

if os.environ.get("BIMTEK_LOAD_LOCUSTFILE"):
    # Imported by Locust (gevent already patched): the simulated participant.
    from locust import HttpUser, between, task
    from locust.exception import StopUser

    _plan = json.loads(PLAN.read_text())
    _usernames = iter(_plan["usernames"])
    QUESTION = re.compile(r'type="(radio|checkbox|text)" name="q-(\d+)"[^>]*? value="([^"]*)"')
    TEXTAREA = re.compile(r'<textarea name="q-(\d+)"')
    CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

    class Participant(HttpUser):
        """One participant's session: a fixed, finite script, so requests are bounded."""

        # A participant reads a lesson for some seconds before the next, and takes a few
        # seconds over each question; faster than most people, to keep the load high.
        wait_time = between(READING_SECONDS[0], READING_SECONDS[1])

        def on_start(self):
            self.username = next(_usernames)
            page = self.client.get("/akun/masuk/", name="sign-in form")
            token = CSRF.search(page.text).group(1)
            self.client.post(
                "/akun/masuk/",
                {"csrfmiddlewaretoken": token, "username": self.username, "password": PASSWORD},
                name="sign in",
            )

        def _lessons(self, count):
            for url in random.sample(_plan["lessons"], min(count, len(_plan["lessons"]))):
                self.client.get(url, name="lesson page")
                self.wait()

        @task
        def learn_and_take_the_quiz(self):
            self._lessons(4)
            quiz = _plan["quiz_id"]
            self.client.get(f"/kuis/{quiz}/", name="quiz page")
            page = self.client.get(f"/kuis/{quiz}/", name="quiz page")
            token = CSRF.search(page.text).group(1)
            started = self.client.post(
                f"/kuis/{quiz}/mulai/", {"csrfmiddlewaretoken": token}, name="start attempt"
            )
            match = re.search(r"/percobaan/(\d+)/", started.url)
            if match is None:
                raise StopUser()
            attempt = match.group(1)
            form = self.client.get(f"/kuis/{quiz}/percobaan/{attempt}/", name="attempt page")
            token = CSRF.search(form.text).group(1)
            answers = {}
            for kind, question, value in QUESTION.findall(form.text):
                if question in answers:
                    continue
                answers[question] = (
                    [value] if kind == "checkbox" else value if kind == "radio" else "jawaban"
                )
            for question in TEXTAREA.findall(form.text):
                answers.setdefault(question, "jawaban uraian uji beban")
            saved, submitted = {}, None
            try:
                self._answer_and_submit(quiz, attempt, token, answers, saved)
                submitted = self._submitted
            finally:
                # Also when the run's time ends in the middle: what was saved must be stored.
                with SAVED.open("a") as file:
                    record = {
                        "username": self.username,
                        "attempt": int(attempt),
                        "saved": sorted(int(q) for q in saved),
                        "submitted": bool(submitted),
                    }
                    file.write(json.dumps(record) + "\n")
            self._lessons(2)
            raise StopUser()

        def _answer_and_submit(self, quiz, attempt, token, answers, saved):
            self._submitted = False
            # Autosave as the page does: one question at a time.
            for question, value in answers.items():
                response = self.client.post(
                    f"/kuis/{quiz}/percobaan/{attempt}/simpan/",
                    json.dumps({"answers": {question: value}}),
                    headers={"Content-Type": "application/json", "X-CSRFToken": token},
                    name="save answers",
                )
                if response.status_code == 200:
                    saved[question] = value
                time.sleep(random.uniform(*ANSWERING_SECONDS))
            # The form is submitted as a browser sends it: with every answer on the page.
            form_data = {"csrfmiddlewaretoken": token}
            form_data.update({f"q-{question}": value for question, value in answers.items()})
            submitted = self.client.post(
                f"/kuis/{quiz}/percobaan/{attempt}/", form_data, name="submit attempt"
            )
            self._submitted = submitted.ok and "/hasil/" in submitted.url


def _django():
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bimtek.settings")
    import django

    django.setup()


def setup(users: int) -> dict:
    """Migrate, seed the demo if needed, create ``users`` enrolled participants."""
    _django()
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from accounts.models import User
    from training.models import BatchStatus, DeliveryMode, EnrolmentPolicy, LessonPage, Quiz
    from training.services import enrol_participant, upsert_batch

    call_command("migrate", verbosity=0, interactive=False)
    quiz = Quiz.objects.filter(attempt_limit__isnull=False).order_by("-attempt_limit").first()
    if quiz is None:
        call_command("seed_demo", verbosity=0)
        quiz = Quiz.objects.order_by("-attempt_limit").first()
    course = quiz.course
    batch = upsert_batch(
        course=course,
        name="Angkatan Uji Beban",
        capacity=users + 10,
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=90),
        mode=DeliveryMode.ONLINE,
        enrolment_policy=EnrolmentPolicy.OPEN,
        status=BatchStatus.OPEN,
    )
    usernames = []
    for index in range(1, users + 1):
        username = f"{USER_PREFIX}{index:04d}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username, password=PASSWORD, full_name=f"Peserta Uji {index}"
            )
        enrol_participant(batch=batch, participant=user, as_administrator=True, notify=False)
        usernames.append(username)
    lessons = [
        lesson.url
        for lesson in LessonPage.objects.live().descendant_of(course)
        if lesson.url and lesson.url.startswith("/")
    ]
    plan = {"quiz_id": quiz.pk, "usernames": usernames, "lessons": lessons}
    RESULTS.mkdir(parents=True, exist_ok=True)
    PLAN.write_text(json.dumps(plan, indent=1))
    print(f"{users} participants in {batch}; quiz {quiz.pk} ({quiz}); {len(lessons)} lessons")
    return plan


def _production_environment() -> dict:
    """
    The server as production runs it: DEBUG off, static files collected and served by
    WhiteNoise, persistent database connections, the shared Redis cache. The sign-in lockout
    stays off: every simulated participant signs in from 127.0.0.1.
    """
    scratch = Path(tempfile.mkdtemp(prefix="bimtek-load-"))
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "60"),
        "CACHE_URL": os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/4"),
        "STATIC_ROOT": str(scratch / "static"),
        "MEDIA_ROOT": os.environ.get("MEDIA_ROOT", str(scratch / "media")),
        "EMAIL_URL": "consolemail://",
        "AXES_ENABLED": "false",
    }


def _wait_for_server(port: int, seconds: float = 180):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health/?checks=database", timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer on port {port}")


def run(users: int, minutes: float, port: int, workers: int) -> dict:
    """Serve with gunicorn, run Locust, print the figures, count what reached the database."""
    plan = json.loads(PLAN.read_text())
    users = min(users, len(plan["usernames"]))
    SAVED.unlink(missing_ok=True)
    env = _production_environment()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=BASE_DIR, env=env, check=True,
    )  # fmt: skip
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "bimtek.wsgi", "-w", str(workers),
         "-b", f"127.0.0.1:{port}", "--timeout", "60", "--log-level", "warning"],
        cwd=BASE_DIR, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        _wait_for_server(port)
        csv_prefix = RESULTS / "load"
        subprocess.run(
            [sys.executable, "-m", "locust", "-f", __file__, "--headless", "--only-summary",
             "-u", str(users), "-r", f"{users / ARRIVAL_SECONDS:.2f}",
             "-t", f"{int(minutes * 60)}s",
             "--stop-timeout", "30", "--host", f"http://127.0.0.1:{port}",
             "--csv", str(csv_prefix), "--loglevel", "WARNING"],
            cwd=BASE_DIR, env={**env, "BIMTEK_LOAD_LOCUSTFILE": "1"}, timeout=minutes * 60 + 120,
        )  # fmt: skip
    finally:
        # The server and its workers as a whole, killed if they have not stopped in time.
        stop(gunicorn)
    return report(csv_prefix, users, minutes)


def report(csv_prefix: Path, users: int, minutes: float) -> dict:
    _django()
    from training.models import Answer, Attempt

    with open(f"{csv_prefix}_stats.csv") as stats:
        rows = list(csv.DictReader(stats))
    print(
        f"\n{'endpoint':<18}{'requests':>9}{'failures':>9}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
    )
    endpoints = {}
    for row in rows:
        name = row["Name"]
        endpoints[name] = {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50": float(row["50%"] or 0),
            "p95": float(row["95%"] or 0),
            "p99": float(row["99%"] or 0),
        }
        figures = endpoints[name]
        print(
            f"{name:<18}{figures['requests']:>9}{figures['failures']:>9}"
            f"{figures['p50']:>8.0f}{figures['p95']:>8.0f}{figures['p99']:>8.0f}"
        )
    saved = [json.loads(line) for line in SAVED.read_text().splitlines()] if SAVED.exists() else []
    lost = 0
    for record in saved:
        stored = set(
            Answer.objects.filter(attempt_id=record["attempt"])
            .exclude(response=None)
            .values_list("question_ref", flat=True)
        )
        lost += len(set(record["saved"]) - stored)
    submitted_by_users = sum(record["submitted"] for record in saved)
    submitted_in_database = Attempt.objects.filter(
        pk__in=[record["attempt"] for record in saved], submitted_at__isnull=False
    ).count()
    answers_saved = sum(len(record["saved"]) for record in saved)
    summary = {
        "users": users,
        "minutes": minutes,
        "endpoints": endpoints,
        "participants_finished": len(saved),
        "answers_saved": answers_saved,
        "answers_lost": lost,
        "attempts_submitted": submitted_by_users,
        "attempts_submitted_in_database": submitted_in_database,
    }
    print(
        f"\n{len(saved)} participants finished; {answers_saved} answers saved, {lost} lost; "
        f"{submitted_by_users} attempts submitted, {submitted_in_database} submitted in the "
        "database"
    )
    (RESULTS / "load.json").write_text(json.dumps(summary, indent=2) + "\n")
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=["setup", "run", "all"], nargs="?", default="all")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=2.0)
    parser.add_argument("--port", type=int, default=8141)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    options = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        # The embedded SQLite default answers "database is locked" to four busy workers:
        # the figures would measure that, not Bimtek.
        parser.error(
            "the load test runs against PostgreSQL: set DATABASE_URL, e.g. "
            "postgres://postgres@127.0.0.1:5432/bimtek_load (bench/README.md)"
        )
    if options.step in ("setup", "all"):
        setup(options.users)
    if options.step in ("run", "all"):
        run(options.users, options.minutes, options.port, options.workers)


if __name__ == "__main__":
    main()
