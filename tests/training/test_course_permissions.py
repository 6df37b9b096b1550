"""
Trainers edit only their own courses and submit for review; administrators publish.

Permissions come from each course's editor group, kept in step with the trainer list.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from accounts.models import User
from tests.factories import TrainerFactory
from training.models import CourseEditorGroup, CourseTrainer, LessonPage
from training.moderation import install_course_review_workflow
from training.permissions import can_edit_course, can_publish_course, sync_course_editors

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


def test_trainer_submits_a_lesson_and_an_administrator_approves_it(
    client, own_course, trainer, administrator
):
    lesson = LessonPage.objects.descendant_of(own_course).get()
    client.force_login(trainer)

    response = client.post(
        f"/admin/pages/{lesson.pk}/edit/",
        lesson_form(lesson, title="Pelajaran Diperbarui", **{"action-submit": "submit"}),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    lesson.refresh_from_db()
    state = WorkflowState.objects.for_instance(lesson).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Course review"
    assert lesson.title == "Pelajaran Sendiri"  # the live page waits for approval
    task = state.current_task_state.task.specific
    assert "approve" not in [name for name, *_rest in task.get_actions(lesson, trainer)]

    client.force_login(administrator)
    response = client.post(
        f"/admin/pages/workflow/action/{lesson.pk}/approve/{state.current_task_state.pk}/",
        {"comment": "Sudah baik."},
    )

    assert response.status_code in (200, 302)
    lesson.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert lesson.live and lesson.title == "Pelajaran Diperbarui"


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
