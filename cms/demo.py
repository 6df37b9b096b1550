"""Demo content for the site chrome: home pages in both languages, settings and navigation."""

from wagtail.models import Page, Site

from . import demo_public_service
from .models import (
    ComplaintsPage,
    HomePage,
    NavigationSettings,
    PerformancePage,
    SiteSettings,
    StandardPage,
)
from .services import ensure_tree_roots, publish_page, publish_translation

HOME_BODY_ID = [
    ("heading", {"heading_text": "Tentang program ini", "size": "h2"}),
    (
        "paragraph",
        "<p>Pemerintah Kabupaten Gorontalo bekerja sama dengan Pemerintah Selandia Baru dalam "
        "program peningkatan kapasitas (<i>capacity building</i>) pelayanan publik. Bimtek "
        "adalah tempat aparatur sipil negara mengikuti bimbingan teknis secara daring, "
        "mengerjakan pre-test dan post-test, dan menerima sertifikat yang dihitung sebagai jam "
        "pelajaran (JP) pengembangan kompetensi.</p>",
    ),
    (
        "callout",
        {
            "kind": "info",
            "title": "20 JP setiap tahun",
            "text": "<p>Setiap ASN berhak dan wajib mengikuti pengembangan kompetensi paling "
            "sedikit 20 jam pelajaran dalam satu tahun. Sertifikat dari Bimtek mencantumkan "
            "JP yang Anda peroleh.</p>",
        },
    ),
]
HOME_BODY_EN = [
    ("heading", {"heading_text": "About the programme", "size": "h2"}),
    (
        "paragraph",
        "<p>Gorontalo Regency works with the Government of New Zealand on a capacity-building "
        "programme for public service. Bimtek is where civil servants take technical training "
        "online, sit pre-tests and post-tests, and receive certificates that count as learning "
        "hours (JP) of competency development.</p>",
    ),
    (
        "callout",
        {
            "kind": "info",
            "title": "20 JP every year",
            "text": "<p>Every civil servant is entitled and expected to complete at least 20 "
            "learning hours of competency development a year. Bimtek certificates state the "
            "JP you earned.</p>",
        },
    ),
]


def seed(log):
    root = ensure_tree_roots()
    home = publish_page(
        parent=root,
        page_class=HomePage,
        slug="beranda",
        title="Beranda",
        hero_title="Bimbingan Teknis Pelayanan Publik",
        hero_text=(
            "Belajar kapan saja, dari kantor atau dari rumah: standar pelayanan, maklumat, "
            "pengelolaan pengaduan dan inovasi pelayanan publik bersama BKPSDM Kabupaten "
            "Gorontalo dan mitra dari Selandia Baru."
        ),
        body=HOME_BODY_ID,
    )
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.site_name = "localhost", 80, "Bimtek"
    site.root_page = home
    site.save()
    # The placeholder page that Wagtail creates on a fresh database is not part of the site.
    Page.objects.filter(
        depth=2, slug="home", content_type__app_label="wagtailcore", content_type__model="page"
    ).delete()

    publish_translation(
        page=home,
        language_code="en",
        title="Home",
        slug="home",
        hero_title="Technical Training for Public Service",
        hero_text=(
            "Learn at any time, from the office or from home: service standards, service "
            "declarations, complaint handling and public-service innovation with the BKPSDM of "
            "Gorontalo Regency and partners from New Zealand."
        ),
        body=HOME_BODY_EN,
    )
    about = publish_page(
        parent=home,
        page_class=StandardPage,
        slug="tentang",
        title="Tentang Bimtek",
        introduction=(
            "Bimtek adalah platform pembelajaran BKPSDM Kabupaten Gorontalo untuk bimbingan "
            "teknis pelayanan publik."
        ),
        body=[
            (
                "paragraph",
                "<p>Program ini berangkat dari Undang-Undang Nomor 25 Tahun 2009 tentang "
                "Pelayanan Publik. Pasal 23 ayat (4) mewajibkan setiap penyelenggara mengelola "
                "sistem informasi yang sekurang-kurangnya memuat profil penyelenggara, profil "
                "pelaksana, standar pelayanan, maklumat pelayanan, pengelola pengaduan, dan "
                "penilaian kinerja. Keenam komponen itu menjadi silabus kursus pertama.</p>",
            ),
        ],
    )
    publish_translation(
        page=about,
        language_code="en",
        title="About Bimtek",
        slug="about",
        introduction=(
            "Bimtek is the learning platform of the BKPSDM of Gorontalo Regency for technical "
            "training in public service."
        ),
        body=[
            (
                "paragraph",
                "<p>The programme starts from Law No. 25 of 2009 on Public Service. Its Article "
                "23(4) requires every provider to run an information system that holds at least "
                "the provider's profile, the implementers' profile, the service standard, the "
                "service declaration, complaint management and performance assessment. Those "
                "six components are the syllabus of the first course.</p>",
            ),
        ],
    )

    demo_public_service.seed(home, log)

    site_settings = SiteSettings.for_site(site)
    site_settings.institution_name = (
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Gorontalo"
    )
    site_settings.short_name = "BKPSDM"
    site_settings.address = "Jl. Jenderal Sudirman, Limboto\nKabupaten Gorontalo, Gorontalo 96211"
    site_settings.phone = "(0435) 881 000"
    site_settings.email = "bkpsdm@gorontalokab.example"
    site_settings.office_hours = "Senin–Jumat 08.00–16.00 WITA"
    if not site_settings.partners.exists():
        site_settings.partners.create(
            name="Pemerintah Selandia Baru · New Zealand Government",
            url="https://www.mfat.govt.nz/",
            sort_order=0,
        )
    site_settings.save()

    seed_navigation(site)
    log("Site: home and about pages in Indonesian and English, settings, navigation")


def seed_navigation(site):
    """
    The header and footer links of the demo site.

    Pages of other apps are found by their slug under the home page, so that the chrome does
    not import them; ``training.demo`` calls this again once the course catalogue exists.
    """
    home = site.root_page
    pages = {page.slug: page for page in home.get_children().live()}
    public_service = pages["informasi-pelayanan"]
    complaints_page, performance_page = (
        public_service.get_children().type(model).first()
        for model in (ComplaintsPage, PerformancePage)
    )
    header = [("link", {"page": home, "label": "Beranda", "label_en": "Home"})]
    if "kursus" in pages:
        header.append(("link", {"page": pages["kursus"]}))
    header += [
        (
            "link",
            {"page": public_service, "label": "Informasi Publik", "label_en": "Public information"},
        ),
        ("link", {"page": pages["tentang"]}),
    ]
    navigation = NavigationSettings.for_site(site)
    navigation.header_links = header
    navigation.footer_links = [
        ("link", {"page": pages["tentang"]}),
        ("link", {"page": public_service}),
        ("link", {"page": complaints_page, "label": "Pengaduan", "label_en": "Complaints"}),
        (
            "link",
            {
                "page": performance_page,
                "label": "Survei kepuasan",
                "label_en": "Satisfaction survey",
            },
        ),
    ]
    navigation.save()
