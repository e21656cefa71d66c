"""The layout of STYLE.md holds: modules by concept and of a readable size, domain code without
HTTP, edges that do not lean on each other, and one writer of `Case.status`."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

APP = Path(settings.BASE_DIR) / "complaints"
MODULES = sorted(path for path in APP.rglob("*.py") if "migrations" not in path.parts)
MAX_LINES = 400
# The edges: they speak HTTP. Everything else in the app is domain code.
EDGES = {"views.py", "tus.py", "responses.py", "upload_guard.py", "throttles.py", "urls.py", "admin.py", "language.py"}
NOT_CASES = {"image"}  # Pillow's `image.verify()` checks a file, it does not verify a case
TRANSITIONS = {"claim", "request_info", "resume", "verify", "reject", "expire", "classify", "forward", "close"}


def name(path: Path) -> str:
    return str(path.relative_to(APP.parent))


def is_edge(path: Path) -> bool:
    return path.name in EDGES or "api" in path.relative_to(APP).parts or "management" in path.parts


def imported(path: Path) -> set[str]:
    """Return the modules `path` imports, resolved to dotted names."""
    package = ".".join(path.relative_to(APP.parent).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return found


@pytest.mark.parametrize("path", MODULES, ids=name)
def test_no_module_is_past_the_size_where_it_splits_by_concept(path):
    assert len(path.read_text().splitlines()) <= MAX_LINES


@pytest.mark.parametrize("path", [p for p in MODULES if not is_edge(p)], ids=name)
def test_domain_modules_carry_no_http(path):
    text = path.read_text()
    assert not {module for module in imported(path) if module.startswith(("django.http", "rest_framework"))}
    for word in ("status_code", "HTTP_", "HttpResponse", "Http404"):
        assert word not in text, word


@pytest.mark.parametrize("path", [p for p in MODULES if p.name == "views.py"], ids=name)
def test_edges_do_not_import_other_edges(path):
    own = ".".join(path.relative_to(APP.parent).with_suffix("").parts)
    edges = {m for m in imported(path) if m.startswith("complaints.") and m.endswith(".views") and m != own}
    assert not edges


@pytest.mark.parametrize("path", MODULES, ids=name)
def test_only_the_workflow_changes_the_status(path):
    if name(path) == "complaints/triage/workflow.py":
        return
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("update", "create", "bulk_update") and any(
                keyword.arg == "status" for keyword in node.keywords
            ):
                pytest.fail(f"line {node.lineno}: writes status")
            # Calling a transition on a case (`case.claim()`) is the workflow's alone.
            receiver = node.func.value.id if isinstance(node.func.value, ast.Name) else None
            if node.func.attr in TRANSITIONS and not node.args and not node.keywords and receiver not in NOT_CASES:
                pytest.fail(f"line {node.lineno}: calls the transition {node.func.attr}()")


@pytest.mark.parametrize("path", MODULES, ids=name)
def test_every_timeline_event_is_written_by_the_timeline_module(path):
    if name(path) == "complaints/timeline.py":
        return
    text = path.read_text()
    assert "CaseEvent.objects.create" not in text
    assert not re.search(r"(?<!class )CaseEvent\(", text)


@pytest.mark.parametrize("path", MODULES, ids=name)
def test_permissions_are_asked_through_the_permissions_module(path):
    if name(path) == "complaints/permissions.py":
        return
    assert ".has_perm(" not in path.read_text()
