"""
A district-scale data set for benchmarks: participants, a course tree, batches, enrolments,
lesson progress and graded pre/post-test attempts, written with bulk inserts.

Nothing here is demo content: the rows exist to measure reports and pages at the size of a
district (10,000 participants, 200 courses, 1,000 batches, 1,000,000 progress rows). Every
row is deterministic for a given size, marked by the ``skala-`` user names and the
``skala`` catalogue, and inserted without model ``save()`` (which would take hours).

Pages are inserted with their treebeard paths computed here: the base ``Page`` rows through
``bulk_create``, then each subclass table's rows. Search-index entries are not written; run
``manage.py update_index`` afterwards when catalogue search matters.
"""

import datetime
import itertools
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from accounts.models import Agency, User
from accounts.roles import PARTICIPANTS, TRAINERS

from .models import (
    Attempt,
    AttemptStatus,
    Batch,
    BatchStatus,
    CourseIndexPage,
    CoursePage,
    CourseTrainer,
    DeliveryMode,
    Enrolment,
    EnrolmentStatus,
    LessonPage,
    LessonProgress,
    ModulePage,
    Quiz,
    QuizKind,
)
from .permissions import sync_course_editors

USERNAME_PREFIX = "skala-"
CATALOGUE_SLUG = "skala"
MODULES_PER_COURSE = 2
LESSONS_PER_MODULE = 5
LESSONS_PER_COURSE = MODULES_PER_COURSE * LESSONS_PER_MODULE
CHUNK = 5000
PASS_MARK = 70

AGENCY_NAMES = [
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "Badan Perencanaan Pembangunan Daerah",
    "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Badan Pendapatan Daerah",
    "Badan Penanggulangan Bencana Daerah",
    "Dinas Pendidikan dan Kebudayaan",
    "Dinas Kesehatan",
    "Dinas Sosial",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perhubungan",
    "Dinas Komunikasi, Informatika dan Persandian",
    "Dinas Pertanian",
    "Dinas Perikanan",
    "Dinas Lingkungan Hidup",
    "Dinas Perindustrian dan Perdagangan",
    "Dinas Koperasi dan UKM",
    "Dinas Tenaga Kerja dan Transmigrasi",
    "Dinas Pemberdayaan Masyarakat dan Desa",
    "Dinas Pariwisata",
    "Dinas Pemuda dan Olahraga",
    "Dinas Perpustakaan dan Kearsipan",
    "Dinas Perumahan dan Kawasan Permukiman",
    "Satuan Polisi Pamong Praja",
    "Inspektorat Daerah",
    "Sekretariat Daerah",
    "Sekretariat DPRD",
    "Rumah Sakit Umum Daerah MM Dunda Limboto",
    "Kecamatan Limboto",
    "Kecamatan Telaga",
    "Kecamatan Tibawa",
    "Kecamatan Batudaa",
    "Kecamatan Bongomeme",
    "Kecamatan Tilango",
]
FIRST_NAMES = [
    "Siti", "Nurhayati", "Rahmawati", "Fitriani", "Sri", "Dewi", "Yusuf", "Ahmad", "Rizky",
    "Andi", "Hasan", "Ismail", "Moh.", "Ratna", "Wahyuni", "Irfan", "Sofyan", "Nurain",
    "Hartati", "Agus", "Budi", "Fadli", "Ikbal", "Salma", "Yolanda", "Riswan", "Arifin",
]  # fmt: skip
LAST_NAMES = [
    "Abdullah", "Hasiru", "Mohamad", "Lamato", "Pakaya", "Dai", "Gobel", "Uno", "Katili",
    "Nusi", "Panigoro", "Tangahu", "Hulopi", "Mahmud", "Yunus", "Bakari", "Lahay", "Podungge",
    "Ibrahim", "Daud", "Suleman", "Tuli", "Akase", "Rahim",
]  # fmt: skip
POSITIONS = [
    "Analis Kebijakan Ahli Pertama", "Pranata Komputer Ahli Pertama", "Penata Laksana Barang",
    "Analis Sumber Daya Manusia Aparatur", "Perawat Ahli Pertama", "Guru Ahli Pertama",
    "Pengadministrasi Perkantoran", "Pengelola Layanan Operasional", "Arsiparis Terampil",
]  # fmt: skip
RANKS = ["II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a"]
TOPICS = [
    "Standar Pelayanan Publik", "Maklumat Pelayanan", "Pengelolaan Pengaduan",
    "Survei Kepuasan Masyarakat", "Pelayanan Prima", "Inovasi Pelayanan Publik",
    "Sistem Informasi Pelayanan Publik", "Penilaian Kinerja Pelayanan", "Etika Pelayanan",
    "Pelayanan Ramah Disabilitas", "Mal Pelayanan Publik", "Budaya Kerja ASN BerAKHLAK",
]  # fmt: skip
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@dataclass
class ScaleSummary:
    """What the generator made, for the command's report and the certificates step."""

    participants: int = 0
    trainers: int = 0
    courses: int = 0
    pages: int = 0
    batches: int = 0
    enrolments: int = 0
    completed_enrolments: int = 0
    progress_rows: int = 0
    attempts: int = 0


def scale_data_exists() -> bool:
    return User.objects.filter(username__startswith=USERNAME_PREFIX).exists()


def participant_nip(index: int) -> str:
    """
    A valid, unique NIP for the ``index``-th generated participant.

    The serial is derived from ``index % 999`` and the birth date shifts by one day per block
    of 999, so (birth date, serial) never repeats.
    """
    serial = index % 999 + 1
    birth = datetime.date(1966, 1, 1) + datetime.timedelta(days=index // 999 + (serial * 13) % 9000)
    appointment_year = min(birth.year + 22 + index % 8, 2024)
    appointment_month = index % 12 + 1
    sex = 1 + index % 2
    return f"{birth:%Y%m%d}{appointment_year}{appointment_month:02d}{sex}{serial:03d}"


def _insert(model, objects, *, raw=True):
    """
    Plain INSERTs in chunks. ``raw`` keeps the values given for ``auto_now`` fields (dates
    in the past), which ``bulk_create`` would overwrite with the present moment.
    """
    fields = [f for f in model._meta.local_concrete_fields if not f.primary_key]
    for start in range(0, len(objects), CHUNK):
        model._base_manager._insert(objects[start : start + CHUNK], fields=fields, raw=raw)


def _copy_rows(model, columns, rows):
    """COPY on PostgreSQL (an order of magnitude faster for a million rows), else INSERTs."""
    if connection.vendor == "postgresql":
        table = model._meta.db_table
        with connection.cursor() as cursor:
            raw_cursor = cursor.cursor
            with raw_cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    buffer = []
    for row in rows:
        buffer.append(model(**dict(zip(columns, row, strict=True))))
        if len(buffer) >= CHUNK:
            _insert(model, buffer)
            buffer = []
    if buffer:
        _insert(model, buffer)


def _create_users(count: int, *, kind: str, agencies, password: str, start: int = 0):
    rng = random.Random(f"{kind}-{count}")
    users = []
    for index in range(start, start + count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        users.append(
            User(
                username=f"{USERNAME_PREFIX}{kind}{index:06d}",
                password=password,
                first_name=first,
                last_name=last,
                full_name=f"{first} {last}",
                email="",
                nip=participant_nip(index) if kind == "" else None,
                rank=rng.choice(RANKS),
                position=rng.choice(POSITIONS),
                # Skewed: a few large agencies (schools, health) hold most participants.
                agency=agencies[min(int(rng.expovariate(0.12)), len(agencies) - 1)],
            )
        )
    # Both PostgreSQL and SQLite ≥ 3.35 return the new primary keys.
    return [user.pk for user in User.objects.bulk_create(users, batch_size=2000)]


def _add_to_group(user_ids, group_name):
    group = Group.objects.get(name=group_name)
    through = User.groups.through
    through.objects.bulk_create(
        [through(user_id=user_id, group_id=group.pk) for user_id in user_ids], batch_size=CHUNK
    )


def _bulk_create_pages(pages):
    """Insert pages of one class: base ``Page`` rows first, then the subclass table's rows."""
    model = type(pages[0])
    base_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
    bases = [Page(**{f.attname: getattr(p, f.attname) for f in base_fields}) for p in pages]
    Page.objects.bulk_create(bases, batch_size=1000)
    for page, base in zip(pages, bases, strict=True):
        page.pk = base.pk
        page.page_ptr_id = base.pk
    model._base_manager._insert(pages, fields=model._meta.local_concrete_fields)
    return pages


def _page(model, *, parent, position, title, slug, now, numchild, **fields):
    return model(
        title=title,
        draft_title=title,
        slug=slug,
        path=Page._get_path(parent.path, parent.depth + 1, position),
        depth=parent.depth + 1,
        numchild=numchild,
        url_path=f"{parent.url_path}{slug}/",
        locale_id=parent.locale_id,
        content_type=ContentType.objects.get_for_model(model),
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        **fields,
    )


def _build_course_tree(course_count, now):
    """A catalogue with ``course_count`` courses of 2 modules × 5 lessons, in a few INSERTs."""
    home = Site.objects.get(is_default_site=True).root_page
    catalogue = CourseIndexPage(
        title="Katalog Skala Kabupaten",
        slug=CATALOGUE_SLUG,
        introduction="Data uji skala kabupaten untuk mengukur kecepatan laporan.",
    )
    home.add_child(instance=catalogue)
    catalogue.refresh_from_db()
    rng = random.Random(course_count)
    courses = []
    for index in range(course_count):
        topic = TOPICS[index % len(TOPICS)]
        courses.append(
            _page(
                CoursePage,
                parent=catalogue,
                position=index + 1,
                title=f"{topic} {index + 1:03d}",
                slug=f"kursus-{index + 1:03d}",
                now=now,
                numchild=MODULES_PER_COURSE,
                code=f"SK-{index + 1:03d}",
                summary=f"Pelatihan {topic.lower()} bagi ASN Kabupaten Gorontalo.",
                description="",
                learning_objectives=[("objective", f"Memahami {topic.lower()}.")],
                jp=Decimal(rng.choice([4, 6, 8, 10, 12, 16, 20, 24, 32])),
                delivery_mode=rng.choice(DeliveryMode.values),
                partner="Kemitraan Selandia Baru" if index % 5 == 0 else "",
            )
        )
    _bulk_create_pages(courses)
    Page.objects.filter(pk=catalogue.pk).update(numchild=course_count)
    modules = [
        _page(
            ModulePage,
            parent=course,
            position=number + 1,
            title=f"Modul {number + 1}",
            slug=f"modul-{number + 1}",
            now=now,
            numchild=LESSONS_PER_MODULE,
            goals="Peserta mampu menerapkan materi modul.",
        )
        for course in courses
        for number in range(MODULES_PER_COURSE)
    ]
    _bulk_create_pages(modules)
    body = [("paragraph", RichText("<p>Materi pelajaran untuk pengukuran skala.</p>"))]
    lessons = [
        _page(
            LessonPage,
            parent=module,
            position=number + 1,
            title=f"Pelajaran {number + 1}",
            slug=f"pelajaran-{number + 1}",
            now=now,
            numchild=0,
            body=body,
            estimated_minutes=15 + 5 * (number % 4),
        )
        for module in modules
        for number in range(LESSONS_PER_MODULE)
    ]
    _bulk_create_pages(lessons)
    lessons_by_course = {
        course.pk: [
            lesson.pk
            for lesson in lessons[index * LESSONS_PER_COURSE : (index + 1) * LESSONS_PER_COURSE]
        ]
        for index, course in enumerate(courses)
    }
    return courses, lessons_by_course, 1 + len(courses) + len(modules) + len(lessons)


def _aware(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _build_batches(courses, batch_count, today):
    """Batches spread over the last three years, the current one included."""
    rng = random.Random(batch_count)
    first_day = datetime.date(today.year - 2, 1, 15)
    span = (today - first_day).days + 60
    locale = Locale.get_default()  # bulk inserts skip the signal that sets it
    batches = []
    per_course = itertools.count()
    for index in range(batch_count):
        course = courses[index % len(courses)]
        starts_on = first_day + datetime.timedelta(days=rng.randrange(span))
        ends_on = starts_on + datetime.timedelta(days=rng.choice([3, 5, 10, 14, 30]))
        if ends_on < today:
            status = BatchStatus.FINISHED
        elif starts_on <= today:
            status = BatchStatus.RUNNING
        else:
            status = BatchStatus.OPEN
        batches.append(
            Batch(
                course=course,
                name=f"Angkatan {ROMAN[next(per_course) % 12]} {starts_on.year} #{index + 1}",
                starts_on=starts_on,
                ends_on=ends_on,
                mode=course.delivery_mode,
                location="Limboto" if course.delivery_mode != DeliveryMode.ONLINE else "",
                status=status,
                capacity=None,
                created_at=_aware(starts_on) - datetime.timedelta(days=30),
                locale=locale,
            )
        )
    _insert(Batch, batches)
    return list(
        Batch.objects.filter(course__in=[c.pk for c in courses])
        .order_by("pk")
        .values_list("pk", "course_id", "starts_on", "ends_on", "status")
    )


def _build_enrolments(batches, participant_ids, enrolment_count):
    """
    ``enrolment_count`` enrolments spread evenly over the batches; a batch takes consecutive
    participants from a moving offset, so no one is enrolled twice in one batch.
    """
    rng = random.Random(enrolment_count)
    per_batch, extra = divmod(enrolment_count, len(batches))
    enrolments = []
    cursor = 0
    for index, (batch_id, _course_id, starts_on, ends_on, status) in enumerate(batches):
        size = per_batch + (1 if index < extra else 0)
        for offset in range(size):
            participant_id = participant_ids[(cursor + offset) % len(participant_ids)]
            if status == BatchStatus.FINISHED:
                roll = rng.random()
                state = (
                    EnrolmentStatus.COMPLETED
                    if roll < 0.8
                    else EnrolmentStatus.WITHDRAWN
                    if roll < 0.85
                    else EnrolmentStatus.ACTIVE
                )
            elif status == BatchStatus.RUNNING:
                state = EnrolmentStatus.COMPLETED if rng.random() < 0.2 else EnrolmentStatus.ACTIVE
            else:
                state = EnrolmentStatus.ACTIVE if rng.random() < 0.9 else EnrolmentStatus.PENDING
            enrolled_at = _aware(starts_on) - datetime.timedelta(days=rng.randrange(1, 20))
            enrolments.append(
                Enrolment(
                    batch_id=batch_id,
                    participant_id=participant_id,
                    status=state,
                    enrolled_at=enrolled_at,
                    completed_at=(
                        _aware(ends_on, 15) if state == EnrolmentStatus.COMPLETED else None
                    ),
                    withdrawn_at=(
                        _aware(starts_on, 12) if state == EnrolmentStatus.WITHDRAWN else None
                    ),
                )
            )
        cursor += size
    _insert(Enrolment, enrolments)
    return list(
        Enrolment.objects.filter(batch_id__in=[b[0] for b in batches])
        .order_by("pk")
        .values_list("pk", "batch_id", "status", "enrolled_at", "completed_at")
    )


def _progress_rows(enrolments, batches, lessons_by_course, row_count, now):
    """Rows up to ``row_count``: every lesson of a completed enrolment, some of the others."""
    rng = random.Random(row_count)
    course_of = {b[0]: b[1] for b in batches}
    made = 0
    for enrolment_id, batch_id, status, enrolled_at, completed_at in enrolments:
        if made >= row_count:
            return
        lessons = lessons_by_course[course_of[batch_id]][: row_count - made]
        done = (
            len(lessons)
            if status == EnrolmentStatus.COMPLETED
            else rng.randrange(0, len(lessons) + 1)
        )
        finish = completed_at or min(now, enrolled_at + datetime.timedelta(days=20))
        step = (finish - enrolled_at) / (len(lessons) + 1)
        for position, lesson_id in enumerate(lessons):
            opened = enrolled_at + step * (position + 1)
            yield (
                enrolment_id,
                lesson_id,
                opened,
                opened + datetime.timedelta(minutes=20),
                opened + datetime.timedelta(minutes=20) if position < done else None,
            )
            made += 1


def _build_quizzes(courses):
    # Bulk inserts skip the signal that gives a new row the default locale.
    locale = Locale.get_default()
    quizzes = []
    for course in courses:
        for kind, title in ((QuizKind.PRE_TEST, "Pre-test"), (QuizKind.POST_TEST, "Post-test")):
            quizzes.append(
                Quiz(course_id=course.pk, kind=kind, title=f"{title} {course.code}",
                     pass_mark=PASS_MARK, attempt_limit=3, locale=locale)
            )  # fmt: skip
    Quiz.objects.bulk_create(quizzes)
    return {
        (quiz.course_id, quiz.kind): quiz.pk
        for quiz in Quiz.objects.filter(course__in=[c.pk for c in courses])
    }


def _attempts(enrolments, batches, quizzes, attempt_count):
    """A graded pre-test and post-test per enrolment, until ``attempt_count`` are made."""
    rng = random.Random(attempt_count)
    batch_of = {b[0]: b for b in batches}
    attempts = []
    for enrolment_id, batch_id, status, _enrolled_at, _completed_at in enrolments:
        if len(attempts) >= attempt_count or status == EnrolmentStatus.PENDING:
            continue
        _pk, course_id, starts_on, ends_on, _status = batch_of[batch_id]
        pre = Decimal(rng.randrange(20, 75))
        post = min(Decimal(100), pre + Decimal(rng.randrange(0, 45)))
        sittings = [(QuizKind.PRE_TEST, pre, _aware(starts_on, 8))]
        if status == EnrolmentStatus.COMPLETED or rng.random() < 0.5:
            sittings.append((QuizKind.POST_TEST, post, _aware(ends_on, 10)))
        for kind, percentage, started_at in sittings[: attempt_count - len(attempts)]:
            attempts.append(
                Attempt(
                    enrolment_id=enrolment_id,
                    quiz_id=quizzes[(course_id, kind)],
                    number=1,
                    status=AttemptStatus.GRADED,
                    started_at=started_at,
                    submitted_at=started_at + datetime.timedelta(minutes=25),
                    snapshot={},
                    score=percentage / 10,
                    max_score=Decimal(10),
                    percentage=percentage,
                    passed=percentage >= PASS_MARK,
                )
            )
    _insert(Attempt, attempts)
    return len(attempts)


def _assign_trainers(courses, trainer_ids):
    rows = []
    for index, course in enumerate(courses):
        for number in range(1 + index % 2):
            rows.append(
                CourseTrainer(
                    course_id=course.pk,
                    trainer_id=trainer_ids[(index + number * 7) % len(trainer_ids)],
                    role="Widyaiswara" if number == 0 else "Narasumber",
                    sort_order=number,
                )
            )
    CourseTrainer.objects.bulk_create(rows)
    for course in courses:
        sync_course_editors(translation_key=course.translation_key)


def generate_training_data(
    *,
    participants: int,
    courses: int,
    batches: int,
    progress_rows: int,
    attempts: int,
    log=lambda message: None,
) -> ScaleSummary:
    """
    Build the data set in one transaction. Enrolments follow from the progress rows: each
    holds one row per lesson of its course (10), so ``progress_rows / 10`` enrolments.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    enrolment_count = -(-progress_rows // LESSONS_PER_COURSE)
    if enrolment_count and enrolment_count / batches > participants:
        raise ValueError(
            f"{enrolment_count} enrolments over {batches} batches need at least "
            f"{-(-enrolment_count // batches)} participants."
        )
    summary = ScaleSummary()
    with transaction.atomic():
        agencies = [
            Agency.objects.get_or_create(name=name)[0]
            for name in AGENCY_NAMES[: max(5, min(len(AGENCY_NAMES), participants // 100))]
        ]
        # One shared unusable password: generated people never sign in.
        participant_ids = _create_users(participants, kind="", agencies=agencies, password="!scale")
        trainer_ids = _create_users(
            max(2, courses // 4), kind="fasilitator-", agencies=agencies, password="!scale"
        )
        _add_to_group(participant_ids, PARTICIPANTS)
        _add_to_group(trainer_ids, TRAINERS)
        summary.participants, summary.trainers = len(participant_ids), len(trainer_ids)
        log(f"Users: {len(participant_ids)} participants, {len(trainer_ids)} trainers")

        course_pages, lessons_by_course, summary.pages = _build_course_tree(courses, now)
        summary.courses = len(course_pages)
        _assign_trainers(course_pages, trainer_ids)
        log(f"Pages: {summary.pages} (catalogue, courses, modules, lessons)")

        batch_rows = _build_batches(course_pages, batches, today)
        summary.batches = len(batch_rows)
        enrolments = _build_enrolments(batch_rows, participant_ids, enrolment_count)
        summary.enrolments = len(enrolments)
        summary.completed_enrolments = sum(
            1 for e in enrolments if e[2] == EnrolmentStatus.COMPLETED
        )
        log(f"Batches: {summary.batches}; enrolments: {summary.enrolments}")

        _copy_rows(
            LessonProgress,
            ["enrolment_id", "lesson_id", "first_opened_at", "last_opened_at", "completed_at"],
            _progress_rows(enrolments, batch_rows, lessons_by_course, progress_rows, now),
        )
        summary.progress_rows = LessonProgress.objects.filter(
            lesson__in=[pk for pks in lessons_by_course.values() for pk in pks]
        ).count()
        log(f"Lesson progress rows: {summary.progress_rows}")

        quizzes = _build_quizzes(course_pages)
        summary.attempts = _attempts(enrolments, batch_rows, quizzes, attempts)
        log(f"Attempts: {summary.attempts}")
    return summary
