"""OpenAPI descriptions derived from the Django forms the API validates with.

The report endpoint validates with `ReportForm`, the same form as `/lapor/`; describing its
request from the form keeps the documentation from drifting away from the rules.
"""

from django import forms


def _field_schema(field: forms.Field) -> dict:
    if isinstance(field, forms.ModelMultipleChoiceField):
        schema = {"type": "array", "items": {"type": "string"}}
    elif isinstance(field, forms.FileField):
        schema = {"type": "array", "items": {"type": "string", "format": "binary"}}
    elif isinstance(field, forms.BooleanField):
        schema = {"type": "boolean"}
    elif isinstance(field, forms.DateField):
        schema = {"type": "string", "format": "date"}
    elif isinstance(field, forms.EmailField):
        schema = {"type": "string", "format": "email"}
    elif isinstance(field, forms.URLField):
        schema = {"type": "string", "format": "uri"}
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        values = [value for value, _label in field.choices if value and not isinstance(_label, list | tuple)]
        schema = {"type": "string", **({"enum": values} if values else {})}
    else:
        schema = {"type": "string"}
    if getattr(field, "max_length", None):
        schema["maxLength"] = field.max_length
    description = " ".join(str(text) for text in (field.label, field.help_text) if text)
    if description:
        schema["description"] = description
    return schema


def form_schema(form_class: type[forms.Form]) -> dict:
    """Return an OpenAPI object schema for the fields of `form_class`."""
    fields = form_class.base_fields
    required = [name for name, field in fields.items() if field.required]
    properties = {name: _field_schema(field) for name, field in fields.items()}
    return {"type": "object", "properties": properties, "required": required}
