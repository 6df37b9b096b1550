"""`seed_demo` builds the demo site and is idempotent."""

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory
from wagtail.models import Page, Site

from accounts.models import Agency, User
from accounts.roles import ADMINISTRATORS, PARTICIPANTS, TRAINERS

pytestmark = pytest.mark.django_db

AGENCIES_OF_THE_SAMPLE_FILE = [
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "Dinas Pendidikan dan Kebudayaan",
    "Dinas Kesehatan",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Dinas Sosial",
    "Bagian Organisasi Sekretariat Daerah",
    "Inspektorat Daerah",
    "Kecamatan Limboto",
    "Kecamatan Telaga",
]


def snapshot():
    return {
        "users": sorted(User.objects.values_list("pk", "username", "nip", "agency_id")),
        "agencies": sorted(Agency.objects.values_list("pk", "name")),
        "pages": sorted(Page.objects.values_list("pk", "slug", "locale__language_code", "live")),
        "sites": sorted(Site.objects.values_list("pk", "root_page_id")),
        "groups": sorted(User.groups.through.objects.values_list("user_id", "group_id")),
    }


def test_seed_demo_twice_gives_the_same_data(seeded_demo):
    # seeded_demo: the module's first seeding (tests/conftest.py), on the empty database.
    first = snapshot()
    call_command("seed_demo", stdout=io.StringIO())

    assert snapshot() == first
    assert "bimtek-demo" in seeded_demo.output


def test_seed_demo_creates_one_user_per_role_who_can_sign_in(settings):
    # Seeded here with a password of its own (on the module's demo when an earlier test
    # made it, which seeding updates).
    settings.DEMO_PASSWORD = "rahasia-demo-2026"
    call_command("seed_demo", stdout=io.StringIO())
    request = RequestFactory().post("/akun/masuk/")

    # Only the role groups: trainers are also members of their courses' editor groups.
    role_groups = (ADMINISTRATORS, TRAINERS, PARTICIPANTS)
    roles = {
        username: set(
            User.objects.get(username=username)
            .groups.filter(name__in=role_groups)
            .values_list("name", flat=True)
        )
        for username in ("admin", "fasilitator", "peserta")
    }
    signed_in = {
        username: authenticate(request, username=username, password="rahasia-demo-2026")
        for username in roles
    }

    assert roles == {
        "admin": {ADMINISTRATORS},
        "fasilitator": {TRAINERS},
        "peserta": {PARTICIPANTS},
    }
    assert all(signed_in.values())
    assert signed_in["admin"].is_superuser
    participant = signed_in["peserta"]
    assert participant.nip and participant.full_name and participant.agency and participant.rank


def test_seed_demo_knows_every_agency_of_the_sample_participant_file(seeded_demo):
    for name in AGENCIES_OF_THE_SAMPLE_FILE:
        assert Agency.objects.get_by_name(name)
