"""
Moderation of course content: trainers submit a whole course, administrators approve it once.

One Wagtail workflow, "Tinjauan kursus" (course review), with a single group-approval task for
the Administrators group, assigned to each course catalogue. Only courses go through it:
modules and lessons have no workflow of their own (``ReviewedWithCourseMixin``), a trainer
saves their drafts and submits the course, and approving the course publishes the course and
every draft below it (``publish_course_workflow_state``, Wagtail's
``WAGTAIL_FINISH_WORKFLOW_ACTION``).

The workflow and task names are data that Wagtail shows as they are (action menu, status,
history, log entries), so they are stored in Indonesian, the admin's first language.
"""

from django.db import transaction

# Wagtail imports this module while it defines its models (``WAGTAIL_FINISH_WORKFLOW_ACTION``):
# models are imported inside the functions.

WORKFLOW_NAME = "Tinjauan kursus"
TASK_NAME = "Persetujuan administrator"
OLD_NAMES = {"Course review": WORKFLOW_NAME, "Administrators approve": TASK_NAME}
"""The English names used before; ``install_course_review_workflow`` renames them."""


@transaction.atomic
def install_course_review_workflow(*, catalogues):
    """
    Create the course review workflow (once) and assign it to the given catalogue pages.

    Idempotent: running it again finds the same workflow and task and changes nothing. A
    workflow or task still under its old English name is renamed rather than duplicated.
    """
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    from accounts.roles import ADMINISTRATORS

    administrators, _created = Group.objects.get_or_create(name=ADMINISTRATORS)
    rename_course_review_workflow()
    workflow, _created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(administrators)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for catalogue in catalogues:
        WorkflowPage.objects.update_or_create(page=catalogue, defaults={"workflow": workflow})
    return workflow


def rename_course_review_workflow() -> None:
    """Give the workflow and task their Indonesian names if they still have the English ones."""
    from wagtail.models import Task, Workflow

    for old, new in OLD_NAMES.items():
        Workflow.objects.filter(name=old).update(name=new)
        Task.objects.filter(name=old).update(name=new)


def course_pages_to_publish(course):
    """The pages below a course with changes not yet live (drafts and new pages), top down."""
    return course.get_descendants().filter(has_unpublished_changes=True).order_by("path")


@transaction.atomic
def publish_course_workflow_state(workflow_state, user=None):
    """
    Finish an approved workflow: publish the reviewed page, and when it is a course, the
    latest revision of every module and lesson below it that has unpublished changes.

    Each publication is logged ("wagtail.publish") with the approving administrator. Set as
    ``WAGTAIL_FINISH_WORKFLOW_ACTION``; for any other page it does what Wagtail's own does.
    """
    from wagtail.models import Page

    from .models import CoursePage

    page = workflow_state.content_object
    if isinstance(page, Page):
        page = page.specific
    page.get_latest_revision().publish(user=user)
    if not isinstance(page, CoursePage):
        return
    for descendant in course_pages_to_publish(page):
        revision = descendant.get_latest_revision()
        if revision is not None:
            revision.publish(user=user)
