"""The satisfaction survey: IKM arithmetic and categories, the form, and the results page."""

import datetime
import uuid
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.models import SurveyResponse
from cms.selectors import survey_index
from cms.survey import ELEMENT_CODES, SurveyPeriod, category_for, compute_index

from .factories import make_complaint, make_survey_response

RESULTS_URL = "/en/public-service-information/performance/"
SURVEY_URL = "/en/public-service-information/performance/survei/"


def sums(*values):
    return dict(zip(ELEMENT_CODES, values, strict=True))


def test_index_of_all_top_scores_is_99_90_as_the_regulation_weights_them():
    index = compute_index(respondents=10, element_sums=sums(*[40] * 9))

    # 4 × 0.111 × 9 = 3.996, × 25 = 99.90: the regulation's rounded weight, not 1/9.
    assert index.weighted_mean == Decimal("3.9960")
    assert index.value == Decimal("99.90")
    assert index.category.letter == "A"


def test_index_on_known_data_weights_each_element_mean_by_0_111_and_multiplies_by_25():
    # Four respondents; element means 3.25, 3.5, 2.75, 4, 3, 3.25, 3.5, 3, 2.5.
    index = compute_index(respondents=4, element_sums=sums(13, 14, 11, 16, 12, 13, 14, 12, 10))

    assert index.element_means["u1"] == Decimal("3.250")
    assert index.element_means["u9"] == Decimal("2.500")
    # Sum of means 28.75; × 0.111 = 3.19125; × 25 = 79.78125 → 79.78.
    assert index.weighted_mean == Decimal("3.1913")
    assert index.value == Decimal("79.78")
    assert index.category.letter == "B"
    assert index.respondents == 4


def test_index_of_nobody_is_none():
    assert compute_index(respondents=0, element_sums=sums(*[0] * 9)) is None


@pytest.mark.parametrize(
    ("value", "letter"),
    [
        ("100.00", "A"),
        ("88.31", "A"),
        ("88.305", "A"),  # rounds to 88.31
        ("88.30", "B"),
        ("88.304", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("25.00", "D"),
        ("24.98", "D"),  # all ones: 1 × 0.999 × 25
    ],
)
def test_category_boundaries_follow_permenpanrb_14_2017(value, letter):
    assert category_for(Decimal(value)).letter == letter


def test_period_is_the_half_year_of_the_local_date():
    assert SurveyPeriod.containing(datetime.date(2026, 6, 30)).code == "2026-S1"
    assert SurveyPeriod.containing(datetime.date(2026, 7, 1)).code == "2026-S2"
    assert SurveyPeriod.parse("2026-S2").end == datetime.date(2027, 1, 1)
    assert SurveyPeriod.parse("2026-S3") is None
    assert SurveyPeriod.parse("drop table") is None


@pytest.mark.django_db
def test_index_of_a_period_counts_only_its_responses():
    # Years before the demo's responses: the module's demo site may be seeded already.
    with time_machine.travel(datetime.datetime(2019, 3, 1, 10, tzinfo=datetime.UTC)):
        make_survey_response(score=1)
    with time_machine.travel(datetime.datetime(2019, 9, 1, 10, tzinfo=datetime.UTC)):
        make_survey_response(score=4)
        make_survey_response(score=2)

    index = survey_index(SurveyPeriod.parse("2019-S2"))

    assert index.respondents == 2
    assert index.element_means["u5"] == Decimal("3.000")
    assert index.value == Decimal("74.93")  # 3 × 0.999 × 25
    assert index.category.letter == "C"


@pytest.mark.django_db
def test_submitting_twice_with_one_key_records_one_response():
    key = uuid.uuid4()
    first = make_survey_response(submission_key=key)
    second = make_survey_response(submission_key=key, score=1)

    assert first.pk == second.pk
    assert SurveyResponse.objects.filter(submission_key=key).count() == 1
    assert second.u1 == 3


@pytest.mark.django_db
def test_a_score_outside_one_to_four_is_refused():
    before = SurveyResponse.objects.count()
    with pytest.raises(ValidationError):
        make_survey_response(scores={**dict.fromkeys(ELEMENT_CODES, 3), "u4": 5})
    with pytest.raises(ValidationError):
        make_survey_response(scores={"u1": 3})
    assert SurveyResponse.objects.count() == before


def survey_post(**overrides):
    data = {
        "submission_key": str(uuid.uuid4()),
        "gender": "male",
        "age": "41",
        "education": "bachelor",
        "occupation": "civil_servant",
        "service_received": "Bimtek Standar Pelayanan",
        "suggestion": "",
        "website": "",
        **dict.fromkeys(ELEMENT_CODES, "4"),
    }
    data.update(overrides)
    return data


def test_survey_form_records_the_answers_and_shows_the_results(client, public_site):
    before = SurveyResponse.objects.count()

    response = client.post(SURVEY_URL, survey_post(), follow=True)

    assert response.status_code == 200
    assert SurveyResponse.objects.count() == before + 1
    latest = SurveyResponse.objects.latest("submitted_at")
    assert (latest.u1, latest.age, latest.period) == (
        4,
        41,
        SurveyPeriod.containing(timezone.localdate()).code,
    )
    assert "Thank you. Your answers have been recorded." in response.content.decode()


def test_survey_form_without_scores_shows_errors_and_records_nothing(client, public_site):
    before = SurveyResponse.objects.count()

    response = client.post(SURVEY_URL, survey_post(u3=""))

    assert response.status_code == 400
    assert SurveyResponse.objects.count() == before
    assert "This field is required." in response.content.decode()


def test_survey_honeypot_filled_in_records_nothing(client, public_site):
    before = SurveyResponse.objects.count()

    response = client.post(SURVEY_URL, survey_post(website="http://spam.example"))

    assert response.status_code == 400
    assert SurveyResponse.objects.count() == before


def test_survey_is_rate_limited_per_connection(client, public_site, settings):
    settings.CMS_RATE_LIMITS = {"survey": (3, 3600)}
    before = SurveyResponse.objects.count()

    statuses = [client.post(SURVEY_URL, survey_post()).status_code for _i in range(5)]

    assert statuses == [302, 302, 302, 429, 429]
    assert SurveyResponse.objects.count() == before + 3


def test_survey_form_renders_nine_elements_with_labelled_radios(client, public_site):
    html = client.get(SURVEY_URL).content.decode()

    assert html.count('type="radio"') == 2 + 9 * 4  # sex, then nine elements of four
    assert "U9 · Facilities and infrastructure" in html
    assert "<legend>" in html


def test_results_page_shows_index_respondents_and_complaint_figures(client, public_site):
    response = client.get(RESULTS_URL)

    html = response.content.decode()
    index = survey_index(SurveyPeriod.containing(timezone.localdate()))
    assert response.status_code == 200
    assert f"{index.value}" in html
    assert f"From {index.respondents} respondents." in html
    assert "Answered on time" in html


def test_results_page_in_indonesian_uses_the_indonesian_page(client, public_site):
    response = client.get("/informasi-pelayanan/penilaian-kinerja/")

    assert response.status_code == 200
    assert '<html lang="id">' in response.content.decode()
    assert "Penilaian Kinerja" in response.content.decode()


def test_results_page_picks_an_earlier_period(client, public_site):
    with time_machine.travel(datetime.datetime(2025, 2, 1, 10, tzinfo=datetime.UTC)):
        make_survey_response(score=2)
        make_complaint(subject="Lama")

    html = client.get(RESULTS_URL, {"periode": "2025-S1"}).content.decode()

    assert "Semester I 2025" in html
    assert "49.95" in html  # 2 × 0.999 × 25
    assert "From 1 respondent." in html


def test_results_page_query_count_does_not_grow_with_responses(
    client, public_site, django_assert_max_num_queries
):
    client.get(RESULTS_URL)
    with django_assert_max_num_queries(24) as small:
        client.get(RESULTS_URL)
    for _i in range(60):
        make_survey_response(score=4)
        make_complaint()
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(RESULTS_URL)
