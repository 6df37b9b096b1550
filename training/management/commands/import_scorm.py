"""
`python manage.py import_scorm PACKAGE.zip [--lesson <page id>]`

Checks a SCORM package the way the admin upload does and prints its manifest summary, or the
reason it is refused (exit status 1). Without ``--lesson`` it only checks; with it, the
package is imported and attached to that lesson, and the lesson is published.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from training.models import LessonPage
from training.scorm.errors import ScormPackageError
from training.services import attach_scorm_package, import_scorm_package, inspect_scorm_package


class Command(BaseCommand):
    help = "Check a SCORM 1.2/2004 ZIP and print its summary; with --lesson, import and attach it."

    def add_arguments(self, parser):
        parser.add_argument("package", help="The SCORM package (.zip).")
        parser.add_argument(
            "--lesson", type=int, help="The page id of the lesson to attach the package to."
        )
        parser.add_argument(
            "--language", default="en", help="Language of the messages (default: en)."
        )

    def handle(self, *args, package, lesson, language, **options):
        translation.activate(language)
        path = Path(package)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        lesson_page = None
        if lesson is not None:
            lesson_page = LessonPage.objects.filter(pk=lesson).first()
            if lesson_page is None:
                raise CommandError(f"No lesson with page id {lesson}")
        with path.open("rb") as file:
            try:
                checked = inspect_scorm_package(file=file)
                imported = None
                if lesson_page is not None:
                    imported = import_scorm_package(file=file, file_name=path.name)
            except ScormPackageError as error:
                raise CommandError(f"Refused ({error.code}): {' '.join(error.messages)}") from error
        manifest = checked.manifest
        self.stdout.write(f"Package: {path.name}")
        self.stdout.write(f"Title: {manifest.title}")
        self.stdout.write(f"Identifier: {manifest.identifier}")
        self.stdout.write(f"SCORM version: {manifest.version}")
        self.stdout.write(f"Organisations: {', '.join(manifest.organisations) or '-'}")
        self.stdout.write(
            f"Files: {len(checked.files)} ({checked.size_bytes} bytes unpacked); "
            f"SCOs: {manifest.sco_count}; launchable items: {len(manifest.launchable_items)}"
        )
        navigation = manifest.sequencing
        if navigation.get("unsupported"):
            self.stdout.write(
                self.style.WARNING(
                    "Sequencing not supported: "
                    f"{', '.join(navigation['unsupported'])}; the package plays in choice "
                    "mode (menu only)."
                )
            )
        else:
            modes = [
                name
                for name, on in (
                    ("choice", navigation.get("choice", True)),
                    ("flow", navigation.get("flow")),
                    ("forward only", navigation.get("forward_only")),
                )
                if on
            ]
            self.stdout.write(f"Navigation: {', '.join(modes) or 'choice'}")
        for item in manifest.items:
            launch = f" → {item.launch}" if item.launch else ""
            kind = " [SCO]" if item.sco else ""
            self.stdout.write(f"{'  ' * (item.depth + 1)}- {item.title}{kind}{launch}")
        if imported is None:
            self.stdout.write("Valid. Checked only: add --lesson <page id> to import it.")
            return
        attach_scorm_package(lesson=lesson_page, package=imported)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported as package {imported.pk} and attached to lesson {lesson_page.pk} "
                f"({lesson_page.title})."
            )
        )
