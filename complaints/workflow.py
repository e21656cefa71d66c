"""The case workflow (DESIGN §2): the only code that changes `Case.status`.

Every action goes through `_act`: it locks the case row, checks the official's permission and
the state graph (the FSM transitions on `Case`), applies the action, saves with the optimistic
status check of ConcurrentTransitionMixin, appends a timeline event, and queues side effects
(emails) to run after commit. Two officials acting at once: one wins, the other gets
`Conflict`, which the edges answer with 409.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import ConcurrentTransition, can_proceed

from . import deadlines, tasks
from .models import Agency, Behaviour, Case, CaseEvent, Category, Forwarding, RejectionReason, Severity
from .tickets import InvalidTicket, normalize_ticket

Action = CaseEvent.Action

# Which permission each official action needs (roles.ROLE_PERMISSIONS gives them to groups).
PERMISSIONS = {
    Action.CLAIM: "complaints.triage_case",
    Action.REQUEST_INFO: "complaints.triage_case",
    Action.RESUME: "complaints.triage_case",
    Action.VERIFY: "complaints.triage_case",
    Action.REJECT: "complaints.triage_case",
    Action.CLASSIFY: "complaints.classify_case",
    Action.FORWARD: "complaints.coordinate_case",
    Action.CLOSE: "complaints.coordinate_case",
}
# Actions an official takes from the case page and the API; `forward` joins with forwarding.
OFFICIAL_ACTIONS = [
    Action.CLAIM,
    Action.REQUEST_INFO,
    Action.RESUME,
    Action.VERIFY,
    Action.REJECT,
    Action.CLASSIFY,
    Action.FORWARD,
    Action.CLOSE,
]


class WorkflowError(Exception):
    """An action that cannot happen; `status_code` is what the edges answer."""

    status_code = 400

    def __init__(self, message: str, *, fields: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class NotAllowed(WorkflowError):
    status_code = 403


class Conflict(WorkflowError):
    status_code = 409


class InvalidAction(WorkflowError):
    status_code = 400


def _may(user, action: str) -> bool:
    return user is not None and user.is_active and user.has_perm(PERMISSIONS[action])


def four_eyes_blocks(case: Case, user, action: str) -> bool:
    """Return whether the four-eyes rule forbids `user` this action: who verified may not forward."""
    return bool(settings.FOUR_EYES and action == Action.FORWARD and case.verified_by_id == user.pk)


def available_actions(case: Case, user) -> list[str]:
    """Return the official actions `user` may take on `case` now."""
    return [
        action
        for action in OFFICIAL_ACTIONS
        if _may(user, action) and can_proceed(getattr(case, action)) and not four_eyes_blocks(case, user, action)
    ]


@dataclass(frozen=True)
class Outcome:
    case: Case
    event: CaseEvent


def _act(
    *,
    case: Case,
    action: str,
    transition: str,
    by,
    apply: Callable[[Case], None] | None = None,
    public_note: str = "",
    internal_note: str = "",
    seen_event: int | None = None,
    also_lock: int | None = None,
) -> Outcome:
    """Run one transition; see the module docstring. `by` is None for the reporter or the system.

    `also_lock` is another case the action depends on (a duplicate's primary): both rows are
    locked in id order, so two officials acting on the pair wait for each other, never deadlock.
    """
    with transaction.atomic():
        if also_lock is not None:
            list(Case.objects.select_for_update().filter(pk__in=[case.pk, also_lock]).order_by("pk").values("pk"))
        current = Case.objects.select_for_update().select_related("election").get(pk=case.pk)
        if by is not None and (not _may(by, action) or four_eyes_blocks(current, by, action)):
            raise NotAllowed(_("Peran Anda tidak boleh melakukan tindakan ini."))
        # Only a change of status makes an open page stale; a look at the identity or a download does not.
        if (
            seen_event is not None
            and current.events.filter(pk__gt=seen_event).exclude(from_status=F("to_status")).exists()
        ):
            raise Conflict(_("Kasus ini telah berubah sejak Anda membukanya. Periksa riwayat terbaru, lalu ulangi."))
        step = getattr(current, transition)
        if not can_proceed(step):
            raise Conflict(
                _("Tindakan ini tidak dapat dilakukan: status kasus sekarang %(status)s.")
                % {"status": current.get_status_display()}
            )
        from_status = current.status
        if apply:
            apply(current)
        step()
        current.deadline = deadlines.deadline_for(current, entered_on=timezone.localdate())
        try:
            current.save()
        except ConcurrentTransition:
            raise Conflict(_("Petugas lain baru saja mengubah kasus ini. Muat ulang halaman.")) from None
        event = CaseEvent.objects.create(
            case=current,
            action=action,
            actor=by,
            from_status=from_status,
            to_status=current.status,
            public_note=public_note,
            internal_note=internal_note,
        )
        transaction.on_commit(lambda: tasks.notify_reporter_of_status.delay(event_id=event.pk))
    return Outcome(case=current, event=event)


def claim(*, case: Case, by, internal_note: str = "", seen_event: int | None = None) -> Outcome:
    """Take a new case into review; the official becomes its handler."""

    def assign(current: Case) -> None:
        current.assignee = by

    return _act(
        case=case,
        action=Action.CLAIM,
        transition="claim",
        by=by,
        apply=assign,
        internal_note=internal_note,
        seen_event=seen_event,
    )


def request_info(*, case: Case, by, note: str, internal_note: str = "", seen_event: int | None = None) -> Outcome:
    """Ask the reporter a question; they read it on the status page and answer with the access code."""
    if not note.strip():
        message = _("Tulis pertanyaan untuk pelapor.")
        raise InvalidAction(message, fields={"note": [message]})
    return _act(
        case=case,
        action=Action.REQUEST_INFO,
        transition="request_info",
        by=by,
        public_note=note,
        internal_note=internal_note,
        seen_event=seen_event,
    )


def resume(*, case: Case, by, note: str = "", internal_note: str = "", seen_event: int | None = None) -> Outcome:
    """Continue the review without waiting any longer for the reporter."""
    return _act(
        case=case,
        action=Action.RESUME,
        transition="resume",
        by=by,
        public_note=note,
        internal_note=internal_note,
        seen_event=seen_event,
    )


def reply(*, case: Case, text: str) -> Outcome:
    """Record the reporter's answer and return the case to review (no official acts)."""
    outcome = _act(
        case=case,
        action=Action.REPLY,
        transition="resume",
        by=None,
        internal_note=text,  # the answer may name people: officials only
    )
    transaction.on_commit(lambda: tasks.notify_assignee_of_reply.delay(event_id=outcome.event.pk))
    return outcome


def verify(*, case: Case, by, note: str = "", internal_note: str = "", seen_event: int | None = None) -> Outcome:
    """Find the report formally and materially complete."""

    def record(current: Case) -> None:
        current.verified_by = by

    return _act(
        case=case,
        action=Action.VERIFY,
        transition="verify",
        by=by,
        apply=record,
        public_note=note,
        internal_note=internal_note,
        seen_event=seen_event,
    )


def reject(
    *,
    case: Case,
    by,
    reason: str,
    note: str = "",
    primary_ticket: str = "",
    internal_note: str = "",
    seen_event: int | None = None,
) -> Outcome:
    """Reject with a reason; a duplicate points the reporter at the ticket that carries the case."""
    if reason not in RejectionReason.values or reason == RejectionReason.NO_RESPONSE:
        message = _("Pilih alasan penolakan.")
        raise InvalidAction(message, fields={"reason": [message]})
    primary = None
    if reason == RejectionReason.DUPLICATE:
        primary = _primary_case(case, primary_ticket)  # the status page names it to the reporter

    def record(current: Case) -> None:
        if primary is not None and _leads_to(primary.pk, current.pk):  # rechecked under both row locks
            message = _("Laporan %(ticket)s sudah ditandai sebagai duplikat laporan ini.") % {"ticket": primary.ticket}
            raise InvalidAction(message, fields={"primary_ticket": [message]})
        current.rejection_reason = reason
        current.duplicate_of = primary

    return _act(
        case=case,
        action=Action.REJECT,
        transition="reject",
        by=by,
        apply=record,
        public_note=note,
        internal_note=internal_note,
        seen_event=seen_event,
        also_lock=primary.pk if primary is not None else None,
    )


def _leads_to(start: int, target: int) -> bool:
    """Return whether following duplicate_of from case `start` reaches case `target`."""
    seen, current = set(), start
    while current is not None and current not in seen:
        if current == target:
            return True
        seen.add(current)
        current = Case.objects.filter(pk=current).values_list("duplicate_of_id", flat=True).first()
    return False


def _primary_case(case: Case, primary_ticket: str) -> Case:
    field_error = _("Isi nomor tiket laporan utama yang valid.")
    try:
        ticket = normalize_ticket(primary_ticket)
    except InvalidTicket:
        raise InvalidAction(field_error, fields={"primary_ticket": [field_error]}) from None
    primary = Case.objects.filter(ticket=ticket).first()
    if primary is None:
        message = _("Laporan utama %(ticket)s tidak ditemukan.") % {"ticket": ticket}
        raise InvalidAction(message, fields={"primary_ticket": [message]})
    if primary.pk == case.pk:
        message = _("Laporan utama tidak boleh laporan ini sendiri.")
        raise InvalidAction(message, fields={"primary_ticket": [message]})
    if _leads_to(primary.pk, case.pk):
        message = _("Laporan %(ticket)s sudah ditandai sebagai duplikat laporan ini.") % {"ticket": primary.ticket}
        raise InvalidAction(message, fields={"primary_ticket": [message]})
    seen = set()
    while primary.duplicate_of_id and primary.pk not in seen:  # point at the case that carries on
        seen.add(primary.pk)
        primary = primary.duplicate_of
    return primary


def expire(*, case: Case) -> Outcome:
    """Reject a case whose reporter did not answer by the deadline (run by beat)."""

    def record(current: Case) -> None:
        current.rejection_reason = RejectionReason.NO_RESPONSE

    return _act(
        case=case,
        action=Action.EXPIRE,
        transition="expire",
        by=None,
        apply=record,
    )


def classify(
    *,
    case: Case,
    by,
    category: str,
    behaviour: Behaviour,
    severity: str = "",
    legal_basis: str | None = None,
    note: str = "",
    internal_note: str = "",
    seen_event: int | None = None,
) -> Outcome:
    """Classify the violation; the legal basis defaults to the behaviour's."""
    if category not in Category.values:
        message = _("Pilih kategori.")
        raise InvalidAction(message, fields={"category": [message]})
    if severity and severity not in Severity.values:
        message = _("Pilih tingkat ringan, sedang atau berat.")
        raise InvalidAction(message, fields={"severity": [message]})

    def record(current: Case) -> None:
        current.category = category
        current.behaviour = behaviour
        current.severity = severity
        current.legal_basis = behaviour.legal_basis if legal_basis is None else legal_basis

    return _act(
        case=case,
        action=Action.CLASSIFY,
        transition="classify",
        by=by,
        apply=record,
        public_note=note,
        internal_note=internal_note,
        seen_event=seen_event,
    )


def forward(
    *, case: Case, by, agency_ids: list[int], note: str = "", internal_note: str = "", seen_event: int | None = None
) -> Outcome:
    """Send a classified violation to the chosen agencies: a dossier and an email each, after commit."""
    agencies = list(Agency.objects.filter(pk__in=agency_ids))
    if not agencies or len(agencies) != len(set(agency_ids)):
        message = _("Pilih paling sedikit satu instansi tujuan yang dikenal.")
        raise InvalidAction(message, fields={"agency_ids": [message]})
    invalid = [agency.name for agency in agencies if not agency.valid_on(case.incident_date)]
    if invalid:
        message = _("Instansi ini tidak berwenang pada tanggal kejadian: %(names)s.") % {"names": "; ".join(invalid)}
        raise InvalidAction(message, fields={"agency_ids": [message]})
    created: list[Forwarding] = []

    def record(current: Case) -> None:
        created.extend(Forwarding.objects.create(case=current, agency=agency) for agency in agencies)

    outcome = _act(
        case=case,
        action=Action.FORWARD,
        transition="forward",
        by=by,
        apply=record,
        public_note=note,
        internal_note=internal_note,
        seen_event=seen_event,
    )
    for forwarding in created:
        transaction.on_commit(lambda pk=forwarding.pk: tasks.send_dossier.delay(forwarding_id=pk))
    return outcome


def close(*, case: Case, by, note: str, internal_note: str = "", seen_event: int | None = None) -> Outcome:
    """Close with a public summary for the reporter."""
    if not note.strip():
        message = _("Tulis ringkasan penyelesaian untuk pelapor.")
        raise InvalidAction(message, fields={"note": [message]})
    return _act(
        case=case,
        action=Action.CLOSE,
        transition="close",
        by=by,
        public_note=note,
        internal_note=internal_note,
        seen_event=seen_event,
    )


# Official action name → the function that performs it (the API and the case page dispatch here).
PERFORM = {
    Action.CLAIM: claim,
    Action.REQUEST_INFO: request_info,
    Action.RESUME: resume,
    Action.VERIFY: verify,
    Action.REJECT: reject,
    Action.CLASSIFY: classify,
    Action.FORWARD: forward,
    Action.CLOSE: close,
}

# The button of each action on the case page.
LABELS = {
    Action.CLAIM: gettext_lazy("Ambil untuk ditinjau"),
    Action.REQUEST_INFO: gettext_lazy("Minta keterangan pelapor"),
    Action.RESUME: gettext_lazy("Lanjutkan peninjauan"),
    Action.VERIFY: gettext_lazy("Verifikasi: memenuhi syarat"),
    Action.REJECT: gettext_lazy("Tolak laporan"),
    Action.CLASSIFY: gettext_lazy("Klasifikasi pelanggaran"),
    Action.FORWARD: gettext_lazy("Teruskan ke instansi"),
    Action.CLOSE: gettext_lazy("Tutup kasus"),
}

# What each action does, said next to its button on the case page.
CONSEQUENCES = {
    Action.CLAIM: gettext_lazy("Anda menjadi petugas yang menangani kasus ini; status menjadi sedang ditinjau."),
    Action.REQUEST_INFO: gettext_lazy(
        "Pelapor membaca pertanyaan ini di halaman status (dan emailnya) dan menjawab dengan kode akses. "
        "Tanpa jawaban sampai batas waktu, laporan ditolak otomatis."
    ),
    Action.RESUME: gettext_lazy("Peninjauan dilanjutkan tanpa menunggu jawaban pelapor."),
    Action.VERIFY: gettext_lazy(
        "Laporan dinyatakan memenuhi syarat formal dan material; analis dapat mengklasifikasi."
    ),
    Action.REJECT: gettext_lazy(
        "Penanganan berhenti dengan status ditolak; pelapor membaca alasan dan penjelasan Anda."
    ),
    Action.CLASSIFY: gettext_lazy("Jenis pelanggaran, perilaku, dasar hukum dan tingkatnya tercatat untuk diteruskan."),
    Action.FORWARD: gettext_lazy(
        "Setiap instansi terpilih menerima berkas PDF lewat email dan tautan untuk melaporkan hasilnya. "
        "Identitas pelapor dihitamkan kecuali pelapor mengizinkan."
    ),
    Action.CLOSE: gettext_lazy("Kasus selesai; pelapor membaca ringkasan Anda."),
}
