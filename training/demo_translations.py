# ruff: noqa: E501 -- the demo texts are prose, kept one per line to read as a table.
"""
English translations of the demo quizzes, questions, choices, evaluation form and batches.

Each record is copied into English with ``training.services.translate_learner_record`` (the
copy the admin's "Translate" action makes), then its texts are replaced from ``ENGLISH``,
keyed by the Indonesian text. Idempotent: a record already translated is left alone.
"""

from django.db import transaction

from training.models import Batch, EvaluationForm, Quiz
from training.services.translation import translate_learner_record

ENGLISH = {
    # Quizzes and the evaluation form
    "Pre-test: Pelayanan Publik menurut UU 25/2009": "Pre-test: Public Service under Law 25/2009",
    "Post-test: Pelayanan Publik menurut UU 25/2009": "Post-test: Public Service under Law 25/2009",
    "Kerjakan sebelum mempelajari modul. Nilai pre-test tidak memengaruhi kelulusan.": "Take it before studying the modules. The pre-test score does not affect passing.",
    "Kerjakan setelah menyelesaikan semua pelajaran. Nilai lulus 70.": "Take it after finishing every lesson. The pass mark is 70.",
    "Evaluasi Penyelenggaraan Pelatihan": "Evaluation of the Training",
    "Penilaian Anda membantu BKPSDM memperbaiki pelatihan berikutnya. Fasilitator hanya melihat rekapitulasi, tidak pernah jawaban per peserta.": "Your ratings help BKPSDM improve the next training. Trainers only see the summary, never one participant's answers.",
    # Knowledge bank
    "Undang-undang apa yang menjadi dasar hukum penyelenggaraan pelayanan publik di Indonesia?": "Which law is the legal basis of public service delivery in Indonesia?",
    "UU No. 25 Tahun 2009": "Law No. 25 of 2009",
    "UU No. 5 Tahun 2014": "Law No. 5 of 2014",
    "UU No. 23 Tahun 2014": "Law No. 23 of 2014",
    "UU No. 30 Tahun 2014": "Law No. 30 of 2014",
    "UU No. 25 Tahun 2009 mengatur pelayanan publik; UU 5/2014 mengatur ASN, UU 23/2014 pemerintahan daerah, dan UU 30/2014 administrasi pemerintahan.": "Law No. 25 of 2009 governs public service; Law 5/2014 the civil service, Law 23/2014 regional government and Law 30/2014 government administration.",
    "Menurut Pasal 23 ayat (4), sistem informasi pelayanan publik sekurang-kurangnya memuat … (pilih semua yang benar)": "Under Article 23(4), the public service information system contains at least … (choose all that are right)",
    "Profil penyelenggara": "The provider's profile",
    "Standar pelayanan": "The service standards",
    "Maklumat pelayanan": "The service charter",
    "Daftar riwayat hidup seluruh pegawai": "The CVs of every employee",
    "Pengelola pengaduan": "The complaints handlers",
    "Pasal 23 ayat (4) menyebut profil penyelenggara, profil pelaksana, standar pelayanan, maklumat pelayanan, pengelola pengaduan, dan penilaian kinerja.": "Article 23(4) lists the provider's profile, the implementers' profiles, the service standards, the service charter, the complaints handlers and the performance assessment.",
    "Maklumat pelayanan adalah pernyataan tertulis yang berisi keseluruhan rincian kewajiban dan janji yang terdapat dalam standar pelayanan.": "The service charter is a written statement of all the obligations and promises contained in the service standards.",
    "Definisi ini tercantum dalam Pasal 1 angka 8.": "This definition is in Article 1 point 8.",
    "Tolok ukur yang dipergunakan sebagai pedoman penyelenggaraan pelayanan dan acuan penilaian kualitas pelayanan disebut …": "The benchmark used to guide service delivery and to assess service quality is called … (answer in Indonesian)",
    "Pasal 1 angka 7 mendefinisikan standar pelayanan.": "Article 1 point 7 defines the service standards (standar pelayanan).",
    "Siapakah yang dimaksud dengan pelaksana pelayanan publik?": "Who are the implementers of public service?",
    "Pejabat, pegawai, petugas, dan setiap orang yang bekerja dalam organisasi penyelenggara dan bertugas melaksanakan pelayanan": "Officials, employees, officers and everyone working in the provider's organisation whose task is to deliver the service",
    "Seluruh warga negara yang menerima pelayanan": "Every citizen who receives the service",
    "Anggota DPRD yang mengawasi pelayanan": "Members of the regional parliament who oversee the service",
    "Pihak swasta yang menjadi mitra pemerintah": "Private parties partnering with the government",
    "Pasal 1 angka 5: pelaksana adalah pejabat, pegawai, petugas, dan setiap orang yang bekerja di dalam organisasi penyelenggara.": "Article 1 point 5: implementers are the officials, employees, officers and everyone working in the provider's organisation.",
    "Penyelenggara wajib menyusun dan menetapkan standar pelayanan dengan mengikutsertakan masyarakat dan pihak terkait.": "Providers must draw up and set their service standards together with the public and the parties concerned.",
    "Pasal 20 ayat (2) mewajibkan keikutsertaan masyarakat dan pihak terkait.": "Article 20(2) requires the public and the parties concerned to take part.",
    "Lembaga negara yang berwenang mengawasi penyelenggaraan pelayanan publik, termasuk menerima pengaduan masyarakat, adalah …": "The state institution with authority to oversee public service delivery, including receiving public complaints, is …",
    "Ombudsman Republik Indonesia": "The Ombudsman of the Republic of Indonesia",
    "Badan Pemeriksa Keuangan": "The Audit Board",
    "Komisi Pemberantasan Korupsi": "The Corruption Eradication Commission",
    "Badan Kepegawaian Negara": "The National Civil Service Agency",
    "Ombudsman menjadi pengawas eksternal pelayanan publik (Pasal 35 dan Pasal 46).": "The Ombudsman is the external overseer of public service (Articles 35 and 46).",
    "Manakah yang termasuk asas penyelenggaraan pelayanan publik menurut Pasal 4? (pilih semua yang benar)": "Which are principles of public service delivery under Article 4? (choose all that are right)",
    "Kepentingan umum": "The public interest",
    "Kepastian hukum": "Legal certainty",
    "Keterbukaan": "Openness",
    "Kerahasiaan prosedur pelayanan": "Secrecy of service procedures",
    "Perlakuan khusus bagi kerabat pejabat": "Special treatment for officials' relatives",
    "Pasal 4 memuat antara lain kepentingan umum, kepastian hukum, kesamaan hak, keterbukaan, dan persamaan perlakuan/tidak diskriminatif.": "Article 4 includes the public interest, legal certainty, equal rights, openness and equal, non-discriminatory treatment.",
    "Lengkapi singkatan berikut: PTSP adalah Pelayanan Terpadu Satu …": "Complete the abbreviation: PTSP stands for Pelayanan Terpadu Satu … (one-stop integrated service; answer in Indonesian)",
    "Pelayanan terpadu menyatukan beberapa jenis pelayanan dalam satu tempat (Pasal 9).": "An integrated service brings several kinds of service together in one place (Article 9).",
    "Masyarakat tidak berhak mengadukan pelaksana yang memberikan pelayanan tidak sesuai dengan standar pelayanan.": "The public has no right to complain about implementers whose service does not meet the service standards.",
    "Pasal 18 huruf e menjamin hak masyarakat untuk mengadukan pelaksana yang tidak sesuai standar.": "Article 18(e) guarantees the public's right to complain about implementers who do not meet the standards.",
    "Kelompok manakah yang berisi komponen standar pelayanan menurut Pasal 21?": "Which group lists components of the service standards under Article 21?",
    "Dasar hukum, persyaratan, prosedur, jangka waktu, dan biaya/tarif": "Legal basis, requirements, procedure, time frame and fees",
    "Visi, misi, dan motto pegawai": "The employees' vision, mission and motto",
    "Gaji dan tunjangan pelaksana": "The implementers' salaries and allowances",
    "Jadwal rapat pimpinan": "The leadership's meeting schedule",
    "Pasal 21 juga menyebut produk pelayanan, sarana dan prasarana, kompetensi pelaksana, pengawasan internal, penanganan pengaduan, jumlah pelaksana, jaminan pelayanan, jaminan keamanan, dan evaluasi kinerja.": "Article 21 also names the service product, facilities, the implementers' competence, internal oversight, complaints handling, the number of implementers, service guarantees, safety guarantees and performance evaluation.",
    "Pengukuran kepuasan penerima layanan secara berkala dilakukan melalui Survei … Masyarakat.": "Service users' satisfaction is measured regularly through the Survei … Masyarakat (public satisfaction survey; answer in Indonesian).",
    "Survei Kepuasan Masyarakat (SKM) menjadi bahan penilaian kinerja pelayanan.": "The public satisfaction survey (SKM) feeds the assessment of service performance.",
    # Module quiz
    "Di mana maklumat pelayanan sebaiknya dipublikasikan?": "Where should the service charter be published?",
    "Di tempat pelayanan dan kanal informasi yang mudah diakses masyarakat": "At the service point and on information channels the public can easily reach",
    "Hanya di arsip internal": "Only in the internal archive",
    "Hanya kepada pimpinan": "Only to the leadership",
    "Maklumat pelayanan wajib dipublikasikan secara jelas dan luas (Pasal 22).": "The service charter must be published clearly and widely (Article 22).",
    "Standar pelayanan cukup disusun oleh pimpinan unit tanpa melibatkan masyarakat.": "It is enough for the unit's head to draw up the service standards without involving the public.",
    "Pasal 20 ayat (2) mewajibkan keikutsertaan masyarakat.": "Article 20(2) requires the public to take part.",
    "Jelaskan langkah yang akan Anda tempuh agar standar pelayanan dan maklumat pelayanan unit kerja Anda diketahui masyarakat Kabupaten Gorontalo.": "Explain the steps you will take so that the people of Gorontalo Regency know your unit's service standards and service charter.",
    # Evaluation items
    "Materi pelatihan sesuai dengan kebutuhan tugas saya.": "The training material fits the needs of my work.",
    "Jadwal dan durasi pelatihan memadai.": "The schedule and length of the training were adequate.",
    "Platform pembelajaran mudah digunakan.": "The learning platform is easy to use.",
    "Penyelenggara memberikan informasi yang jelas dan tepat waktu.": "The organisers gave clear and timely information.",
    "Fasilitator menguasai materi.": "The trainer masters the material.",
    "Fasilitator menyampaikan materi dengan jelas dan sistematis.": "The trainer presents the material clearly and systematically.",
    "Fasilitator menanggapi pertanyaan peserta dengan baik.": "The trainer answers participants' questions well.",
    "Apa yang paling bermanfaat dari pelatihan ini bagi pekerjaan Anda?": "What was most useful in this training for your work?",
    "Apa saran Anda untuk pelatihan berikutnya?": "What do you suggest for the next training?",
}


def english(text: str) -> str:
    """The English of a demo text; batch names ("Angkatan I 2026") and module quiz titles by rule."""
    if text in ENGLISH:
        return ENGLISH[text]
    if text.startswith("Angkatan "):
        return "Batch " + text.removeprefix("Angkatan ")
    if text.startswith("Kuis "):
        return "Quiz: " + text.removeprefix("Kuis ")
    return text


def _translate_texts(record):
    for field in record.translated_fields:
        setattr(record, field, english(getattr(record, field)))
    if isinstance(record, Quiz) and record.module_id:
        module = record.module.get_translation_or_none(record.locale)
        if module is not None:
            record.title = f"Quiz: {module.title}"


@transaction.atomic
def seed(log):
    """English copies of every quiz, evaluation form and batch that has none yet."""
    made = 0
    for model in (Quiz, EvaluationForm, Batch):
        for source in model.objects.all():
            translation, created = translate_learner_record(
                source=source, language_code="en", texts=_translate_texts
            )
            made += created
    log(f"English translations: {made} quizzes, evaluation forms and batches")
