"""What officials do with an incident: link its reports to the primary, split a case out, merge
two incidents, choose the primary. Every change is in the timeline of each case it touches."""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from .. import jurisdiction, permissions, timeline
from ..errors import Conflict, DomainError, Invalid, NotAllowed
from ..models import Case, CaseEvent, Incident
from ..triage.services import Result
from .grouping import LINKABLE

Action = CaseEvent.Action


def _require(by, permission: str) -> None:
    if not permissions.has(by, permission):
        raise NotAllowed(_("Peran Anda tidak boleh melakukan tindakan ini."))


def _visible(incident: Incident, by):
    """The incident's cases the official may see (an official limited to regions sees theirs)."""
    return jurisdiction.cases_for(by).filter(incident=incident)


def incident_link_duplicates(*, incident: Incident, by, note: str = "") -> Result:
    """Make every open report of the incident a duplicate of its primary, in one transaction.

    The rows are locked in id order (the primary's with them), so two officials linking the same
    incident wait for each other and the second finds nothing left. Each case gets its own
    timeline event and its reporter one email after commit; a case that may not be linked (taken
    by another official, verified already, outside the official's regions) is listed with why.
    """
    from ..triage import workflow

    _require(by, permissions.TRIAGE)
    result = Result()
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)  # the primary stays put
        visible = _visible(incident, by).values("pk")
        rows = list(
            Case.objects.select_for_update(of=("self",))
            .filter(Q(pk=incident.primary_id) | Q(pk__in=visible, status__in=Case.OPEN_STATUSES))
            .select_related("asn_region")
            .order_by("pk")
        )  # every row this changes, locked at once in id order, as the workflow locks a pair
        primary = next((case for case in rows if case.pk == incident.primary_id), None)
        if primary is not None and primary.incident_id != incident.pk:
            primary = None  # split out meanwhile
        if primary is None:
            raise Invalid(_("Insiden ini belum punya laporan utama: pilih dahulu laporan utamanya."))
        if primary.status == Case.Status.REJECTED:
            message = _("Laporan utama %(ticket)s ditolak: pilih laporan utama lain.")
            raise Conflict(message % {"ticket": primary.ticket})
        if not jurisdiction.covers(by, primary.asn_region):
            raise NotAllowed(_("Laporan utama insiden ini di luar wilayah kerja Anda."))
        for case in rows:
            if case.pk == primary.pk:
                continue
            if case.status not in LINKABLE:
                status = case.get_status_display().lower()
                result.refused[case.ticket] = _("sudah %(status)s; tangani sendiri") % {"status": status}
                continue
            try:
                workflow.link_duplicate(case=case, primary=primary, by=by, note=note)
            except DomainError as refused:
                result.refused[case.ticket] = refused.message
            else:
                result.done.append(case.ticket)
    return result


def incident_split(*, incident: Incident, case: Case, by) -> None:
    """Take a case out of the incident; it is never grouped again on its own."""
    _require(by, permissions.TRIAGE)
    with transaction.atomic():
        Incident.objects.select_for_update().filter(pk=incident.pk).first()  # the incident, then its case
        locked = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
        if locked.incident_id != incident.pk:
            raise Conflict(_("Laporan %(ticket)s tidak lagi dalam insiden ini.") % {"ticket": locked.ticket})
        Case.objects.filter(pk=locked.pk).update(incident=None)
        note = _("Dikeluarkan dari insiden #%(id)s") % {"id": incident.pk}
        timeline.incident_changed(case=locked, action=Action.INCIDENT_SPLIT, by=by, note=note)
        if incident.primary_id == locked.pk:
            _primary_reset(incident)


def incident_merge(*, incident: Incident, other: Incident, by) -> int:
    """Move every case of `other` into `incident`; `other` is deleted. Return the cases moved."""
    _require(by, permissions.TRIAGE)
    if other.pk == incident.pk:
        raise Invalid.on_field("incident", _("Pilih insiden lain untuk digabungkan."))
    with transaction.atomic():
        both = list(Incident.objects.select_for_update().filter(pk__in=[incident.pk, other.pk]).order_by("pk"))
        if len(both) < 2:
            raise Conflict(_("Insiden itu sudah tidak ada; muat ulang halaman."))
        moved = 0
        note = _("Insiden #%(other)s digabung ke insiden #%(id)s") % {"other": other.pk, "id": incident.pk}
        for case in Case.objects.select_for_update(of=("self",)).filter(incident=other).order_by("pk"):
            Case.objects.filter(pk=case.pk).update(incident=incident)
            timeline.incident_changed(case=case, action=Action.INCIDENT_MERGED, by=by, note=note)
            moved += 1
        if not incident.post_key and other.post_key:
            incident.post_key, incident.post_url = other.post_key, other.post_url or incident.post_url
            other.delete()  # first, so the post's key is free to move
            incident.save(update_fields=["post_key", "post_url"])
        else:
            other.delete()
        _primary_reset(incident)
    return moved


def incident_set_primary(*, incident: Incident, case: Case, by) -> None:
    """Choose the case that carries the incident on (the clearest report, say)."""
    _require(by, permissions.TRIAGE)
    if case.incident_id != incident.pk:
        raise Invalid.on_field("ticket", _("Laporan %(ticket)s tidak dalam insiden ini.") % {"ticket": case.ticket})
    if case.status == Case.Status.REJECTED:
        raise Invalid.on_field("ticket", _("Laporan yang ditolak tidak dapat menjadi laporan utama."))
    Incident.objects.filter(pk=incident.pk).update(primary=case)
    note = _("Menjadi laporan utama insiden #%(id)s") % {"id": incident.pk}
    timeline.incident_changed(case=case, action=Action.INCIDENT_JOINED, by=by, note=note)


def _primary_reset(incident: Incident) -> None:
    """Keep the primary if it is still in the incident, else the earliest case not rejected."""
    cases = Case.objects.filter(incident=incident)
    if incident.primary_id and cases.filter(pk=incident.primary_id).exists():
        return
    primary = (
        cases.exclude(status=Case.Status.REJECTED).order_by("submitted_at", "pk").first()
        or cases.order_by("submitted_at", "pk").first()
    )
    Incident.objects.filter(pk=incident.pk).update(primary=primary)
    incident.primary = primary
