"""The kept public status on PostgreSQL and Redis: its fingerprint query (one SQL text for both
databases) notices every change the page shows, as it does on SQLite."""

import pytest

from tests.intake.test_status_cache import (  # noqa: F401 (collected here, run on the real stack)
    test_a_duplicate_follows_its_primarys_change,
    test_a_forwarding_sent_and_answered_shows_without_a_status_change,
    test_a_status_change_shows_at_the_next_look_up,
    test_each_language_is_kept_apart,
    test_the_page_is_filled_into_a_frame_rendered_once_per_language,
)

pytestmark = pytest.mark.django_db(transaction=True)
