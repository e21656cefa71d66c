"""The production configuration passes Django's deployment checks and refuses to start half-configured."""

import os
import secrets
import subprocess
import sys

from cryptography.fernet import Fernet
from django.conf import settings

# What docs/deploy.md tells an operator to set (the database is irrelevant to these checks).
PRODUCTION_ENV = {
    "ENV_FILE": "/dev/null",  # not the developer's .env
    "DEBUG": "false",
    "ALLOWED_HOSTS": "lapor.netralitas.example.go.id",
    "SITE_URL": "https://lapor.netralitas.example.go.id",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env={**base, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    env = {
        **PRODUCTION_ENV,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
    }
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_its_keys(tmp_path):
    env = {**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}"}
    missing_secret = manage("check", env=env)
    assert missing_secret.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in missing_secret.stderr
    missing_key = manage("check", env={**env, "SECRET_KEY": secrets.token_urlsafe(50)})
    assert missing_key.returncode != 0
    assert "FIELD_ENCRYPTION_KEY is required when DEBUG is off" in missing_key.stderr
    keys = {"SECRET_KEY": secrets.token_urlsafe(50), "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode()}
    missing_site = manage("check", env={**env, **keys, "SITE_URL": ""})
    assert missing_site.returncode != 0
    assert "SITE_URL is required when DEBUG is off" in missing_site.stderr
