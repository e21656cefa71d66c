"""The officials' API of DESIGN §6: token login, the queue, case detail, actions, identity, evidence,
and the reporter's reply loop as officials see it through the API."""

import base64
import datetime
import hashlib
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from complaints.models import Case, CaseEvent, Election, Region, Reporter
from complaints.permissions import Role
from complaints.tickets import generate_ticket
from tests.factories import ACCESS_CODE, CaseFactory, official
from tests.helpers import error_of, image_bytes, upload

CASES = "/api/v1/cases/"
REPORTS = "/api/v1/reports/"


# Helpers ---------------------------------------------------------------------------------------


def case_url(ticket: str) -> str:
    return f"{CASES}{ticket}/"


def action_url(ticket: str, action: str) -> str:
    return f"{CASES}{ticket}/actions/{action}/"


def act(client, ticket: str, action: str, body: dict | None = None):
    """POST an action with a JSON body; no body at all when `body` is None."""
    return client.post(action_url(ticket, action), "" if body is None else body, content_type="application/json")


def public_status(client, ticket: str):
    response = client.get(f"{REPORTS}{ticket}/")
    assert response.status_code == 200, response.content
    return response


def submit(client, report_fields, files=None) -> dict:
    files = [upload(image_bytes())] if files is None else files
    response = client.post(REPORTS, {**report_fields, "evidence": files})
    assert response.status_code == 201, response.content
    return response.json()


def reply(client, ticket: str, access_code: str, text: str = "Diunggah tanggal 27 Januari.", **extra):
    return client.post(f"{REPORTS}{ticket}/replies/", {"access_code": access_code, "text": text, **extra})


def listed(client, **params) -> list[str]:
    response = client.get(CASES, params)
    assert response.status_code == 200, response.content
    return [row["ticket"] for row in response.json()["results"]]


def unused_ticket() -> str:
    ticket = generate_ticket()
    assert not Case.objects.filter(ticket=ticket).exists()
    return ticket


@pytest.fixture
def verifikator(ref):
    return official("budi.verifikator", Role.VERIFIKATOR)


@pytest.fixture
def as_verifikator(client, verifikator):
    client.force_login(verifikator)
    return client


# 1. Token login --------------------------------------------------------------------------------


def test_token_login_returns_a_token_that_opens_the_case_list(client, ref):
    official("tina", Role.VERIFIKATOR, password="sandi-rahasia-123")
    CaseFactory()
    response = client.post(
        "/api/v1/auth/token/", {"username": "tina", "password": "sandi-rahasia-123"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    token = response.json()["token"]
    assert set(response.json()) == {"token", "expires_at"}

    cases = client.get(CASES, HTTP_AUTHORIZATION=f"Token {token}")
    assert cases.status_code == 200, cases.content
    assert cases.json()["count"] == 1


def test_token_login_with_a_wrong_password_is_400_in_the_error_shape(client, ref):
    official("tina", Role.VERIFIKATOR, password="sandi-rahasia-123")
    response = client.post(
        "/api/v1/auth/token/", {"username": "tina", "password": "salah"}, content_type="application/json"
    )
    error = error_of(response, 400)
    assert error["code"] == "invalid"
    assert error["fields"]  # names what was wrong (the credentials)
    assert "token" not in response.json()


def test_an_unknown_token_is_refused(client, ref):
    response = client.get(CASES, HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    assert response.status_code in (401, 403)
    error_of(response, response.status_code)


# 2. Who may read the queue ---------------------------------------------------------------------


def test_the_case_list_refuses_an_anonymous_client(client, ref):
    CaseFactory()
    response = client.get(CASES)
    assert response.status_code in (401, 403)
    error_of(response, response.status_code)
    assert "results" not in response.json()


def test_the_case_list_refuses_a_user_without_a_role(client, ref):
    CaseFactory()
    client.force_login(official("warga"))
    error_of(client.get(CASES), 403)


@pytest.mark.parametrize("role", Role.values)
def test_every_role_may_read_the_case_list(client, ref, role):
    CaseFactory()
    client.force_login(official(f"petugas-{role}", role))
    assert client.get(CASES).status_code == 200


# 3. The list: shape, order, filters ------------------------------------------------------------


def test_the_list_is_paginated_and_each_row_carries_the_queue_fields(as_verifikator):
    case = CaseFactory(deadline=timezone.localdate() + datetime.timedelta(days=3))
    response = as_verifikator.get(CASES)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert (body["count"], body["next"], body["previous"]) == (1, None, None)
    [row] = body["results"]
    assert {"ticket", "status", "status_label", "deadline", "overdue", "is_late", "asn_region"} <= set(row)
    assert row["ticket"] == case.ticket
    assert (row["status"], row["status_label"]) == ("received", "Diterima")
    assert row["deadline"] == case.deadline.isoformat()
    assert (row["overdue"], row["is_late"]) == (False, False)
    assert row["asn_region"] == {"code": "36.73", "name": "Kota Serang", "province": "Banten"}


def test_the_list_pages_with_next_and_previous_links(as_verifikator):
    for _ in range(3):
        CaseFactory()
    first = as_verifikator.get(CASES, {"page_size": 2}).json()
    assert (first["count"], len(first["results"]), first["previous"]) == (3, 2, None)
    assert "cursor=" in first["next"] and "page_size=2" in first["next"]
    second = as_verifikator.get(first["next"]).json()
    assert (second["count"], len(second["results"]), second["next"]) == (3, 1, None)
    back = as_verifikator.get(second["previous"]).json()
    assert [row["ticket"] for row in back["results"]] == [row["ticket"] for row in first["results"]]
    assert back["previous"] is None


def test_pages_by_position_walk_the_queue_both_ways_past_ties_and_cases_without_deadline(as_verifikator):
    today, submitted = timezone.localdate(), timezone.now()
    for days in (3, 1, 1, 1, None, None, 2, None, 1):  # equal deadlines, equal times: the id decides
        CaseFactory(deadline=today + datetime.timedelta(days=days) if days else None, submitted_at=submitted)
    everything = listed(as_verifikator, page_size=100)
    forward, link = [], f"{CASES}?page_size=2"
    while link:
        page = as_verifikator.get(link).json()
        forward.append([row["ticket"] for row in page["results"]])
        link = page["next"]
    assert [ticket for tickets in forward for ticket in tickets] == everything and len(forward) == 5
    backward, link = [], page["previous"]
    while link:
        page = as_verifikator.get(link).json()
        backward.insert(0, [row["ticket"] for row in page["results"]])
        link = page["previous"]
    assert backward == forward[:-1]


def test_offset_pages_still_answer_by_page_number(as_verifikator):
    for _ in range(3):
        CaseFactory()
    second = as_verifikator.get(CASES, {"page_size": 2, "page": 2}).json()
    assert (second["count"], len(second["results"]), second["next"]) == (3, 1, None)
    assert "page_size=2" in second["previous"]


def encoded(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


TAMPERED_CURSORS = [
    "bukan-kursor",
    "%00",
    encoded("[]"),
    encoded('["x","2026-11-25T03:00:00+00:00",1]'),  # not a date
    encoded("[null,null,1]"),  # no time
    encoded('[null,"2026-11-25T03:00:00",1]'),  # a time without its zone
    encoded('[null,"0001-01-01T00:00:00+05:00",1]'),  # before the first year once in UTC
    encoded('[null,"2026-11-25T03:00:00+00:00",99999999999999999999]'),  # past the id column
    encoded('[null,"2026-11-25T03:00:00+00:00",1.5]'),
    encoded('[null,"2026-11-25T03:00:00+00:00",true]'),
    encoded('[null,"2026-11-25T03:00:00+00:00",1,"sideways"]'),
    encoded('{"a":1,"b":2,"c":3}'),
]


@pytest.mark.parametrize("cursor", TAMPERED_CURSORS)
def test_a_tampered_cursor_is_400_naming_the_field(as_verifikator, cursor):
    CaseFactory()
    body = error_of(as_verifikator.get(CASES, {"cursor": cursor}), 400)
    assert "cursor" in body["fields"]


def test_the_nearest_deadline_comes_first(as_verifikator):
    today = timezone.localdate()
    later = CaseFactory(deadline=today + datetime.timedelta(days=5))
    without = CaseFactory(deadline=None)
    soon = CaseFactory(deadline=today + datetime.timedelta(days=1))
    past = CaseFactory(status="in_review", deadline=today - datetime.timedelta(days=2))
    assert listed(as_verifikator) == [past.ticket, soon.ticket, later.ticket, without.ticket]


def test_filter_by_status(as_verifikator):
    CaseFactory()
    in_review = CaseFactory(status="in_review")
    assert listed(as_verifikator, status="in_review") == [in_review.ticket]


def test_filter_by_category(as_verifikator):
    CaseFactory(status="classified", category="kode_etik")
    disiplin = CaseFactory(status="classified", category="disiplin")
    assert listed(as_verifikator, category="disiplin") == [disiplin.ticket]


def test_filter_by_region_province_matches_its_kabupaten_kota_and_a_kota_matches_exactly(as_verifikator):
    serang = CaseFactory(asn_region=Region.objects.get(code="36.73"))
    tangerang = CaseFactory(asn_region=Region.objects.get(code="36.71"))
    jakarta = CaseFactory(asn_region=Region.objects.get(code="31.71"))
    assert set(listed(as_verifikator, region="36")) == {serang.ticket, tangerang.ticket}
    assert listed(as_verifikator, region="36.73") == [serang.ticket]
    assert listed(as_verifikator, region="31") == [jakarta.ticket]
    assert listed(as_verifikator, region="32") == []


def test_filter_by_platform(as_verifikator):
    CaseFactory(platform="facebook")
    tiktok = CaseFactory(platform="tiktok")
    assert listed(as_verifikator, platform="tiktok") == [tiktok.ticket]


def test_filter_by_election_slug(as_verifikator):
    CaseFactory()  # pilkada-2024
    pemilu = CaseFactory(election=Election.objects.get(slug="pemilu-2024"))
    assert listed(as_verifikator, election="pemilu-2024") == [pemilu.ticket]


def test_filter_overdue_keeps_open_cases_past_their_deadline(as_verifikator):
    today = timezone.localdate()
    yesterday, tomorrow = today - datetime.timedelta(days=1), today + datetime.timedelta(days=1)
    overdue = CaseFactory(status="in_review", deadline=yesterday)
    CaseFactory(status="rejected", deadline=yesterday)  # finished: never overdue
    CaseFactory(status="in_review", deadline=tomorrow)
    response = as_verifikator.get(CASES, {"overdue": "true"})
    [row] = response.json()["results"]
    assert row["ticket"] == overdue.ticket
    assert row["overdue"] is True


def test_filter_mine_keeps_the_cases_the_caller_handles(as_verifikator, verifikator):
    mine = CaseFactory(status="in_review", assignee=verifikator)
    CaseFactory(status="in_review", assignee=official("lain", Role.VERIFIKATOR))
    CaseFactory()
    assert listed(as_verifikator, mine="true") == [mine.ticket]
    assert len(listed(as_verifikator)) == 3


def test_search_finds_a_ticket_typed_in_lowercase_without_dashes(as_verifikator):
    wanted = CaseFactory()
    CaseFactory()
    assert listed(as_verifikator, q=wanted.ticket.replace("-", "").lower()) == [wanted.ticket]


@pytest.mark.parametrize("word", ["hidayat", "BAPPEDA", "baliho"])
def test_search_finds_a_word_of_the_name_the_agency_or_the_description(as_verifikator, word):
    wanted = CaseFactory(
        asn_name="Rahmat Hidayat",
        asn_agency="Bappeda Kabupaten Lebak",
        description="Memasang baliho calon di depan kantor dinas.",
    )
    CaseFactory()
    assert listed(as_verifikator, q=word) == [wanted.ticket]


@pytest.mark.parametrize(("field", "value"), [("region", "atlantis"), ("status", "nope"), ("election", "pemilu-1999")])
def test_an_invalid_filter_is_400_naming_the_field(as_verifikator, field, value):
    error = error_of(as_verifikator.get(CASES, {field: value}), 400)
    assert error["code"] == "invalid"
    assert list(error["fields"]) == [field]


# 4. Query count ---------------------------------------------------------------------------------


def list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CASES, {"page_size": 100})
    assert response.status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_number_of_cases(as_verifikator, verifikator):
    handler = official("lain", Role.VERIFIKATOR)
    regions = list(Region.objects.filter(code__in=["36.73", "36.71", "31.71"]))

    def make(count: int) -> None:
        for n in range(count):
            CaseFactory(status="in_review", assignee=(verifikator, handler)[n % 2], asn_region=regions[n % 3])

    make(10)
    few = list_queries(as_verifikator)
    make(190)
    assert Case.objects.count() == 200
    assert list_queries(as_verifikator) == few


# 5. Case detail ---------------------------------------------------------------------------------


def test_the_case_detail_carries_the_fields_of_the_design(client, report_fields, verifikator):
    content = image_bytes("PNG", size=(300, 500))
    ticket = submit(client, report_fields, [upload(content)])["ticket"]
    client.force_login(verifikator)
    act(client, ticket, "claim", {"internal_note": "Saya ambil."})

    response = client.get(case_url(ticket))
    assert response.status_code == 200, response.content
    body = response.json()
    expected = {
        "ticket",
        "status",
        "status_label",
        "category",
        "behaviour",
        "asn_name",
        "asn_nip",
        "asn_agency",
        "asn_position",
        "asn_region",
        "platform",
        "post_url",
        "election",
        "incident_date",
        "known_date",
        "description",
        "deadline",
        "overdue",
        "is_late",
        "timeline",
        "evidence",
        "available_actions",
    }
    assert expected <= set(body)
    assert (body["ticket"], body["status"]) == (ticket, "in_review")
    assert body["asn_nip"] == "198503152010011002"
    assert body["asn_region"] == {"code": "36.73", "name": "Kota Serang", "province": "Banten"}
    assert (body["incident_date"], body["known_date"]) == ("2024-01-27", "2024-01-28")
    assert body["election"] == "pemilu-2024"
    assert body["is_late"] is True  # reported long after the 2024 campaign
    assert (body["category"], body["behaviour"]) == ("", None)
    assert body["available_actions"] == ["request_info", "verify", "reject"]

    [evidence] = body["evidence"]
    assert {"id", "sha256", "mime", "width", "height"} <= set(evidence)
    assert evidence["sha256"] == hashlib.sha256(content).hexdigest()
    assert (evidence["mime"], evidence["width"], evidence["height"]) == ("image/png", 300, 500)


def test_the_officials_timeline_has_internal_notes_and_actor_usernames(as_verifikator):
    case = CaseFactory()
    act(as_verifikator, case.ticket, "claim", {"internal_note": "Akun ini pernah dilaporkan."})
    timeline = as_verifikator.get(case_url(case.ticket)).json()["timeline"]
    assert [event["action"] for event in timeline] == ["submit", "claim"]
    claim = timeline[-1]
    assert claim["actor"] == "budi.verifikator"
    assert claim["internal_note"] == "Akun ini pernah dilaporkan."
    assert (claim["from_status"], claim["to_status"]) == ("received", "in_review")


def test_the_case_detail_never_contains_the_reporters_identity(as_verifikator):
    case = CaseFactory()
    Reporter.objects.create(case=case, name="Sulastri Wibowo", email="sulastri.w@example.org", phone="081377776666")
    response = as_verifikator.get(case_url(case.ticket))
    assert response.status_code == 200
    text = response.content.decode()
    for secret in ("Sulastri", "sulastri.w@example.org", "081377776666"):
        assert secret not in text


def test_an_unknown_ticket_is_404_in_the_error_shape(as_verifikator):
    CaseFactory()
    assert error_of(as_verifikator.get(case_url(unused_ticket())), 404)["code"] == "not_found"


def test_the_case_detail_refuses_an_anonymous_client(client, ref):
    case = CaseFactory()
    response = client.get(case_url(case.ticket))
    assert response.status_code in (401, 403)
    assert case.ticket not in response.content.decode()


# 6. Actions -------------------------------------------------------------------------------------

CLASSIFY = {"category": "disiplin", "behaviour": "MEDSOS_KAMPANYE", "severity": "berat", "note": "Terbukti."}


@pytest.mark.parametrize(
    ("action", "role", "start", "extra", "body", "target"),
    [
        ("claim", Role.VERIFIKATOR, "received", {}, None, "in_review"),
        ("request_info", Role.VERIFIKATOR, "in_review", {}, {"note": "Kapan diunggah?"}, "needs_info"),
        ("resume", Role.VERIFIKATOR, "needs_info", {}, None, "in_review"),
        ("verify", Role.VERIFIKATOR, "in_review", {}, {"note": "Bukti lengkap."}, "verified"),
        (
            "reject",
            Role.VERIFIKATOR,
            "in_review",
            {},
            {"reason": "insufficient_evidence", "note": "Kurang."},
            "rejected",
        ),
        ("classify", Role.ANALIS, "verified", {}, CLASSIFY, "classified"),
        ("close", Role.KOORDINATOR, "classified", {"category": "bukan_pelanggaran"}, {"note": "Selesai."}, "closed"),
        ("close", Role.KOORDINATOR, "forwarded", {"category": "disiplin"}, {"note": "Selesai."}, "closed"),
    ],
)
def test_an_allowed_action_answers_with_the_case_in_its_new_status(
    client, ref, action, role, start, extra, body, target
):
    case = CaseFactory(status=start, **extra)
    client.force_login(official("petugas", role))
    response = act(client, case.ticket, action, body)
    assert response.status_code == 200, response.content
    detail = response.json()
    assert (detail["ticket"], detail["status"]) == (case.ticket, target)
    assert detail["timeline"][-1]["action"] == action
    assert detail["timeline"][-1]["actor"] == "petugas"
    assert Case.objects.get(pk=case.pk).status == target


def test_claim_makes_the_caller_the_assignee(as_verifikator):
    case = CaseFactory()
    detail = act(as_verifikator, case.ticket, "claim").json()
    assert detail["assignee"] == "budi.verifikator"
    assert detail["available_actions"] == ["request_info", "verify", "reject"]


def test_reject_records_the_reason(as_verifikator):
    case = CaseFactory(status="in_review")
    detail = act(as_verifikator, case.ticket, "reject", {"reason": "not_asn", "note": "Bukan ASN."}).json()
    assert (detail["status"], detail["rejection_reason"]) == ("rejected", "not_asn")


def test_reject_as_duplicate_points_at_the_primary_ticket(as_verifikator):
    primary = CaseFactory()
    case = CaseFactory(status="in_review")
    response = act(
        as_verifikator,
        case.ticket,
        "reject",
        {"reason": "duplicate", "primary_ticket": primary.ticket.lower(), "note": "Sudah dilaporkan."},
    )
    assert response.status_code == 200, response.content
    detail = response.json()
    assert (detail["status"], detail["rejection_reason"], detail["duplicate_of"]) == (
        "rejected",
        "duplicate",
        primary.ticket,
    )
    assert as_verifikator.get(case_url(primary.ticket)).json()["duplicates"] == [case.ticket]


def test_classify_records_category_behaviour_and_severity(client, ref):
    case = CaseFactory(status="verified")
    client.force_login(official("analis", Role.ANALIS))
    detail = act(client, case.ticket, "classify", CLASSIFY).json()
    assert (detail["category"], detail["behaviour"], detail["severity"]) == ("disiplin", "MEDSOS_KAMPANYE", "berat")


@pytest.mark.parametrize(
    ("category", "severity", "cites"),
    [
        ("kode_etik", "pernyataan_terbuka", ["PP 42/2004"]),
        ("disiplin", "sedang", ["PP 94/2021", "Pasal 5 huruf n"]),
        ("etik_dan_disiplin", "berat", ["PP 42/2004", "PP 94/2021"]),
    ],
)
def test_classify_without_legal_basis_cites_the_categorys(client, ref, category, severity, cites):
    case = CaseFactory(status="verified")
    client.force_login(official("analis", Role.ANALIS))
    body = {"category": category, "behaviour": "LAINNYA", "severity": severity, "note": "Cukup."}
    detail = act(client, case.ticket, "classify", body).json()
    for law in cites:
        assert law in detail["legal_basis"]
    assert "SKB" in detail["legal_basis"]
    assert ("PP 94/2021" in detail["legal_basis"]) == (category != "kode_etik")


@pytest.mark.parametrize(
    ("category", "severity", "allowed"),
    [
        ("kode_etik", "berat", "Pernyataan secara terbuka (sanksi moral) (pernyataan_terbuka)"),
        ("disiplin", "pernyataan_terbuka", "Ringan (ringan), Sedang (sedang), Berat (berat), Pemberhentian"),
        ("bukan_pelanggaran", "ringan", "kosongkan"),
    ],
)
def test_a_severity_that_does_not_fit_the_category_is_400_naming_the_allowed(client, ref, category, severity, allowed):
    case = CaseFactory(status="verified")
    client.force_login(official("analis", Role.ANALIS))
    body = {"category": category, "behaviour": "MEDSOS_KAMPANYE", "severity": severity}
    error = error_of(act(client, case.ticket, "classify", body), 400)
    assert allowed in error["fields"]["severity"][0]
    assert Case.objects.get(pk=case.pk).status == "verified"


def test_classify_with_legal_basis_keeps_the_edit(client, ref):
    case = CaseFactory(status="verified")
    client.force_login(official("analis", Role.ANALIS))
    body = {**CLASSIFY, "legal_basis": "PP 94/2021 Pasal 5 huruf n angka 1"}
    detail = act(client, case.ticket, "classify", body).json()
    assert detail["legal_basis"] == "PP 94/2021 Pasal 5 huruf n angka 1"
    assert Case.objects.get(pk=case.pk).legal_basis == "PP 94/2021 Pasal 5 huruf n angka 1"


def test_a_role_that_may_not_act_gets_403_and_nothing_changes(client, ref):
    case = CaseFactory()
    client.force_login(official("analis", Role.ANALIS))
    error = error_of(act(client, case.ticket, "claim"), 403)
    assert error["code"] == "forbidden"
    assert Case.objects.get(pk=case.pk).status == "received"
    assert case.events.count() == 1


def test_close_by_a_verifikator_is_403(as_verifikator):
    case = CaseFactory(status="forwarded", category="disiplin")
    error_of(act(as_verifikator, case.ticket, "close", {"note": "Selesai."}), 403)
    assert Case.objects.get(pk=case.pk).status == "forwarded"


def test_an_action_the_state_does_not_allow_is_409_conflict(as_verifikator):
    case = CaseFactory()
    error = error_of(act(as_verifikator, case.ticket, "verify", {"note": "Lengkap."}), 409)
    assert error["code"] == "conflict"
    assert Case.objects.get(pk=case.pk).status == "received"
    assert case.events.count() == 1


def test_closing_a_classified_violation_that_was_not_forwarded_is_409(client, ref):
    case = CaseFactory(status="classified", category="disiplin")
    client.force_login(official("koordinator", Role.KOORDINATOR))
    assert error_of(act(client, case.ticket, "close", {"note": "Selesai."}), 409)["code"] == "conflict"


@pytest.mark.parametrize(
    ("action", "start", "body", "field"),
    [
        ("request_info", "in_review", {}, "note"),
        ("request_info", "in_review", {"note": "   "}, "note"),
        ("reject", "in_review", {"reason": "bosan", "note": "x"}, "reason"),
        ("reject", "in_review", {"reason": "no_response", "note": "x"}, "reason"),
        ("reject", "in_review", {"note": "x"}, "reason"),
        ("reject", "in_review", {"reason": "duplicate", "note": "x"}, "primary_ticket"),
        ("reject", "in_review", {"reason": "duplicate", "primary_ticket": "NTR-0000-0000"}, "primary_ticket"),
        ("classify", "verified", {**CLASSIFY, "behaviour": "TIDAK_ADA"}, "behaviour"),
        ("classify", "verified", {**CLASSIFY, "category": "pidana"}, "category"),
        ("classify", "verified", {**CLASSIFY, "severity": "parah"}, "severity"),
        ("close", "classified", {}, "note"),
    ],
)
def test_an_invalid_action_body_is_400_naming_the_field(client, ref, action, start, body, field):
    case = CaseFactory(status=start, category="bukan_pelanggaran" if start == "classified" else "")
    client.force_login(official("koordinator", Role.KOORDINATOR))
    error = error_of(act(client, case.ticket, action, body), 400)
    assert error["code"] == "invalid"
    assert field in error["fields"]
    assert Case.objects.get(pk=case.pk).status == start
    assert case.events.count() == 1


def test_an_unknown_action_is_404(as_verifikator):
    case = CaseFactory()
    assert error_of(act(as_verifikator, case.ticket, "approve"), 404)["code"] == "unknown_action"
    assert Case.objects.get(pk=case.pk).status == "received"


def test_an_action_from_a_stale_view_is_409_conflict(as_verifikator):
    case = CaseFactory(status="in_review")
    seen = as_verifikator.get(case_url(case.ticket)).json()["timeline"][-1]["id"]
    other = Client()
    other.force_login(official("lain", Role.VERIFIKATOR))
    assert act(other, case.ticket, "request_info", {"note": "Akun mana?"}).status_code == 200
    error = error_of(act(as_verifikator, case.ticket, "verify", {"seen_event": seen}), 409)
    assert error["code"] == "conflict"
    assert Case.objects.get(pk=case.pk).status == "needs_info"


@pytest.mark.parametrize("raw", ["[]", "[1, 2]", '"claim"', "null"])
def test_a_json_body_that_is_not_an_object_is_400_in_the_error_shape(as_verifikator, raw):
    as_verifikator.raise_request_exception = False  # a crash must show as the 500 it is
    case = CaseFactory()
    response = as_verifikator.post(action_url(case.ticket, "claim"), raw, content_type="application/json")
    error_of(response, 400)
    assert Case.objects.get(pk=case.pk).status == "received"


@pytest.mark.parametrize("note", [["Kapan", "diunggah?"], {"teks": "Kapan diunggah?"}])
def test_a_note_that_is_not_text_is_400_naming_the_field(as_verifikator, note):
    case = CaseFactory(status="in_review")
    error = error_of(act(as_verifikator, case.ticket, "request_info", {"note": note}), 400)
    assert "note" in error["fields"]
    assert Case.objects.get(pk=case.pk).status == "in_review"


def test_an_action_on_an_unknown_ticket_is_404(as_verifikator):
    assert error_of(act(as_verifikator, unused_ticket(), "claim"), 404)["code"] == "not_found"


def test_an_anonymous_client_may_not_act(client, ref):
    case = CaseFactory()
    response = act(client, case.ticket, "claim")
    assert response.status_code in (401, 403)
    error_of(response, response.status_code)
    assert Case.objects.get(pk=case.pk).status == "received"


@pytest.mark.parametrize(
    ("action", "role", "start", "body"),
    [
        ("claim", Role.VERIFIKATOR, "received", {}),
        ("request_info", Role.VERIFIKATOR, "in_review", {"note": "Kapan diunggah?"}),
        ("resume", Role.VERIFIKATOR, "needs_info", {}),
        ("verify", Role.VERIFIKATOR, "in_review", {}),
        ("reject", Role.VERIFIKATOR, "in_review", {"reason": "spam", "note": "Tidak serius."}),
        ("classify", Role.ANALIS, "verified", CLASSIFY),
        ("close", Role.KOORDINATOR, "forwarded", {"note": "Selesai."}),
    ],
)
def test_the_internal_note_is_for_officials_only(client, ref, action, role, start, body):
    case = CaseFactory(status=start, category="disiplin" if start == "forwarded" else "")
    client.force_login(official("petugas", role))
    secret = f"Catatan internal {action}: terlapor kerabat kepala dinas"
    response = act(client, case.ticket, action, {**body, "internal_note": secret})
    assert response.status_code == 200, response.content
    assert response.json()["timeline"][-1]["internal_note"] == secret
    assert secret in client.get(case_url(case.ticket)).content.decode()
    client.logout()
    assert "kerabat kepala dinas" not in public_status(client, case.ticket).content.decode()


# 7. The reporter's identity ---------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.VERIFIKATOR, Role.KOORDINATOR])
def test_an_allowed_role_sees_the_identity_and_the_look_is_recorded(client, ref, role):
    case = CaseFactory(status="in_review", share_identity=True)
    Reporter.objects.create(case=case, name="Sulastri Wibowo", email="sulastri.w@example.org", phone="081377776666")
    public_before = public_status(client, case.ticket).json()["timeline"]
    client.force_login(official("petugas", role))

    response = client.get(f"{case_url(case.ticket)}reporter/")
    assert response.status_code == 200, response.content
    assert response.json() == {
        "name": "Sulastri Wibowo",
        "email": "sulastri.w@example.org",
        "phone": "081377776666",
        "share_identity": True,
    }

    looked = client.get(case_url(case.ticket)).json()["timeline"][-1]
    assert (looked["action"], looked["actor"], looked["is_public"]) == ("identity_viewed", "petugas", False)
    assert (looked["from_status"], looked["to_status"]) == ("in_review", "in_review")
    assert Case.objects.get(pk=case.pk).status == "in_review"

    client.logout()
    public = public_status(client, case.ticket)
    assert public.json()["timeline"] == public_before
    assert "Identitas" not in public.content.decode()


def test_an_analis_may_not_see_the_identity_and_nothing_is_recorded(client, ref):
    case = CaseFactory(status="verified")
    Reporter.objects.create(case=case, name="Sulastri Wibowo", email="sulastri.w@example.org", phone="081377776666")
    client.force_login(official("analis", Role.ANALIS))
    response = client.get(f"{case_url(case.ticket)}reporter/")
    assert error_of(response, 403)["code"] == "forbidden"
    assert "Sulastri" not in response.content.decode()
    assert not case.events.filter(action=CaseEvent.Action.IDENTITY_VIEWED).exists()


def test_the_identity_of_an_anonymous_report_is_404_anonymous(as_verifikator):
    case = CaseFactory(anonymous=True)
    assert error_of(as_verifikator.get(f"{case_url(case.ticket)}reporter/"), 404)["code"] == "anonymous"


def test_the_identity_endpoint_refuses_an_anonymous_client(client, ref):
    case = CaseFactory()
    Reporter.objects.create(case=case, name="Sulastri Wibowo", email="sulastri.w@example.org")
    response = client.get(f"{case_url(case.ticket)}reporter/")
    assert response.status_code in (401, 403)
    assert "Sulastri" not in response.content.decode()
    assert not case.events.filter(action=CaseEvent.Action.IDENTITY_VIEWED).exists()


# 8. Evidence files ------------------------------------------------------------------------------


def evidence_url(ticket: str, evidence_id: int, variant: str = "original") -> str:
    return f"{case_url(ticket)}evidence/{evidence_id}/{variant}/"


@pytest.fixture
def submitted(client, report_fields):
    """A report submitted through the API with one JPEG; returns (ticket, evidence id, bytes)."""
    content = image_bytes("JPEG")
    ticket = submit(client, report_fields, [upload(content, "layar.jpg", "image/jpeg")])["ticket"]
    evidence = Case.objects.get(ticket=ticket).evidence.get()
    return SimpleNamespace(ticket=ticket, evidence_id=evidence.pk, content=content)


def test_the_original_is_exactly_the_uploaded_bytes(client, verifikator, submitted):
    client.force_login(verifikator)
    response = client.get(evidence_url(submitted.ticket, submitted.evidence_id))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == submitted.content


@pytest.mark.parametrize("variant", ["sanitized", "thumbnail"])
def test_a_derived_copy_that_does_not_exist_yet_is_404_not_processed(client, verifikator, submitted, variant):
    client.force_login(verifikator)
    response = client.get(evidence_url(submitted.ticket, submitted.evidence_id, variant))
    assert error_of(response, 404)["code"] == "not_processed"


def test_an_unknown_variant_is_404(client, verifikator, submitted):
    client.force_login(verifikator)
    error_of(client.get(evidence_url(submitted.ticket, submitted.evidence_id, "raw")), 404)


def test_evidence_refuses_an_anonymous_client(client, submitted):
    response = client.get(evidence_url(submitted.ticket, submitted.evidence_id))
    assert response.status_code in (401, 403)
    assert submitted.content not in response.content


def test_evidence_under_another_cases_ticket_is_404(client, verifikator, submitted):
    other = CaseFactory()
    client.force_login(verifikator)
    response = client.get(evidence_url(other.ticket, submitted.evidence_id))
    assert error_of(response, 404)["code"] == "not_found"
    assert submitted.content not in response.content


# 9. The reply loop through the API --------------------------------------------------------------


def test_the_reporter_answers_through_the_api_and_the_case_returns_to_review(client, report_fields, verifikator):
    created = submit(client, report_fields)
    ticket, access_code = created["ticket"], created["access_code"]
    client.force_login(verifikator)
    assert act(client, ticket, "claim").status_code == 200
    asked = act(client, ticket, "request_info", {"note": "Kapan diunggah?"})
    assert asked.json()["status"] == "needs_info"
    client.logout()

    question = public_status(client, ticket).json()
    assert question["status"] == "needs_info"
    assert "Kapan diunggah?" in [entry["note"] for entry in question["timeline"]]

    extra = image_bytes("JPEG", size=(200, 400))
    answer = "Diunggah 27 Januari pukul 20.00, akun milik Pak Rahmat."
    response = reply(client, ticket, access_code, answer, evidence=[upload(extra, "tambahan.jpg", "image/jpeg")])
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "in_review"
    assert answer not in response.content.decode()
    assert answer not in public_status(client, ticket).content.decode()

    client.force_login(verifikator)
    detail = client.get(case_url(ticket)).json()
    assert detail["status"] == "in_review"
    answered = detail["timeline"][-1]
    assert (answered["action"], answered["actor"], answered["internal_note"]) == ("reply", None, answer)
    assert [(item["mime"], item["sha256"]) for item in detail["evidence"]][1] == (
        "image/jpeg",
        hashlib.sha256(extra).hexdigest(),
    )
    assert list(Case.objects.get(ticket=ticket).evidence.values_list("position", flat=True)) == [1, 2]


def test_a_reply_with_a_wrong_access_code_is_403(client, ref):
    case = CaseFactory(status="needs_info")
    error = error_of(reply(client, case.ticket, "ZZZZZ-ZZZZZ"), 403)
    assert error["code"] == "invalid_access_code"
    assert Case.objects.get(pk=case.pk).status == "needs_info"
    assert case.events.count() == 1


def test_a_reply_to_an_unknown_ticket_gets_the_same_refusal_as_a_wrong_code(client, ref):
    case = CaseFactory(status="needs_info")
    wrong_code = error_of(reply(client, case.ticket, "ZZZZZ-ZZZZZ"), 403)
    unknown = error_of(reply(client, unused_ticket(), ACCESS_CODE), 403)
    assert unknown == wrong_code


def test_a_reply_to_a_case_not_awaiting_an_answer_is_409(client, ref):
    case = CaseFactory(status="in_review")
    error = error_of(reply(client, case.ticket, ACCESS_CODE), 409)
    assert error["code"] == "not_awaiting_reply"
    assert Case.objects.get(pk=case.pk).status == "in_review"
    assert case.events.count() == 1


def test_a_wrong_code_on_a_case_not_awaiting_an_answer_is_403_not_409(client, ref):
    case = CaseFactory(status="in_review")  # a 409 would tell a guesser that the ticket exists
    assert error_of(reply(client, case.ticket, "ZZZZZ-ZZZZZ"), 403)["code"] == "invalid_access_code"


@pytest.mark.parametrize("raw", ["[]", '"Diunggah tanggal 27 Januari."'])
def test_a_reply_json_body_that_is_not_an_object_is_400_in_the_error_shape(client, ref, raw):
    client.raise_request_exception = False  # a crash must show as the 500 it is
    case = CaseFactory(status="needs_info")
    response = client.post(f"{REPORTS}{case.ticket}/replies/", raw, content_type="application/json")
    error_of(response, 400)
    assert Case.objects.get(pk=case.pk).status == "needs_info"


def test_the_reply_access_code_forgives_case_and_dashes(client, ref):
    case = CaseFactory(status="needs_info")
    response = reply(client, case.ticket.lower(), ACCESS_CODE.lower().replace("-", ""))
    assert response.status_code == 201, response.content
    assert Case.objects.get(pk=case.pk).status == "in_review"


def test_reply_attempts_are_limited_even_with_wrong_codes(client, ref, settings, monkeypatch):
    settings.REPLY_RATE = "3/min"
    case = CaseFactory(status="needs_info")
    for _attempt in range(3):
        assert reply(client, case.ticket, "ZZZZZ-ZZZZZ").status_code == 403
    fourth = reply(client, case.ticket, ACCESS_CODE)  # even the right code is refused now
    assert error_of(fourth, 429)["code"] == "throttled"
    assert Case.objects.get(pk=case.pk).status == "needs_info"


# 10. The reporter never sees officials' names or internal notes ---------------------------------


def test_the_public_status_never_shows_officials_or_internal_notes(client, ref, verifikator):
    case = CaseFactory()
    client.force_login(verifikator)
    steps = [
        ("claim", {"internal_note": "RAHASIA-1 kenal pelapor"}),
        ("request_info", {"note": "Kapan diunggah?", "internal_note": "RAHASIA-2 cek akun kedua"}),
        ("resume", {"note": "Kami lanjutkan.", "internal_note": "RAHASIA-3 tidak dijawab"}),
        ("verify", {"note": "Memenuhi syarat.", "internal_note": "RAHASIA-4 bukti kuat"}),
    ]
    for action, body in steps:
        assert act(client, case.ticket, action, body).status_code == 200
    client.logout()

    response = public_status(client, case.ticket)
    text = response.content.decode()
    assert "budi.verifikator" not in text
    assert "RAHASIA" not in text
    body = response.json()
    assert body["status"] == "verified"
    assert all(set(entry) == {"at", "status", "note"} for entry in body["timeline"])
    assert [entry["note"] for entry in body["timeline"]][2:] == [
        "Kapan diunggah?",
        "Kami lanjutkan.",
        "Memenuhi syarat.",
    ]


def test_odd_tickets_ids_and_filters_get_clear_answers(client, ref):
    """Officials' URLs accept ticket characters only, ids that fit the database, known filters."""
    client.force_login(official("k", "koordinator"))
    assert client.get("/api/v1/cases/NTR%00X/").json()["error"]["code"] == "not_found"
    assert client.get("/petugas/kasus/NTR%00X/").status_code == 404
    response = client.get("/api/v1/agencies/", {"kind": "polisi", "region": "banten"})
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"kind", "region"}
    case = CaseFactory()
    stale = client.post(
        f"/api/v1/cases/{case.ticket}/actions/claim/", {"seen_event": 10**30}, content_type="application/json"
    )
    assert stale.status_code == 400 and "seen_event" in stale.json()["error"]["fields"]


def test_a_ticket_is_read_as_a_citizens_is_and_a_mistyped_one_is_400(client, ref):
    case = CaseFactory()
    client.force_login(official("vera", Role.VERIFIKATOR))
    for written in (case.ticket.lower(), case.ticket.replace("-", "")):
        assert client.get(f"/api/v1/cases/{written}/").json()["ticket"] == case.ticket
    mistyped = case.ticket[:-1] + ("0" if case.ticket[-1] != "0" else "1")
    for path in (f"/api/v1/cases/{mistyped}/", f"/api/v1/cases/{mistyped}/reporter/"):
        error = error_of(client.get(path), 400)
        assert error["code"] == "invalid_ticket" and "NTR-XXXX-XXXX" in error["fields"]["ticket"][0]
    client.logout()
    assert client.get(f"/api/v1/cases/{mistyped}/").status_code == 401  # a stranger learns nothing


@pytest.mark.parametrize("word", ["maybe", "2"])
def test_a_yes_no_filter_refuses_a_word_it_does_not_know(client, ref, word):
    client.force_login(official("vera", Role.VERIFIKATOR))
    for name in ("overdue", "mine"):
        error = error_of(client.get(f"/api/v1/cases/?{name}={word}"), 400)
        assert "true atau false" in error["fields"][name][0]
    assert client.get("/api/v1/cases/?overdue=ya&mine=0").status_code == 200
