"""How a form field is tied to its messages for a screen reader (issue 15).

`complaints/_field.html` shows a field's error as `<id>_error` and its hint as `<id>_helptext`;
`{{ field|described }}` renders the input naming both, so a screen reader reads them with it.
`{{ field|input_id }}` is what an error summary links to: the input itself, or the first box of a
group of checkboxes, so that following the link puts the cursor where the mistake is.
"""

from django import template

register = template.Library()


@register.filter
def described(field):
    """Render the field's input with `aria-describedby` naming its error and its hint."""
    ids = []
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    return field.as_widget(attrs={"aria-describedby": " ".join(ids)} if ids else None)


@register.filter
def input_id(field) -> str:
    """Return the id of the input an error summary's link should reach."""
    return field.id_for_label or f"{field.auto_id}_0"
