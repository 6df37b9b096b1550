"""Helpers that make complaints and survey responses through the real services."""

import itertools
import uuid

from cms.services import file_complaint, submit_survey_response
from cms.survey import ELEMENT_CODES

_numbers = itertools.count(1)


def make_complaint(**fields):
    number = next(_numbers)
    values = {
        "submission_key": uuid.uuid4(),
        "subject": f"Keluhan {number}",
        "message": "Video pelajaran tidak dapat diputar.",
        "response_days": 14,
    }
    values.update(fields)
    return file_complaint(**values)


def make_survey_response(score=3, scores=None, **fields):
    values = {
        "submission_key": uuid.uuid4(),
        "scores": scores or dict.fromkeys(ELEMENT_CODES, score),
        "gender": "female",
        "age": 35,
        "education": "bachelor",
        "occupation": "civil_servant",
    }
    values.update(fields)
    return submit_survey_response(**values)
