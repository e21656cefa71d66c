"""FIELD_ENCRYPTION_KEY can be rotated without losing a single reporter identity."""

from io import StringIO

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command
from django.db import connection

from complaints.models import Reporter
from tests.factories import CaseFactory

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def raw_name(reporter) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM complaints_reporter WHERE id = %s", [reporter.pk])
        return cursor.fetchone()[0]


def test_rotation_re_encrypts_with_the_new_key_and_the_old_key_can_go(ref, settings):
    settings.FIELD_ENCRYPTION_KEY = [OLD]
    reporter = Reporter.objects.create(case=CaseFactory(), name="Adityawarman", email="adit@example.org")
    assert Fernet(OLD.encode()).decrypt(raw_name(reporter).encode()) == b"Adityawarman"

    settings.FIELD_ENCRYPTION_KEY = [NEW, OLD]  # step 1: the new key first, the old one still listed
    assert Reporter.objects.get().name == "Adityawarman"
    out = StringIO()
    call_command("rotate_identity_key", stdout=out)
    assert "1 identitas" in out.getvalue()
    assert Fernet(NEW.encode()).decrypt(raw_name(reporter).encode()) == b"Adityawarman"
    with pytest.raises(InvalidToken):
        assert Fernet(OLD.encode()).decrypt(raw_name(reporter).encode()) == b"Adityawarman"

    settings.FIELD_ENCRYPTION_KEY = [NEW]  # step 2: the old key removed
    assert (Reporter.objects.get().name, Reporter.objects.get().email) == ("Adityawarman", "adit@example.org")
