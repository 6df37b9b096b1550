"""
Every admin list of our apps, as administrators and trainers see it, while records pile up.

The screens are discovered, not listed: each admin menu item (main, settings and reports
menus, with their submenus) that leads to a screen of our apps, and the index of each
viewset of our apps (models, snippets, choosers). Each is requested by a superuser, an
administrator and a trainer after each action that adds rows to some of them: nothing yet,
one record of each kind, a batch of certificates issued, a certificate revoked, a
participant list imported. A screen answers, refuses or redirects; it never fails.

Each list and inspect page is also read for raw values: ``None``, ``True``/``False`` or a
figure such as "16.0 JP" never reaches a page.
"""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone

from tests.factories import AdministratorFactory, AgencyFactory, TrainerFactory, UserFactory

pytestmark = pytest.mark.django_db

OUR_APPS = ("accounts", "cms", "training", "certificates", "operations")
ANSWERED = {200, 302, 403}


def _is_ours(module_name: str) -> bool:
    return module_name.split(".")[0] in OUR_APPS


def _our_viewsets():
    from django.urls import get_resolver
    from wagtail.admin.viewsets import viewsets

    get_resolver().url_patterns  # noqa: B018 (registers the viewsets' URLs)
    return [viewset for viewset in viewsets.viewsets if _is_ours(type(viewset).__module__)]


def _our_namespaces() -> set[str]:
    return {viewset.url_namespace for viewset in _our_viewsets()}


def _is_our_screen(url: str) -> bool:
    try:
        match = resolve(url.split("?")[0])
    except Resolver404:
        return False
    view = getattr(match.func, "view_class", match.func)
    return _is_ours(view.__module__) or match.namespace.split(":")[0] in _our_namespaces()


def _menu_urls(user) -> set[str]:
    """The address of every menu item (submenus included) that ``user`` is shown."""
    from wagtail.admin.menu import admin_menu

    request = RequestFactory().get("/admin/")
    request.user = user
    urls = set()

    def walk(items):
        for item in items:
            if getattr(item, "menu", None) is not None:
                walk(item.menu.menu_items_for_request(request))
            elif getattr(item, "url", None):
                urls.add(item.url)

    # The settings and reports menus are submenus of the main one.
    walk(admin_menu.menu_items_for_request(request))
    return {url for url in urls if _is_our_screen(url)}


def _viewset_index_urls() -> set[str]:
    urls = set()
    for viewset in _our_viewsets():
        for name in ("index", "choose"):
            try:
                urls.add(reverse(viewset.get_url_name(name)))
            except (NoReverseMatch, AttributeError):
                continue
    return urls


def _inspect_urls() -> set[str]:
    """The inspect page of each record of each of our model viewsets that has one."""
    urls = set()
    for viewset in _our_viewsets():
        model = getattr(viewset, "model", None)
        if model is None or not getattr(viewset, "inspect_view_enabled", False):
            continue
        for pk in model._default_manager.values_list("pk", flat=True):
            try:
                urls.add(reverse(viewset.get_url_name("inspect"), args=[pk]))
            except NoReverseMatch:
                continue
    return urls


class Staff:
    """The three kinds of staff member who open the admin."""

    def __init__(self):
        self.superuser = UserFactory(username="akar", is_superuser=True, is_staff=True)
        self.administrator = AdministratorFactory()
        self.trainer = TrainerFactory()

    def __iter__(self):
        return iter(
            [
                ("superuser", self.superuser),
                ("administrator", self.administrator),
                ("trainer", self.trainer),
            ]
        )


RAW_VALUES = re.compile(r">\s*(None|True|False)\s*<|\d\.0 JP|\bNone\b(?=\s*</)")


def _raw_values(html: str) -> list[str]:
    # Only what is shown: scripts and attributes may carry JSON booleans.
    shown = re.sub(r"<script\b.*?</script>", "", html, flags=re.S)
    return sorted({match.group(0) for match in RAW_VALUES.finditer(shown)})


def _sweep(client, staff, stage, *, urls=None, read_raw_values=True):
    """Request every screen as each staff member; the failures, described."""
    urls = urls or (_menu_urls(staff.superuser) | _viewset_index_urls() | _inspect_urls())
    client.raise_request_exception = False
    failures = []
    for role, user in staff:
        client.force_login(user)
        for url in sorted(urls):
            response = client.get(url)
            if response.status_code not in ANSWERED:
                failures.append(f"{stage}: {url} as {role} answered {response.status_code}")
            elif read_raw_values and response.status_code == 200:
                raw = _raw_values(response.content.decode())
                if raw:
                    failures.append(f"{stage}: {url} as {role} shows {raw}")
    return failures


def _one_of_each(staff):
    """One record of each model that our admin screens list."""
    from tests.certificates.factories import CourseCertificateSettingsFactory, SignatoryFactory
    from tests.cms.factories import make_complaint, make_survey_response
    from tests.training.assessment_factories import make_evaluation_form, make_full_quiz
    from tests.training.factories import (
        BatchFactory,
        BatchSessionFactory,
        EnrolmentFactory,
        lessons_of,
        make_course,
    )
    from tests.training.scorm_factories import minimal_package
    from training.models import CourseTrainer, EnrolmentStatus
    from training.services import attach_scorm_package, import_scorm_package

    course = make_course(modules=1, lessons=2, jp="16.0")
    CourseTrainer.objects.create(course=course, trainer=staff.trainer)
    CourseCertificateSettingsFactory(course=course)
    batch = BatchFactory(course=course)
    for _index in range(2):
        EnrolmentFactory(batch=batch, status=EnrolmentStatus.COMPLETED, completed_at=timezone.now())
    EnrolmentFactory(batch=batch)
    BatchSessionFactory(batch=batch)
    make_full_quiz(course)
    make_evaluation_form(course)
    make_complaint()
    make_survey_response()
    AgencyFactory()
    SignatoryFactory()
    package = import_scorm_package(file=io.BytesIO(minimal_package()), file_name="mini.zip")
    attach_scorm_package(lesson=lessons_of(course)[1], package=package)
    return batch


def _issue_batch(batch, staff):
    from certificates.services import issue_batch_certificates

    return issue_batch_certificates(batch=batch, requested_by=staff.administrator)


def _revoke_one(batch, staff):
    from certificates.models import Certificate
    from certificates.services import revoke_certificate

    certificate = Certificate.objects.issued().filter(enrolment__batch=batch).first()
    certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
    return revoke_certificate(
        certificate=certificate, reason="Salah nama", revoked_by=staff.administrator
    )


def _import_list(batch, staff):
    from tests.security.url_matrix import participant_list_upload
    from training.services.imports import preview_participant_import, run_participant_import

    participant_import, _results = preview_participant_import(
        batch=batch,
        content=participant_list_upload(None)["file"].read(),
        file_name="peserta.xlsx",
        uploaded_by=staff.administrator,
    )
    return run_participant_import(
        participant_import=participant_import, imported_by=staff.administrator
    )


def test_discovery_finds_the_screens_of_every_app():
    staff = Staff()
    urls = _menu_urls(staff.superuser) | _viewset_index_urls()

    assert {
        "/admin/certificates/batches/",
        "/admin/certificates/register/",
        "/admin/training_batches/",
        "/admin/agencies/",
        "/admin/complaints/",
    } <= urls
    assert any("scormpackage" in url for url in urls)
    assert any(url.startswith("/admin/reports/jp/") for url in urls)
    assert not any(url.startswith("/admin/pages/") for url in urls)


def _pile_up(client, staff, capture_on_commit, **sweep):
    """Sweep the screens after each action that adds rows to some of them."""
    failures = _sweep(client, staff, "empty", **sweep)

    batch = _one_of_each(staff)
    failures += _sweep(client, staff, "one of each", **sweep)

    with capture_on_commit(execute=True):
        job = _issue_batch(batch, staff)
    job.refresh_from_db()
    assert job.done >= 2
    failures += _sweep(client, staff, "batch issued", **sweep)

    _revoke_one(batch, staff)
    failures += _sweep(client, staff, "certificate revoked", **sweep)

    _import_list(batch, staff)
    failures += _sweep(client, staff, "participants imported", **sweep)
    return failures


def test_every_admin_list_answers_after_each_action(
    client, django_capture_on_commit_callbacks, eager_tasks
):
    failures = _pile_up(client, Staff(), django_capture_on_commit_callbacks, read_raw_values=False)

    assert not failures, "\n".join(failures)


def test_no_admin_list_or_inspect_page_shows_raw_values(
    client, django_capture_on_commit_callbacks, eager_tasks
):
    failures = _pile_up(client, Staff(), django_capture_on_commit_callbacks)

    assert not failures, "\n".join(failures)
