"""How a form field is tied to its messages for a screen reader (issue 15).

`complaints/_field.html` shows a field's error as `<id>_error` and its hint as `<id>_helptext`;
`{{ field|described }}` renders the input naming both, so a screen reader reads them with it.
`{{ field|input_id }}` is what an error summary links to: the input itself, or the first box of a
group of checkboxes, so that following the link puts the cursor where the mistake is.
"""

from django import template
from django.core.cache import cache
from django.utils.html import format_html, format_html_join

from ..formfields import REGION_SUGGESTIONS

register = template.Library()
SUGGESTIONS_SECONDS = 3600  # reference data, renamed rarely; a load shows at once (keyed by count)


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


@register.simple_tag
def region_suggestions():
    """The list a region filter suggests from (RegionCodeField): each region as "name (code)"."""
    from ..models import Region

    def built() -> list[tuple[str, str]]:
        return list(Region.objects.order_by("code").values_list("name", "code"))

    regions = cache.get_or_set(f"region-suggestions:{Region.objects.count()}", built, SUGGESTIONS_SECONDS)
    return format_html(
        '<datalist id="{}">{}</datalist>', REGION_SUGGESTIONS, format_html_join("", '<option value="{} ({})">', regions)
    )
