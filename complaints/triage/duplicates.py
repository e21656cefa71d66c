"""Duplicates: a rejected report that points at the case carrying on (its primary)."""

from django.utils.translation import gettext as _

from ..errors import Invalid
from ..models import Case
from ..tickets import InvalidTicket, normalize_ticket


def leads_to(start: int, target: int) -> bool:
    """Return whether following duplicate_of from case `start` reaches case `target`."""
    seen, current = set(), start
    while current is not None and current not in seen:
        if current == target:
            return True
        seen.add(current)
        current = Case.objects.filter(pk=current).values_list("duplicate_of_id", flat=True).first()
    return False


def cycle_error(primary: Case) -> Invalid:
    message = _("Laporan %(ticket)s sudah ditandai sebagai duplikat laporan ini.") % {"ticket": primary.ticket}
    return Invalid.on_field("primary_ticket", message)


def primary_for(case: Case, primary_ticket: str) -> Case:
    """Return the case that carries on for `case`: the one named, or the primary it points at.

    Raise Invalid naming `primary_ticket` for a bad or unknown ticket, the case itself, or a
    case already marked as a duplicate of this one.
    """
    try:
        ticket = normalize_ticket(primary_ticket)
    except InvalidTicket:
        raise Invalid.on_field("primary_ticket", _("Isi nomor tiket laporan utama yang valid.")) from None
    primary = Case.objects.filter(ticket=ticket).first()
    if primary is None:
        raise Invalid.on_field("primary_ticket", _("Laporan utama %(ticket)s tidak ditemukan.") % {"ticket": ticket})
    if primary.pk == case.pk:
        raise Invalid.on_field("primary_ticket", _("Laporan utama tidak boleh laporan ini sendiri."))
    if leads_to(primary.pk, case.pk):
        raise cycle_error(primary)
    seen = set()
    while primary.duplicate_of_id and primary.pk not in seen:  # point at the case that carries on
        seen.add(primary.pk)
        primary = primary.duplicate_of
    return primary
