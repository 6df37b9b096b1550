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

from ..models import (
    Enrolment,
    EnrolmentStatus,
    LessonPage,
    ScormNoApiCompletion,
    ScormPackage,
    ScormProgress,
    ScormStatus,
)
from ..scorm.cmi import read_commit, validate_commit
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
        if not existing.sequencing:
            # Imported before the navigation was read: importing it again reads it.
            existing.sequencing = checked.manifest.sequencing
            existing.save(update_fields=["sequencing"])
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
        sequencing=manifest.sequencing,
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


def roll_up(package: ScormPackage, records) -> dict:
    """
    SCORM 2004's default rollup of the package's SCOs to the lesson (no rollup rules):
    completion ``completed`` when every SCO is completed (or passed), ``incomplete`` once one
    was attempted, else ``not attempted``; success ``passed`` when every SCO is passed,
    ``failed`` when any SCO failed, else ``unknown``. ``records`` are the enrolment's
    ``ScormProgress`` rows of the package.
    """
    sco_ids = [item["identifier"] for item in package.launchable_items if item.get("sco")]
    by_item = {record.item_identifier: record for record in records}
    rows = [by_item.get(identifier) for identifier in sco_ids]
    if sco_ids and all(row is not None and row.is_done for row in rows):
        completion = "completed"
    elif any(row is not None and row.status != ScormStatus.NOT_ATTEMPTED for row in rows):
        completion = "incomplete"
    else:
        completion = "not attempted"

    def success_of(row):
        if row is None:
            return "unknown"
        if row.success_status in ("passed", "failed"):
            return row.success_status
        return {ScormStatus.PASSED: "passed", ScormStatus.FAILED: "failed"}.get(
            row.status, "unknown"
        )

    successes = [success_of(row) for row in rows]
    if "failed" in successes:
        success = "failed"
    elif successes and all(value == "passed" for value in successes):
        success = "passed"
    else:
        success = "unknown"
    return {"completion": completion, "success": success}


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

    The CMI object is checked against its version's data model first (``validate_commit``):
    a wrong element raises ``CmiError`` (with the SCORM error code) and nothing is stored.
    """
    package = _check_can_record(enrolment, lesson, item_identifier)
    validate_commit(cmi, scorm_2004=package.is_scorm_2004)
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
    _save_and_roll_up(record, enrolment=enrolment, package=package, lesson=course_lesson)
    return record


def _save_and_roll_up(record, *, enrolment, package, lesson) -> None:
    """Save a SCO's record; once every SCO is done, complete the lesson."""
    newly_done = record.is_done and record.completed_at is None
    if newly_done:
        record.completed_at = timezone.now()
    record.full_clean(validate_unique=False)
    record.save()
    if newly_done:
        _record_sco_statement(enrolment=enrolment, package=package, record=record)
    if package_done(enrolment=enrolment, package=package):
        try:
            complete_lesson(enrolment=enrolment, lesson=lesson)
        except EnrolmentError as error:
            # A lesson still locked in a sequential course keeps its SCORM data; the next
            # commit after the lessons before it are done completes it.
            if error.code != "locked":
                raise


def _check_can_record(enrolment, lesson, item_identifier) -> ScormPackage:
    if enrolment.status != EnrolmentStatus.ACTIVE:
        raise EnrolmentError(
            _("Only an active enrolment can make progress."), code="enrolment_not_active"
        )
    package = lesson.scorm_package
    if package is None or package.item(item_identifier) is None:
        raise EnrolmentError(_("This activity is not part of the lesson."), code="unknown_item")
    return package


@transaction.atomic
def record_scorm_visit(
    *,
    enrolment: Enrolment,
    lesson: LessonPage,
    item_identifier: str,
    session_key: str,
    left: bool = False,
) -> ScormProgress | None:
    """
    Record that an item of the lesson's package was opened, or (``left``) left again by a
    launch that never called the runtime's API.

    An asset (a plain file, not a SCO) is "viewed" once opened. A SCO left without a single
    API call is completed, as SCORM 2004 has the LMS do when the content sets no completion
    (``completionSetByContent="false"``, the default), or "viewed" when the package says such
    items do not count (``ScormNoApiCompletion.MARK_DONE``; the lesson is then marked done by
    hand). Idempotent and never a step back: a launch that committed, or an item already
    further on, is left as it is. Returns the record, or ``None`` when nothing applies.
    """
    package = _check_can_record(enrolment, lesson, item_identifier)
    item = package.item(item_identifier)
    if item.get("sco") and not left:
        return None
    course_lesson = lesson_in_course_locale(enrolment=enrolment, lesson=lesson)
    record = _progress_record(enrolment, package, item_identifier)
    session_key = (session_key or "-")[:MAX_SESSION_KEY]
    if record.status not in (ScormStatus.NOT_ATTEMPTED, ScormStatus.VIEWED):
        return record
    if item.get("sco") and session_key in record.sessions:
        return record  # this launch called the API: its own commits decide
    completes = item.get("sco") and package.completion_without_api == ScormNoApiCompletion.COMPLETED
    if completes:
        record.status = ScormStatus.COMPLETED
        record.completion_status = "completed"
    elif record.status == ScormStatus.VIEWED:
        return record
    else:
        record.status = ScormStatus.VIEWED
    record.sessions = {**record.sessions, session_key: {"seconds": 0, "sequence": 0}}
    _save_and_roll_up(record, enrolment=enrolment, package=package, lesson=course_lesson)
    return record
