"""Forwarding to agencies: routing, dossiers, delivery, the agency's link, closing the loop."""

import datetime
import io
import re

import pypdf
import pytest
from django.core import mail, signing
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone

from complaints import errors, notifications
from complaints.forwarding import delivery, routing
from complaints.models import Agency, Behaviour, Case, Election, Forwarding, Region
from complaints.permissions import Role
from complaints.reference import loaders
from complaints.triage import actions, workflow
from tests.factories import CaseFactory, official
from tests.helpers import image_bytes, upload

D = datetime.date


@pytest.fixture
def agencies(ref):
    loaders.agencies_load()
    loaders.routing_rules_load()


def classified(category, *, incident, election="pilkada-2024", region="36.73", **extra):
    return CaseFactory(
        status="classified",
        category=category,
        behaviour=Behaviour.objects.get(code="MEDSOS_KAMPANYE"),
        incident_date=incident,
        known_date=incident,
        election=Election.objects.get(slug=election),
        asn_region=Region.objects.get(code=region),
        **extra,
    )


@pytest.mark.parametrize(
    ("category", "incident", "election", "late", "region", "expected"),
    [
        # Bawaslu's window open (the incident within the stages, reported in time): Bawaslu and the BKD.
        ("kode_etik", D(2024, 10, 1), "pilkada-2024", False, "36.73", ["Bawaslu Kota Serang", "BKD Kota Serang"]),
        ("disiplin", D(2024, 10, 1), "pilkada-2024", False, "36.73", ["Bawaslu Kota Serang", "BKD Kota Serang"]),
        (
            "etik_dan_disiplin",
            D(2024, 1, 27),
            "pemilu-2024",
            False,
            "36.73",
            ["Bawaslu Kota Serang", "BKD Kota Serang"],
        ),
        # A civil servant of the province goes to the province's bodies.
        ("kode_etik", D(2024, 1, 27), "pemilu-2024", False, "36", ["Bawaslu Provinsi Banten", "BKD Provinsi Banten"]),
        # Reported late, or outside the stages: BKN (KASN's successor, whatever the incident date) and the BKD.
        ("disiplin", D(2024, 10, 1), "pilkada-2024", True, "36.73", ["BKN", "BKD Kota Serang"]),
        ("kode_etik", D(2024, 8, 22), "pilkada-2024", True, "36.73", ["BKN", "BKD Kota Serang"]),  # KASN's last day
        ("kode_etik", D(2023, 12, 10), "pemilu-2024", True, "36", ["BKN", "BKD Provinsi Banten"]),
        ("kode_etik", D(2024, 1, 10), "pilkada-2024", False, "36.73", ["BKN", "BKD Kota Serang"]),  # before the stages
        ("bukan_pelanggaran", D(2024, 10, 1), "pilkada-2024", False, "36.73", []),
    ],
)
def test_routing_table(agencies, category, incident, election, late, region, expected):
    case = classified(category, incident=incident, election=election, region=region, is_late=late)
    short = {"bkn": "BKN", "kasn": "KASN"}
    assert [short.get(agency.kind, agency.name) for agency in routing.suggest_agencies(case=case)] == expected


def test_a_dissolved_agency_hands_its_cases_to_its_successor_and_the_dossier_says_so(agencies):
    case = classified("kode_etik", incident=D(2023, 12, 10), election="pemilu-2024", is_late=True)
    kasn, bkn = Agency.objects.get(kind="kasn"), Agency.objects.get(kind="bkn")
    assert kasn.succeeded_by == bkn
    destination = routing.resolve(kind="kasn", case=case, scope="national", on=D(2026, 11, 25))
    assert (destination.agency, destination.competent) == (bkn, kasn)
    on_the_day = routing.resolve(kind="kasn", case=case, scope="national", on=D(2024, 1, 5))
    assert (on_the_day.agency, on_the_day.competent) == (kasn, None)  # KASN still existed then


def test_routing_falls_back_to_the_province_then_national(agencies):
    case = classified("disiplin", incident=D(2024, 10, 1))
    Agency.objects.filter(region_id="36.73").delete()
    names = [agency.name for agency in routing.suggest_agencies(case=case)]
    assert names[0] == "Bawaslu Provinsi Banten" and "BKD Provinsi Banten" in names
    Agency.objects.filter(region_id="36").delete()
    names = [agency.name for agency in routing.suggest_agencies(case=case)]
    assert names[0] == "Bawaslu Republik Indonesia"
    assert not any(name.startswith("BKD") for name in names)  # no national BKD: none suggested


def test_seeded_agencies_cover_every_region_with_flagged_placeholders(agencies):
    assert Agency.objects.filter(kind="bawaslu", region__isnull=False).count() == 552
    assert Agency.objects.filter(kind="bkd").count() == 552
    assert not Agency.objects.filter(contact_verified=True).exists()
    assert all(email.endswith("@instansi.example") for email in Agency.objects.values_list("email", flat=True))
    kasn, bkn = Agency.objects.get(kind="kasn"), Agency.objects.get(kind="bkn")
    assert (kasn.valid_until, bkn.valid_from) == (D(2024, 8, 22), D(2024, 8, 23))


def one_page_pdf() -> bytes:
    writer, buffer = pypdf.PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(buffer)
    return buffer.getvalue()


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def forwarded(client, agencies, report_fields, django_capture_on_commit_callbacks):
    """A real report with a screenshot, classified, then forwarded through the API by a koordinator."""

    def make(share_identity=False):
        fields = {
            **report_fields,
            "share_identity": "on" if share_identity else "",
            "incident_date": "2024-10-01",
            "known_date": "2024-10-01",
            "election": "pilkada-2024",
        }
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/lapor/", {**fields, "evidence": [upload(image_bytes("JPEG"), "a.jpg", "image/jpeg")]})
        case = Case.objects.order_by("-pk").first()
        verifikator, koordinator = official(f"v{case.pk}", Role.VERIFIKATOR), official(f"k{case.pk}", Role.KOORDINATOR)
        workflow.perform("claim", case=case, by=verifikator)
        workflow.perform("verify", case=case, by=verifikator)
        workflow.perform(
            "classify",
            case=case,
            by=koordinator,
            category="disiplin",
            behaviour=Behaviour.objects.get(code="MEDSOS_KAMPANYE"),
            severity="berat",
        )
        client.force_login(koordinator)
        suggested = [a.pk for a in routing.suggest_agencies(case=Case.objects.get(pk=case.pk))]
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/api/v1/cases/{case.ticket}/actions/forward/",
                {"agency_ids": suggested, "note": "Diteruskan."},
                content_type="application/json",
            )
        assert response.status_code == 200, response.content
        return Case.objects.get(pk=case.pk), response.json(), koordinator

    return make


def test_forward_sends_each_agency_a_dossier_once_and_redacts_the_reporter(forwarded):
    case, detail, _koordinator = forwarded()
    assert detail["status"] == "forwarded"
    # Reported in 2026 about 2024: Bawaslu's window has closed, so BKN and the BKD.
    assert {f["agency"]["kind"] for f in detail["forwardings"]} == {"bkn", "bkd"}
    assert set(case.forwardings.values_list("delivery", flat=True)) == {"sent"}  # after commit
    assert len(agency_emails()) == 2
    message = next(m for m in mail.outbox if m.to == ["bkn.pusat@instansi.example"])
    [(name, pdf, mime)] = message.attachments
    assert (name, mime) == (f"{case.ticket}.pdf", "application/pdf")
    text = pdf_text(pdf)
    evidence = case.evidence.get()
    assert evidence.sha256 in text.replace("\n", "").replace(" ", "")
    assert "Pelanggaran disiplin (PP 94/2021)" in text
    assert "Berkampanye atau mempromosikan" in text
    for secret in ("Adityawarman", "adit@example.org", "0812"):
        assert secret not in text
    assert "dirahasiakan" in text
    assert "/instansi/" in message.body
    forwarding = case.forwardings.get(agency__kind="bkn")  # BKN answers within 7 days (Agency.response_days)
    assert forwarding.letter_number == f"{forwarding.pk:05d}/PNA/XI/2026"
    for document in (text, message.body):
        assert forwarding.letter_number in document
        assert "paling lambat 2 Desember 2026" in document  # forwarded 25 November 2026


def test_a_consenting_reporter_is_named_to_the_supervisor_only_never_to_the_employer_side(forwarded):
    case, _detail, _k = forwarded(share_identity=True)
    with case.forwardings.get(agency__kind="bkn").dossier.open("rb") as pdf:
        assert "Adityawarman" in pdf_text(pdf.read())
    with case.forwardings.get(agency__kind="bkd").dossier.open("rb") as pdf:
        text = pdf_text(pdf.read())
    for secret in ("Adityawarman", "adit@example.org", "0812"):
        assert secret not in text
    assert "lembaga pengawas" in text


def test_a_retried_send_never_sends_twice_and_a_failure_is_recorded(
    agencies, monkeypatch, django_capture_on_commit_callbacks
):
    case = classified("kode_etik", incident=D(2024, 10, 1))
    agency = Agency.objects.get(kind="bkn")
    koordinator = official("k", Role.KOORDINATOR)
    real_send = EmailMultiAlternatives.send

    def smtp_down(self, *args, **kwargs):
        raise ConnectionError("smtp down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", smtp_down)
    with django_capture_on_commit_callbacks(execute=False):
        workflow.perform("forward", case=case, by=koordinator, agency_ids=[agency.pk])
    forwarding = Forwarding.objects.get()
    with pytest.raises(ConnectionError):
        delivery.dossier_send(forwarding_id=forwarding.pk)
    forwarding.refresh_from_db()
    assert (forwarding.delivery, forwarding.delivery_error) == ("failed", "ConnectionError: smtp down")
    monkeypatch.setattr(EmailMultiAlternatives, "send", real_send)
    assert delivery.dossier_send(forwarding_id=forwarding.pk) is True
    assert delivery.dossier_send(forwarding_id=forwarding.pk) is False  # the task ran again
    assert len(agency_emails()) == 1
    forwarding.refresh_from_db()
    assert forwarding.delivery == "sent" and forwarding.dossier_sha256


def test_a_failed_delivery_can_be_resent_from_the_case_page(
    client, agencies, monkeypatch, django_capture_on_commit_callbacks
):
    case = classified("kode_etik", incident=D(2024, 10, 1))
    koordinator = official("k", Role.KOORDINATOR)
    with django_capture_on_commit_callbacks(execute=False):
        workflow.perform("forward", case=case, by=koordinator, agency_ids=[Agency.objects.get(kind="bkn").pk])
    forwarding = Forwarding.objects.get()
    Forwarding.objects.filter(pk=forwarding.pk).update(delivery="failed", delivery_error="SMTPException: 421")
    client.force_login(koordinator)
    page = client.get(reverse("official-case", args=[case.ticket])).content.decode()
    assert "SMTPException: 421" in page and "Kirim ulang" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("official-forwarding-resend", args=[case.ticket, forwarding.pk]))
    forwarding.refresh_from_db()
    assert forwarding.delivery == "sent" and len(agency_emails()) == 1


def test_the_verifier_may_not_forward(agencies):
    koordinator = official("k", Role.KOORDINATOR)
    case = classified("kode_etik", incident=D(2024, 10, 1), verified_by=koordinator)
    with pytest.raises(errors.NotAllowed):
        workflow.perform("forward", case=case, by=koordinator, agency_ids=[Agency.objects.get(kind="bkn").pk])
    workflow.perform(
        "forward", case=case, by=official("lain", Role.KOORDINATOR), agency_ids=[Agency.objects.get(kind="bkn").pk]
    )


def test_forward_needs_known_agencies(client, agencies):
    case = classified("kode_etik", incident=D(2024, 10, 1))
    client.force_login(official("k", Role.KOORDINATOR))
    url = f"/api/v1/cases/{case.ticket}/actions/forward/"
    for body in ({"agency_ids": []}, {"agency_ids": [999999]}, {}):
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 400
        assert "agency_ids" in response.json()["error"]["fields"]
    assert Case.objects.get(pk=case.pk).status == "classified"


def test_the_forward_form_names_each_agencys_kind_and_region_on_a_44_px_box(client, agencies):
    case = classified("kode_etik", incident=D(2024, 10, 1))
    client.force_login(official("k", Role.KOORDINATOR))
    page = client.get(reverse("official-case", args=[case.ticket])).content.decode()
    start = page.index('id="action-forward"')
    form = page[start : page.index("</form>", start)]
    assert "Bawaslu Republik Indonesia (Bawaslu, nasional)" in form
    assert re.search(r"\(BKD/BKPSDM, Kota Serang\)", form)
    boxes = re.findall(r'<input type="checkbox" name="agency_ids"[^>]*>', form)
    assert boxes and all('class="checkbox-input"' in box for box in boxes)


def agency_emails():
    return [message for message in mail.outbox if "/instansi/" in message.body]


def agency_link(message) -> str:
    return re.search(r"http://[^\s]+/instansi/[^\s/]+/", message.body).group()


def test_the_agency_acknowledges_reports_and_the_koordinator_closes(client, forwarded, settings):
    case, _detail, _koordinator = forwarded()
    close = f"/api/v1/cases/{case.ticket}/actions/close/"
    assert client.post(close, {"note": "Selesai."}, content_type="application/json").status_code == 409
    agency_client = client.__class__()
    for message in agency_emails():
        path = agency_link(message).replace(settings.SITE_URL, "")
        page = agency_client.get(path)
        assert page.status_code == 200 and case.ticket in page.content.decode()
        agency_client.post(path, {"do": "acknowledge"})
        refused = agency_client.post(path, {"do": "outcome", "outcome": "discipline_sanction"})
        assert refused.status_code == 400 and "Pilih tingkat hukuman disiplin" in refused.content.decode()
        letter = upload(one_page_pdf(), "sk.pdf", "application/pdf")
        agency_client.post(
            path,
            {"do": "outcome", "outcome": "discipline_sanction", "discipline_level": "sedang",
             "decision_number": "800/123/BKD/2024", "decision_date": "2024-12-02", "decision_letter": letter},
        )  # fmt: skip
    assert not Forwarding.objects.filter(outcome="").exists()
    assert Case.objects.get(pk=case.pk).deadline is None  # no agency left to wait for
    status_page = client.get(f"/status/{case.ticket}/").content.decode()
    assert "BKD Kota Serang" in status_page and "Hukuman disiplin" in status_page and "800/123/BKD/2024" in status_page
    closed = client.post(
        close, {"note": "Instansi telah menjatuhkan hukuman disiplin."}, content_type="application/json"
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    dossier_api = client.get(f"/api/v1/cases/{case.ticket}/dossier/{Agency.objects.get(kind='bkn').pk}/")
    assert dossier_api["Content-Type"] == "application/pdf"


def test_a_non_pdf_decision_letter_is_refused(client, forwarded, settings):
    _case, _detail, _k = forwarded()
    path = agency_link(agency_emails()[0]).replace(settings.SITE_URL, "")
    response = client.post(
        path,
        {"do": "outcome", "outcome": "other", "decision_letter": upload(image_bytes(), "sk.pdf", "application/pdf")},
    )
    assert response.status_code == 400 and "harus berkas PDF" in response.content.decode()
    assert not Forwarding.objects.exclude(outcome="").exists()


def test_a_tampered_or_expired_link_gets_a_clear_403(client, forwarded, settings, monkeypatch):
    _case, _detail, _k = forwarded()
    path = agency_link(agency_emails()[0]).replace(settings.SITE_URL, "")
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    for bad in (tampered, "/instansi/bukan-token/"):
        response = client.get(bad)
        assert response.status_code == 403 and "Tautan tidak berlaku" in response.content.decode()
    later = datetime.datetime.now().timestamp() + (settings.AGENCY_LINK_DAYS + 1) * 86400
    monkeypatch.setattr(signing.time, "time", lambda: later)
    assert client.get(path).status_code == 403


def test_the_case_page_warns_about_unverified_contacts(client, agencies):
    case = classified("disiplin", incident=D(2024, 10, 1))
    client.force_login(official("k", Role.KOORDINATOR))
    page = client.get(reverse("official-case", args=[case.ticket])).content.decode()
    assert "Teruskan ke instansi" in page
    assert "kontak belum terverifikasi" in page
    suggested = [agency.pk for agency in routing.suggest_agencies(case=case)]
    assert len(suggested) == 2  # Bawaslu and the BKD of Kota Serang: reported within Bawaslu's window
    for pk in suggested:  # the suggested agencies come ticked
        assert re.search(rf'value="{pk}"[^>]*checked', page)


def test_agencies_silent_past_their_response_period_put_the_case_in_the_digest(agencies):
    case = classified("kode_etik", incident=D(2024, 10, 1))
    bkn = Agency.objects.get(kind="bkn")
    assert (bkn.response_days, bkn.response_day_type) == (7, "calendar")  # the SBT flow: the task force 7 days
    outcome = workflow.perform("forward", case=case, by=official("k", Role.KOORDINATOR), agency_ids=[bkn.pk])
    assert outcome.case.deadline == timezone.localdate() + datetime.timedelta(days=7)
    assert outcome.case.forwardings.get().due_on == outcome.case.deadline
    Case.objects.filter(pk=case.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=1))
    official("kartika", Role.KOORDINATOR, email="kartika@dinas.example.go.id")
    mail.outbox.clear()
    assert notifications.overdue_digest_send() == 1
    assert case.ticket in mail.outbox[0].body


def test_agencies_and_rules_are_edited_in_the_admin(admin_client, agencies):
    agency = Agency.objects.get(kind="bkd", region_id="36.73")
    assert admin_client.get(f"/admin/complaints/agency/{agency.pk}/change/").status_code == 200
    assert admin_client.get("/admin/complaints/routingrule/").status_code == 200
    assert "BKD Kota Serang" in admin_client.get("/admin/complaints/agency/", {"q": "Serang"}).content.decode()


def test_the_dossier_is_for_coordinators_and_carries_no_agency_link(client, forwarded):
    case, _detail, koordinator = forwarded(share_identity=True)
    bkn = Agency.objects.get(kind="bkn")
    url = f"/api/v1/cases/{case.ticket}/dossier/{bkn.pk}/"
    client.force_login(official("anwar", Role.ANALIS))
    assert client.get(url).status_code == 403
    client.force_login(koordinator)
    response = client.get(url)
    assert response.status_code == 200
    text = pdf_text(b"".join(response.streaming_content))
    assert "/instansi/" not in text  # the link lets its holder act for the agency: email only
    viewed = case.events.filter(action="identity_viewed", actor=koordinator)
    assert viewed.count() == 1  # the copy names the consenting reporter: recorded as a look


def test_forward_refuses_an_agency_that_no_longer_exists_and_names_its_successor(agencies):
    case = classified("kode_etik", incident=D(2024, 2, 1), election="pemilu-2024")
    with pytest.raises(errors.Invalid) as refused:
        workflow.perform(
            "forward", case=case, by=official("k", Role.KOORDINATOR), agency_ids=[Agency.objects.get(kind="kasn").pk]
        )
    assert "tidak ada lagi" in refused.value.message and "dilanjutkan Badan Kepegawaian Negara" in refused.value.message
    assert Case.objects.get(pk=case.pk).status == "classified"


def test_a_february_2024_case_forwarded_today_goes_to_bkn_and_the_dossier_names_kasn(
    agencies, django_capture_on_commit_callbacks
):
    case = classified("kode_etik", incident=D(2024, 2, 1), election="pemilu-2024", is_late=True)
    bkn = Agency.objects.get(kind="bkn")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform("forward", case=case, by=official("k", Role.KOORDINATOR), agency_ids=[bkn.pk])
    forwarding = case.forwardings.get()
    assert (forwarding.agency, forwarding.competent_agency) == (bkn, Agency.objects.get(kind="kasn"))
    with forwarding.dossier.open("rb") as pdf:
        text = " ".join(pdf_text(pdf.read()).split())
    assert "Pada saat kejadian yang berwenang adalah Komisi Aparatur Sipil Negara (KASN)" in text


def test_huge_ids_are_refused_not_a_server_error(client, agencies):
    case = classified("kode_etik", incident=D(2024, 10, 1))
    client.force_login(official("k", Role.KOORDINATOR))
    assert client.get(f"/api/v1/cases/{case.ticket}/dossier/{10**30}/").status_code == 404
    response = client.post(
        f"/api/v1/cases/{case.ticket}/actions/forward/", {"agency_ids": [10**30]}, content_type="application/json"
    )
    assert response.status_code == 400 and "agency_ids" in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    ("fields", "field", "fragment"),
    [
        ({"outcome": "no_violation", "discipline_level": "berat"}, "discipline_level", "hanya diisi untuk hukuman"),
        ({"outcome": "moral_sanction"}, "decision_number", "nomor keputusan"),
        (
            {"outcome": "discipline_sanction", "discipline_level": "ringan", "decision_number": "1"},
            "decision_date",
            "tanggal",
        ),
    ],
)
def test_an_inconsistent_outcome_is_refused(client, forwarded, settings, fields, field, fragment):
    _case, _detail, _k = forwarded()
    path = agency_link(agency_emails()[0]).replace(settings.SITE_URL, "")
    response = client.post(path, {"do": "outcome", **fields})
    assert response.status_code == 400 and fragment in response.content.decode()
    assert not Forwarding.objects.exclude(outcome="").exists()


def test_a_disguised_letter_is_refused_and_a_real_one_is_downloadable(client, forwarded, settings):
    case, _detail, koordinator = forwarded()
    path = agency_link(agency_emails()[0]).replace(settings.SITE_URL, "")
    outcome = {"do": "outcome", "outcome": "other"}
    disguised = upload(b"%PDF-<html><script>alert(1)</script></html>", "sk.pdf", "application/pdf")
    assert client.post(path, {**outcome, "decision_letter": disguised}).status_code == 400
    client.post(path, {**outcome, "decision_letter": upload(one_page_pdf(), "sk.pdf", "application/pdf")})
    forwarding = Forwarding.objects.exclude(outcome="").get()
    assert client.post(path, {**outcome, "outcome_note": "lagi"}).status_code == 302  # told it is already in
    assert Forwarding.objects.get(pk=forwarding.pk).outcome_note == ""  # a second outcome changed nothing
    client.force_login(koordinator)
    letter = client.get(reverse("official-forwarding-letter", args=[case.ticket, forwarding.pk]))
    assert letter["Content-Disposition"].startswith("attachment")
    assert letter["X-Content-Type-Options"] == "nosniff"
    client.force_login(official("anwar", Role.ANALIS))
    assert client.get(reverse("official-forwarding-letter", args=[case.ticket, forwarding.pk])).status_code == 403


def test_a_koordinator_can_send_a_fresh_link_until_the_agency_reports(
    client, forwarded, settings, django_capture_on_commit_callbacks
):
    case, _detail, koordinator = forwarded()
    forwarding = case.forwardings.get(agency__kind="bkn")
    client.force_login(koordinator)
    before = len(agency_emails())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("official-forwarding-resend", args=[case.ticket, forwarding.pk]))
    assert len(agency_emails()) == before + 1
    Forwarding.objects.filter(pk=forwarding.pk).update(outcome="other")
    page = client.post(reverse("official-forwarding-resend", args=[case.ticket, forwarding.pk]), follow=True)
    assert "tidak perlu dikirim ulang" in page.content.decode()


def test_a_forwarded_case_closes_only_when_every_agency_reported(agencies):
    case = classified("kode_etik", incident=D(2024, 10, 1))
    koordinator, other = official("k", Role.KOORDINATOR), official("k2", Role.KOORDINATOR)
    workflow.perform(
        "forward",
        case=case,
        by=koordinator,
        agency_ids=[Agency.objects.get(kind="bkn").pk, Agency.objects.get(kind="bawaslu", region_id="36.73").pk],
    )
    first, second = case.forwardings.all()
    Forwarding.objects.filter(pk=first.pk).update(outcome="no_violation")
    with pytest.raises(errors.Conflict):
        workflow.perform("close", case=case, by=other, note="Selesai.")
    Forwarding.objects.filter(pk=second.pk).update(outcome="no_violation")
    assert workflow.perform("close", case=case, by=other, note="Selesai.").case.status == "closed"


def test_the_admin_role_manages_agencies_without_being_superuser(client, agencies):
    staff = official("pengelola", Role.ADMIN)
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    agency = Agency.objects.get(kind="bkd", region_id="36.73")
    assert client.get(f"/admin/complaints/agency/{agency.pk}/change/").status_code == 200
    assert client.get("/admin/complaints/routingrule/").status_code == 200
    assert not actions.available_actions(classified("kode_etik", incident=D(2024, 10, 1)), staff)


def test_a_routing_rule_must_list_known_agency_kinds(agencies):
    from django.core.exceptions import ValidationError as ModelValidationError

    from complaints.models import RoutingRule

    for kinds in (5, "bkn", [], ["polisi"]):
        with pytest.raises(ModelValidationError):
            RoutingRule(category="kode_etik", agency_kinds=kinds).clean()
    RoutingRule(category="kode_etik", agency_kinds=["kasn", "bkn"]).clean()


def test_the_reporter_reads_sent_only_once_the_dossier_went_out(client, agencies, django_capture_on_commit_callbacks):
    case = classified("kode_etik", incident=D(2024, 10, 1))
    with django_capture_on_commit_callbacks(execute=False):  # the delivery task has not run yet
        workflow.perform(
            "forward", case=case, by=official("k", Role.KOORDINATOR), agency_ids=[Agency.objects.get(kind="bkn").pk]
        )
    page = client.get(f"/status/{case.ticket}/").content.decode()
    assert "berkas sedang dikirim" in page
    delivery.dossier_send(forwarding_id=case.forwardings.get().pk)
    assert "berkas dikirim" in client.get(f"/status/{case.ticket}/").content.decode()


def test_a_resend_revokes_the_earlier_link(client, forwarded, settings, django_capture_on_commit_callbacks):
    case, _detail, koordinator = forwarded()
    forwarding = case.forwardings.get(agency__kind="bkn")
    old = agency_link(next(m for m in agency_emails() if m.to == [forwarding.agency.email])).replace(
        settings.SITE_URL, ""
    )
    assert client.get(old).status_code == 200
    client.force_login(koordinator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("official-forwarding-resend", args=[case.ticket, forwarding.pk]))
    new = agency_link(agency_emails()[0]).replace(settings.SITE_URL, "")
    assert new != old
    assert client.get(old).status_code == 403  # the earlier link stops working
    assert client.get(new).status_code == 200


def test_an_admin_revokes_a_link(client, forwarded, settings):
    _case, _detail, _k = forwarded()
    link = agency_link(agency_emails()[0]).replace(settings.SITE_URL, "")
    admin = official("admin", Role.ADMIN)
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    forwarding = Forwarding.objects.get(pk=client.get(link).context["forwarding"].pk)
    client.post("/admin/complaints/forwarding/", {"action": "revoke_links", "_selected_action": [forwarding.pk]})
    forwarding.refresh_from_db()
    assert forwarding.link_revoked_at is not None
    assert client.get(link).status_code == 403
