"""The timeline as a hash chain: an edit anywhere in a case's history is detected.

Each event carries the SHA-256 of the event before it and of its own content: its fields and
the SHA-256 of every screenshot the case held at that moment. Changing an event, deleting one,
reordering them or altering an evidence hash breaks the chain from there on
(`python manage.py verify_timeline`; the case page says so).
"""

import hashlib
import json
from dataclasses import dataclass

GENESIS = ""  # the first event's previous hash


def evidence_at(evidence: list, at) -> list[str]:
    """Return the SHA-256 of the screenshots uploaded by `at`, in the order they were sealed."""
    return [item.sha256 for item in sorted(evidence, key=lambda item: item.pk) if item.uploaded_at <= at]


def event_hash(event, *, ticket: str, evidence: list[str]) -> str:
    """Return the SHA-256 of the event's content, its screenshots and its previous hash."""
    content = {
        "case": ticket,
        "at": event.at.isoformat(timespec="microseconds"),
        "action": event.action,
        "actor": event.actor_id,
        "from": event.from_status,
        "to": event.to_status,
        "public": event.is_public,
        "public_note": event.public_note,
        "internal_note": event.internal_note,
        "evidence": evidence,
        "previous": event.prev_hash,
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@dataclass(frozen=True)
class Break:
    event_id: int
    reason: str


def check(*, ticket: str, events: list, evidence: list) -> Break | None:
    """Return where the chain of `events` (in id order) first breaks, or None if it holds."""
    previous = GENESIS
    for event in sorted(events, key=lambda event: event.pk):
        if event.prev_hash != previous:
            return Break(event.pk, "previous hash does not match: an event before it was changed or removed")
        if event.hash != event_hash(event, ticket=ticket, evidence=evidence_at(evidence, event.at)):
            return Break(event.pk, "content does not match its hash: the event or an evidence hash was changed")
        previous = event.hash
    return None
