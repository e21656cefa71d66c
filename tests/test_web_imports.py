"""A web process does not load what only the workers need: numpy (via imagehash), Tesseract's
wrapper, pypdf with fontTools, the QR code maker. Nor, until a page needs them, S3's client
library (boto3, for a report's screenshots) and the holiday calendars (for a deadline). Each
costs megabytes in every gunicorn worker: a worker answering status look-ups needs none of them."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKER_ONLY = ["numpy", "imagehash", "pytesseract", "pypdf", "fontTools", "qrcode", "weasyprint"]
ON_FIRST_USE = ["boto3", "botocore", "holidays"]
PROGRAM = f"""
import json, sys
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
from portal.wsgi import application
client = Client()
for path in ("/", "/lapor/", "/status/", "/statistik/", "/api/v1/reports/NTR-AAAA-AAAA/"):
    client.get(path)
print(json.dumps([name for name in {WORKER_ONLY + ON_FIRST_USE!r} if name in sys.modules]))
"""


def test_serving_the_citizens_pages_loads_no_worker_library(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "ALLOWED_HOSTS": "testserver",
        "ENV_FILE": "/dev/null",
        # Evidence on S3, as in production (nothing is sent there: no page here reads a file).
        "AWS_STORAGE_BUCKET_NAME": "portal-evidence",
        "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
