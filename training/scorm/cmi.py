"""
The run-time (CMI) data of a SCO: reading what the runtime commits and building what it is
given back on the next launch, for SCORM 1.2 (``cmi.core.*``) and 2004 (``cmi.*``).

Only the elements the platform acts on are read; the whole object is kept as it came.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..models.scorm import ScormStatus

MAX_SUSPEND_DATA = 64000  # SCORM 2004's SPM; 1.2 allows 4096 and SCOs rarely exceed it
MAX_LOCATION = 1000

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
