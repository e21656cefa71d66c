"""Triage forms: one form per official action (`actions.ACTIONS` names them).

Each validates for both the web pages and the API, like the report form does.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..models import Agency, Behaviour, Category, RejectionReason, Severity
from ..tickets import InvalidTicket, normalize_ticket

NOTE_MAX = 5000


class ActionForm(forms.Form):
    """Fields every action takes: an internal note, and the last event the official had seen."""

    internal_note = forms.CharField(
        label=_("Catatan internal"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Hanya untuk petugas; pelapor tidak melihatnya."),
    )
    seen_event = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)

    def workflow_kwargs(self) -> dict:
        """Return the keyword arguments of the workflow function."""
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}


def _public_note(label, *, required: bool, help_text):
    return forms.CharField(
        label=label,
        required=required,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=help_text,
    )


PUBLIC_HINT = _("Pelapor membaca catatan ini di halaman status dan emailnya.")


class ClaimForm(ActionForm):
    pass


class RequestInfoForm(ActionForm):
    note = _public_note(_("Pertanyaan untuk pelapor"), required=True, help_text=PUBLIC_HINT)


class ResumeForm(ActionForm):
    note = _public_note(_("Catatan untuk pelapor"), required=False, help_text=PUBLIC_HINT)


class VerifyForm(ActionForm):
    note = _public_note(_("Catatan untuk pelapor"), required=False, help_text=PUBLIC_HINT)


class RejectForm(ActionForm):
    reason = forms.ChoiceField(
        label=_("Alasan"),
        choices=[(value, label) for value, label in RejectionReason.choices if value != RejectionReason.NO_RESPONSE],
    )
    primary_ticket = forms.CharField(
        label=_("Tiket laporan utama"),
        required=False,
        max_length=20,
        help_text=_("Wajib bila alasannya laporan ganda."),
    )
    note = _public_note(_("Penjelasan untuk pelapor"), required=False, help_text=PUBLIC_HINT)


class ClassifyForm(ActionForm):
    category = forms.ChoiceField(label=_("Kategori"), choices=Category.choices)
    behaviour = forms.ModelChoiceField(
        label=_("Perilaku"), queryset=Behaviour.objects.filter(is_active=True), to_field_name="code"
    )
    legal_basis = forms.CharField(
        label=_("Dasar hukum"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Terisi sesuai kategori; boleh diubah. Dikosongkan: dasar hukum bawaan kategori."),
    )
    severity = forms.ChoiceField(
        label=_("Usulan sanksi"),
        required=False,
        choices=[("", "—"), *Severity.choices],
        help_text=_(
            "Kode etik: pernyataan tertutup atau terbuka. Disiplin: ringan, sedang, berat, atau PTDH "
            "(anggota partai politik). Bukan pelanggaran: kosong."
        ),
    )
    note = _public_note(_("Catatan untuk pelapor"), required=False, help_text=PUBLIC_HINT)


class ReclassifyForm(ClassifyForm):
    """The same fields: the new classification replaces the old, and both stay in the timeline."""


class AgencyChoiceField(forms.ModelMultipleChoiceField):
    MAX_ID = 2**63 - 1

    def _check_values(self, value):
        for pk in value:
            if not str(pk).isdigit() or int(pk) > self.MAX_ID:  # refuse before the database overflows
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)

    def label_from_instance(self, agency):
        """The agency with its kind and region, so that two of a name are told apart."""
        where = agency.region.name if agency.region else _("nasional")
        warning = "" if agency.contact_verified else " ⚠ " + str(_("kontak belum terverifikasi"))
        return f"{agency.name} ({agency.get_kind_display()}, {where}){warning}"


class ForwardForm(ActionForm):
    agency_ids = AgencyChoiceField(
        label=_("Instansi tujuan"),
        queryset=Agency.objects.select_related("region"),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-input"}),  # a 44 px target
        error_messages={
            "required": _("Pilih paling sedikit satu instansi tujuan."),
            "invalid_choice": _("Instansi %(value)s tidak dikenal."),
            "invalid_pk_value": _("Instansi %(pk)s tidak dikenal."),
        },
    )
    note = _public_note(_("Catatan untuk pelapor"), required=False, help_text=PUBLIC_HINT)

    def workflow_kwargs(self) -> dict:
        kwargs = super().workflow_kwargs()
        kwargs["agency_ids"] = [agency.pk for agency in self.cleaned_data["agency_ids"]]
        return kwargs


class CloseForm(ActionForm):
    note = _public_note(_("Ringkasan penyelesaian untuk pelapor"), required=True, help_text=PUBLIC_HINT)


BULK_ACTIONS = [  # what the queue's selection takes: each case still under its own rules
    ("claim", _("Ambil untuk ditinjau")),
    ("reject", _("Tolak (pilih alasannya)")),
    ("request_info", _("Minta keterangan yang sama")),
]
BULK_MAX = 500  # cases in one selection: a page of the queue is 25; the API may send more


class TicketField(forms.CharField):
    """A ticket as officials type it (any case, with or without dashes)."""

    def __init__(self, **kwargs):
        super().__init__(max_length=30, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        try:
            return normalize_ticket(value)
        except InvalidTicket:
            raise forms.ValidationError(_("Nomor tiket tidak valid.")) from None


class TicketsField(forms.MultipleChoiceField):
    """Tickets, any number up to BULK_MAX, each checked in the form's clean_tickets."""

    def valid_value(self, value):
        return True


class BulkForm(forms.Form):
    """An action on the selected cases: claim, reject with a reason, or ask the same question."""

    action = forms.ChoiceField(label=pgettext_lazy("tindakan massal", "Tindakan"), choices=BULK_ACTIONS)
    tickets = TicketsField(label=_("Kasus terpilih"), error_messages={"required": _("Pilih setidaknya satu kasus.")})
    reason = forms.ChoiceField(
        label=_("Alasan penolakan"), required=False, choices=[("", "—"), *RejectForm.base_fields["reason"].choices]
    )
    primary_ticket = TicketField(label=_("Tiket laporan utama"), required=False)
    note = forms.CharField(label=_("Catatan untuk pelapor"), required=False, max_length=NOTE_MAX)
    internal_note = forms.CharField(label=_("Catatan internal"), required=False, max_length=NOTE_MAX)

    def clean_tickets(self):
        tickets = self.cleaned_data["tickets"]
        if len(tickets) > BULK_MAX:
            raise forms.ValidationError(_("Paling banyak %(max)d kasus sekaligus.") % {"max": BULK_MAX})
        cleaned = []
        for ticket in tickets:
            try:
                cleaned.append(normalize_ticket(str(ticket)))
            except InvalidTicket:
                message = _("Nomor tiket tidak valid: %(ticket)s") % {"ticket": str(ticket)[:30]}
                raise forms.ValidationError(message) from None
        return cleaned

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == "reject" and not data.get("reason"):
            self.add_error("reason", _("Pilih alasan penolakan."))
        if action == "request_info" and not (data.get("note") or "").strip():
            self.add_error("note", _("Tulis pertanyaan untuk para pelapor."))
        return data

    def workflow_kwargs(self) -> dict:
        """The action's own fields, as the workflow takes them."""
        data = self.cleaned_data
        kwargs = {"internal_note": data.get("internal_note") or ""}
        if data["action"] == "reject":
            kwargs.update(reason=data["reason"], note=data.get("note") or "")
            if data.get("primary_ticket"):
                kwargs["primary_ticket"] = data["primary_ticket"]
        elif data["action"] == "request_info":
            kwargs["note"] = data["note"]
        return kwargs
