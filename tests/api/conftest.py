"""Every response an API test receives is checked against the OpenAPI schema the API publishes:
its status must be documented for the path and method, and its body must match the schema."""

import functools

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from openapi_core import Config, OpenAPI
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound
from openapi_core.testing import MockRequest, MockResponse

from tests.helpers import error_of

# Files (exports, dossiers) are binary strings in the schema: read them as text to validate.
FILES = {
    media_type: lambda data, **_parameters: data.decode("utf-8", "replace")
    for media_type in ("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
}


@functools.cache
def published_schema() -> OpenAPI:
    config = Config(extra_media_type_deserializers=FILES)
    return OpenAPI.from_dict(SchemaGenerator().get_schema(request=None, public=True), config=config)


def check_against_schema(response) -> None:
    """Raise if the response is not what the schema says this path and method answer."""
    request = response.wsgi_request
    if not request.path.startswith("/api/v1/") or response.status_code >= 500:
        return
    content_type = response.get("Content-Type", "").split(";")[0]
    # A file is streamed: its type is checked, and its body stands for the binary string it is.
    body = b"(streamed)" if response.streaming else response.content
    try:
        published_schema().validate_response(
            MockRequest("http://testserver", request.method.lower(), request.path),
            MockResponse(body, status_code=response.status_code, content_type=content_type),
        )
    except (PathNotFound, OperationNotFound):  # an address the API does not have: a 404 or 405 it explains
        assert response.status_code in (404, 405), (request.method, request.path, response.status_code)
        error_of(response, response.status_code)


class SchemaCheckingClient(Client):
    def request(self, **request):
        response = super().request(**request)
        check_against_schema(response)
        return response


@pytest.fixture
def client():
    return SchemaCheckingClient()
