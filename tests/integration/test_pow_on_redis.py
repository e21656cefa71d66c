"""Proof of work on the real stack: the rate limiter's counts that decide it are read from Redis in
one round trip (`ratelimit.counts`), and say the same as on the database."""

import pytest

from tests.intake.test_pow import (  # noqa: F401 (collected here, run on the real stack)
    test_in_a_surge_an_address_past_half_its_limit_must_prove_work,
    test_in_a_surge_everyone_must_prove_work,
)

pytestmark = pytest.mark.django_db(transaction=True)
