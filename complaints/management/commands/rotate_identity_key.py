"""Re-encrypt every reporter identity with the first key of FIELD_ENCRYPTION_KEY."""

from django.core.management.base import BaseCommand
from django.db import transaction

from ...models import Reporter

BATCH = 500


class Command(BaseCommand):
    help = (
        "Re-encrypt reporter identities with the newest FIELD_ENCRYPTION_KEY (the first one). "
        "Run it after putting a new key first; then the old key can be removed."
    )

    def handle(self, *args, **options):
        ids = list(Reporter.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            with transaction.atomic():
                # Reading decrypts with any listed key; saving encrypts with the first.
                for reporter in Reporter.objects.select_for_update().filter(pk__in=ids[start : start + BATCH]):
                    reporter.save(update_fields=["name", "email", "phone"])
        self.stdout.write(f"{len(ids)} identitas pelapor dienkripsi ulang dengan kunci terbaru.")
