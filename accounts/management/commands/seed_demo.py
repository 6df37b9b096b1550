"""
`python manage.py seed_demo`: build the demo site, idempotently.

Each project app may provide a `demo` module with a `seed(log)` function; they run in the
order of dependency (accounts, cms, training, certificates), so every app seeds on top of what
the apps it depends on have made. Everything goes through the apps' services.
"""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.roles import sync_role_groups

DEMO_APPS = ("accounts", "cms", "training", "certificates")


class Command(BaseCommand):
    help = "Create or update the demo site: agencies, demo users, pages, courses, certificates."

    def handle(self, *args, **options):
        with transaction.atomic():
            for app in DEMO_APPS:
                if find_spec(f"{app}.demo") is not None:
                    import_module(f"{app}.demo").seed(self.stdout.write)
            # Again at the end: collection and page permissions need the roots that the
            # later apps' seeding may only just have created (on a flushed database).
            sync_role_groups()
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(
            f"Demo users (password: {settings.DEMO_PASSWORD}): admin (administrator), "
            "fasilitator (trainer), peserta (participant)"
        )
