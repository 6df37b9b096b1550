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
