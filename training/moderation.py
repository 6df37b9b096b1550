"""
Moderation of course content: trainers submit, administrators approve and publish.

One Wagtail workflow, "Course review", with a single group-approval task for the
Administrators group, assigned to each course catalogue so that every course, module and
lesson below it goes through it.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from accounts.roles import ADMINISTRATORS

WORKFLOW_NAME = "Course review"
TASK_NAME = "Administrators approve"


@transaction.atomic
def install_course_review_workflow(*, catalogues: list[Page]) -> Workflow:
    """
    Create the course review workflow (once) and assign it to the given catalogue pages.

    Idempotent: running it again finds the same workflow and task and changes nothing.
    """
    administrators, _created = Group.objects.get_or_create(name=ADMINISTRATORS)
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
