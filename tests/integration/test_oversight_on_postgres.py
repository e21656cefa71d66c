"""The dashboard's and the public statistics' figures on PostgreSQL, where the percentiles are
the database's own (percentile_cont) and the provinces are grouped by a substring of the code:
the same cases, the same figures as on SQLite."""

import pytest
import time_machine

from tests.helpers import FROZEN_AT
from tests.oversight.test_public import (  # noqa: F401 (fixtures and tests run here too)
    published,
    test_small_provinces_are_hidden_and_one_could_not_be_worked_out,
)
from tests.oversight.test_stats import (  # noqa: F401
    koordinator,
    pipeline,
    test_each_figure_on_the_dashboard_opens_the_queue_with_the_same_count,
    test_every_count_is_the_cases_own,
    test_the_agencies_that_never_answered_come_first,
    test_the_flow_counts_reports_and_findings_per_day_and_the_time_to_a_first_action,
)


@pytest.fixture
def clock():
    """These figures are computed in this process alone: its clock may be held (the suite's is not)."""
    with time_machine.travel(FROZEN_AT, tick=True) as traveller:
        yield traveller
