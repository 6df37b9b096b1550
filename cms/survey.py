"""
The public-satisfaction survey (SKM) of PermenPANRB 14/2017: its nine elements, the
four-point scale, the survey periods and the index arithmetic.

The index follows the regulation: the mean score of each element (NRR) is weighted by
0.111 (one ninth, as the regulation rounds it), the weighted means are summed, and the sum
is converted to a 25–100 scale by multiplying by 25. The converted value falls into one of
four quality categories (A very good … D not good).
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

ELEMENT_WEIGHT = Decimal("0.111")
CONVERSION_FACTOR = Decimal("25")
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class SurveyElement:
    """One element (unsur) of the survey, with its question and the labels of scores 1–4."""

    code: str
    label: str
    question: str
    answers: tuple


ELEMENTS = (
    SurveyElement(
        "u1",
        _("Requirements"),
        _("How well do the service requirements fit the type of service?"),
        (_("Not appropriate"), _("Less appropriate"), _("Appropriate"), _("Very appropriate")),
    ),
    SurveyElement(
        "u2",
        _("System, mechanism and procedure"),
        _("How easy is the service procedure to follow?"),
        (_("Not easy"), _("Less easy"), _("Easy"), _("Very easy")),
    ),
    SurveyElement(
        "u3",
        _("Completion time"),
        _("How quickly is the service delivered?"),
        (_("Not quick"), _("Less quick"), _("Quick"), _("Very quick")),
    ),
    SurveyElement(
        "u4",
        _("Cost or fee"),
        _("How reasonable is the cost of the service?"),
        (_("Very expensive"), _("Fairly expensive"), _("Cheap"), _("Free of charge")),
    ),
    SurveyElement(
        "u5",
        _("Service product"),
        _("How well does the service product match what the service standard promises?"),
        (_("Not appropriate"), _("Less appropriate"), _("Appropriate"), _("Very appropriate")),
    ),
    SurveyElement(
        "u6",
        _("Competence of implementers"),
        _("How competent are the staff and trainers who serve you?"),
        (_("Not competent"), _("Less competent"), _("Competent"), _("Very competent")),
    ),
    SurveyElement(
        "u7",
        _("Behaviour of implementers"),
        _("How polite and friendly are the staff and trainers?"),
        (
            _("Not polite and friendly"),
            _("Less polite and friendly"),
            _("Polite and friendly"),
            _("Very polite and friendly"),
        ),
    ),
    SurveyElement(
        "u8",
        _("Handling of complaints, suggestions and feedback"),
        _("How are complaints, suggestions and feedback handled?"),
        (
            _("There is no channel"),
            _("There is a channel but it does not work"),
            _("It works but not fully"),
            _("It is handled well"),
        ),
    ),
    SurveyElement(
        "u9",
        _("Facilities and infrastructure"),
        _("How good are the facilities and infrastructure (including this website)?"),
        (_("Poor"), _("Fair"), _("Good"), _("Very good")),
    ),
)
ELEMENT_CODES = tuple(element.code for element in ELEMENTS)


@dataclass(frozen=True)
class QualityCategory:
    """A quality category of the converted index, with its lowest value."""

    letter: str
    minimum: Decimal
    label: str


# The interval of the converted value (25–100) for each category, as PermenPANRB 14/2017
# sets them: A 88.31–100.00, B 76.61–88.30, C 65.00–76.60, D 25.00–64.99.
CATEGORIES = (
    QualityCategory("A", Decimal("88.31"), _("Very good")),
    QualityCategory("B", Decimal("76.61"), _("Good")),
    QualityCategory("C", Decimal("65.00"), _("Less good")),
    QualityCategory("D", Decimal("25.00"), _("Not good")),
)


def category_for(converted_value: Decimal) -> QualityCategory:
    """The category of a converted value, compared after rounding to two decimals."""
    value = Decimal(converted_value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    for category in CATEGORIES:
        if value >= category.minimum:
            return category
    return CATEGORIES[-1]


@dataclass(frozen=True)
class SurveyIndex:
    """The index of one period: element means, weighted sum, converted value and category."""

    respondents: int
    element_means: dict
    weighted_mean: Decimal
    value: Decimal
    category: QualityCategory


def compute_index(*, respondents: int, element_sums: dict) -> SurveyIndex | None:
    """
    The IKM from the number of respondents and the sum of the scores of each element.

    Returns ``None`` when nobody answered: an index of zero respondents means nothing.
    """
    if not respondents:
        return None
    count = Decimal(respondents)
    means = {code: Decimal(element_sums[code]) / count for code in ELEMENT_CODES}
    weighted = sum((mean * ELEMENT_WEIGHT for mean in means.values()), Decimal(0))
    value = (weighted * CONVERSION_FACTOR).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    return SurveyIndex(
        respondents=respondents,
        element_means={
            code: mean.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
            for code, mean in means.items()
        },
        weighted_mean=weighted.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP),
        value=value,
        category=category_for(value),
    )


@dataclass(frozen=True)
class SurveyPeriod:
    """A half year, the period over which the index is reported (e.g. ``2026-S2``)."""

    year: int
    half: int

    @classmethod
    def containing(cls, day: datetime.date) -> "SurveyPeriod":
        return cls(day.year, 1 if day.month <= 6 else 2)

    @classmethod
    def parse(cls, code: str) -> "SurveyPeriod | None":
        """The period of a code like ``2026-S2``; ``None`` for anything else."""
        try:
            year, half = str(code).split("-S")
            period = cls(int(year), int(half))
        except (TypeError, ValueError):
            return None
        return period if period.half in (1, 2) and 2000 <= period.year <= 2100 else None

    @property
    def code(self) -> str:
        return f"{self.year}-S{self.half}"

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> datetime.date:
        """The first day after the period."""
        return (
            datetime.date(self.year, 7, 1) if self.half == 1 else datetime.date(self.year + 1, 1, 1)
        )

    @property
    def label(self) -> str:
        numeral = "I" if self.half == 1 else "II"
        return _("Semester %(numeral)s %(year)s") % {"numeral": numeral, "year": self.year}

    def __str__(self):
        return self.code
