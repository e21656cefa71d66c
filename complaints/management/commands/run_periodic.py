"""Run the periodic jobs when they are due, without a broker (`make run` starts it)."""

import time

from django.core.management.base import BaseCommand

from ...periodic import run_due

CHECK_SECONDS = 60  # the finest schedule is hourly; a minute late is on time


class Command(BaseCommand):
    help = (
        "Run the periodic jobs (expiring unanswered questions, the overdue digest, session clean-up) "
        "when they are due. For a machine without Celery beat; with a broker, beat runs them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run what is due now, then stop")

    def handle(self, *args, once=False, **options):
        while True:
            for name in run_due():
                self.stdout.write(f"Tugas berkala selesai: {name}")
            if once:
                return
            time.sleep(CHECK_SECONDS)
