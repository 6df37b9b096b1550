import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from accounts.nip import mask_nip, normalise_nip, parse_nip


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-11-28 10:00 +0800", tick=False):
        yield


def test_valid_nip_is_split_into_its_parts():
    parts = parse_nip("198503122010011001")

    assert parts.birth_date.isoformat() == "1985-03-12"
    assert (parts.appointment_year, parts.appointment_month) == (2010, 1)
    assert parts.sex == "1"
    assert parts.serial == "001"


@pytest.mark.parametrize(
    "raw", ["19850312 201001 1 001", "19850312.201001.1.001", " 198503122010011001 "]
)
def test_normalising_removes_group_separators(raw):
    assert normalise_nip(raw) == "198503122010011001"


@pytest.mark.parametrize(
    ("value", "code", "words"),
    [
        ("", "required", "required"),
        ("19850312201001100A", "not_digits", "digits only"),
        ("198503122010011", "length", "has 15"),
        ("1.98503122010011E+17", "not_digits", "digits only"),
        ("198513122010011001", "birth_date", "not a real date"),
        ("198502302010011001", "birth_date", "not a real date"),
        ("193001012000011001", "birth_date", "out of range"),
        ("198503122010131001", "appointment_month", "01–12"),
        ("198503121995011001", "appointment_date", "born in 1985"),
        ("198503122030011001", "appointment_date", "not possible"),
        ("198503122010013001", "sex", "must be 1 or 2"),
        ("198503122010011000", "serial", "cannot be 000"),
    ],
)
def test_invalid_nip_is_refused_with_its_reason(value, code, words):
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            parse_nip(value)
        error = raised.value.error_list[0]
        message = str(error.message) % (error.params or {})

    assert error.code == code
    assert words in message


def test_reason_is_translated_to_indonesian():
    with translation.override("id"):
        with pytest.raises(ValidationError) as raised:
            parse_nip("198503122010013001")
        # The message is translated when read, so it is read in the language asked for.
        message = raised.value.messages[0]

    assert "harus 1 atau 2" in message


def test_masked_nip_keeps_only_the_first_six_and_last_two_digits():
    assert mask_nip("198503122010011001") == "198503**********01"
    assert mask_nip("") == ""
