"""The check of the answers before a report is sent, without JavaScript (`/lapor/periksa/`).

What was typed goes back and forth in the page itself (hidden fields), so nothing of the
reporter's identity is stored before the report is; only the screenshots wait in `staging`.
"""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..errors import Invalid
from . import staging
from .forms import ReportForm

IDENTITY_ANSWERS = ("reporter_name", "reporter_email", "reporter_phone", "share_identity")


def _shown(field: forms.Field, value) -> str:
    """An answer as the citizen chose it: the label of a choice, a date in words."""
    if isinstance(field, forms.BooleanField):
        return _("Ya") if value else _("Tidak")
    if isinstance(field, forms.ModelMultipleChoiceField):
        return "; ".join(str(item) for item in value)
    if isinstance(field, forms.DateField):
        return date_format(value, "j F Y") if value else ""
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        return str(dict(field.choices).get(value, value))
    return "" if value is None else str(value)


def answers(form, kept: list) -> list[dict]:
    """Each answer of a valid form, in the form's order, with the id of its input to go back to."""
    anonymous = form.cleaned_data.get("anonymous")
    rows = []
    for bound in form:
        if anonymous and bound.name in IDENTITY_ANSWERS:
            continue  # not stored, not sent: not shown
        if bound.name == "evidence":
            value = ", ".join(f"{upload.name} ({filesizeformat(upload.length)})" for upload in kept)
        else:
            value = _shown(bound.field, form.cleaned_data.get(bound.name))
        # Back to the field with its label in view (a bare input at the top of the page was taken
        # for the one below it): its group, which the focus then enters with Tab.
        rows.append({"name": bound.name, "label": bound.label, "value": value, "input_id": f"{bound.auto_id}-group"})
    return rows


def carried(form) -> list[tuple[str, str]]:
    """What was typed, name and value, to send on with the report (hidden fields)."""
    return [(name, value) for name in form.fields if name != "evidence" for value in form.data.getlist(name)]


def typed(data) -> dict:
    """The answers sent back from the check page, as the form's initial values."""
    initial = {}
    for name, field in ReportForm.base_fields.items():
        if name == "evidence":
            continue
        initial[name] = field.widget.value_from_datadict(data, {}, name)
    return initial


def kept(data, *, owner: str) -> list:
    """The screenshots the check page held, if they are still there."""
    try:
        return staging.uploads_kept(data.getlist("uploads"), owner=owner)
    except Invalid:
        return []
