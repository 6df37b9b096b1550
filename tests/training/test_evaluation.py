"""The evaluation: once per enrolment, required items, and anonymity toward trainers."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import AdministratorFactory, ParticipantFactory, TrainerFactory
from training.assessment_checks import evaluation_submitted
from training.evaluation_results import evaluation_results
from training.models import EvaluationAnswer, EvaluationResponse
from training.services import submit_evaluation

from .assessment_factories import BatchFactory, EnrolmentFactory, make_course, make_evaluation_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    trainers = [
        TrainerFactory(full_name="Dr. Nurain Dai"),
        TrainerFactory(full_name="Budi Santoso"),
    ]
    course = make_course(trainers=trainers)
    batch = BatchFactory(course=course)
    form = make_evaluation_form(course)
    return trainers, batch, form


def _answers(form, trainers, organisation=5, trainer_ratings=(4, 2), text=""):
    items = {item.kind: item for item in form.items.all()}
    answers = {f"item-{items['organisation'].pk}": str(organisation)}
    for trainer, rating in zip(trainers, trainer_ratings, strict=True):
        answers[f"item-{items['trainer'].pk}-trainer-{trainer.pk}"] = str(rating)
    if text:
        answers[f"item-{items['open'].pk}"] = text
    return answers


def test_an_evaluation_is_recorded_once_per_enrolment(setting):
    trainers, batch, form = setting
    enrolment = EnrolmentFactory(batch=batch)
    first = submit_evaluation(enrolment=enrolment, answers=_answers(form, trainers))
    again = submit_evaluation(enrolment=enrolment, answers=_answers(form, trainers, 1, (1, 1)))

    assert first == again
    assert EvaluationResponse.objects.count() == 1
    assert EvaluationAnswer.objects.filter(rating=1).count() == 0
    assert evaluation_submitted(enrolment)


def test_required_items_and_ratings_are_checked_per_field(setting):
    trainers, batch, form = setting
    answers = _answers(form, trainers)
    missing = next(k for k in answers if "trainer" in k)
    answers[missing] = ""
    organisation = next(k for k in answers if "trainer" not in k)
    answers[organisation] = "9"

    with pytest.raises(ValidationError) as raised:
        submit_evaluation(enrolment=EnrolmentFactory(batch=batch), answers=answers)

    assert set(raised.value.message_dict) == {missing, organisation}
    assert not EvaluationResponse.objects.exists()


def test_results_aggregate_per_trainer_and_batch(setting):
    trainers, batch, form = setting
    for organisation, ratings in ((5, (4, 2)), (4, (5, 3)), (3, (3, 1))):
        submit_evaluation(
            enrolment=EnrolmentFactory(batch=batch),
            answers=_answers(form, trainers, organisation, ratings),
        )
    other_batch = BatchFactory(course=batch.course, name="Angkatan lain")
    submit_evaluation(
        enrolment=EnrolmentFactory(batch=other_batch), answers=_answers(form, trainers, 1, (1, 1))
    )

    results = evaluation_results(form=form, batch=batch)
    by_trainer = {(r.item.kind, r.trainer.pk if r.trainer else None): r for r in results.items}
    assert results.response_count == 3
    assert by_trainer[("organisation", None)].average == 4
    assert by_trainer[("trainer", trainers[0].pk)].average == 4
    assert by_trainer[("trainer", trainers[1].pk)].average == 2
    assert by_trainer[("trainer", trainers[1].pk)].distribution == {1: 1, 2: 1, 3: 1, 4: 0, 5: 0}
    assert evaluation_results(form=form).response_count == 4


def test_trainers_see_aggregates_never_who_answered_what(client, setting):
    trainers, batch, form = setting
    participants = [ParticipantFactory(full_name=f"Peserta Rahasia {i}") for i in range(3)]
    for index, participant in enumerate(participants):
        submit_evaluation(
            enrolment=EnrolmentFactory(batch=batch, participant=participant),
            answers=_answers(form, trainers, text=f"Saran nomor {index}"),
        )
    client.force_login(trainers[0])

    html = client.get(f"/admin/assessments/evaluation-results/?form={form.pk}").content.decode()

    assert "Saran nomor 0" in html  # open answers appear, unattributed
    for participant in participants:
        assert participant.full_name not in html
        assert participant.nip not in html
        assert participant.username not in html
    assert "Budi Santoso" not in html  # nor a colleague's ratings
    assert "Dr. Nurain Dai" in html


def test_trainers_see_nothing_below_three_responses(client, setting):
    trainers, batch, form = setting
    submit_evaluation(
        enrolment=EnrolmentFactory(batch=batch), answers=_answers(form, trainers, text="Unik")
    )
    client.force_login(trainers[0])
    html = client.get(f"/admin/assessments/evaluation-results/?form={form.pk}").content.decode()
    assert "Unik" not in html


def test_a_trainer_of_another_course_sees_no_results(client, setting):
    trainers, batch, form = setting
    for _ in range(3):
        submit_evaluation(
            enrolment=EnrolmentFactory(batch=batch), answers=_answers(form, trainers, text="Bagus")
        )
    client.force_login(TrainerFactory())
    html = client.get(f"/admin/assessments/evaluation-results/?form={form.pk}").content.decode()
    assert "Bagus" not in html


def test_administrators_filter_by_trainer(client, setting):
    trainers, batch, form = setting
    for _ in range(3):
        submit_evaluation(enrolment=EnrolmentFactory(batch=batch), answers=_answers(form, trainers))
    client.force_login(AdministratorFactory())
    url = f"/admin/assessments/evaluation-results/?form={form.pk}&trainer={trainers[1].pk}"
    assert client.get(url).status_code == 200


def test_the_participant_fills_in_the_form_without_javascript(client, setting):
    trainers, batch, form = setting
    enrolment = EnrolmentFactory(batch=batch)
    client.force_login(enrolment.participant)
    url = f"/en/evaluasi/{batch.course.pk}/"

    page = client.get(url).content.decode()
    assert "Dr. Nurain Dai" in page
    empty = client.post(url, {})
    assert "Please choose a rating." in empty.content.decode()
    response = client.post(url, _answers(form, trainers, text="Lebih banyak studi kasus."))

    assert response.status_code == 302
    assert evaluation_submitted(enrolment)
    assert "You have filled in this evaluation" in client.get(url).content.decode()


def test_someone_not_enrolled_gets_a_404(client, setting):
    _trainers, batch, _form = setting
    client.force_login(ParticipantFactory())
    assert client.get(f"/en/evaluasi/{batch.course.pk}/").status_code == 404
