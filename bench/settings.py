"""The production settings with the bench's URL conf: the project's own pages and middleware, plus
the two references the served figures are divided by (bench/urls.py)."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
