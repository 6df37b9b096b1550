"""Who holds which role: the one check every app asks (``accounts.roles``)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.roles import administrators, is_administrator, is_trainer
from tests.factories import AdministratorFactory, ParticipantFactory, TrainerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("make_user", "administrator", "trainer"),
    [
        (AdministratorFactory, True, False),
        (TrainerFactory, False, True),
        (ParticipantFactory, False, False),
        (lambda: UserFactory(is_superuser=True), True, False),
        (lambda: AdministratorFactory(is_active=False), False, False),
        (lambda: TrainerFactory(is_active=False), False, False),
    ],
)
def test_roles_follow_the_groups_superusers_and_active_accounts(make_user, administrator, trainer):
    user = make_user()

    assert is_administrator(user) is administrator
    assert is_trainer(user) is trainer
    assert administrators().filter(pk=user.pk).exists() is administrator


def test_anonymous_visitors_hold_no_role():
    assert not is_administrator(AnonymousUser())
    assert not is_trainer(AnonymousUser())
    assert not is_administrator(None)
