"""Slow work after the response when there is no broker (the embedded default, `make run`).

With Redis, a Celery worker processes a screenshot and the citizen's request only queues it.
Without a broker Celery runs a task where it is queued, inside the request: sanitizing and OCR
made a report with one screenshot take seconds. Here such a task runs instead in one thread of
the web process, after the commit and after the response. Work still queued when the process
stops is not lost: its evidence stays "pending", and `manage.py reprocess_evidence` finishes it.
"""

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None
_pending: set[Future] = set()


def queue(task, **arguments) -> None:
    """Queue a Celery task: to the broker, or without one to the background thread."""
    if not (settings.CELERY_TASK_ALWAYS_EAGER and settings.EVIDENCE_IN_BACKGROUND):
        task.delay(**arguments)
        return
    global _executor
    with _lock:
        if _executor is None:  # one thread: OCR is CPU-bound, and the requests need the rest
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="portal-background")
        future = _executor.submit(_run, task, arguments)
        _pending.add(future)
    future.add_done_callback(_pending.discard)


def _run(task, arguments: dict) -> None:
    try:
        task.apply(kwargs=arguments, throw=True)
    except Exception:  # logged like a failed worker task; the evidence shows the failed step
        logger.exception("Background task %s failed", task.name)
    finally:
        connections.close_all()  # this thread's own connections


def drain(timeout: float = 60) -> bool:
    """Wait until the work queued so far is done (tests, and a clean shutdown); True if it is."""
    with _lock:
        pending = set(_pending)
    _done, not_done = wait(pending, timeout=timeout)
    return not not_done
