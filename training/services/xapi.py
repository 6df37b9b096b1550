"""
xAPI services: record a participant's learning as statements, and send them to the
configured learning record store.

A statement is written in the same transaction as the fact it reports (a lesson done, an
attempt graded, a SCORM package completed), so one exists exactly when the fact does. It is
sent after commit; it stays pending until the store acknowledges it (or answers that it
already holds it: a resend after a lost acknowledgement), and pending statements go out
oldest first whenever the store is reachable again (each new statement, the retrying
task and the periodic task all send them).
"""

import logging
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .. import xapi
from ..models import Attempt, AttemptStatus, Enrolment, LessonProgress, QuizKind, XapiStatement

logger = logging.getLogger(__name__)


def _queue_sending() -> None:
    if not settings.XAPI_LRS_URL:
        return
    from ..tasks import send_xapi_statements

    transaction.on_commit(send_xapi_statements.delay)


@transaction.atomic
def record_statement(
    *,
    participant,
    verb: xapi.Verb,
    object_activity: dict,
    source_key: str,
    enrolment: Enrolment | None = None,
    result: dict | None = None,
    moment=None,
) -> XapiStatement:
    """
    Record one statement about ``participant``; the same ``source_key`` twice keeps the first.

    ``object_activity`` is an xAPI Activity (see ``xapi.activity``); ``result`` an xAPI
    Result. The statement is queued for the learning record store when one is configured.
    """
    existing = XapiStatement.objects.filter(source_key=source_key).first()
    if existing is not None:
        return existing
    moment = moment or timezone.now()
    statement_id = uuid.uuid4()
    record = XapiStatement(
        statement_id=statement_id,
        participant=participant,
        enrolment=enrolment,
        source_key=source_key,
        verb=verb.id,
        object_id=object_activity["id"],
        timestamp=moment,
        statement=xapi.build_statement(
            statement_id=statement_id,
            participant=participant,
            verb=verb,
            object_activity=object_activity,
            moment=moment,
            enrolment=enrolment,
            result=result,
        ),
    )
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        # The same fact recorded by a concurrent request between the read and the write.
        return XapiStatement.objects.get(source_key=source_key)
    _queue_sending()
    return record


def record_lesson_completion(*, progress: LessonProgress) -> XapiStatement:
    """``completed`` the lesson, in the context of its course and batch."""
    lesson, enrolment = progress.lesson, progress.enrolment
    return record_statement(
        participant=enrolment.participant,
        enrolment=enrolment,
        verb=xapi.COMPLETED,
        object_activity=xapi.activity(
            "lesson", lesson.pk, name=lesson.title, activity_type=xapi.LESSON
        ),
        result={"completion": True},
        moment=progress.completed_at,
        source_key=f"lesson-completed:{progress.pk}",
    )


def record_attempt_result(*, attempt: Attempt) -> XapiStatement | None:
    """
    ``passed`` or ``failed`` a graded quiz attempt, with its score and duration; ``None``
    while the attempt still waits for grading. A regrade that changes the score is a new
    statement, as xAPI statements are never changed.
    """
    if attempt.status != AttemptStatus.GRADED:
        return None
    quiz, enrolment = attempt.quiz, attempt.enrolment
    result = {
        "score": xapi.score(raw=attempt.score, maximum=attempt.max_score),
        "success": bool(attempt.passed),
        "completion": True,
    }
    if attempt.submitted_at and attempt.started_at:
        result["duration"] = xapi.iso_duration(
            (attempt.submitted_at - attempt.started_at).total_seconds()
        )
    activity_type = xapi.MODULE if quiz.kind == QuizKind.MODULE else xapi.ASSESSMENT
    return record_statement(
        participant=enrolment.participant,
        enrolment=enrolment,
        verb=xapi.PASSED if attempt.passed else xapi.FAILED,
        object_activity=xapi.activity(
            "quiz", quiz.pk, name=quiz.title, activity_type=activity_type
        ),
        result=result,
        moment=attempt.submitted_at,
        source_key=f"attempt-graded:{attempt.pk}:{Decimal(attempt.score):f}",
    )


def record_scorm_completion(
    *,
    enrolment: Enrolment,
    package_key,
    title: str,
    attempt_key,
    success: bool | None = None,
    raw_score=None,
    max_score=None,
    min_score=0,
    moment=None,
) -> XapiStatement:
    """
    ``completed`` (or ``passed``/``failed`` when the package reports success) a SCORM
    package, for the SCORM player to call when a package reports completion.

    ``package_key`` names the package (its id), ``attempt_key`` the participant's attempt at
    it, so a package completed again in a new attempt is a new statement.
    """
    result = {"completion": True}
    if success is not None:
        result["success"] = success
    if raw_score is not None and max_score is not None:
        result["score"] = xapi.score(raw=raw_score, maximum=max_score, minimum=min_score)
    verb = xapi.COMPLETED if success is None else (xapi.PASSED if success else xapi.FAILED)
    return record_statement(
        participant=enrolment.participant,
        enrolment=enrolment,
        verb=verb,
        object_activity=xapi.activity("scorm", package_key, name=title, activity_type=xapi.LESSON),
        result=result,
        moment=moment,
        source_key=f"scorm-completed:{package_key}:{attempt_key}",
    )


#: ``last_error`` of a statement the store answered with 409 Conflict, marked sent all the same.
ALREADY_STORED = "HTTP 409 Conflict: the store already holds a statement with this id"


def _deliver(batch: list[XapiStatement]):
    """
    Post ``batch`` to the store: ``(acknowledged, already stored, failure)``.

    A 409 Conflict for a batch means the store holds at least one of its statements (a
    resend after a lost acknowledgement), not which, and a store rejects a batch whole, so
    the others may not be stored; the statements then go again one by one, oldest first.
    A single statement's 409 means the store holds that id: statements here never change,
    so it is the same statement, and resending could never change the answer. The first
    other failure stops the delivery; what was not acknowledged by then is returned as
    neither.
    """
    try:
        xapi.post_statements([record.statement for record in batch])
    except xapi.LrsConflict as conflict:
        if len(batch) == 1:
            return [], batch, None
        logger.info("xAPI batch conflicts (%s): sending its statements one by one", conflict)
    except xapi.LrsUnavailable as error:
        return [], [], error
    else:
        return batch, [], None
    acknowledged, stored = [], []
    for record in batch:
        try:
            xapi.post_statements([record.statement])
        except xapi.LrsConflict:
            stored.append(record)
        except xapi.LrsUnavailable as error:
            return acknowledged, stored, error
        else:
            acknowledged.append(record)
    return acknowledged, stored, None


def send_pending_statements(*, batch_size: int | None = None) -> int:
    """
    Send every pending statement to the learning record store, oldest first, in batches.

    A statement is marked sent only once the store acknowledged it, or answered that it
    already holds its id (409 Conflict, see ``_deliver``). Raises ``xapi.LrsUnavailable``
    when the store refuses or cannot be reached; what was not acknowledged stays pending.
    Returns how many statements were sent.
    """
    if not settings.XAPI_LRS_URL:
        return 0
    batch_size = batch_size or settings.XAPI_LRS_BATCH_SIZE
    sent = 0
    while True:
        with transaction.atomic():
            # The row locks keep two workers from sending the same batch at once (and the
            # second one waits, so order is kept).
            batch = list(XapiStatement.objects.pending().select_for_update()[:batch_size])
            if not batch:
                return sent
            acknowledged, stored, failure = _deliver(batch)
            now = timezone.now()
            attempted = F("send_attempts") + 1
            done = {record.pk for record in (*acknowledged, *stored)}
            XapiStatement.objects.filter(pk__in=[r.pk for r in acknowledged]).update(
                sent_at=now, send_attempts=attempted, last_error=""
            )
            XapiStatement.objects.filter(pk__in=[r.pk for r in stored]).update(
                sent_at=now, send_attempts=attempted, last_error=ALREADY_STORED
            )
            if failure is not None:
                # Leave the block normally so the counters are committed, then raise.
                XapiStatement.objects.filter(
                    pk__in=[r.pk for r in batch if r.pk not in done]
                ).update(send_attempts=attempted, last_error=str(failure)[:1000])
            sent += len(done)
        if failure is not None:
            logger.warning("xAPI statements stay pending: %s", failure)
            raise failure
