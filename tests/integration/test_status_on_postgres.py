"""The kept public status on PostgreSQL: its triggers raise the version at every change the page
shows, and its look-up query (one SQL text for both databases) finds only what is current, as on
SQLite."""

import pytest

from tests.intake.test_kept_status import (  # noqa: F401 (collected here, run on the real stack)
    test_a_change_while_the_status_is_built_is_built_again,
    test_a_duplicate_follows_its_primarys_change,
    test_a_forwarding_sent_and_answered_shows_without_a_status_change,
    test_a_stale_copy_saved_never_lowers_the_version,
    test_a_status_change_shows_at_the_next_look_up,
    test_an_event_shows_at_the_next_look_up_however_it_was_written,
    test_each_language_is_kept_apart,
    test_every_change_the_status_shows_raises_the_version,
    test_the_database_keeps_the_version_triggers,
    test_the_page_is_filled_into_a_frame_rendered_once_per_language,
)

pytestmark = pytest.mark.django_db(transaction=True)
