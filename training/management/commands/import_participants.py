"""
`python manage.py import_participants FILE --batch <id> [--commit] [--json]`

The operators' way to import a participant list into a batch: prints the preview (every row
as new, updated or error with its reason) and imports the valid rows only with ``--commit``.
With ``--json`` it prints ``{"valid": n, "errors": [{"row": r, "nip": ..., "reason": ...}]}``.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from training.models import Batch
from training.services import (
    ImportFileError,
    preview_participant_import,
    run_participant_import,
)
from training.services.imports import RowStatus


class Command(BaseCommand):
    help = "Preview (and with --commit, run) an import of participants into a batch."

    def add_arguments(self, parser):
        parser.add_argument("file", help="An .xlsx or .csv file with the template's columns.")
        parser.add_argument("--batch", type=int, required=True, help="The id of the batch.")
        parser.add_argument(
            "--commit", action="store_true", help="Import the valid rows (default: preview)."
        )
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")

    def handle(self, *args, file, batch, commit, json: bool, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        batch_obj = Batch.objects.select_related("course").filter(pk=batch).first()
        if batch_obj is None:
            raise CommandError(f"No batch with id {batch}")
        try:
            participant_import, results = preview_participant_import(
                batch=batch_obj, content=path.read_bytes(), file_name=path.name
            )
        except ImportFileError as error:
            raise CommandError(" ".join(error.messages)) from error
        outcome = None
        if commit:
            outcome = run_participant_import(participant_import=participant_import)
        if json:
            self._print_json(results, outcome)
        else:
            self._print_table(results, outcome, batch_obj)

    def _print_json(self, results, outcome):
        data = {
            "valid": sum(1 for result in results if result.is_valid),
            "errors": [
                {"row": result.row, "nip": result.nip, "reason": result.reason}
                for result in results
                if not result.is_valid
            ],
        }
        if outcome is not None:
            data["imported"] = {
                "created": outcome.created_count,
                "invited": outcome.invited_count,
                "updated": outcome.updated_count,
                "enrolled": outcome.enrolled_count,
            }
        self.stdout.write(_dumps(data))

    def _print_table(self, results, outcome, batch):
        self.stdout.write(f"Batch: {batch}")
        labels = {RowStatus.NEW: "new", RowStatus.UPDATED: "updated", RowStatus.ERROR: "ERROR"}
        for result in results:
            line = f"row {result.row:>4}  {labels[result.status]:<8} {result.nip:<18}  "
            line += result.reason if not result.is_valid else result.full_name
            self.stdout.write(line)
        valid = sum(1 for result in results if result.is_valid)
        self.stdout.write(f"Valid rows: {valid}; rows with errors: {len(results) - valid}")
        if outcome is None:
            self.stdout.write("Preview only: nothing was imported. Add --commit to import.")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Imported: {outcome.created_count} new accounts "
                    f"({outcome.invited_count} invitations sent), {outcome.updated_count} "
                    f"updated, {outcome.enrolled_count} new enrolments."
                )
            )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
