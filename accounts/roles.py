"""
The three roles, as Django groups: the permissions each holds and who holds which role.

Group names are stable identifiers in English; what a trainer may edit in the page tree is
granted per course by the training app, not here.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

PARTICIPANTS = "Participants"
TRAINERS = "Trainers"
ADMINISTRATORS = "Administrators"


def is_administrator(user) -> bool:
    """
    Administrators (the organisers, BKPSDM) and superusers: every batch, report, certificate
    and complaint. The one place that says who counts as an administrator.
    """
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=ADMINISTRATORS).exists()


def administrators():
    """Everyone ``is_administrator`` holds true for, as a queryset of active users."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | Q(groups__name=ADMINISTRATORS), is_active=True)
        .distinct()
    )


def is_trainer(user) -> bool:
    """Members of the Trainers group; which courses they train is decided per course."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.groups.filter(name=TRAINERS).exists()


ROLE_LABELS = {
    PARTICIPANTS: _("Participants"),
    TRAINERS: _("Trainers"),
    ADMINISTRATORS: _("Administrators"),
}


def role_label(group) -> str:
    """A role group's name in the reader's language; another group keeps its own name."""
    return str(ROLE_LABELS.get(group.name, group.name))


# Model permissions per role as "app_label.codename". Collection and page permissions of
# Wagtail are granted separately below, because Wagtail checks them per collection/page.
ROLE_PERMISSIONS = {
    PARTICIPANTS: [],
    TRAINERS: [
        "wagtailadmin.access_admin",
        # Quizzes and evaluation forms: the admin limits them to the trainer's own courses.
        "training.add_quiz",
        "training.change_quiz",
        "training.delete_quiz",
        "training.add_evaluationform",
        "training.change_evaluationform",
    ],
    ADMINISTRATORS: [
        "wagtailadmin.access_admin",
        "accounts.add_agency",
        "accounts.change_agency",
        "accounts.delete_agency",
        "accounts.add_user",
        "accounts.change_user",
        "cms.change_sitesettings",
        "cms.change_navigationsettings",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
        "simple_translation.submit_translation",
        "training.add_quiz",
        "training.change_quiz",
        "training.delete_quiz",
        "training.add_evaluationform",
        "training.change_evaluationform",
        "training.delete_evaluationform",
        # Certificates: design, course settings, the register and batch issues.
        *(
            f"certificates.{action}_{model}"
            for model in ("certificatetemplate", "signatory", "coursecertificatesettings")
            for action in ("add", "change", "delete")
        ),
        "certificates.change_certificate",
        "certificates.view_certificate",
        "certificates.add_certificatebatchjob",
        "certificates.change_certificatebatchjob",
    ],
}

# Running batches (training app): organisers manage them; trainers follow their own
# courses' batches (which ones is decided by `training.permissions`) and hold sessions.
ROLE_PERMISSIONS[TRAINERS] += [
    "training.view_batch",
    "training.view_enrolment",
    "training.view_batchsession",
    "training.add_batchsession",
    "training.change_batchsession",
]
# SCORM packages (training app): trainers upload them for their lessons and choose them.
ROLE_PERMISSIONS[TRAINERS] += [
    "training.add_scormpackage",
    "training.change_scormpackage",
    "training.view_scormpackage",
]
ROLE_PERMISSIONS[ADMINISTRATORS] += [
    "training.add_scormpackage",
    "training.change_scormpackage",
    "training.delete_scormpackage",
    "training.view_scormpackage",
]
ROLE_PERMISSIONS[ADMINISTRATORS] += [
    "training.add_batch",
    "training.change_batch",
    "training.view_batch",
    "training.add_enrolment",
    "training.view_enrolment",
    "training.add_batchsession",
    "training.change_batchsession",
    "training.delete_batchsession",
    "training.view_batchsession",
]

_COLLECTION_PERMISSIONS = {
    TRAINERS: [
        f"{app}.{action}_{model}"
        for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
        for action in ("add", "change", "choose")
    ],
    ADMINISTRATORS: [
        f"{app}.{action}_{model}"
        for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
        for action in ("add", "change", "delete", "choose")
    ],
}

_ROOT_PAGE_PERMISSIONS = {
    ADMINISTRATORS: [
        f"wagtailcore.{action}_page" for action in ("add", "change", "publish", "lock", "unlock")
    ],
}


def _permissions(codes):
    query = Q(pk__in=[])
    for code in codes:
        app_label, codename = code.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(query)


@transaction.atomic
def sync_role_groups() -> dict[str, Group]:
    """Create the role groups and (re)grant their permissions; safe to run any number of times."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    groups = {}
    root_collection = Collection.get_first_root_node()
    root_page = Page.get_first_root_node()
    for name, codes in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(codes))
        if root_collection:
            for permission in _permissions(_COLLECTION_PERMISSIONS.get(name, [])):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
        if root_page:
            for permission in _permissions(_ROOT_PAGE_PERMISSIONS.get(name, [])):
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )
        groups[name] = group
    return groups
