"""Load reference data and the demo accounts. Safe to run any number of times."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from ... import reference


class Command(BaseCommand):
    help = "Load regions, elections, the behaviour catalogue and the superuser 'admin'."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Password for the demo accounts. Without it, new accounts get a generated password "
            "that is printed once, and existing accounts keep theirs.",
        )

    @transaction.atomic
    def handle(self, *args, password=None, **options):
        regions = reference.regions_load()
        elections = reference.elections_load()
        behaviours = reference.behaviours_load()
        self.stdout.write(f"Wilayah: {regions} dimuat. Pemilihan baru: {elections}. Perilaku baru: {behaviours}.")
        self._superuser(password)

    def _superuser(self, password: str | None):
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username="admin", defaults={"is_staff": True, "is_superuser": True}
        )
        if not created and password is None:
            self.stdout.write("Akun admin sudah ada; kata sandinya tidak diubah.")
            return
        shown = password or secrets.token_urlsafe(12)
        user.is_staff = user.is_superuser = True
        user.set_password(shown)
        user.save()
        if password is None:
            self.stdout.write(f"Akun admin dibuat. Kata sandi: {shown}")
        else:
            self.stdout.write("Akun admin siap dengan kata sandi yang diberikan.")
