"""Triage forms: one form per official action (`actions.ACTIONS` names them).

Each validates for both the web pages and the API, like the report form does.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Agency, Behaviour, Category, RejectionReason, Severity

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
        warning = "" if agency.contact_verified else " ⚠ " + str(_("kontak belum terverifikasi"))
        return f"{agency.name}{warning}"


class ForwardForm(ActionForm):
    agency_ids = AgencyChoiceField(
        label=_("Instansi tujuan"),
        queryset=Agency.objects.select_related("region"),
        widget=forms.CheckboxSelectMultiple,
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
