"""The queue shows an incident as one row that unfolds; the selection takes one action on many
cases; the case page carries the incident's actions and the screenshots of its other reports."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from complaints.incidents import grouping
from complaints.models import Case, Evidence, Incident
from complaints.permissions import Role
from complaints.templatetags.fields import region_suggestions
from tests.factories import CaseFactory, EvidenceFactory, official

POST = "https://x.com/pemkab/status/1790000000000000001"


@pytest.fixture
def vera(client, ref):
    user = official("vera", Role.VERIFIKATOR)
    client.force_login(user)
    return user


def incident_of(count: int, *, post: str = POST, deadline_days: list[int] | None = None) -> Incident:
    today = timezone.localdate()
    days = deadline_days or [10] * count
    cases = [
        CaseFactory(post_url=f"{post}?s={n}", deadline=today + datetime.timedelta(days=days[n])) for n in range(count)
    ]
    for case in cases:
        grouping.case_group(case_id=case.pk)
    return Incident.objects.get(post_key__endswith=post.rsplit("/", 1)[1])


def rows(page: str) -> list[str]:
    return re.findall(r'<tr data-(ticket|incident)="([^"]+)"', page)


def test_an_incident_is_one_row_with_its_size_primary_and_earliest_deadline(client, vera, clock):
    incident = incident_of(5, deadline_days=[9, 3, 7, 8, 6])
    alone = CaseFactory(deadline=timezone.localdate() + datetime.timedelta(days=5))
    page = client.get("/petugas/").content.decode()
    assert rows(page) == [("incident", str(incident.pk)), ("ticket", alone.ticket)]  # the earliest deadline first
    assert "Insiden · 5 laporan" in page
    assert incident.primary.ticket in page
    assert "6 kasus dalam 2 baris" in page
    members = re.search(r'<details class="incident-members">(.*?)</details>', page, re.S).group(1)
    assert len(re.findall(r'name="tickets"', members)) == 5


def test_the_filters_and_the_tabs_count_cases_and_an_incident_unfolds_to_its_cases(client, vera, clock):
    incident = incident_of(4)
    Case.objects.filter(pk__in=incident.cases.values("pk")[:1]).update(platform="instagram")
    assert "1 kasus dalam 1 baris" in client.get("/petugas/", {"platform": "instagram"}).content.decode()
    page = client.get("/petugas/", {"incident": incident.pk}).content.decode()
    assert [kind for kind, _value in rows(page)] == ["ticket"] * 4
    flat = client.get("/petugas/", {"flat": "1"}).content.decode()
    assert len(rows(flat)) == 4


def test_the_queue_takes_the_same_queries_for_a_large_incident(client, vera, clock):
    incident_of(3)
    region_suggestions()  # reference data kept in the cache, read by the first page of any size
    with CaptureQueriesContext(connection) as small:
        client.get("/petugas/")
    incident_of(30, post="https://x.com/lain/status/1790000000000000002")
    for _ in range(5):
        CaseFactory()
    with CaptureQueriesContext(connection) as large:
        client.get("/petugas/")
    assert len(large) == len(small)


def test_the_queue_sorts_by_deadline_newest_or_incident_size_and_keeps_its_filters(client, vera, clock):
    today = timezone.localdate()
    incident = incident_of(3, deadline_days=[20, 21, 22])  # the largest, the latest deadlines
    soon = CaseFactory(deadline=today + datetime.timedelta(days=2))
    clock.shift(datetime.timedelta(hours=1))
    newest = CaseFactory(deadline=today + datetime.timedelta(days=9))
    by_deadline = [("ticket", soon.ticket), ("ticket", newest.ticket), ("incident", str(incident.pk))]
    assert rows(client.get("/petugas/").content.decode()) == by_deadline
    assert rows(client.get("/petugas/", {"urut": "nonsense"}).content.decode()) == by_deadline
    assert rows(client.get("/petugas/", {"urut": "terbaru"}).content.decode())[0] == ("ticket", newest.ticket)
    largest = client.get("/petugas/", {"urut": "insiden", "platform": "facebook"}).content.decode()
    assert rows(largest) == [("incident", str(incident.pk)), ("ticket", soon.ticket), ("ticket", newest.ticket)]
    # Every case, one per row, in the same order; the other links and the sort keep the filters.
    flat = client.get("/petugas/", {"urut": "insiden", "flat": "1"}).content.decode()
    assert [value for _kind, value in rows(flat)][3:] == [soon.ticket, newest.ticket]
    assert '<option value="insiden" selected>' in largest
    assert '<input type="hidden" name="platform" value="facebook">' in largest
    assert "urut=insiden" in largest  # the tabs and pages keep the order


def test_link_all_from_the_queue_tells_what_it_did(client, vera, clock):
    incident = incident_of(3)
    answer = client.post(f"/petugas/insiden/{incident.pk}/link_duplicates/", {"next": "/petugas/?flat=1"}, follow=True)
    assert answer.redirect_chain[-1][0] == "/petugas/?flat=1"
    assert "2 laporan ditautkan ke laporan utama." in answer.content.decode()
    assert Case.objects.filter(status="rejected", duplicate_of=incident.primary).count() == 2


def test_a_foreign_next_address_goes_back_to_the_queue(client, vera, clock):
    incident = incident_of(2)
    answer = client.post(f"/petugas/insiden/{incident.pk}/link_duplicates/", {"next": "https://evil.example/"})
    assert answer["Location"] == "/petugas/"


def test_the_selection_rejects_as_spam_and_lists_what_it_refused(client, vera, clock):
    mine = [CaseFactory(status="in_review", assignee=vera) for _ in range(2)]
    new = CaseFactory()
    answer = client.post(
        "/petugas/massal/",
        {"action": "reject", "reason": "spam", "tickets": [c.ticket for c in [*mine, new]], "next": "/petugas/"},
        follow=True,
    )
    page = answer.content.decode()
    assert "2 kasus" in page
    assert f"{new.ticket}: " in page  # refused, and why
    assert Case.objects.filter(rejection_reason="spam").count() == 2


def test_a_selection_without_cases_or_reason_says_which_field(client, vera, clock):
    page = client.post("/petugas/massal/", {"action": "reject", "next": "/petugas/"}, follow=True).content.decode()
    assert "Pilih setidaknya satu kasus." in page and "Pilih alasan penolakan." in page


def test_the_primarys_page_shows_the_other_reports_screenshots_once_each(client, vera, clock):
    incident = incident_of(3)
    others = incident.cases.exclude(pk=incident.primary_id).order_by("pk")
    for number, case in enumerate(others):
        EvidenceFactory(
            case=case, sha256=f"{number + 1:064x}", width=1080, height=2400, phash_state=Evidence.State.DONE
        )
        EvidenceFactory(case=case, sha256="f" * 64, phash_state=Evidence.State.DONE)  # the same file twice
    page = client.get(f"/petugas/kasus/{incident.primary.ticket}/").content.decode()
    assert f"Insiden #{incident.pk}: 3 laporan tentang unggahan yang sama" in page
    assert len(re.findall(r"data-extra-evidence=", page)) == 3
    assert "Tautkan semua laporan lain ke laporan ini" in page
    other = client.get(f"/petugas/kasus/{others[0].ticket}/").content.decode()
    assert "Jadikan laporan utama" in other and "data-extra-evidence" not in other


def test_readers_without_triage_see_no_selection_or_incident_buttons(client, ref, clock):
    incident_of(2)
    client.force_login(official("analis", Role.ANALIS))
    page = client.get("/petugas/").content.decode()
    assert 'name="tickets"' not in page and "Tautkan semua" not in page


def test_the_case_page_merges_another_incident_by_its_number(client, vera, clock):
    incident = incident_of(2)
    other = incident_of(2, post="https://x.com/lain/status/1790000000000000009")
    answer = client.post(
        f"/petugas/insiden/{incident.pk}/merge/",
        {"incident": str(other.pk), "next": f"/petugas/kasus/{incident.primary.ticket}/"},
        follow=True,
    )
    assert "2 laporan dipindahkan ke insiden ini." in answer.content.decode()
    assert incident.cases.count() == 4 and not Incident.objects.filter(pk=other.pk).exists()
    bad = client.post(f"/petugas/insiden/{incident.pk}/merge/", {"incident": "abc", "next": "/petugas/"}, follow=True)
    assert "bilangan" in bad.content.decode().lower() or "number" in bad.content.decode().lower()
