"""The officials' pages' incident actions (`/petugas/insiden/<id>/<action>/`): each answers with a
message on the page it came from (the queue or a case page)."""

from django.contrib import messages
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, ngettext_lazy
from django.views.decorators.http import require_POST

from ..errors import DomainError
from ..responses import back, official_required, say_result
from ..triage.selectors import case_get_for_official
from . import selectors, services
from .forms import INCIDENT_ACTIONS


@official_required
@require_POST
def incident_action(request, incident_id: int, action: str):
    if action not in INCIDENT_ACTIONS:
        raise Http404(_("Tindakan tidak dikenal."))
    form = INCIDENT_ACTIONS[action](data=request.POST)
    if not form.is_valid():
        for field_errors in form.errors.values():
            messages.error(request, " ".join(field_errors))
        return back(request)
    data, user = form.cleaned_data, request.user
    try:
        incident = selectors.incident_get(incident_id=incident_id, user=user)
        if action == "link_duplicates":
            result = services.incident_link_duplicates(incident=incident, by=user, note=data["note"])
            linked = ngettext_lazy(
                "%(count)d laporan ditautkan ke laporan utama.",
                "%(count)d laporan ditautkan ke laporan utama.",
                "count",
            )
            say_result(request, result, done_message=linked)
        elif action == "merge":
            other = selectors.incident_get(incident_id=data["incident"], user=user)
            moved = services.incident_merge(incident=incident, other=other, by=user)
            done = ngettext(
                "%(count)d laporan dipindahkan ke insiden ini.", "%(count)d laporan dipindahkan ke insiden ini.", moved
            )
            messages.success(request, done % {"count": moved})
        else:
            case = case_get_for_official(ticket=data["ticket"], user=user)
            if action == "split":
                services.incident_split(incident=incident, case=case, by=user)
                messages.success(request, _("%(ticket)s dikeluarkan dari insiden.") % {"ticket": case.ticket})
            else:
                services.incident_set_primary(incident=incident, case=case, by=user)
                messages.success(request, _("%(ticket)s kini laporan utama insiden.") % {"ticket": case.ticket})
    except DomainError as error:
        messages.error(request, error.message)
    return back(request)
