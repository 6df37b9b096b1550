"""
Demo SCORM lesson: a partner module played as a SCORM package, added at the end of the last
module of PP-01, the course the demo participant ``peserta`` is active in, so that playing
it moves their progress. The package comes from ``settings.SCORM_DEMO_PACKAGE``, by default the
sample that ships in ``training/demo_data/scorm/``; a setting that names a missing file skips
the lesson with a warning.
Called from ``training.demo.seed``; seeding twice changes nothing.
"""

from pathlib import Path

from django.conf import settings

from cms.services import publish_page, publish_translation

from .demo_content import callout, heading, paragraph
from .models import CoursePage, LessonPage, ModulePage
from .services import import_scorm_package

LESSON = {
    "slug": {"id": "modul-mitra-scorm", "en": "partner-module-scorm"},
    "title": {
        "id": "Modul mitra: belajar mandiri dengan paket SCORM",
        "en": "Partner module: self-paced learning with a SCORM package",
    },
    "body": {
        "id": [
            heading("Tentang modul ini"),
            paragraph(
                "<p>Mitra Selandia Baru mengirim modul belajar mandiri sebagai paket SCORM, "
                "format yang diterima setiap LMS pemerintah. Modul contoh ini (\u201cGolf "
                "Explained\u201d dari Rustici Software, lisensi CC BY 3.0) menunjukkan cara "
                "kerjanya: buka modul di atas, telusuri halamannya sampai akhir, lalu pilih "
                "<em>Exit</em>.</p>"
            ),
            callout(
                "info",
                "Kemajuan tercatat otomatis",
                "<p>Pelajaran ini selesai ketika modul melaporkan bahwa Anda telah "
                "menyelesaikannya. Nilai kuis di dalam modul ditampilkan di sini.</p>",
            ),
        ],
        "en": [
            heading("About this module"),
            paragraph(
                "<p>The New Zealand partner delivers self-paced modules as SCORM packages, the "
                "format every government LMS takes. This sample module (\u201cGolf "
                "Explained\u201d by Rustici Software, licensed CC BY 3.0) shows how it works: "
                "open the module above, page through to the end, then choose "
                "<em>Exit</em>.</p>"
            ),
            callout(
                "info",
                "Progress is recorded automatically",
                "<p>This lesson is done when the module reports that you completed it. The "
                "score of the quiz inside the module is shown here.</p>",
            ),
        ],
    },
}


def seed(log):
    path = Path(str(settings.SCORM_DEMO_PACKAGE)) if settings.SCORM_DEMO_PACKAGE else None
    course = CoursePage.objects.filter(code="PP-01", locale__language_code="id").first()
    if course is None:
        return
    if path is None or not path.is_file():
        log(f"SCORM: demo package not found at {path}; the SCORM demo lesson is skipped")
        return
    module = ModulePage.objects.child_of(course).order_by("-path").first()
    with path.open("rb") as file:
        package = import_scorm_package(file=file, file_name=path.name)
    lesson = publish_page(
        parent=module,
        page_class=LessonPage,
        slug=LESSON["slug"]["id"],
        title=LESSON["title"]["id"],
        estimated_minutes=20,
        is_required=True,
        body=LESSON["body"]["id"],
        scorm_package=package,
    )
    publish_translation(
        page=lesson,
        language_code="en",
        slug=LESSON["slug"]["en"],
        title=LESSON["title"]["en"],
        body=LESSON["body"]["en"],
        scorm_package=package,
    )
    log(f"SCORM: “{package.title}” plays in the PP-01 lesson “{lesson.title}”")
