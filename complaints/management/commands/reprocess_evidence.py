"""Run evidence processing again: the pending steps, the failed ones, or everything."""

from django.core.management.base import BaseCommand
from django.db.models import Q

from ...models import Evidence
from ...tasks import process_evidence


class Command(BaseCommand):
    help = "Queue evidence processing for screenshots with pending steps (default), failed steps, or all."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--failed", action="store_true", help="only screenshots with a failed step")
        which.add_argument("--all", action="store_true", help="every screenshot, redoing every step")

    def handle(self, *args, failed=False, all=False, **options):
        state = Evidence.State.FAILED if failed else Evidence.State.PENDING
        selected = Evidence.objects.all()
        if not all:
            condition = Q()
            for step in Evidence.STEPS:
                condition |= Q(**{f"{step}_state": state})
            selected = selected.filter(condition)
        ids = list(selected.order_by("pk").values_list("pk", flat=True))
        for evidence_id in ids:
            process_evidence.delay(evidence_id=evidence_id, force=all)
        self.stdout.write(f"{len(ids)} bukti diproses ulang.")
