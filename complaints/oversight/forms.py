"""The oversight pages' own parameters (the queue's filters come from `triage.filters`)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..formfields import RegionCodeField


class ExportForm(forms.Form):
    file = forms.ChoiceField(
        label=pgettext_lazy("format ekspor", "Berkas"),
        required=False,
        choices=[("csv", "CSV"), ("xlsx", "XLSX (Excel)")],
        initial="csv",
    )

    def clean_file(self):
        return self.cleaned_data["file"] or "csv"


class RegisterFilterForm(forms.Form):
    """`/petugas/asn/` and `GET /api/v1/officials/`."""

    q = forms.CharField(label=_("Cari"), required=False, max_length=200, help_text=_("NIP, nama atau instansi"))
    region = RegionCodeField()
    key = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)  # one person's entry
