"""The abuse suite on the real stack (PostgreSQL, Redis, S3), at the default limits: a burst of
submissions, guessed access codes, password guessing, an admin reaching for superuser, and the
security headers on every page. Each burst runs from 8 threads, each with its own connection."""

import base64
import json
from concurrent.futures import ThreadPoolExecutor

import altcha
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from complaints.intake import pow
from complaints.models import Case, CaseEvent, Evidence, Reporter
from complaints.permissions import Role
from portal import settings as defaults
from tests.factories import CaseFactory, official
from tests.helpers import image_bytes, upload

pytestmark = pytest.mark.django_db(transaction=True)
THREADS = 8
ADDRESS = "203.0.113.7"
PASSWORD = "sandi-rahasia-yang-panjang-1"


def burst(attempt, count: int) -> list:
    """Run `attempt(number)` `count` times from THREADS threads; return the results in order."""

    def each(number):
        try:
            return attempt(number)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return list(pool.map(each, range(count)))


@pytest.fixture
def default_limits(settings):
    """The limits a deployment gets when it sets none (the suite's fixture loosens them)."""
    settings.SUBMIT_RATE, settings.LOOKUP_RATE = defaults.SUBMIT_RATE, defaults.LOOKUP_RATE
    settings.REPLY_RATE, settings.POW = defaults.REPLY_RATE, defaults.POW
    settings.LOGIN_FAILURE_LIMIT = settings.AXES_FAILURE_LIMIT = defaults.LOGIN_FAILURE_LIMIT


def solution() -> str:
    """Solve a fresh challenge as the form's worker does; return the `altcha` field."""
    made = pow.challenge()
    number = altcha.solve_challenge_v1(made["challenge"], made["salt"], "SHA-256", made["maxnumber"]).number
    payload = {key: made[key] for key in ("algorithm", "challenge", "salt", "signature")} | {"number": number}
    return base64.b64encode(json.dumps(payload).encode()).decode()


def test_a_burst_of_300_submissions_gets_exactly_the_limit_and_stores_nothing_else(
    default_limits, settings, report_fields, bucket
):
    limit = int(defaults.SUBMIT_RATE.split("/")[0])
    settings.POW_MAX_NUMBER = 2_000  # past half the limit a solution is asked; a small one keeps the test quick
    solutions = [solution() for _ in range(300)]

    def submit(number):
        fields = {**report_fields, "evidence": [upload(image_bytes())], "altcha": solutions[number]}
        if number % 2:
            return Client().post("/lapor/", fields, REMOTE_ADDR=ADDRESS).status_code
        return Client().post("/api/v1/reports/", fields, REMOTE_ADDR=ADDRESS).status_code

    statuses = burst(submit, 300)
    accepted = [status for status in statuses if status in (201, 302)]
    assert len(accepted) == limit, sorted(set(statuses))
    assert statuses.count(429) == 300 - limit
    assert Case.objects.count() == Reporter.objects.count() == Evidence.objects.count() == limit
    assert len(bucket()) == limit  # one sealed original per accepted report, nothing else
    assert CaseEvent.objects.filter(action="submit").count() == limit


@pytest.mark.parametrize("backend", ["redis", "database"])
def test_forty_concurrent_access_code_guesses_get_the_reply_limit_then_429(default_limits, settings, ref, backend):
    if backend == "database":  # the embedded default's limiter, on PostgreSQL's row locks
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    limit = int(defaults.REPLY_RATE.split("/")[0])
    case = CaseFactory(status="needs_info")

    def guess(number):
        body = {"access_code": f"WRONG-{number:05d}", "text": "Ini tambahan keterangan saya."}
        if number % 2:
            return Client().post(f"/status/{case.ticket}/balas/", body, REMOTE_ADDR=ADDRESS).status_code
        return Client().post(f"/api/v1/reports/{case.ticket}/replies/", body, REMOTE_ADDR=ADDRESS).status_code

    statuses = burst(guess, 40)
    assert statuses.count(429) == 40 - limit, statuses
    assert all(status in (400, 403, 404) for status in statuses if status != 429), statuses
    assert not CaseEvent.objects.filter(case=case, action="reply").exists()


@pytest.mark.parametrize(
    ("path", "kind"), [("/petugas/masuk/", "form"), ("/admin/login/", "form"), ("/api/v1/auth/token/", "json")]
)
def test_guessing_passwords_from_8_threads_locks_the_account_even_for_the_right_password(
    default_limits, ref, path, kind
):
    vera = official("vera", Role.VERIFIKATOR, password=PASSWORD)
    get_user_model().objects.filter(pk=vera.pk).update(is_staff=True)

    def login(password: str, address: str = ADDRESS):
        data = {"username": "vera", "password": password}
        if kind == "json":
            return Client(REMOTE_ADDR=address).post(path, data, content_type="application/json")
        return Client(REMOTE_ADDR=address).post(path, data)

    statuses = burst(lambda number: login(f"tebakan-{number}").status_code, 30)
    assert 429 in statuses and all(status in (200, 400, 401, 429) for status in statuses), statuses
    assert login(PASSWORD).status_code == 429  # the right password, too late
    assert login(PASSWORD, address="198.51.100.9").status_code == 429  # locked per username, from anywhere


def test_the_admin_role_cannot_reach_for_superuser_on_postgres(client, ref):
    call_command("seed_demo", "--password", "demo-password-panjang-1", "--reference-only", verbosity=0)
    admin = get_user_model().objects.get(username="admin")
    client.force_login(admin)
    url = f"/admin/auth/user/{admin.pk}/change/"
    assert 'name="is_superuser"' not in client.get(url).content.decode()
    form = {"username": "admin", "is_active": "on", "is_staff": "on", "is_superuser": "on"}
    form |= {f"jurisdictions-{name}": value for name, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))}
    client.post(url, form)
    admin.refresh_from_db()
    assert not admin.is_superuser and list(admin.groups.values_list("name", flat=True)) == [Role.ADMIN]
    case = CaseFactory()
    assert client.get(f"/api/v1/cases/{case.ticket}/reporter/").status_code == 403


def pages(resolver=None, prefix: str = "") -> list[str]:
    """Return every page address the portal routes, with demo values for its parameters."""
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            found += pages(entry, route)
        elif isinstance(entry, URLPattern):
            found.append(route.lstrip("^").rstrip("$").replace("\\Z", ""))
    return found


def test_every_page_sends_the_content_security_policy_and_permissions_policy(client, ref):
    call_command("seed_demo", "--password", "demo-password-panjang-1", verbosity=0)
    case = Case.objects.filter(evidence__isnull=False, forwardings__isnull=False).first()
    values = {
        "<str:ticket>": case.ticket,
        "<ticket:ticket>": case.ticket,
        "<id:evidence_id>": str(case.evidence.first().pk),
        "<id:forwarding_id>": str(case.forwardings.first().pk),
        "<str:variant>": "thumbnail",
    }
    client.force_login(get_user_model().objects.get(username="koordinator"))
    checked = []
    for route in pages():
        path = "/" + route
        for name, value in values.items():
            path = path.replace(name, value)
        if "<" in path or "(?P" in path or "^" in path:
            continue  # the admin's object pages and the static files: reached from the pages checked
        response = client.get(path)
        if response.status_code >= 300 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        policy = response["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy and "'unsafe-inline'" not in policy, path
        assert "camera=()" in response["Permissions-Policy"], path
        checked.append(path)
    assert len(checked) >= 12, checked
