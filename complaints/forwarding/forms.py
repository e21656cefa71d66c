"""Forms of forwarding: the agency's outcome through its link, and the agency list's filters."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..models import Agency, Forwarding, Severity
from ..triage.forms import NOTE_MAX


class AgencyFilterForm(forms.Form):
    """`GET /api/v1/agencies/` filters."""

    kind = forms.ChoiceField(required=False, choices=[("", ""), *Agency.Kind.choices])
    region = forms.RegexField(
        required=False,
        regex=r"^([0-9]{2}(\.[0-9]{2})?|national)$",
        error_messages={"invalid": _("Kode wilayah harus seperti 36 atau 36.73, atau national.")},
    )


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
        import pypdf  # with fontTools: only when a decision letter is uploaded, not in every process

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


class DossierCheckForm(forms.Form):
    """`/verifikasi/<key>/`: the SHA-256 of the dossier someone holds, to compare with the one sent."""

    sha256 = forms.RegexField(
        label=_("SHA-256 berkas PDF yang Anda pegang"),
        regex=r"^[0-9a-fA-F]{64}$",
        strip=True,  # a hash pasted with spaces around it (RegexField keeps them unless asked)
        max_length=200,
        help_text=_(
            "64 karakter 0-9 dan a-f, misalnya dari perintah sha256sum berkas.pdf. Dengan JavaScript, "
            "pilih saja berkasnya di bawah: sidiknya dihitung di perangkat Anda, berkasnya tidak dikirim."
        ),
        error_messages={
            "required": _("Isi SHA-256 berkas PDF yang Anda pegang."),
            "invalid": _("SHA-256 terdiri atas tepat 64 karakter 0-9 dan a-f."),
            "max_length": _("SHA-256 terdiri atas tepat 64 karakter 0-9 dan a-f."),
        },
        widget=forms.TextInput({"autocomplete": "off", "spellcheck": "false", "class": "input sha-input"}),
    )

    def clean_sha256(self) -> str:
        return self.cleaned_data["sha256"].lower()
