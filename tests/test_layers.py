"""The layers point one way: raw data -> build -> database -> data access -> rules, charts
and reports -> page views -> pages. A test, so an import in the wrong direction fails."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

# What each part of the domain package may import from the others.
ALLOWED = {
    "text": set(),
    "data": {"text"},
    "rules": {"text"},
    "charts": {"data", "text"},
    "reports": {"charts", "data", "rules", "text"},
    "views": {"charts", "data", "reports", "rules", "text"},
}


def imports(path: Path) -> set[str]:
    """Every module ``path`` imports, by its full dotted name."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def python_files(folder: str) -> list[Path]:
    return sorted((PROJECT_ROOT / folder).rglob("*.py"))


def relative(path: Path) -> str:
    return str(path.relative_to(PROJECT_ROOT))


def test_the_build_imports_nothing_from_the_app_but_its_words():
    """The catalogs and the formatting (``trade_mission.text``, which imports nothing) word
    what the build writes in the database as the app words it on screen; nothing else of
    the app reaches the build."""
    for path in python_files("etl"):
        wrong = {
            name
            for name in imports(path)
            if name.split(".")[0] in ("trade_mission", "pages", "streamlit", "app")
            and not name.startswith("trade_mission.text")
        }
        assert wrong == set(), relative(path)


def test_the_app_reaches_the_build_only_through_bootstrap():
    users = {
        relative(path)
        for folder in ("trade_mission", "pages")
        for path in python_files(folder)
        if any(name.split(".")[0] == "etl" for name in imports(path))
    }
    users |= (
        {"app.py"} if any(n.startswith("etl") for n in imports(PROJECT_ROOT / "app.py")) else set()
    )
    assert users == {"trade_mission/data/bootstrap.py"}


def test_streamlit_is_imported_only_by_the_router_the_server_and_the_pages():
    users = {
        relative(path)
        for path in [*python_files("trade_mission"), *python_files("etl")]
        if any(name.split(".")[0] == "streamlit" for name in imports(path))
    }
    assert users == set()


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_each_layer_imports_only_the_layers_below_it(layer):
    for path in python_files(f"trade_mission/{layer}"):
        used = {
            name.split(".")[1]
            for name in imports(path)
            if name.startswith("trade_mission.") and name.count(".") >= 1
        }
        assert used - {layer} <= ALLOWED[layer] | {"paths"}, relative(path)
