"""
Trainers edit only their own courses and submit for review; administrators publish.

Permissions come from each course's editor group, kept in step with the trainer list.
"""

import re

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Locale, Page, PageLogEntry, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accounts.models import User
from accounts.selectors import MAX_CONTACTS, administrator_contacts
from tests.factories import AdministratorFactory, TrainerFactory
from training.models import CourseEditorGroup, CoursePage, CourseTrainer, LessonPage
from training.moderation import install_course_review_workflow
from training.permissions import (
    can_edit_course,
    can_publish_course,
    can_start_course,
    sync_course_editors,
    trained_course_keys,
)

from .page_factories import (
    english,
    make_catalogue,
    make_course,
    make_lesson,
    make_module,
    translate_tree,
)

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user again from the database, without Wagtail's cached page permissions."""
    return User.objects.get(pk=user.pk)


@pytest.fixture
def catalogue():
    catalogue = make_catalogue()
    install_course_review_workflow(catalogues=[catalogue])
    return catalogue


@pytest.fixture
def own_course(catalogue, trainer):
    course = make_course(catalogue, title="Kursus Sendiri", trainers=[trainer])
    make_lesson(make_module(course), title="Pelajaran Sendiri")
    return course


@pytest.fixture
def other_course(catalogue):
    course = make_course(catalogue, title="Kursus Lain", trainers=[TrainerFactory()])
    make_lesson(make_module(course), title="Pelajaran Lain")
    return course


def lesson_form(lesson, **changes):
    data = {
        "title": lesson.title,
        "slug": lesson.slug,
        "estimated_minutes": lesson.estimated_minutes,
        "is_required": "on",
        "body": streamfield([("paragraph", rich_text("<p>Isi yang diperbarui.</p>"))]),
    }
    data.update(changes)
    return nested_form_data(data)


def test_assigned_trainer_may_edit_the_course_and_its_lessons_but_not_publish(own_course, trainer):
    lesson = LessonPage.objects.descendant_of(own_course).get()

    assert can_edit_course(trainer, own_course)
    assert lesson.permissions_for_user(trainer).can_edit()
    assert not can_publish_course(trainer, own_course)
    assert not lesson.permissions_for_user(trainer).can_publish()
    assert not lesson.permissions_for_user(trainer).can_delete()


def test_trainer_cannot_edit_another_trainers_course(client, own_course, other_course, trainer):
    other_lesson = LessonPage.objects.descendant_of(other_course).get()
    client.force_login(trainer)

    response = client.get(f"/admin/pages/{other_lesson.pk}/edit/")
    posted = client.post(
        f"/admin/pages/{other_lesson.pk}/edit/", lesson_form(other_lesson, title="Diubah")
    )

    assert not can_edit_course(trainer, other_course)
    assert response.status_code in (302, 403)
    assert posted.status_code in (302, 403)
    other_lesson.refresh_from_db()
    assert other_lesson.title == "Pelajaran Lain"
    assert other_lesson.latest_revision.content["title"] == "Pelajaran Lain"


def test_administrator_may_edit_and_publish_every_course(own_course, other_course, administrator):
    for course in (own_course, other_course):
        assert can_edit_course(administrator, course)
        assert can_publish_course(administrator, course)


def course_form(course, **changes):
    """The course's edit form as the admin posts it, with ``changes`` applied."""
    data = {
        "title": course.title,
        "slug": course.slug,
        "code": course.code,
        "jp": str(course.jp),
        "summary": course.summary,
        "description": rich_text(course.description or "<p>Deskripsi.</p>"),
        "learning_objectives": streamfield([]),
        "cover_image": "",
        "level": course.level,
        "delivery_mode": course.delivery_mode,
        "delivery_language": course.delivery_language,
        "partner": course.partner,
        "tags": "",
        "course_trainers": inline_formset(
            [
                {"id": row.pk, "trainer": row.trainer_id, "role": row.role}
                for row in course.course_trainers.all()
            ],
            initial=course.course_trainers.count(),
        ),
        "require_all_lessons": "on",
        "minimum_attendance": "",
        "comments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


def test_a_lesson_has_no_submit_of_its_own_and_saving_it_keeps_a_draft(client, own_course, trainer):
    lesson = LessonPage.objects.descendant_of(own_course).get()
    client.force_login(trainer)

    menu = client.get(f"/admin/pages/{lesson.pk}/edit/").content.decode()
    response = client.post(
        f"/admin/pages/{lesson.pk}/edit/",
        lesson_form(lesson, title="Pelajaran Diperbarui", **{"action-submit": "submit"}),
    )

    assert 'name="action-submit"' not in menu
    assert response.status_code == 302, response.content.decode()[:2000]
    lesson.refresh_from_db()
    assert not WorkflowState.objects.for_instance(lesson).exists()
    assert lesson.title == "Pelajaran Sendiri" and lesson.has_unpublished_changes


def test_a_new_module_has_no_submit_of_its_own_and_is_saved_as_a_draft(client, own_course, trainer):
    url = f"/admin/pages/add/training/modulepage/{own_course.pk}/"
    client.force_login(trainer)

    form = client.get(url).content.decode()
    response = client.post(
        url,
        nested_form_data(
            {
                "title": "Modul Baru",
                "slug": "modul-baru",
                "goals": rich_text("<p>Tujuan.</p>"),
                "comments": inline_formset([]),
                "action-submit": "submit",
            }
        ),
    )

    assert 'name="action-submit"' not in form
    assert response.status_code == 302, response.content.decode()[:2000]
    module = own_course.get_children().get(slug="modul-baru")
    assert not module.live
    assert not WorkflowState.objects.for_instance(module).exists()


def test_one_submission_and_one_approval_publish_a_whole_course(
    client, catalogue, trainer, administrator
):
    course = make_course(catalogue, title="Kursus Utuh", trainers=[trainer])
    modules = [make_module(course, title=f"Modul {n}") for n in (1, 2)]
    lessons = [make_lesson(modules[0]), make_lesson(modules[0]), make_lesson(modules[1])]
    for page in [*modules, *lessons]:
        page.title = f"{page.title} (baru)"
        page.save_revision(user=trainer)
    new_lesson = LessonPage(
        title="Pelajaran Baru",
        slug="pelajaran-baru",
        estimated_minutes=5,
        body=[("paragraph", "<p>Isi baru.</p>")],
        live=False,
    )
    modules[1].add_child(instance=new_lesson)
    new_lesson.save_revision(user=trainer)
    client.force_login(trainer)

    response = client.post(
        f"/admin/pages/{course.pk}/edit/",
        course_form(course, summary="Ringkasan baru.", **{"action-submit": "submit"}),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    states = WorkflowState.objects.all()
    assert [state.content_object.pk for state in states] == [course.pk]  # one submission
    state = states.get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not Page.objects.get(pk=new_lesson.pk).live

    client.force_login(administrator)
    response = client.post(
        f"/admin/pages/workflow/action/{course.pk}/approve/{state.current_task_state.pk}/",
        {"comment": "Sudah baik."},
    )

    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    pages = [course, *modules, *lessons, new_lesson]
    for page in pages:
        page.refresh_from_db()
        assert page.live and not page.has_unpublished_changes, page.title
    assert course.specific.summary == "Ringkasan baru."
    assert all(page.title.endswith("(baru)") for page in [*modules, *lessons])
    published_by_admin = set(
        PageLogEntry.objects.filter(action="wagtail.publish", user=administrator).values_list(
            "page_id", flat=True
        )
    )
    assert published_by_admin == {page.pk for page in pages}


def test_a_rejected_course_publishes_nothing(client, own_course, trainer, administrator):
    lesson = LessonPage.objects.descendant_of(own_course).get()
    lesson.title = "Belum Disetujui"
    lesson.save_revision(user=trainer)
    workflow = own_course.get_workflow()
    own_course.save_revision(user=trainer)
    state = workflow.start(own_course, trainer)
    client.force_login(administrator)

    client.post(
        f"/admin/pages/workflow/action/{own_course.pk}/reject/{state.current_task_state.pk}/",
        {"comment": "Perbaiki."},
    )

    lesson.refresh_from_db()
    assert lesson.title == "Pelajaran Sendiri" and lesson.has_unpublished_changes


def test_trainer_asking_to_publish_only_saves_a_draft(client, own_course, trainer):
    lesson = LessonPage.objects.descendant_of(own_course).get()
    client.force_login(trainer)

    response = client.post(
        f"/admin/pages/{lesson.pk}/edit/",
        lesson_form(lesson, title="Langsung Terbit?", **{"action-publish": "publish"}),
    )

    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.title == "Pelajaran Sendiri"
    assert lesson.has_unpublished_changes
    assert lesson.latest_revision.content["title"] == "Langsung Terbit?"


def test_removing_a_trainer_withdraws_the_permission_when_the_course_is_published(
    own_course, trainer
):
    newcomer = TrainerFactory()
    own_course.course_trainers = [CourseTrainer(trainer=newcomer)]
    own_course.save_revision()

    # A draft keeps its trainer list inside the revision: nothing changes yet.
    assert can_edit_course(fresh(trainer), own_course)
    assert not can_edit_course(fresh(newcomer), own_course)

    own_course.get_latest_revision().publish()

    assert not can_edit_course(fresh(trainer), own_course)
    assert can_edit_course(fresh(newcomer), own_course)


def test_trainer_keeps_the_permission_on_every_translation(own_course, trainer):
    translate_tree(own_course.get_parent())

    english_course = english(own_course)
    english_lesson = LessonPage.objects.descendant_of(english_course).get()

    assert can_edit_course(fresh(trainer), english_course)
    assert english_lesson.permissions_for_user(fresh(trainer)).can_edit()
    assert not english_lesson.permissions_for_user(fresh(trainer)).can_publish()


def test_editor_group_sync_is_idempotent(own_course, trainer):
    def state():
        group = CourseEditorGroup.objects.get(translation_key=own_course.translation_key).group
        return (
            Group.objects.count(),
            sorted(group.user_set.values_list("pk", flat=True)),
            sorted(
                GroupPagePermission.objects.filter(group=group).values_list(
                    "page_id", "permission__codename"
                )
            ),
        )

    before = state()
    sync_course_editors(translation_key=own_course.translation_key)
    sync_course_editors(translation_key=own_course.translation_key)

    assert state() == before
    assert before[1] == [trainer.pk]
    assert before[2] == [(own_course.pk, "add_page"), (own_course.pk, "change_page")]


def test_deleting_a_course_removes_its_editor_group(own_course, trainer):
    key = own_course.translation_key

    own_course.delete()

    assert not CourseEditorGroup.objects.filter(translation_key=key).exists()
    assert not fresh(trainer).groups.filter(name__startswith="Course trainers").exists()


# --- Starting and translating courses: the matrix ---------------------------------------


@pytest.fixture
def people(trainer, administrator, participant):
    return {"trainer": trainer, "administrator": administrator, "participant": participant}


MATRIX = [
    # (who, action, allowed)
    ("trainer", "start a course", True),
    ("trainer", "add a module to their course", True),
    ("trainer", "add a module to another course", False),
    ("trainer", "edit another course", False),
    ("trainer", "edit a lesson of another course", False),
    ("trainer", "translate their course", True),
    ("trainer", "translate another course", False),
    ("trainer", "publish their course", False),
    ("trainer", "copy their course into the catalogue", True),
    ("trainer", "move their lesson into another course", False),
    ("administrator", "start a course", True),
    ("administrator", "add a module to another course", True),
    ("administrator", "translate another course", True),
    ("administrator", "publish their course", True),
    ("participant", "start a course", False),
    ("participant", "translate their course", False),
]


def _may(user, action, catalogue, own_course, other_course):
    other_lesson = LessonPage.objects.descendant_of(other_course).get()
    return {
        "start a course": lambda: can_start_course(user, catalogue),
        "add a module to their course": lambda: own_course.permissions_for_user(
            user
        ).can_add_subpage(),
        "add a module to another course": lambda: other_course.permissions_for_user(
            user
        ).can_add_subpage(),
        "edit another course": lambda: can_edit_course(user, other_course),
        "edit a lesson of another course": lambda: other_lesson.permissions_for_user(
            user
        ).can_edit(),
        "translate their course": lambda: (
            user.has_perm("simple_translation.submit_translation")
            and can_edit_course(user, own_course)
        ),
        "translate another course": lambda: (
            user.has_perm("simple_translation.submit_translation")
            and can_edit_course(user, other_course)
        ),
        "publish their course": lambda: can_publish_course(user, own_course),
        "copy their course into the catalogue": lambda: own_course.permissions_for_user(
            user
        ).can_copy_to(catalogue, recursive=True),
        "move their lesson into another course": lambda: (
            LessonPage.objects.descendant_of(own_course)
            .get()
            .permissions_for_user(user)
            .can_move_to(other_lesson.get_parent())
        ),
    }[action]()


@pytest.mark.parametrize(("who", "action", "allowed"), MATRIX)
def test_permission_matrix(who, action, allowed, people, catalogue, own_course, other_course):
    user = fresh(people[who])

    assert _may(user, action, catalogue, own_course, other_course) is allowed


def test_trainer_may_not_add_a_module_to_another_course_through_the_admin(
    client, own_course, other_course, trainer
):
    client.force_login(trainer)

    shown = client.get(f"/admin/pages/add/training/modulepage/{other_course.pk}/")
    posted = client.post(
        f"/admin/pages/add/training/modulepage/{other_course.pk}/",
        nested_form_data({"title": "Modul Asing", "slug": "modul-asing", "goals": rich_text("")}),
    )

    assert shown.status_code in (302, 403) and posted.status_code in (302, 403)
    assert not other_course.get_children().filter(slug="modul-asing").exists()


def new_course_form(**changes):
    data = {
        "title": "Etika Pelayanan",
        "slug": "etika-pelayanan",
        "code": "EP-01",
        "jp": "4",
        "summary": "Etika pelayanan publik.",
        "description": rich_text("<p>Deskripsi.</p>"),
        "learning_objectives": streamfield([]),
        "cover_image": "",
        "level": "basic",
        "delivery_mode": "daring",
        "delivery_language": "id",
        "partner": "",
        "tags": "",
        "course_trainers": inline_formset([]),
        "require_all_lessons": "on",
        "minimum_attendance": "",
        "comments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


def test_trainer_starts_a_course_that_becomes_theirs_and_goes_to_review(
    client, catalogue, other_course, trainer
):
    client.force_login(trainer)

    response = client.post(
        f"/admin/pages/add/training/coursepage/{catalogue.pk}/",
        new_course_form(**{"action-submit": "submit"}),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    course = CoursePage.objects.get(slug="etika-pelayanan")
    assert not course.live
    assert course.owner == trainer
    assert list(course.course_trainers.values_list("trainer", flat=True)) == [trainer.pk]
    assert [row["trainer"] for row in course.latest_revision.content["course_trainers"]] == [
        trainer.pk
    ]
    assert WorkflowState.objects.for_instance(course).get().status == "in_progress"
    assert can_edit_course(fresh(trainer), course)
    assert not can_edit_course(fresh(trainer), other_course)
    assert course.pk in batches_scope_course_ids(fresh(trainer))


def batches_scope_course_ids(user):
    """The courses the per-trainer scope (batches, reports, quizzes) gives the user."""
    return set(
        CoursePage.objects.filter(translation_key__in=trained_course_keys(user)).values_list(
            "pk", flat=True
        )
    )


def test_trainer_translates_their_course_and_keeps_editing_the_english_one(
    client, catalogue, own_course, trainer
):
    translate_tree(catalogue)  # the English catalogue (and course) exist: start afresh
    english(own_course).delete()
    client.force_login(trainer)
    english_locale = Locale.objects.get(language_code="en")

    response = client.post(
        f"/admin/translation/submit/page/{own_course.pk}/",
        {"locales": [english_locale.pk], "include_subtree": "on"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    english_course = english(own_course)
    assert can_edit_course(fresh(trainer), english_course)
    assert not english_course.live
    assert LessonPage.objects.descendant_of(english_course).exists()


def test_a_refused_trainer_is_told_whom_to_ask(client, own_course, other_course, trainer):
    boss = AdministratorFactory(full_name="Ibu Rahmawati", email="rahmawati@bkpsdm.example")
    client.force_login(trainer)

    response = client.post(f"/admin/translation/submit/page/{other_course.pk}/", {}, follow=True)

    page = response.content.decode()
    assert response.redirect_chain[-1][0] == "/admin/"
    assert "Maaf, Anda tidak memiliki izin" in page  # the refusal, on the dashboard
    assert boss.full_name in page and "mailto:rahmawati@bkpsdm.example" in page
    assert not english_translations_of(other_course)


def english_translations_of(page):
    return page.get_translations().filter(locale__language_code="en").exists()


def test_the_trainer_dashboard_names_the_administrators(
    client, trainer, django_assert_max_num_queries
):
    for number in range(8):
        AdministratorFactory(full_name=f"Zaenal {number}")
    AdministratorFactory(full_name="Bapak Hasan", email="hasan@bkpsdm.example")
    client.force_login(trainer)

    page = client.get("/admin/").content.decode()
    with django_assert_max_num_queries(4):
        contacts = administrator_contacts()

    assert "Bapak Hasan" in page and "hasan@bkpsdm.example" in page
    assert len(contacts) == MAX_CONTACTS


# --- The workflow speaks Indonesian -----------------------------------------------------

ENGLISH_WORKFLOW_WORDS = ("Course review", "Administrators approve", "Submit to", "Awaiting")


def test_indonesian_action_menu_and_status_have_no_english(client, own_course, trainer):
    client.force_login(trainer)

    before = client.get(f"/admin/pages/{own_course.pk}/edit/").content.decode()
    client.post(
        f"/admin/pages/{own_course.pk}/edit/", course_form(own_course, **{"action-submit": "1"})
    )
    after = client.get(f"/admin/pages/{own_course.pk}/edit/").content.decode()
    listing = client.get(f"/admin/pages/{own_course.get_parent().pk}/").content.decode()

    assert "Ajukan ke Tinjauan kursus" in before
    assert "Persetujuan administrator" in after
    for text in (before, after, listing):
        for english_words in ENGLISH_WORKFLOW_WORDS:
            assert english_words not in text


def test_old_english_workflow_names_are_renamed_once(catalogue):
    from wagtail.models import Task, Workflow

    Workflow.objects.filter(name="Tinjauan kursus").update(name="Course review")
    Task.objects.filter(name="Persetujuan administrator").update(name="Administrators approve")

    install_course_review_workflow(catalogues=[catalogue])

    assert Workflow.objects.filter(name="Tinjauan kursus").count() == 1
    assert Task.objects.filter(name="Persetujuan administrator").count() == 1
    assert not Workflow.objects.filter(name="Course review").exists()
    assert not Task.objects.filter(name="Administrators approve").exists()


def test_role_groups_are_shown_by_their_translated_names(client, own_course, trainer):
    client.force_login(AdministratorFactory(is_superuser=True))

    page = client.get(f"/admin/users/edit/{trainer.pk}/").content.decode()
    listing = client.get("/admin/groups/").content.decode()
    names = [
        " ".join(re.sub(r"<[^>]+>", " ", name).split())
        for name in re.findall(
            r'<a [^>]*href="/admin/groups/edit/\d+/"[^>]*>(.*?)</a>', listing, re.S
        )
    ]

    assert {"Fasilitator", "Penyelenggara", "Peserta"} <= set(names)
    assert f"Fasilitator kursus: {own_course.code}" in " ".join(names)
    assert not {"Trainers", "Administrators", "Participants"} & set(names)

    labels = re.findall(r"<label[^>]*>(.*?)</label>", page, flags=re.S)
    labels = [" ".join(re.sub(r"<[^>]+>", " ", label).split()) for label in labels]
    assert "Fasilitator" in labels and "Penyelenggara" in labels
    assert "Trainers" not in labels and "Administrators" not in labels
