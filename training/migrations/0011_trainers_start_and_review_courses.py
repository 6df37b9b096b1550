"""
Trainers may start courses in every catalogue (they hold "add" there), and the course review
workflow and its task get their Indonesian names (Wagtail shows these names as they are).
"""

from django.db import migrations

NAMES = {"Course review": "Tinjauan kursus", "Administrators approve": "Persetujuan administrator"}


def open_catalogues_and_rename(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    CourseIndexPage = apps.get_model("training", "CourseIndexPage")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")

    for old, new in NAMES.items():
        Workflow.objects.filter(name=old).update(name=new)
        Task.objects.filter(name=old).update(name=new)

    add_page = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename="add_page"
    ).first()
    if add_page is None:  # a new database: the post-migrate sync and new catalogues do it
        return
    trainers, _created = Group.objects.get_or_create(name="Trainers")
    for catalogue in CourseIndexPage.objects.all():
        GroupPagePermission.objects.get_or_create(
            group=trainers, page_id=catalogue.pk, permission=add_page
        )


def rename_back(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    for old, new in NAMES.items():
        Workflow.objects.filter(name=new).update(name=old)
        Task.objects.filter(name=new).update(name=old)


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0010_scorm_completion_without_api_sequencing"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(open_catalogues_and_rename, rename_back)]
