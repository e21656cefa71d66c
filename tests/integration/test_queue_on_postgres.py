"""The queue with incidents on PostgreSQL: a page is read through the queue's index, and the page
takes as many queries with ten thousand cases, six in ten in incidents, as with two thousand."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import data
from complaints.oversight import snapshot
from complaints.permissions import Role
from complaints.reference import loaders
from complaints.triage import selectors
from complaints.triage.filters import CaseFilters
from tests.factories import official

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def koordinator(client, ref):
    loaders.agencies_load()
    user = official("kartika", Role.KOORDINATOR)
    client.force_login(user)
    return user


def cases_add(count: int, first: int) -> None:
    data.cases_add(count, first_number=first, seed=first + count)  # COPY, six in ten in incidents
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE complaints_case")


def test_a_page_of_the_grouped_queue_reads_the_queue_index(koordinator):
    cases_add(10_000, 0)
    ordered = selectors.case_list_for_user(user=koordinator, filters=CaseFilters())
    query = ordered.values_list("pk", "incident_id")[: selectors.QUEUE_SCAN_CHUNK].query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "case_queue_order" in plan, plan
    assert "Seq Scan on complaints_case" not in plan, plan


def test_the_grouped_queue_takes_the_same_queries_at_two_and_ten_thousand_cases(client, koordinator):
    def page_queries() -> int:
        client.get("/petugas/")  # the counts' snapshot, made once for the data as it stands
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/petugas/").status_code == 200
        return len(queries)

    cases_add(2_000, 0)
    small = page_queries()
    cases_add(8_000, 2_000)
    assert page_queries() == small
    counts = snapshot.queue_counts(user=koordinator, filters=CaseFilters())
    assert counts["incidents"] > 0 and counts["rows"] < sum(counts["by_status"].values())
