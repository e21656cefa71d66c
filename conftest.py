"""Fixtures shared by every test: a fixed clock, isolated storage and cache, reference data.

Helpers that are not fixtures (images, uploads) live in tests/helpers.py.
"""

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from complaints.reference import loaders
from portal.celery import app as celery_app
from tests.helpers import FROZEN_AT, image_bytes


@pytest.fixture(autouse=True)
def clock(request):
    """Return the test's clock (time_machine), started at FROZEN_AT; `clock.shift(...)` moves it.

    Tests of the real stack and the browser run against other processes' clocks: left alone.
    """
    if request.node.get_closest_marker("stack") or request.node.get_closest_marker("browser"):
        yield None
        return
    with time_machine.travel(FROZEN_AT, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def evidence_dir(settings, tmp_path):
    """Give each test its own private evidence folder, and return it."""
    folder = tmp_path / "evidence"
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder), "base_url": "/no-public-url/"},
        },
    }
    return folder


@pytest.fixture(autouse=True)
def _generous_rates_and_clean_cache(settings):
    """Keep rate limits out of the way unless a test sets its own, in a cache of its own."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.SUBMIT_RATE = settings.LOOKUP_RATE = settings.REPLY_RATE = "10000/min"
    settings.EVIDENCE_IN_BACKGROUND = False  # processed inside the request, as a test expects
    cache.clear()


@pytest.fixture(autouse=True)
def _indonesian():
    """Start each test in the default language; a request may have left another active."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True, scope="session")
def _tasks_raise():
    """In tests an eager task that fails fails the test (in production it must not)."""
    celery_app.conf.task_eager_propagates = True


@pytest.fixture
def ref(db):
    """Load regions, elections, the behaviour catalogue, deadline rules and collective leave, as
    seed_demo does (a transactional test's flush removes what migrate loaded)."""
    loaders.regions_load()
    loaders.elections_load()
    loaders.behaviours_load()
    loaders.deadline_rules_load()
    loaders.collective_leave_load()


@pytest.fixture
def png():
    return image_bytes("PNG")


@pytest.fixture
def report_fields(ref):
    """Return a valid report as form fields (without files)."""
    return {
        "reporter_name": "Adityawarman",
        "reporter_email": "adit@example.org",
        "reporter_phone": "0812 3456 7890",
        "asn_name": "Pengelola akun Instagram Pemprov Banten",
        "asn_nip": "198503152010011002",
        "asn_agency": "Diskominfo SP Provinsi Banten",
        "asn_position": "Kepala Bidang",
        "asn_region": "36.73",
        "platform": "instagram",
        "post_url": "https://www.instagram.com/p/example/",
        "incident_date": "2024-01-27",
        "known_date": "2024-01-28",
        "election": "pemilu-2024",
        "behaviours": ["AKUN_INSTANSI", "MEDSOS_KAMPANYE"],
        "description": "Akun resmi Pemprov Banten mengunggah video bernuansa politik pada masa kampanye.",
        "consent": "true",
    }


@pytest.fixture
def today():
    return timezone.localdate()
