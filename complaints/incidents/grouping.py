"""Grouping a new case into an incident, once its screenshots are hashed (the evidence task).

A case joins an incident when it shares the reported post (the canonical `post_key`), when one of
its screenshots is within the similarity distance of a screenshot of a case in the group, or
when it names the same civil servant (by NIP) on the same incident date. The first match makes a
new incident of the matching cases not yet grouped, the earliest submitted its primary.

Grouping is a suggestion: a case an official split out of an incident is never grouped again,
and every join is in the case's timeline. Two workers grouping the first reports of one post at
once make one incident (`incident_unique_post`); matches by screenshot or NIP alone may make two,
which an official merges.
"""

import logging

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from .. import timeline
from ..errors import Conflict, NotAllowed
from ..evidence.similar import evidence_similar
from ..models import Case, CaseEvent, Evidence, Incident

logger = logging.getLogger(__name__)

VERIFIED_OR_LATER = (Case.Status.VERIFIED, Case.Status.CLASSIFIED, Case.Status.FORWARDED, Case.Status.CLOSED)
LINKABLE = (Case.Status.RECEIVED, Case.Status.IN_REVIEW, Case.Status.NEEDS_INFO)


def ready(case_id: int) -> bool:
    """Return whether every screenshot of the case has been hashed (or failed to): grouping waits."""
    return not Evidence.objects.filter(case_id=case_id, phash_state=Evidence.State.PENDING).exists()


def was_split(case: Case) -> bool:
    return case.events.filter(action=CaseEvent.Action.INCIDENT_SPLIT).exists()


def _similar_cases(case: Case) -> set[int]:
    found: set[int] = set()
    for evidence in case.evidence.exclude(phash=""):
        found.update(similar.evidence.case_id for similar in evidence_similar(evidence=evidence))
    return found


def _matches(case: Case) -> Q | None:
    """Return the condition for the other cases this one is about the same incident as."""
    condition = Q()
    if case.post_key:
        condition |= Q(post_key=case.post_key)
    if case.asn_nip:
        condition |= Q(asn_key=case.asn_key, incident_date=case.incident_date)
    similar = _similar_cases(case)
    if similar:
        condition |= Q(pk__in=similar)
    return condition or None


def case_group(*, case_id: int) -> Incident | None:
    """Put the case in the incident it belongs to, making one if needed; return it (None: alone).

    Safe to run twice: a grouped case stays where it is.
    """
    case = Case.objects.select_related("incident__primary").get(pk=case_id)
    if case.incident_id or was_split(case):
        return case.incident
    incident = Incident.objects.filter(post_key=case.post_key).first() if case.post_key else None
    if incident is None:
        condition = _matches(case)
        if condition is None:
            return None
        others = Case.objects.filter(condition).exclude(pk=case.pk)
        incident_id = (
            others.exclude(incident=None).order_by("incident_id").values_list("incident_id", flat=True).first()
        )
        if incident_id is not None:
            incident = Incident.objects.get(pk=incident_id)
        else:
            alone = list(others.filter(incident=None).order_by("submitted_at", "pk")[:1])
            if not alone:
                return None
            incident = _incident_create(case=case, first=alone[0])
            _join(others.filter(incident=None).exclude(events__action=CaseEvent.Action.INCIDENT_SPLIT), incident)
    _join(Case.objects.filter(pk=case.pk), incident)
    if case.post_key and case.post_key == incident.post_key:  # the same post, not a look-alike
        _link_on_arrival(case_id=case.pk, incident=incident)
    return incident


def _incident_create(*, case: Case, first: Case) -> Incident:
    """Make the incident of two cases: keyed by the post when they share one, so that a second
    worker grouping a report of the same post at the same moment finds this one."""
    primary = min((case, first), key=lambda c: (c.submitted_at, c.pk))
    key = case.post_key if case.post_key and case.post_key == first.post_key else ""
    url = primary.post_url or case.post_url or first.post_url
    if not key:
        return Incident.objects.create(primary=primary, post_url=url)
    try:
        with transaction.atomic():
            return Incident.objects.create(post_key=key, primary=primary, post_url=url)
    except IntegrityError:
        return Incident.objects.get(post_key=key)


def _join(cases, incident: Incident) -> int:
    """Put the cases in the incident, each with a timeline entry for officials."""
    joined = 0
    for case in cases.filter(incident=None).only("pk", "status", "ticket"):
        with transaction.atomic():
            updated = Case.objects.filter(pk=case.pk, incident=None).update(incident=incident)
            if updated:
                note = _("Insiden #%(id)s, laporan utama %(ticket)s") % {
                    "id": incident.pk,
                    "ticket": incident.primary.ticket if incident.primary else "—",
                }
                timeline.incident_changed(case=case, action=CaseEvent.Action.INCIDENT_JOINED, by=None, note=note)
                joined += updated
    return joined


def _link_on_arrival(*, case_id: int, incident: Incident) -> None:
    """A report of the incident's post joining once its primary is verified is linked to it at
    once, and its reporter told so, rather than waiting in the queue for an official to do it.

    Only a report of the same post: a similar screenshot or the same civil servant that day is a
    strong hint, not proof (screenshots of one platform share a layout), so those wait for an
    official."""
    from ..triage import workflow

    incident.refresh_from_db(fields=["primary"])
    primary = incident.primary
    if primary is None or primary.pk == case_id or primary.status not in VERIFIED_OR_LATER:
        return
    case = Case.objects.get(pk=case_id)
    if case.status not in LINKABLE:
        return
    try:
        workflow.link_duplicate(case=case, primary=primary)
    except (Conflict, NotAllowed) as refused:  # an official acted on it meanwhile: leave it to them
        logger.info("Case %s not linked on arrival: %s", case.ticket, refused)
