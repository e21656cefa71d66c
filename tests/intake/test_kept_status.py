"""The public status is kept built while the case stays as it was: a look-up is one query, and
whatever changes on the case, its primary or its forwardings shows at the next one, whoever
wrote it (the database marks what is kept stale: migrations/_kept_status.py)."""

import json
import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from complaints.api.public.serializers import ReportStatusSerializer
from complaints.intake import selectors, status_pages
from complaints.migrations import _kept_status
from complaints.models import Case, CaseEvent, Forwarding, KeptStatus, Reporter
from complaints.permissions import Role
from complaints.triage import workflow
from tests.factories import AgencyFactory, CaseFactory, ForwardingFactory, official
from tests.helpers import image_bytes, upload

pytestmark = pytest.mark.django_db
RATE_LIMIT_QUERIES = 4  # the database limiter's locked row (tests run without Redis)


def page(client, ticket: str) -> str:
    """The page without its CSRF token (masked anew at every request)."""
    response = client.get(f"/status/{ticket}/")
    assert response.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def api(client, ticket: str) -> dict:
    response = client.get(f"/api/v1/reports/{ticket}/")
    assert response.status_code == 200
    return response.json()


def stale(case: Case) -> set[bool]:
    """Whether each status kept of `case` is stale (an empty set: none is kept)."""
    return set(KeptStatus.objects.filter(case=case).values_list("stale", flat=True))


@pytest.mark.parametrize("look_up", [page, api])
def test_a_kept_status_is_read_in_one_query(client, ref, look_up, django_assert_num_queries):
    case = CaseFactory()
    first = look_up(client, case.ticket)
    with django_assert_num_queries(1 + RATE_LIMIT_QUERIES):
        assert look_up(client, case.ticket) == first


def test_the_database_keeps_the_triggers_that_mark_stale(ref):
    """A migration that rebuilds the case, event or forwarding table on SQLite drops them."""
    if connection.vendor == "postgresql":
        query = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    else:
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    with connection.cursor() as cursor:
        cursor.execute(query)
        present = {name for (name,) in cursor.fetchall()}
    assert set(_kept_status.TRIGGERS[connection.vendor]) <= present


def test_every_change_the_status_shows_marks_what_is_kept_stale(ref):
    case = CaseFactory()
    steps = {
        "a bulk update of the deadline": lambda: Case.objects.filter(pk=case.pk).update(deadline=timezone.localdate()),
        "a forwarding added": lambda: ForwardingFactory(case=case),
        "a forwarding answered": lambda: Forwarding.objects.filter(case=case).update(acknowledged_at=timezone.now()),
        "a forwarding deleted": lambda: Forwarding.objects.filter(case=case).delete(),
        "an event changed": lambda: CaseEvent.objects.filter(case=case).update(public_note="Diubah"),
        "a change of status": lambda: workflow.perform(
            "claim", case=Case.objects.get(pk=case.pk), by=official("v", Role.VERIFIKATOR)
        ),
    }
    for name, step in steps.items():
        status_pages.build(ticket=case.ticket, language="id")
        assert stale(case) == {False}
        step()
        assert stale(case) == {True}, name
    status_pages.build(ticket=case.ticket, language="id")
    Case.objects.filter(pk=case.pk).update(asn_position="Camat")  # not on the status
    assert stale(case) == {False}


def test_a_status_change_shows_at_the_next_look_up(client, ref):
    case = CaseFactory()
    assert 'data-status="received"' in page(client, case.ticket)
    assert api(client, case.ticket)["status"] == "received"
    workflow.perform("claim", case=case, by=official("v", Role.VERIFIKATOR))
    assert 'data-status="in_review"' in page(client, case.ticket)
    assert api(client, case.ticket)["status"] == "in_review"


def test_a_forwarding_sent_and_answered_shows_without_a_status_change(client, ref):
    forwarding = ForwardingFactory(agency=AgencyFactory(name="BKD Kota Serang"))
    assert "berkas sedang dikirim" in page(client, forwarding.case.ticket)
    forwarding.delivery, forwarding.sent_at = "sent", timezone.now()
    forwarding.save()
    assert "berkas dikirim" in page(client, forwarding.case.ticket)
    forwarding.outcome, forwarding.outcome_at = "moral_sanction", timezone.now()
    forwarding.save()
    assert forwarding.get_outcome_display() in page(client, forwarding.case.ticket)
    assert api(client, forwarding.case.ticket)["outcomes"][0]["outcome"] == "moral_sanction"


def test_a_duplicate_follows_its_primarys_change(client, ref):
    primary, copy = CaseFactory(), CaseFactory(status="in_review")
    verifikator = official("v", Role.VERIFIKATOR)
    workflow.perform("reject", case=copy, by=verifikator, reason="duplicate", primary_ticket=primary.ticket)
    assert 'data-followed-status="received"' in page(client, copy.ticket)
    workflow.perform("claim", case=primary, by=verifikator)
    assert 'data-followed-status="in_review"' in page(client, copy.ticket)
    ForwardingFactory(case=primary, agency=AgencyFactory(name="BKD Kota Serang"))  # no status change
    assert "BKD Kota Serang" in page(client, copy.ticket)


def test_each_language_is_kept_apart(client, ref):
    case = CaseFactory()
    assert api(client, case.ticket)["status_label"] == "Diterima"
    response = client.get(f"/api/v1/reports/{case.ticket}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["status_label"] == "Received"
    assert api(client, case.ticket)["status_label"] == "Diterima"
    assert sorted(KeptStatus.objects.filter(case=case).values_list("language", flat=True)) == ["en", "id"]


def test_the_api_answers_what_its_serializer_describes(ref):
    primary = CaseFactory(status="forwarded", category="disiplin")
    ForwardingFactory(case=primary, outcome="moral_sanction", outcome_at=timezone.now())
    copy = CaseFactory(status="in_review")
    workflow.perform(
        "reject", case=copy, by=official("v", Role.VERIFIKATOR), reason="duplicate", primary_ticket=primary.ticket
    )
    noted = CaseFactory()
    CaseEvent.objects.filter(case=noted).update(public_note="Catatan\u2028baris baru — «kutipan» 😀")
    for case in (primary, copy, noted):
        public = selectors.case_public_status(case=selectors.case_get_public(ticket=case.ticket))
        described = JSONRenderer().render(ReportStatusSerializer(public).data)
        assert status_pages.json_text(status_pages.status_data(public)).encode() == described
        assert json.loads(status_pages.kept(ticket=case.ticket, kind="api")) == json.loads(described)


def read_for(visitor, ticket: str) -> tuple[str, list[str]]:
    """The page, and the queries its look-up ran besides the rate limit's."""
    with CaptureQueriesContext(connection) as captured:
        html = page(visitor, ticket)
    limit = ("complaints_ratebucket", "SAVEPOINT")
    return html, [query["sql"] for query in captured if not any(word in query["sql"] for word in limit)]


def test_the_worker_builds_the_status_as_the_report_arrives_and_after_each_change(
    client, ref, report_fields, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/lapor/", {**report_fields, "evidence": [upload(image_bytes())]})
    case = Case.objects.get()
    html, queries = read_for(Client(), case.ticket)
    assert 'data-status="received"' in html and len(queries) == 1
    Client().get(f"/api/v1/reports/{case.ticket}/", HTTP_ACCEPT_LANGUAGE="en")  # kept in English too, now
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform("claim", case=case, by=official("v", Role.VERIFIKATOR))
    html, queries = read_for(Client(), case.ticket)
    assert 'data-status="in_review"' in html and len(queries) == 1
    kept = dict(KeptStatus.objects.filter(case=case).values_list("language", "stale"))
    assert kept == {"id": False, "en": False}  # each language it was read in, built again


def test_a_status_that_cannot_be_built_still_lets_the_reporter_be_told(
    client, ref, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    case = CaseFactory(status="in_review")
    Reporter.objects.create(case=case, name="Adit", email="adit@example.org")

    def broken(**kwargs):
        raise RuntimeError("template hilang")

    monkeypatch.setattr(status_pages, "case_build", broken)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform("reject", case=case, by=official("v", Role.VERIFIKATOR), reason="insufficient_evidence")
    [email] = mail.outbox
    assert case.ticket in email.body and "template hilang" in caplog.text
    monkeypatch.undo()
    assert 'data-status="rejected"' in page(client, case.ticket)  # built at the look-up instead


def test_a_status_that_cannot_be_built_still_lets_the_screenshots_be_processed(ref, monkeypatch, caplog):
    from complaints.intake import services

    case, queued = CaseFactory(), []

    def broken(**kwargs):
        raise RuntimeError("template hilang")

    monkeypatch.setattr(status_pages, "case_build", broken)
    monkeypatch.setattr(services, "evidence_process_queue", lambda **kwargs: queued.append(kwargs))
    services.case_received(case_id=case.pk, confirm=False)
    assert queued == [{"case_id": case.pk}] and "template hilang" in caplog.text


def test_an_event_shows_at_the_next_look_up_however_it_was_written(client, ref):
    case = CaseFactory()
    page(client, case.ticket)
    CaseEvent.objects.filter(case=case).update(public_note="Catatan yang diubah di basis data")
    assert "Catatan yang diubah di basis data" in page(client, case.ticket)


def test_the_page_is_filled_into_a_frame_rendered_once_per_language(client, ref):
    """The frame around the status (header, language switch, footer) is rendered once per language;
    what differs per request is filled in: the visitor's CSRF token and the page's own path."""
    case = CaseFactory()
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(f"/status/{case.ticket}/").content.decode()
    assert f"<title>Status laporan {case.ticket} · Portal Netralitas ASN</title>" in html
    assert f'<input name="next" type="hidden" value="/status/{case.ticket}/">' in html
    assert 'data-status="received"' in html and "FRAMEHOLE" not in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    switched = visitor.post("/i18n/setlang/", {"csrfmiddlewaretoken": token, "language": "en", "next": "/"})
    assert switched.status_code == 302  # the token filled in is the visitor's own: the switch is accepted
    english = visitor.get(f"/status/{case.ticket}/").content.decode()
    assert f"<title>Report status {case.ticket} · ASN Neutrality Portal</title>" in english
    assert '<html lang="en">' in english and "Bahasa Indonesia" in english


def test_a_query_string_in_the_path_is_escaped_into_the_frame(client, ref):
    case = CaseFactory()
    html = client.get(f"/status/{case.ticket}/", {"x": '"><script>FRAMEHOLEBODY</script>'}).content.decode()
    assert "<script>" not in html
    assert html.count('data-status="received"') == 1  # a hole's name in the path is not filled
