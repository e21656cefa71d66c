"""Search, similar screenshots and deep pages on PostgreSQL read through their indexes: what they
find is right, and the plans read a few rows, not every case (issue 14)."""

import pytest
from django.db import connection

from bench import data
from bench.scenarios.search import plan_nodes
from complaints.evidence.similar import evidence_similar, evidence_similar_rows
from complaints.models import Evidence
from complaints.permissions import Role
from complaints.reference import loaders
from complaints.triage import keyset, selectors
from complaints.triage.filters import CaseFilters
from tests.factories import official

pytestmark = pytest.mark.django_db(transaction=True)
CASES = 10_000


@pytest.fixture
def koordinator(ref):
    loaders.agencies_load()
    data.cases_add(CASES, first_number=0, seed=7)  # COPY; ten needles with a rare name, NIP and word
    data.analyze()
    return official("kartika", Role.KOORDINATOR)


def plan(queryset, analyze: bool = False) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {'(ANALYZE, FORMAT TEXT) ' if analyze else ''}{sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def found(koordinator, text: str) -> set[str]:
    cases = selectors.case_list_for_user(user=koordinator, filters=CaseFilters(q=text))
    return set(cases.values_list("ticket", flat=True))


@pytest.mark.parametrize(
    "text",
    [data.NEEDLE["name"], "wirakusuma", data.NEEDLE["nip"], data.NEEDLE["nip"][:10], data.NEEDLE["word"]],
)
def test_a_name_a_nip_or_a_screenshot_word_finds_exactly_its_cases(koordinator, text):
    assert found(koordinator, text) == set(data.NEEDLE_TICKETS)


def test_a_ticket_an_agency_and_a_description_are_found_too(koordinator):
    ticket = data.ticket(1234)
    assert ticket in found(koordinator, ticket.lower().replace("-", ""))
    assert len(found(koordinator, "Dinas Kesehatan")) > 100
    assert found(koordinator, "100% tidak ada") == set()  # % and _ are letters, not wildcards


def test_search_reads_the_trigram_and_text_indexes_not_every_case(koordinator):
    cases = selectors.case_list_for_user(user=koordinator, filters=CaseFilters(q=data.NEEDLE["word"]))
    explained = plan(cases[:25])
    assert "evidence_ocr_vector" in explained, explained
    assert "case_asn_name_trgm" in explained, explained
    assert "Seq Scan on complaints_case" not in explained, explained
    assert "Seq Scan on complaints_evidence" not in explained, explained


def test_the_ocr_vector_follows_the_text_the_worker_writes(koordinator):
    evidence = Evidence.objects.order_by("pk").last()
    Evidence.objects.filter(pk=evidence.pk).update(ocr_text="Relawan gowes bareng bupati petahana")
    assert found(koordinator, "petahana") == {evidence.case.ticket}


def test_similar_screenshots_are_found_reading_under_one_percent_of_the_rows(koordinator):
    needle = Evidence.objects.filter(case__ticket=data.ticket(0)).get()
    similar = evidence_similar(evidence=needle)
    assert {match.evidence.case.ticket for match in similar} == set(data.NEEDLE_TICKETS) - {data.ticket(0)}
    assert all(match.distance <= 2 for match in similar)  # each needle is one bit from the same hash
    sql, params = evidence_similar_rows(evidence=needle).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        nodes = list(plan_nodes(cursor.fetchone()[0][0]["Plan"]))
    assert not [node for node in nodes if node["Node Type"] == "Seq Scan"], nodes
    # Index-only or bitmap scans, as the planner finds cheaper for the table's size: either way
    # the four covering band indexes, and under one percent of the rows.
    bands = [node for node in nodes if node.get("Index Name", "").startswith("evidence_band")]
    assert {node["Index Name"] for node in bands} == {f"evidence_band{band}_cover" for band in range(4)}
    read = sum(node["Actual Rows"] + node.get("Rows Removed by Filter", 0) for node in bands)
    assert 0 < read < CASES / 100


def test_a_deep_page_seeks_the_queue_index(koordinator):
    ordered = selectors.case_list_for_user(user=koordinator, filters=CaseFilters())
    middle = ordered[5000]
    page = keyset.page_after(ordered, after=keyset.Position.of(middle), size=25)
    assert page == list(ordered[5001:5026])
    explained = plan(
        ordered.filter(keyset._later(keyset._AFTER_WITH_DEADLINE, middle.deadline, middle.submitted_at, middle.pk))[:26]
    )
    assert "case_queue_order" in explained and "Index Cond" in explained, explained
    back = keyset.page_before(ordered, before=keyset.Position.of(middle, backwards=True), size=25)
    assert back == list(ordered[4975:5000])
