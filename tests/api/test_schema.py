"""The published OpenAPI schema describes the API as it answers (every API test also checks its
responses against it: see conftest.py)."""

import pytest
from drf_spectacular.generators import SchemaGenerator


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def resolve(schema, node: dict) -> dict:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


@pytest.mark.parametrize("path", ["/api/v1/cases/", "/api/v1/agencies/"])
def test_lists_are_described_as_the_pages_they_are(schema, path):
    body = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    page = resolve(schema, body)
    assert page["type"] == "object"
    assert set(page["properties"]) == {"count", "next", "previous", "results"}
    assert page["properties"]["results"]["type"] == "array"


def test_every_operation_documents_its_400_in_the_error_shape(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            error = operation["responses"].get("400")
            assert error, f"{method.upper()} {path} does not document 400"
            shape = resolve(schema, error["content"]["application/json"]["schema"])
            assert set(resolve(schema, shape["properties"]["error"])["properties"]) == {"code", "message", "fields"}


def test_the_patterns_that_are_enforced_are_published(schema):
    def parameter(path, method, name):
        return next(p for p in schema["paths"][path][method]["parameters"] if p["name"] == name)["schema"]

    assert parameter("/api/v1/cases/", "get", "region")["pattern"] == r"^[0-9]{2}(\.[0-9]{2})?$"
    assert parameter("/api/v1/regions/", "get", "parent")["pattern"] == r"^[0-9]{2}(\.[0-9]{2})?$"
    assert parameter("/api/v1/cases/{ticket}/", "get", "ticket")["pattern"] == "^[0-9A-Za-z-]{1,20}$"
    evidence = "/api/v1/cases/{ticket}/evidence/{evidence_id}/{variant}/"
    assert parameter(evidence, "get", "evidence_id")["pattern"] == "^[0-9]{1,18}$"
    assert parameter(evidence, "get", "variant")["enum"] == ["original", "sanitized", "thumbnail"]
