"""Officials' forms: the queue's filters and one form per workflow action.

Each validates for both the web pages and the API, like the report form does.
"""

import pypdf
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Agency, Behaviour, Case, Category, Election, Forwarding, Platform, RejectionReason, Severity
from .selectors import CaseFilters
from .workflow import Action

NOTE_MAX = 5000


class QueueFilterForm(forms.Form):
    """`/petugas/` and `GET /api/v1/cases/` filters; they stay in the URL so a view can be shared."""

    q = forms.CharField(label=_("Cari"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Semua")), *Case.Status.choices])
    category = forms.ChoiceField(label=_("Kategori"), required=False, choices=[("", _("Semua")), *Category.choices])
    region = forms.RegexField(
        label=_("Wilayah"),
        required=False,
        regex=r"^[0-9]{2}(\.[0-9]{2})?$",
        help_text=_("Kode provinsi (36) atau kabupaten/kota (36.73)"),
        error_messages={"invalid": _("Kode wilayah harus seperti 36 atau 36.73.")},
    )
    platform = forms.ChoiceField(label=_("Platform"), required=False, choices=[("", _("Semua")), *Platform.choices])
    election = forms.ModelChoiceField(
        label=_("Pemilihan"),
        required=False,
        queryset=Election.objects.all(),
        to_field_name="slug",
        empty_label=_("Semua"),
    )
    overdue = forms.BooleanField(label=_("Hanya yang terlambat"), required=False)
    mine = forms.BooleanField(label=_("Hanya yang saya tangani"), required=False)

    def to_filters(self) -> CaseFilters:
        data = self.cleaned_data
        return CaseFilters(
            status=data["status"],
            category=data["category"],
            region=data["region"],
            platform=data["platform"],
            election=data["election"].slug if data["election"] else "",
            overdue=data["overdue"],
            mine=data["mine"],
            q=data["q"].strip(),
        )


class AgencyFilterForm(forms.Form):
    """`GET /api/v1/agencies/` filters."""

    kind = forms.ChoiceField(required=False, choices=[("", ""), *Agency.Kind.choices])
    region = forms.RegexField(
        required=False,
        regex=r"^([0-9]{2}(\.[0-9]{2})?|national)$",
        error_messages={"invalid": _("Kode wilayah harus seperti 36 atau 36.73, atau national.")},
    )


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
        help_text=_("Kosongkan untuk memakai dasar hukum bawaan perilaku yang dipilih."),
    )
    severity = forms.ChoiceField(label=_("Tingkat"), required=False, choices=[("", "—"), *Severity.choices])
    note = _public_note(_("Catatan untuk pelapor"), required=False, help_text=PUBLIC_HINT)


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


class AgencyOutcomeForm(forms.Form):
    """What the agency decided, recorded through its signed link."""

    outcome = forms.ChoiceField(label=_("Hasil penanganan"), choices=Forwarding.Outcome.choices)
    discipline_level = forms.ChoiceField(
        label=_("Tingkat hukuman disiplin"), required=False, choices=[("", "—"), *Severity.choices]
    )
    decision_number = forms.CharField(label=_("Nomor keputusan"), required=False, max_length=200)
    decision_date = forms.DateField(
        label=_("Tanggal keputusan"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    outcome_note = forms.CharField(
        label=_("Catatan"), required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    decision_letter = forms.FileField(
        label=_("Surat keputusan (PDF)"), required=False, help_text=_("Boleh dikosongkan. PDF, paling besar 10 MB.")
    )

    def clean_decision_letter(self):
        letter = self.cleaned_data["decision_letter"]
        if letter is None:
            return None
        if letter.size > settings.MAX_EVIDENCE_BYTES:
            raise forms.ValidationError(_("Surat keputusan melebihi batas 10 MB."))
        letter.seek(0)
        try:  # a PDF is what parses as one, with at least one page; not what starts with "%PDF-"
            pages = len(pypdf.PdfReader(letter).pages)
        except Exception:  # pypdf raises many kinds of errors on broken or disguised files
            pages = 0
        if not pages:
            raise forms.ValidationError(_("Surat keputusan harus berkas PDF."))
        letter.seek(0)
        return letter

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        if outcome == Forwarding.Outcome.DISCIPLINE_SANCTION and not data.get("discipline_level"):
            self.add_error("discipline_level", _("Pilih tingkat hukuman disiplin."))
        if outcome != Forwarding.Outcome.DISCIPLINE_SANCTION and data.get("discipline_level"):
            self.add_error("discipline_level", _("Tingkat hukuman hanya diisi untuk hukuman disiplin."))
        sanction = outcome in (Forwarding.Outcome.MORAL_SANCTION, Forwarding.Outcome.DISCIPLINE_SANCTION)
        if sanction and not data.get("decision_number"):
            self.add_error("decision_number", _("Isi nomor keputusan sanksi."))
        if sanction and not data.get("decision_date"):
            self.add_error("decision_date", _("Isi tanggal keputusan sanksi."))
        return data


class CloseForm(ActionForm):
    note = _public_note(_("Ringkasan penyelesaian untuk pelapor"), required=True, help_text=PUBLIC_HINT)


ACTION_FORMS = {
    Action.CLAIM: ClaimForm,
    Action.REQUEST_INFO: RequestInfoForm,
    Action.RESUME: ResumeForm,
    Action.VERIFY: VerifyForm,
    Action.REJECT: RejectForm,
    Action.CLASSIFY: ClassifyForm,
    Action.FORWARD: ForwardForm,
    Action.CLOSE: CloseForm,
}
