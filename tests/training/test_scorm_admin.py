"""Uploading SCORM packages in the Wagtail admin and choosing one on a lesson."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tests.factories import prefers_english
from tests.training.factories import lessons_of, make_course
from tests.training.scorm_factories import SCORM_DATA, import_shared
from training.models import LessonPage, ScormPackage

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_training_scormpackage:add"


def _upload(file_name):
    return SimpleUploadedFile(
        file_name, (SCORM_DATA / file_name).read_bytes(), content_type="application/zip"
    )


def test_a_trainer_uploads_a_package_and_its_manifest_fills_the_title(client, trainer):
    client.force_login(trainer)
    response = client.post(
        reverse(ADD), {"title": "", "package": _upload("RuntimeMinimumCalls_SCORM12.zip")}
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    package = ScormPackage.objects.get()
    assert package.title == "Golf Explained - Minimum Run-time Calls"
    assert package.uploaded_by == trainer
    assert len(package.launchable_items) == 18


@pytest.mark.parametrize(
    ("file_name", "english"),
    [
        ("invalid_no_manifest.zip", "has no imsmanifest.xml"),
        ("invalid_manifest_in_subfolder.zip", "must be at the root"),
        ("invalid_not_a_zip.zip", "not a ZIP archive"),
    ],
)
def test_a_bad_package_is_refused_on_the_form_with_its_reason(
    client, administrator, file_name, english
):
    client.force_login(prefers_english(administrator))
    with translation.override("en"):
        response = client.post(
            reverse(ADD), {"title": "Bad", "package": _upload(file_name)}, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 200
    assert english in response.content.decode()
    assert not ScormPackage.objects.exists()


def test_a_package_chosen_on_a_lesson_in_the_admin_is_published_with_it(client, administrator):
    package = import_shared("singlescobasic.zip")
    lesson = lessons_of(make_course(modules=1, lessons=1))[0]
    client.force_login(administrator)
    edit = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    form = client.get(edit).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | dict)
    }
    data.update(
        {
            "title": lesson.title,
            "slug": lesson.slug,
            "estimated_minutes": 10,
            "is_required": "on",
            "scorm_package": package.pk,
            "body-count": 0,
            "action-publish": "publish",
        }
    )
    response = client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert LessonPage.objects.get(pk=lesson.pk).scorm_package == package


# --- Scope: a trainer's packages are those they uploaded and those their lessons play -----


def _package(title, *, uploaded_by=None, lesson=None):
    import io

    from tests.training.scorm_factories import minimal_package
    from training.services import attach_scorm_package, import_scorm_package

    package = import_scorm_package(
        file=io.BytesIO(minimal_package(**{"title.txt": title})),
        file_name=f"{title}.zip",
        title=title,
        uploaded_by=uploaded_by,
    )
    if lesson is not None:
        attach_scorm_package(lesson=lesson, package=package)
    return package


@pytest.fixture
def packages(administrator):
    """Two trainers' courses and packages: ``own``, ``own_course``'s and ``others``."""
    from tests.factories import TrainerFactory
    from training.models import CourseTrainer

    trainer, other_trainer = TrainerFactory(), TrainerFactory()
    own_course, other_course = make_course(modules=1, lessons=2), make_course(modules=1, lessons=1)
    CourseTrainer.objects.create(course=own_course, trainer=trainer)
    CourseTrainer.objects.create(course=other_course, trainer=other_trainer)
    return {
        "trainer": trainer,
        "own_lesson": lessons_of(own_course)[1],
        # Uploaded by the trainer, not used yet; uploaded by an administrator for the
        # trainer's lesson; another trainer's, played by that trainer's lesson.
        "own": _package("Paket Unggahan Sendiri", uploaded_by=trainer),
        "course": _package("Paket Kursus Sendiri", lesson=lessons_of(own_course)[0]),
        "others": _package(
            "Paket Pelatih Lain", uploaded_by=other_trainer, lesson=lessons_of(other_course)[0]
        ),
    }


def _titles(response):
    html = response.content.decode()
    return {
        t
        for t in ("Paket Unggahan Sendiri", "Paket Kursus Sendiri", "Paket Pelatih Lain")
        if t in html
    }


def test_a_trainer_lists_only_the_packages_they_uploaded_or_their_lessons_play(
    client, administrator, packages
):
    client.force_login(packages["trainer"])
    assert _titles(client.get(reverse("wagtailsnippets_training_scormpackage:list"))) == {
        "Paket Unggahan Sendiri",
        "Paket Kursus Sendiri",
    }

    client.force_login(administrator)
    assert len(_titles(client.get(reverse("wagtailsnippets_training_scormpackage:list")))) == 3


@pytest.mark.parametrize("screen", ["edit", "usage", "history", "copy"])
def test_another_trainers_package_is_a_404_on_every_screen(client, packages, screen):
    client.force_login(packages["trainer"])
    name = f"wagtailsnippets_training_scormpackage:{screen}"

    assert client.get(reverse(name, args=[packages["others"].pk])).status_code == 404
    assert client.get(reverse(name, args=[packages["course"].pk])).status_code == 200


def test_a_trainer_cannot_rename_another_trainers_package(client, packages):
    client.force_login(packages["trainer"])
    edit = reverse("wagtailsnippets_training_scormpackage:edit", args=[packages["others"].pk])

    response = client.post(edit, {"title": "Diambil alih"})

    assert response.status_code == 404
    packages["others"].refresh_from_db()
    assert packages["others"].title == "Paket Pelatih Lain"


def test_the_lessons_scorm_chooser_offers_only_the_trainers_packages(client, packages):
    client.force_login(packages["trainer"])
    chooser = "wagtailsnippetchoosers_training_scormpackage"

    assert _titles(client.get(reverse(f"{chooser}:choose"))) == {
        "Paket Unggahan Sendiri",
        "Paket Kursus Sendiri",
    }
    assert _titles(client.get(reverse(f"{chooser}:choose_results"), {"q": "Paket"})) == {
        "Paket Unggahan Sendiri",
        "Paket Kursus Sendiri",
    }
    assert client.get(reverse(f"{chooser}:chosen", args=[packages["others"].pk])).status_code == 404


def test_a_lesson_cannot_be_given_another_trainers_package(client, packages):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    lesson = packages["own_lesson"]
    client.force_login(packages["trainer"])
    edit = reverse("wagtailadmin_pages:edit", args=[lesson.pk])

    def save_with(package):
        return client.post(
            edit,
            nested_form_data(
                {
                    "title": lesson.title,
                    "slug": lesson.slug,
                    "estimated_minutes": 10,
                    "is_required": "on",
                    "scorm_package": package.pk,
                    "body": streamfield([("paragraph", rich_text("<p>Isi.</p>"))]),
                }
            ),
        )

    refused = save_with(packages["others"])
    accepted = save_with(packages["own"])

    assert refused.status_code == 200
    assert "scorm_package" in refused.context["form"].errors
    assert accepted.status_code == 302
    lesson.refresh_from_db()
    assert lesson.get_latest_revision_as_object().scorm_package == packages["own"]


def test_a_trainer_uploading_a_zip_another_trainer_uploaded_may_choose_that_package(client):
    from tests.factories import TrainerFactory

    first, second = TrainerFactory(), TrainerFactory()
    for trainer in (first, second):
        client.force_login(trainer)
        response = client.post(
            reverse(ADD), {"title": "", "package": _upload("singlescobasic.zip")}
        )
        assert response.status_code == 302, response.content.decode()[-2000:]
    package = ScormPackage.objects.get()
    chooser = "wagtailsnippetchoosers_training_scormpackage"

    # The import returned the package the first upload made; the second trainer holds the
    # same file, so the chooser offers it to them too.
    assert package.uploaded_by == first
    assert client.get(reverse(f"{chooser}:chosen", args=[package.pk])).status_code == 200
    assert package.title in client.get(reverse(f"{chooser}:choose")).content.decode()


def test_scorm_packages_are_in_the_training_menu_not_under_snippets(rf, administrator):
    from wagtail.admin.menu import admin_menu

    request = rf.get("/admin/")
    request.user = administrator
    items = {item.name: item for item in admin_menu.menu_items_for_request(request)}
    training = [item.url for item in items["training"].menu.menu_items_for_request(request)]
    snippets = items.get("snippets")
    listing = reverse("wagtailsnippets_training_scormpackage:list")

    assert listing in training
    assert snippets is None or listing not in [
        item.url for item in snippets.menu.menu_items_for_request(request)
    ]


def test_a_package_is_uploaded_from_the_lessons_chooser(client, trainer):
    chooser = "wagtailsnippetchoosers_training_scormpackage"
    client.force_login(trainer)

    choose = client.get(reverse(f"{chooser}:choose")).json()["html"]
    response = client.post(
        reverse(f"{chooser}:create"), {"title": "", "package": _upload("singlescobasic.zip")}
    )

    assert 'enctype="multipart/form-data"' in choose and 'name="package"' in choose
    assert response.status_code == 200
    package = ScormPackage.objects.get()
    assert response.json()["step"] == "chosen"
    assert response.json()["result"]["id"] == str(package.pk)
    assert package.uploaded_by == trainer


def test_uploading_a_zip_already_imported_says_so_instead_of_created(client, trainer):
    client.force_login(prefers_english(trainer))
    client.post(reverse(ADD), {"title": "", "package": _upload("singlescobasic.zip")}, follow=True)

    response = client.post(
        reverse(ADD), {"title": "", "package": _upload("singlescobasic.zip")}, follow=True
    )

    messages = [str(message) for message in response.context["messages"]]
    assert ScormPackage.objects.count() == 1
    assert any("already imported" in message for message in messages), messages
    assert not any("created" in message for message in messages), messages
