"""The officials' queue at scale (issues 13 and 14): the page with each incident one row, the same
page case by case, and the API's list, as a national koordinator opens them."""

from bench.scenarios.oversight import Scenario
from bench.scenarios.pages import Pages


def scenarios() -> dict[str, Scenario]:
    pages = Pages()
    get, warm, log_in = pages.get, pages.warm, pages.log_in

    def counts():
        from complaints.triage import selectors
        from complaints.triage.filters import CaseFilters

        selectors.queue_counts(user=Pages.admin(), filters=CaseFilters())

    return {
        "queue_counts": Scenario(
            "queue counts computed (`selectors.queue_counts`: the snapshot's cost)",
            "off the request after a change",
            counts,
        ),
        "queue_grouped": Scenario(
            "`/petugas/` (each incident one row)", "ratio ≤ 1.2, queries constant", get("/petugas/"), warm("/petugas/")
        ),
        "queue_open": Scenario(
            "`/petugas/?status=received` (the first tab)",
            "ratio ≤ 1.2",
            get("/petugas/?status=received"),
            warm("/petugas/?status=received"),
        ),
        "queue_flat": Scenario(
            "`/petugas/?flat=1` (every case)", "ratio ≤ 1.2", get("/petugas/?flat=1"), warm("/petugas/?flat=1")
        ),
        "api_list": Scenario("`GET /api/v1/cases/`", "ratio ≤ 1.2", get("/api/v1/cases/"), log_in),
        "incidents_api": Scenario("`GET /api/v1/incidents/`", "ratio ≤ 1.2", get("/api/v1/incidents/"), log_in),
    }
