"""The officials' actions, each described once: its permission, its transition, its label and
consequence on the case page, its form, and what it changes besides the status.

The workflow runs them (`workflow.perform`); the case page and the API offer them; the forms
validate their input for both.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import can_proceed

from .. import permissions
from ..errors import Invalid
from ..forwarding import selectors as forwarding_selectors
from ..forwarding import services as forwarding_services
from ..models import Behaviour, Case, CaseEvent, Category, RejectionReason, Severity
from . import duplicates
from . import forms as action_forms

Action = CaseEvent.Action


@dataclass(frozen=True)
class Step:
    """What an action changes besides the status: checked before the row lock, applied under it."""

    apply: Callable[[Case], None] | None = None  # changes to the locked case (and rows it owns)
    also_lock: int | None = None  # another case it depends on (a duplicate's primary), locked too


@dataclass(frozen=True)
class ActionSpec:
    name: str
    transition: str  # the FSM transition on Case
    permission: str
    label: Promise  # the button
    consequence: Promise  # said next to the button
    form: type[action_forms.ActionForm]
    plan: Callable[..., Step] | None = None  # (case=, by=, **fields) → Step
    note_required: Promise | None = None  # the message when the public note is missing


def _claim(*, case: Case, by) -> Step:
    """The official becomes the case's handler."""

    def assign(current: Case) -> None:
        current.assignee = by

    return Step(apply=assign)


def _verify(*, case: Case, by) -> Step:
    def record(current: Case) -> None:
        current.verified_by = by  # the four-eyes rule remembers who

    return Step(apply=record)


def _reject(*, case: Case, by, reason: str = "", primary_ticket: str = "") -> Step:
    """Reject with a reason; a duplicate points the reporter at the ticket that carries the case."""
    if reason not in RejectionReason.values or reason == RejectionReason.NO_RESPONSE:
        raise Invalid.on_field("reason", _("Pilih alasan penolakan."))
    primary = duplicates.primary_for(case, primary_ticket) if reason == RejectionReason.DUPLICATE else None

    def record(current: Case) -> None:
        if primary is not None and duplicates.leads_to(primary.pk, current.pk):  # again, under both row locks
            raise duplicates.cycle_error(primary)
        current.rejection_reason = reason
        current.duplicate_of = primary

    return Step(apply=record, also_lock=primary.pk if primary is not None else None)


def _classify(
    *, case: Case, by, category: str = "", behaviour: Behaviour | None = None, severity: str = "", legal_basis=None
) -> Step:
    """Record the category, behaviour, legal basis (the behaviour's by default) and severity."""
    if category not in Category.values:
        raise Invalid.on_field("category", _("Pilih kategori."))
    if behaviour is None:
        raise Invalid.on_field("behaviour", _("Pilih perilaku."))
    if severity and severity not in Severity.values:
        raise Invalid.on_field("severity", _("Pilih tingkat ringan, sedang atau berat."))

    def record(current: Case) -> None:
        current.category = category
        current.behaviour = behaviour
        current.severity = severity
        current.legal_basis = behaviour.legal_basis if legal_basis is None else legal_basis

    return Step(apply=record)


def _forward(*, case: Case, by, agency_ids: list[int] | None = None) -> Step:
    """A dossier and an email for each chosen agency, after commit."""
    agencies = forwarding_selectors.agencies_chosen(agency_ids=agency_ids or [], case=case)

    def record(current: Case) -> None:
        forwarding_services.forwardings_create(case=current, agencies=agencies)

    return Step(apply=record)


_SPECS = [
    ActionSpec(
        Action.CLAIM,
        "claim",
        permissions.TRIAGE,
        gettext_lazy("Ambil untuk ditinjau"),
        gettext_lazy("Anda menjadi petugas yang menangani kasus ini; status menjadi sedang ditinjau."),
        action_forms.ClaimForm,
        plan=_claim,
    ),
    ActionSpec(
        Action.REQUEST_INFO,
        "request_info",
        permissions.TRIAGE,
        gettext_lazy("Minta keterangan pelapor"),
        gettext_lazy(
            "Pelapor membaca pertanyaan ini di halaman status (dan emailnya) dan menjawab dengan kode akses. "
            "Tanpa jawaban sampai batas waktu, laporan ditolak otomatis."
        ),
        action_forms.RequestInfoForm,
        note_required=gettext_lazy("Tulis pertanyaan untuk pelapor."),
    ),
    ActionSpec(
        Action.RESUME,
        "resume",
        permissions.TRIAGE,
        gettext_lazy("Lanjutkan peninjauan"),
        gettext_lazy("Peninjauan dilanjutkan tanpa menunggu jawaban pelapor."),
        action_forms.ResumeForm,
    ),
    ActionSpec(
        Action.VERIFY,
        "verify",
        permissions.TRIAGE,
        gettext_lazy("Verifikasi: memenuhi syarat"),
        gettext_lazy("Laporan dinyatakan memenuhi syarat formal dan material; analis dapat mengklasifikasi."),
        action_forms.VerifyForm,
        plan=_verify,
    ),
    ActionSpec(
        Action.REJECT,
        "reject",
        permissions.TRIAGE,
        gettext_lazy("Tolak laporan"),
        gettext_lazy("Penanganan berhenti dengan status ditolak; pelapor membaca alasan dan penjelasan Anda."),
        action_forms.RejectForm,
        plan=_reject,
    ),
    ActionSpec(
        Action.CLASSIFY,
        "classify",
        permissions.CLASSIFY,
        gettext_lazy("Klasifikasi pelanggaran"),
        gettext_lazy("Jenis pelanggaran, perilaku, dasar hukum dan tingkatnya tercatat untuk diteruskan."),
        action_forms.ClassifyForm,
        plan=_classify,
    ),
    ActionSpec(
        Action.FORWARD,
        "forward",
        permissions.COORDINATE,
        gettext_lazy("Teruskan ke instansi"),
        gettext_lazy(
            "Setiap instansi terpilih menerima berkas PDF lewat email dan tautan untuk melaporkan hasilnya. "
            "Identitas pelapor dihitamkan kecuali pelapor mengizinkan."
        ),
        action_forms.ForwardForm,
        plan=_forward,
    ),
    ActionSpec(
        Action.CLOSE,
        "close",
        permissions.COORDINATE,
        gettext_lazy("Tutup kasus"),
        gettext_lazy("Kasus selesai; pelapor membaca ringkasan Anda."),
        action_forms.CloseForm,
        note_required=gettext_lazy("Tulis ringkasan penyelesaian untuk pelapor."),
    ),
]
ACTIONS: dict[str, ActionSpec] = {spec.name: spec for spec in _SPECS}


def available_actions(case: Case, user) -> list[str]:
    """Return the official actions `user` may take on `case` now."""
    return [
        name
        for name, spec in ACTIONS.items()
        if permissions.may_act(user, permission=spec.permission, case=case, action=name)
        and can_proceed(getattr(case, spec.transition))
    ]
