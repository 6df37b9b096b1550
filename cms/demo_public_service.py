"""
Demo content of the public-service information of the BKPSDM of Kabupaten Gorontalo: the
six components of UU 25/2009 Article 23(4) in Indonesian and English, a few complaints in
every state and a semester of satisfaction-survey responses.

Facts that are not public (decree numbers, names, phone numbers) are invented and the
pages say so. Everything goes through the services, with fixed keys, so seeding twice
changes nothing.
"""

import datetime
import io
import random
import uuid

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection

from accounts.models import User

from .models import (
    Complaint,
    ComplaintsPage,
    ImplementersPage,
    PerformancePage,
    ProviderProfilePage,
    PublicServiceIndexPage,
    ServiceDeclarationPage,
    ServiceStandardPage,
)
from .services import (
    answer_complaint,
    assign_complaint,
    close_complaint,
    file_complaint,
    publish_page,
    publish_translation,
    submit_survey_response,
)
from .survey import ELEMENT_CODES

DEMO_NOTE_ID = "Konten demo: sebagian data (nomor keputusan, nama, kontak) adalah rekaan."
DEMO_NOTE_EN = "Demo content: some facts (decree numbers, names, contacts) are invented."
DEMO_NAMESPACE = uuid.UUID("6a0c1f4e-3b7d-4c55-9a51-0d9e7f6b2a10")

ADDRESS = "Jl. Jenderal Sudirman, Limboto\nKabupaten Gorontalo, Gorontalo 96211"
PHONE = "(0435) 881 000"
EMAIL = "bkpsdm@gorontalokab.example"


def _key(name: str) -> uuid.UUID:
    return uuid.uuid5(DEMO_NAMESPACE, name)


def _organisation_chart():
    """A simple drawn organisation chart, stored once as a Wagtail image."""
    Image = get_image_model()
    title = "Struktur organisasi BKPSDM (demo)"
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    from PIL import Image as PillowImage
    from PIL import ImageDraw

    canvas = PillowImage.new("RGB", (1000, 520), "white")
    draw = ImageDraw.Draw(canvas)
    green = (11, 94, 66)

    def box(x, y, text):
        draw.rectangle([x, y, x + 220, y + 70], outline=green, width=3)
        for i, line in enumerate(text.split("\n")):
            draw.text((x + 12, y + 12 + 20 * i), line, fill=(20, 20, 20))

    box(390, 20, "Kepala Badan")
    box(700, 130, "Sekretariat")
    draw.line([500, 90, 500, 250], fill=green, width=3)
    draw.line([500, 165, 700, 165], fill=green, width=3)
    draw.line([140, 250, 880, 250], fill=green, width=3)
    columns = [
        (30, "Bidang Pengadaan,\nPemberhentian dan\nInformasi"),
        (270, "Bidang Mutasi dan\nPromosi"),
        (510, "Bidang Pengembangan\nKompetensi"),
        (750, "Bidang Penilaian\nKinerja dan\nPenghargaan"),
    ]
    for x, text in columns:
        draw.line([x + 110, 250, x + 110, 300], fill=green, width=3)
        box(x, 300, text)
    draw.text((30, 470), "Bagan demo, disederhanakan · Demo chart, simplified", fill=(90, 90, 90))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    image = Image(title=title, collection=Collection.get_first_root_node())
    image.file = ImageFile(buffer, name="struktur-organisasi-bkpsdm-demo.png")
    image.save()
    return image


def _pages(home, log):
    index = publish_page(
        parent=home,
        page_class=PublicServiceIndexPage,
        slug="informasi-pelayanan",
        title="Informasi Pelayanan Publik",
        introduction=(
            "Sebagai penyelenggara pelayanan publik, BKPSDM Kabupaten Gorontalo membuka "
            "informasi layanan bimbingan teknis ini sesuai Pasal 23 ayat (4) UU Nomor 25 Tahun "
            "2009: enam komponen yang juga menjadi contoh nyata dalam kursus."
        ),
        legal_note=f"<p><i>{DEMO_NOTE_ID}</i></p>",
    )
    publish_translation(
        page=index,
        language_code="en",
        title="Public-Service Information",
        slug="public-service-information",
        introduction=(
            "As a public-service provider, the BKPSDM of Gorontalo Regency publishes the "
            "information of this training service as Article 23(4) of Law No. 25/2009 "
            "requires: six components that double as a worked example in the course."
        ),
        legal_note=f"<p><i>{DEMO_NOTE_EN}</i></p>",
    )

    chart = _organisation_chart()
    profile = publish_page(
        parent=index,
        page_class=ProviderProfilePage,
        slug="profil-penyelenggara",
        title="Profil Penyelenggara",
        search_description="Lembaga, dasar hukum, struktur organisasi, alamat dan jam layanan.",
        institution_name=(
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia (BKPSDM) Kabupaten Gorontalo"
        ),
        legal_basis=(
            "<ul><li>Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik</li>"
            "<li>Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara</li>"
            "<li>Peraturan Daerah Kabupaten Gorontalo tentang Pembentukan dan Susunan "
            "Perangkat Daerah (nomor: demo)</li>"
            "<li>Peraturan Bupati Gorontalo tentang Kedudukan, Susunan Organisasi, Tugas dan "
            "Fungsi BKPSDM (nomor: demo)</li></ul>"
        ),
        vision=(
            "Aparatur sipil negara Kabupaten Gorontalo yang kompeten, berintegritas dan melayani."
        ),
        mission=(
            "<ol><li>Menyelenggarakan pengembangan kompetensi ASN yang merata dan terukur.</li>"
            "<li>Mewujudkan manajemen ASN berbasis sistem merit.</li>"
            "<li>Menyediakan layanan kepegawaian yang cepat, terbuka dan mudah diakses.</li></ol>"
        ),
        duties=(
            "<p>Membantu Bupati melaksanakan fungsi penunjang urusan pemerintahan di bidang "
            "kepegawaian dan pengembangan sumber daya manusia, termasuk penyelenggaraan "
            "bimbingan teknis bagi ASN.</p>"
        ),
        organisation_chart=chart,
        organisation_chart_description=(
            "Kepala Badan membawahkan Sekretariat dan empat bidang: Pengadaan, Pemberhentian "
            "dan Informasi; Mutasi dan Promosi; Pengembangan Kompetensi; Penilaian Kinerja dan "
            "Penghargaan. Bimtek diselenggarakan oleh Bidang Pengembangan Kompetensi."
        ),
        address=ADDRESS,
        office_hours="Senin–Kamis 08.00–16.00 WITA\nJumat 08.00–16.30 WITA (istirahat 11.30–13.30)",
        phone=PHONE,
        email=EMAIL,
        website="https://bkpsdm.gorontalokab.example/",
    )
    publish_translation(
        page=profile,
        language_code="en",
        title="Provider Profile",
        slug="provider-profile",
        search_description="Institution, legal basis, organisation chart, address and hours.",
        institution_name=(
            "Agency for Personnel and Human Resource Development (BKPSDM) of Gorontalo Regency"
        ),
        legal_basis=(
            "<ul><li>Law No. 25 of 2009 on Public Service</li>"
            "<li>Law No. 20 of 2023 on the State Civil Apparatus</li>"
            "<li>Gorontalo Regency Regulation on the Establishment and Structure of Regional "
            "Agencies (number: demo)</li>"
            "<li>Regent Regulation on the Position, Organisation, Duties and Functions of the "
            "BKPSDM (number: demo)</li></ul>"
        ),
        vision="Civil servants of Gorontalo Regency who are competent, honest and of service.",
        mission=(
            "<ol><li>Provide even and measurable competency development for civil servants.</li>"
            "<li>Manage the civil service on the merit system.</li>"
            "<li>Offer personnel services that are fast, open and easy to reach.</li></ol>"
        ),
        duties=(
            "<p>Supports the Regent in personnel management and human resource development, "
            "including technical training for civil servants.</p>"
        ),
        organisation_chart_description=(
            "The Head of Agency leads the Secretariat and four divisions: Recruitment, "
            "Retirement and Information; Transfer and Promotion; Competency Development; "
            "Performance Appraisal and Awards. Bimtek is run by the Competency Development "
            "division."
        ),
        office_hours=(
            "Monday–Thursday 08:00–16:00 WITA\nFriday 08:00–16:30 WITA (break 11:30–13:30)"
        ),
    )

    implementers = publish_page(
        parent=index,
        page_class=ImplementersPage,
        slug="profil-pelaksana",
        title="Profil Pelaksana",
        search_description="Fasilitator dan staf penyelenggara bimtek.",
        introduction=(
            "Fasilitator, widyaiswara dan staf penyelenggara yang melayani bimbingan teknis. "
            "Hanya yang telah menyetujui ditampilkan di sini."
        ),
    )
    publish_translation(
        page=implementers,
        language_code="en",
        title="Implementers Profile",
        slug="implementers",
        search_description="The trainers and organising staff of the training.",
        introduction=(
            "The trainers and organising staff who deliver the technical training. Only those "
            "who agreed are listed here."
        ),
    )

    standard_id = {
        "service_name": "Penyelenggaraan Bimbingan Teknis Pelayanan Publik bagi ASN",
        "decree": "Keputusan Kepala BKPSDM Kabupaten Gorontalo Nomor 800/BKPSDM/112/2026 (demo)",
        "established_on": datetime.date(2026, 1, 5),
        "legal_basis": (
            "<ul><li>UU Nomor 25 Tahun 2009 tentang Pelayanan Publik</li>"
            "<li>PP Nomor 96 Tahun 2012 tentang Pelaksanaan UU Pelayanan Publik</li>"
            "<li>PermenPANRB Nomor 15 Tahun 2014 tentang Pedoman Standar Pelayanan</li>"
            "<li>PermenPANRB Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan "
            "Masyarakat</li></ul>"
        ),
        "requirements": (
            "<ol><li>ASN (PNS atau PPPK) di lingkungan Pemerintah Kabupaten Gorontalo.</li>"
            "<li>Surat tugas atau persetujuan atasan langsung.</li>"
            "<li>Akun Bimtek dengan NIP yang valid.</li></ol>"
        ),
        "procedure": (
            "<ol><li>Peserta masuk ke Bimtek dan memilih kursus serta angkatan.</li>"
            "<li>Penyelenggara memverifikasi pendaftaran paling lama 2 hari kerja.</li>"
            "<li>Peserta mengikuti pre-test, pelajaran, kuis dan post-test.</li>"
            "<li>Peserta mengisi evaluasi penyelenggaraan.</li>"
            "<li>Sertifikat diterbitkan dan dapat diunduh serta diverifikasi.</li></ol>"
        ),
        "duration": (
            "<p>Verifikasi pendaftaran 2 hari kerja; sertifikat terbit paling lama 5 hari kerja "
            "setelah syarat kelulusan terpenuhi.</p>"
        ),
        "cost": "<p>Tidak dipungut biaya (gratis).</p>",
        "product": (
            "<p>Sertifikat elektronik bimbingan teknis yang mencantumkan jam pelajaran (JP).</p>"
        ),
        "complaint_channel": (
            "<p>Formulir pengaduan di situs ini (dapat anonim), surel, telepon, loket BKPSDM, "
            "dan SP4N-LAPOR!</p>"
        ),
        "complaint_response_days": 14,
        "facilities": (
            "<p>Platform Bimtek daring, ruang kelas dan laboratorium komputer BKPSDM, "
            "jaringan internet, meja layanan informasi.</p>"
        ),
        "competence": (
            "<p>Fasilitator bersertifikat widyaiswara atau berpengalaman di bidang pelayanan "
            "publik; staf penyelenggara menguasai aplikasi Bimtek.</p>"
        ),
        "internal_supervision": (
            "<p>Supervisi oleh Kepala Bidang Pengembangan Kompetensi dan pengawasan oleh "
            "Inspektorat Daerah.</p>"
        ),
        "number_of_implementers": "<p>4 fasilitator dan 3 staf penyelenggara.</p>",
        "service_guarantee": (
            "<p>Layanan diberikan sesuai standar ini sebagaimana dinyatakan dalam maklumat "
            "pelayanan.</p>"
        ),
        "security_guarantee": (
            "<p>Data pribadi peserta dilindungi sesuai UU Nomor 27 Tahun 2022; sertifikat "
            "dapat diverifikasi keasliannya.</p>"
        ),
        "performance_evaluation": (
            "<p>Survei kepuasan masyarakat setiap semester dan evaluasi penyelenggaraan pada "
            "setiap angkatan.</p>"
        ),
    }
    standard = publish_page(
        parent=index,
        page_class=ServiceStandardPage,
        slug="standar-pelayanan",
        title="Standar Pelayanan",
        search_description="Persyaratan, prosedur, waktu, biaya, produk dan pengaduan.",
        **standard_id,
    )
    publish_translation(
        page=standard,
        language_code="en",
        title="Service Standard",
        slug="service-standard",
        search_description="Requirements, procedure, time, cost, product and complaints.",
        service_name="Technical training in public service for civil servants",
        decree="Decree of the Head of BKPSDM Gorontalo Regency No. 800/BKPSDM/112/2026 (demo)",
        requirements=(
            "<ol><li>A civil servant (PNS or PPPK) of Gorontalo Regency.</li>"
            "<li>An assignment letter or the consent of the direct superior.</li>"
            "<li>A Bimtek account with a valid NIP.</li></ol>"
        ),
        procedure=(
            "<ol><li>The participant signs in and chooses a course and a batch.</li>"
            "<li>The organisers verify the enrolment within 2 working days.</li>"
            "<li>The participant takes the pre-test, lessons, quizzes and post-test.</li>"
            "<li>The participant fills in the training evaluation.</li>"
            "<li>The certificate is issued, downloadable and verifiable.</li></ol>"
        ),
        duration=(
            "<p>Enrolment verified within 2 working days; the certificate is issued within 5 "
            "working days of meeting the completion rule.</p>"
        ),
        cost="<p>Free of charge.</p>",
        product="<p>An electronic training certificate stating the learning hours (JP).</p>",
        complaint_channel=(
            "<p>The complaint form on this site (anonymous allowed), e-mail, telephone, the "
            "BKPSDM counter, and SP4N-LAPOR!</p>"
        ),
        facilities=(
            "<p>The Bimtek online platform, BKPSDM classrooms and computer lab, internet "
            "access, an information desk.</p>"
        ),
        competence=(
            "<p>Certified trainers (widyaiswara) or practitioners of public service; organising "
            "staff trained in the Bimtek application.</p>"
        ),
        internal_supervision=(
            "<p>Supervised by the Head of Competency Development, audited by the Regional "
            "Inspectorate.</p>"
        ),
        number_of_implementers="<p>4 trainers and 3 organising staff.</p>",
        service_guarantee=(
            "<p>The service is delivered to this standard, as promised in the service "
            "declaration.</p>"
        ),
        security_guarantee=(
            "<p>Participants' personal data are protected under Law No. 27/2022; certificates "
            "can be verified.</p>"
        ),
        performance_evaluation=(
            "<p>A satisfaction survey every semester and a training evaluation in every batch.</p>"
        ),
    )

    declaration = publish_page(
        parent=index,
        page_class=ServiceDeclarationPage,
        slug="maklumat-pelayanan",
        title="Maklumat Pelayanan",
        search_description="Janji layanan BKPSDM kepada peserta dan masyarakat.",
        declaration=(
            "<p><b>Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan bimbingan "
            "teknis sesuai standar pelayanan yang telah ditetapkan dan apabila tidak menepati "
            "janji ini, kami siap menerima sanksi sesuai peraturan perundang-undangan yang "
            "berlaku.</b></p>"
        ),
        place="Limboto",
        signed_on=datetime.date(2026, 1, 5),
        official_name="Drs. Hamzah Tangahu, M.Si. (nama demo)",
        official_position="Kepala BKPSDM Kabupaten Gorontalo",
        official_nip="197005121995031004",
    )
    publish_translation(
        page=declaration,
        language_code="en",
        title="Service Declaration",
        slug="service-declaration",
        search_description="The BKPSDM's promise to participants and the public.",
        declaration=(
            "<p><b>We hereby declare that we are able to deliver the technical training "
            "service to the service standard we have set, and if we fail to keep this promise "
            "we are ready to accept sanctions under the laws and regulations in force.</b></p>"
        ),
        official_position="Head of BKPSDM, Gorontalo Regency",
    )

    complaints = publish_page(
        parent=index,
        page_class=ComplaintsPage,
        slug="pengaduan",
        title="Pengelolaan Pengaduan",
        search_description="Sampaikan pengaduan dan ikuti tindak lanjutnya dengan kode.",
        introduction=(
            "Sampaikan keluhan, saran atau laporan tentang layanan bimtek. Anda menerima kode "
            "pelacakan untuk mengikuti tindak lanjutnya; jawaban diberikan paling lama 14 hari."
        ),
        channels=(
            f"<ul><li>Loket BKPSDM, {ADDRESS.splitlines()[0]}</li><li>Telepon {PHONE}</li>"
            f"<li>Surel {EMAIL}</li><li>SP4N-LAPOR! (lapor.go.id)</li></ul>"
        ),
        privacy_note=(
            "Nama dan kontak Anda hanya dapat dilihat oleh administrator pengelola pengaduan "
            "dan tidak pernah ditampilkan di halaman publik."
        ),
    )
    publish_translation(
        page=complaints,
        language_code="en",
        title="Complaint Management",
        slug="complaints",
        search_description="Send a complaint and follow it with its tracking code.",
        introduction=(
            "Tell us about a problem, a suggestion or a report on the training service. You "
            "receive a tracking code to follow it; the answer comes within 14 days."
        ),
        channels=(
            f"<ul><li>BKPSDM counter, {ADDRESS.splitlines()[0]}</li><li>Telephone {PHONE}</li>"
            f"<li>E-mail {EMAIL}</li><li>SP4N-LAPOR! (lapor.go.id)</li></ul>"
        ),
        privacy_note=(
            "Your name and contact details are seen only by the administrators who handle "
            "complaints and are never shown on a public page."
        ),
    )

    performance = publish_page(
        parent=index,
        page_class=PerformancePage,
        slug="penilaian-kinerja",
        title="Penilaian Kinerja",
        search_description="Indeks kepuasan masyarakat dan statistik pengaduan per semester.",
        introduction=(
            "Hasil survei kepuasan masyarakat (SKM) atas layanan bimtek per semester, "
            "dihitung sesuai PermenPANRB Nomor 14 Tahun 2017, beserta statistik pengaduan."
        ),
        method=(
            "<p>Sembilan unsur dinilai dengan skala 1–4. Nilai rata-rata tiap unsur dikalikan "
            "bobot 0,111, dijumlahkan, lalu dikalikan 25. Mutu pelayanan: A (88,31–100), "
            "B (76,61–88,30), C (65,00–76,60), D (25,00–64,99).</p>"
        ),
    )
    publish_translation(
        page=performance,
        language_code="en",
        title="Performance Assessment",
        slug="performance",
        search_description="The community satisfaction index and complaint figures per semester.",
        introduction=(
            "The results of the community satisfaction survey (SKM) of the training service per "
            "semester, computed as PermenPANRB No. 14/2017 prescribes, with complaint figures."
        ),
        method=(
            "<p>Nine elements are scored from 1 to 4. The mean of each element is weighted by "
            "0.111, summed and multiplied by 25. Service quality: A (88.31–100), "
            "B (76.61–88.30), C (65.00–76.60), D (25.00–64.99).</p>"
        ),
    )
    log("Public-service information: landing page and the six components in both languages")
    return index


DEMO_COMPLAINTS = [
    # (key, subject, message, reporter, days ago received, outcome)
    (
        "complaint-certificate-late",
        "Sertifikat belum terbit",
        "Saya sudah menyelesaikan post-test dan evaluasi angkatan II tiga minggu lalu, "
        "tetapi sertifikat belum dapat diunduh.",
        {"reporter_name": "Fadli Usman", "reporter_email": "fadli.usman@example.test"},
        40,
        "closed",
    ),
    (
        "complaint-video-slow",
        "Video pelajaran sulit diputar dari kecamatan",
        "Di Kecamatan Telaga sinyal lemah sehingga video modul 2 tidak bisa diputar. Mohon "
        "disediakan versi teks atau unduhan.",
        {},
        20,
        "answered",
    ),
    (
        "complaint-nip-wrong",
        "NIP pada profil salah satu digit",
        "NIP saya pada profil berbeda satu digit dengan SK. Bagaimana cara memperbaikinya?",
        {"reporter_phone": "0813-5500-2211"},
        6,
        "in_process",
    ),
    (
        "complaint-schedule",
        "Jadwal angkatan bentrok dengan apel",
        "Sesi tatap muka hari Senin pagi bentrok dengan apel pagi. Usul dipindah ke siang.",
        {},
        2,
        "received",
    ),
]

DEMO_ANSWERS = {
    "complaint-certificate-late": (
        "Terima kasih. Sertifikat Anda tertahan karena evaluasi penyelenggaraan belum "
        "tersimpan. Sudah kami perbaiki; sertifikat kini dapat diunduh dari halaman profil."
    ),
    "complaint-video-slow": (
        "Terima kasih atas masukannya. Setiap video kini dilengkapi transkrip teks dan "
        "berkas unduhan berukuran kecil."
    ),
}


def _complaints(log):
    administrator = User.objects.filter(username="admin").first()
    now = timezone.now()
    for key, subject, message, reporter, days_ago, outcome in DEMO_COMPLAINTS:
        received_at = now - datetime.timedelta(days=days_ago)
        complaint = file_complaint(
            submission_key=_key(key),
            subject=subject,
            message=message,
            received_at=received_at,
            **reporter,
        )
        if outcome == "received" or administrator is None:
            continue
        complaint = assign_complaint(complaint=complaint, assignee=administrator)
        if outcome in ("answered", "closed"):
            complaint = answer_complaint(
                complaint=complaint,
                answer=DEMO_ANSWERS[key],
                answered_by=administrator,
                at=received_at + datetime.timedelta(days=5),
            )
        if outcome == "closed":
            close_complaint(complaint=complaint, at=received_at + datetime.timedelta(days=8))
    log(f"Complaints: {Complaint.objects.count()}")


def _survey_responses(log):
    """Forty responses spread over the last 90 days, with scores mostly 3 and 4."""
    generator = random.Random(2026)
    now = timezone.now()
    educations = ["senior", "diploma", "bachelor", "bachelor", "bachelor", "master"]
    occupations = ["civil_servant"] * 8 + ["private", "other"]
    for number in range(40):
        scores = {
            code: generator.choices([2, 3, 4], weights=[1, 5, 4])[0] for code in ELEMENT_CODES
        }
        submit_survey_response(
            submission_key=_key(f"survey-{number}"),
            scores=scores,
            gender=generator.choice(["male", "female"]),
            age=generator.randint(24, 57),
            education=generator.choice(educations),
            occupation=generator.choice(occupations),
            service_received="Bimtek Standar Pelayanan Publik",
            submitted_at=now - datetime.timedelta(days=generator.randint(0, 90), hours=number),
        )
    log("Satisfaction survey: 40 demo responses")


def seed(home, log):
    """Build the six components under ``home`` with complaints and survey responses."""
    index = _pages(home, log)
    _complaints(log)
    _survey_responses(log)
    return index
