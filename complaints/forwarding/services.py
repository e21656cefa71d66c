"""Writes of forwarding: the forwardings of a case, what agencies report, resends, guarded files."""

import uuid

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions, tasks, timeline
from ..errors import Conflict, Invalid, NotFound
from ..models import Agency, Case, CaseEvent, Forwarding, Notification
from ..storage import evidence_storage
from . import dossier, routing

OUTCOME_FIELDS = ("outcome", "discipline_level", "decision_number", "decision_date", "outcome_note")


def forwardings_create(*, case: Case, agencies: list[Agency]) -> list[Forwarding]:
    """Create a forwarding per agency, due by the agency's response period and naming the body
    that was competent on the incident date if that was another; each dossier is built and
    emailed after commit."""
    today = timezone.localdate()
    created = [
        Forwarding.objects.create(
            case=case,
            agency=agency,
            due_on=routing.response_due(agency, sent_on=today),
            competent_agency=routing.competent_on_incident(agency=agency, case=case),
        )
        for agency in agencies
    ]
    for forwarding in created:
        transaction.on_commit(lambda pk=forwarding.pk: tasks.send_dossier.delay(forwarding_id=pk))
    return created


def agency_acknowledge(*, forwarding: Forwarding) -> None:
    """Record that the agency received the dossier (once); the reporter sees it."""
    with transaction.atomic():
        locked = Forwarding.objects.select_for_update().select_related("case", "agency").get(pk=forwarding.pk)
        if locked.acknowledged_at:
            return
        locked.acknowledged_at = timezone.now()
        locked.save(update_fields=["acknowledged_at"])
        timeline.agency_reported(forwarding=locked, action=CaseEvent.Action.AGENCY_ACKNOWLEDGED)


def agency_outcome_record(*, forwarding: Forwarding, data: dict, letter=None) -> None:
    """Record what the agency decided (once). When every agency has, the case awaits closing."""
    stored = None
    try:
        with transaction.atomic():
            locked = Forwarding.objects.select_for_update().select_related("case", "agency").get(pk=forwarding.pk)
            if locked.outcome:
                raise Conflict(_("Hasil penanganan sudah dilaporkan sebelumnya."))
            for field in OUTCOME_FIELDS:
                setattr(locked, field, data.get(field) or ("" if field != "decision_date" else None))
            locked.outcome_at = timezone.now()
            locked.acknowledged_at = locked.acknowledged_at or locked.outcome_at
            if letter is not None:
                locked.decision_letter.save(f"dossiers/letters/{locked.key.hex}/keputusan.pdf", letter, save=False)
                stored = locked.decision_letter.name
            locked.save()
            timeline.agency_reported(
                forwarding=locked, action=CaseEvent.Action.AGENCY_OUTCOME, note=locked.get_outcome_display()
            )
            if not locked.case.forwardings.filter(outcome="").exists():
                Case.objects.filter(pk=locked.case_id).update(deadline=None)  # nothing left to wait for
    except BaseException:
        if stored:
            evidence_storage.delete(stored)
        raise


def forwarding_resend(*, forwarding: Forwarding, by) -> None:
    """Send the dossier again with a fresh link (koordinator): after a failure, or when the link
    expired or the agency lost the email. Not once the agency has reported."""
    permissions.require(by, permissions.COORDINATE, _("Peran Anda tidak boleh mengirim ulang berkas."))
    updated = Forwarding.objects.filter(pk=forwarding.pk, outcome="").update(
        delivery=Forwarding.Delivery.QUEUED, key=uuid.uuid4(), link_key=uuid.uuid4(), link_revoked_at=None
    )  # a new email (its own key) with a new link; the old link stops working
    if not updated:
        raise Conflict(_("Instansi sudah melaporkan hasil; berkas tidak perlu dikirim ulang."))
    transaction.on_commit(lambda: tasks.send_dossier.delay(forwarding_id=forwarding.pk))


def agency_remind(*, agency: Agency, cases: QuerySet[Case], by) -> int:
    """Remind an agency of the dossiers (of `cases`, the official's) it has not answered: one
    email a day listing each with a working link, and a note in each case's timeline. Return how
    many dossiers the reminder lists."""
    permissions.require(by, permissions.COORDINATE, _("Peran Anda tidak boleh mengingatkan instansi."))
    day = timezone.localdate()
    with transaction.atomic():
        list(Agency.objects.select_for_update().filter(pk=agency.pk).values_list("pk"))  # one reminder at a time
        if Notification.objects.filter(key=reminder_key(agency=agency, day=day)).exists():
            raise Conflict(_("%(agency)s sudah diingatkan hari ini.") % {"agency": agency.name})
        pending = list(
            Forwarding.objects.filter(
                agency=agency, case__in=cases.values("pk"), outcome="", delivery=Forwarding.Delivery.SENT
            ).select_related("case")
        )
        if not pending:
            raise Invalid(_("Tidak ada berkas yang menunggu jawaban %(agency)s.") % {"agency": agency.name})
        Notification.objects.create(key=reminder_key(agency=agency, day=day), kind=Notification.Kind.AGENCY_REMINDER)
        for forwarding in pending:
            timeline.agency_reminded(forwarding=forwarding, by=by)
        ids = [forwarding.pk for forwarding in pending]
        transaction.on_commit(
            lambda: tasks.send_agency_reminder.delay(agency_id=agency.pk, forwarding_ids=ids, day=day.isoformat())
        )
    return len(pending)


def reminder_key(*, agency: Agency, day) -> str:
    """The key of an agency's reminder of a day: a second click the same day sends nothing."""
    return f"agency-reminder:{agency.pk}:{day.isoformat()}"


def links_revoke(*, forwarding_ids: list[int]) -> int:
    """Revoke agencies' links (an admin, after a leaked email); return how many. A resend gives a new one."""
    return Forwarding.objects.filter(pk__in=forwarding_ids, link_revoked_at__isnull=True).update(
        link_revoked_at=timezone.now()
    )


def dossier_open(*, forwarding: Forwarding, by):
    """Open the dossier for a coordinator; a copy that names the reporter counts as a look at
    their identity and is recorded."""
    permissions.require(by, permissions.COORDINATE, _("Peran Anda tidak boleh mengunduh berkas penerusan."))
    if not forwarding.dossier:
        raise NotFound(_("Berkas belum tersedia."))
    if dossier.names_reporter(forwarding):
        timeline.identity_viewed(case=forwarding.case, by=by, note=f"berkas untuk {forwarding.agency.name}")
    return forwarding.dossier.open("rb")


def decision_letter_open(*, forwarding: Forwarding, by):
    """Open the agency's decision letter for a coordinator."""
    permissions.require(by, permissions.COORDINATE, _("Peran Anda tidak boleh mengunduh surat keputusan."))
    if not forwarding.decision_letter:
        raise NotFound(_("Surat keputusan tidak ada."))
    return forwarding.decision_letter.open("rb")
