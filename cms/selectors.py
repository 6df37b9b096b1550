"""Reads for the public performance page: the survey index and complaint figures per period."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncDate

from .models import Complaint, SurveyResponse
from .models.complaints import ComplaintStatus
from .survey import (
    CONVERSION_FACTOR,
    ELEMENT_CODES,
    ELEMENTS,
    TWO_PLACES,
    SurveyIndex,
    SurveyPeriod,
    compute_index,
)


def survey_periods() -> list[SurveyPeriod]:
    """Periods with at least one response, newest first."""
    codes = SurveyResponse.objects.order_by().values_list("period", flat=True).distinct()
    periods = [SurveyPeriod.parse(code) for code in codes]
    return sorted((p for p in periods if p), key=lambda p: (p.year, p.half), reverse=True)


def survey_index(period: SurveyPeriod) -> SurveyIndex | None:
    """The IKM of a period, from one aggregate query."""
    totals = SurveyResponse.objects.filter(period=period.code).aggregate(
        respondents=Count("pk"), **{code: Sum(code) for code in ELEMENT_CODES}
    )
    return compute_index(respondents=totals.pop("respondents"), element_sums=totals)


def element_rows(index: SurveyIndex | None) -> list[dict]:
    """Per element: its label, mean score (NRR) and converted value, for the results table."""
    if index is None:
        return []
    return [
        {
            "element": element,
            "mean": index.element_means[element.code],
            "converted": (index.element_means[element.code] * CONVERSION_FACTOR).quantize(
                TWO_PLACES, rounding=ROUND_HALF_UP
            ),
        }
        for element in ELEMENTS
    ]


@dataclass(frozen=True)
class ComplaintStatistics:
    received: int
    answered: int
    answered_on_time: int
    open: int

    @property
    def on_time_percentage(self):
        return round(100 * self.answered_on_time / self.answered) if self.answered else None


def complaint_statistics(period: SurveyPeriod) -> ComplaintStatistics:
    """Complaints received in the period, how many were answered, and how many on time."""
    answered = Q(answered_at__isnull=False)
    totals = (
        Complaint.objects.received_between(period.start, period.end)
        .annotate(answered_on=TruncDate("answered_at"))
        .aggregate(
            received=Count("pk"),
            answered=Count("pk", filter=answered),
            answered_on_time=Count("pk", filter=answered & Q(answered_on__lte=F("due_date"))),
            open=Count(
                "pk",
                filter=Q(status__in=[ComplaintStatus.RECEIVED, ComplaintStatus.IN_PROCESS]),
            ),
        )
    )
    return ComplaintStatistics(**totals)
