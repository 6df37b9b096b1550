"""
``manage.py move_private_media``: move certificate PDFs and SCORM package files that are
still in the default (public) storage to the private storage.

Migrations ``certificates.0005`` and ``training.0006`` did it once for the files of the
time, and ``restore`` does it after loading a backup; this is for files copied back by hand.
Safe to run any time.
"""

from django.core.management.base import BaseCommand

from operations.private_media import move_private_files_out_of_public_media


class Command(BaseCommand):
    help = "Move certificate PDFs and SCORM files from the public media to the private storage."

    def handle(self, *args, **options):
        moved = move_private_files_out_of_public_media()
        self.stdout.write(f"Moved {moved} files to the private storage.")
