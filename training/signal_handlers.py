"""
Keep each course's editor group in step with its trainer list, open each new catalogue to
trainers, and remove a deleted SCORM package's files.

A course's trainers (``CourseTrainer`` rows) change only when the course is published or
saved directly: drafts keep their inline rows inside the revision. Listening to the rows
themselves therefore catches every real change, whichever way the page was saved.
"""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import (
    Attempt,
    Attendance,
    Batch,
    BatchSession,
    CourseIndexPage,
    CoursePage,
    CourseTrainer,
    Enrolment,
    EvaluationResponse,
    LessonProgress,
    ScormPackage,
    ScormProgress,
)
from .page_cache import invalidate_anonymous_pages
from .permissions import allow_trainers_to_start_courses, sync_course_editors
from .personal_cache import participant_record_changed, user_changed
from .scorm.package import delete_package_files


def _sync_for_course_id(course_id):
    translation_key = (
        CoursePage.objects.filter(pk=course_id).values_list("translation_key", flat=True).first()
    )
    if translation_key is not None:
        sync_course_editors(translation_key=translation_key)


def course_trainer_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _sync_for_course_id(instance.course_id)


def course_trainer_deleted(sender, instance, **kwargs):
    _sync_for_course_id(instance.course_id)


def course_saved(sender, instance, created, raw=False, **kwargs):
    # A new translation of a course gets the permissions of the course's editor group.
    if created and not raw:
        sync_course_editors(translation_key=instance.translation_key)


def catalogue_saved(sender, instance, created, raw=False, **kwargs):
    # Every catalogue, in every language, lets trainers start a course in it.
    if created and not raw:
        allow_trainers_to_start_courses(catalogue=instance)


def course_deleted(sender, instance, **kwargs):
    sync_course_editors(translation_key=instance.translation_key)


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        invalidate_anonymous_pages()


def site_setting_saved(sender, instance, raw=False, **kwargs):
    # The header, footer and partner logos are part of every cached page.
    if isinstance(instance, BaseSiteSetting):
        invalidate_anonymous_pages()


def scorm_package_deleted(sender, instance, **kwargs):
    # The files go only once the row is surely gone.
    transaction.on_commit(partial(delete_package_files, str(instance.folder), list(instance.files)))


def register_signal_handlers():
    # The cached anonymous pages: any change they could show forgets them all.
    for name, signal in (
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("moved", post_page_move),
    ):
        signal.connect(invalidate_anonymous_pages, dispatch_uid=f"page-cache-{name}")
    post_delete.connect(page_deleted, dispatch_uid="page-cache-page-deleted")
    post_save.connect(site_setting_saved, dispatch_uid="page-cache-settings")
    # Sessions are on the dashboard and the course page (the participant's schedule).
    for model in (Batch, BatchSession, Enrolment):
        post_save.connect(invalidate_anonymous_pages, sender=model)
        post_delete.connect(invalidate_anonymous_pages, sender=model)

    # A participant's cached pages: any change to their records, whoever makes it.
    for model in (LessonProgress, Attempt, EvaluationResponse, ScormProgress, Attendance):
        post_save.connect(participant_record_changed, sender=model)
        post_delete.connect(participant_record_changed, sender=model)
    post_save.connect(user_changed, sender=settings.AUTH_USER_MODEL)
    post_delete.connect(user_changed, sender=settings.AUTH_USER_MODEL)

    post_save.connect(course_trainer_saved, sender=CourseTrainer)
    post_delete.connect(course_trainer_deleted, sender=CourseTrainer)
    post_save.connect(course_saved, sender=CoursePage)
    post_delete.connect(course_deleted, sender=CoursePage)
    post_save.connect(catalogue_saved, sender=CourseIndexPage)
    post_delete.connect(scorm_package_deleted, sender=ScormPackage)
