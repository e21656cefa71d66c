"""Search, deep pages and similar screenshots at scale (issue 14): the same ten cases found at
every size (`data.NEEDLE`), by name, NIP and a word of their screenshots; a page of the API's list
deep in the queue; the screenshots like one of them."""

from django.db import connection

from bench import data
from bench.scenarios.oversight import Scenario
from bench.scenarios.pages import Pages

DEEP = 5_000  # the position of the deep page in the queue (the same at every size)


def scenarios() -> dict[str, Scenario]:
    from complaints.evidence.similar import evidence_similar, evidence_similar_rows
    from complaints.models import Evidence
    from complaints.triage import keyset, selectors
    from complaints.triage.filters import CaseFilters

    pages = Pages()
    deep: dict[str, str] = {}

    def finds_needles(content: bytes) -> bool:  # the search found what it looks for, at every size
        return any(ticket.encode() in content for ticket in data.NEEDLE_TICKETS)

    def get(path, *, needles: bool = False):
        return pages.get(path, containing=finds_needles if needles else None)

    warm = pages.warm

    def deep_cursor() -> str:
        if connection.settings_dict["NAME"] not in deep:
            ordered = selectors.case_list_for_user(user=pages.admin(), filters=CaseFilters())
            deep[connection.settings_dict["NAME"]] = keyset.Position.of(ordered[DEEP]).cursor()
        return f"/api/v1/cases/?cursor={deep[connection.settings_dict['NAME']]}"

    def needle() -> Evidence:
        return Evidence.objects.get(case__ticket=data.ticket(0))

    def similar():
        assert len(evidence_similar(evidence=needle())) == data.NEEDLES - 1

    def similar_rows() -> str:
        """Index entries one look-up reads (EXPLAIN ANALYZE), their share, and the rows fetched."""
        sql, params = evidence_similar_rows(evidence=needle()).query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0][0]["Plan"]
            total = cursor.execute("SELECT count(*) FROM complaints_evidence").fetchone()[0]
        scans = [node for node in plan_nodes(plan) if "Index" in node["Node Type"] and "Scan" in node["Node Type"]]
        read = sum(node["Actual Rows"] + node.get("Rows Removed by Filter", 0) for node in scans)
        fetched = sum(node.get("Heap Fetches", 0) for node in scans)
        return f"{read:,} index entries read of {total:,} ({read / total:.2%}), {fetched} heap fetches"

    name, nip, word = data.NEEDLE["name"].split()[-1], data.NEEDLE["nip"], data.NEEDLE["word"]
    return {
        "search_name": Scenario(
            f"`/petugas/?q={name}` (a name)",
            "ratio ≤ 1.2",
            get(f"/petugas/?q={name}", needles=True),
            warm(f"/petugas/?q={name}"),
        ),
        "search_nip": Scenario(
            "`/petugas/?q=<NIP>` (a NIP)",
            "ratio ≤ 1.2",
            get(f"/petugas/?q={nip}", needles=True),
            warm(f"/petugas/?q={nip}"),
        ),
        "search_ocr": Scenario(
            f"`/petugas/?q={word}` (a word of a screenshot)",
            "ratio ≤ 1.2",
            get(f"/petugas/?q={word}", needles=True),
            warm(f"/petugas/?q={word}"),
        ),
        "api_search": Scenario(
            f"`GET /api/v1/cases/?q={name}`",
            "ratio ≤ 1.2",
            get(f"/api/v1/cases/?q={name}", needles=True),
            warm(f"/api/v1/cases/?q={name}"),
        ),
        "api_deep": Scenario(
            f"`GET /api/v1/cases/?cursor=…` (the page after case {DEEP:,} of the queue)",
            "ratio ≤ 1.2",
            get(deep_cursor),
            warm(deep_cursor),
        ),
        "api_deep_offset": Scenario(
            f"`GET /api/v1/cases/?page={DEEP // 25}` (the same depth by offset, kept for old clients)",
            "— (the reference)",
            get(f"/api/v1/cases/?page={DEEP // 25}"),
            warm(f"/api/v1/cases/?page={DEEP // 25}"),
        ),
        "similar": Scenario(
            "similar screenshots of one (`evidence_similar`, one per case)",
            "≤ 20 ms at 1M, rows read < 1%",
            similar,
            detail=similar_rows,
        ),
    }


def plan_nodes(plan: dict):
    """Every node of a JSON plan."""
    yield plan
    for child in plan.get("Plans", []):
        yield from plan_nodes(child)
