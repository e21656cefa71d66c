"""The public status of a case, kept rendered: a look-up is one query and one cache read.

On election day the status page and `GET /api/v1/reports/{ticket}/` are what everyone hits, and
most look-ups repeat: a reporter reloads, a link is shared. Building the page takes four queries
and a template; here what was built is kept in the cache under a fingerprint of everything the
page shows, read in one indexed query:

- the case's status, reason, primary, deadline and last update;
- the primary's status and last update (a duplicate's page follows it);
- the newest event of the case and of its primary (every change writes one: timeline.py);
- the forwardings' count and their newest sending, acknowledgement and outcome;
- the language and the day (dates are written out in words).

Whatever changes, the fingerprint changes with it, and the next look-up builds the page again:
nothing is ever shown stale, and nothing needs to be invalidated.
"""

import hashlib

from django.core.cache import cache
from django.db import connection
from django.utils import timezone, translation

KEPT_SECONDS = 15 * 60  # a page nobody looks at again leaves the cache
# The forwardings in one subquery (one index scan, not four), written out as text: the same SQL
# runs on PostgreSQL and SQLite.
_FINGERPRINT = """
SELECT c.id, c.status, c.updated_at, c.rejection_reason, c.duplicate_of_id, c.deadline, p.status, p.updated_at,
  (SELECT max(e.id) FROM complaints_caseevent e WHERE e.case_id IN (c.id, c.duplicate_of_id)),
  (SELECT count(*) || '|' || coalesce(CAST(max(f.sent_at) AS TEXT), '')
     || '|' || coalesce(CAST(max(f.acknowledged_at) AS TEXT), '')
     || '|' || coalesce(CAST(max(f.outcome_at) AS TEXT), '')
   FROM complaints_forwarding f WHERE f.case_id IN (c.id, c.duplicate_of_id))
FROM complaints_case c LEFT JOIN complaints_case p ON p.id = c.duplicate_of_id
WHERE c.ticket = %s
"""


def fingerprint(*, ticket: str) -> str | None:
    """Return a digest of what the public status of `ticket` shows, or None if there is no such case."""
    with connection.cursor() as cursor:
        cursor.execute(_FINGERPRINT, [ticket])
        row = cursor.fetchone()
    if row is None:
        return None
    seen = (*row, translation.get_language(), timezone.localdate())
    return hashlib.blake2b(repr(seen).encode(), digest_size=16).hexdigest()


def cached(*, ticket: str, kind: str, build):
    """Return what `build()` makes for `ticket`'s public status, from the cache while the case is
    as it was; None if there is no such case (`build` is not called)."""
    stamp = fingerprint(ticket=ticket)
    if stamp is None:
        return None
    return cache.get_or_set(f"public-status:{kind}:{ticket}:{stamp}", build, KEPT_SECONDS)
