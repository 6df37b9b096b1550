# ruff: noqa: E501 -- the demo questions are prose, kept one per line to read as a table.
"""
Demo assessments on the UU 25/2009 course: pre-test, post-test, a module quiz with an essay,
and the evaluation form. Idempotent; skips quietly when the course does not exist yet.

Questions go through the question-bank import service (the same path trainers use), so
seeding twice adds nothing.
"""

import io

from django.db import transaction
from django.db.models import Q
from openpyxl import Workbook
from wagtail.models import Locale

from training.models import (
    CoursePage,
    EvaluationForm,
    EvaluationItem,
    EvaluationItemKind,
    FeedbackTiming,
    ModulePage,
    MultipleAnswerScoring,
    Quiz,
    QuizKind,
)
from training.services import import_questions
from training.services.question_import import HEADERS


def _row(kind, text, points, choices=(), answer="", explanation=""):
    choices = list(choices) + [""] * (6 - len(choices))
    return [kind, text, points, *choices, answer, explanation]


# Pre-test and post-test measure the same knowledge, so they share one bank (Article numbers
# refer to UU No. 25 Tahun 2009 tentang Pelayanan Publik).
KNOWLEDGE_BANK = [
    _row("pilihan ganda", "Undang-undang apa yang menjadi dasar hukum penyelenggaraan pelayanan publik di Indonesia?", 1,
         ["UU No. 25 Tahun 2009", "UU No. 5 Tahun 2014", "UU No. 23 Tahun 2014", "UU No. 30 Tahun 2014"], "A",
         "UU No. 25 Tahun 2009 mengatur pelayanan publik; UU 5/2014 mengatur ASN, UU 23/2014 pemerintahan daerah, dan UU 30/2014 administrasi pemerintahan."),
    _row("jawaban ganda", "Menurut Pasal 23 ayat (4), sistem informasi pelayanan publik sekurang-kurangnya memuat … (pilih semua yang benar)", 2,
         ["Profil penyelenggara", "Standar pelayanan", "Maklumat pelayanan", "Daftar riwayat hidup seluruh pegawai", "Pengelola pengaduan"], "A, B, C, E",
         "Pasal 23 ayat (4) menyebut profil penyelenggara, profil pelaksana, standar pelayanan, maklumat pelayanan, pengelola pengaduan, dan penilaian kinerja."),
    _row("benar salah", "Maklumat pelayanan adalah pernyataan tertulis yang berisi keseluruhan rincian kewajiban dan janji yang terdapat dalam standar pelayanan.", 1,
         [], "Benar", "Definisi ini tercantum dalam Pasal 1 angka 8."),
    _row("isian singkat", "Tolok ukur yang dipergunakan sebagai pedoman penyelenggaraan pelayanan dan acuan penilaian kualitas pelayanan disebut …", 1,
         [], "standar pelayanan", "Pasal 1 angka 7 mendefinisikan standar pelayanan."),
    _row("pilihan ganda", "Siapakah yang dimaksud dengan pelaksana pelayanan publik?", 1,
         ["Pejabat, pegawai, petugas, dan setiap orang yang bekerja dalam organisasi penyelenggara dan bertugas melaksanakan pelayanan",
          "Seluruh warga negara yang menerima pelayanan", "Anggota DPRD yang mengawasi pelayanan", "Pihak swasta yang menjadi mitra pemerintah"], "A",
         "Pasal 1 angka 5: pelaksana adalah pejabat, pegawai, petugas, dan setiap orang yang bekerja di dalam organisasi penyelenggara."),
    _row("benar salah", "Penyelenggara wajib menyusun dan menetapkan standar pelayanan dengan mengikutsertakan masyarakat dan pihak terkait.", 1,
         [], "Benar", "Pasal 20 ayat (2) mewajibkan keikutsertaan masyarakat dan pihak terkait."),
    _row("pilihan ganda", "Lembaga negara yang berwenang mengawasi penyelenggaraan pelayanan publik, termasuk menerima pengaduan masyarakat, adalah …", 1,
         ["Ombudsman Republik Indonesia", "Badan Pemeriksa Keuangan", "Komisi Pemberantasan Korupsi", "Badan Kepegawaian Negara"], "A",
         "Ombudsman menjadi pengawas eksternal pelayanan publik (Pasal 35 dan Pasal 46)."),
    _row("jawaban ganda", "Manakah yang termasuk asas penyelenggaraan pelayanan publik menurut Pasal 4? (pilih semua yang benar)", 2,
         ["Kepentingan umum", "Kepastian hukum", "Keterbukaan", "Kerahasiaan prosedur pelayanan", "Perlakuan khusus bagi kerabat pejabat"], "A, B, C",
         "Pasal 4 memuat antara lain kepentingan umum, kepastian hukum, kesamaan hak, keterbukaan, dan persamaan perlakuan/tidak diskriminatif."),
    _row("isian singkat", "Lengkapi singkatan berikut: PTSP adalah Pelayanan Terpadu Satu …", 1,
         [], "Pintu", "Pelayanan terpadu menyatukan beberapa jenis pelayanan dalam satu tempat (Pasal 9)."),
    _row("benar salah", "Masyarakat tidak berhak mengadukan pelaksana yang memberikan pelayanan tidak sesuai dengan standar pelayanan.", 1,
         [], "Salah", "Pasal 18 huruf e menjamin hak masyarakat untuk mengadukan pelaksana yang tidak sesuai standar."),
    _row("pilihan ganda", "Kelompok manakah yang berisi komponen standar pelayanan menurut Pasal 21?", 1,
         ["Dasar hukum, persyaratan, prosedur, jangka waktu, dan biaya/tarif", "Visi, misi, dan motto pegawai",
          "Gaji dan tunjangan pelaksana", "Jadwal rapat pimpinan"], "A",
         "Pasal 21 juga menyebut produk pelayanan, sarana dan prasarana, kompetensi pelaksana, pengawasan internal, penanganan pengaduan, jumlah pelaksana, jaminan pelayanan, jaminan keamanan, dan evaluasi kinerja."),
    _row("isian singkat", "Pengukuran kepuasan penerima layanan secara berkala dilakukan melalui Survei … Masyarakat.", 1,
         [], "Kepuasan", "Survei Kepuasan Masyarakat (SKM) menjadi bahan penilaian kinerja pelayanan."),
]  # fmt: skip

# The quiz that closes module 1, "Dasar Hukum Pelayanan Publik": only what its two lessons
# teach (the meaning of public service and its principles; rights and duties).
MODULE_QUIZ_BANK = [
    _row("pilihan ganda", "Menurut Pasal 1 angka 1, pelayanan publik mencakup pelayanan atas …", 1,
         ["Barang, jasa, dan/atau pelayanan administratif", "Hanya surat dan izin", "Hanya layanan yang dipungut biaya"], "A",
         "Pelayanan publik mencakup barang publik, jasa publik, dan pelayanan administratif (pelajaran “Pengertian dan asas pelayanan publik”)."),
    _row("benar salah", "Ketika prosedur tidak mengatur suatu keadaan, asas pelayanan publik (Pasal 4) menjadi pegangan untuk memilih tindakan yang paling adil bagi warga.", 1,
         [], "Benar", "Asas pelayanan bukan hiasan: asas menjadi pegangan ketika prosedur tidak mengatur."),
    _row("pilihan ganda", "Manakah yang merupakan hak masyarakat dalam pelayanan publik?", 1,
         ["Mengetahui isi standar pelayanan dan mengadukan pelaksana yang menyimpang", "Menentukan sendiri persyaratan layanan", "Mendapat layanan lebih dulu karena kenal pejabat"], "A",
         "Masyarakat berhak mengetahui isi standar, mengawasi pelaksanaannya, dan mengadukan pelaksana yang menyimpang (pelajaran “Hak dan kewajiban”)."),
    _row("esai", "Pilih satu layanan di unit kerja Anda. Jelaskan satu kewajiban penyelenggara dan satu hak masyarakat Kabupaten Gorontalo dalam layanan itu, serta asas pelayanan yang paling terkait.", 5),
]  # fmt: skip

EVALUATION_ITEMS = [
    (EvaluationItemKind.ORGANISATION, "Materi pelatihan sesuai dengan kebutuhan tugas saya.", True),
    (EvaluationItemKind.ORGANISATION, "Jadwal dan durasi pelatihan memadai.", True),
    (EvaluationItemKind.ORGANISATION, "Platform pembelajaran mudah digunakan.", True),
    (
        EvaluationItemKind.ORGANISATION,
        "Penyelenggara memberikan informasi yang jelas dan tepat waktu.",
        True,
    ),
    (EvaluationItemKind.TRAINER, "Fasilitator menguasai materi.", True),
    (
        EvaluationItemKind.TRAINER,
        "Fasilitator menyampaikan materi dengan jelas dan sistematis.",
        True,
    ),
    (EvaluationItemKind.TRAINER, "Fasilitator menanggapi pertanyaan peserta dengan baik.", True),
    (
        EvaluationItemKind.OPEN,
        "Apa yang paling bermanfaat dari pelatihan ini bagi pekerjaan Anda?",
        True,
    ),
    (EvaluationItemKind.OPEN, "Apa saran Anda untuk pelatihan berikutnya?", False),
]


def find_demo_course():
    """The UU 25/2009 demo course in the default language, found by its code or its title."""
    courses = CoursePage.objects.filter(locale=Locale.get_default())
    return (
        courses.filter(Q(code__icontains="25/2009") | Q(code__icontains="25-2009")).first()
        or courses.filter(
            Q(title__icontains="25/2009")
            | Q(title__icontains="25 Tahun 2009")
            | Q(title__icontains="Pelayanan Publik")
        )
        .order_by("pk")
        .first()
    )


def _workbook(rows) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def _quiz(*, course, kind, title, rows, module=None, **settings):
    quiz = Quiz.objects.filter(course=course, kind=kind, module=module).first()
    if quiz is None:
        quiz = Quiz(course=course, kind=kind, module=module, title=title, **settings)
        quiz.full_clean()
        quiz.save()
    import_questions(quiz=quiz, file=_workbook(rows))
    return quiz


@transaction.atomic
def seed(log):
    course = find_demo_course()
    if course is None:
        log("Assessments: no UU 25/2009 course yet, skipped")
        return
    _quiz(
        course=course,
        kind=QuizKind.PRE_TEST,
        title="Pre-test: Pelayanan Publik menurut UU 25/2009",
        instructions="Kerjakan sebelum mempelajari modul. Nilai pre-test tidak memengaruhi kelulusan.",
        rows=KNOWLEDGE_BANK,
        pass_mark=0,
        attempt_limit=1,
        time_limit_minutes=20,
        shuffle_choices=True,
        feedback_timing=FeedbackTiming.NEVER,
        multiple_answer_scoring=MultipleAnswerScoring.PARTIAL,
    )
    _quiz(
        course=course,
        kind=QuizKind.POST_TEST,
        title="Post-test: Pelayanan Publik menurut UU 25/2009",
        instructions="Kerjakan setelah menyelesaikan semua pelajaran. Nilai lulus 70.",
        rows=KNOWLEDGE_BANK,
        pass_mark=70,
        attempt_limit=3,
        time_limit_minutes=30,
        shuffle_questions=True,
        shuffle_choices=True,
        feedback_timing=FeedbackTiming.AFTER_SUBMISSION,
        multiple_answer_scoring=MultipleAnswerScoring.PARTIAL,
    )
    module = ModulePage.objects.child_of(course).order_by("path").first()
    if module is not None:
        _quiz(
            course=course,
            kind=QuizKind.MODULE,
            module=module,
            title=f"Kuis {module.title}",
            rows=MODULE_QUIZ_BANK,
            pass_mark=60,
            feedback_timing=FeedbackTiming.AFTER_SUBMISSION,
        )
    form, _created = EvaluationForm.objects.get_or_create(
        course=course,
        defaults={
            "title": "Evaluasi Penyelenggaraan Pelatihan",
            "introduction": "Penilaian Anda membantu BKPSDM memperbaiki pelatihan berikutnya. "
            "Fasilitator hanya melihat rekapitulasi, tidak pernah jawaban per peserta.",
        },
    )
    for order, (kind, text, required) in enumerate(EVALUATION_ITEMS):
        EvaluationItem.objects.get_or_create(
            form=form,
            text=text,
            defaults={"kind": kind, "is_required": required, "sort_order": order},
        )
    log(
        f"Assessments: pre-test, post-test{', module quiz' if module else ''} and evaluation on {course.code}"
    )
