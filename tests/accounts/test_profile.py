import pytest

from accounts.models import Agency

pytestmark = pytest.mark.django_db

PROFILE = "/akun/profil/"


def test_profile_needs_sign_in(client):
    response = client.get(PROFILE)

    assert response.status_code == 302
    assert response.url.startswith("/akun/masuk/")


def test_participant_sees_and_edits_only_their_own_profile(client, participant):
    other = Agency.objects.create(name="Dinas Sosial")
    client.force_login(participant)

    page = client.get(PROFILE)
    response = client.post(
        PROFILE,
        {
            "full_name": "Siti Rahma, S.Kom.",
            "email": "siti.baru@example.test",
            "phone": "0812",
            "employee_type": "pns",
            "rank": "III/b",
            "position": "Pranata Komputer",
            "agency": other.pk,
        },
    )

    assert participant.nip in page.content.decode()
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.full_name == "Siti Rahma, S.Kom."
    assert participant.agency == other


def test_profile_refuses_a_grade_of_the_wrong_system_and_keeps_the_input(client, participant):
    client.force_login(participant)

    response = client.post(
        PROFILE,
        {
            "full_name": "Siti Rahma",
            "email": "siti@example.test",
            "employee_type": "pppk",
            "rank": "III/b",
            "position": "Guru",
        },
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Golongan ini tidak ada" in content
    assert 'value="Siti Rahma"' in content


def test_email_must_be_unique_ignoring_case(client, participant, trainer):
    client.force_login(participant)

    response = client.post(
        PROFILE,
        {"full_name": "Siti", "email": trainer.email.upper(), "employee_type": "pns"},
    )

    assert response.status_code == 200
    assert "Alamat email ini sudah dipakai oleh akun lain." in response.content.decode()
