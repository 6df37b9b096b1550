# ruff: noqa: E501  (prose and table cells read better unbroken)
"""
Demo course 1: service standards and the public-service information system (UU 25/2009).

Written in Indonesian, translated into English. Quotations of the law are short; the lessons
point participants to the official text for anything they apply at work.
"""

from decimal import Decimal

from . import callout, heading, paragraph, quote, table, takeaways

LAW = "UU No. 25 Tahun 2009 tentang Pelayanan Publik"
LAW_EN = "Law No. 25 of 2009 on Public Service (unofficial translation)"

COURSE = {
    "code": "PP-01",
    "jp": Decimal("24"),
    "level": "basic",
    "delivery_language": "id",
    "delivery_mode": "blended",
    "partner": {"id": "BKPSDM Kabupaten Gorontalo", "en": "BKPSDM of Gorontalo Regency"},
    "require_all_lessons": True,
    "require_post_test": True,
    "pre_test_first": True,
    "assessments_in_order": True,
    "require_evaluation": True,
    "slug": {"id": "standar-pelayanan-dan-sistem-informasi", "en": "service-standards"},
    "title": {
        "id": "Standar Pelayanan dan Sistem Informasi Pelayanan Publik",
        "en": "Service Standards and the Public-Service Information System",
    },
    "summary": {
        "id": "Dasar hukum pelayanan publik, cara menyusun standar pelayanan dan maklumat "
        "bersama masyarakat, enam komponen sistem informasi menurut Pasal 23 ayat (4) UU "
        "25/2009, pengelolaan pengaduan, serta penilaian kinerja dan survei kepuasan.",
        "en": "The legal basis of public service, how to write service standards and the "
        "service declaration with the public, the six components of the information system "
        "under Article 23(4) of Law 25/2009, complaint handling, and performance assessment "
        "with satisfaction surveys.",
    },
    "description": {
        "id": "<p>Pelatihan ini disusun untuk pejabat dan pelaksana di unit layanan Pemerintah "
        "Kabupaten Gorontalo: Disdukcapil, DPMPTSP, puskesmas, sekolah, kecamatan, dan "
        "kelurahan. Setiap modul berangkat dari pasal UU 25/2009 lalu langsung dibawa ke "
        "pekerjaan sehari-hari: papan standar pelayanan, maklumat di ruang tunggu, kanal "
        "pengaduan, dan laporan survei kepuasan.</p><p>Di akhir pelatihan peserta membawa "
        "pulang rancangan standar pelayanan dan daftar periksa sistem informasi untuk unit "
        "kerjanya sendiri.</p>",
        "en": "<p>This course is written for officials and front-line staff of Gorontalo "
        "Regency's service units: civil registry, the one-stop investment and licensing "
        "office, community health centres, schools, districts and villages. Each module "
        "starts from an article of Law 25/2009 and takes it straight to daily work: the "
        "service standard board, the declaration in the waiting room, the complaint channels "
        "and the satisfaction survey report.</p><p>Participants leave with a draft service "
        "standard and an information-system checklist for their own unit.</p>",
    },
    "objectives": {
        "id": [
            "Menjelaskan pengertian, asas, dan ruang lingkup pelayanan publik menurut UU 25/2009.",
            "Menyusun standar pelayanan yang memuat komponen Pasal 21 bersama masyarakat.",
            "Menyusun dan memublikasikan maklumat pelayanan.",
            "Memeriksa kelengkapan enam komponen sistem informasi pelayanan publik unit kerja.",
            "Mengelola pengaduan hingga tuntas dan menindaklanjuti hasil survei kepuasan.",
        ],
        "en": [
            "Explain the meaning, principles and scope of public service under Law 25/2009.",
            "Write a service standard with the components of Article 21, together with the public.",
            "Write and publish a service declaration.",
            "Check that a unit's information system holds all six required components.",
            "Resolve complaints fully and act on the results of satisfaction surveys.",
        ],
    },
    "tags": {
        "id": ["standar pelayanan", "UU 25/2009", "pengaduan", "sistem informasi"],
        "en": ["service standards", "Law 25/2009", "complaints", "information system"],
    },
    "modules": [
        {
            "slug": {"id": "dasar-hukum", "en": "legal-basis"},
            "title": {
                "id": "Dasar Hukum Pelayanan Publik",
                "en": "The Legal Basis of Public Service",
            },
            "goals": {
                "id": "<ul><li>Memahami pengertian dan asas pelayanan publik.</li>"
                "<li>Mengenali hak dan kewajiban penyelenggara serta masyarakat.</li></ul>",
                "en": "<ul><li>Understand what public service is and its principles.</li>"
                "<li>Know the rights and duties of providers and of the public.</li></ul>",
            },
            "lessons": [
                {
                    "slug": {"id": "pengertian-dan-asas", "en": "meaning-and-principles"},
                    "title": {
                        "id": "Pengertian dan asas pelayanan publik",
                        "en": "What public service is, and its principles",
                    },
                    "minutes": 20,
                    "body": {
                        "id": [
                            paragraph(
                                "<p>Sebelum berbicara tentang standar dan maklumat, kita perlu "
                                "sepakat tentang apa yang disebut <b>pelayanan publik</b>. UU "
                                "25/2009 memberi definisi yang luas: bukan hanya surat dan "
                                "izin, tetapi juga barang dan jasa yang disediakan "
                                "penyelenggara.</p>"
                            ),
                            quote(
                                "Pelayanan publik adalah kegiatan atau rangkaian kegiatan dalam "
                                "rangka pemenuhan kebutuhan pelayanan sesuai dengan peraturan "
                                "perundang-undangan bagi setiap warga negara dan penduduk atas "
                                "barang, jasa, dan/atau pelayanan administratif yang disediakan "
                                "oleh penyelenggara pelayanan publik.",
                                f"Pasal 1 angka 1, {LAW}",
                            ),
                            heading("Tiga jenis layanan"),
                            table(
                                [
                                    ["Jenis", "Contoh di Kabupaten Gorontalo"],
                                    [
                                        "Barang publik",
                                        "Air bersih, obat di puskesmas, buku paket sekolah",
                                    ],
                                    [
                                        "Jasa publik",
                                        "Layanan kesehatan, pendidikan, transportasi desa",
                                    ],
                                    [
                                        "Administratif",
                                        "KTP-el, akta kelahiran, izin usaha, surat keterangan",
                                    ],
                                ],
                                "Jenis pelayanan publik",
                            ),
                            heading("Asas pelayanan"),
                            paragraph(
                                "<p>Pasal 4 menyebut dua belas asas, antara lain kepentingan "
                                "umum, kepastian hukum, kesamaan hak, keprofesionalan, "
                                "partisipatif, keterbukaan, akuntabilitas, fasilitas dan "
                                "perlakuan khusus bagi kelompok rentan, ketepatan waktu, serta "
                                "kecepatan, kemudahan, dan keterjangkauan. Asas-asas ini bukan "
                                "hiasan: ketika ada keraguan dalam prosedur, asas menjadi "
                                "pegangan untuk memilih tindakan yang paling adil bagi warga.</p>"
                            ),
                            callout(
                                "tip",
                                "Coba di unit Anda",
                                "<p>Pilih satu layanan yang paling sering diminta warga. Tanyakan: "
                                "apakah warga lanjut usia atau penyandang disabilitas dapat "
                                "mengaksesnya tanpa bantuan? Jika tidak, asas <i>perlakuan "
                                "khusus bagi kelompok rentan</i> belum terpenuhi.</p>",
                            ),
                            takeaways(
                                "Yang perlu diingat",
                                [
                                    "Pelayanan publik mencakup barang, jasa, dan layanan administratif.",
                                    "Setiap warga negara dan penduduk berhak atas pelayanan yang sama.",
                                    "Asas pelayanan menjadi pegangan ketika prosedur tidak mengatur.",
                                ],
                            ),
                        ],
                        "en": [
                            paragraph(
                                "<p>Before turning to standards and declarations, we need to agree "
                                "on what <b>public service</b> means. Law 25/2009 defines it "
                                "broadly: not only letters and permits, but also the goods and "
                                "services that a provider makes available.</p>"
                            ),
                            quote(
                                "Public service is an activity or series of activities to meet "
                                "the service needs, in accordance with the laws and regulations, "
                                "of every citizen and resident for goods, services and/or "
                                "administrative services provided by public-service providers.",
                                f"Article 1 point 1, {LAW_EN}",
                            ),
                            heading("Three kinds of service"),
                            table(
                                [
                                    ["Kind", "Examples in Gorontalo Regency"],
                                    [
                                        "Public goods",
                                        "Clean water, medicines at health centres, school textbooks",
                                    ],
                                    [
                                        "Public services",
                                        "Health care, education, village transport",
                                    ],
                                    [
                                        "Administrative",
                                        "Electronic ID cards, birth certificates, business permits, certificates of status",
                                    ],
                                ],
                                "Kinds of public service",
                            ),
                            heading("Principles of service"),
                            paragraph(
                                "<p>Article 4 lists twelve principles, among them the public "
                                "interest, legal certainty, equal rights, professionalism, "
                                "participation, openness, accountability, special facilities "
                                "and treatment for vulnerable groups, timeliness, and speed, "
                                "ease and affordability. They are not decoration: where a "
                                "procedure is silent, the principles guide the fairest choice "
                                "for the citizen.</p>"
                            ),
                            callout(
                                "tip",
                                "Try it in your unit",
                                "<p>Pick the service citizens ask for most. Ask: can an elderly "
                                "person or a person with a disability use it without help? If "
                                "not, the principle of <i>special treatment for vulnerable "
                                "groups</i> is not yet met.</p>",
                            ),
                            takeaways(
                                "Remember",
                                [
                                    "Public service covers goods, services and administrative services.",
                                    "Every citizen and resident is entitled to the same service.",
                                    "The principles guide you where a procedure is silent.",
                                ],
                            ),
                        ],
                    },
                },
                {
                    "slug": {"id": "hak-dan-kewajiban", "en": "rights-and-duties"},
                    "title": {
                        "id": "Hak dan kewajiban penyelenggara dan masyarakat",
                        "en": "Rights and duties of providers and the public",
                    },
                    "minutes": 20,
                    "body": {
                        "id": [
                            paragraph(
                                "<p>UU 25/2009 menempatkan penyelenggara dan masyarakat dalam "
                                "hubungan timbal balik. Penyelenggara wajib menyusun standar, "
                                "memublikasikan maklumat, menempatkan pelaksana yang kompeten, "
                                "dan menyediakan sarana yang layak. Masyarakat berhak "
                                "mengetahui kebenaran isi standar pelayanan, mengawasi "
                                "pelaksanaannya, dan mengadukan pelaksana yang menyimpang.</p>"
                            ),
                            table(
                                [
                                    ["Penyelenggara wajib", "Masyarakat berhak"],
                                    [
                                        "Menyusun dan menetapkan standar pelayanan",
                                        "Mengetahui isi standar pelayanan",
                                    ],
                                    [
                                        "Menyusun, menetapkan, dan memublikasikan maklumat",
                                        "Mengawasi pelaksanaan standar",
                                    ],
                                    [
                                        "Menempatkan pelaksana yang kompeten",
                                        "Mendapat tanggapan atas pengaduan",
                                    ],
                                    [
                                        "Menyediakan sarana dan prasarana yang layak",
                                        "Mendapat pelayanan yang berkualitas",
                                    ],
                                ],
                                "Hubungan timbal balik",
                            ),
                            paragraph(
                                "<p>Masyarakat juga memikul kewajiban: mematuhi persyaratan "
                                "yang ditetapkan dalam standar pelayanan, ikut menjaga sarana "
                                "pelayanan, dan berpartisipasi aktif. Artinya, standar yang "
                                "baik harus menulis persyaratan dengan jelas, karena warga "
                                "hanya dapat mematuhi apa yang mereka ketahui.</p>"
                            ),
                            callout(
                                "warning",
                                "Sanksi",
                                "<p>Undang-undang mengatur sanksi administratif bagi "
                                "penyelenggara dan pelaksana yang tidak memenuhi kewajibannya, "
                                "mulai dari teguran tertulis. Ombudsman Republik Indonesia "
                                "berwenang memeriksa laporan maladministrasi.</p>",
                            ),
                            takeaways(
                                "Yang perlu diingat",
                                [
                                    "Kewajiban penyelenggara adalah hak masyarakat, dan sebaliknya.",
                                    "Persyaratan yang tidak diumumkan tidak dapat dituntut dari warga.",
                                    "Maladministrasi dapat dilaporkan ke Ombudsman.",
                                ],
                            ),
                        ],
                        "en": [
                            paragraph(
                                "<p>Law 25/2009 places providers and the public in a reciprocal "
                                "relationship. Providers must write standards, publish the "
                                "declaration, assign competent staff and provide proper "
                                "facilities. The public has the right to know what the service "
                                "standard says, to watch over how it is applied, and to "
                                "complain about staff who depart from it.</p>"
                            ),
                            table(
                                [
                                    ["Providers must", "The public may"],
                                    [
                                        "Write and adopt service standards",
                                        "Know what the standard says",
                                    ],
                                    [
                                        "Write, adopt and publish the declaration",
                                        "Watch over how the standard is applied",
                                    ],
                                    ["Assign competent staff", "Receive an answer to a complaint"],
                                    [
                                        "Provide proper facilities",
                                        "Receive service of good quality",
                                    ],
                                ],
                                "A reciprocal relationship",
                            ),
                            paragraph(
                                "<p>The public has duties too: to meet the requirements set in "
                                "the standard, to help keep service facilities in good order, "
                                "and to take part. A good standard therefore states its "
                                "requirements clearly, because citizens can only meet what "
                                "they know about.</p>"
                            ),
                            callout(
                                "warning",
                                "Sanctions",
                                "<p>The law sets administrative sanctions, starting with a "
                                "written warning, for providers and staff who fail their duties. "
                                "The Ombudsman of the Republic of Indonesia examines reports of "
                                "maladministration.</p>",
                            ),
                            takeaways(
                                "Remember",
                                [
                                    "A provider's duty is the public's right, and the other way round.",
                                    "A requirement that was never published cannot be demanded of citizens.",
                                    "Maladministration can be reported to the Ombudsman.",
                                ],
                            ),
                        ],
                    },
                },
            ],
        },
        {
            "slug": {"id": "standar-dan-maklumat", "en": "standards-and-declaration"},
            "title": {
                "id": "Standar Pelayanan dan Maklumat",
                "en": "Service Standards and the Service Declaration",
            },
            "goals": {
                "id": "<ul><li>Menyebutkan komponen standar pelayanan.</li><li>Menyusun "
                "standar bersama masyarakat.</li><li>Menyusun maklumat pelayanan.</li></ul>",
                "en": "<ul><li>Name the components of a service standard.</li><li>Write a "
                "standard together with the public.</li><li>Write a service "
                "declaration.</li></ul>",
            },
            "lessons": [
                {
                    "slug": {"id": "komponen-standar-pelayanan", "en": "components-of-a-standard"},
                    "title": {
                        "id": "Komponen standar pelayanan",
                        "en": "The components of a service standard",
                    },
                    "minutes": 25,
                    "body": {
                        "id": [
                            quote(
                                "Standar pelayanan adalah tolok ukur yang dipergunakan sebagai "
                                "pedoman penyelenggaraan pelayanan dan acuan penilaian kualitas "
                                "pelayanan sebagai kewajiban dan janji penyelenggara kepada "
                                "masyarakat dalam rangka pelayanan yang berkualitas, cepat, "
                                "mudah, terjangkau, dan terukur.",
                                f"Pasal 1 angka 7, {LAW}",
                            ),
                            paragraph(
                                "<p>Pasal 21 merinci empat belas komponen. Dalam praktik "
                                "(Permenpan RB Nomor 15 Tahun 2014), komponen itu dibagi "
                                "menjadi dua: yang <b>dipublikasikan</b> kepada warga dan yang "
                                "menjadi pegangan <b>internal</b> unit layanan.</p>"
                            ),
                            table(
                                [
                                    ["Dipublikasikan kepada warga", "Pegangan internal"],
                                    ["Persyaratan", "Dasar hukum"],
                                    [
                                        "Sistem, mekanisme, dan prosedur",
                                        "Sarana, prasarana, dan/atau fasilitas",
                                    ],
                                    ["Jangka waktu penyelesaian", "Kompetensi pelaksana"],
                                    ["Biaya/tarif", "Pengawasan internal"],
                                    ["Produk pelayanan", "Jumlah pelaksana"],
                                    [
                                        "Penanganan pengaduan, saran, dan masukan",
                                        "Jaminan pelayanan",
                                    ],
                                    ["", "Jaminan keamanan dan keselamatan"],
                                    ["", "Evaluasi kinerja pelaksana"],
                                ],
                                "Komponen standar pelayanan",
                            ),
                            callout(
                                "tip",
                                "Tulis dari sudut pandang warga",
                                '<p>"Jangka waktu penyelesaian: 1 hari kerja sejak berkas '
                                'lengkap" jauh lebih berguna daripada "sesuai ketentuan". '
                                "Biaya ditulis dalam rupiah; bila gratis, tulis <b>Rp0 "
                                "(tidak dipungut biaya)</b>.</p>",
                            ),
                            takeaways(
                                "Yang perlu diingat",
                                [
                                    "Standar pelayanan adalah janji yang dapat diukur.",
                                    "Enam komponen wajib terlihat oleh warga di tempat dan di laman.",
                                    "Waktu dan biaya ditulis dengan angka, bukan rujukan aturan.",
                                ],
                            ),
                        ],
                        "en": [
                            quote(
                                "A service standard is the benchmark used as the guide for "
                                "delivering a service and as the reference for assessing its "
                                "quality, being the provider's obligation and promise to the "
                                "public for service that is of good quality, fast, easy, "
                                "affordable and measurable.",
                                f"Article 1 point 7, {LAW_EN}",
                            ),
                            paragraph(
                                "<p>Article 21 lists fourteen components. In practice "
                                "(Minister of Administrative Reform Regulation No. 15 of 2014) "
                                "they are split in two: those <b>published</b> to citizens and "
                                "those kept as the unit's <b>internal</b> guide.</p>"
                            ),
                            table(
                                [
                                    ["Published to citizens", "Internal guide"],
                                    ["Requirements", "Legal basis"],
                                    [
                                        "System, mechanism and procedure",
                                        "Facilities and infrastructure",
                                    ],
                                    ["Time to completion", "Staff competence"],
                                    ["Cost or fee", "Internal supervision"],
                                    ["Service product", "Number of staff"],
                                    [
                                        "Handling of complaints, suggestions and feedback",
                                        "Service guarantee",
                                    ],
                                    ["", "Safety and security guarantee"],
                                    ["", "Evaluation of staff performance"],
                                ],
                                "Components of a service standard",
                            ),
                            callout(
                                "tip",
                                "Write it from the citizen's side",
                                '<p>"Time to completion: 1 working day from a complete file" '
                                'is far more useful than "as regulated". Write the cost in '
                                "rupiah; when there is none, write <b>Rp0 (free of "
                                "charge)</b>.</p>",
                            ),
                            takeaways(
                                "Remember",
                                [
                                    "A service standard is a promise that can be measured.",
                                    "Six components must be visible to citizens, on site and online.",
                                    "Times and costs are numbers, not references to rules.",
                                ],
                            ),
                        ],
                    },
                },
                {
                    "slug": {
                        "id": "menyusun-bersama-masyarakat",
                        "en": "writing-it-with-the-public",
                    },
                    "title": {
                        "id": "Menyusun standar bersama masyarakat",
                        "en": "Writing the standard with the public",
                    },
                    "minutes": 25,
                    "body": {
                        "id": [
                            quote(
                                "Dalam menyusun dan menetapkan standar pelayanan sebagaimana "
                                "dimaksud pada ayat (1), penyelenggara wajib mengikutsertakan "
                                "masyarakat dan pihak terkait.",
                                f"Pasal 20 ayat (2), {LAW}",
                            ),
                            paragraph(
                                "<p>Standar yang disusun di balik meja sering gagal di loket. "
                                "Karena itu undang-undang mewajibkan keikutsertaan masyarakat. "
                                "Langkah praktisnya:</p><ol><li>Identifikasi persyaratan, "
                                "prosedur, waktu, dan biaya yang berlaku sekarang, termasuk "
                                "yang tidak tertulis.</li><li>Susun rancangan standar.</li>"
                                "<li>Bahas rancangan dalam forum konsultasi publik bersama "
                                "pengguna layanan, tokoh masyarakat, organisasi penyandang "
                                "disabilitas, dan akademisi.</li><li>Perbaiki rancangan "
                                "berdasarkan masukan, lalu tetapkan dengan keputusan "
                                "pimpinan.</li><li>Terapkan, pantau, dan evaluasi secara "
                                "berkala.</li></ol>"
                            ),
                            callout(
                                "info",
                                "Contoh dari lapangan",
                                "<p>Dalam forum konsultasi sebuah kecamatan, warga menunjukkan "
                                "bahwa surat pengantar RT/RW untuk surat keterangan domisili "
                                "sering tertahan berhari-hari. Standar akhirnya menerima "
                                "pernyataan tertulis warga sebagai pengganti, dan waktu "
                                "layanan turun dari tiga hari menjadi satu hari.</p>",
                            ),
                            takeaways(
                                "Yang perlu diingat",
                                [
                                    "Keikutsertaan masyarakat adalah kewajiban, bukan pilihan.",
                                    "Undang pengguna layanan yang paling sulit dijangkau.",
                                    "Catat masukan dan jawaban Anda dalam berita acara.",
                                ],
                            ),
                        ],
                        "en": [
                            quote(
                                "In writing and adopting the service standard referred to in "
                                "paragraph (1), the provider must involve the public and the "
                                "parties concerned.",
                                f"Article 20(2), {LAW_EN}",
                            ),
                            paragraph(
                                "<p>A standard written behind a desk often fails at the counter, "
                                "which is why the law requires the public to take part. In "
                                "practice:</p><ol><li>Identify the requirements, procedure, "
                                "times and costs that apply today, including unwritten "
                                "ones.</li><li>Draft the standard.</li><li>Discuss the draft in "
                                "a public consultation forum with service users, community "
                                "leaders, disability organisations and academics.</li><li>Revise "
                                "the draft from the feedback, then adopt it by a decision of the "
                                "head of the unit.</li><li>Apply it, monitor it and review it "
                                "regularly.</li></ol>"
                            ),
                            callout(
                                "info",
                                "An example from the field",
                                "<p>In one district's consultation forum, residents showed that "
                                "the cover letter from the neighbourhood head needed for a "
                                "certificate of residence was often held up for days. The final "
                                "standard accepted a written statement by the resident instead, "
                                "and the service time fell from three days to one.</p>",
                            ),
                            takeaways(
                                "Remember",
                                [
                                    "Involving the public is a duty, not an option.",
                                    "Invite the service users who are hardest to reach.",
                                    "Record the feedback and your answers in minutes.",
                                ],
                            ),
                        ],
                    },
                },
                {
                    "slug": {"id": "maklumat-pelayanan", "en": "service-declaration"},
                    "title": {"id": "Maklumat pelayanan", "en": "The service declaration"},
                    "minutes": 15,
                    "body": {
                        "id": [
                            quote(
                                "Maklumat pelayanan adalah pernyataan tertulis yang berisi "
                                "keseluruhan rincian kewajiban dan janji yang terdapat dalam "
                                "standar pelayanan.",
                                f"Pasal 1 angka 8, {LAW}",
                            ),
                            paragraph(
                                "<p>Pasal 22 mewajibkan penyelenggara menyusun dan menetapkan "
                                "maklumat sebagai pernyataan kesanggupan melaksanakan pelayanan "
                                "sesuai standar, dan memublikasikannya secara jelas dan luas. "
                                "Maklumat yang baik singkat, ditandatangani pimpinan unit, dan "
                                "dipasang di tempat yang dilihat setiap warga yang datang.</p>"
                            ),
                            heading("Contoh rumusan", "h3"),
                            quote(
                                "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan "
                                "sesuai standar pelayanan yang telah ditetapkan dan apabila "
                                "tidak menepati janji ini, kami siap menerima sanksi sesuai "
                                "peraturan perundang-undangan yang berlaku.",
                                "Rumusan yang lazim dipakai unit layanan",
                            ),
                            callout(
                                "tip",
                                "Di mana memasangnya",
                                "<p>Di ruang tunggu setinggi mata, di laman resmi unit kerja, "
                                "dan di media sosial resmi. Sertakan nomor pengaduan di bawah "
                                "maklumat agar janji dan jalur menagihnya terlihat bersama.</p>",
                            ),
                        ],
                        "en": [
                            quote(
                                "A service declaration is a written statement containing all the "
                                "details of the obligations and promises set out in the service "
                                "standard.",
                                f"Article 1 point 8, {LAW_EN}",
                            ),
                            paragraph(
                                "<p>Article 22 requires providers to write and adopt a "
                                "declaration of their commitment to deliver the service to the "
                                "standard, and to publish it clearly and widely. A good "
                                "declaration is short, signed by the head of the unit, and "
                                "displayed where every visiting citizen sees it.</p>"
                            ),
                            heading("A common wording", "h3"),
                            quote(
                                "We hereby declare that we are able to deliver the service to "
                                "the service standard that has been adopted and, should we fail "
                                "this promise, we are ready to accept sanctions under the laws "
                                "and regulations in force.",
                                "Wording commonly used by service units",
                            ),
                            callout(
                                "tip",
                                "Where to put it",
                                "<p>In the waiting room at eye level, on the unit's official "
                                "website and on its official social media. Put the complaint "
                                "number under the declaration, so the promise and the way to "
                                "hold the unit to it are seen together.</p>",
                            ),
                        ],
                    },
                },
            ],
        },
        {
            "slug": {"id": "sistem-informasi", "en": "information-system"},
            "title": {
                "id": "Sistem Informasi Pelayanan Publik",
                "en": "The Public-Service Information System",
            },
            "goals": {
                "id": "<ul><li>Menyebutkan enam komponen Pasal 23 ayat (4).</li><li>Menyajikan "
                "informasi pelayanan secara terbuka dan mudah diakses.</li></ul>",
                "en": "<ul><li>Name the six components of Article 23(4).</li><li>Present "
                "service information openly and accessibly.</li></ul>",
            },
            "lessons": [
                {
                    "slug": {"id": "enam-komponen", "en": "six-components"},
                    "title": {
                        "id": "Enam komponen menurut Pasal 23 ayat (4)",
                        "en": "The six components of Article 23(4)",
                    },
                    "minutes": 20,
                    "body": {
                        "id": [
                            quote(
                                "Penyelenggara berkewajiban mengelola Sistem Informasi yang "
                                "terdiri atas Sistem Informasi elektronik atau nonelektronik, "
                                "sekurang-kurangnya meliputi: a. profil penyelenggara; b. profil "
                                "pelaksana; c. standar pelayanan; d. maklumat pelayanan; e. "
                                "pengelola pengaduan; dan f. penilaian kinerja.",
                                f"Pasal 23 ayat (4), {LAW}",
                            ),
                            table(
                                [
                                    ["Komponen", "Isi minimal", "Contoh bukti"],
                                    [
                                        "Profil penyelenggara",
                                        "Nama, alamat, tugas, struktur, jam layanan",
                                        'Halaman "Tentang kami"',
                                    ],
                                    [
                                        "Profil pelaksana",
                                        "Nama, jabatan, kompetensi petugas loket",
                                        "Papan petugas hari ini",
                                    ],
                                    [
                                        "Standar pelayanan",
                                        "Enam komponen yang dipublikasikan",
                                        "Papan dan laman standar",
                                    ],
                                    [
                                        "Maklumat pelayanan",
                                        "Pernyataan bertanda tangan pimpinan",
                                        "Bingkai di ruang tunggu",
                                    ],
                                    [
                                        "Pengelola pengaduan",
                                        "Kanal, petugas, waktu tanggapan",
                                        "Nomor WhatsApp, SP4N-LAPOR!",
                                    ],
                                    [
                                        "Penilaian kinerja",
                                        "Hasil survei dan tindak lanjutnya",
                                        "Laporan IKM semesteran",
                                    ],
                                ],
                                "Daftar periksa sistem informasi",
                            ),
                            paragraph(
                                "<p>Sistem informasi tidak harus berupa aplikasi. Undang-undang "
                                "menerima bentuk nonelektronik: papan informasi, brosur, atau "
                                "buku panduan. Yang penting keenam komponen ada, mutakhir, dan "
                                "dapat ditemukan warga.</p>"
                            ),
                            takeaways(
                                "Yang perlu diingat",
                                [
                                    "Enam komponen adalah batas minimal, bukan batas maksimal.",
                                    "Bentuknya boleh elektronik maupun nonelektronik.",
                                    "Informasi yang kedaluwarsa sama buruknya dengan tidak ada.",
                                ],
                            ),
                        ],
                        "en": [
                            quote(
                                "Providers must manage an Information System, consisting of an "
                                "electronic or non-electronic Information System, covering at "
                                "least: a. the provider's profile; b. the profile of the staff; "
                                "c. the service standard; d. the service declaration; e. "
                                "complaint management; and f. performance assessment.",
                                f"Article 23(4), {LAW_EN}",
                            ),
                            table(
                                [
                                    ["Component", "Minimum content", "Example of evidence"],
                                    [
                                        "Provider's profile",
                                        "Name, address, mandate, structure, opening hours",
                                        '"About us" page',
                                    ],
                                    [
                                        "Staff profile",
                                        "Names, positions, competence of counter staff",
                                        "Today's staff board",
                                    ],
                                    [
                                        "Service standard",
                                        "The six published components",
                                        "Standard board and web page",
                                    ],
                                    [
                                        "Service declaration",
                                        "Statement signed by the head",
                                        "Frame in the waiting room",
                                    ],
                                    [
                                        "Complaint management",
                                        "Channels, officer, response time",
                                        "WhatsApp number, SP4N-LAPOR!",
                                    ],
                                    [
                                        "Performance assessment",
                                        "Survey results and follow-up",
                                        "Half-yearly satisfaction index report",
                                    ],
                                ],
                                "Information-system checklist",
                            ),
                            paragraph(
                                "<p>An information system need not be an application. The law "
                                "accepts non-electronic forms: notice boards, leaflets or "
                                "handbooks. What matters is that all six components exist, are "
                                "up to date and can be found by citizens.</p>"
                            ),
                            takeaways(
                                "Remember",
                                [
                                    "The six components are a minimum, not a maximum.",
                                    "The form may be electronic or not.",
                                    "Outdated information is as bad as none.",
                                ],
                            ),
                        ],
                    },
                },
                {
                    "slug": {
                        "id": "profil-penyelenggara-dan-pelaksana",
                        "en": "provider-and-staff-profiles",
                    },
                    "title": {
                        "id": "Profil penyelenggara dan profil pelaksana",
                        "en": "Provider and staff profiles",
                    },
                    "minutes": 15,
                    "body": {
                        "id": [
                            paragraph(
                                "<p>Profil penyelenggara menjawab pertanyaan pertama setiap "
                                "warga: <i>ke mana saya harus datang, kapan, dan untuk urusan "
                                "apa?</i> Cantumkan alamat lengkap dengan titik peta, jam "
                                "layanan termasuk jam istirahat, daftar layanan, dan struktur "
                                "organisasi singkat.</p><p>Profil pelaksana menjawab "
                                "pertanyaan kedua: <i>siapa yang melayani saya?</i> Papan "
                                '"petugas hari ini" dengan nama dan foto membuat layanan '
                                "lebih manusiawi sekaligus mendorong akuntabilitas.</p>"
                            ),
                            callout(
                                "warning",
                                "Lindungi data pribadi",
                                "<p>Profil pelaksana cukup memuat nama, jabatan, dan "
                                "kompetensi. Jangan memuat NIP lengkap, nomor telepon pribadi, "
                                "atau alamat rumah; UU 27/2022 tentang Pelindungan Data Pribadi "
                                "berlaku juga bagi data pegawai.</p>",
                            ),
                            takeaways(
                                "Yang perlu diingat",
                                [
                                    "Jam layanan ditulis lengkap, termasuk istirahat dan hari libur.",
                                    "Nama dan jabatan petugas terlihat; data pribadinya tidak.",
                                ],
                            ),
                        ],
                        "en": [
                            paragraph(
                                "<p>The provider's profile answers every citizen's first "
                                "question: <i>where do I go, when, and for what?</i> Give the "
                                "full address with a map pin, opening hours including breaks, "
                                "the list of services and a short organisation chart.</p><p>The "
                                "staff profile answers the second: <i>who is serving me?</i> A "
                                '"staff on duty today" board with names and photos makes the '
                                "service more human and encourages accountability.</p>"
                            ),
                            callout(
                                "warning",
                                "Protect personal data",
                                "<p>A staff profile needs names, positions and competence only. "
                                "Do not publish full civil-servant numbers, private phone "
                                "numbers or home addresses; Law 27/2022 on Personal Data "
                                "Protection covers staff data too.</p>",
                            ),
                            takeaways(
                                "Remember",
                                [
                                    "Opening hours are complete, including breaks and holidays.",
                                    "Staff names and positions are visible; their personal data is not.",
                                ],
                            ),
                        ],
                    },
                },
                {
                    "slug": {"id": "pelayanan-publik-digital", "en": "digital-public-service"},
                    "title": {
                        "id": "Informasi terbuka dan pelayanan publik digital",
                        "en": "Open information and digital public service",
                    },
                    "minutes": 20,
                    "body": {
                        "id": [
                            quote(
                                "Dalam rangka memberikan dukungan informasi terhadap "
                                "penyelenggaraan pelayanan publik perlu diselenggarakan Sistem "
                                "Informasi yang bersifat nasional.",
                                f"Pasal 23 ayat (1), {LAW}",
                            ),
                            paragraph(
                                "<p>Sejak Perpres 95/2018 tentang Sistem Pemerintahan Berbasis "
                                "Elektronik (SPBE), layanan digital menjadi bagian dari "
                                "penilaian setiap instansi. Namun digital bukan tujuan: warga "
                                "yang tidak memiliki ponsel pintar atau sinyal tetap berhak "
                                "atas layanan yang sama di loket.</p>"
                            ),
                            heading("Prinsip layanan digital yang baik", "h3"),
                            paragraph(
                                "<ul><li><b>Satu tempat</b>: informasi keenam komponen ada di "
                                "satu laman yang alamatnya mudah diingat.</li><li><b>Ringan</b>: "
                                "laman terbuka cepat di jaringan seluler yang lambat.</li>"
                                "<li><b>Bahasa sederhana</b>: kalimat pendek, istilah "
                                "dijelaskan.</li><li><b>Dapat diakses</b>: teks alternatif "
                                "pada gambar, kontras warna cukup, dapat dibaca pembaca layar."
                                "</li><li><b>Jalur luring tetap ada</b>: setiap layanan daring "
                                "punya padanan di loket.</li></ul>"
                            ),
                            callout(
                                "info",
                                "Mal Pelayanan Publik",
                                "<p>Perpres 89/2021 mendorong penyelenggaraan Mal Pelayanan "
                                "Publik: layanan berbagai instansi di satu tempat. Sistem "
                                "informasi setiap unit menjadi bahan utama papan dan laman "
                                "mal.</p>",
                            ),
                        ],
                        "en": [
                            quote(
                                "To provide information support for the delivery of public "
                                "service, a national Information System is to be established.",
                                f"Article 23(1), {LAW_EN}",
                            ),
                            paragraph(
                                "<p>Since Presidential Regulation 95/2018 on Electronic-Based "
                                "Government Systems (SPBE), digital services are part of every "
                                "agency's assessment. Digital is not the goal, though: citizens "
                                "without a smartphone or a signal keep the right to the same "
                                "service at the counter.</p>"
                            ),
                            heading("Principles of good digital service", "h3"),
                            paragraph(
                                "<ul><li><b>One place</b>: the six components live on one page "
                                "with an address that is easy to remember.</li><li><b>Light</b>: "
                                "the page opens quickly on a slow mobile network.</li><li><b>Plain "
                                "language</b>: short sentences, terms explained.</li><li><b>"
                                "Accessible</b>: alternative text on images, enough colour "
                                "contrast, readable by screen readers.</li><li><b>An offline "
                                "route remains</b>: every online service has a counter "
                                "equivalent.</li></ul>"
                            ),
                            callout(
                                "info",
                                "Public Service Malls",
                                "<p>Presidential Regulation 89/2021 promotes Public Service "
                                "Malls: the services of many agencies in one place. Each unit's "
                                "information system is the main source for the mall's boards "
                                "and web pages.</p>",
                            ),
                        ],
                    },
                },
            ],
        },
        {
            "slug": {"id": "pengaduan-dan-kinerja", "en": "complaints-and-performance"},
            "title": {
                "id": "Pengaduan dan Penilaian Kinerja",
                "en": "Complaints and Performance Assessment",
            },
            "goals": {
                "id": "<ul><li>Mengelola pengaduan dengan cepat dan tuntas.</li><li>Menilai "
                "kinerja dan menindaklanjuti survei kepuasan masyarakat.</li></ul>",
                "en": "<ul><li>Handle complaints quickly and fully.</li><li>Assess performance "
                "and act on public-satisfaction surveys.</li></ul>",
            },
            "lessons": [
                {
                    "slug": {"id": "mengelola-pengaduan", "en": "handling-complaints"},
                    "title": {"id": "Mengelola pengaduan", "en": "Handling complaints"},
                    "minutes": 25,
                    "body": {
                        "id": [
                            quote(
                                "Penyelenggara berkewajiban menyediakan sarana pengaduan dan "
                                "menugaskan pelaksana yang kompeten dalam pengelolaan pengaduan.",
                                f"Pasal 36 ayat (1), {LAW}",
                            ),
                            paragraph(
                                "<p>Pengaduan adalah data gratis tentang di mana layanan gagal. "
                                "Perpres 76/2013 tentang Pengelolaan Pengaduan Pelayanan Publik "
                                "dan SP4N-LAPOR! menyatukan kanal pengaduan instansi pemerintah "
                                "secara nasional. Unit layanan tetap wajib memiliki kanal "
                                "sendiri yang mudah dijangkau: kotak saran, meja pengaduan, "
                                "nomor WhatsApp, dan surel.</p>"
                            ),
                            table(
                                [
                                    ["Tahap", "Yang dilakukan", "Waktu"],
                                    [
                                        "Terima",
                                        "Catat, beri nomor, dan kirim tanda terima",
                                        "Hari yang sama",
                                    ],
                                    [
                                        "Telaah",
                                        "Pilah: informasi, keluhan, atau maladministrasi",
                                        "1–3 hari kerja",
                                    ],
                                    [
                                        "Tindak lanjut",
                                        "Perbaiki dan jelaskan kepada pengadu",
                                        "Sesuai standar unit",
                                    ],
                                    [
                                        "Tutup",
                                        "Konfirmasi kepada pengadu, catat pelajaran",
                                        "Setelah pengadu menerima jawaban",
                                    ],
                                ],
                                "Alur pengelolaan pengaduan",
                            ),
                            callout(
                                "tip",
                                "Jawab, jangan membela diri",
                                "<p>Mulai jawaban dengan terima kasih, akui apa yang salah, "
                                "jelaskan perbaikan yang sudah dilakukan, dan sebutkan siapa "
                                "yang dapat dihubungi. Pengadu yang dijawab dengan baik sering "
                                "menjadi pendukung layanan.</p>",
                            ),
                            takeaways(
                                "Yang perlu diingat",
                                [
                                    "Setiap pengaduan dicatat dan diberi nomor.",
                                    "Pengadu berhak tahu tindak lanjut pengaduannya.",
                                    "Pola pengaduan menjadi masukan revisi standar pelayanan.",
                                ],
                            ),
                        ],
                        "en": [
                            quote(
                                "Providers must provide complaint facilities and assign "
                                "competent staff to manage complaints.",
                                f"Article 36(1), {LAW_EN}",
                            ),
                            paragraph(
                                "<p>Complaints are free data about where a service fails. "
                                "Presidential Regulation 76/2013 on Public-Service Complaint "
                                "Management and SP4N-LAPOR! bring government complaint channels "
                                "together nationally. Service units must still run channels of "
                                "their own that are easy to reach: a suggestion box, a complaint "
                                "desk, a WhatsApp number and e-mail.</p>"
                            ),
                            table(
                                [
                                    ["Step", "What happens", "When"],
                                    ["Receive", "Record, number and acknowledge", "The same day"],
                                    [
                                        "Review",
                                        "Sort: information, grievance or maladministration",
                                        "1–3 working days",
                                    ],
                                    [
                                        "Act",
                                        "Fix and explain to the complainant",
                                        "Within the unit's standard",
                                    ],
                                    [
                                        "Close",
                                        "Confirm with the complainant, record the lesson",
                                        "Once the complainant has the answer",
                                    ],
                                ],
                                "The complaint-handling flow",
                            ),
                            callout(
                                "tip",
                                "Answer, don't defend",
                                "<p>Start with thanks, acknowledge what went wrong, explain what "
                                "has been fixed and name the person to contact. Complainants who "
                                "get a good answer often become the service's supporters.</p>",
                            ),
                            takeaways(
                                "Remember",
                                [
                                    "Every complaint is recorded and numbered.",
                                    "Complainants have the right to know what was done.",
                                    "Patterns in complaints feed the revision of the standard.",
                                ],
                            ),
                        ],
                    },
                },
                {
                    "slug": {
                        "id": "penilaian-kinerja-dan-skm",
                        "en": "performance-and-satisfaction",
                    },
                    "title": {
                        "id": "Penilaian kinerja dan survei kepuasan masyarakat",
                        "en": "Performance assessment and public-satisfaction surveys",
                    },
                    "minutes": 30,
                    "body": {
                        "id": [
                            quote(
                                "Penyelenggara berkewajiban melakukan penilaian kinerja "
                                "penyelenggaraan pelayanan publik secara berkala.",
                                f"Pasal 38 ayat (1), {LAW}",
                            ),
                            paragraph(
                                "<p>Penilaian kinerja memakai indikator yang berasal dari "
                                "standar pelayanan itu sendiri: apakah waktu penyelesaian "
                                "ditepati, apakah biaya sesuai, apakah pengaduan dijawab. Salah "
                                "satu alatnya adalah Survei Kepuasan Masyarakat (SKM) menurut "
                                "Permenpan RB Nomor 14 Tahun 2017, yang menanyakan sembilan "
                                "unsur.</p>"
                            ),
                            table(
                                [
                                    ["No.", "Unsur SKM"],
                                    ["1", "Persyaratan"],
                                    ["2", "Sistem, mekanisme, dan prosedur"],
                                    ["3", "Waktu penyelesaian"],
                                    ["4", "Biaya/tarif"],
                                    ["5", "Produk spesifikasi jenis pelayanan"],
                                    ["6", "Kompetensi pelaksana"],
                                    ["7", "Perilaku pelaksana"],
                                    ["8", "Penanganan pengaduan, saran, dan masukan"],
                                    ["9", "Sarana dan prasarana"],
                                ],
                                "Sembilan unsur Survei Kepuasan Masyarakat",
                            ),
                            paragraph(
                                "<p>Nilai rata-rata tiap unsur (skala 1–4) dijadikan Indeks "
                                "Kepuasan Masyarakat dan dikonversi ke skala 25–100 dengan mutu "
                                "A sampai D. Angka itu baru bermakna bila diikuti rencana tindak "
                                "lanjut untuk unsur dengan nilai terendah, dan hasilnya "
                                "diumumkan kembali kepada masyarakat.</p>"
                            ),
                            callout(
                                "tip",
                                "Tutup lingkarannya",
                                '<p>Umumkan di ruang tunggu: "Anda mengeluhkan antrean '
                                'panjang; kini kami membuka loket tambahan pada hari Senin." '
                                "Warga yang melihat masukannya dipakai akan mengisi survei "
                                "berikutnya dengan sungguh-sungguh.</p>",
                            ),
                            takeaways(
                                "Yang perlu diingat",
                                [
                                    "Indikator kinerja diturunkan dari standar pelayanan.",
                                    "SKM menanyakan sembilan unsur dan dilakukan berkala.",
                                    "Hasil dan tindak lanjut survei diumumkan kepada masyarakat.",
                                ],
                            ),
                        ],
                        "en": [
                            quote(
                                "Providers must assess the performance of their public-service "
                                "delivery regularly.",
                                f"Article 38(1), {LAW_EN}",
                            ),
                            paragraph(
                                "<p>Performance is assessed with indicators taken from the "
                                "service standard itself: was the time to completion kept, was "
                                "the cost right, were complaints answered. One tool is the "
                                "Public Satisfaction Survey (SKM) under Minister of "
                                "Administrative Reform Regulation No. 14 of 2017, which asks "
                                "about nine elements.</p>"
                            ),
                            table(
                                [
                                    ["No.", "Survey element"],
                                    ["1", "Requirements"],
                                    ["2", "System, mechanism and procedure"],
                                    ["3", "Time to completion"],
                                    ["4", "Cost or fee"],
                                    ["5", "Specification of the service product"],
                                    ["6", "Staff competence"],
                                    ["7", "Staff conduct"],
                                    ["8", "Handling of complaints, suggestions and feedback"],
                                    ["9", "Facilities and infrastructure"],
                                ],
                                "The nine elements of the Public Satisfaction Survey",
                            ),
                            paragraph(
                                "<p>The average score of each element (on a 1–4 scale) makes up "
                                "the Public Satisfaction Index, converted to a 25–100 scale with "
                                "grades A to D. The number only means something when the "
                                "lowest-scoring elements get an action plan, and the results "
                                "are announced back to the public.</p>"
                            ),
                            callout(
                                "tip",
                                "Close the loop",
                                '<p>Announce in the waiting room: "You told us the queue was '
                                'too long; we now open an extra counter on Mondays." Citizens '
                                "who see their feedback used will answer the next survey with "
                                "care.</p>",
                            ),
                            takeaways(
                                "Remember",
                                [
                                    "Performance indicators come from the service standard.",
                                    "The survey asks about nine elements, regularly.",
                                    "Results and follow-up are announced to the public.",
                                ],
                            ),
                        ],
                    },
                },
            ],
        },
    ],
}
