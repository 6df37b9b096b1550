"""
Invitations: an account made by an administrator or an import gets an e-mail with a one-time,
expiring link to choose its password, and the page of that link explains an expired or used
link.
"""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.invitations import LinkStatus, invitation_token_generator, invitation_url
from accounts.models import User
from accounts.roles import PARTICIPANTS, sync_role_groups
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Gorontalo-kota-2026"


def link_path(body: str) -> str:
    return re.search(r"https?://[^/\s]+(/akun/aktivasi/\S+)", body).group(1)


def add_user_in_admin(client, **fields):
    groups = sync_role_groups()
    data = {
        "username": "rahmat.hulopi",
        "email": "rahmat.hulopi@gorontalokab.go.id",
        "first_name": "Rahmat",
        "last_name": "Hulopi",
        "password1": "",
        "password2": "",
        "groups": [groups[PARTICIPANTS].pk],
        "employee_type": "pns",
        **fields,
    }
    return client.post(reverse("wagtailusers_users:add"), data, follow=True)


def test_a_user_added_in_the_admin_gets_an_invitation(
    client, administrator, django_capture_on_commit_callbacks, eager_tasks
):
    client.force_login(administrator)

    with django_capture_on_commit_callbacks(execute=True):
        response = add_user_in_admin(client)

    assert response.status_code == 200
    user = User.objects.get(username="rahmat.hulopi")
    assert not user.has_usable_password()
    [message] = mail.outbox
    assert message.to == ["rahmat.hulopi@gorontalokab.go.id"]
    assert "/akun/aktivasi/" in message.body
    assert "14 hari" in message.body
    assert "rahmat.hulopi@gorontalokab.go.id" in response.content.decode()


def test_the_link_sets_the_password_once(client):
    user = ParticipantFactory(password=None)
    user.set_unusable_password()
    user.save()
    path = invitation_url(user).split("://", 1)[1]
    path = path[path.index("/") :]

    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    assert "Tentukan kata sandi Anda" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:invitation_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    # Used: the same link no longer works, and says so.
    again = client.get(path)
    assert again.status_code == 404
    page = again.content.decode()
    assert "Tautan undangan ini tidak berfungsi" in page
    assert "sudah dipakai" in page


def test_an_expired_link_says_it_expired(client, settings):
    settings.ACCOUNT_INVITATION_TIMEOUT_DAYS = 14
    user = ParticipantFactory()
    user.set_unusable_password()
    user.save()
    with time_machine.travel(timezone.now() - datetime.timedelta(days=15)):
        url = invitation_url(user)
    path = url[url.index("/akun/") :]

    response = client.get(path)

    assert response.status_code == 410
    page = response.content.decode()
    assert "Undangan ini sudah kedaluwarsa" in page
    assert "14 hari" in page
    assert reverse("accounts:password_reset") in page


def test_link_status_tells_expired_from_altered():
    user = ParticipantFactory()
    token = invitation_token_generator.make_token(user)
    assert invitation_token_generator.link_status(user, token) == LinkStatus.VALID
    assert invitation_token_generator.link_status(user, token[:-1] + "x") == LinkStatus.INVALID
    assert invitation_token_generator.link_status(user, "nonsense") == LinkStatus.INVALID
    # A password-reset token is no invitation token, nor the reverse.
    from django.contrib.auth.tokens import default_token_generator

    assert not default_token_generator.check_token(user, token)
    assert not invitation_token_generator.check_token(
        user, default_token_generator.make_token(user)
    )


def test_import_summary_counts_the_invitations(client, administrator):
    from tests.training.factories import BatchFactory
    from training.models import ImportStatus, ParticipantImport

    batch = BatchFactory()
    done = ParticipantImport.objects.create(
        batch=batch,
        file_name="peserta.xlsx",
        rows=[
            {
                "row": 2,
                "nip": "199203172019032008",
                "nip_is_number": False,
                "full_name": "Siti Rahmawati",
                "email": "siti@example.go.id",
                "rank": "",
                "position": "",
                "agency": "Dinas Kesehatan",
            }
        ],
        status=ImportStatus.IMPORTED,
        imported_at=timezone.now(),
        created_count=3,
        invited_count=3,
    )
    client.force_login(administrator)

    page = client.get(
        reverse("training_admin:import_preview", args=[batch.pk, done.pk])
    ).content.decode()

    assert "3 undangan terkirim" in page
