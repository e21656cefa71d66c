"""Form fields shared by the citizens' and the officials' forms and the API."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

TRUE_WORDS = {"1", "true", "yes", "on", "ya"}  # "on" is what a ticked browser checkbox sends
FALSE_WORDS = {"", "0", "false", "no", "off", "tidak"}


class TruthyCheckbox(forms.CheckboxInput):
    """A checkbox that also reads API booleans; an unknown word is left for the field to refuse."""

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if isinstance(value, str) and value.strip().lower() in TRUE_WORDS | FALSE_WORDS:
            return value.strip().lower() in TRUE_WORDS
        return value if isinstance(value, str) else bool(value)


class StrictBooleanField(forms.BooleanField):
    """A yes/no field that refuses words it does not know rather than reading them as yes."""

    widget = TruthyCheckbox

    def to_python(self, value):
        if isinstance(value, str):
            raise forms.ValidationError(
                _("%(label)s: isi true atau false (diterima juga 1/0, yes/no, ya/tidak)."),
                code="invalid",
                params={"label": self.label},
            )
        return super().to_python(value)


class SingleLineField(forms.CharField):
    """A name or a title: one line, no control characters (a newline would break an email
    header, a CSV row or a letter's layout)."""

    def validate(self, value):
        super().validate(value)
        if any(unicodedata.category(character) == "Cc" for character in value):
            raise forms.ValidationError(
                _("%(label)s: tulis dalam satu baris, tanpa baris baru atau tab."),
                code="control_characters",
                params={"label": self.label},
            )


class RegionCodeField(forms.RegexField):
    """A province (36) or kabupaten/kota (36.73) code, as the filters take it."""

    def __init__(self, **kwargs):
        super().__init__(
            regex=r"^[0-9]{2}(\.[0-9]{2})?$",
            label=_("Wilayah"),
            required=False,
            help_text=_("Kode provinsi (36) atau kabupaten/kota (36.73)"),
            error_messages={"invalid": _("Kode wilayah harus seperti 36 atau 36.73.")},
            **kwargs,
        )
