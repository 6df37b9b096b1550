"""
CPU time per request of the participant pages against the bare Wagtail page, in one
process through Django's test client: no server, no network, no load tool, so the figure
holds on a shared machine where wall-clock throughput does not.

The database is prepared as ``bench/run.py`` does (migrated, the demo data seeded, a bench
participant with an open quiz attempt), with production settings (``DEBUG`` off, the Redis
cache) except for static files, which are not served here (``bench.cpu_settings``).
Then every page is requested a few times to warm the caches and ``--requests`` times
under ``time.process_time()``; ``--profile KEY`` also prints the functions of that page
that cost most (cProfile, cumulative).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bimtek_bench \\
    CACHE_URL=redis://127.0.0.1:6379/3 \\
        .venv/bin/python bench/cpu.py --requests 200 --profile lesson
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.run import PYTHON, bench_environment  # noqa: E402

PAGES = ["wagtail", "lesson", "dashboard", "quiz", "course", "catalogue"]
SIGNED_IN = {"lesson", "dashboard", "quiz", "course", "catalogue"}
ANONYMOUS_COUNT = {"course", "catalogue"}


def measure(requests: int, profile: str, sort: str = "cumulative") -> dict:
    """Inside Django: CPU milliseconds per request of each page, and the profile asked for."""
    from bench.run import prepare

    prepared = prepare()  # counts the queries of every page
    from django.test import Client

    participant = Client()
    participant.cookies["sessionid"] = prepared["session_cookie"]
    anonymous = Client()
    result = {}
    for key in PAGES:
        url = prepared["urls"][key]
        browser = participant if key in SIGNED_IN else anonymous
        for _ in range(5):
            assert browser.get(url).status_code == 200, url
        started = time.process_time()
        for _ in range(requests):
            browser.get(url)
        cpu_ms = 1000 * (time.process_time() - started) / requests
        result[key] = {
            "url": url,
            "cpu_ms_per_request": round(cpu_ms, 2),
            # bench/run.py counts the catalogue and course page anonymously (a cache hit).
            "queries": None if key in ANONYMOUS_COUNT else prepared["queries"][key]["queries"],
        }
    floor = result["wagtail"]["cpu_ms_per_request"]
    for figures in result.values():
        figures["cpu_ratio_to_wagtail_page"] = round(figures["cpu_ms_per_request"] / floor, 2)
    if profile:
        import cProfile
        import io
        import pstats

        browser = participant if profile in SIGNED_IN else anonymous
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(requests):
            browser.get(prepared["urls"][profile])
        profiler.disable()
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).sort_stats(sort).print_stats(45)
        print(stream.getvalue(), file=sys.stderr)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--profile", default="", choices=["", *PAGES])
    parser.add_argument("--sort", default="cumulative", help="cProfile order, e.g. tottime")
    parser.add_argument("--skip-setup", action="store_true", help="the database is ready")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print("BENCH_JSON " + json.dumps(measure(args.requests, args.profile, args.sort)))
        return
    env = {**bench_environment(args), "DJANGO_SETTINGS_MODULE": "bench.cpu_settings"}
    try:
        result = run_measurement(env, args)
    finally:
        shutil.rmtree(env["BENCH_SCRATCH"], ignore_errors=True)
    print(f"{'page':<12} {'CPU ms/request':>15} {'× Wagtail page':>15} {'queries':>8}")
    for key, figures in result.items():
        print(
            f"{key:<12} {figures['cpu_ms_per_request']:>15} "
            f"{figures['cpu_ratio_to_wagtail_page']:>15} {figures['queries']!s:>8}"
        )
    print(f"load average: {[round(value, 2) for value in os.getloadavg()]}")


def run_measurement(env, args) -> dict:
    if not args.skip_setup:
        for command in (["migrate", "--noinput", "-v", "0"], ["seed_demo"]):
            subprocess.run([PYTHON, "manage.py", *command], cwd=BASE_DIR, env=env, check=True,
                           stdout=subprocess.DEVNULL)  # fmt: skip
    command = [PYTHON, "bench/cpu.py", "--measure", "--requests", str(args.requests)]
    if args.profile:
        command += ["--profile", args.profile, "--sort", args.sort]
    output = subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=False, check=True,
                            stdout=subprocess.PIPE, text=True).stdout  # fmt: skip
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
    return json.loads(line.removeprefix("BENCH_JSON "))


if __name__ == "__main__":
    main()
