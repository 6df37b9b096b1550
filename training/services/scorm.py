"""
SCORM services: import a package (validated before anything is stored), attach it to a
lesson, and record what a SCO commits, which completes the lesson once every SCO of the
package is completed or passed.
"""

import hashlib
from typing import BinaryIO

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Enrolment, EnrolmentStatus, LessonPage, ScormPackage, ScormProgress
from ..scorm.cmi import read_commit
from ..scorm.package import (
    CheckedPackage,
    check_package,
    delete_package_files,
    extract_package,
    open_zip,
)
from .enrolment import EnrolmentError
from .progress import complete_lesson, lesson_in_course_locale
from .xapi import record_scorm_completion

MAX_SESSION_KEY = 64


def inspect_scorm_package(*, file: BinaryIO) -> CheckedPackage:
    """Check a SCORM ZIP without storing anything; raise ``ScormPackageError`` if refused."""
    return check_package(open_zip(file))


def _sha256(file: BinaryIO) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    while chunk := file.read(1024 * 1024):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


@transaction.atomic
def import_scorm_package(
    *, file: BinaryIO, file_name: str = "", title: str = "", uploaded_by=None
) -> ScormPackage:
    """
    Check a SCORM ZIP and store it as a package; raise ``ScormPackageError`` if refused.

    The same ZIP imported again returns the package already made from it, so a partner's
    batch import can be re-run safely; a trainer who uploads it again may then use it too.
    """
    archive = open_zip(file)
    checked = check_package(archive)
    sha256 = _sha256(file)
    existing = ScormPackage.objects.filter(sha256=sha256).first()
    if existing is not None:
        if uploaded_by is not None and uploaded_by.pk != existing.uploaded_by_id:
            existing.also_uploaded_by.add(uploaded_by)
        return existing
    manifest = checked.manifest
    package = ScormPackage(
        title=(title or manifest.title or file_name or "SCORM")[:255],
        identifier=manifest.identifier[:255],
        version=manifest.version,
        file_name=file_name[:255],
        sha256=sha256,
        size_bytes=checked.size_bytes,
        file_count=len(checked.files),
        items=[item.as_dict() for item in manifest.items],
        files=checked.files,
        uploaded_by=uploaded_by,
    )
    package.full_clean()
    try:
        extract_package(archive, checked, str(package.folder))
        package.save()
    except BaseException:
        delete_package_files(str(package.folder), checked.files)
        raise
    return package


@transaction.atomic
def attach_scorm_package(*, lesson: LessonPage, package: ScormPackage | None) -> LessonPage:
    """Give a lesson a package (or none) and publish the change; unchanged, nothing happens."""
    lesson = LessonPage.objects.get(pk=lesson.pk)
    if lesson.scorm_package_id == (package.pk if package else None):
        return lesson
    lesson.scorm_package = package
    lesson.full_clean()
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    return lesson


def _progress_record(enrolment, package, item_identifier) -> ScormProgress:
    try:
        with transaction.atomic():
            ScormProgress.objects.get_or_create(
                enrolment=enrolment, package=package, item_identifier=item_identifier
            )
    except IntegrityError:
        # A second tab created it between the read and the write.
        pass
    # The row lock serialises two tabs committing the same SCO (PostgreSQL).
    return ScormProgress.objects.select_for_update().get(
        enrolment=enrolment, package=package, item_identifier=item_identifier
    )


def package_done(*, enrolment: Enrolment, package: ScormPackage) -> bool:
    """Whether every SCO of the package is completed or passed for this enrolment."""
    sco_ids = {item["identifier"] for item in package.launchable_items if item.get("sco")}
    if not sco_ids:
        return False
    done = {
        record.item_identifier
        for record in ScormProgress.objects.filter(enrolment=enrolment, package=package)
        if record.is_done
    }
    return sco_ids <= done


def _record_sco_statement(*, enrolment, package, record) -> None:
    """The xAPI statement of a SCO completed (or passed/failed) for the first time."""
    item = package.item(record.item_identifier) or {}
    success = {"passed": True, "failed": False}.get(record.success_status or record.status)
    record_scorm_completion(
        enrolment=enrolment,
        package_key=f"{package.pk}/{record.item_identifier}",
        title=item.get("title") or package.title,
        attempt_key=record.pk,
        success=success,
        raw_score=record.score_raw,
        max_score=record.score_max if record.score_max is not None else 100,
        min_score=record.score_min or 0,
        moment=record.completed_at,
    )


@transaction.atomic
def commit_scorm_data(
    *,
    enrolment: Enrolment,
    lesson: LessonPage,
    item_identifier: str,
    cmi: dict,
    session_key: str,
    sequence: int | None = None,
    finished: bool = False,
) -> ScormProgress:
    """
    Record the CMI data a SCO of the lesson's package commits for an active enrolment.

    Idempotent: a commit repeated, or arriving after a later one of the same launch
    (``sequence``), changes nothing. ``finished`` marks the SCO's last commit of a launch
    (LMSFinish/Terminate), after which a SCORM 1.2 SCO that set no status is completed. The
    launch's time replaces its earlier figure, so time is never counted twice. Once every
    SCO is completed or passed, the lesson is completed through ``complete_lesson``.
    """
    if enrolment.status != EnrolmentStatus.ACTIVE:
        raise EnrolmentError(
            _("Only an active enrolment can make progress."), code="enrolment_not_active"
        )
    package = lesson.scorm_package
    if package is None or package.item(item_identifier) is None:
        raise EnrolmentError(_("This activity is not part of the lesson."), code="unknown_item")
    course_lesson = lesson_in_course_locale(enrolment=enrolment, lesson=lesson)
    record = _progress_record(enrolment, package, item_identifier)
    session_key = (session_key or "-")[:MAX_SESSION_KEY]
    session = record.sessions.get(session_key, {"seconds": 0, "sequence": 0})
    if sequence is not None and sequence <= session.get("sequence", 0):
        return record
    data = read_commit(cmi, scorm_2004=package.is_scorm_2004, finished=finished)
    record.status = data.status
    record.completion_status = data.completion_status
    record.success_status = data.success_status
    record.score_raw = data.score_raw
    record.score_min = data.score_min
    record.score_max = data.score_max
    record.score_scaled = data.score_scaled
    record.location = data.location
    record.suspend_data = data.suspend_data
    record.exit = data.exit
    record.cmi = cmi
    record.sessions = {
        **record.sessions,
        session_key: {
            "seconds": max(data.session_seconds, int(session.get("seconds", 0))),
            "sequence": sequence if sequence is not None else session.get("sequence", 0),
        },
    }
    newly_done = record.is_done and record.completed_at is None
    if newly_done:
        record.completed_at = timezone.now()
    record.full_clean(validate_unique=False)
    record.save()
    if newly_done:
        _record_sco_statement(enrolment=enrolment, package=package, record=record)
    if package_done(enrolment=enrolment, package=package):
        try:
            complete_lesson(enrolment=enrolment, lesson=course_lesson)
        except EnrolmentError as error:
            # A lesson still locked in a sequential course keeps its SCORM data; the next
            # commit after the lessons before it are done completes it.
            if error.code != "locked":
                raise
    return record
