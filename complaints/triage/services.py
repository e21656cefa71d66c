"""Triage writes besides the workflow: looks at the reporter's identity, each one recorded; one
action on a selection of cases."""

import logging
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .. import permissions, timeline
from ..errors import DomainError, NotFound
from ..models import Case, Reporter

logger = logging.getLogger(__name__)


def reporter_identity_reveal(*, case: Case, by) -> Reporter:
    """Return the reporter's identity for an official allowed to see it, recording the look.

    Raise NotAllowed for other roles, and NotFound for an anonymous report (nothing is stored,
    so nothing is seen or recorded). The log names the case and the official, never the identity.
    """
    permissions.require(by, permissions.VIEW_IDENTITY, _("Peran Anda tidak boleh melihat identitas pelapor."))
    if case.anonymous:
        raise NotFound(_("Laporan anonim: identitas pelapor tidak disimpan."), code="anonymous")
    timeline.identity_viewed(case=case, by=by)
    logger.info("Reporter identity of %s viewed by official %s", case.ticket, by.pk)
    return Reporter.objects.filter(case=case).first()


@dataclass
class Result:
    """What an action on many cases did: the tickets it changed, and each refused one with why."""

    done: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)


def cases_bulk_perform(*, action: str, tickets: list[str], by, **fields) -> Result:
    """Take one action (claim, reject with a reason, request the same information) on each case.

    Each case is its own transaction under its own rules (state, role, who has claimed it), as if
    the official had acted on it alone: one refused case does not undo the others.
    """
    from . import selectors, workflow

    result = Result()
    for ticket in dict.fromkeys(tickets):  # each once, in the order given
        try:
            case = selectors.case_get_for_official(ticket=ticket, user=by)
            workflow.perform(action, case=case, by=by, **fields)
        except DomainError as refused:
            result.refused[ticket] = refused.message
        else:
            result.done.append(ticket)
    return result
