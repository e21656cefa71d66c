"""The queue's filters: the form that reads them from the URL, and what the selectors take."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from ..formfields import StrictBooleanField
from ..models import Case, Category, Election, Platform


@dataclass(frozen=True)
class CaseFilters:
    """The queue's filters, the same for `/petugas/` and `GET /api/v1/cases/`."""

    status: str = ""
    category: str = ""
    region: str = ""  # a province code (36) or a kabupaten/kota code (36.73)
    platform: str = ""
    election: str = ""  # slug
    overdue: bool = False
    mine: bool = False
    q: str = ""
    source: str = ""  # laporan (a citizen's report) or temuan (an official's finding)


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
    source = forms.ChoiceField(label=_("Asal"), required=False, choices=[("", _("Semua")), *Case.Source.choices])
    overdue = StrictBooleanField(label=_("Hanya yang terlambat"), required=False)
    mine = StrictBooleanField(label=_("Hanya yang saya tangani"), required=False)

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
            source=data["source"],
        )
