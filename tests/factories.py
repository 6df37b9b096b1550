"""factory_boy factories shared by the whole suite."""

import itertools

import factory
from django.contrib.auth.models import Group

from accounts.models import Agency, User
from accounts.roles import ADMINISTRATORS, PARTICIPANTS, TRAINERS

_serials = itertools.count(1)


def make_nip(birth="19900115", appointment="201503", sex="1") -> str:
    """A structurally valid NIP, unique within the test run."""
    return f"{birth}{appointment}{sex}{next(_serials) % 999 + 1:03d}"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    short_name = factory.Sequence(lambda n: f"DC{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.test")
    full_name = factory.Faker("name", locale="id_ID")
    nip = factory.LazyFunction(make_nip)
    employee_type = "pns"
    rank = "III/a"
    position = "Analis Kebijakan"
    agency = factory.SubFactory(AgencyFactory)
    password = factory.PostGenerationMethodCall("set_password", "s3cret-pass")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        _add_roles(self, create, extracted)


def _add_roles(user, create, roles):
    if create:
        if roles:
            user.groups.add(*Group.objects.filter(name__in=roles))
        user.save()


class ParticipantFactory(UserFactory):
    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        _add_roles(self, create, extracted or (PARTICIPANTS,))


class TrainerFactory(UserFactory):
    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        _add_roles(self, create, extracted or (TRAINERS,))


class AdministratorFactory(UserFactory):
    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        _add_roles(self, create, extracted or (ADMINISTRATORS,))


def prefers_english(user):
    """Let ``user`` read the Wagtail admin in English (it speaks Indonesian by default)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save(update_fields=["preferred_language"])
    return user
