# ruff: noqa: E501  (prose and table cells read better unbroken)
"""
Demo course 2: customer-centred public-service design, from the New Zealand partnership.

Written in English by the partner, translated into Indonesian for participants.
"""

from decimal import Decimal

from . import callout, heading, paragraph, quote, table, takeaways

COURSE = {
    "code": "NZ-02",
    "jp": Decimal("16"),
    "level": "intermediate",
    "delivery_language": "id-en",
    "delivery_mode": "daring",
    "partner": {
        "en": "New Zealand public-service partnership",
        "id": "Kemitraan pelayanan publik Selandia Baru",
    },
    "require_all_lessons": True,
    "require_post_test": False,
    "pre_test_first": True,
    "assessments_in_order": True,
    "require_evaluation": False,
    "slug": {"en": "customer-centred-service-design", "id": "desain-layanan-berpusat-pada-warga"},
    "title": {
        "en": "Customer-Centred Public Service Design",
        "id": "Desain Pelayanan Publik yang Berpusat pada Warga",
    },
    "summary": {
        "en": "Design services around the people who use them: learn to listen to citizens, "
        "map their journey across agencies, test small changes before rolling them out, and "
        "measure whether people trust the result. Shared by New Zealand public servants.",
        "id": "Merancang layanan di sekitar orang yang menggunakannya: belajar mendengarkan "
        "warga, memetakan perjalanan mereka lintas instansi, menguji perubahan kecil sebelum "
        "diterapkan, dan mengukur apakah warga memercayai hasilnya. Dibagikan oleh aparatur "
        "pemerintah Selandia Baru.",
    },
    "description": {
        "en": "<p>This online course was prepared with public servants from New Zealand for "
        "the capacity-building programme with Gorontalo Regency. It does not bring a foreign "
        "model to copy. It brings a way of working: start from the person who needs the "
        "service, look at their whole experience, and improve it in small, tested steps.</p>",
        "id": "<p>Pelatihan daring ini disiapkan bersama aparatur pemerintah Selandia Baru "
        "untuk program peningkatan kapasitas dengan Kabupaten Gorontalo. Pelatihan ini tidak "
        "membawa model asing untuk ditiru, melainkan cara kerja: mulai dari orang yang "
        "membutuhkan layanan, lihat pengalamannya secara utuh, dan perbaiki dalam langkah "
        "kecil yang teruji.</p>",
    },
    "objectives": {
        "en": [
            "Plan and run short interviews and observations with service users.",
            "Draw a journey map of a service and find its pain points.",
            "Group services around life events instead of agency boundaries.",
            "Test a prototype of a change with real users before rolling it out.",
            "Choose measures of satisfaction and trust, and act on them.",
        ],
        "id": [
            "Merencanakan dan melakukan wawancara singkat dan pengamatan terhadap pengguna layanan.",
            "Menggambar peta perjalanan layanan dan menemukan titik-titik kesulitannya.",
            "Mengelompokkan layanan menurut peristiwa kehidupan, bukan batas instansi.",
            "Menguji purwarupa perubahan dengan pengguna nyata sebelum diterapkan.",
            "Memilih ukuran kepuasan dan kepercayaan, lalu menindaklanjutinya.",
        ],
    },
    "tags": {
        "en": ["service design", "New Zealand partnership", "citizen experience"],
        "id": ["desain layanan", "kemitraan Selandia Baru", "pengalaman warga"],
    },
    "modules": [
        {
            "slug": {"en": "understanding-people", "id": "memahami-warga"},
            "title": {
                "en": "Understanding the People You Serve",
                "id": "Memahami Warga yang Dilayani",
            },
            "goals": {
                "en": "<ul><li>Explain why services fail when designed from the inside.</li>"
                "<li>Run a short interview and an observation.</li></ul>",
                "id": "<ul><li>Menjelaskan mengapa layanan gagal bila dirancang dari dalam.</li>"
                "<li>Melakukan wawancara singkat dan pengamatan.</li></ul>",
            },
            "lessons": [
                {
                    "slug": {"en": "why-customer-centred", "id": "mengapa-berpusat-pada-warga"},
                    "title": {"en": "Why customer-centred?", "id": "Mengapa berpusat pada warga?"},
                    "minutes": 15,
                    "body": {
                        "en": [
                            paragraph(
                                "<p>Most services are designed from the inside out: the form "
                                "follows the database, the steps follow the organisation chart, "
                                "and the opening hours follow the office. Citizens then carry "
                                "the cost: repeated visits, missing documents, and queues.</p>"
                                "<p>A customer-centred service turns this around. It starts "
                                "from what the person is trying to achieve, such as registering "
                                "a newborn or opening a small shop, and asks what the "
                                "government must do to make that simple.</p>"
                            ),
                            quote(
                                "If you want to know why a service is hard to use, watch "
                                "someone use it. The answer is rarely in the procedure manual.",
                                "A service designer in the New Zealand public service",
                            ),
                            callout(
                                "info",
                                "Customer or citizen?",
                                '<p>"Customer" does not mean that public service is a shop. '
                                "It is a reminder that each person's time and effort count. "
                                "Many people have no other provider to choose from, which "
                                "makes good design more important, not less.</p>",
                            ),
                            takeaways(
                                "Key takeaways",
                                [
                                    "Inside-out design moves the cost onto citizens.",
                                    "Start from what the person is trying to achieve.",
                                    "No choice of provider means a higher duty to design well.",
                                ],
                            ),
                        ],
                        "id": [
                            paragraph(
                                "<p>Sebagian besar layanan dirancang dari dalam ke luar: "
                                "formulir mengikuti basis data, langkah mengikuti bagan "
                                "organisasi, jam buka mengikuti kantor. Warga lalu menanggung "
                                "biayanya: datang berulang kali, dokumen kurang, dan antre.</p>"
                                "<p>Layanan yang berpusat pada warga membalik arah itu. Ia "
                                "mulai dari apa yang ingin dicapai seseorang, misalnya "
                                "mencatatkan kelahiran bayi atau membuka warung, lalu bertanya "
                                "apa yang harus dilakukan pemerintah agar hal itu mudah.</p>"
                            ),
                            quote(
                                "Kalau ingin tahu mengapa sebuah layanan sulit dipakai, amati "
                                "seseorang memakainya. Jawabannya jarang ada di buku prosedur.",
                                "Seorang perancang layanan di pemerintahan Selandia Baru",
                            ),
                            callout(
                                "info",
                                "Pelanggan atau warga?",
                                '<p>"Pelanggan" tidak berarti layanan publik adalah toko. '
                                "Istilah itu mengingatkan bahwa waktu dan tenaga setiap orang "
                                "berharga. Banyak warga tidak punya penyedia lain untuk "
                                "dipilih, sehingga desain yang baik justru makin penting.</p>",
                            ),
                            takeaways(
                                "Poin penting",
                                [
                                    "Desain dari dalam memindahkan biaya kepada warga.",
                                    "Mulailah dari apa yang ingin dicapai warga.",
                                    "Tanpa pilihan penyedia, kewajiban merancang dengan baik makin besar.",
                                ],
                            ),
                        ],
                    },
                },
                {
                    "slug": {"en": "listening-to-citizens", "id": "mendengarkan-warga"},
                    "title": {
                        "en": "Listening to citizens: interviews and observation",
                        "id": "Mendengarkan warga: wawancara dan pengamatan",
                    },
                    "minutes": 25,
                    "body": {
                        "en": [
                            paragraph(
                                "<p>You do not need a large research budget. Five to eight "
                                "short conversations with people who recently used a service "
                                "usually reveal the main problems. Talk to them where they "
                                "are: in the waiting room, at the village office, at the "
                                "market.</p>"
                            ),
                            heading("A twenty-minute interview", "h3"),
                            paragraph(
                                "<ol><li>Explain who you are and that there are no wrong "
                                "answers.</li><li>Ask them to tell the story of their last "
                                "visit, from the moment they knew they needed the service."
                                '</li><li>Ask "what happened next?" rather than "did you '
                                'like it?".</li><li>Note their exact words, feelings and '
                                "workarounds.</li><li>Thank them and tell them how their input "
                                "will be used.</li></ol>"
                            ),
                            callout(
                                "tip",
                                "Observe, then ask",
                                "<p>Sit in the waiting room for an hour. Count how many people "
                                "are sent back for a missing document, and which one. That "
                                "single number often points to the first improvement.</p>",
                            ),
                            callout(
                                "warning",
                                "Consent and privacy",
                                "<p>Ask permission before taking notes or photos, never record "
                                "ID numbers, and store notes without names.</p>",
                            ),
                        ],
                        "id": [
                            paragraph(
                                "<p>Anda tidak memerlukan anggaran riset yang besar. Lima "
                                "sampai delapan percakapan singkat dengan orang yang baru saja "
                                "memakai layanan biasanya sudah memperlihatkan masalah utama. "
                                "Temui mereka di tempatnya: di ruang tunggu, kantor desa, atau "
                                "pasar.</p>"
                            ),
                            heading("Wawancara dua puluh menit", "h3"),
                            paragraph(
                                "<ol><li>Jelaskan siapa Anda dan bahwa tidak ada jawaban yang "
                                "salah.</li><li>Minta mereka menceritakan kunjungan terakhir, "
                                "sejak tahu bahwa mereka membutuhkan layanan itu.</li><li>"
                                'Tanyakan "lalu apa yang terjadi?", bukan "apakah Anda '
                                'puas?".</li><li>Catat kata-kata mereka apa adanya, '
                                "perasaan, dan cara mereka mengakali kesulitan.</li><li>"
                                "Ucapkan terima kasih dan jelaskan bagaimana masukan mereka "
                                "akan dipakai.</li></ol>"
                            ),
                            callout(
                                "tip",
                                "Amati, lalu tanyakan",
                                "<p>Duduklah di ruang tunggu selama satu jam. Hitung berapa "
                                "orang yang disuruh kembali karena dokumen kurang, dan dokumen "
                                "apa. Satu angka itu sering menunjukkan perbaikan pertama.</p>",
                            ),
                            callout(
                                "warning",
                                "Persetujuan dan privasi",
                                "<p>Minta izin sebelum mencatat atau memotret, jangan pernah "
                                "mencatat nomor identitas, dan simpan catatan tanpa nama.</p>",
                            ),
                        ],
                    },
                },
            ],
        },
        {
            "slug": {"en": "mapping-the-journey", "id": "memetakan-perjalanan"},
            "title": {
                "en": "Mapping and Redesigning the Journey",
                "id": "Memetakan dan Merancang Ulang Perjalanan",
            },
            "goals": {
                "en": "<ul><li>Draw a journey map.</li><li>Group services around life "
                "events.</li></ul>",
                "id": "<ul><li>Menggambar peta perjalanan.</li><li>Mengelompokkan layanan "
                "menurut peristiwa kehidupan.</li></ul>",
            },
            "lessons": [
                {
                    "slug": {"en": "journey-maps", "id": "peta-perjalanan"},
                    "title": {"en": "Journey maps", "id": "Peta perjalanan"},
                    "minutes": 25,
                    "body": {
                        "en": [
                            paragraph(
                                "<p>A journey map shows a service as the person lives it, step "
                                "by step, including the parts that happen outside the office: "
                                "finding out what is needed, gathering documents, travelling, "
                                "waiting, and following up.</p>"
                            ),
                            table(
                                [
                                    [
                                        "Stage",
                                        "What the person does",
                                        "What they feel",
                                        "Opportunity",
                                    ],
                                    [
                                        "Find out",
                                        "Asks neighbours which documents are needed",
                                        "Unsure",
                                        "Publish a one-page checklist",
                                    ],
                                    [
                                        "Prepare",
                                        "Travels to the village office for a cover letter",
                                        "Frustrated",
                                        "Accept a signed statement",
                                    ],
                                    [
                                        "Visit",
                                        "Queues, is sent back for a photocopy",
                                        "Angry",
                                        "Copy documents at the counter",
                                    ],
                                    [
                                        "Receive",
                                        "Waits for a phone call that does not come",
                                        "Anxious",
                                        "Send an SMS when ready",
                                    ],
                                ],
                                "Part of a journey map for a birth certificate",
                            ),
                            callout(
                                "tip",
                                "Map with the front line",
                                "<p>Counter staff know the journey better than anyone. Draw the "
                                "first map together on a wall with sticky notes, then check it "
                                "against what citizens told you.</p>",
                            ),
                            takeaways(
                                "Key takeaways",
                                [
                                    "Map the whole journey, not only the office visit.",
                                    "Mark feelings: they show where trust is lost.",
                                    "Each pain point is a possible improvement.",
                                ],
                            ),
                        ],
                        "id": [
                            paragraph(
                                "<p>Peta perjalanan menggambarkan layanan sebagaimana dialami "
                                "warga, langkah demi langkah, termasuk bagian yang terjadi di "
                                "luar kantor: mencari tahu persyaratan, mengumpulkan dokumen, "
                                "bepergian, menunggu, dan menanyakan kelanjutan.</p>"
                            ),
                            table(
                                [
                                    ["Tahap", "Yang dilakukan warga", "Yang dirasakan", "Peluang"],
                                    [
                                        "Mencari tahu",
                                        "Bertanya kepada tetangga dokumen apa yang diperlukan",
                                        "Ragu",
                                        "Terbitkan daftar periksa satu halaman",
                                    ],
                                    [
                                        "Menyiapkan",
                                        "Pergi ke kantor desa untuk surat pengantar",
                                        "Kesal",
                                        "Terima surat pernyataan bertanda tangan",
                                    ],
                                    [
                                        "Berkunjung",
                                        "Antre, lalu disuruh kembali untuk fotokopi",
                                        "Marah",
                                        "Sediakan fotokopi di loket",
                                    ],
                                    [
                                        "Menerima",
                                        "Menunggu telepon yang tak kunjung datang",
                                        "Cemas",
                                        "Kirim SMS saat dokumen siap",
                                    ],
                                ],
                                "Sebagian peta perjalanan akta kelahiran",
                            ),
                            callout(
                                "tip",
                                "Petakan bersama petugas loket",
                                "<p>Petugas loket paling mengenal perjalanan warga. Gambarlah "
                                "peta pertama bersama di dinding dengan kertas tempel, lalu "
                                "cocokkan dengan cerita warga.</p>",
                            ),
                            takeaways(
                                "Poin penting",
                                [
                                    "Petakan seluruh perjalanan, bukan hanya kunjungan ke kantor.",
                                    "Tandai perasaan warga: di situlah kepercayaan hilang.",
                                    "Setiap titik kesulitan adalah peluang perbaikan.",
                                ],
                            ),
                        ],
                    },
                },
                {
                    "slug": {"en": "life-events", "id": "peristiwa-kehidupan"},
                    "title": {
                        "en": "Life events and joined-up services",
                        "id": "Peristiwa kehidupan dan layanan terpadu",
                    },
                    "minutes": 20,
                    "body": {
                        "en": [
                            paragraph(
                                "<p>People do not think in agencies; they think in life events: "
                                "a baby is born, someone starts a business, a family member "
                                "dies. Each event usually touches several agencies, and the "
                                "citizen becomes the messenger between them.</p><p>New "
                                "Zealand's SmartStart brings together what parents need around "
                                "the birth of a child: registering the birth, applying for a "
                                "tax number and support, and finding health services, with the "
                                "agencies sharing information when the parents agree.</p>"
                            ),
                            callout(
                                "info",
                                "The same idea in Indonesia",
                                "<p>Several regions already issue a birth certificate, a "
                                "family card and a child identity card in one visit. Public "
                                "Service Malls put agencies under one roof. A life-event view "
                                "asks the next question: what if the citizen did not need to "
                                "visit at all?</p>",
                            ),
                            takeaways(
                                "Key takeaways",
                                [
                                    "Organise around life events, not agency boundaries.",
                                    "Share information between agencies only with consent.",
                                    "Start with one event that many citizens go through.",
                                ],
                            ),
                        ],
                        "id": [
                            paragraph(
                                "<p>Warga tidak berpikir menurut instansi, melainkan menurut "
                                "peristiwa kehidupan: bayi lahir, seseorang membuka usaha, "
                                "anggota keluarga meninggal. Setiap peristiwa biasanya "
                                "menyentuh beberapa instansi, dan wargalah yang menjadi kurir "
                                "di antara mereka.</p><p>SmartStart di Selandia Baru "
                                "menyatukan apa yang diperlukan orang tua seputar kelahiran "
                                "anak: pencatatan kelahiran, nomor pajak dan bantuan, serta "
                                "layanan kesehatan, dengan instansi berbagi informasi bila "
                                "orang tua menyetujuinya.</p>"
                            ),
                            callout(
                                "info",
                                "Gagasan yang sama di Indonesia",
                                "<p>Sejumlah daerah sudah menerbitkan akta kelahiran, kartu "
                                "keluarga, dan kartu identitas anak dalam satu kunjungan. Mal "
                                "Pelayanan Publik menghimpun instansi di bawah satu atap. "
                                "Sudut pandang peristiwa kehidupan mengajukan pertanyaan "
                                "berikutnya: bagaimana jika warga tidak perlu datang sama "
                                "sekali?</p>",
                            ),
                            takeaways(
                                "Poin penting",
                                [
                                    "Susun layanan menurut peristiwa kehidupan, bukan batas instansi.",
                                    "Berbagi informasi antarinstansi hanya dengan persetujuan warga.",
                                    "Mulailah dari satu peristiwa yang dialami banyak warga.",
                                ],
                            ),
                        ],
                    },
                },
            ],
        },
        {
            "slug": {"en": "testing-and-measuring", "id": "menguji-dan-mengukur"},
            "title": {
                "en": "Testing, Measuring and Improving",
                "id": "Menguji, Mengukur, dan Memperbaiki",
            },
            "goals": {
                "en": "<ul><li>Test a change cheaply.</li><li>Measure satisfaction and "
                "trust.</li></ul>",
                "id": "<ul><li>Menguji perubahan dengan biaya rendah.</li><li>Mengukur "
                "kepuasan dan kepercayaan.</li></ul>",
            },
            "lessons": [
                {
                    "slug": {"en": "prototyping", "id": "purwarupa"},
                    "title": {
                        "en": "Prototype and test with users",
                        "id": "Membuat purwarupa dan menguji bersama pengguna",
                    },
                    "minutes": 20,
                    "body": {
                        "en": [
                            paragraph(
                                "<p>A prototype is a cheap, rough version of a change: a "
                                "redesigned form printed on paper, a new sign taped to the "
                                "wall, a script for the counter. Try it with five real users "
                                "and watch where they hesitate.</p>"
                            ),
                            table(
                                [
                                    ["Round", "What you test", "Cost"],
                                    [
                                        "1",
                                        "Paper form with three citizens in the waiting room",
                                        "One afternoon",
                                    ],
                                    ["2", "Revised form at one counter for a week", "Printing"],
                                    [
                                        "3",
                                        "New form at all counters, with a feedback box",
                                        "Training staff",
                                    ],
                                ],
                                "Three rounds of testing a new form",
                            ),
                            callout(
                                "tip",
                                "Small is safe",
                                "<p>Testing at one counter first lets you fix mistakes before "
                                "they reach everyone, and gives staff a say in the change.</p>",
                            ),
                        ],
                        "id": [
                            paragraph(
                                "<p>Purwarupa adalah versi kasar dan murah dari sebuah "
                                "perubahan: formulir baru yang dicetak di kertas, papan "
                                "petunjuk baru yang ditempel di dinding, naskah percakapan "
                                "untuk loket. Cobalah dengan lima pengguna nyata dan amati di "
                                "mana mereka ragu.</p>"
                            ),
                            table(
                                [
                                    ["Putaran", "Yang diuji", "Biaya"],
                                    [
                                        "1",
                                        "Formulir kertas dengan tiga warga di ruang tunggu",
                                        "Satu sore",
                                    ],
                                    [
                                        "2",
                                        "Formulir perbaikan di satu loket selama seminggu",
                                        "Biaya cetak",
                                    ],
                                    [
                                        "3",
                                        "Formulir baru di semua loket, dengan kotak masukan",
                                        "Pelatihan petugas",
                                    ],
                                ],
                                "Tiga putaran menguji formulir baru",
                            ),
                            callout(
                                "tip",
                                "Mulai kecil itu aman",
                                "<p>Menguji di satu loket lebih dulu memberi kesempatan "
                                "memperbaiki kesalahan sebelum menjangkau semua warga, dan "
                                "memberi petugas suara dalam perubahan.</p>",
                            ),
                        ],
                    },
                },
                {
                    "slug": {
                        "en": "measuring-satisfaction-and-trust",
                        "id": "mengukur-kepuasan-dan-kepercayaan",
                    },
                    "title": {
                        "en": "Measuring satisfaction and trust",
                        "id": "Mengukur kepuasan dan kepercayaan",
                    },
                    "minutes": 20,
                    "body": {
                        "en": [
                            paragraph(
                                "<p>New Zealand's public service has surveyed people's "
                                "experience of public services for many years through Kiwis "
                                "Count, asking both how satisfied people were with a recent "
                                "service and how much they trust the public service. The two "
                                "move together: good everyday experiences build trust.</p>"
                                "<p>Indonesia's Public Satisfaction Survey (SKM) measures nine "
                                "elements of each service. Use it alongside the signals you "
                                "already have: complaint numbers, how often people are sent "
                                "back, and waiting times.</p>"
                            ),
                            callout(
                                "tip",
                                "Measure what you changed",
                                "<p>If you redesigned the form, count the files rejected for "
                                "errors before and after. A specific measure convinces "
                                "colleagues more than a general index.</p>",
                            ),
                            takeaways(
                                "Key takeaways",
                                [
                                    "Satisfaction with services and trust in government move together.",
                                    "Combine surveys with operational signals.",
                                    "Report back what changed because of the feedback.",
                                ],
                            ),
                        ],
                        "id": [
                            paragraph(
                                "<p>Pemerintah Selandia Baru telah lama menyurvei pengalaman "
                                "warga atas layanan publik melalui Kiwis Count, yang "
                                "menanyakan seberapa puas warga dengan layanan yang baru "
                                "dipakai dan seberapa besar mereka memercayai pemerintah. "
                                "Keduanya bergerak bersama: pengalaman sehari-hari yang baik "
                                "membangun kepercayaan.</p><p>Survei Kepuasan Masyarakat (SKM) "
                                "di Indonesia mengukur sembilan unsur setiap layanan. Pakailah "
                                "bersama sinyal yang sudah Anda miliki: jumlah pengaduan, "
                                "seberapa sering warga disuruh kembali, dan lama menunggu.</p>"
                            ),
                            callout(
                                "tip",
                                "Ukur apa yang Anda ubah",
                                "<p>Jika Anda merancang ulang formulir, hitung berkas yang "
                                "ditolak karena salah isi sebelum dan sesudahnya. Ukuran yang "
                                "spesifik lebih meyakinkan rekan kerja daripada indeks umum.</p>",
                            ),
                            takeaways(
                                "Poin penting",
                                [
                                    "Kepuasan atas layanan dan kepercayaan kepada pemerintah bergerak bersama.",
                                    "Padukan survei dengan sinyal operasional.",
                                    "Laporkan kembali apa yang berubah berkat masukan warga.",
                                ],
                            ),
                        ],
                    },
                },
            ],
        },
    ],
}
