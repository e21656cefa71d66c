"""The evidence pipeline's own time per image ÷ the Tesseract program on the same file (issue 14).

Timed in this process, on a screenshot a report stored (bench/scenarios/submission.py): the
processing a Celery task runs (`evidence_process`, every step forced: copies, hash, OCR, storage)
and the program take turns, the order rotating. The goal is against the program reading as the
pipeline does: in its languages (settings.OCR_LANGUAGES, Indonesian and English: DESIGN §4) with
its threads (settings.OCR_THREADS); `-l ind` alone, issue 14's first reference, and the program
left to OpenMP's default threads are shown beside it, so the table tells the languages' and the
threads' cost from the pipeline's own. Each step alone is timed once after.
"""

import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from django.conf import settings

from bench.serve import Figure

RUN_SECONDS = 120  # a bound on one run, not a goal
REFERENCE_LANGUAGE = "ind"  # issue 14's reference: `tesseract image stdout -l ind`


def figures(ticket: str, *, runs: int) -> list[Figure]:
    """Return the pipeline's figures for the first screenshot of the report `ticket`."""
    from complaints.evidence.processing import evidence_process
    from complaints.models import Evidence

    evidence = Evidence.objects.filter(case__ticket=ticket).first()
    with evidence.original.open("rb") as original:
        data = original.read()
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as folder:
        path = Path(folder) / "screenshot.png"
        path.write_bytes(data)
        contenders = {
            "pipeline": lambda: evidence_process(evidence_id=evidence.pk, force=True),
            "languages": lambda: _tesseract(path, settings.OCR_LANGUAGES),
            "ind": lambda: _tesseract(path, REFERENCE_LANGUAGE),
            "default_threads": lambda: _tesseract(path, settings.OCR_LANGUAGES, threads=None),
        }
        times = _in_turn(contenders, runs)
    pipeline, languages, ind, default_threads = (statistics.median(times[name]) for name in contenders)
    threads = f"OMP_THREAD_LIMIT={settings.OCR_THREADS} tesseract"
    return [
        Figure(
            figure=f"evidence pipeline per image (`evidence_process`) ÷ `{threads} -l {settings.OCR_LANGUAGES}`",
            value=f"{pipeline * 1000:,.0f} ms",
            reference=f"{languages * 1000:,.0f} ms",
            ratio=pipeline / languages,
            goal="≤ 1.2",
            detail=times,
        ),
        Figure(
            figure=f"… ÷ `{threads} -l {REFERENCE_LANGUAGE}` (one language fewer)",
            value=f"{pipeline * 1000:,.0f} ms",
            reference=f"{ind * 1000:,.0f} ms",
            ratio=pipeline / ind,
        ),
        Figure(
            figure=f"… ÷ `tesseract -l {settings.OCR_LANGUAGES}` left to OpenMP's default threads",
            value=f"{pipeline * 1000:,.0f} ms",
            reference=f"{default_threads * 1000:,.0f} ms",
            ratio=pipeline / default_threads,
        ),
        _steps(data),
    ]


def _tesseract(path: Path, languages: str, *, threads: int | None = -1) -> None:
    """Run the program on `path`; with the pipeline's threads unless told (None: OpenMP's default)."""
    environment = {name: value for name, value in os.environ.items() if name != "OMP_THREAD_LIMIT"}
    if threads is not None:
        environment["OMP_THREAD_LIMIT"] = str(settings.OCR_THREADS if threads == -1 else threads)
    command = ["tesseract", str(path), "stdout", "-l", languages]
    subprocess.run(command, check=True, capture_output=True, timeout=RUN_SECONDS, env=environment)  # noqa: S603


def _in_turn(contenders: dict, runs: int) -> dict[str, list[float]]:
    """Run each contender `runs` times, in turn, the order rotating; return their times."""
    names, times = list(contenders), {name: [] for name in contenders}
    for number in range(runs):
        for name in names[number % len(names) :] + names[: number % len(names)]:
            started = time.perf_counter()
            contenders[name]()
            times[name].append(time.perf_counter() - started)
    return times


def _steps(data: bytes) -> Figure:
    """Time each image step of the pipeline alone, once: where the time goes."""
    from complaints.evidence import imaging

    image = imaging.decode_upright(data)
    steps = {
        "decode": lambda: imaging.decode_upright(data),
        "sanitize": lambda: imaging.sanitize(image),
        "thumbnail": lambda: imaging.thumbnail(image),
        "phash": lambda: imaging.perceptual_hash(image),
        "ocr": lambda: imaging.ocr(image),
    }
    timings = {}
    for name, step in steps.items():
        started = time.perf_counter()
        step()
        timings[name] = (time.perf_counter() - started) * 1000
    return Figure(
        figure="the pipeline's image steps alone, once (`complaints.evidence.imaging`)",
        value=", ".join(f"{name} {milliseconds:,.0f} ms" for name, milliseconds in timings.items()),
        detail={"steps_ms": timings},
    )
