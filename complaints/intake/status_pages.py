"""The public status of a case, kept built: a look-up is one query of one row (issue 14).

On election day the status page and `GET /api/v1/reports/{ticket}/` are what everyone hits. Building
a status takes four queries and a template; here it is built when the case changes, and kept:

- the page's body and the API's answer, per case and language, in `KeptStatus`;
- the database marks them stale at every change the status shows, whoever writes it
  (migrations/_kept_status.py), so the look-up finds only what is current: nothing is ever shown
  stale, and nothing needs to be invalidated by hand;
- the worker builds a case's status when the report arrives (`tasks.case_received`) and after
  each change of status, before the reporter is told (`tasks.notify_reporter_of_status`);
  whatever else changed is built again at the next look-up.

A build locks the case's row (and its primary's) from reading the case to keeping what it built,
and a change locks that row before marking: a change never slips in between unmarked. A look-up
that cannot have the lock soon shows the status built without keeping it.
"""

import json
import logging

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ..models import Case, CaseEvent, KeptStatus
from . import selectors

KINDS = {"page": "page", "api": "data"}  # what is asked: the column it is kept in
BODY_TEMPLATE = "complaints/_status_body.html"
LOCK_WAIT_MS = 2000  # a look-up waits this long for a change of the case to finish, then shows it unkept
logger = logging.getLogger(__name__)

_KEPT = "SELECT {column} FROM complaints_keptstatus WHERE ticket = %s AND language = %s AND NOT stale"


def kept(*, ticket: str, kind: str) -> str | None:
    """Return the status page's body (`kind` "page") or the API's answer ("api", JSON) of `ticket`
    in the active language, built now if what is kept is stale; None if there is no such case."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    with connection.cursor() as cursor:
        cursor.execute(_KEPT.format(column=KINDS[kind]), [ticket, language])
        row = cursor.fetchone()
    if row is not None:
        return row[0]
    try:
        built = build(ticket=ticket, language=language)
    except OperationalError:  # the case held too long by a change, or a deadlock: shown, not kept
        logger.warning("Status %s dibuat tanpa disimpan: kasusnya sedang diubah", ticket)
        built = _built(ticket=ticket, language=language)
    return getattr(built, KINDS[kind]) if built else None


def build(*, ticket: str, language: str) -> KeptStatus | None:
    """Build and keep `ticket`'s status in `language`; None if there is no such case.

    The case's row, and its primary's, are locked (in id order, as every writer locks cases) from
    reading them to keeping what is built: a change waits, then marks it stale.
    """
    case = Case.objects.filter(ticket=ticket).values_list("pk", "duplicate_of_id").first()
    if case is None:
        return None  # an unknown ticket takes no lock, nor a write transaction on SQLite
    with transaction.atomic():
        if connection.vendor == "postgresql":  # SQLite runs each writer alone
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = %s", [f"{LOCK_WAIT_MS}ms"])
        while True:  # the primary read before the lock may have changed; once locked, it cannot
            rows = Case.objects.select_for_update(no_key=True).filter(pk__in=[pk for pk in case if pk])
            locked = dict(rows.order_by("pk").values_list("pk", "duplicate_of_id"))
            if case[0] not in locked:
                return None  # deleted meanwhile
            if locked[case[0]] == case[1]:
                break
            case = (case[0], locked[case[0]])
        built = _built(ticket=ticket, language=language)
        KeptStatus.objects.bulk_create(
            [built],
            update_conflicts=True,
            unique_fields=["ticket", "language"],
            update_fields=["followed", "stale", "page", "data", "built_at"],
        )
    return built


def _built(*, ticket: str, language: str) -> KeptStatus | None:
    """Read and render `ticket`'s status in `language` (not kept)."""
    case = selectors.case_get_public(ticket=ticket)
    if case is None:
        return None
    with translation.override(language):
        public = selectors.case_public_status(case=case)
        context = {
            "case": case,
            "public": public,
            "timeline": public.timeline,
            "forwardings": public.forwardings,
            "question": selectors.case_open_question(case=case),
        }
        page = render_to_string(BODY_TEMPLATE, context)
        data = json_text(status_data(public))
    followed = public.follows.pk if public.follows else None
    return KeptStatus(case=case, ticket=ticket, language=language, followed_id=followed, page=page, data=data)


def case_build(*, case_id: int) -> int:
    """Build the status of a case in the portal's language and in each language it was looked up
    in before; return how many were built. Not its duplicates': an incident's primary may have a
    thousand, each built at its own next look-up, not all before the primary's email goes."""
    ticket = Case.objects.filter(pk=case_id).values_list("ticket", flat=True).first()
    if ticket is None:
        return 0
    kept_in = KeptStatus.objects.filter(case_id=case_id).values_list("language", flat=True)
    return sum(build(ticket=ticket, language=language) is not None for language in {settings.LANGUAGE_CODE, *kept_in})


def case_build_or_log(*, case_id: int) -> int:
    """`case_build`, a failure logged and not raised: what follows it (the reporter's email, the
    screenshots' processing) must still happen, and the next look-up builds what this could not."""
    try:
        return case_build(case_id=case_id)
    except Exception:  # logged with its traceback
        logger.exception("Status kasus %s tidak dapat disiapkan", case_id)
        return 0


def event_build(*, event_id: int) -> int:
    """Build the status of the case `event_id` was written on (after a change of status, before
    the reporter is emailed), as `case_build_or_log`."""
    case_id = CaseEvent.objects.filter(pk=event_id).values_list("case_id", flat=True).first()
    return case_build_or_log(case_id=case_id) if case_id else 0


def status_data(public: selectors.PublicStatus) -> dict:
    """The status API's answer (`ReportStatusSerializer` describes it; a test holds them equal)."""
    case, follows = public.case, public.follows
    return {
        "ticket": case.ticket,
        "status": case.status,
        "status_label": str(case.get_status_display()),
        "updated_at": _when(case.updated_at),
        "timeline": [
            {"at": _when(event.at), "status": event.to_status, "note": event.public_note or event.get_action_display()}
            for event in public.timeline
        ],
        "rejection": {**public.rejection, "label": str(public.rejection["label"])} if public.rejection else None,
        "follows": (
            {"ticket": follows.ticket, "status": follows.status, "status_label": str(follows.get_status_display())}
            if follows
            else None
        ),
        "outcomes": [
            {**outcome, "label": str(outcome["label"]), "decided_at": outcome["decided_at"].isoformat()}
            for outcome in public.outcomes
        ],
    }


def json_text(data: dict) -> str:
    """`data` as the API writes JSON (DRF's JSONRenderer: compact, UTF-8, U+2028 and U+2029 escaped)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _when(at) -> str:
    """A time as the API writes it: ISO 8601 in the portal's time zone (`Z` for UTC)."""
    text = timezone.localtime(at).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text
