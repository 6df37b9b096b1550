"""
The training endpoints: the public catalogue, batches, enrolments with progress and the
participant import, with the site's object permissions (someone else's object is a 404).
"""

import io
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.demo import AGENCIES
from accounts.models import Agency, User
from tests.factories import ParticipantFactory, TrainerFactory
from training.models import (
    BatchStatus,
    CourseTrainer,
    Enrolment,
    EnrolmentStatus,
    ImportStatus,
    LessonProgress,
    ParticipantImport,
)

from .factories import BatchFactory, EnrolmentFactory, lessons_of
from .page_factories import (
    english,
    make_catalogue,
    make_course,
    make_full_course,
    translate_tree,
)
from .test_import import xlsx

pytestmark = pytest.mark.django_db


def upload(name: str, content: bytes):
    file = io.BytesIO(content)
    file.name = name
    return file


@pytest.fixture
def agencies(db):
    for name, short_name in AGENCIES:
        Agency.objects.get_or_create(name=name, defaults={"short_name": short_name})


# --- Catalogue --------------------------------------------------------------------------


@pytest.fixture
def catalogue():
    return make_catalogue()


def test_catalogue_lists_live_courses_with_outline_and_open_batches(api_client, catalogue):
    course = make_full_course(
        catalogue, title="Standar Pelayanan", jp=Decimal("12"), tags=["standar"], code="SP-01"
    )
    draft = make_course(catalogue, title="Belum terbit")
    draft.unpublish()
    open_batch = BatchFactory(course=course, capacity=30)
    BatchFactory(course=course, status=BatchStatus.DRAFT)
    EnrolmentFactory(batch=open_batch)

    response = api_client.get("/api/v1/courses/")

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    item = data["results"][0]
    assert item["code"] == "SP-01"
    assert item["jp"] == "12.0"
    assert item["language"] == "id"
    assert item["topics"] == ["standar"]
    assert item["url"].startswith("http")
    assert [len(module["lessons"]) for module in item["modules"]] == [2, 2]
    assert [batch["id"] for batch in item["open_batches"]] == [open_batch.pk]
    assert item["open_batches"][0]["places_left"] == 29


def test_catalogue_speaks_the_language_of_accept_language(api_client, catalogue):
    course = make_full_course(catalogue, title="Standar Pelayanan", modules=1)
    translate_tree(course)
    english(course).title = "Service Standards"
    english(course).save_revision().publish()

    indonesian = api_client.get("/api/v1/courses/", HTTP_ACCEPT_LANGUAGE="id").json()
    in_english = api_client.get("/api/v1/courses/", HTTP_ACCEPT_LANGUAGE="en")

    assert [item["language"] for item in indonesian["results"]] == ["id"]
    assert [item["language"] for item in in_english.json()["results"]] == ["en"]
    assert in_english["Content-Language"] == "en"
    # A course is found by id in either language.
    assert (
        api_client.get(f"/api/v1/courses/{course.pk}/", HTTP_ACCEPT_LANGUAGE="en").json()[
            "language"
        ]
        == "id"
    )


def test_catalogue_filters_and_searches(api_client, catalogue):
    make_course(catalogue, title="Standar Pelayanan", level="basic", tags=["standar"])
    make_course(catalogue, title="Desain Layanan", level="advanced", delivery_mode="blended")

    def titles(query):
        response = api_client.get(f"/api/v1/courses/?{query}")
        assert response.status_code == 200
        return [item["title"] for item in response.json()["results"]]

    assert titles("level=advanced") == ["Desain Layanan"]
    assert titles("mode=blended") == ["Desain Layanan"]
    assert titles("topic=standar") == ["Standar Pelayanan"]
    assert titles("search=desain") == ["Desain Layanan"]
    assert api_client.get("/api/v1/courses/?level=expert").status_code == 400
    assert api_client.get("/api/v1/courses/?page=9").status_code == 404


def test_catalogue_query_count_does_not_grow_with_courses(
    api_client, catalogue, django_assert_max_num_queries
):
    def add_course():
        course = make_full_course(catalogue, modules=2, lessons_per_module=2)
        BatchFactory(course=course)

    add_course()
    api_client.get("/api/v1/courses/")  # Warm the site root paths cache.
    with django_assert_max_num_queries(10) as captured:
        assert api_client.get("/api/v1/courses/").status_code == 200
    few = len(captured)
    for _ in range(3):
        add_course()
    api_client.get("/api/v1/courses/")  # new pages forget the cached site and locale
    with django_assert_max_num_queries(few):
        response = api_client.get("/api/v1/courses/")
    assert response.json()["count"] == 4


def test_draft_courses_are_not_found(api_client, catalogue):
    draft = make_course(catalogue)
    draft.unpublish()
    assert api_client.get(f"/api/v1/courses/{draft.pk}/").status_code == 404


# --- Enrolments and progress ------------------------------------------------------------


def test_participant_sees_own_enrolments_with_progress(api_client, bearer, participant):
    enrolment = EnrolmentFactory(participant=participant)
    lessons = lessons_of(enrolment.batch.course)
    for lesson in lessons[:3]:
        LessonProgress.objects.create(
            enrolment=enrolment, lesson=lesson, completed_at=timezone.now()
        )
    EnrolmentFactory()  # someone else's

    response = api_client.get("/api/v1/enrolments/", **bearer(participant))

    assert response.status_code == 200
    [item] = response.json()["results"]
    assert item["id"] == enrolment.pk
    assert item["progress"] == {"done": 3, "total": 6, "percent": 50}
    assert item["participant"]["nip"] == participant.nip
    detail = api_client.get(f"/api/v1/enrolments/{enrolment.pk}/", **bearer(participant)).json()
    assert [lesson["done"] for lesson in detail["lessons"]] == [True] * 3 + [False] * 3


def test_another_participants_enrolment_is_a_404(api_client, bearer, participant):
    other = EnrolmentFactory()
    response = api_client.get(f"/api/v1/enrolments/{other.pk}/", **bearer(participant))
    assert response.status_code == 404


def test_trainer_follows_enrolments_of_their_own_courses_only(api_client, bearer):
    trainer = TrainerFactory()
    own_batch = BatchFactory()
    CourseTrainer.objects.create(course=own_batch.course, trainer=trainer)
    followed = EnrolmentFactory(batch=own_batch)
    elsewhere = EnrolmentFactory()
    mine = EnrolmentFactory(participant=trainer)

    listed = api_client.get("/api/v1/enrolments/", **bearer(trainer)).json()["results"]
    assert {item["id"] for item in listed} == {followed.pk, mine.pk}
    only_mine = api_client.get("/api/v1/enrolments/?mine=true", **bearer(trainer)).json()
    assert [item["id"] for item in only_mine["results"]] == [mine.pk]
    assert (
        api_client.get(f"/api/v1/enrolments/{elsewhere.pk}/", **bearer(trainer)).status_code == 404
    )


def test_enrolment_list_filters_by_status(api_client, bearer, participant):
    EnrolmentFactory(participant=participant)
    done = EnrolmentFactory(participant=participant, status=EnrolmentStatus.COMPLETED)
    response = api_client.get("/api/v1/enrolments/?status=completed", **bearer(participant))
    assert [item["id"] for item in response.json()["results"]] == [done.pk]


def test_enrolment_list_query_count_does_not_grow(
    api_client, participant, django_assert_max_num_queries
):
    api_client.force_authenticate(participant)
    EnrolmentFactory(participant=participant)
    with django_assert_max_num_queries(12) as captured:
        api_client.get("/api/v1/enrolments/")
    few = len(captured)
    for _ in range(3):
        EnrolmentFactory(participant=participant)
    with django_assert_max_num_queries(few):
        assert api_client.get("/api/v1/enrolments/").json()["count"] == 4


# --- Batches ----------------------------------------------------------------------------


def test_batches_follow_the_site_rules(api_client, bearer, participant, administrator):
    trainer = TrainerFactory()
    own = BatchFactory()
    CourseTrainer.objects.create(course=own.course, trainer=trainer)
    other = BatchFactory()

    def ids(user):
        return {
            item["id"]
            for item in api_client.get("/api/v1/batches/", **bearer(user)).json()["results"]
        }

    assert ids(administrator) >= {own.pk, other.pk}
    assert ids(trainer) == {own.pk}
    assert ids(participant) == set()
    assert api_client.get(f"/api/v1/batches/{own.pk}/", **bearer(participant)).status_code == 404


# --- Participant import -----------------------------------------------------------------

GOOD = (
    "198501012010011001",
    "Andi Hasan, S.E.",
    "andi@example.go.id",
    "III/a",
    "Analis",
    "Dinas Sosial",
)
BAD_NIP = ("19850101", "Budi", "budi@example.go.id", "III/a", "Analis", "Dinas Sosial")


def test_administrator_previews_an_import_with_row_errors(
    api_client, bearer, administrator, agencies
):
    batch = BatchFactory()
    response = api_client.post(
        f"/api/v1/batches/{batch.pk}/participant-imports/",
        {"file": upload("peserta.xlsx", xlsx(GOOD, BAD_NIP))},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="en",
        **bearer(administrator),
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == ImportStatus.PREVIEWED
    assert (data["valid_count"], data["error_count"]) == (1, 1)
    assert [row["status"] for row in data["rows"]] == ["new", "error"]
    assert data["rows"][1]["row"] == 3
    assert data["rows"][1]["reasons"]
    assert not Enrolment.objects.filter(batch=batch).exists()

    run = api_client.post(f"/api/v1/participant-imports/{data['id']}/run/", **bearer(administrator))
    assert run.status_code == 200
    assert run.json()["status"] == ImportStatus.IMPORTED
    assert run.json()["enrolled_count"] == 1
    assert User.objects.filter(nip=GOOD[0]).exists()
    again = api_client.post(
        f"/api/v1/participant-imports/{data['id']}/run/", **bearer(administrator)
    )
    assert again.json()["enrolled_count"] == 1
    assert Enrolment.objects.filter(batch=batch).count() == 1


def test_import_with_commit_imports_the_valid_rows_at_once(
    api_client, bearer, administrator, agencies
):
    batch = BatchFactory()
    response = api_client.post(
        f"/api/v1/batches/{batch.pk}/participant-imports/",
        {"file": upload("peserta.xlsx", xlsx(GOOD)), "commit": "true"},
        format="multipart",
        **bearer(administrator),
    )
    assert response.status_code == 201
    assert response.json()["created_count"] == 1
    assert Enrolment.objects.filter(batch=batch, participant__nip=GOOD[0]).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("peserta.pdf", b"%PDF-1.4", "Upload an Excel (.xlsx) or CSV (.csv) file."),
        ("peserta.xlsx", b"not a workbook", "The file could not be read as an Excel workbook"),
        ("peserta.csv", b"Nama;Email\nA;a@b.c\n", "The header row lacks the columns: NIP"),
    ],
)
def test_an_unreadable_file_is_refused_with_a_translated_reason(
    api_client, bearer, administrator, name, content, message
):
    batch = BatchFactory()

    def post(language):
        return api_client.post(
            f"/api/v1/batches/{batch.pk}/participant-imports/",
            {"file": upload(name, content)},
            format="multipart",
            HTTP_ACCEPT_LANGUAGE=language,
            **bearer(administrator),
        )

    response = post("en")
    assert response.status_code == 400
    assert message in response.json()["file"][0]
    indonesian = post("id")
    assert indonesian.status_code == 400
    assert indonesian.json()["file"][0] != response.json()["file"][0]
    assert not ParticipantImport.objects.filter(batch=batch).exists()


def test_only_administrators_import(api_client, bearer, participant):
    trainer = TrainerFactory()
    batch = BatchFactory()
    CourseTrainer.objects.create(course=batch.course, trainer=trainer)
    url = f"/api/v1/batches/{batch.pk}/participant-imports/"
    data = {"file": upload("peserta.xlsx", xlsx(GOOD))}
    # A trainer follows the batch (403); a participant does not even see it (404).
    assert api_client.post(url, data, format="multipart", **bearer(trainer)).status_code == 403
    data = {"file": upload("peserta.xlsx", xlsx(GOOD))}
    assert api_client.post(url, data, format="multipart", **bearer(participant)).status_code == 404
    assert api_client.get("/api/v1/participant-imports/", **bearer(trainer)).json()["count"] == 0


def test_an_import_of_another_batch_is_not_visible_to_a_participant(
    api_client, bearer, administrator, agencies
):
    batch = BatchFactory()
    participant_import = ParticipantImport.objects.create(batch=batch, file_name="x.xlsx")
    someone = ParticipantFactory()
    url = f"/api/v1/participant-imports/{participant_import.pk}/"
    assert api_client.get(url, **bearer(someone)).status_code == 404
    assert api_client.post(url + "run/", **bearer(someone)).status_code == 404
    assert api_client.get(url, **bearer(administrator)).status_code == 200
