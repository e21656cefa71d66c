"""The hash chain on PostgreSQL: a real report's first event, written from what the transaction
holds in hand, verifies against what the database gives back (times, screenshots, order)."""

import pytest

from tests.test_chain import history, test_an_untouched_history_verifies  # noqa: F401 (run here on the real stack)

pytestmark = pytest.mark.django_db(transaction=True)
