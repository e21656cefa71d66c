"""Triage writes besides the workflow: looks at the reporter's identity, each one recorded."""

import logging

from django.utils.translation import gettext as _

from .. import permissions, timeline
from ..errors import NotFound
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
