"""schemathesis over the whole published API on the real stack, anonymous and as each role: no
answer is a server error, and every answer (status, content type, headers, body) is what
`/api/schema/` says. Examples are bounded and derandomized, so a run is the same every time and
takes about a minute.

Path parameters are drawn half from the schema and half from the demo data (`seed_demo`), so
the fuzzing reaches real cases, evidence and dossiers, not only 404s.
"""

import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis import checks

from complaints.models import Case, Evidence, Forwarding
from complaints.permissions import Role
from portal.wsgi import application

EXAMPLES_PER_OPERATION = 25
KNOWN: dict[str, list] = {}  # path parameter → values from the demo data, filled before generation
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]


def with_known(parameters: dict, index: int) -> dict:
    """Return the path parameters with each one the demo data has replaced by a real value."""
    return {
        name: KNOWN[name][index % len(KNOWN[name])] if KNOWN.get(name) else value for name, value in parameters.items()
    }


@pytest.fixture
def demo(transactional_db, settings):
    settings.STAFF_2FA = "optional"  # tokens are made here; the token's own 2FA rule: tests/test_second_factor.py
    call_command("seed_demo", "--password", "fuzz-demo-password-1", verbosity=0)
    KNOWN["ticket"] = list(Case.objects.values_list("ticket", flat=True))
    KNOWN["evidence_id"] = list(Evidence.objects.values_list("pk", flat=True))
    KNOWN["agency_id"] = list(Forwarding.objects.values_list("agency_id", flat=True))
    yield
    KNOWN.clear()


@pytest.fixture
def callers(demo, django_user_model) -> dict[str, dict]:
    """Return the headers of each caller: anonymous, and the demo official of each role."""
    tokens = {role: Token.objects.get_or_create(user=django_user_model.objects.get(username=role))[0] for role in Role}
    # Uncompressed: schemathesis' WSGI transport reads the body as sent, without undoing a
    # Content-Encoding as an HTTP client does (the API compresses JSON for clients that ask).
    plain = {"Accept-Encoding": "identity"}
    return {"anonymous": plain} | {
        role: {**plain, "Authorization": f"Token {token.key}"} for role, token in tokens.items()
    }


def fuzz(operation, callers: dict[str, dict]) -> None:
    """Call `operation` with bounded, derandomized examples as every caller; raise on a failed check."""

    @given(case=operation.as_strategy(), known=st.booleans(), index=st.integers(0, 10_000))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def each_example(case, known, index):
        if known and case.path_parameters:
            case.path_parameters = with_known(case.path_parameters, index)
        for headers in callers.values():
            case.call_and_validate(headers={**(case.headers or {}), **headers}, checks=CHECKS)

    each_example()


def test_every_answer_is_documented_and_none_is_a_server_error(callers):
    # schemathesis' own pytest plugin does not run on pytest 9: the operations are walked here.
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 16  # every path of DESIGN §6 is in the schema
    failures = {}
    for operation in operations:
        try:
            fuzz(operation, callers)
        except Exception as failure:  # every operation's failure is reported together
            failures[operation.label] = failure
    assert not failures, "\n\n".join(f"{label}:\n{failure}" for label, failure in failures.items())
