"""Officials' pages: login, the queue, the case page, its actions, evidence and identity."""

import datetime
import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints.models import Case, CaseEvent, Region, Reporter
from complaints.permissions import Role
from complaints.triage import workflow
from tests.factories import CaseFactory, official
from tests.helpers import FROZEN_AT, image_bytes, upload


@pytest.fixture
def verifikator(ref):
    return official("verifikator", Role.VERIFIKATOR, password="sandi-rahasia-99")


def test_officials_log_in_at_petugas(client, verifikator):
    response = client.get("/petugas/")
    assert response.status_code == 302
    assert response["Location"].startswith("/petugas/masuk/")
    login = client.get(response["Location"])
    assert "Masuk petugas" in login.content.decode()
    wrong = client.post("/petugas/masuk/", {"username": "verifikator", "password": "salah"})
    assert "Nama pengguna atau kata sandi salah" in wrong.content.decode()
    right = client.post("/petugas/masuk/", {"username": "verifikator", "password": "sandi-rahasia-99"})
    assert right.status_code == 302
    assert client.get("/petugas/").status_code == 200


def test_a_login_lasts_a_working_day(client, verifikator, clock):
    clock.move_to(FROZEN_AT, tick=False)
    client.post("/petugas/masuk/", {"username": "verifikator", "password": "sandi-rahasia-99"})
    clock.move_to(FROZEN_AT + datetime.timedelta(hours=9, minutes=59), tick=False)
    assert client.get("/petugas/").status_code == 200
    clock.move_to(FROZEN_AT + datetime.timedelta(hours=10, minutes=1), tick=False)
    assert client.get("/petugas/")["Location"].startswith("/petugas/masuk/")  # a computer left signed in


def test_a_user_without_a_role_is_refused(client, ref):
    client.force_login(official("warga"))
    assert client.get("/petugas/").status_code == 403


def test_the_queue_counts_each_status_and_puts_the_nearest_deadline_first(client, verifikator):
    later = CaseFactory(deadline=datetime.date(2030, 1, 10))
    sooner = CaseFactory(deadline=datetime.date(2030, 1, 5))
    CaseFactory(status="rejected")
    client.force_login(verifikator)
    page = client.get("/petugas/").content.decode()
    assert page.index(sooner.ticket) < page.index(later.ticket)
    assert 'data-status-tab="received"' in page
    received_tab = page.split('data-status-tab="received"')[1].split("</a>")[0]
    assert '<span class="count">2</span>' in received_tab
    rejected_only = client.get("/petugas/", {"status": "rejected"}).content.decode()
    assert sooner.ticket not in rejected_only


def test_queue_filters_stay_in_the_url_and_search_finds_cases(client, verifikator):
    wanted = CaseFactory(asn_name="Hendra Gunawan", platform="tiktok")
    other = CaseFactory(asn_name="Siti Aminah", platform="facebook")
    client.force_login(verifikator)
    found = client.get("/petugas/", {"q": "gunawan"}).content.decode()
    assert wanted.ticket in found and other.ticket not in found
    by_platform = client.get("/petugas/", {"platform": "facebook", "region": "36"}).content.decode()
    assert other.ticket in by_platform and wanted.ticket not in by_platform
    assert "platform=facebook" in by_platform  # the tab links keep the filters
    bad = client.get("/petugas/", {"region": "atlantis"})
    assert bad.status_code == 200
    assert "Wilayah atlantis tidak dikenal. Pilih dari saran" in bad.content.decode()
    # A region by its name, or as the suggestions show it, is its code (issue 15).
    for typed in ("banten", "Banten (36)", "  BANTEN "):
        by_name = client.get("/petugas/", {"platform": "facebook", "region": typed}).content.decode()
        assert other.ticket in by_name and wanted.ticket not in by_name, typed
    assert '<option value="Kota Serang (36.73)">' in by_name
    assert 'list="region-suggestions"' in by_name and 'id="id_region_helptext"' in by_name


def test_mine_and_overdue_filters(client, verifikator):
    mine = CaseFactory(status="in_review", assignee=verifikator)
    late = CaseFactory(deadline=datetime.date(2020, 1, 1))
    client.force_login(verifikator)
    only_mine = client.get("/petugas/", {"mine": "on"}).content.decode()
    assert mine.ticket in only_mine and late.ticket not in only_mine
    only_overdue = client.get("/petugas/", {"overdue": "on"}).content.decode()
    assert late.ticket in only_overdue and mine.ticket not in only_overdue
    assert "lewat" in only_overdue


def test_the_queue_makes_as_many_queries_for_200_cases_as_for_10(client, verifikator):
    client.force_login(verifikator)
    counts = []
    for batch in (10, 190):  # 10 cases, then 200
        CaseFactory.create_batch(batch, status="in_review", assignee=verifikator)
        client.get("/petugas/")  # warm the session
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/petugas/").content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert page.count("<tr data-ticket=") == 25  # one page of the 200


def test_the_case_page_offers_only_the_actions_this_official_may_take(client, ref):
    case = CaseFactory()
    client.force_login(official("analis", Role.ANALIS))
    page = client.get(reverse("official-case", args=[case.ticket])).content.decode()
    assert "Tidak ada tindakan yang dapat Anda lakukan" in page
    client.force_login(official("v", Role.VERIFIKATOR))
    page = client.get(reverse("official-case", args=[case.ticket])).content.decode()
    assert 'data-action="claim"' in page
    assert 'data-action="verify"' not in page  # not until it is claimed


def test_an_official_takes_a_case_through_claim_question_and_verify(client, ref):
    case = CaseFactory()
    client.force_login(official("vera", Role.VERIFIKATOR))
    url = lambda action: reverse("official-case-action", args=[case.ticket, action])  # noqa: E731
    assert client.post(url("claim"), {}).status_code == 302
    refused = client.post(url("request_info"), {"note": ""})
    assert refused.status_code == 400
    assert "Pertanyaan untuk pelapor" in refused.content.decode()
    # The errors are summed up at the top of the page, each linking to its field in the action.
    page = refused.content.decode()
    start = page.index('data-action-errors="request_info"')
    summary = page[start : page.index("</div>", start)]
    assert page.index("data-action-errors") < page.index('id="action-request_info"')
    assert 'href="#id_request_info_note"' in summary and "Pertanyaan untuk pelapor" in summary
    assert 'id="id_request_info_note"' in page
    asked = client.post(url("request_info"), {"note": "Kapan diunggah?", "internal_note": "cek arsip"}, follow=True)
    assert "Tersimpan" in asked.content.decode()
    assert Case.objects.get(pk=case.pk).status == "needs_info"
    page = client.get(reverse("official-case", args=[case.ticket])).content.decode()
    assert "Kapan diunggah?" in page and "cek arsip" in page  # both notes, for officials


def test_a_stale_form_says_the_case_changed(client, ref):
    case = CaseFactory()
    seen = case.events.last().pk
    client.force_login(official("v1", Role.VERIFIKATOR))
    workflow.perform("claim", case=case, by=official("v2", Role.VERIFIKATOR))
    response = client.post(
        reverse("official-case-action", args=[case.ticket, "claim"]),
        {"seen_event": seen, "internal_note": "saya ambil, cek akun dulu"},
        follow=True,
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "telah berubah sejak Anda membukanya" in page
    # The action is no longer possible: the note typed for it is shown to copy, not lost.
    assert 'id="action-claim"' not in page
    assert re.search(r"<textarea[^>]*readonly[^>]*>saya ambil, cek akun dulu</textarea>", page)


def test_a_refused_action_keeps_the_typed_note_made_current_and_says_who_changed_what(client, ref):
    case = CaseFactory()
    seen = case.events.last().pk
    client.force_login(official("kartika", Role.KOORDINATOR))
    workflow.perform("claim", case=case, by=official("vera.verifikator", Role.VERIFIKATOR))
    url = reverse("official-case-action", args=[case.ticket, "request_info"])
    typed = {"note": "Kapan unggahan ini Anda lihat?", "internal_note": "cek arsip", "seen_event": seen}
    refused = client.post(url, typed)

    assert refused.status_code == 409
    page = refused.content.decode()
    changes = page[page.index('id="changes"') : page.index("</section>", page.index('id="changes"'))]
    assert "vera.verifikator" in changes and "Laporan mulai ditinjau" in changes
    start = page.index('id="action-request_info"')
    form = page[start : page.index("</form>", start)]
    assert "Kapan unggahan ini Anda lihat?" in form and "cek arsip" in form  # as typed
    newest = case.events.order_by("-pk").first().pk
    assert f'name="seen_event" value="{newest}"' in form
    # Sent again as it now stands, it applies to the case as it is now.
    again = client.post(url, {**typed, "seen_event": newest})
    assert again.status_code == 302
    assert Case.objects.get(pk=case.pk).status == "needs_info"


def test_identity_is_shown_on_request_and_every_look_is_recorded(client, ref):
    case = CaseFactory()
    Reporter.objects.create(case=case, name="Adityawarman", email="adit@example.org", phone="0812")
    koordinator = official("kartika", Role.KOORDINATOR)
    client.force_login(koordinator)
    page = client.get(reverse("official-case", args=[case.ticket])).content.decode()
    assert "Adityawarman" not in page
    assert "Tampilkan identitas pelapor" in page
    shown = client.post(reverse("official-case-identity", args=[case.ticket])).content.decode()
    assert "Adityawarman" in shown and "adit@example.org" in shown
    event = CaseEvent.objects.get(case=case, action="identity_viewed")
    assert (event.actor, event.is_public) == (koordinator, False)
    public = client.get(reverse("status-detail", args=[case.ticket])).content.decode()
    assert "Identitas pelapor dibuka" not in public


def test_an_analis_cannot_see_the_identity(client, ref):
    case = CaseFactory()
    Reporter.objects.create(case=case, name="Adityawarman")
    client.force_login(official("anwar", Role.ANALIS))
    page = client.get(reverse("official-case", args=[case.ticket])).content.decode()
    assert "Tampilkan identitas pelapor" not in page
    refused = client.post(reverse("official-case-identity", args=[case.ticket]))
    assert refused.status_code == 403
    assert "Adityawarman" not in refused.content.decode()
    assert "Peran Anda" in refused.content.decode()  # the page says why, not only "access denied"
    assert not CaseEvent.objects.filter(action="identity_viewed").exists()


def test_evidence_is_served_to_officials_only(client, report_fields):
    client.post("/lapor/", {**report_fields, "evidence": [upload(image_bytes("JPEG"))]})
    case = Case.objects.get()
    evidence = case.evidence.get()
    url = reverse("official-case-evidence", args=[case.ticket, evidence.pk, "original"])
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(official("v", Role.VERIFIKATOR))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]
    with evidence.original.open("rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()
    other = CaseFactory()
    assert (
        client.get(reverse("official-case-evidence", args=[other.ticket, evidence.pk, "original"])).status_code == 404
    )
    assert (
        client.get(reverse("official-case-evidence", args=[case.ticket, evidence.pk, "thumbnail"])).status_code == 404
    )


def test_the_case_page_has_no_duplicate_element_ids(client, ref):
    """Several action forms share field names; their ids must not collide, or labels point astray."""
    case = CaseFactory(status="in_review")
    client.force_login(official("k", Role.KOORDINATOR))
    page = client.get(reverse("official-case", args=[case.ticket])).content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [element_id for element_id, count in ids.items() if count > 1] == []
    assert 'for="id_verify_note"' in page and 'for="id_reject_note"' in page


def test_a_provincial_civil_servant_is_placed_in_the_province_alone(client, ref):
    case = CaseFactory(asn_region=Region.objects.get(code="36"), asn_agency="Pemerintah Provinsi Banten")
    client.force_login(official("vera", Role.VERIFIKATOR))
    page = client.get(reverse("official-case", args=[case.ticket])).content.decode()
    assert "<dd>Banten</dd>" in page  # not "Banten, " with nothing after the comma
