"""The public status of a case, kept built: a look-up is one query (issue 14).

On election day the status page and `GET /api/v1/reports/{ticket}/` are what everyone hits. Building
a status takes four queries and a template; here it is built when the case changes, and kept:

- the page's body and the API's data, per language, in `KeptStatus`, with the `public_version` of
  the case (and of its primary, which a duplicate follows) they were built at;
- the database raises a case's `public_version` at every change its status shows, whoever writes
  it (migrations/_public_version.py), so the look-up's one query finds a kept status only while it
  is current: nothing is ever shown stale, and nothing needs to be invalidated;
- the worker builds a case's status when the report arrives and after each change of status
  (`tasks.status_build`); whatever else changed is built again at the next look-up.

The versions are read before what the status shows: a change committed in between raises them
past what is kept, and the next look-up builds again.
"""

import json

from django.conf import settings
from django.db import connection
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ..models import Case, KeptStatus
from . import selectors

KINDS = {"page": "page", "api": "data"}  # what is asked: the column it is kept in
BODY_TEMPLATE = "complaints/_status_body.html"

_KEPT = """
SELECT k.{column} FROM complaints_case c
JOIN complaints_keptstatus k ON k.case_id = c.id AND k.language = %s AND k.version = c.public_version
LEFT JOIN complaints_case p ON p.id = c.duplicate_of_id
WHERE c.ticket = %s AND coalesce(k.followed_version, -1) = coalesce(p.public_version, -1)
"""
_VERSIONS = """
SELECT c.id, c.public_version, p.public_version FROM complaints_case c
LEFT JOIN complaints_case p ON p.id = c.duplicate_of_id WHERE c.ticket = %s
"""


def kept(*, ticket: str, kind: str) -> str | None:
    """Return the status page's body (`kind` "page") or the API's answer ("api", JSON) of `ticket`
    in the active language, built now if what is kept is not current; None if there is no such case."""
    language = translation.get_language()
    with connection.cursor() as cursor:
        cursor.execute(_KEPT.format(column=KINDS[kind]), [language, ticket])
        row = cursor.fetchone()
    if row is not None:
        found = row[0]
    else:
        built = build(ticket=ticket, language=language)
        if built is None:
            return None
        found = getattr(built, KINDS[kind])
    return found


def build(*, ticket: str, language: str) -> KeptStatus | None:
    """Build and keep `ticket`'s status in `language`; None if there is no such case."""
    with connection.cursor() as cursor:
        cursor.execute(_VERSIONS, [ticket])  # first: a change after this read raises them
        versions = cursor.fetchone()
    if versions is None:
        return None
    case_id, version, followed_version = versions
    with translation.override(language):
        case = selectors.case_get_public(ticket=ticket)
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
    built = KeptStatus(
        case_id=case_id, language=language, version=version, followed_version=followed_version, page=page, data=data
    )
    KeptStatus.objects.bulk_create(
        [built],
        update_conflicts=True,
        unique_fields=["case", "language"],
        update_fields=["version", "followed_version", "page", "data", "built_at"],
    )
    return built


def case_build(*, case_id: int) -> int:
    """Build the status of a case (and of the duplicates that follow it) in the portal's language
    and in each language it was looked up in before; return how many were built."""
    cases = Case.objects.filter(pk=case_id) | Case.objects.filter(duplicate_of_id=case_id)
    built = 0
    for case_pk, ticket in cases.values_list("pk", "ticket"):
        kept_in = KeptStatus.objects.filter(case_id=case_pk).values_list("language", flat=True)
        for language in sorted({settings.LANGUAGE_CODE, *kept_in}):
            built += build(ticket=ticket, language=language) is not None
    return built


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
