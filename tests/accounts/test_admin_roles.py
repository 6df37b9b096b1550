"""Each role signs in to the Wagtail admin and sees the menu it needs, and nothing more."""

import json

import pytest
from django.urls import reverse

from accounts.roles import ADMINISTRATORS, PARTICIPANTS, TRAINERS, sync_role_groups

pytestmark = pytest.mark.django_db


def admin_menu_names(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('id="wagtail-sidebar-props"')
    payload = html[html.index(">", start) + 1 : html.index("</script>", start)]
    return json.dumps(json.loads(payload))


def sign_in_to_admin(client, user):
    return client.post(
        "/admin/login/", {"username": user.username, "password": "s3cret-pass"}, follow=True
    )


def test_participant_cannot_enter_the_admin(client, participant):
    response = sign_in_to_admin(client, participant)

    assert response.redirect_chain
    assert client.get("/admin/").status_code == 302


def test_trainer_enters_the_admin_without_user_management(client, trainer):
    sign_in_to_admin(client, trainer)

    menu = admin_menu_names(client)

    assert '"images"' in menu
    assert '"documents"' in menu
    assert '"users"' not in menu
    assert client.get("/admin/users/").status_code == 302


def test_administrator_manages_users_and_agencies(client, administrator):
    sign_in_to_admin(client, administrator)

    menu = admin_menu_names(client)

    assert '"users"' in menu
    assert "agencies" in menu
    assert client.get("/admin/users/").status_code == 200
    assert client.get("/admin/agencies/").status_code == 200


def test_role_groups_are_created_once_however_often_they_are_synced():
    first = sync_role_groups()
    second = sync_role_groups()

    assert set(first) == {PARTICIPANTS, TRAINERS, ADMINISTRATORS}
    assert {g.pk for g in first.values()} == {g.pk for g in second.values()}
    assert not first[PARTICIPANTS].permissions.exists()
    assert first[TRAINERS].permissions.filter(codename="access_admin").exists()


def test_administrator_edits_the_asn_profile_of_a_user(client, administrator, participant):
    client.force_login(administrator)

    page = client.get(reverse("wagtailusers_users:edit", args=[participant.pk]))

    assert page.status_code == 200
    assert 'name="nip"' in page.content.decode()
    assert 'name="agency"' in page.content.decode()


def test_roles_read_in_the_admins_language_without_their_stored_names(
    client, django_assert_max_num_queries
):
    from tests.factories import ParticipantFactory, UserFactory

    superuser = UserFactory(is_superuser=True)
    participant = ParticipantFactory()
    client.force_login(superuser)

    # The labels come from a dictionary: no query per group.
    with django_assert_max_num_queries(8):
        groups = client.get(reverse("wagtailusers_groups:index")).content.decode()
    form = client.get(reverse("wagtailusers_users:edit", args=[participant.pk])).content.decode()

    for html in (groups, form):
        assert "Fasilitator" in html and "Penyelenggara" in html and "Peserta" in html
        assert ">Trainers<" not in html.replace("\n", "").replace(" ", "")
        assert "Administrators" not in html
