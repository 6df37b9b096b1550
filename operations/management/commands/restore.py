"""``manage.py restore DIR``: load a backup into the configured database and media folders."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `backup`, then compare the row counts with its manifest."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--replace", action="store_true", help="overwrite a database that is not empty"
        )

    def handle(self, *args, directory, replace, **options):
        try:
            result = restore_backup(directory, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        different = {
            table: (rows, result["restored"].get(table))
            for table, rows in result["expected"].items()
            if result["restored"].get(table) != rows
        }
        if different:
            raise CommandError(f"Row counts differ after the restore: {different}")
        self.stdout.write(
            f"Restored {sum(result['expected'].values())} rows in "
            f"{len(result['expected'])} tables; every count matches the manifest."
        )
