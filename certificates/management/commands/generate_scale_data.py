"""
`python manage.py generate_scale_data [--participants N] [--courses C] [--batches B]
[--progress-rows P] [--attempts A] [--certificates K]`

Builds a district-scale data set for the benchmarks in ``bench/`` (defaults: 10,000
participants, 200 courses, 1,000 batches, 1,000,000 lesson-progress rows, 100,000 attempts,
20,000 certificates) with bulk inserts, in minutes. Run it on an empty, migrated database of
your own; it refuses to run twice on one database.

It lives in ``certificates`` because it also issues certificates, and ``training`` never
imports ``certificates``; the training rows come from ``training.scale_data``.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from certificates.scale_data import generate_certificates
from training.scale_data import generate_training_data, scale_data_exists


class Command(BaseCommand):
    help = "Generate a district-scale data set (participants … certificates) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=10_000)
        parser.add_argument("--courses", type=int, default=200)
        parser.add_argument("--batches", type=int, default=1_000)
        parser.add_argument("--progress-rows", type=int, default=1_000_000)
        parser.add_argument("--attempts", type=int, default=100_000)
        parser.add_argument("--certificates", type=int, default=20_000)

    def handle(self, *args, **options):
        sizes = {
            name: options[name]
            for name in (
                "participants",
                "courses",
                "batches",
                "progress_rows",
                "attempts",
                "certificates",
            )
        }
        if sizes["participants"] < 1 or sizes["courses"] < 1 or sizes["batches"] < 1:
            raise CommandError("Participants, courses and batches must be at least 1.")
        if min(sizes.values()) < 0:
            raise CommandError("Sizes cannot be negative.")
        if scale_data_exists():
            raise CommandError(
                "This database already holds generated scale data (users named skala-…); "
                "use a fresh database."
            )
        started = time.perf_counter()

        def log(message):
            self.stdout.write(f"[{time.perf_counter() - started:7.1f} s] {message}")

        try:
            summary = generate_training_data(
                participants=sizes["participants"],
                courses=sizes["courses"],
                batches=sizes["batches"],
                progress_rows=sizes["progress_rows"],
                attempts=sizes["attempts"],
                log=log,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        certificates = generate_certificates(count=sizes["certificates"], log=log)
        if certificates < sizes["certificates"]:
            log(
                f"Only {summary.completed_enrolments} completed enrolments: "
                f"{certificates} certificates made."
            )
        self.stdout.write(
            self.style.SUCCESS(f"Scale data generated in {time.perf_counter() - started:.1f} s.")
        )
