"""Reads of agencies and forwardings."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import jurisdiction
from ..errors import Invalid, NotFound
from ..models import Agency, Case, Forwarding


def forwarding_get(*, ticket: str, user, forwarding_id: int | None = None, agency_id: int | None = None) -> Forwarding:
    """Return the case's forwarding by its id or by its agency, or raise NotFound (a case outside
    the official's regions included)."""
    found = Forwarding.objects.select_related("case", "agency").filter(
        case__ticket=ticket, case__in=jurisdiction.cases_for(user)
    )
    found = found.filter(pk=forwarding_id) if forwarding_id is not None else found.filter(agency_id=agency_id)
    forwarding = found.first()
    if forwarding is None:
        raise NotFound(_("Penerusan tidak ditemukan."))
    return forwarding


def _valid_on(day: datetime.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=day)
    )


def agencies_offered(*, case: Case) -> QuerySet[Agency]:
    """Return the agencies a koordinator may pick for the case: national ones and those of the
    civil servant's region and province, that exist today."""
    nearby = Q(region__isnull=True) | Q(region_id=case.asn_region_id) | Q(region_id=case.asn_region.parent_id)
    return (
        Agency.objects.filter(nearby & _valid_on(timezone.localdate()))
        .select_related("region")
        .order_by("region_id", "kind", "name")
    )


def agencies_chosen(*, agency_ids: list[int], case: Case) -> list[Agency]:
    """Return the chosen agencies, each known and existing today, or raise Invalid naming the
    body that took over from a dissolved one."""
    agencies = list(Agency.objects.filter(pk__in=agency_ids).select_related("succeeded_by"))
    if not agencies or len(agencies) != len(set(agency_ids)):
        raise Invalid.on_field("agency_ids", _("Pilih paling sedikit satu instansi tujuan yang dikenal."))
    today = timezone.localdate()
    gone = [agency for agency in agencies if not agency.valid_on(today)]
    if gone:
        names = "; ".join(
            _("%(name)s (tugasnya dilanjutkan %(successor)s)") % {"name": a.name, "successor": a.succeeded_by.name}
            if a.succeeded_by
            else a.name
            for a in gone
        )
        message = _("Instansi ini tidak ada lagi pada hari ini: %(names)s.") % {"names": names}
        raise Invalid.on_field("agency_ids", message)
    return agencies


def agency_list(*, kind: str = "", region: str = "") -> QuerySet[Agency]:
    """Return agencies of a kind and of a region (`national`: those without one)."""
    agencies = Agency.objects.all()
    if kind:
        agencies = agencies.filter(kind=kind)
    if region:
        agencies = agencies.filter(region__isnull=True) if region == "national" else agencies.filter(region_id=region)
    return agencies.order_by("kind", "region_id", "name")


def forwarding_by_key(*, key) -> Forwarding:
    """Return the forwarding whose dossier carries `key` (its verification link), or raise NotFound."""
    forwarding = Forwarding.objects.select_related("agency").filter(key=key).exclude(dossier_sha256="").first()
    if forwarding is None:
        raise NotFound(_("Berkas dengan kode ini tidak dikenal."))
    return forwarding
