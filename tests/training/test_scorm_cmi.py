"""
The CMI data a SCO commits is checked against its version's data model, element by element
(vocabularies, real numbers and their ranges, durations, string lengths), and refused whole
with the SCORM error code the runtime reports to the SCO.
"""

import json

import pytest
from django.test import Client

from tests.training.scorm_factories import scorm_lesson
from training.models import LessonProgress, ScormProgress, ScormStatus
from training.scorm.cmi import MAX_SUSPEND_DATA, validate_commit
from training.scorm.errors import CmiError
from training.services import commit_scorm_data

# (CMI object, element refused, SCORM 1.2 error code): 405 for a wrong type and for a value
# out of range alike, as SCORM 1.2 has it.
WRONG_12 = [
    ({"core": {"lesson_status": "banana"}}, "cmi.core.lesson_status"),
    ({"core": {"exit": "timeout"}}, "cmi.core.exit"),  # 1.2 spells it "time-out"
    ({"core": {"score": {"raw": "abc"}}}, "cmi.core.score.raw"),
    ({"core": {"score": {"raw": "101"}}}, "cmi.core.score.raw"),
    ({"core": {"score": {"min": "-1"}}}, "cmi.core.score.min"),
    ({"core": {"score": {"max": True}}}, "cmi.core.score.max"),
    ({"core": {"lesson_location": "x" * 256}}, "cmi.core.lesson_location"),
    ({"core": {"session_time": "PT1M"}}, "cmi.core.session_time"),
    ({"suspend_data": "x" * (MAX_SUSPEND_DATA + 1)}, "cmi.suspend_data"),
    ({"suspend_data": 12}, "cmi.suspend_data"),
    ({"comments": "x" * 4097}, "cmi.comments"),
    ({"student_preference": {"audio": "101"}}, "cmi.student_preference.audio"),
    ({"student_preference": {"speed": "-101"}}, "cmi.student_preference.speed"),
    ({"student_preference": {"text": "2"}}, "cmi.student_preference.text"),
    ({"objectives": {"0": {"status": "done"}}}, "cmi.objectives.0.status"),
    ({"objectives": {"0": {"score": {"raw": "200"}}}}, "cmi.objectives.0.score.raw"),
    ({"interactions": {"0": {"type": "essay"}}}, "cmi.interactions.0.type"),
    ({"interactions": {"1": {"result": "incorrect"}}}, "cmi.interactions.1.result"),
    ({"interactions": {"0": {"weighting": "heavy"}}}, "cmi.interactions.0.weighting"),
    ({"interactions": {"0": {"latency": "soon"}}}, "cmi.interactions.0.latency"),
]

# (CMI object, element refused, SCORM 2004 error code): 406 type mismatch, 407 out of range.
WRONG_2004 = [
    ({"completion_status": "banana"}, "cmi.completion_status", 406),
    ({"success_status": "completed"}, "cmi.success_status", 406),
    ({"exit": "time-out"}, "cmi.exit", 406),  # 2004 spells it "timeout"
    ({"score": {"scaled": "7"}}, "cmi.score.scaled", 407),
    ({"score": {"scaled": "-1.5"}}, "cmi.score.scaled", 407),
    ({"score": {"scaled": "half"}}, "cmi.score.scaled", 406),
    ({"score": {"raw": "1e3"}}, "cmi.score.raw", 406),
    ({"score": {"max": "12345678"}}, "cmi.score.max", 407),
    ({"progress_measure": "1.2"}, "cmi.progress_measure", 407),
    ({"location": "x" * 1001}, "cmi.location", 407),
    ({"suspend_data": "x" * (MAX_SUSPEND_DATA + 1)}, "cmi.suspend_data", 407),
    ({"session_time": "00:10:00"}, "cmi.session_time", 406),
    ({"session_time": "PT"}, "cmi.session_time", 406),
    ({"learner_preference": {"audio_level": "-1"}}, "cmi.learner_preference.audio_level", 407),
    (
        {"learner_preference": {"delivery_speed": "fast"}},
        "cmi.learner_preference.delivery_speed",
        406,
    ),
    (
        {"learner_preference": {"audio_captioning": "2"}},
        "cmi.learner_preference.audio_captioning",
        406,
    ),
    (
        {"comments_from_learner": {"0": {"comment": "x" * 4001}}},
        "cmi.comments_from_learner.0.comment",
        407,
    ),
    ({"objectives": {"0": {"success_status": "ok"}}}, "cmi.objectives.0.success_status", 406),
    (
        {"objectives": [{"completion_status": "done"}]},
        "cmi.objectives.0.completion_status",
        406,
    ),
    ({"objectives": {"0": {"score": {"scaled": "2"}}}}, "cmi.objectives.0.score.scaled", 407),
    ({"objectives": {"0": {"progress_measure": "-0.1"}}}, "cmi.objectives.0.progress_measure", 407),
    ({"interactions": {"0": {"type": "essay"}}}, "cmi.interactions.0.type", 406),
    ({"interactions": {"0": {"result": "wrong"}}}, "cmi.interactions.0.result", 406),
    ({"interactions": {"0": {"latency": "5s"}}}, "cmi.interactions.0.latency", 406),
]


@pytest.mark.parametrize(("cmi", "element"), WRONG_12)
def test_each_kind_of_wrong_scorm_12_element_is_refused_with_its_code(cmi, element):
    with pytest.raises(CmiError) as raised:
        validate_commit(cmi, scorm_2004=False)
    assert (raised.value.element, raised.value.code) == (element, 405)


@pytest.mark.parametrize(("cmi", "element", "code"), WRONG_2004)
def test_each_kind_of_wrong_scorm_2004_element_is_refused_with_its_code(cmi, element, code):
    with pytest.raises(CmiError) as raised:
        validate_commit(cmi, scorm_2004=True)
    assert (raised.value.element, raised.value.code) == (element, code)


# What scorm-again 3.4.3 commits for a fresh SCO that set a few values (its JSON form).
RUNTIME_12 = {
    "suspend_data": "",
    "launch_data": "",
    "comments": "",
    "comments_from_lms": "",
    "core": {
        "student_id": "",
        "student_name": "",
        "lesson_location": "",
        "credit": "",
        "lesson_status": "not attempted",
        "entry": "",
        "lesson_mode": "normal",
        "exit": "",
        "session_time": "00:00:00",
        "score": {"raw": "50", "min": "", "max": "100"},
    },
    "objectives": {},
    "student_data": {"mastery_score": "", "max_time_allowed": "", "time_limit_action": ""},
    "student_preference": {"audio": "", "language": "", "speed": "", "text": ""},
    "interactions": {
        "0": {
            "id": "q1",
            "time": "",
            "type": "choice",
            "weighting": "",
            "student_response": "",
            "result": "",
            "latency": "",
            "objectives": {},
            "correct_responses": {},
        }
    },
}
RUNTIME_2004 = {
    "comments_from_learner": {},
    "comments_from_lms": {},
    "completion_status": "completed",
    "completion_threshold": "",
    "credit": "credit",
    "entry": "",
    "exit": "",
    "interactions": {
        "0": {
            "id": "q1",
            "type": "choice",
            "objectives": {},
            "timestamp": "",
            "weighting": "",
            "learner_response": "",
            "result": "correct",
            "latency": "",
            "description": "",
            "correct_responses": {},
        }
    },
    "launch_data": "",
    "learner_id": "1",
    "learner_name": "",
    "learner_preference": {
        "audio_level": "1",
        "language": "",
        "delivery_speed": "1",
        "audio_captioning": "0",
    },
    "location": "",
    "max_time_allowed": "",
    "mode": "normal",
    "objectives": {
        "0": {
            "id": "o1",
            "success_status": "passed",
            "completion_status": "unknown",
            "progress_measure": "",
            "description": "",
            "score": {"scaled": "", "raw": "", "min": "", "max": ""},
        }
    },
    "progress_measure": "",
    "scaled_passing_score": "",
    "score": {"scaled": "0.5", "raw": "", "min": "", "max": ""},
    "session_time": "PT0H0M0S",
    "success_status": "unknown",
    "suspend_data": "",
    "time_limit_action": "continue,no message",
}


@pytest.mark.parametrize(
    ("cmi", "scorm_2004"),
    [
        (RUNTIME_12, False),
        (RUNTIME_2004, True),
        ({"core": {"score": {"raw": "0"}, "exit": "time-out"}, "suspend_data": "x" * 64000}, False),
        ({"score": {"scaled": "-1", "raw": "-12.5"}, "exit": "normal", "location": ""}, True),
        ({"session_time": "PT1H2M3.5S", "interactions": {"0": {"result": "0.75"}}}, True),
        ({}, True),
    ],
)
def test_what_the_runtime_commits_is_accepted(cmi, scorm_2004):
    validate_commit(cmi, scorm_2004=scorm_2004)


@pytest.mark.django_db
def test_a_wrong_commit_stores_nothing_and_a_passed_sco_stays_passed():
    lesson, enrolment = scorm_lesson("RuntimeBasicCalls_SCORM20043rdEdition.zip")

    def commit(**cmi):
        return commit_scorm_data(
            enrolment=enrolment, lesson=lesson, item_identifier="item_1", cmi=cmi, session_key="a"
        )

    commit(completion_status="completed", success_status="passed", score={"scaled": "0.8"})
    for wrong in (
        {"completion_status": "banana"},
        {"completion_status": "completed", "score": {"scaled": "7"}},
        {"suspend_data": "x" * (MAX_SUSPEND_DATA + 1)},
    ):
        with pytest.raises(CmiError):
            commit(**wrong)
    record = ScormProgress.objects.get(enrolment=enrolment)
    assert (record.status, record.score_percent, record.suspend_data) == (
        ScormStatus.PASSED,
        80,
        "",
    )
    assert LessonProgress.objects.get(enrolment=enrolment, lesson=lesson).completed_at


@pytest.mark.django_db
def test_the_commit_endpoint_answers_the_scorm_error_code_and_stores_nothing():
    lesson, enrolment = scorm_lesson("RuntimeBasicCalls_SCORM20043rdEdition.zip")
    client = Client()
    client.force_login(enrolment.participant)
    url = f"/pelajaran/{lesson.pk}/scorm/data/"

    def post(cmi):
        body = json.dumps({"item": "item_1", "session": "s", "sequence": 1, "cmi": cmi})
        return client.post(url, body, content_type="application/json")

    response = post({"completion_status": "completed", "score": {"scaled": "7"}})
    assert response.status_code == 400
    assert response.json()["result"] == "false"
    assert response.json()["errorCode"] == 407, response.json()
    assert "cmi.score.scaled" in response.json()["errorMessage"]
    response = post({"completion_status": "banana"})
    assert response.json()["errorCode"] == 406
    assert not ScormProgress.objects.exists()
    assert post({"completion_status": "completed"}).json()["errorCode"] == 0
