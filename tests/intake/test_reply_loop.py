"""The needs-info loop end to end, and what the reporter may and may not see."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from complaints import tasks
from complaints.models import Case
from complaints.permissions import Role
from complaints.triage import workflow
from tests.factories import official
from tests.helpers import image_bytes, upload


@pytest.fixture
def submitted(client, report_fields, django_capture_on_commit_callbacks):
    """A report sent through the form; return (case, access code)."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/lapor/", {**report_fields, "evidence": [upload(image_bytes())]})
    receipt = client.get(reverse("report-receipt")).content.decode()
    code = receipt.split('id="access-code">')[1].split("<")[0]
    mail.outbox.clear()
    return Case.objects.get(), code


def test_the_question_is_answered_with_the_access_code(client, submitted, django_capture_on_commit_callbacks):
    case, code = submitted
    vera = official("vera.verifikator", Role.VERIFIKATOR, email="vera@dinas.example.go.id")
    workflow.perform("claim", case=case, by=vera, internal_note="prioritas")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(
            "request_info", case=case, by=vera, note="Kapan unggahan ini Anda lihat?", internal_note="cek arsip"
        )
    # The reporter is told by email, with the reply link and without the code.
    [question_email] = mail.outbox
    assert f"/status/{case.ticket}/balas/" in question_email.body
    assert code not in question_email.body

    status_page = client.get(reverse("status-detail", args=[case.ticket])).content.decode()
    assert "Kapan unggahan ini Anda lihat?" in status_page
    assert "Jawab pertanyaan" in status_page
    form = client.get(reverse("status-reply", args=[case.ticket])).content.decode()
    assert "Kapan unggahan ini Anda lihat?" in form

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answered = client.post(
            reverse("status-reply", args=[case.ticket]),
            {
                "access_code": code.lower(),
                "text": "Saya melihatnya 27 Januari pagi.",
                "evidence": [upload(image_bytes())],
            },
            follow=True,
        )
    assert "Jawaban Anda sudah diterima" in answered.content.decode()
    case = Case.objects.get(pk=case.pk)
    assert case.status == "in_review"
    assert case.evidence.count() == 2
    assert [e.processing()["ocr"] for e in case.evidence.order_by("position")] == ["done", "done"]  # the reply's too
    reply = case.events.get(action="reply")
    assert (reply.actor, reply.internal_note) == (None, "Saya melihatnya 27 Januari pagi.")
    # The official who handles the case is told, without the answer itself.
    [notice] = mail.outbox
    assert notice.to == ["vera@dinas.example.go.id"]
    assert f"/petugas/kasus/{case.ticket}/" in notice.body
    assert "27 Januari" not in notice.body

    # The reporter never sees internal notes, the answer text, or officials' names.
    public = client.get(reverse("status-detail", args=[case.ticket])).content.decode()
    api = client.get(f"/api/v1/reports/{case.ticket}/").content.decode()
    for page in (public, api):
        for private in ("prioritas", "cek arsip", "27 Januari", "vera.verifikator", "Vera"):
            assert private not in page
        assert "Pelapor mengirim keterangan tambahan" in page


@pytest.mark.parametrize("ticket_kind", ["wrong_code", "unknown_ticket"])
def test_a_wrong_code_and_an_unknown_ticket_get_the_same_answer(client, submitted, ticket_kind):
    case, _code = submitted
    vera = official("v", Role.VERIFIKATOR)
    workflow.perform("claim", case=case, by=vera)
    workflow.perform("request_info", case=case, by=vera, note="Kapan?")
    ticket = case.ticket if ticket_kind == "wrong_code" else "NTR-0000-0000"
    response = client.post(
        reverse("status-reply", args=[ticket]), {"access_code": "AAAAA-AAAAA", "text": "Ini jawaban saya."}
    )
    assert response.status_code == 403
    assert "Nomor tiket atau kode akses salah." in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == "needs_info"


def test_a_right_code_without_a_question_is_told_so(client, submitted):
    case, code = submitted
    response = client.post(reverse("status-reply", args=[case.ticket]), {"access_code": code, "text": "Halo petugas"})
    assert response.status_code == 409
    assert "tidak menunggu keterangan" in response.content.decode()


def test_repeated_wrong_codes_are_throttled(client, submitted, settings):
    case, _code = submitted
    settings.REPLY_RATE = "3/min"
    url = reverse("status-reply", args=[case.ticket])
    for _attempt in range(3):
        assert client.post(url, {"access_code": "AAAAA-AAAAA", "text": "tebak-tebakan"}).status_code != 429
    blocked = client.post(url, {"access_code": "AAAAA-AAAAA", "text": "tebak-tebakan"})
    assert blocked.status_code == 429
    assert "Retry-After" in blocked


def test_an_unanswered_question_expires_to_rejected(ref, client, submitted):
    case, _code = submitted
    vera = official("v", Role.VERIFIKATOR)
    workflow.perform("claim", case=case, by=vera)
    workflow.perform("request_info", case=case, by=vera, note="Kapan?")
    assert tasks.expire_unanswered_requests.delay().get() == 0  # not yet due
    Case.objects.filter(pk=case.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=1))
    assert tasks.expire_unanswered_requests.delay().get() == 1
    case = Case.objects.get(pk=case.pk)
    assert (case.status, case.rejection_reason) == ("rejected", "no_response")
    page = client.get(reverse("status-detail", args=[case.ticket])).content.decode()
    assert "Batas waktu menjawab terlewati" in page


def test_koordinators_get_a_daily_digest_of_overdue_cases_once(ref, submitted):
    case, _code = submitted
    Case.objects.filter(pk=case.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=2))
    official("kartika", Role.KOORDINATOR, email="kartika@dinas.example.go.id")
    official("tanpa.email", Role.KOORDINATOR)
    official("vera", Role.VERIFIKATOR, email="vera@dinas.example.go.id")
    assert tasks.send_overdue_digest.delay().get() == 1
    assert tasks.send_overdue_digest.delay().get() == 0  # once a day
    [digest] = mail.outbox
    assert digest.to == ["kartika@dinas.example.go.id"]
    assert case.ticket in digest.body
    assert "Kasus melewati batas waktu: 1" in digest.subject
