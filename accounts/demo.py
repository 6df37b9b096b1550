"""Demo data for accounts: the agencies of Kabupaten Gorontalo and one user per role."""

from django.conf import settings

from .models import Agency
from .roles import ADMINISTRATORS, PARTICIPANTS, TRAINERS, sync_role_groups
from .services import upsert_user

AGENCIES = [
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"),
    ("Dinas Pendidikan dan Kebudayaan", "Disdikbud"),
    ("Dinas Kesehatan", "Dinkes"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP"),
    ("Dinas Sosial", "Dinsos"),
    ("Bagian Organisasi Sekretariat Daerah", "Bagian Organisasi"),
    ("Inspektorat Daerah", "Inspektorat"),
    ("Kecamatan Limboto", ""),
    ("Kecamatan Telaga", ""),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda"),
    ("Dinas Komunikasi dan Informatika", "Diskominfo"),
    ("Rumah Sakit Umum Daerah Dr. M.M. Dunda Limboto", "RSUD MM Dunda"),
]


def seed(log):
    sync_role_groups()
    for name, short_name in AGENCIES:
        Agency.objects.update_or_create(name=name, defaults={"short_name": short_name})
    log(f"Agencies: {Agency.objects.count()}")

    bkpsdm = Agency.objects.get(short_name="BKPSDM")
    password = settings.DEMO_PASSWORD
    upsert_user(
        username="admin",
        password=password,
        is_superuser=True,
        roles=(ADMINISTRATORS,),
        agency=bkpsdm,
        email="admin@bimtek.example",
        first_name="Rahmat",
        last_name="Hulopi",
        full_name="Rahmat Hulopi, S.STP., M.Si.",
        nip="198104122005011002",
        employee_type="pns",
        rank="IV/a",
        position="Kepala Bidang Pengembangan Kompetensi",
        listed_publicly=True,
        public_bio=(
            "Memimpin penyelenggaraan bimbingan teknis pelayanan publik di BKPSDM Kabupaten "
            "Gorontalo. (Konten demo.)"
        ),
    )
    upsert_user(
        username="fasilitator",
        password=password,
        roles=(TRAINERS,),
        agency=bkpsdm,
        email="fasilitator@bimtek.example",
        first_name="Nurain",
        last_name="Dai",
        full_name="Dr. Nurain Dai, S.Sos., M.AP.",
        nip="197809152003122001",
        employee_type="pns",
        rank="IV/b",
        position="Widyaiswara Ahli Madya",
        listed_publicly=True,
        public_bio=(
            "Widyaiswara bidang manajemen pelayanan publik; mengajar standar pelayanan, "
            "maklumat dan pengelolaan pengaduan. (Konten demo.)"
        ),
    )
    upsert_user(
        username="peserta",
        password=password,
        roles=(PARTICIPANTS,),
        agency=Agency.objects.get(short_name="Disdukcapil"),
        email="peserta@bimtek.example",
        first_name="Siti",
        last_name="Rahmawati",
        full_name="Siti Rahmawati Abdullah, S.Kom.",
        nip="199203172019032008",
        employee_type="pns",
        rank="III/b",
        position="Pranata Komputer Ahli Pertama",
        phone="0812-4400-1234",
    )
    log("Demo users: admin, fasilitator, peserta")
