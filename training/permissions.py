"""
Who may do what with courses, one small function per rule.

Page editing itself is enforced by Wagtail's page permissions: each course has a
``CourseEditorGroup`` whose members are the course's trainers, with "add" and "change" (never
"publish") on every translation of the course. ``sync_course_editors`` keeps that group in step
with the trainer lists; administrators hold add/change/publish on the whole tree through the
Administrators group (``accounts.roles``).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission

from accounts.roles import ADMINISTRATORS, TRAINERS

from .models import CourseEditorGroup, CoursePage, CourseTrainer

TRAINER_PAGE_PERMISSIONS = ("add_page", "change_page")
"""What a course's trainers may do on its pages: write and submit, not publish or delete."""


def is_trainer(user) -> bool:
    return user.is_authenticated and user.groups.filter(name=TRAINERS).exists()


def is_administrator(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.groups.filter(name=ADMINISTRATORS).exists()
    )


def can_edit_course(user, course: CoursePage) -> bool:
    """A course's own trainers and administrators may edit it (and its modules and lessons)."""
    return course.permissions_for_user(user).can_edit()


def can_publish_course(user, course: CoursePage) -> bool:
    """Only administrators publish; trainers submit their changes for moderation."""
    return course.permissions_for_user(user).can_publish()


def _group_name(course: CoursePage) -> str:
    return f"Course trainers: {course.code} ({str(course.translation_key)[:8]})"[:150]


@transaction.atomic
def sync_course_editors(*, translation_key) -> Group | None:
    """
    Make the editor group of a course match its trainers, in every language; idempotent.

    Members are the trainers listed on any translation of the course; permissions cover every
    translation that exists. Returns the group, or None when the course has no page left.
    """
    pages = list(CoursePage.objects.filter(translation_key=translation_key).order_by("pk"))
    editor_group = (
        CourseEditorGroup.objects.select_related("group")
        .filter(translation_key=translation_key)
        .first()
    )
    if not pages:
        if editor_group is not None:
            editor_group.group.delete()
        return None
    if editor_group is None:
        group, _created = Group.objects.get_or_create(name=_group_name(pages[0]))
        editor_group = CourseEditorGroup(translation_key=translation_key, group=group)
        editor_group.full_clean()
        editor_group.save()
    group = editor_group.group
    if group.name != _group_name(pages[0]):
        group.name = _group_name(pages[0])
        group.save(update_fields=["name"])

    trainer_ids = set(
        CourseTrainer.objects.filter(course__translation_key=translation_key).values_list(
            "trainer_id", flat=True
        )
    )
    group.user_set.set(trainer_ids)

    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=TRAINER_PAGE_PERMISSIONS
    )
    wanted = {(page.pk, permission.pk) for page in pages for permission in permissions}
    existing = set(group.page_permissions.values_list("page_id", "permission_id"))
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=group, page_id=page_id, permission_id=permission_id)
            for page_id, permission_id in wanted - existing
        ]
    )
    stale = existing - wanted
    for page_id, permission_id in stale:
        group.page_permissions.filter(page_id=page_id, permission_id=permission_id).delete()
    return group
