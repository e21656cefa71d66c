"""The forms of incident actions (web and API alike)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..converters import MAX_ID
from ..triage.forms import NOTE_MAX, TicketField


class LinkDuplicatesForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan untuk pelapor"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Setiap pelapor membaca catatan ini; tanpa catatan, mereka membaca nomor tiket laporan utama."),
    )


class SplitForm(forms.Form):
    ticket = TicketField(label=_("Tiket yang dikeluarkan dari insiden"))


class SetPrimaryForm(forms.Form):
    ticket = TicketField(label=_("Tiket laporan utama"))


class MergeForm(forms.Form):
    incident = forms.IntegerField(label=_("Insiden yang digabungkan ke sini"), min_value=1, max_value=MAX_ID)


INCIDENT_ACTIONS = {
    "link_duplicates": LinkDuplicatesForm,
    "split": SplitForm,
    "set_primary": SetPrimaryForm,
    "merge": MergeForm,
}
