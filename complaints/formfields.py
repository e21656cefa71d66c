"""Form fields shared by the citizens' and the officials' forms and the API."""

import re
import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

TRUE_WORDS = {"1", "true", "yes", "on", "ya"}  # "on" is what a ticked browser checkbox sends
FALSE_WORDS = {"", "0", "false", "no", "off", "tidak"}
REGION_SUGGESTIONS = "region-suggestions"  # the id of the datalist `{% region_suggestions %}` renders


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


class RegionCodeField(forms.CharField):
    """A province (36) or kabupaten/kota (36.73), cleaned to its code. Typed as a code, as a name
    ("Kota Serang", "Banten") or as the suggestions show it ("Kota Serang (36.73)": issue 15)."""

    CODE = re.compile(r"^[0-9]{2}(\.[0-9]{2})?$")
    SUGGESTED = re.compile(r"\(([0-9]{2}(?:\.[0-9]{2})?)\)$")

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Wilayah"),
            required=False,
            max_length=120,
            help_text=_("Nama atau kode wilayah, misalnya Kota Serang, Banten atau 36.73"),
            widget=forms.TextInput({"list": REGION_SUGGESTIONS, "autocomplete": "off"}),
            error_messages={"max_length": _("Wilayah: paling banyak %(limit_value)d karakter.")},
            **kwargs,
        )

    def to_python(self, value):
        value = " ".join(super().to_python(value).split())
        if not value or self.CODE.match(value):
            return value
        suggested = self.SUGGESTED.search(value)
        if suggested:
            return suggested.group(1)
        from .models import Region  # forms load before the apps' models

        codes = list(Region.objects.filter(name__iexact=value).values_list("code", flat=True)[:2])
        if len(codes) == 1:
            return codes[0]
        message = (
            _("Ada beberapa wilayah bernama %(value)s: pilih dari saran, yang menyertakan kodenya.")
            if codes
            else _("Wilayah %(value)s tidak dikenal. Pilih dari saran, atau tulis kodenya (misalnya 36.73).")
        )
        raise forms.ValidationError(message, code="invalid", params={"value": value[:60]})
