"""The served figures' machinery: gunicorn and a Celery worker on one of the bench's databases,
wrk against them, and what /proc says their processes spent.

Servers listen on 127.0.0.1 on free ports, with the production settings run.py sets and the bench's
URL conf (bench/settings.py); they are stopped when their block ends, on failure too. Logs go to
var/bench/logs/.
"""

import contextlib
import ctypes
import functools
import json
import os
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tools.stack import free_port, require, wait_until

ROOT = Path(__file__).resolve().parent.parent
LOGS = ROOT / "var" / "bench" / "logs"
BIN = Path(sys.executable).parent
GUNICORN_WORKERS = 2  # issue 14's setting: two sync workers, as tools/stack.py serves by default
GUNICORN_TIMEOUT = 120  # seconds: a report with OCR in the request must not be killed midway
WRK_CONNECTIONS = 8
WRK_THREADS = 2  # one per core
STOP_SECONDS = 20
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PR_SET_PDEATHSIG = 1  # prctl(2)
# All the load comes from 127.0.0.1, one client to the rate limiter: limits that never refuse it,
# over one second, so the limiter's window holds a second of requests, not a minute's thousands.
# The limiter still runs on every request: its cost is part of the figures.
RATES = {
    "LOOKUP_RATE": "1000000/s",
    "SUBMIT_RATE": "1000000/s",
    "REPLY_RATE": "1000000/s",
    "UPLOAD_RATE": "1000000/s",
    "POW_SURGE_RATE": "1000000/s",
}


@dataclass
class Figure:
    """A row of the served table: a figure, its reference measured beside it, their ratio.

    `failed`: the value is no measurement (refusals, a test that failed): the run fails too."""

    figure: str
    value: str
    reference: str = "—"
    ratio: float | None = None
    goal: str = "—"
    detail: dict = field(default_factory=dict)
    failed: bool = False


@dataclass
class Run:
    """What the served scenarios need from run.py: the sizes, the rounds, the databases."""

    sizes: list[int]
    rounds: int
    databases: object  # run.Databases
    intake_reports: int


def database_url(name: str) -> str:
    """Return the stack's DATABASE_URL pointed at another database of the same server."""
    from django.db import connection

    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{name}"


def server_env(database: str) -> dict[str, str]:
    """Return the environment of the bench's servers: the stack's, the production settings and
    the bench's URL conf, on `database`; email kept in memory (nothing to deliver it to)."""
    return {
        **os.environ,
        **RATES,
        "DATABASE_URL": database_url(database),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "EMAIL_URL": "memorymail://",
    }


@dataclass
class Server:
    url: str
    gunicorn: subprocess.Popen
    celery: subprocess.Popen | None

    def workers(self) -> list[int]:
        """Return the gunicorn worker processes (the master only hands out requests)."""
        return children(self.gunicorn.pid)

    def celery_workers(self) -> list[int]:
        """Return the Celery pool's processes (the tasks run there, not in the master)."""
        return children(self.celery.pid) if self.celery else []


@contextlib.contextmanager
def served(database: str, *, label: str, worker: bool = False) -> Iterator[Server]:
    """Serve the portal on `database` with gunicorn (and a Celery worker); stop them after."""
    env = server_env(database)
    processes: list[subprocess.Popen] = []
    try:
        celery = None
        if worker:
            name = f"bench-{label}-{os.getpid()}@localhost"
            command = [str(BIN / "celery"), "-A", "portal", "worker", "-c", "1", "-n", name, "-l", "warning"]
            celery = _spawn([*command, "--without-gossip", "--without-mingle"], LOGS / f"celery-{label}.log", env)
            processes.append(celery)
            wait_until(lambda: _answers_ping(name), "Celery worker", celery, LOGS / f"celery-{label}.log")
        port = free_port()
        command = [str(BIN / "gunicorn"), "portal.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(GUNICORN_WORKERS)]
        gunicorn = _spawn([*command, "--timeout", str(GUNICORN_TIMEOUT)], LOGS / f"gunicorn-{label}.log", env)
        processes.append(gunicorn)
        url = f"http://127.0.0.1:{port}"
        wait_until(lambda: _healthy(url), "gunicorn", gunicorn, LOGS / f"gunicorn-{label}.log")
        yield Server(url, gunicorn, celery)
    finally:
        for process in reversed(processes):
            stop(process)


def _spawn(command: list[str], log: Path, env: dict) -> subprocess.Popen:
    with open(log, "wb") as output:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(  # noqa: S603 (the venv's own programs)
            command, stdout=output, stderr=subprocess.STDOUT, env=env, cwd=ROOT, preexec_fn=dying_with_parent()
        )


def dying_with_parent(signal_number: int = signal.SIGTERM):
    """Return a preexec_fn that has the kernel send the child `signal_number` when this process
    ends, however it ends: tools/stack.py kills the bench outright when it is itself stopped.

    The children stay in the bench's process group, so a Ctrl-C reaches them as well.
    """
    libc = ctypes.CDLL(None, use_errno=True)

    def arrange() -> None:
        libc.prctl(PR_SET_PDEATHSIG, signal_number)

    return arrange


def _answers_ping(name: str) -> bool:
    from portal.celery import app

    return bool(app.control.ping(destination=[name], timeout=0.5))


def _healthy(url: str) -> bool:
    with urllib.request.urlopen(f"{url}/healthz", timeout=5) as answer:  # noqa: S310 (our own loopback server)
        return answer.status == 200


def stop(process: subprocess.Popen) -> None:
    """Stop a process politely, then firmly."""
    if process.poll() is not None:
        return
    process.terminate()  # gunicorn's and Celery's masters stop their own workers
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_SECONDS)


# /proc readings
# ------------------------------------------------------------------------------


def _stat_fields(pid: int) -> list[str]:
    """Return the fields of /proc/<pid>/stat after the command's name (which may hold spaces)."""
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def children(pid: int) -> list[int]:
    """Return the processes whose parent is `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                if int(_stat_fields(int(entry.name))[1]) == pid:
                    found.append(int(entry.name))
    return sorted(found)


def cpu_seconds(pids: list[int]) -> float:
    """Return the CPU time (user and system) the processes have used so far, with that of their
    children that ended (a PostgreSQL backend per connection, a program run by a request)."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = _stat_fields(pid)
            total += sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime: stat(5) 14-17
    return total / CLOCK_TICKS


def postgres_processes() -> list[int]:
    """Return the stack's PostgreSQL server and its backends."""
    from django.db import connection

    server = _postgres_server(str(connection.settings_dict["PORT"]))
    return [server, *children(server)]


@functools.cache
def _postgres_server(port: str) -> int:
    """Return the PostgreSQL server listening on `port`, found once by its arguments: a later scan
    of /proc that missed it would read as CPU time going backwards."""
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
            if entry.name.isdigit() and arguments[0].endswith(b"/postgres") and port.encode() in arguments:
                return int(entry.name)
    raise RuntimeError(f"No PostgreSQL server found on port {port}")


def peak_memory_mb(pids: list[int]) -> float:
    """Return the largest peak resident set (VmHWM) among the processes, in MB."""
    peak = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
    return peak * 1024 / 1e6


# wrk
# ------------------------------------------------------------------------------

# Each thread walks its own part of the (shuffled) ticket list, a ticket per request, so no ticket
# is asked twice in a run until the list runs out; `done` prints the figures as JSON.
WRK_SCRIPT = """
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("number", threads)
end
function init(args)
  paths = {}
  for line in io.lines(args[1]) do paths[#paths + 1] = args[2] .. line .. "/" end
  position = math.floor((number - 1) * #paths / tonumber(args[3]))
end
function request()
  position = position % #paths + 1
  return wrk.format("GET", paths[position])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK {"requests": %d, "microseconds": %d, "socket_errors": %d, "status_errors": %d, '
    .. '"p50_us": %d, "p99_us": %d}\\n', summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout,
    e.status, latency:percentile(50), latency:percentile(99)))
end
"""


@dataclass
class Load:
    requests: int
    seconds: float
    socket_errors: int
    status_errors: int
    p50_ms: float
    p99_ms: float
    cpu_seconds: float  # of the gunicorn workers, over the run
    database_cpu_seconds: float  # of PostgreSQL, its backends included

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    @property
    def cpu_ms_per_request(self) -> float:
        return self.cpu_seconds * 1000 / max(self.requests, 1)

    @property
    def database_ms_per_request(self) -> float:
        return self.database_cpu_seconds * 1000 / max(self.requests, 1)


def wrk(server: Server, prefix: str, tickets: Path, *, seconds: int) -> Load:
    """Load `prefix<ticket>/` with wrk for `seconds`, the next ticket of the file per request."""
    script = LOGS / "lookup.lua"
    script.write_text(WRK_SCRIPT)
    command = [require("wrk", "wrk"), "-t", str(WRK_THREADS), "-c", str(WRK_CONNECTIONS), "-d", f"{seconds}s"]
    command += ["--timeout", "10s", "-s", str(script), server.url, "--", str(tickets), prefix, str(WRK_THREADS)]
    before, database_before = cpu_seconds(server.workers()), cpu_seconds(postgres_processes())
    finished = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True)  # noqa: S603
    used, database_used = cpu_seconds(server.workers()) - before, cpu_seconds(postgres_processes()) - database_before
    line = next((line for line in finished.stdout.splitlines() if line.startswith("WRK ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no figures:\n{finished.stdout}\n{finished.stderr}")
    figures = json.loads(line[4:])
    return Load(
        requests=figures["requests"],
        seconds=figures["microseconds"] / 1e6,
        socket_errors=figures["socket_errors"],
        status_errors=figures["status_errors"],
        p50_ms=figures["p50_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        cpu_seconds=used,
        database_cpu_seconds=database_used,
    )
