"""The queue's filters: the form that reads them from the URL, and what the selectors take."""

import datetime
from dataclasses import dataclass

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..converters import MAX_ID
from ..formfields import RegionCodeField, StrictBooleanField
from ..models import Behaviour, Case, Category, Election, Platform, RejectionReason


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
    behaviour: str = ""  # the classified behaviour's code
    reason: str = ""  # a rejection reason
    agency: int | None = None  # forwarded to this agency
    step: str = ""  # a deadline's step (STEPS): the statuses it covers
    due: str = ""  # today, week (within seven days) or overdue: the deadline's health
    date_from: datetime.date | None = None  # submitted on or after
    date_to: datetime.date | None = None  # submitted on or before
    incident: int | None = None  # the cases of one incident


class QueueOrder(models.TextChoices):
    """The queue's orders (issue 15): the nearest deadline first (the default), the newest
    reports first, or the largest incidents first (reports about the same post)."""

    DEADLINE = "tenggat", _("Batas waktu terdekat")
    NEWEST = "terbaru", _("Laporan terbaru")
    INCIDENT = "insiden", _("Insiden terbesar")


class Step(models.TextChoices):
    """The steps whose deadlines the dashboard watches, each the statuses it covers."""

    INITIAL_REVIEW = "initial_review", _("Pemeriksaan awal")
    NEEDS_INFO = "needs_info", _("Menunggu jawaban pelapor")
    HANDLING = "handling", _("Penanganan")
    AGENCY_RESPONSE = "agency_response", _("Tanggapan instansi")


STEP_STATUSES = {
    Step.INITIAL_REVIEW: [Case.Status.RECEIVED, Case.Status.IN_REVIEW],
    Step.NEEDS_INFO: [Case.Status.NEEDS_INFO],
    Step.HANDLING: [Case.Status.VERIFIED, Case.Status.CLASSIFIED],
    Step.AGENCY_RESPONSE: [Case.Status.FORWARDED],
}


class Due(models.TextChoices):
    TODAY = "today", _("Jatuh tempo hari ini")
    WEEK = "week", _("Jatuh tempo dalam 7 hari")
    OVERDUE = "overdue", _("Terlambat")


EARLIEST_DAY = datetime.date(2000, 1, 1)  # as the report form: nothing older is a case here


class QueueFilterForm(forms.Form):
    """`/petugas/` and `GET /api/v1/cases/` filters; they stay in the URL so a view can be shared."""

    q = forms.CharField(label=_("Cari"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Semua")), *Case.Status.choices])
    category = forms.ChoiceField(label=_("Kategori"), required=False, choices=[("", _("Semua")), *Category.choices])
    region = RegionCodeField()
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
    behaviour = forms.ModelChoiceField(
        label=_("Perilaku (klasifikasi)"),
        required=False,
        queryset=Behaviour.objects.all(),
        to_field_name="code",
        empty_label=_("Semua"),
    )
    reason = forms.ChoiceField(
        label=_("Alasan penolakan"), required=False, choices=[("", _("Semua")), *RejectionReason.choices]
    )
    agency = forms.IntegerField(label=_("Instansi"), required=False, min_value=1, max_value=MAX_ID)
    step = forms.ChoiceField(label=_("Tahap"), required=False, choices=[("", _("Semua")), *Step.choices])
    due = forms.ChoiceField(label=_("Batas waktu"), required=False, choices=[("", _("Semua")), *Due.choices])
    incident = forms.IntegerField(label=_("Insiden"), required=False, min_value=1, max_value=MAX_ID)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # `from` is a Python keyword: these two are named in the URL as the API names them.
        date_input = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        self.fields["from"] = forms.DateField(label=_("Dikirim sejak"), required=False, widget=date_input)
        self.fields["to"] = forms.DateField(label=_("Dikirim sampai"), required=False, widget=date_input)

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        for name in ("from", "to"):
            if data.get(name) and data[name] < EARLIEST_DAY:
                self.add_error(name, _("Tanggal paling awal %(day)s.") % {"day": EARLIEST_DAY.isoformat()})
        if start and end and start > end:
            self.add_error("to", _("Tanggal akhir harus sama dengan atau sesudah tanggal awal."))
        return data

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
            behaviour=data["behaviour"].code if data["behaviour"] else "",
            reason=data["reason"],
            agency=data["agency"],
            step=data["step"],
            due=data["due"],
            date_from=data["from"],
            date_to=data["to"],
            incident=data["incident"],
        )
