"""The officials' actions, each described once: its permission, its transition, its label and
consequence on the case page, its form, and what it changes besides the status.

The workflow runs them (`workflow.perform`); the case page and the API offer them; the forms
validate their input for both.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import can_proceed

from .. import permissions
from ..errors import Invalid
from ..forwarding import selectors as forwarding_selectors
from ..forwarding import services as forwarding_services
from ..models import Behaviour, Case, CaseEvent, Category, RejectionReason
from . import classification, duplicates
from . import forms as action_forms

Action = CaseEvent.Action


@dataclass(frozen=True)
class Step:
    """What an action changes besides the status: checked before the row lock, applied under it."""

    # Changes to the locked case (and rows it owns); what it returns joins the internal note.
    apply: Callable[[Case], str | None] | None = None
    also_lock: int | None = None  # another case it depends on (a duplicate's primary), locked too
    default_note: str = ""  # the public note when the official wrote none


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
        current.verified_at = timezone.now()  # the handling deadline runs from here

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


CLASSIFICATION_FIELDS = ("category", "behaviour", "severity", "legal_basis")


def _classify(
    *, case: Case, by, category: str = "", behaviour: Behaviour | None = None, severity: str = "", legal_basis=None
) -> Step:
    """Record the category, behaviour, sanction (one that fits the category) and legal basis
    (the category's by default). A case found no violation tells the reporter so."""
    if category not in Category.values:
        raise Invalid.on_field("category", _("Pilih kategori."))
    if behaviour is None:
        raise Invalid.on_field("behaviour", _("Pilih perilaku."))
    classification.severity_check(category, severity)
    values = {
        "category": category,
        "behaviour": behaviour,
        "severity": severity,
        "legal_basis": classification.legal_basis_for(category) if legal_basis is None else legal_basis,
    }

    def record(current: Case) -> str:
        """Classify; a reclassification returns the old and new values for the timeline."""
        before = {field: getattr(current, field) for field in CLASSIFICATION_FIELDS}
        for field, value in values.items():
            setattr(current, field, value)
        if not before["category"]:
            return ""
        changed = [
            f"{field}: {before[field] or '—'} → {values[field] or '—'}"
            for field in CLASSIFICATION_FIELDS
            if before[field] != values[field]
        ]
        if not changed:
            raise Invalid(_("Klasifikasi tidak berubah. Ubah kategori, perilaku, sanksi atau dasar hukumnya."))
        return "; ".join(changed)

    no_violation = _("Setelah diperiksa, perbuatan yang dilaporkan dinilai bukan pelanggaran netralitas ASN.")
    return Step(apply=record, default_note=no_violation if category == Category.BUKAN_PELANGGARAN else "")


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
        Action.RECLASSIFY,
        "reclassify",
        permissions.CLASSIFY,
        gettext_lazy("Perbaiki klasifikasi"),
        gettext_lazy("Klasifikasi diganti sebelum diteruskan; yang lama dan yang baru tercatat di riwayat."),
        action_forms.ReclassifyForm,
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
