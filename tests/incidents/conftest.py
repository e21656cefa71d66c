"""Every API answer the oversight tests receive is checked against the published schema too."""

from tests.api.conftest import client  # noqa: F401 (the schema-checking client fixture)
