"""The incidents' API and one action on many cases: the contract's shapes, each refusal said."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.incidents import grouping
from complaints.models import Case, Incident, Jurisdiction, Region
from complaints.permissions import Role
from complaints.tickets import generate_ticket
from complaints.triage import workflow
from tests.factories import CaseFactory, official

TICKET = generate_ticket()
POST = "https://www.tiktok.com/@dinas.kominfo/video/7350000000000000001?is_from_webapp=1"


@pytest.fixture
def vera(ref):
    return official("vera", Role.VERIFIKATOR)


@pytest.fixture
def api(client, vera):
    client.force_login(vera)
    return client


@pytest.fixture
def incident(ref, clock):
    cases = [CaseFactory(post_url=POST) for _ in range(4)]
    for case in cases:
        grouping.case_group(case_id=case.pk)
    return Incident.objects.get()


def test_the_list_gives_each_incident_with_its_size_primary_and_tickets(api, incident):
    CaseFactory()  # alone: no incident
    body = api.get("/api/v1/incidents/").json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["id"] == incident.pk and row["size"] == 4 and row["open"] == 4
    assert row["post_key"] == "tiktok:7350000000000000001" and row["post_url"] == POST
    assert row["primary_ticket"] == incident.primary.ticket == row["tickets"][0]
    assert len(row["tickets"]) == 4


def test_the_case_detail_and_the_list_name_the_incident(api, incident):
    ticket = incident.cases.exclude(pk=incident.primary_id).first().ticket
    detail = api.get(f"/api/v1/cases/{ticket}/").json()
    assert detail["incident"] == {
        "id": incident.pk,
        "size": 4,
        "primary_ticket": incident.primary.ticket,
        "post_url": POST,
    }
    listed = api.get("/api/v1/cases/", {"incident": incident.pk}).json()
    assert listed["count"] == 4 and {row["incident_id"] for row in listed["results"]} == {incident.pk}


def test_link_duplicates_answers_what_it_linked_and_what_it_refused(api, incident, vera):
    claimed = incident.cases.exclude(pk=incident.primary_id).order_by("pk").first()
    workflow.perform("claim", case=claimed, by=official("lain", Role.VERIFIKATOR))
    answer = api.post(f"/api/v1/incidents/{incident.pk}/actions/link_duplicates/", {}, content_type="application/json")
    assert answer.status_code == 200
    body = answer.json()
    assert len(body["done"]) == 2 and list(body["refused"]) == [claimed.ticket]
    assert "ditangani" in body["refused"][claimed.ticket]
    assert Case.objects.filter(status="rejected", duplicate_of=incident.primary).count() == 2


def test_split_and_set_primary_take_a_ticket_and_name_a_bad_one(api, incident):
    other = incident.cases.exclude(pk=incident.primary_id).first()
    url = f"/api/v1/incidents/{incident.pk}/actions/"
    bad = api.post(url + "split/", {"ticket": "bukan tiket"}, content_type="application/json")
    assert bad.status_code == 400 and "ticket" in bad.json()["error"]["fields"]
    assert api.post(url + "set_primary/", {"ticket": other.ticket}, content_type="application/json").status_code == 200
    incident.refresh_from_db()
    assert incident.primary == other
    assert api.post(url + "split/", {"ticket": other.ticket}, content_type="application/json").status_code == 200
    incident.refresh_from_db()
    assert incident.cases.count() == 3 and incident.primary != other
    again = api.post(url + "split/", {"ticket": other.ticket}, content_type="application/json")
    assert again.status_code == 409


def test_merge_takes_another_incident_and_refuses_itself(api, incident):
    lone = [CaseFactory(post_url="https://x.com/a/status/42"), CaseFactory(post_url="https://x.com/b/status/42")]
    for case in lone:
        grouping.case_group(case_id=case.pk)
    other = Incident.objects.exclude(pk=incident.pk).get()
    url = f"/api/v1/incidents/{incident.pk}/actions/merge/"
    itself = api.post(url, {"incident": incident.pk}, content_type="application/json")
    assert itself.status_code == 400 and "incident" in itself.json()["error"]["fields"]
    assert api.post(url, {"incident": other.pk}, content_type="application/json").status_code == 200
    assert incident.cases.count() == 6
    assert api.post(url, {"incident": other.pk}, content_type="application/json").status_code == 404


def test_an_unknown_incident_or_action_is_404(api, incident):
    assert api.post("/api/v1/incidents/999999/actions/link_duplicates/").status_code == 404
    assert (
        api.post(f"/api/v1/incidents/{incident.pk}/actions/hapus/", {}, content_type="application/json").status_code
        == 404
    )


def test_an_incident_outside_the_officials_regions_is_unknown(client, incident):
    local = official("lokal", Role.VERIFIKATOR)
    Jurisdiction.objects.create(official=local, region=Region.objects.get(code="32"))
    client.force_login(local)
    assert client.get("/api/v1/incidents/").json()["count"] == 0
    assert client.post(f"/api/v1/incidents/{incident.pk}/actions/link_duplicates/").status_code == 404


def test_strangers_and_citizens_get_nothing(client, incident):
    assert client.get("/api/v1/incidents/").status_code == 401
    assert client.post("/api/v1/cases/bulk/", {}, content_type="application/json").status_code == 401


def test_bulk_reject_as_spam_rejects_what_may_be_and_lists_the_rest(api, vera, ref):
    mine = [CaseFactory(status="in_review", assignee=vera) for _ in range(3)]
    received = CaseFactory()  # not claimed: a rejection needs a review first
    unknown = generate_ticket()
    body = {
        "action": "reject",
        "reason": "spam",
        "note": "Bukan laporan pelanggaran.",
        "tickets": [case.ticket for case in mine] + [received.ticket, unknown],
    }
    answer = api.post("/api/v1/cases/bulk/", body, content_type="application/json")
    assert answer.status_code == 200
    result = answer.json()
    assert result["done"] == [case.ticket for case in mine]
    assert set(result["refused"]) == {received.ticket, unknown}
    assert "tidak ditemukan" in result["refused"][unknown]
    assert Case.objects.filter(status="rejected", rejection_reason="spam").count() == 3


def test_bulk_claim_and_request_info(api, ref):
    cases = [CaseFactory() for _ in range(2)]
    tickets = [case.ticket for case in cases]
    assert (
        api.post(
            "/api/v1/cases/bulk/", {"action": "claim", "tickets": tickets}, content_type="application/json"
        ).json()["done"]
        == tickets
    )
    missing = api.post(
        "/api/v1/cases/bulk/", {"action": "request_info", "tickets": tickets}, content_type="application/json"
    )
    assert missing.status_code == 400 and "note" in missing.json()["error"]["fields"]
    asked = api.post(
        "/api/v1/cases/bulk/",
        {"action": "request_info", "tickets": tickets, "note": "Kirim tautan unggahannya."},
        content_type="application/json",
    ).json()
    assert asked["done"] == tickets
    assert set(Case.objects.values_list("status", flat=True)) == {"needs_info"}


@pytest.mark.parametrize(
    "body, field",
    [
        ({"action": "close", "tickets": ["x"]}, "action"),
        ({"action": "claim", "tickets": []}, "tickets"),
        ({"action": "claim"}, "tickets"),
        ({"action": "claim", "tickets": ["bukan-tiket"]}, "tickets"),
        ({"action": "reject", "tickets": [TICKET]}, "reason"),
        ({"action": "claim", "tickets": [TICKET] * 501}, "tickets"),
    ],
)
def test_a_bad_bulk_request_names_its_field(api, ref, body, field):
    answer = api.post("/api/v1/cases/bulk/", body, content_type="application/json")
    assert answer.status_code == 400
    assert field in answer.json()["error"]["fields"]


def test_the_list_pages_over_a_total_it_does_not_count_again(api, ref, clock):
    for number in range(3):
        for _ in range(2):
            case = CaseFactory(post_url=f"https://www.instagram.com/p/Post{number}/")
            grouping.case_group(case_id=case.pk)
    first = api.get("/api/v1/incidents/", {"page_size": 2}).json()
    assert (first["count"], len(first["results"])) == (3, 2) and first["next"]
    with CaptureQueriesContext(connection) as queries:
        second = api.get(first["next"]).json()
    assert (second["count"], len(second["results"]), second["next"]) == (3, 1, None)
    counted = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper() and "complaints_incident" in q["sql"]]
    assert not counted, counted  # the total came from the counts' snapshot
