"""
Dates and times in the admin: Wagtail's pickers on every date and time field of our forms,
dates typed day first ("11/01/2027" is 11 January) with "08.00" or "08:00", times in WITA,
and a session kept inside its batch's dates.
"""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, AdminTimeInput

from tests.factories import prefers_english
from tests.training.factories import BatchFactory, make_course
from training.models import BatchSession

pytestmark = pytest.mark.django_db

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
PICKERS = (AdminDateInput, AdminDateTimeInput, AdminTimeInput)


def _date_fields(form):
    from django import forms

    return {
        name: field
        for name, field in form.fields.items()
        if isinstance(field, forms.DateField | forms.DateTimeField | forms.TimeField)
    }


def _our_form_urls():
    """The add screen of each of our model viewsets whose form Wagtail builds."""
    from wagtail.admin.viewsets import viewsets
    from wagtail.admin.viewsets.model import ModelViewSet

    urls = []
    for viewset in viewsets.viewsets:
        if not isinstance(viewset, ModelViewSet):
            continue
        if type(viewset).__module__.split(".")[0] not in (
            "accounts",
            "cms",
            "training",
            "certificates",
        ):
            continue
        try:
            urls.append(reverse(viewset.get_url_name("add")))
        except Exception:  # noqa: BLE001 (a viewset without an add screen)
            continue
    return urls


def test_every_date_and_time_field_of_our_admin_forms_has_a_picker(client, administrator):
    client.force_login(administrator)
    checked = 0
    for url in _our_form_urls():
        response = client.get(url)
        form = response.context and response.context.get("form")
        if response.status_code != 200 or form is None:
            continue
        for name, field in _date_fields(form).items():
            assert isinstance(field.widget, PICKERS), f"{url} {name}: {type(field.widget)}"
            checked += 1
    # Batches (2 dates, 2 date-times) and sessions (2 date-times) at least.
    assert checked >= 6


def _batch():
    return BatchFactory(
        course=make_course(modules=1, lessons=1),
        starts_on=datetime.date(2027, 1, 10),
        ends_on=datetime.date(2027, 1, 20),
    )


@pytest.mark.parametrize("english", [False, True])
def test_a_session_typed_day_first_with_a_dot_or_a_colon_is_saved_in_wita(
    client, administrator, english
):
    batch = _batch()
    client.force_login(prefers_english(administrator) if english else administrator)

    response = client.post(
        reverse("training_sessions:add"),
        {
            "batch": batch.pk,
            "title": "Tatap muka 1",
            "starts_at": "11/01/2027 08.00",
            "ends_at": "11/01/2027 10:00",
            "location": "Aula",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    session = BatchSession.objects.get()
    assert session.starts_at == datetime.datetime(2027, 1, 11, 8, 0, tzinfo=WITA)
    assert session.ends_at == datetime.datetime(2027, 1, 11, 10, 0, tzinfo=WITA)
    edit = client.get(reverse("training_sessions:edit", args=[session.pk])).content.decode()
    assert 'value="11/01/2027 08:00"' in edit
    # The format to type is shown in the empty field, in the reader's language.
    empty = client.get(reverse("training_sessions:add")).content.decode()
    assert (
        'placeholder="dd/mm/yyyy hh:mm"' if english else 'placeholder="hh/bb/tttt jj:mm"'
    ) in empty


def test_a_session_outside_its_batchs_dates_is_refused_with_the_dates(client, administrator):
    batch = _batch()
    client.force_login(administrator)

    response = client.post(
        reverse("training_sessions:add"),
        {
            "batch": batch.pk,
            "title": "Terlambat",
            "starts_at": "21/01/2027 08:00",
            "ends_at": "21/01/2027 10:00",
        },
    )

    assert response.status_code == 200
    assert not BatchSession.objects.exists()
    errors = response.context["form"].errors
    assert errors["starts_at"] == [
        "Sesi harus berada dalam tanggal angkatan, 10 Januari 2027 sampai 20 Januari 2027."
    ]
    assert "ends_at" in errors


def test_the_certificate_page_in_the_admin_shows_times_in_wita(client, administrator):
    from certificates.models import Certificate
    from certificates.services import issue_certificate
    from tests.certificates.factories import (
        CompletedEnrolmentFactory,
        CourseCertificateSettingsFactory,
    )

    settings_ = CourseCertificateSettingsFactory()
    enrolment = CompletedEnrolmentFactory(batch=BatchFactory(course=settings_.course))
    certificate = issue_certificate(enrolment=enrolment)
    # 11:31 UTC is 19.31 WITA.
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_at=datetime.datetime(2027, 1, 11, 11, 31, tzinfo=datetime.UTC)
    )
    client.force_login(administrator)

    html = client.get(reverse("certificates_register:inspect", args=[certificate.pk])).content
    html = html.decode()

    assert "19.31" in html
    assert "11.31" not in html
