"""The benchmark suite (`make bench`): each figure a ratio measured side by side in one run.

    python tools/stack.py run -- python bench/run.py [--sizes 10000,100000,1000000] [--rounds 5]
        [--scenarios oversight,queue,search,lookup,submission,burst] [--intake-reports 200]

Runs on the stack's PostgreSQL, Redis and S3 server (tools/stack.py starts them). A database is
built per size (COPY, bench/data.py). In-process scenarios (a module with `scenarios()`) run
against every size in turn, round after round, the order rotating, so that drift on a noisy
machine falls on all sizes alike; each figure is the median of its rounds, and the ratio of the
largest size to the smallest is the one the goals name. Served scenarios (a module with
`served(run)`: bench/serve.py) then measure the portal behind gunicorn, each figure beside its
own reference. Results: var/bench/results.md and results.json, with the machine, the versions and
the load.
"""

import argparse
import importlib
import json
import os
import platform
import signal
import statistics
import sys
import time
import traceback
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
RESULTS = ROOT / "var" / "bench"


def setup() -> None:
    if "DATABASE_URL" not in os.environ or not os.environ["DATABASE_URL"].startswith("postgres"):
        sys.exit("make bench runs on PostgreSQL: python tools/stack.py run -- python bench/run.py")
    from cryptography.fernet import Fernet

    production = {  # the production settings (DEBUG off), on plain HTTP on loopback
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-" + "x" * 40,
        "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "SITE_URL": "http://127.0.0.1",
        "ALLOWED_HOSTS": "testserver,127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "ENV_FILE": "/dev/null",
        "STAFF_2FA": "optional",  # the pages are measured, not the second factor
    }
    for name, value in production.items():
        os.environ.setdefault(name, value)
    django.setup()


def machine() -> dict:
    from django.db import connection

    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "")
    memory = next(line.split()[1] for line in meminfo if line.startswith("MemTotal"))
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(int(memory) / 2**20, 1),
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": postgres,
        "load_average": os.getloadavg(),
    }


class Databases:
    """A database per size, copied from a template; switching closes Django's connection."""

    def __init__(self):
        from django.db import connection

        self.connection = connection
        self.base = connection.settings_dict["NAME"]

    def name(self, size: int) -> str:
        return f"{self.base}_bench_{size}"

    def build(self, sizes: list[int]) -> None:
        from bench import data

        made = 0
        for size in sorted(sizes):
            started = time.monotonic()
            data.cases_add(size - made, first_number=made, seed=size)
            data.analyze()
            made = size
            self._copy_to(self.name(size))
            print(f"  {size:>9,} cases in {time.monotonic() - started:.0f} s", flush=True)

    def _copy_to(self, name: str) -> None:
        self.connection.close()
        with self._maintenance() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.base}"')

    def _maintenance(self):
        import psycopg

        settings = self.connection.settings_dict
        return psycopg.connect(
            host=settings["HOST"], port=settings["PORT"], user=settings["USER"], dbname="postgres", autocommit=True
        ).cursor()

    def use(self, size: int) -> None:
        """Switch to a size's database, with an empty cache: the sizes share one Redis, and a
        snapshot kept for one size must not stand for another."""
        self._switch(self.name(size))

    def use_base(self) -> None:
        """Switch to the database the sizes were copied from (it holds the largest size's cases):
        what is written there changes no size's figures."""
        self._switch(self.base)

    def _switch(self, name: str) -> None:
        from django.core.cache import cache

        self.connection.close()
        self.connection.settings_dict["NAME"] = name
        cache.clear()


def measure(scenarios: dict, sizes: list[int], rounds: int, databases: Databases) -> dict:
    """Run each scenario on each size, `rounds` times, the size order rotating each round."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings: dict = {name: {size: [] for size in sizes} for name in scenarios}
    queries: dict = {name: {} for name in scenarios}
    for round_number in range(rounds):
        order = sizes[round_number % len(sizes) :] + sizes[: round_number % len(sizes)]
        for size in order:
            databases.use(size)
            for name, scenario in scenarios.items():
                scenario.prepare()
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    scenario.run()
                    timings[name][size].append(time.perf_counter() - started)
                queries[name][size] = len(captured)
        print(f"  round {round_number + 1} of {rounds}", flush=True)
    details: dict = {name: {} for name in scenarios}
    for size in sizes:  # what a scenario reports besides its time (rows read, say), once per size
        databases.use(size)
        for name, scenario in scenarios.items():
            if scenario.detail:
                details[name][size] = scenario.detail()
    return {
        name: {
            size: {
                "seconds": statistics.median(timings[name][size]),
                "queries": queries[name][size],
                "detail": details[name].get(size),
            }
            for size in sizes
        }
        for name in scenarios
    }


def header(info: dict) -> list[str]:
    return [
        "# Benchmarks",
        "",
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory_gib']} GiB; Python {info['python']}, "
        f"Django {info['django']}, PostgreSQL {info['postgresql']}; load average at the start "
        f"{', '.join(f'{value:.2f}' for value in info['load_average'])}.",
    ]


def report(results: dict, scenarios: dict, sizes: list[int]) -> list[str]:
    smallest, largest = min(sizes), max(sizes)
    lines = [
        "",
        "## In process, by size",
        "",
        "| figure | "
        + " | ".join(f"{size:,} cases" for size in sizes)
        + f" | ratio {largest:,} ÷ {smallest:,} | goal |",
        "|---|" + "---|" * len(sizes) + "---|---|",
    ]
    for name, scenario in scenarios.items():
        cells = [
            f"{results[name][size]['seconds'] * 1000:.0f} ms, {results[name][size]['queries']} q"
            + (f"; {results[name][size]['detail']}" if results[name][size]["detail"] else "")
            for size in sizes
        ]
        ratio = results[name][largest]["seconds"] / results[name][smallest]["seconds"]
        results[name]["ratio"] = ratio
        lines.append(f"| {scenario.title} | {' | '.join(cells)} | {ratio:.2f} | {scenario.goal} |")
    return lines


def served_report(figures: list) -> list[str]:
    """Return the served figures' table: each figure beside the reference measured with it."""
    lines = [
        "",
        "## Served (gunicorn, 2 sync workers; each figure beside its reference, measured in turn)",
        "",
        "| figure | value | reference | ratio | goal |",
        "|---|---|---|---|---|",
    ]
    for figure in figures:
        ratio = "—" if figure.ratio is None else f"{figure.ratio:.2f}"
        lines.append(f"| {figure.figure} | {figure.value} | {figure.reference} | {ratio} | {figure.goal} |")
    return lines


def served(modules: dict, run) -> tuple[list, bool]:
    """Run each served module in turn; a failing one is a row of the table, and the run fails."""
    from bench.serve import LOGS, Figure

    LOGS.mkdir(parents=True, exist_ok=True)
    figures, failed = [], False
    for name, module in modules.items():
        try:
            figures += module.served(run)
        except Exception as error:  # the other modules' figures are still worth having
            traceback.print_exc()
            figures.append(Figure(name, f"failed: {type(error).__name__}: {error}", failed=True))
            failed = True
    return figures, failed or any(figure.failed for figure in figures)


def _stopped(signum, frame):
    sys.exit(128 + signum)  # unwinds, so the servers the bench started are stopped


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="numbers of cases, comma-separated")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--scenarios",
        default="oversight,queue,search,lookup,submission,burst",
        help="modules of bench/scenarios, comma-separated; lookup runs at the smallest and the largest size",
    )
    parser.add_argument(
        "--intake-reports", type=int, default=200, help="reports sent at once by the submission scenario"
    )
    arguments = parser.parse_args()
    sizes = sorted(int(size) for size in arguments.sizes.split(","))
    signal.signal(signal.SIGTERM, _stopped)
    setup()
    from django.core.management import call_command

    from bench.serve import Run

    print("Setting up: migrate, static files, reference data", flush=True)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    call_command("seed_demo", "--reference-only", "--password", "bench-password-panjang-1", verbosity=0)
    info = machine()
    databases = Databases()
    print("Building the databases", flush=True)
    databases.build(sizes)
    scenarios, served_modules = {}, {}
    for name in arguments.scenarios.split(","):
        module = importlib.import_module(f"bench.scenarios.{name}")
        if hasattr(module, "served"):
            served_modules[name] = module
        else:
            scenarios.update(module.scenarios())
    lines, results = header(info), {}
    if scenarios:
        print(f"Measuring: {len(scenarios)} figures, {len(sizes)} sizes, {arguments.rounds} rounds", flush=True)
        results = measure(scenarios, sizes, arguments.rounds, databases)
        lines += report(results, scenarios, sizes)
    figures, failed = [], False
    if served_modules:
        print(f"Serving: {', '.join(served_modules)}", flush=True)
        run = Run(sizes=sizes, rounds=arguments.rounds, databases=databases, intake_reports=arguments.intake_reports)
        figures, failed = served(served_modules, run)
        lines += served_report(figures)
    table = "\n".join(lines) + "\n"
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "results.md").write_text(table)
    written = {"machine": info, "results": results, "served": [vars(figure) for figure in figures]}
    (RESULTS / "results.json").write_text(json.dumps(written, indent=2, default=str))
    print("\n" + table)
    print(f"Written: {RESULTS / 'results.md'}, {RESULTS / 'results.json'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
