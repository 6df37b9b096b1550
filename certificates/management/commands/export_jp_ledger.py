"""
`python manage.py export_jp_ledger --year YYYY -o FILE.xlsx|FILE.csv [--agency NAME]`

Writes the JP ledger of a year, one row per completed training (NIP, name, course,
organiser, dates, JP, certificate number), for the national civil-service systems. Runs
unattended, e.g. from cron at the start of each year; the format follows the extension.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from accounts.models import Agency
from training.models import Batch

from ...jp_ledger import completed_trainings, organiser_name, write_training_ledger


class Command(BaseCommand):
    help = "Export the JP ledger of a year, one row per completed training (.xlsx or .csv)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("-o", "--output", required=True, help="FILE.xlsx or FILE.csv")
        parser.add_argument("--agency", help="Only this agency (full or short name).")
        parser.add_argument(
            "--language", default="id", help="Language of the headings (default: id)."
        )

    def handle(self, *args, year, output, agency=None, language="id", **options):
        path = Path(output)
        file_format = path.suffix.lower().lstrip(".")
        if file_format not in ("xlsx", "csv"):
            raise CommandError("The output file must end in .xlsx or .csv.")
        if not 1900 < year < 2200:
            raise CommandError(f"Not a year: {year}")
        trainings = completed_trainings(Batch.objects.all(), year)
        if agency:
            try:
                trainings = trainings.filter(participant__agency=Agency.objects.get_by_name(agency))
            except Agency.DoesNotExist:
                raise CommandError(f"No agency named {agency!r}.") from None
        count = trainings.count()
        with translation.override(language), path.open("wb") as handle:
            write_training_ledger(
                trainings.iterator(chunk_size=2000),
                handle,
                file_format=file_format,
                organiser=organiser_name(),
            )
        self.stdout.write(f"{count} completed trainings of {year} written to {path}.")
