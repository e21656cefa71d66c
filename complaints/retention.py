"""Retention (UU 27/2022; DESIGN §7): what is kept no longer than needed is erased, on schedule.

RETENTION_IDENTITY_DAYS after a case was closed or rejected, its reporter's identity is erased;
RETENTION_ORIGINALS_DAYS after, its sealed originals are, their SHA-256 kept so the sanitized
copies still prove what was received. Each erasure is recorded in the case's timeline.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import timeline
from .models import Case, Evidence, Reporter
from .storage import evidence_storage

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Due:
    identities: list[Case]
    originals: list[Evidence]


def due(now: datetime.datetime | None = None) -> Due:
    """Return what has outlived its retention now."""
    now = now or timezone.now()
    identity_cutoff = now - datetime.timedelta(days=settings.RETENTION_IDENTITY_DAYS)
    originals_cutoff = now - datetime.timedelta(days=settings.RETENTION_ORIGINALS_DAYS)
    identities = Case.objects.filter(ended_at__lt=identity_cutoff, reporter__isnull=False).order_by("pk")
    originals = (
        Evidence.objects.filter(case__ended_at__lt=originals_cutoff, original_erased_at__isnull=True)
        .select_related("case")
        .order_by("pk")
    )
    return Due(list(identities), list(originals))


def purge(*, dry_run: bool = False) -> Due:
    """Erase what is due (or only say what, with `dry_run`); return it."""
    found = due()
    if dry_run:
        return found
    for case in found.identities:
        with transaction.atomic():
            Reporter.objects.filter(case=case).delete()
            Case.objects.filter(pk=case.pk).update(identity_erased_at=timezone.now())
            timeline.erased(case=case, what="identity", days=settings.RETENTION_IDENTITY_DAYS)
    for evidence in found.originals:
        name = evidence.original.name
        with transaction.atomic():
            Evidence.objects.filter(pk=evidence.pk).update(original="", original_erased_at=timezone.now())
            timeline.erased(
                case=evidence.case,
                what="original",
                days=settings.RETENTION_ORIGINALS_DAYS,
                note=f"#{evidence.position} SHA-256 {evidence.sha256}",
            )
            transaction.on_commit(lambda name=name: evidence_storage.delete(name))
    logger.info("Retention: %d identities and %d originals erased", len(found.identities), len(found.originals))
    return found
