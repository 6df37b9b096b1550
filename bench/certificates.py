"""
Certificate rendering benchmark (issue 6).

Two parts:

``render`` (default): in one process, renders N certificates through the real pipeline
(``certificate_html`` + ``certificates.pdf.render_pdf`` + SHA-256, optionally signed) and,
beside it, WeasyPrint alone on the very same HTML: the floor. Prints ms per certificate,
the ratio to the floor, and the process's resident memory after every 50 renders (flat
memory means no leak). Needs no database.

``celery``: issues a batch of N certificates (signed with a throw-away demo key) through
Celery with a real worker of two processes, on PostgreSQL and Redis from ``DATABASE_URL``
and ``CELERY_BROKER_URL``, and prints the wall time from the request to the last PDF.

    .venv/bin/python bench/certificates.py render --count 500
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bimtek_bench \
    CELERY_BROKER_URL=redis://127.0.0.1:6379/14 \
        .venv/bin/python bench/certificates.py celery --count 500

Results are also written to ``bench/results/certificates-<part>.json``.
"""

import argparse
import contextlib
import gc
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bimtek.settings")

from bench.processes import sigterm_runs_finally, stop  # noqa: E402


def rss_mib() -> float:
    """Current resident memory of this process."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _template():
    from certificates.models import CertificateTemplate, Signatory, TemplateSignatory

    template = CertificateTemplate(
        name="Bench",
        institution_name="PEMERINTAH KABUPATEN GORONTALO\nBADAN KEPEGAWAIAN DAN "
        "PENGEMBANGAN SUMBER DAYA MANUSIA",
        body_id="telah mengikuti Bimbingan Teknis {course} ({batch}) pada tanggal {dates} di "
        "{place}, selama {jp} jam pelajaran (JP), dengan predikat {predicate}.",
        body_en="has completed the technical training {course} ({batch}) on {dates} in "
        "{place}, {jp} learning hours (JP), with the predicate {predicate}.",
        issue_place="Limboto",
    )
    signatory = Signatory(
        name="Dr. Hj. Rahmawati Ibrahim, S.E., M.Si.",
        nip="197205141998032004",
        position="Kepala BKPSDM Kabupaten Gorontalo",
        rank="Pembina Utama Muda (IV/c)",
    )
    template.template_signatories = [
        TemplateSignatory(signatory=signatory, role_label="Kepala BKPSDM,", sort_order=0)
    ]
    return template


def bench_render(count: int, warmup: int, sign: bool) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    from certificates.pdf import render_pdf
    from certificates.rendering import certificate_html, sample_facts
    from certificates.signing import sign_pdf

    if sign:
        from certificates.demo import write_demo_signing_key

        key_dir = tempfile.mkdtemp()
        settings.CERTIFICATE_SIGNING_P12 = ""
        settings.CERTIFICATE_DEMO_SIGNING_P12 = write_demo_signing_key(Path(key_dir) / "bench.p12")

    template = _template()
    base_facts = sample_facts(template=template)

    def facts_for(index):
        facts = json.loads(json.dumps(base_facts))
        facts["participant"]["name"] = f"Peserta Nomor {index}, S.Kom."
        facts["number"] = f"800.2.3/{index:04d}/BKPSDM/III/2026"
        return facts

    def pipeline(index):
        html = certificate_html(
            template=template,
            facts=facts_for(index),
            verification_url=f"{settings.SITE_URL}/v/BENCH{index:05d}",
        )
        pdf = render_pdf(html)
        if sign:
            pdf = sign_pdf(pdf, reason="bench", location="Limboto") or pdf
        hashlib.sha256(pdf).hexdigest()
        return pdf

    floor_html = certificate_html(
        template=template, facts=facts_for(0), verification_url=f"{settings.SITE_URL}/v/BENCH0"
    )

    # The floor is WeasyPrint alone with warm fonts: one font configuration kept for the
    # whole run, as any long-lived process would. Without it every document parses the
    # Noto fonts again, which made the old floor look slower than the pipeline.
    floor_fonts = FontConfiguration()

    # The floor renders the very HTML the pipeline builds for the same certificate (its own
    # name, number and QR code), built before the clock starts.
    floor_htmls = {}

    def floor(index):
        html = floor_htmls.pop(index, floor_html)
        return HTML(string=html, base_url=str(BASE_DIR)).write_pdf(font_config=floor_fonts)

    def cold_floor(_index):
        return HTML(string=floor_html, base_url=str(BASE_DIR)).write_pdf()

    for index in range(warmup):
        pipeline(index)
        floor(index)
    gc.collect()

    # Interleaved, so that both see the same load from other processes on the machine;
    # CPU time of this process is reported beside wall time for the same reason.
    wall = {"floor": 0.0, "pipeline": 0.0}
    cpu = {"floor": 0.0, "pipeline": 0.0}
    memory = []
    every = 50 if count >= 100 else max(1, count // 5)
    for index in range(count):
        floor_htmls[index] = certificate_html(
            template=template,
            facts=facts_for(index),
            verification_url=f"{settings.SITE_URL}/v/BENCH{index:05d}",
        )
        for name, function in (("floor", floor), ("pipeline", pipeline)):
            # Garbage is collected between the calls, off the clock, for both: a full
            # collection of this process costs about 100 ms (measured), and left automatic it
            # lands in whichever call crosses the threshold, charging one side for the other's
            # garbage (the ratio then swung between 1.07 and 1.49 from run to run). Memory
            # growth is still measured below.
            gc.collect()
            gc.disable()
            wall_start, cpu_start = time.perf_counter(), time.process_time()
            function(index)
            wall[name] += time.perf_counter() - wall_start
            cpu[name] += time.process_time() - cpu_start
            gc.enable()
    cold_count = min(count, 20)
    cold_start = time.process_time()
    for index in range(cold_count):
        cold_floor(index)
    cold_cpu_ms = 1000 * (time.process_time() - cold_start) / cold_count
    # Memory in a pipeline-only pass: WeasyPrint with a fresh font configuration per
    # document grows by itself (~0.4 MiB per render here), which would hide ours.
    gc.collect()
    for index in range(count):
        pipeline(index)
        if (index + 1) % every == 0:
            memory.append((index + 1, round(rss_mib(), 1)))
    results = {name: 1000 * wall[name] / count for name in wall}
    cpu_ms = {name: 1000 * cpu[name] / count for name in cpu}
    return {
        "part": "render",
        "count": count,
        "signed": sign,
        "floor_ms_per_certificate": round(results["floor"], 1),
        "pipeline_ms_per_certificate": round(results["pipeline"], 1),
        "ratio_to_floor": round(results["pipeline"] / results["floor"], 2),
        "floor_cpu_ms_per_certificate": round(cpu_ms["floor"], 1),
        "pipeline_cpu_ms_per_certificate": round(cpu_ms["pipeline"], 1),
        "cpu_ratio_to_floor": round(cpu_ms["pipeline"] / cpu_ms["floor"], 2),
        "cold_fonts_floor_cpu_ms_per_certificate": round(cold_cpu_ms, 1),
        "load_average_1min_at_end": round(os.getloadavg()[0], 2),
        "rss_mib_by_renders": memory,
        "rss_growth_mib_after_first_sample": round(memory[-1][1] - memory[0][1], 1),
        "peak_rss_mib": round(peak_rss_mib(), 1),
    }


def _bench_environment() -> Path:
    """A throw-away media folder and signing key for the bench; returns the key's path."""
    media = Path(tempfile.mkdtemp(prefix="bimtek-bench-media-"))
    key = Path(tempfile.mkdtemp(prefix="bimtek-bench-key-")) / "bench.p12"
    os.environ["MEDIA_ROOT"] = str(media)
    os.environ["CERTIFICATE_DEMO_SIGNING_P12"] = str(key)
    os.environ["CERTIFICATE_SIGNING_P12"] = ""
    # Every bench participant has an address, so the notice is written; nothing is sent.
    os.environ.setdefault("EMAIL_URL", "dummymail://")
    return key


def _bench_batch(count: int, key: Path):
    """Migrate, write the signing key, and add a course and a batch of ``count`` completions."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from certificates.demo import write_demo_signing_key

    write_demo_signing_key(key)

    from django.utils import timezone

    from accounts.models import User
    from certificates.models import CourseCertificateSettings
    from training.models import Batch, Enrolment, EnrolmentStatus

    # Bench rows only: a fresh course and batch, enrolments written directly.
    sys.path.insert(0, str(BASE_DIR))
    from tests.certificates.factories import (
        CertificateTemplateFactory,
        SignatoryFactory,
        make_course,
    )

    stamp = int(time.time())
    course = make_course(title=f"Bench {stamp}", code=f"BENCH-{stamp}", slug=f"bench-{stamp}")
    CourseCertificateSettings.objects.create(
        course=course,
        # A signatory of the bench's own: seed_demo finds the demo's by name.
        template=CertificateTemplateFactory(
            name=f"Bench {stamp}", signatories=[SignatoryFactory(name=f"Penandatangan {stamp}")]
        ),
    )
    batch = Batch.objects.create(
        course=course,
        name="Angkatan Bench",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate(),
    )
    users = User.objects.bulk_create(
        User(
            username=f"bench-{stamp}-{i}",
            full_name=f"Peserta Bench {i}",
            email=f"bench-{stamp}-{i}@bimtek.example",
        )
        for i in range(count)
    )
    Enrolment.objects.bulk_create(
        Enrolment(
            batch=batch,
            participant=user,
            status=EnrolmentStatus.COMPLETED,
            completed_at=timezone.now(),
        )
        for user in users
    )
    return batch


def _process_cpu_seconds(pid: int) -> float:
    """User + system CPU of a live process (any owner), from ``/proc``."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _database_backend_cpu(connection) -> tuple[int, float]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    return pid, _process_cpu_seconds(pid)


# Where a certificate's CPU goes, stage by stage: (stage, module, attribute) wrapped in a
# timer of exclusive CPU time (nested stages are subtracted) and a query counter.
STAGES = [
    ("batch job (chunk loop)", "certificates.services", "run_batch_job"),
    ("issue (locks, checks, saves)", "certificates.services", "issue_certificate"),
    ("issue: number allocation", "certificates.services", "allocate_number"),
    ("issue: status-list index", "certificates.services", "allocate_status_index"),
    ("issue: snapshot", "certificates.services", "take_snapshot"),
    ("issue: audit log", "certificates.services", "log_certificate"),
    ("render task (load, celery)", "certificates.services", "_send_render"),
    ("render (load, attempts)", "certificates.services", "render_certificate"),
    ("HTML building", "certificates.services", "certificate_html"),
    ("QR code", "certificates.rendering", "qr_svg_data_uri"),
    ("WeasyPrint", "certificates.services", "render_pdf"),
    ("signing (pyHanko)", "certificates.services", "sign_pdf"),
    ("storage + SHA-256", "certificates.services", "_store_pdf"),
    ("batch bookkeeping", "certificates.services", "record_batch_result"),
    ("notification e-mail", "certificates.services", "notify_participant"),
]


def bench_stages(count: int, profile: str) -> dict:
    """
    Issue and render a batch eagerly in this process (as one worker process does) and
    attribute the CPU time and the queries to each stage. Needs a database (PostgreSQL to
    be representative); no broker: the tasks run eagerly.
    """
    import cProfile
    import importlib
    import pstats
    from collections import defaultdict
    from functools import wraps

    os.environ["CELERY_BROKER_URL"] = ""
    key = _bench_environment()
    batch = _bench_batch(count, key)
    from django.db import connection

    from certificates.models import Certificate
    from certificates.services import issue_batch_certificates

    cpu = defaultdict(float)
    queries = defaultdict(int)
    stack = []  # [stage, start, nested]

    def timed(stage, function):
        @wraps(function)
        def wrapper(*args, **kwargs):
            stack.append([stage, time.process_time(), 0.0])
            try:
                return function(*args, **kwargs)
            finally:
                _, start, nested = stack.pop()
                total = time.process_time() - start
                cpu[stage] += total - nested
                if stack:
                    stack[-1][2] += total

        return wrapper

    for stage, module_name, attribute in STAGES:
        module = importlib.import_module(module_name)
        setattr(module, attribute, timed(stage, getattr(module, attribute)))

    def count_queries(execute, sql, params, many, context):
        queries[stack[-1][0] if stack else "outside"] += 1
        return execute(sql, params, many, context)

    is_postgres = connection.vendor == "postgresql"
    backend = _database_backend_cpu(connection) if is_postgres else None
    profiler = cProfile.Profile() if profile else None
    cpu_start, wall_start = time.process_time(), time.perf_counter()
    with connection.execute_wrapper(count_queries):
        if profiler:
            profiler.enable()
        issue_batch_certificates(batch=batch)
        if profiler:
            profiler.disable()
    total_cpu = time.process_time() - cpu_start
    wall = time.perf_counter() - wall_start
    database_cpu = None
    if backend:
        pid, before = backend
        if _database_backend_cpu(connection)[0] == pid:
            database_cpu = round(_process_cpu_seconds(pid) - before, 2)
    done = Certificate.objects.filter(enrolment__batch=batch, render_status="done").count()
    signed = Certificate.objects.filter(enrolment__batch=batch, is_signed=True).count()
    if profiler:
        profiler.dump_stats(profile)
        pstats.Stats(profile, stream=sys.stderr).sort_stats("tottime").print_stats(25)
    stages = {
        stage: {
            "cpu_ms_per_certificate": round(1000 * cpu[stage] / count, 1),
            "queries_per_certificate": round(queries[stage] / count, 2),
        }
        for stage, _module, _attribute in STAGES
    }
    stages["outside any stage"] = {
        "cpu_ms_per_certificate": round(1000 * (total_cpu - sum(cpu.values())) / count, 1),
        "queries_per_certificate": round(queries["outside"] / count, 2),
    }
    return {
        "part": "stages",
        "count": count,
        "database": connection.vendor,
        "done": done,
        "signed": signed,
        "cpu_seconds_this_process": round(total_cpu, 2),
        "cpu_seconds_database_backend": database_cpu,
        "wall_seconds": round(wall, 1),
        "cpu_ms_per_certificate": round(1000 * total_cpu / count, 1),
        "queries_per_certificate": round(sum(queries.values()) / count, 2),
        "load_average_1min_at_end": round(os.getloadavg()[0], 2),
        "stages": stages,
    }


def bench_celery(count: int) -> dict:
    if not os.environ.get("CELERY_BROKER_URL") or "postgres" not in os.environ.get(
        "DATABASE_URL", ""
    ):
        sys.exit("The celery part needs DATABASE_URL (PostgreSQL) and CELERY_BROKER_URL.")
    key = _bench_environment()
    batch = _bench_batch(count, key)
    from certificates.models import Certificate, CertificateBatchJob
    from certificates.services import issue_batch_certificates

    # Persistent database connections in the worker, as docs/operations.md recommends for
    # production (``DATABASE_CONN_MAX_AGE``): otherwise every task opens a new connection.
    env = {**os.environ}
    env.setdefault("DATABASE_CONN_MAX_AGE", "60")
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "bimtek", "worker", "--pool=prefork",
         "--concurrency=2", "--loglevel=WARNING", "--without-gossip", "--without-mingle"],
        cwd=BASE_DIR, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        from django.db import connection

        from bimtek.celery import app

        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=1):
            if time.monotonic() > deadline:
                sys.exit("The worker did not answer.")
        own_backend = _database_backend_cpu(connection)[0]
        # CPU of every process that worked for the batch, sampled while it runs: the
        # worker's pool processes (a replaced one keeps its last sample) and the database
        # backends of this database (other than this script's).
        cpu_samples: dict[tuple[str, int], float] = {}
        peak_rss: dict[int, float] = {}

        def sample():
            children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children")
            for pid in map(int, children.read_text().split()):
                try:
                    cpu_samples["worker", pid] = _process_cpu_seconds(pid)
                    with open(f"/proc/{pid}/statm") as statm:
                        rss = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
                    peak_rss[pid] = max(peak_rss.get(pid, 0.0), rss)
                except FileNotFoundError:
                    pass
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    " AND pid <> %s",
                    [own_backend],
                )
                for (pid,) in cursor.fetchall():
                    with contextlib.suppress(FileNotFoundError, PermissionError):
                        cpu_samples["database", pid] = _process_cpu_seconds(pid)

        sample()
        baseline = dict(cpu_samples)
        main_before = _process_cpu_seconds(worker.pid)
        start = time.perf_counter()
        job = issue_batch_certificates(batch=batch)
        while True:
            job = CertificateBatchJob.objects.get(pk=job.pk)
            sample()
            if job.status == "finished":
                break
            time.sleep(0.2)
        elapsed = time.perf_counter() - start
        main_used = _process_cpu_seconds(worker.pid) - main_before
        signed = Certificate.objects.filter(enrolment__batch=batch, is_signed=True).count()
        used = {
            kind: round(
                sum(
                    seconds - baseline.get((k, pid), 0.0)
                    for (k, pid), seconds in cpu_samples.items()
                    if k == kind
                ),
                1,
            )
            for kind in ("worker", "database")
        }
        return {
            "part": "celery",
            "count": count,
            "worker_processes": 2,
            "seconds": round(elapsed, 1),
            "certificates_per_second": round(count / elapsed, 1),
            "done": job.done,
            "failed": job.failed,
            "signed": signed,
            "cpu_seconds_worker_pool": used["worker"],
            "cpu_seconds_worker_main_process": round(main_used, 1),
            "cpu_seconds_database_backends": used["database"],
            "cpu_seconds_total": round(used["worker"] + main_used + used["database"], 1),
            "pool_processes_seen": len(peak_rss),
            "peak_rss_mib_per_pool_process": sorted(round(v, 1) for v in peak_rss.values()),
            "load_average_1min_at_end": round(os.getloadavg()[0], 2),
        }
    finally:
        # The worker and its pool processes, also when the batch failed or was interrupted.
        stop(worker, timeout=60)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("part", nargs="?", default="render", choices=["render", "stages", "celery"])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--sign", action="store_true", help="sign each PDF in the pipeline")
    parser.add_argument("--profile", default="", help="stages: write cProfile stats here")
    args = parser.parse_args()
    if args.part == "render":
        result = bench_render(args.count, args.warmup, args.sign)
    elif args.part == "stages":
        result = bench_stages(args.count, args.profile)
    else:
        # ``bench/run.py`` stops this script with SIGTERM when it is itself interrupted.
        with sigterm_runs_finally():
            result = bench_celery(args.count)
    print(json.dumps(result, indent=2))
    out = BASE_DIR / "bench" / "results" / f"certificates-{args.part}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
