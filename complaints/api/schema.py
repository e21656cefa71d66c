"""OpenAPI descriptions: requests derived from the Django forms the API validates with, the
error shape, and pages of lists.

The report endpoint validates with `ReportForm`, the same form as `/lapor/`; describing its
request from the form keeps the documentation from drifting away from the rules.
"""

from django import forms
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    class Body(serializers.Serializer):
        code = serializers.CharField()
        message = serializers.CharField()
        fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))

    error = Body()


# What each error status means, said once for every endpoint that can answer it.
ERROR_MEANINGS = {
    400: "Invalid input: the fields at fault are named in `fields` (an unknown `format` too).",
    401: "No valid token or session.",
    403: "The caller may not do this (role, four-eyes rule, access code).",
    404: "Not found: unknown ticket, case, file or path.",
    409: "The case's state does not allow it now, or a colleague changed it first.",
    413: "The request or a file is over its size limit.",
    415: "The body's media type is not one this endpoint reads (reports: multipart/form-data).",
    429: "Too many requests from this address: `Retry-After` says when to try again.",
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    """Return the error responses an endpoint can give, in the API's error shape."""
    return {code: OpenApiResponse(ErrorSerializer, description=ERROR_MEANINGS[code]) for code in codes}


def page_of(item: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """Return the serializer of a page of `item`s, as the API's pagination answers it."""
    name = item.__name__.removesuffix("Serializer") + "PageSerializer"
    fields = {
        "count": serializers.IntegerField(),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "results": item(many=True),
        "__doc__": f"A page of {item.__name__.removesuffix('Serializer')} rows.",
    }
    return type(name, (serializers.Serializer,), fields)


def _field_schema(field: forms.Field) -> dict:
    if isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
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
