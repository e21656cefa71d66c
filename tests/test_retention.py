"""Retention (UU 27/2022): identities and originals are erased on schedule, the SHA-256 kept,
each erasure in the timeline; `purge_expired --dry-run` only says what would go."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from complaints import periodic
from complaints.models import Case, Evidence, Reporter
from complaints.permissions import Role
from complaints.triage import workflow
from tests.factories import CaseFactory, EvidenceFactory, official
from tests.helpers import FROZEN_AT


@pytest.fixture
def ended(ref, clock, evidence_dir):
    """A case rejected at FROZEN_AT with a reporter and a sealed original."""
    case = CaseFactory(status="in_review")
    Reporter.objects.create(case=case, name="Adityawarman", email="adit@example.org")
    evidence = EvidenceFactory(case=case)
    workflow.perform("reject", case=case, by=official("vera", Role.VERIFIKATOR), reason="spam")
    assert Case.objects.get(pk=case.pk).ended_at is not None
    return Case.objects.get(pk=case.pk), Evidence.objects.get(pk=evidence.pk)


def purge(*args) -> str:
    out = StringIO()
    call_command("purge_expired", *args, stdout=out)
    return out.getvalue()


def test_nothing_goes_before_its_time(ended, clock, settings):
    clock.move_to(FROZEN_AT + datetime.timedelta(days=settings.RETENTION_IDENTITY_DAYS - 1))
    assert "0 identitas, 0 berkas asli" in purge()
    assert Reporter.objects.exists()


def test_the_identity_goes_after_its_days_and_the_dry_run_only_says_so(ended, clock, settings):
    case, _evidence = ended
    clock.move_to(FROZEN_AT + datetime.timedelta(days=settings.RETENTION_IDENTITY_DAYS + 1))
    said = purge("--dry-run")
    assert f"Akan dihapus: identitas pelapor {case.ticket}" in said and Reporter.objects.exists()
    assert "Adityawarman" not in said  # the list names cases, never people
    purge()
    assert not Reporter.objects.exists()
    case.refresh_from_db()
    assert case.identity_erased_at is not None
    assert case.events.filter(action="identity_erased", is_public=False).count() == 1
    assert "0 identitas" in purge()  # once


def test_the_original_goes_after_its_days_and_its_sha256_stays(
    client, ended, clock, settings, evidence_dir, django_capture_on_commit_callbacks
):
    case, evidence = ended
    assert any(path.is_file() for path in evidence_dir.rglob("original.png"))
    clock.move_to(FROZEN_AT + datetime.timedelta(days=settings.RETENTION_ORIGINALS_DAYS + 1))
    periodic.run_due()  # the daily job, at its hour, erases too
    clock.move_to(FROZEN_AT.replace(hour=2, minute=1) + datetime.timedelta(days=settings.RETENTION_ORIGINALS_DAYS + 2))
    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the erasure is committed
        assert "purge-expired" in periodic.run_due()
    evidence.refresh_from_db()
    assert evidence.original_erased_at and evidence.sha256 and not evidence.original
    assert not any(path.is_file() for path in evidence_dir.rglob("original.png"))
    event = case.events.get(action="original_erased")
    assert evidence.sha256 in event.internal_note
    client.force_login(official("kartika", Role.KOORDINATOR))
    response = client.get(f"/api/v1/cases/{case.ticket}/evidence/{evidence.pk}/original/")
    assert response.status_code == 404 and evidence.sha256 in response.json()["error"]["message"]


def test_the_form_says_how_long_data_is_kept(client, ref):
    page = client.get("/lapor/").content.decode()
    assert "dihapus 365 hari setelah laporan selesai" in page and "5 tahun" in page
