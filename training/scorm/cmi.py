"""
The run-time (CMI) data of a SCO: reading what the runtime commits and building what it is
given back on the next launch, for SCORM 1.2 (``cmi.core.*``) and 2004 (``cmi.*``).

Before anything is read, ``validate_commit`` checks every element the platform knows against
the data model's vocabularies, types and ranges (SCORM 1.2 RTE 3.4, SCORM 2004 RTE 4.2);
a commit with one wrong element is refused whole, with the SCORM error code. Only the
elements the platform acts on are read; the whole object is kept as it came.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..models.scorm import ScormStatus
from .errors import CmiError

# SCORM 2004's smallest permitted maximum (SPM) of cmi.suspend_data. SCORM 1.2 says 4096, but
# authoring tools write more to 1.2 SCOs and the runtime accepts it: both versions get 64000.
MAX_SUSPEND_DATA = 64000
MAX_LOCATION = 1000  # 2004's SPM of cmi.location; 1.2's lesson_location is CMIString255
MAX_LOCATION_12 = 255

_SCORM12_TIME = re.compile(r"^(\d{1,4}):([0-5]?\d):([0-5]?\d)(?:\.\d{1,2})?$")
_ISO_DURATION = re.compile(
    r"^P(?:(?P<years>\d+(?:\.\d+)?)Y)?(?:(?P<months>\d+(?:\.\d+)?)M)?(?:(?P<days>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)
_SECONDS = {
    "years": 365 * 86400,
    "months": 30 * 86400,
    "days": 86400,
    "hours": 3600,
    "minutes": 60,
    "seconds": 1,
}


def parse_session_time(value) -> int:
    """Whole seconds of a SCORM 1.2 ``HHHH:MM:SS.SS`` or 2004 ISO 8601 duration; 0 if unreadable."""
    text = str(value or "").strip()
    match = _SCORM12_TIME.match(text)
    if match:
        hours, minutes, seconds = (int(part) for part in match.groups())
        return hours * 3600 + minutes * 60 + seconds
    match = _ISO_DURATION.match(text)
    if match and text not in ("P", "PT"):
        return int(
            sum(
                float(amount) * _SECONDS[unit]
                for unit, amount in match.groupdict().items()
                if amount
            )
        )
    return 0


def format_scorm12_time(seconds: int) -> str:
    hours, rest = divmod(max(0, seconds), 3600)
    return f"{min(hours, 9999):04d}:{rest // 60:02d}:{rest % 60:02d}.00"


def format_iso_duration(seconds: int) -> str:
    hours, rest = divmod(max(0, seconds), 3600)
    return f"PT{hours}H{rest // 60}M{rest % 60}S"


_REAL = re.compile(r"^-?(?:\d+(?:\.\d*)?|\.\d+)$")
_TIMESPAN_12 = re.compile(r"^\d{2,4}:\d{2}:\d{2}(?:\.\d{1,2})?$")

LESSON_STATUS_12 = ("passed", "completed", "failed", "incomplete", "browsed", "not attempted")
EXIT_12 = ("time-out", "suspend", "logout", "")
INTERACTION_TYPES_12 = (
    "true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert",
    "numeric",
)  # fmt: skip
RESULTS_12 = ("correct", "wrong", "unanticipated", "neutral")
COMPLETION_STATUS = ("completed", "incomplete", "not attempted", "unknown")
SUCCESS_STATUS = ("passed", "failed", "unknown")
EXIT_2004 = ("timeout", "suspend", "logout", "normal", "")
INTERACTION_TYPES_2004 = (*INTERACTION_TYPES_12, "long-fill-in", "other")
RESULTS_2004 = ("correct", "incorrect", "unanticipated", "neutral")


class _Rules:
    """One version's error codes and how it checks a kind of value."""

    def __init__(self, *, type_code: int, range_code: int):
        self.type_code = type_code
        self.range_code = range_code

    @staticmethod
    def _blank(value) -> bool:
        return value is None or value == ""

    def vocabulary(self, element, value, allowed, *, or_real=False):
        if self._blank(value):
            return  # not set: the runtime's default (or the record's) stands
        if isinstance(value, str) and value in allowed:
            return
        if or_real and isinstance(value, str) and _REAL.match(value):
            return
        raise CmiError(element, self.type_code, "not one of the allowed values")

    def real(self, element, value, *, low=None, high=None):
        if self._blank(value):
            return
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise CmiError(element, self.type_code, "not a number")
        text = str(value).strip()
        if not _REAL.match(text):
            raise CmiError(element, self.type_code, "not a number")
        number = Decimal(text)
        if abs(number) >= Decimal("1e6"):
            raise CmiError(element, self.range_code, "out of range")
        if (low is not None and number < low) or (high is not None and number > high):
            raise CmiError(element, self.range_code, "out of range")

    def string(self, element, value, limit: int):
        if self._blank(value):
            return
        if not isinstance(value, str):
            raise CmiError(element, self.type_code, "not a character string")
        if len(value) > limit:
            raise CmiError(element, self.range_code, f"longer than {limit} characters")

    def pattern(self, element, value, regex: re.Pattern, extra_check=None):
        if self._blank(value):
            return
        if (
            not isinstance(value, str)
            or not regex.match(value)
            or (extra_check is not None and not extra_check(value))
        ):
            raise CmiError(element, self.type_code, "not in the required format")


_RULES_12 = _Rules(type_code=405, range_code=405)
_RULES_2004 = _Rules(type_code=406, range_code=407)


def _mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


def _children(value) -> list[tuple[str, dict]]:
    """The records of a collection (``interactions``, ``objectives``), as index and record."""
    if isinstance(value, dict):
        entries = value.get("childArray", value)
        if isinstance(entries, list):
            return [(str(index), _mapping(entry)) for index, entry in enumerate(entries)]
        return [(str(index), _mapping(entry)) for index, entry in entries.items()]
    if isinstance(value, list):
        return [(str(index), _mapping(entry)) for index, entry in enumerate(value)]
    return []


def _is_duration(text: str) -> bool:
    return text not in ("P", "PT") and not text.endswith("T")


def _validate_12(cmi: dict) -> None:
    rules = _RULES_12
    core = _mapping(cmi.get("core"))
    rules.vocabulary("cmi.core.lesson_status", core.get("lesson_status"), LESSON_STATUS_12)
    rules.vocabulary("cmi.core.exit", core.get("exit"), EXIT_12)
    rules.string("cmi.core.lesson_location", core.get("lesson_location"), MAX_LOCATION_12)
    rules.pattern("cmi.core.session_time", core.get("session_time"), _TIMESPAN_12)
    score = _mapping(core.get("score"))
    for name in ("raw", "min", "max"):
        rules.real(f"cmi.core.score.{name}", score.get(name), low=0, high=100)
    rules.string("cmi.suspend_data", cmi.get("suspend_data"), MAX_SUSPEND_DATA)
    rules.string("cmi.comments", cmi.get("comments"), 4096)
    preference = _mapping(cmi.get("student_preference"))
    rules.real("cmi.student_preference.audio", preference.get("audio"), low=-1, high=100)
    rules.real("cmi.student_preference.speed", preference.get("speed"), low=-100, high=100)
    rules.real("cmi.student_preference.text", preference.get("text"), low=-1, high=1)
    for index, objective in _children(cmi.get("objectives")):
        prefix = f"cmi.objectives.{index}"
        rules.vocabulary(f"{prefix}.status", objective.get("status"), (*LESSON_STATUS_12, ""))
        objective_score = _mapping(objective.get("score"))
        for name in ("raw", "min", "max"):
            rules.real(f"{prefix}.score.{name}", objective_score.get(name), low=0, high=100)
    for index, interaction in _children(cmi.get("interactions")):
        prefix = f"cmi.interactions.{index}"
        rules.vocabulary(f"{prefix}.type", interaction.get("type"), (*INTERACTION_TYPES_12, ""))
        rules.vocabulary(
            f"{prefix}.result", interaction.get("result"), (*RESULTS_12, ""), or_real=True
        )
        rules.real(f"{prefix}.weighting", interaction.get("weighting"))
        rules.pattern(f"{prefix}.latency", interaction.get("latency"), _TIMESPAN_12)


def _validate_2004(cmi: dict) -> None:
    rules = _RULES_2004
    rules.vocabulary("cmi.completion_status", cmi.get("completion_status"), COMPLETION_STATUS)
    rules.vocabulary("cmi.success_status", cmi.get("success_status"), SUCCESS_STATUS)
    rules.vocabulary("cmi.exit", cmi.get("exit"), EXIT_2004)
    rules.string("cmi.location", cmi.get("location"), MAX_LOCATION)
    rules.string("cmi.suspend_data", cmi.get("suspend_data"), MAX_SUSPEND_DATA)
    rules.pattern("cmi.session_time", cmi.get("session_time"), _ISO_DURATION, _is_duration)
    rules.real("cmi.progress_measure", cmi.get("progress_measure"), low=0, high=1)
    score = _mapping(cmi.get("score"))
    rules.real("cmi.score.scaled", score.get("scaled"), low=-1, high=1)
    for name in ("raw", "min", "max"):
        rules.real(f"cmi.score.{name}", score.get(name))
    preference = _mapping(cmi.get("learner_preference"))
    rules.real("cmi.learner_preference.audio_level", preference.get("audio_level"), low=0)
    rules.real("cmi.learner_preference.delivery_speed", preference.get("delivery_speed"), low=0)
    rules.vocabulary(
        "cmi.learner_preference.audio_captioning",
        preference.get("audio_captioning"),
        ("-1", "0", "1", ""),
    )
    for index, comment in _children(cmi.get("comments_from_learner")):
        prefix = f"cmi.comments_from_learner.{index}"
        rules.string(f"{prefix}.comment", comment.get("comment"), 4000)
        rules.string(f"{prefix}.location", comment.get("location"), 250)
    for index, objective in _children(cmi.get("objectives")):
        prefix = f"cmi.objectives.{index}"
        rules.vocabulary(
            f"{prefix}.success_status", objective.get("success_status"), (*SUCCESS_STATUS, "")
        )
        rules.vocabulary(
            f"{prefix}.completion_status",
            objective.get("completion_status"),
            (*COMPLETION_STATUS, ""),
        )
        rules.real(f"{prefix}.progress_measure", objective.get("progress_measure"), low=0, high=1)
        objective_score = _mapping(objective.get("score"))
        rules.real(f"{prefix}.score.scaled", objective_score.get("scaled"), low=-1, high=1)
        for name in ("raw", "min", "max"):
            rules.real(f"{prefix}.score.{name}", objective_score.get(name))
    for index, interaction in _children(cmi.get("interactions")):
        prefix = f"cmi.interactions.{index}"
        rules.vocabulary(f"{prefix}.type", interaction.get("type"), (*INTERACTION_TYPES_2004, ""))
        rules.vocabulary(
            f"{prefix}.result", interaction.get("result"), (*RESULTS_2004, ""), or_real=True
        )
        rules.real(f"{prefix}.weighting", interaction.get("weighting"))
        rules.pattern(f"{prefix}.latency", interaction.get("latency"), _ISO_DURATION, _is_duration)


def validate_commit(cmi, *, scorm_2004: bool) -> None:
    """
    Check a committed CMI object (the runtime's JSON form) against the data model of its
    SCORM version: vocabularies (statuses, exit, interaction types and results), real numbers
    and their ranges (scores, progress measure, preferences), durations, and the lengths of
    character strings (bookmark, suspend data, comments). Raise ``CmiError`` with the element
    and the SCORM error code at the first wrong element; read-only and unknown elements are
    not checked (the runtime refuses a SCO's writes to them, the server reads none of them).
    """
    if not isinstance(cmi, dict):
        raise CmiError("cmi", 406 if scorm_2004 else 405, "not an object")
    if scorm_2004:
        _validate_2004(cmi)
    else:
        _validate_12(cmi)


def _decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or abs(number) >= Decimal("1e6"):
        return None
    return number.quantize(Decimal("0.0001"))


def _text(value, limit: int) -> str:
    return str(value)[:limit] if value is not None else ""


@dataclass
class CommittedData:
    """The elements of one commit the platform acts on."""

    status: str
    completion_status: str
    success_status: str
    score_raw: Decimal | None
    score_min: Decimal | None
    score_max: Decimal | None
    score_scaled: Decimal | None
    location: str
    suspend_data: str
    exit: str
    session_seconds: int


def read_commit(cmi: dict, *, scorm_2004: bool, finished: bool = False) -> CommittedData:
    """
    Read a committed CMI object (the runtime's JSON form) of either SCORM version.

    ``finished``: the commit is the SCO's last (LMSFinish/Terminate). A SCORM 1.2 SCO that
    finishes without having set a status is completed by the LMS (SCORM 1.2 Run-Time
    Environment, ``cmi.core.lesson_status``, "Additional Behavior Requirements"); only the
    LMS may set "not attempted", so that status at the finish means the SCO set none.
    SCORM 2004 forbids the LMS to imply a completion status, so nothing is inferred there.
    """
    cmi = cmi if isinstance(cmi, dict) else {}
    if scorm_2004:
        score = cmi.get("score") if isinstance(cmi.get("score"), dict) else {}
        completion = str(cmi.get("completion_status") or "unknown")
        success = str(cmi.get("success_status") or "unknown")
        if success == "passed":
            status = ScormStatus.PASSED
        elif completion == "completed":
            status = ScormStatus.COMPLETED
        elif success == "failed":
            status = ScormStatus.FAILED
        elif completion in ("incomplete", "unknown") and cmi.get("location"):
            status = ScormStatus.INCOMPLETE
        else:
            status = (
                ScormStatus.INCOMPLETE if completion == "incomplete" else ScormStatus.NOT_ATTEMPTED
            )
        return CommittedData(
            status=status,
            completion_status=completion[:20],
            success_status=success[:20],
            score_raw=_decimal(score.get("raw")),
            score_min=_decimal(score.get("min")),
            score_max=_decimal(score.get("max")),
            score_scaled=_decimal(score.get("scaled")),
            location=_text(cmi.get("location"), MAX_LOCATION),
            suspend_data=_text(cmi.get("suspend_data"), MAX_SUSPEND_DATA),
            exit=_text(cmi.get("exit"), 20),
            session_seconds=parse_session_time(cmi.get("session_time")),
        )
    core = cmi.get("core") if isinstance(cmi.get("core"), dict) else {}
    score = core.get("score") if isinstance(core.get("score"), dict) else {}
    lesson_status = str(core.get("lesson_status") or "not attempted")
    if finished and lesson_status == "not attempted":
        lesson_status = "completed"
    status = {
        "passed": ScormStatus.PASSED,
        "completed": ScormStatus.COMPLETED,
        "failed": ScormStatus.FAILED,
        "incomplete": ScormStatus.INCOMPLETE,
        "browsed": ScormStatus.INCOMPLETE,
    }.get(lesson_status, ScormStatus.NOT_ATTEMPTED)
    return CommittedData(
        status=status,
        completion_status=lesson_status[:20],
        success_status="",
        score_raw=_decimal(score.get("raw")),
        score_min=_decimal(score.get("min")),
        score_max=_decimal(score.get("max")),
        score_scaled=None,
        location=_text(core.get("lesson_location"), MAX_LOCATION),
        suspend_data=_text(cmi.get("suspend_data"), MAX_SUSPEND_DATA),
        exit=_text(core.get("exit"), 20),
        session_seconds=parse_session_time(core.get("session_time")),
    )


def _score(progress, *, scaled: bool) -> dict:
    score = {}
    for name in ("raw", "min", "max") + (("scaled",) if scaled else ()):
        value = getattr(progress, f"score_{name}")
        if value is not None:
            score[name] = format(value.normalize(), "f")
    return score


def launch_data(progress, *, scorm_2004: bool, learner_id: str, learner_name: str) -> dict:
    """
    The CMI object a SCO is launched with: who the learner is and, on a return, the status,
    score, bookmark, suspend data, accumulated time and whether it resumes.
    """
    resumed = progress is not None and progress.exit == "suspend"
    total = progress.time_seconds if progress is not None else 0
    if scorm_2004:
        data = {
            "learner_id": learner_id,
            "learner_name": learner_name,
            "entry": "resume" if resumed else "ab-initio",
            "total_time": format_iso_duration(total),
        }
        if progress is not None:
            if progress.completion_status and progress.completion_status != "unknown":
                data["completion_status"] = progress.completion_status
            if progress.success_status and progress.success_status != "unknown":
                data["success_status"] = progress.success_status
            if progress.location:
                data["location"] = progress.location
            if progress.suspend_data:
                data["suspend_data"] = progress.suspend_data
            if score := _score(progress, scaled=True):
                data["score"] = score
        return data
    core = {
        "student_id": learner_id,
        "student_name": learner_name,
        "entry": "resume" if resumed else "ab-initio" if progress is None else "",
        "total_time": format_scorm12_time(total),
    }
    data = {"core": core}
    if progress is not None:
        if progress.completion_status:
            core["lesson_status"] = progress.completion_status
        if progress.location:
            core["lesson_location"] = progress.location
        if score := _score(progress, scaled=False):
            core["score"] = score
        if progress.suspend_data:
            data["suspend_data"] = progress.suspend_data
    return data
