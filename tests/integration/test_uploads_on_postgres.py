"""Screenshots sent ahead, under concurrency on PostgreSQL: a part sent twice at once (a retry
racing its original) is kept once, and two reports naming the same upload at once store one."""

import hashlib

import pytest

from complaints.errors import Conflict
from complaints.intake import services, staging
from complaints.intake.forms import ReportForm
from complaints.models import Case, StagedPart
from tests.helpers import image_bytes, together, upload

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_part_sent_twice_at_once_is_kept_once():
    png = image_bytes(size=(720, 1280))
    opened = staging.upload_create(name="bukti.png", length=len(png), owner="browser")

    def send():
        return staging.upload_append(upload_id=opened.pk, owner="browser", offset=0, data=png[:4096]).offset

    results = together(send, send)
    assert sorted(map(type, results), key=str) == sorted([int, Conflict], key=str), results
    assert StagedPart.objects.count() == 1
    assert staging.upload_get(opened.pk, owner="browser").offset == 4096


def test_two_reports_naming_the_same_upload_at_once_store_one(report_fields):
    png = image_bytes(size=(720, 1280))
    (staged,) = staging.uploads_stage([upload(png, "bukti.png")], owner="browser")
    forms = [ReportForm({**report_fields, "uploads": [str(staged.pk)]}, uploads_owner="browser") for _ in range(2)]
    assert all(form.is_valid() for form in forms), [form.errors for form in forms]

    results = together(*(lambda form=form: services.report_submit(report=form.to_input()) for form in forms))
    assert sorted(type(result).__name__ for result in results) == ["Conflict", "SubmittedReport"], results
    evidence = Case.objects.get().evidence.get()  # one report, its evidence whole
    with evidence.original.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == hashlib.sha256(png).hexdigest()
