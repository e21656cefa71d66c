"""Load reference data, and the demo accounts and cases. Safe to run any number of times."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from ... import background
from ...models import Jurisdiction
from ...permissions import Role
from ...reference import demo, loaders

DEMO_PROCESSING_SECONDS = 600  # a bound: 16 screenshots take about as many seconds of OCR


class Command(BaseCommand):
    help = (
        "Load regions, elections, the behaviour catalogue, agencies and rules; then the account 'admin' "
        "(the admin role, not a superuser), the demo officials 'verifikator', 'analis', 'koordinator' and "
        "'verifikator_jabar' (Jawa Barat only), and the demo cases."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Password for the accounts. Without it, new accounts get one generated password, printed "
            "once, and existing accounts keep theirs.",
        )
        parser.add_argument(
            "--reference-only",
            action="store_true",
            help="Load only the reference data and the 'admin' account: no demo officials, no demo cases "
            "(for a real deployment).",
        )

    def handle(self, *args, **options):
        created = self._load(*args, **options)
        # Without a broker the demo screenshots are processed in this process's background thread
        # once the data is committed: wait for it, or the command's exit stops it half-way.
        if created:
            self.stdout.write(f"Memproses tangkapan layar demo (OCR), paling lama {DEMO_PROCESSING_SECONDS} detik…")
            if not background.drain(timeout=DEMO_PROCESSING_SECONDS):
                self.stdout.write("Sebagian bukti demo belum diproses; jalankan: python manage.py reprocess_evidence")

    @transaction.atomic
    def _load(self, *args, password=None, reference_only=False, **options) -> int:
        regions = loaders.regions_load()
        elections = loaders.elections_load()
        behaviours = loaders.behaviours_load()
        agencies = loaders.agencies_load()
        rules = loaders.routing_rules_load()
        loaders.deadline_rules_load()
        loaders.collective_leave_load()
        self.stdout.write(
            f"Wilayah: {regions} dimuat. Pemilihan baru: {elections}. Perilaku baru: {behaviours}. "
            f"Instansi baru: {agencies}. Aturan penerusan baru: {rules}."
        )
        accounts = [("admin", "", "", [Role.ADMIN], True)]
        if not reference_only:
            accounts += [(name, first, last, roles, False) for name, (first, last, roles) in demo.OFFICIALS.items()]
        generated = secrets.token_urlsafe(12)
        given = [self._account(*account, password=password or generated, reset=bool(password)) for account in accounts]
        given = [name for name in given if name]
        if given and password is None:
            self.stdout.write(f"Akun baru {', '.join(given)}. Kata sandi: {generated}")
        elif given:
            self.stdout.write(f"Akun {', '.join(given)} memakai kata sandi yang diberikan.")
        else:
            self.stdout.write(
                "Akun sudah ada; kata sandinya tidak diubah. Untuk kata sandi baru: make run PASSWORD=... "
                "(atau python manage.py seed_demo --password ...)."
            )
        if not reference_only:
            created = demo.cases_load()
            self.stdout.write(f"Kasus demo baru: {created}. Kode akses setiap kasus demo: {demo.DEMO_ACCESS_CODE}")
            return created
        return 0

    def _account(self, username, first, last, roles, staff, *, password, reset) -> str | None:
        """Create the account (or reset its password when one is given); return its name if set."""
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@demo.localhost"},
        )
        user.groups.set(Group.objects.filter(name__in=roles))
        for region in demo.JURISDICTIONS.get(username, []):
            Jurisdiction.objects.get_or_create(official=user, region_id=region)
        user.is_superuser = False  # never the way to identity or originals; an older seed made one
        if staff:
            user.is_staff = True  # the admin site; the admin role grants what it may do there
        if created or reset:
            user.set_password(password)
        user.save()
        return username if created or reset else None
