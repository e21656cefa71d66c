"""The status look-up served (issue 14): the public page `/status/<ticket>/` and the API
`GET /api/v1/reports/<ticket>/`, each ÷ a one-query floor view through the same middleware
(bench/urls.py), at the smallest and the largest size.

gunicorn with two sync workers on the size's database, wrk with eight connections. Each request asks
for another existing ticket (a random sample of the size's, each wrk thread walking its own part)
and the cache is emptied before each run: citizens each look up their own report, so a cache of
looked-up statuses must not stand in for the page. What stands in is what the product keeps: each
case's status built by the worker when the report arrived and after each change of status
(complaints/intake/status_pages.py). The bench's cases come from COPY, so it builds the statuses
of the sampled tickets first, as the worker would have (untimed, printed).
The three targets take turns, the order rotating each round, so drift falls on all of them alike.
Each figure is the median of its rounds.
"""

import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from bench import serve
from bench.serve import Figure, Load, Run

TARGETS = {  # name: (path before the ticket, what the table calls it)
    "floor": ("/bench/floor/", "floor view (one query)"),
    "page": ("/status/", "status page `/status/<ticket>/`, each ticket once"),
    "api": ("/api/v1/reports/", "status API `GET /api/v1/reports/<ticket>/`, each ticket once"),
    # The same tickets again and again: a reporter reloading, a link shared (their rows stay in
    # PostgreSQL's memory).
    "page_again": ("/status/", "status page, the same 500 tickets again"),
    "api_again": ("/api/v1/reports/", "status API, the same 500 tickets again"),
}
AGAIN_TICKETS = 500
LOAD_SECONDS = 8  # per target and round
WARM_SECONDS = 2  # per target, untimed: imports, templates, connections
SAMPLE_TICKETS = 40_000  # existing tickets the requests walk through: more than a run asks for
GOAL = "≥ 0.8"
MEMORY_GOAL = "toward helpdesk's 73 MB"  # issue 14's peer, measured the same way


def served(run: Run) -> list[Figure]:
    sizes = sorted({min(run.sizes), max(run.sizes)})
    figures = []
    for size in sizes:
        print(f"  look-up at {size:,} cases", flush=True)
        figures += _at_size(run, size)
    return figures


def _at_size(run: Run, size: int) -> list[Figure]:
    run.databases.use(size)  # an empty cache too: the sizes share one Redis
    tickets = _tickets_file(size)
    _statuses_build(tickets.read_text().split())
    again = serve.LOGS / f"tickets-{size}-again.txt"
    again.write_text("".join(f"{ticket}\n" for ticket in tickets.read_text().split()[:AGAIN_TICKETS]))
    queries = _queries(tickets.read_text().split()[:2])
    queries.update(page_again=queries["page"], api_again=queries["api"])
    loads: dict[str, list[Load]] = {name: [] for name in TARGETS}
    with serve.served(run.databases.name(size), label=f"lookup-{size}") as server:
        for prefix, _title in TARGETS.values():
            serve.wrk(server, prefix, tickets, seconds=WARM_SECONDS)
        for round_number in range(run.rounds):
            names = list(TARGETS)
            for name in names[round_number % len(names) :] + names[: round_number % len(names)]:
                cache.clear()
                walked = again if name.endswith("_again") else tickets
                if name.endswith("_again"):  # untimed: each of the tickets looked up once already
                    serve.wrk(server, TARGETS[name][0], walked, seconds=WARM_SECONDS)
                loads[name].append(serve.wrk(server, TARGETS[name][0], walked, seconds=LOAD_SECONDS))
        memory = serve.peak_memory_mb(server.workers())
    return _figures(size, loads, queries, memory)


def _tickets_file(size: int) -> Path:
    """Write a random sample of the size's tickets, one a line, for wrk's script."""
    from complaints.models import Case

    tickets = Case.objects.order_by("?").values_list("ticket", flat=True)[:SAMPLE_TICKETS]
    path = serve.LOGS / f"tickets-{size}.txt"
    path.write_text("".join(f"{ticket}\n" for ticket in tickets))
    return path


def _statuses_build(tickets: list[str]) -> None:
    """Build the sampled cases' statuses, as the worker does when a case changes."""
    from complaints.intake import status_pages

    started = time.perf_counter()
    for ticket in tickets:
        status_pages.build(ticket=ticket, language=settings.LANGUAGE_CODE)
    took = time.perf_counter() - started
    print(f"    {len(tickets):,} statuses built in {took:.0f} s ({took * 1000 / len(tickets):.1f} ms each)", flush=True)


def _queries(tickets: list[str]) -> dict[str, tuple[int, int]]:
    """Count the SQL queries of a request to each target, here in this process (the served figures
    cannot see them): of a ticket asked for the first time, and of the same again. Another ticket is
    asked before, uncounted, so that the process is warm."""
    from django.test import Client
    from django.test.utils import override_settings

    warm, counted = tickets[:2]
    client, counts = Client(), {}
    with override_settings(ROOT_URLCONF="bench.urls", LOOKUP_RATE=serve.RATES["LOOKUP_RATE"]):
        for name, (prefix, _title) in TARGETS.items():
            cache.clear()
            _counted(client, f"{prefix}{warm}/")
            counts[name] = (_counted(client, f"{prefix}{counted}/"), _counted(client, f"{prefix}{counted}/"))
    return counts


def _counted(client, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    return len(captured)


def _median(loads: list[Load], attribute: str) -> float:
    return statistics.median(getattr(load, attribute) for load in loads)


def _describe(loads: list[Load], queries: tuple[int, int]) -> str:
    first, again = queries
    text = (
        f"{_median(loads, 'per_second'):,.0f} req/s, {first} q (again: {again}); "
        f"CPU/req {_median(loads, 'cpu_ms_per_request'):.1f} ms + PostgreSQL "
        f"{_median(loads, 'database_ms_per_request'):.1f} ms"
    )
    refused, broken = _errors(loads)
    if refused or broken:
        text += f" ({refused} non-2xx, {broken} socket errors)"
    return text


def _errors(loads: list[Load]) -> tuple[int, int]:
    return sum(load.status_errors for load in loads), sum(load.socket_errors for load in loads)


def _figures(size: int, loads: dict[str, list[Load]], queries: dict[str, tuple], memory: float) -> list[Figure]:
    floor = loads["floor"]
    figures = []
    for name in ("page", "api", "page_again", "api_again"):
        ratio = _median(loads[name], "per_second") / _median(floor, "per_second")
        figures.append(
            Figure(
                figure=f"{TARGETS[name][1]} ÷ floor, {size:,} cases",
                value=_describe(loads[name], queries[name]),
                reference=_describe(floor, queries["floor"]),
                ratio=ratio,
                goal=GOAL,
                failed=bool(_errors(loads[name])[0] or _errors(floor)[0]),  # a rate of refusals is no figure
                detail={
                    "size": size,
                    "queries": queries,
                    "loads": [vars(load) for load in loads[name]],
                    "floor": [vars(f) for f in floor],
                },
            )
        )
    figures.append(
        Figure(
            figure=f"gunicorn worker peak memory (VmHWM) after look-ups, {size:,} cases",
            value=f"{memory:.0f} MB",
            goal=MEMORY_GOAL,
            detail={"size": size, "mb": memory},
        )
    )
    return figures
