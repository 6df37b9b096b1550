"""``manage.py backup -o DIR``: the database and the public and private media into a folder."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump or SQLite copy), MEDIA_ROOT and PRIVATE_MEDIA_ROOT into "
        "a new folder."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, type=Path, help="a new folder")

    def handle(self, *args, output, **options):
        try:
            manifest = create_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up {sum(manifest['rows'].values())} rows in {len(manifest['rows'])} "
            f"tables and the media to {output}"
        )
