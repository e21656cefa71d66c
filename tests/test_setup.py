"""`python manage.py migrate` alone leaves a working database (DESIGN §7)."""

from tests.test_deploy import manage

DEVELOPMENT = {"ENV_FILE": "/dev/null", "DEBUG": "true"}
FIRST_SUBMISSION = (
    "from django.test import Client, RequestFactory;"
    "from complaints.intake.throttles import SubmitThrottle;"
    "print('allowed' if SubmitThrottle().allow_request(RequestFactory().post('/lapor/'), None) else 'refused');"
    "print(Client(HTTP_HOST='localhost').get('/lapor/').status_code)"
)


def test_migrate_alone_creates_the_cache_table_the_rate_limits_use(tmp_path):
    env = {**DEVELOPMENT, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}
    migrated = manage("migrate", "--noinput", "-v", "0", env=env)
    assert migrated.returncode == 0, migrated.stderr
    used = manage("shell", "-v", "0", "-c", FIRST_SUBMISSION, env=env)
    assert used.returncode == 0, used.stderr
    assert used.stdout.split() == ["allowed", "200"]
    again = manage("migrate", "--noinput", "-v", "0", env=env)  # running it again changes nothing
    assert again.returncode == 0, again.stderr
