"""`GET /healthz`: whether this process can reach the database, the broker and the storage."""

import logging

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from complaints.storage import evidence_storage
from portal.celery import app as celery_app

logger = logging.getLogger(__name__)
PROBE_TIMEOUT = 3  # seconds per dependency; a load balancer calls this often


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _broker() -> str:
    if celery_app.conf.task_always_eager:
        return "in-process"  # no broker configured: tasks run in the web process
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=PROBE_TIMEOUT)
    return "ok"


def _storage() -> str:
    evidence_storage.exists("healthz-probe")  # a metadata request: lists nothing, reads nothing
    return "ok"


@never_cache
@require_GET
def healthz(request):
    checks, healthy = {}, True
    for name, probe in (("database", _database), ("broker", _broker), ("storage", _storage)):
        try:
            checks[name] = probe()
        except Exception as error:  # a health check reports every failure instead of raising
            logger.warning("Health check %s failed: %s", name, error)
            checks[name] = f"error: {type(error).__name__}"
            healthy = False
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)
