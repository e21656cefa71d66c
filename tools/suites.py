"""Run every check of `make test`, each to its end, then say how each went.

    python tools/suites.py

Lint, the unit suite on SQLite, the integration suite on the real stack and the browser suite
all run even when one fails, so a failure in one never hides the state of the others. The exit
code is non-zero if any failed.
"""

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
RUFF = str(Path(PY).parent / "ruff")
SUITES = [
    ("lint (ruff)", [[RUFF, "check", "."], [RUFF, "format", "--check", "."]]),
    ("unit (SQLite)", [[PY, "-m", "pytest"]]),
    (
        "integration (PostgreSQL, Redis, Celery, S3)",
        [[PY, "tools/stack.py", "run", "--", PY, "-m", "pytest", "-m", "stack", "tests/integration"]],
    ),
    ("browser (Chromium)", [[PY, "-m", "pytest", "-m", "browser", "tests/e2e"]]),
]


def run(commands: list[list[str]]) -> int:
    """Run the commands in turn, stopping at the first that fails; return its exit code."""
    for command in commands:
        print("$", " ".join(command), flush=True)
        code = subprocess.call(command, cwd=ROOT)
        if code:
            return code
    return 0


def main() -> int:
    results = []
    for name, commands in SUITES:
        started = time.monotonic()
        code = run(commands)
        results.append((name, code, time.monotonic() - started))
    print("\nmake test:")
    for name, code, seconds in results:
        print(f"  {'passed' if code == 0 else f'FAILED (exit {code})':<18} {name}  ({seconds:.0f} s)")
    failed = [name for name, code, _seconds in results if code]
    print(
        f"{len(results) - len(failed)} of {len(results)} passed." + (f" Failed: {', '.join(failed)}." if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
