"""Check every case's hash-chained timeline; exit non-zero naming each case whose history changed."""

from django.core.management.base import BaseCommand, CommandError

from ...models import Case
from ...timeline import chain_break


class Command(BaseCommand):
    help = "Verify the hash chain of every case's timeline; name each case whose history was altered."

    def handle(self, *args, **options):
        broken = []
        for case in Case.objects.prefetch_related("events").order_by("pk").iterator(chunk_size=500):
            found = chain_break(case=case, events=list(case.events.all()))
            if found is not None:
                broken.append(case.ticket)
                self.stderr.write(f"{case.ticket}: riwayat diubah di peristiwa #{found.event_id} ({found.reason})")
        if broken:
            raise CommandError(f"{len(broken)} kasus dengan riwayat yang diubah: {', '.join(broken)}")
        self.stdout.write(f"Riwayat {Case.objects.count()} kasus utuh.")
