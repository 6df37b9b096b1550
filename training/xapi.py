"""
xAPI 1.0.3 vocabulary and statement building, and the client of an external learning
record store (LRS).

Statements name the participant by an account on this site (``homePage`` is ``SITE_URL``,
``name`` the user's id), never by NIP or e-mail. Verbs come from the ADL vocabulary;
activity ids live under ``SITE_URL/xapi/activities/``. Recording and sending are services
(``training.services.xapi``); this module only builds and transports JSON.
"""

import base64
import datetime
import json
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

XAPI_VERSION = "1.0.3"


@dataclass(frozen=True)
class Verb:
    """An ADL verb: its IRI and its display names."""

    id: str
    display_en: str
    display_id: str

    def as_json(self) -> dict:
        return {"id": self.id, "display": {"en-US": self.display_en, "id": self.display_id}}


COMPLETED = Verb("http://adlnet.gov/expapi/verbs/completed", "completed", "menyelesaikan")
PASSED = Verb("http://adlnet.gov/expapi/verbs/passed", "passed", "lulus")
FAILED = Verb("http://adlnet.gov/expapi/verbs/failed", "failed", "tidak lulus")
SCORED = Verb("http://adlnet.gov/expapi/verbs/scored", "scored", "memperoleh nilai")

#: What the site shows for each verb it records.
VERB_LABELS = {
    COMPLETED.id: _("completed"),
    PASSED.id: _("passed"),
    FAILED.id: _("failed"),
    SCORED.id: _("scored"),
}

COURSE = "http://adlnet.gov/expapi/activities/course"
LESSON = "http://adlnet.gov/expapi/activities/lesson"
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
MODULE = "http://adlnet.gov/expapi/activities/module"
# Batches (angkatan) have no ADL activity type; this site's IRI names them.
BATCH_TYPE_PATH = "/xapi/activity-types/batch"


class LrsUnavailable(Exception):
    """The learning record store did not acknowledge the statements (down, refused, error)."""


class LrsConflict(Exception):
    """
    The store answered 409 Conflict: it already holds a statement with an id that was sent.

    xAPI 1.0.3 lets a store answer a statement id it already has with 409 or 204 (never
    changing what it holds), and a store rejects a batch as a whole: a batch's 409 says that
    at least one of its statements is there, not which, nor that the others are.
    """


def activity_id(kind: str, key) -> str:
    """The IRI of an activity of this site, e.g. ``…/xapi/activities/lesson/42``."""
    return f"{settings.SITE_URL}/xapi/activities/{kind}/{key}"


def activity(kind: str, key, *, name: str, activity_type: str, language: str = "id") -> dict:
    return {
        "objectType": "Activity",
        "id": activity_id(kind, key),
        "definition": {"name": {language: name or str(key)}, "type": activity_type},
    }


def actor_for(participant) -> dict:
    """The participant as an xAPI Agent with an account on this site."""
    actor = {
        "objectType": "Agent",
        "account": {"homePage": settings.SITE_URL, "name": str(participant.pk)},
    }
    name = participant.get_full_name()
    if name:
        actor["name"] = name
    return actor


def registration_for(enrolment) -> str:
    """A stable UUID per enrolment, the xAPI ``registration`` that groups its statements."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, activity_id("enrolment", enrolment.pk)))


def context_for(enrolment) -> dict:
    """The course as parent and the batch as grouping of a statement made in an enrolment."""
    batch = enrolment.batch
    course = batch.course
    return {
        "registration": registration_for(enrolment),
        "platform": "Bimtek",
        "language": course.locale.language_code if course.locale_id else "id",
        "contextActivities": {
            "parent": [activity("course", course.pk, name=course.title, activity_type=COURSE)],
            "grouping": [
                activity(
                    "batch",
                    batch.pk,
                    name=batch.name,
                    activity_type=f"{settings.SITE_URL}{BATCH_TYPE_PATH}",
                )
            ],
        },
    }


def score(*, raw, maximum, minimum=0) -> dict:
    """An xAPI score: ``scaled`` in [0, 1] and the raw points between ``min`` and ``max``."""
    raw, maximum, minimum = Decimal(str(raw)), Decimal(str(maximum)), Decimal(str(minimum))
    scaled = (raw - minimum) / (maximum - minimum) if maximum > minimum else Decimal(0)
    return {
        "scaled": float(round(scaled, 4)),
        "raw": float(raw),
        "min": float(minimum),
        "max": float(maximum),
    }


def iso_duration(seconds: float) -> str:
    """An ISO 8601 duration such as ``PT754.5S``, as xAPI writes result durations."""
    return f"PT{max(0, round(seconds, 2)):g}S"


def timestamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def build_statement(
    *,
    statement_id: uuid.UUID,
    participant,
    verb: Verb,
    object_activity: dict,
    moment: datetime.datetime,
    enrolment=None,
    result: dict | None = None,
) -> dict:
    """A complete statement; ``stored`` and ``authority`` are left to the LRS."""
    statement = {
        "id": str(statement_id),
        "actor": actor_for(participant),
        "verb": verb.as_json(),
        "object": object_activity,
        "timestamp": timestamp(moment),
    }
    if result:
        statement["result"] = result
    if enrolment is not None:
        statement["context"] = context_for(enrolment)
    return statement


def verb_label(verb_id: str) -> str:
    """The verb as the site shows it; an unknown IRI by its last segment."""
    return VERB_LABELS.get(verb_id, verb_id.rsplit("/", 1)[-1])


def activity_name(statement: dict) -> str:
    """The name of a statement's object (in any language it has), else its id."""
    names = statement["object"].get("definition", {}).get("name", {})
    return next(iter(names.values()), statement["object"]["id"])


def course_name(statement: dict) -> str:
    """The name of the course the statement was made in (its parent activity), if any."""
    parents = statement.get("context", {}).get("contextActivities", {}).get("parent", [])
    return activity_name({"object": parents[0]}) if parents else ""


def score_percent(statement: dict) -> int | None:
    """The scaled score of the statement's result as a whole percentage, if it has one."""
    score = statement.get("result", {}).get("score")
    if not score or score.get("scaled") is None:
        return None
    return round(score["scaled"] * 100)


def json_array(statements):
    """A JSON array of ``statements``, written one statement at a time (for streaming)."""
    yield "["
    for index, statement in enumerate(statements):
        yield ("," if index else "") + "\n" + json.dumps(statement, ensure_ascii=False)
    yield "\n]\n"


def post_statements(statements: list[dict]) -> None:
    """
    POST statements to ``XAPI_LRS_URL``/statements with basic authentication.

    Returns when the store acknowledged them (2xx); raises ``LrsConflict`` on 409 Conflict
    and ``LrsUnavailable`` on any other failure.
    """
    request = urllib.request.Request(
        f"{settings.XAPI_LRS_URL}/statements",
        data=json.dumps(statements).encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Experience-API-Version": XAPI_VERSION,
        },
    )
    if settings.XAPI_LRS_USERNAME or settings.XAPI_LRS_PASSWORD:
        credentials = f"{settings.XAPI_LRS_USERNAME}:{settings.XAPI_LRS_PASSWORD}".encode()
        request.add_header("Authorization", f"Basic {base64.b64encode(credentials).decode()}")
    try:
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310 (configured URL)
            response.read()
    except urllib.error.HTTPError as error:
        if error.code == 409:
            raise LrsConflict(f"HTTP 409: {error.read()[:500]!r}") from error
        raise LrsUnavailable(f"HTTP {error.code}: {error.read()[:500]!r}") from error
    except (urllib.error.URLError, OSError) as error:
        raise LrsUnavailable(str(getattr(error, "reason", error))) from error
