"""Erase what the retention settings say has expired (also run daily by the scheduler)."""

from django.core.management.base import BaseCommand

from ...retention import purge


class Command(BaseCommand):
    help = (
        "Erase reporter identities RETENTION_IDENTITY_DAYS and sealed originals RETENTION_ORIGINALS_DAYS "
        "after a case was closed or rejected, keeping the SHA-256 and recording each erasure in the timeline."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list what would be erased, erase nothing")

    def handle(self, *args, dry_run=False, **options):
        done = purge(dry_run=dry_run)
        verb = "Akan dihapus" if dry_run else "Dihapus"
        for case in done.identities:
            self.stdout.write(f"{verb}: identitas pelapor {case.ticket}")
        for evidence in done.originals:
            self.stdout.write(
                f"{verb}: berkas asli {evidence.case.ticket} #{evidence.position} (SHA-256 {evidence.sha256})"
            )
        self.stdout.write(f"{verb}: {len(done.identities)} identitas, {len(done.originals)} berkas asli.")
