"""The 1,000-report burst of issue 13 (tests/integration/test_surge.py), as the bench's figures:
reports accepted per second and the workers' drain time.

The test itself is run, on this run's stack and on a test database of its own, so that the burst
measured is the one the test suite checks (its gunicorn, workers, clients and checks); its printed
line is read back. A failing test fails the figure.
"""

import re
import signal
import subprocess
import sys
from pathlib import Path

from bench import serve
from bench.serve import ROOT, Figure, Run

TEST = "tests/integration/test_surge.py"
TEST_SECONDS = 1800  # a bound on the whole test (its own drain bound is 900 s), not a goal
PRINTED = re.compile(
    r"(?P<reports>\d+) reports accepted in (?P<accepted>\d+) s \((?P<rate>[\d.]+)/s\) from (?P<threads>\d+) "
    r"threads; the workers drained (?P<drain>\d+) s later"
)
ISSUE_13 = "14.9/s; drained 109 s later (issue 13's run)"


def served(run: Run) -> list[Figure]:
    print(f"  burst: {TEST}", flush=True)
    log = serve.LOGS / "burst.log"
    code = _pytest(log)
    output = log.read_text(errors="replace")
    found = PRINTED.search(output)
    if code is None:
        return [Figure("1,000-report burst", f"test not finished within {TEST_SECONDS} s (see {log})", failed=True)]
    if code or not found:
        return [Figure("1,000-report burst", f"test failed, exit {code} (see {log})", failed=True)]
    return [
        Figure(
            figure=f"burst: {found['reports']} reports of one post from {found['threads']} clients "
            "(gunicorn 2 workers, 2 Celery workers)",
            value=f"{found['rate']}/s accepted in {found['accepted']} s; drained {found['drain']} s later",
            reference=ISSUE_13,
            detail={name: float(value) for name, value in found.groupdict().items()},
        )
    ]


def _pytest(log: Path) -> int | None:
    """Run the test, its output to `log`; return its exit code, or None past TEST_SECONDS.

    Interrupted, pytest tears its fixtures down (its gunicorn and workers stop): the bench stops
    it that way, and so does the kernel if the bench ends first.
    """
    command = [sys.executable, "-m", "pytest", "-m", "stack", "-s", "-q", "-p", "no:cacheprovider", TEST]
    with open(log, "w") as output:
        process = subprocess.Popen(  # noqa: S603 (our own interpreter and test)
            command,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            preexec_fn=serve.dying_with_parent(signal.SIGINT),
        )
    try:
        return process.wait(timeout=TEST_SECONDS)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=serve.STOP_SECONDS * 3)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        return None
