"""
The header links to the admin only for users who may open it; the answer is cached per
user and forgotten as soon as a group membership or a permission changes.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import TRAINERS

pytestmark = pytest.mark.django_db

PAGE = "/pembelajaran-saya/"
ADMIN_LINK = 'href="/admin/"'


def test_a_participant_gets_no_admin_link_and_a_trainer_does(client, participant, trainer):
    client.force_login(participant)
    assert ADMIN_LINK not in client.get(PAGE).content.decode()

    client.force_login(trainer)
    assert ADMIN_LINK in client.get(PAGE).content.decode()


def test_the_admin_check_costs_no_query_once_cached(client, participant):
    client.force_login(participant)
    client.get(PAGE)

    with CaptureQueriesContext(connection) as captured:
        html = client.get(PAGE).content.decode()

    assert ADMIN_LINK not in html
    assert not any("auth_permission" in query["sql"] for query in captured.captured_queries)


def test_joining_and_leaving_a_group_shows_and_hides_the_link_at_once(client, participant):
    client.force_login(participant)
    client.get(PAGE)

    participant.groups.add(Group.objects.get(name=TRAINERS))
    assert ADMIN_LINK in client.get(PAGE).content.decode()

    participant.groups.remove(Group.objects.get(name=TRAINERS))
    assert ADMIN_LINK not in client.get(PAGE).content.decode()


def test_a_permission_taken_from_the_group_hides_the_link_at_once(client, trainer):
    client.force_login(trainer)
    assert ADMIN_LINK in client.get(PAGE).content.decode()

    access = Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    Group.objects.get(name=TRAINERS).permissions.remove(access)

    assert ADMIN_LINK not in client.get(PAGE).content.decode()


def test_a_permission_given_to_the_user_shows_the_link_at_once(client, participant):
    client.force_login(participant)
    client.get(PAGE)

    access = Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    participant.user_permissions.add(access)

    assert ADMIN_LINK in client.get(PAGE).content.decode()
