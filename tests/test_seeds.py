"""The stories of ../shared/seeds/, each played through the API on its own dates.

000 Pemprov Banten's Instagram account (a provincial civil servant), reported within Bawaslu's
    window: Bawaslu and the BKD of Banten.
001 A civil servant likes a campaign post in December 2023, reported today: forwarded today to
    BKN, KASN's successor, and the dossier names KASN as competent on the incident date.
002 Jakarta's officials and their regions: a Jawa Barat official cannot see a Banten case.
003 Diskominfo Lubuk Linggau's account promotes a would-be candidate before the campaign, within
    the stages: Bawaslu and the BKD of Kota Lubuk Linggau.
004 NTB's monitoring team: a finding recorded, verified, classified and forwarded.
"""

import datetime
import io
from zoneinfo import ZoneInfo

import pypdf
import pytest
from django.core import mail

from complaints.models import Agency, Case, Jurisdiction
from complaints.permissions import Role
from complaints.reference import loaders
from tests import screenshots
from tests.factories import official
from tests.helpers import error_of, upload

WIB = ZoneInfo("Asia/Jakarta")


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=WIB)


@pytest.fixture
def portal(ref, client, clock, django_capture_on_commit_callbacks):
    """The portal with its agencies and rules, officials of each role, and helpers to drive the API."""
    loaders.agencies_load()
    loaders.routing_rules_load()
    people = {
        "vera": official("vera", Role.VERIFIKATOR),
        "rudi": official("rudi", Role.VERIFIKATOR),
        "anwar": official("anwar", Role.ANALIS),
        "kartika": official("kartika", Role.KOORDINATOR),
    }

    class Portal:
        officials = people

        @staticmethod
        def on(moment: datetime.datetime) -> None:
            clock.move_to(moment)

        @staticmethod
        def report(fields: dict, image) -> str:
            client.logout()
            content = screenshots.jpeg_with_gps(image)
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post(
                    "/api/v1/reports/",
                    {**fields, "consent": "true", "evidence": [upload(content, "a.jpg", "image/jpeg")]},
                )
            assert response.status_code == 201, response.content
            return response.json()["ticket"]

        @staticmethod
        def act(who: str, ticket: str, action: str, **body) -> dict:
            client.force_login(people[who])
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post(
                    f"/api/v1/cases/{ticket}/actions/{action}/", body, content_type="application/json"
                )
            assert response.status_code == 200, response.content
            return response.json()

        @staticmethod
        def case(who: str, ticket: str) -> dict:
            client.force_login(people[who])
            response = client.get(f"/api/v1/cases/{ticket}/")
            assert response.status_code == 200, response.content
            return response.json()

        @staticmethod
        def status(ticket: str) -> dict:
            client.logout()
            return client.get(f"/api/v1/reports/{ticket}/").json()

        @staticmethod
        def review(ticket: str, *, category: str, behaviour: str, severity: str) -> dict:
            """Claim, verify and classify, each by its role; return the case for the koordinator."""
            Portal.act("vera", ticket, "claim")
            Portal.act("vera", ticket, "verify", note="Laporan lengkap.")
            Portal.act("anwar", ticket, "classify", category=category, behaviour=behaviour, severity=severity)
            return Portal.case("kartika", ticket)

    return Portal


def names(agencies: list[dict]) -> list[str]:
    return [agency["name"] for agency in agencies]


def pdf_text(forwarding) -> str:
    with forwarding.dossier.open("rb") as handle:
        return " ".join(
            " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(handle.read())).pages).split()
        )


BANTEN = {
    "reporter_name": "Adityawarman",
    "reporter_email": "adit@example.org",
    "asn_name": "Pengelola akun Instagram Pemprov Banten",
    "asn_agency": "Diskominfo SP Provinsi Banten",
    "asn_region": "36",  # a civil servant of the province: Pemprov Banten
    "platform": "instagram",
    "post_url": "https://www.instagram.com/p/C2ExAmPlE/",
    "incident_date": "2024-01-27",
    "known_date": "2024-01-27",
    "election": "pemilu-2024",
    "behaviours": ["AKUN_INSTANSI"],
    "description": "Akun resmi Pemprov Banten mengunggah potongan video Moeldoko: Presiden punya hak politik.",
}


def test_seed_000_pemprov_banten_goes_to_bawaslu_and_the_bkd_of_banten(portal):
    portal.on(at(2024, 1, 30, 10))  # three days after the post, within the report window
    post = screenshots.post(account="pemprov.banten", headline="Presiden Punya Hak Politik")
    ticket = portal.report(BANTEN, post)
    case = portal.case("kartika", ticket)
    assert (case["asn_region"]["code"], case["is_late"]) == ("36", False)
    # The drawn post shows Facebook's button row: the suggestion says it differs from the report.
    platform = next(s for s in case["suggestions"] if s["kind"] == "platform")
    assert (platform["value"], platform["contradicts_report"], platform["matches_report"]) == ("facebook", True, False)
    portal.on(at(2024, 1, 31, 9))
    case = portal.review(ticket, category="kode_etik", behaviour="AKUN_INSTANSI", severity="pernyataan_terbuka")
    assert "PP 42/2004" in case["legal_basis"]
    assert names(case["suggested_agencies"]) == ["Bawaslu Provinsi Banten", "BKD Provinsi Banten"]
    forwarded = portal.act("kartika", ticket, "forward", agency_ids=[a["id"] for a in case["suggested_agencies"]])
    assert forwarded["status"] == "forwarded"
    assert {f["agency"]["name"] for f in forwarded["forwardings"]} == {"Bawaslu Provinsi Banten", "BKD Provinsi Banten"}
    assert len([m for m in mail.outbox if "/instansi/" in m.body]) == 2
    assert portal.status(ticket)["status"] == "forwarded"


def test_seed_001_a_like_from_december_2023_reported_today_goes_to_bkn_and_names_kasn(portal):
    portal.on(at(2026, 11, 25, 10))  # today
    fields = {
        **BANTEN,
        "asn_name": "Sri Wahyuni",
        "asn_agency": "Dinas Pendidikan Kabupaten Boyolali",
        "asn_region": "33.09",
        "incident_date": "2023-12-04",
        "known_date": "2023-12-04",
        "behaviours": ["MEDSOS_INTERAKSI"],
        "description": "Guru PNS menyukai dan membagikan unggahan kampanye calon presiden pada Desember 2023.",
    }
    ticket = portal.report(fields, screenshots.post(account="sri.wahyuni", headline="Paslon 02 nomor urut dua"))
    case = portal.review(ticket, category="disiplin", behaviour="MEDSOS_INTERAKSI", severity="berat")
    assert case["is_late"]  # reported long after it became known: Bawaslu's window has closed
    assert [a["kind"] for a in case["suggested_agencies"]] == ["bkn", "bkd"]
    bkn = Agency.objects.get(kind="bkn")
    portal.act("kartika", ticket, "forward", agency_ids=[a["id"] for a in case["suggested_agencies"]])
    forwarding = Case.objects.get(ticket=ticket).forwardings.get(agency=bkn)
    assert forwarding.competent_agency == Agency.objects.get(kind="kasn")
    assert "Komisi Aparatur Sipil Negara (KASN)" in pdf_text(forwarding)
    kasn = Agency.objects.get(kind="kasn")  # the dissolved body is refused, naming who took over
    client_error = portal_forward_error(portal, ticket, kasn)
    assert "dilanjutkan Badan Kepegawaian Negara" in client_error


def portal_forward_error(portal, ticket: str, agency) -> str:
    """Forward a fresh case to `agency` and return the refusal's message (another post by another
    civil servant: a copy of the first would join its incident and follow it)."""
    fields = {**BANTEN, "asn_region": "36.73", "incident_date": "2023-12-04", "known_date": "2023-12-04"}
    fields.update(asn_nip="", post_url="https://www.facebook.com/pemprov.banten/posts/1234567890")
    other = portal.report(fields, screenshots.post(account="humas.banten", headline="Rapat", colour=(250, 250, 250)))
    portal.review(other, category="kode_etik", behaviour="MEDSOS_INTERAKSI", severity="pernyataan_tertutup")
    from django.test import Client

    client = Client()
    client.force_login(portal.officials["kartika"])
    response = client.post(
        f"/api/v1/cases/{other}/actions/forward/", {"agency_ids": [agency.pk]}, content_type="application/json"
    )
    return error_of(response, 400)["fields"]["agency_ids"][0]


def test_seed_002_a_jawa_barat_official_cannot_see_a_banten_case(portal, client):
    portal.on(at(2024, 1, 30, 10))
    banten = portal.report(BANTEN, screenshots.post(account="pemprov.banten"))
    bandung = portal.report({**BANTEN, "asn_region": "32.73", "asn_agency": "Dinas Kota Bandung"}, screenshots.post())
    jabar = official("verifikator_jabar", Role.VERIFIKATOR)
    Jurisdiction.objects.create(official=jabar, region_id="32")
    client.force_login(jabar)
    listed = [row["ticket"] for row in client.get("/api/v1/cases/").json()["results"]]
    assert listed == [bandung]
    assert [row["ticket"] for row in client.get("/api/v1/cases/", {"q": "Moeldoko"}).json()["results"]] == [bandung]
    evidence_id = Case.objects.get(ticket=banten).evidence.get().pk
    for path in (
        f"/api/v1/cases/{banten}/",
        f"/api/v1/cases/{banten}/reporter/",
        f"/api/v1/cases/{banten}/evidence/{evidence_id}/original/",
        f"/api/v1/cases/{banten}/evidence/{evidence_id}/thumbnail/",
    ):
        response = client.get(path)
        assert error_of(response, 404)["code"] == "not_found", path
        assert "Pemprov" not in response.content.decode()
    claim = client.post(f"/api/v1/cases/{banten}/actions/claim/", {}, content_type="application/json")
    assert error_of(claim, 404)["code"] == "not_found"
    assert client.get(f"/petugas/kasus/{banten}/").status_code == 404
    assert banten not in client.get("/petugas/").content.decode()
    assert Case.objects.get(ticket=banten).status == "received"  # nothing happened to it
    assert not Case.objects.get(ticket=banten).events.filter(action="identity_viewed").exists()


def test_seed_003_lubuk_linggaus_account_before_the_campaign_is_bawaslus(portal):
    portal.on(at(2024, 9, 9, 10))  # the post of Sunday 8 September, before the campaign, within the stages
    fields = {
        **BANTEN,
        "asn_name": "Admin akun resmi Diskominfo Lubuk Linggau",
        "asn_agency": "Dinas Komunikasi dan Informatika Kota Lubuk Linggau",
        "asn_region": "16.73",
        "platform": "instagram",
        "incident_date": "2024-09-08",
        "known_date": "2024-09-08",
        "election": "pilkada-2024",
        "description": "Akun resmi Diskominfo mensosialisasikan kegiatan bakal calon kepala daerah; lalu dihapus.",
    }
    image = screenshots.post(account="diskominfo.lubuklinggau", headline="Sosialisasi bakal calon wali kota")
    ticket = portal.report(fields, image)
    portal.on(at(2024, 9, 10, 9))
    case = portal.review(ticket, category="disiplin", behaviour="AKUN_INSTANSI", severity="berat")
    assert names(case["suggested_agencies"]) == ["Bawaslu Kota Lubuk Linggau", "BKD Kota Lubuk Linggau"]
    reclassified = portal.act(
        "anwar", ticket, "reclassify", category="etik_dan_disiplin", behaviour="AKUN_INSTANSI", severity="berat"
    )
    assert reclassified["category"] == "etik_dan_disiplin"
    audit = reclassified["timeline"][-1]
    assert audit["action"] == "reclassify" and "disiplin → etik_dan_disiplin" in audit["internal_note"]
    portal.act("kartika", ticket, "forward", agency_ids=[a["id"] for a in case["suggested_agencies"]])
    assert portal.status(ticket)["status"] == "forwarded"


def test_seed_004_ntbs_monitoring_team_records_a_finding_that_is_forwarded(
    portal, client, django_capture_on_commit_callbacks
):
    portal.on(at(2024, 10, 16, 10))
    client.force_login(portal.officials["vera"])
    fields = {
        "asn_name": "Lalu Ahmad Zaini",
        "asn_agency": "Dinas Pendidikan dan Kebudayaan Provinsi NTB",
        "asn_region": "52",
        "platform": "facebook",
        "incident_date": "2024-10-15",
        "known_date": "2024-10-15",
        "election": "pilkada-2024",
        "behaviours": ["MEDSOS_KAMPANYE"],
        "description": "Tim pemantau menemukan guru PNS mengunggah ajakan memilih calon gubernur nomor urut 2.",
    }
    content = screenshots.jpeg_with_gps(screenshots.post(account="lalu.ahmad"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/cases/", {**fields, "evidence": [upload(content, "temuan.jpg", "image/jpeg")]})
    assert response.status_code == 201, response.content
    finding = response.json()
    assert finding["source"] == "temuan"
    assert finding["timeline"][0]["actor"] == "vera"  # the recording official, in the timeline
    ticket = finding["ticket"]
    assert portal.case("vera", ticket)["evidence"][0]["processing"]["ocr"] == "done"  # the same evidence pipeline
    portal.act("rudi", ticket, "claim")  # another verifier reviews the team's finding
    portal.act("rudi", ticket, "verify")
    portal.act("anwar", ticket, "classify", category="disiplin", behaviour="MEDSOS_KAMPANYE", severity="sedang")
    case = portal.case("kartika", ticket)
    assert names(case["suggested_agencies"]) == [
        "Bawaslu Provinsi Nusa Tenggara Barat",
        "BKD Provinsi Nusa Tenggara Barat",
    ]
    forwarded = portal.act("kartika", ticket, "forward", agency_ids=[a["id"] for a in case["suggested_agencies"]])
    assert forwarded["status"] == "forwarded"
    client.force_login(portal.officials["kartika"])
    assert [row["ticket"] for row in client.get("/api/v1/cases/", {"source": "temuan"}).json()["results"]] == [ticket]
    text = pdf_text(Case.objects.get(ticket=ticket).forwardings.first())
    assert "Temuan petugas pemantau" in text
