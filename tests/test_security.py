"""Hardening: no raw HTML or script fed by data or by the address."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import PROJECT_ROOT

CODE = [
    path
    for folder in ("trade_mission", "pages", "etl")
    for path in (PROJECT_ROOT / folder).rglob("*.py")
] + [PROJECT_ROOT / "app.py", PROJECT_ROOT / "server.py"]
UNSAFE = {"unsafe_allow_html", "unsafe_allow_javascript"}
# The two places that run a script: one sets <html lang> from a constant table indexed by
# a language code the router has validated; the other moves the focus to the first
# question left blank.
ALLOWED = {("pages/ui.py", "DOCUMENT_LANGUAGE_SCRIPTS"), ("pages/ui.py", "FOCUS_SCRIPTS")}


def unsafe_calls() -> list[tuple[str, ast.Call]]:
    found = []
    for path in CODE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and any(
                keyword.arg in UNSAFE
                and not (isinstance(keyword.value, ast.Constant) and keyword.value.value is False)
                for keyword in node.keywords
            ):
                found.append((str(path.relative_to(PROJECT_ROOT)), node))
    return found


def test_raw_html_or_javascript_only_from_constants():
    for path, call in unsafe_calls():
        (body,) = call.args
        # st.html(TABLE[key], unsafe_allow_javascript=True) with TABLE a module constant
        assert isinstance(body, ast.Subscript) and isinstance(body.value, ast.Name), path
        assert (path, body.value.id) in ALLOWED, (path, ast.unparse(call))


def test_the_language_scripts_are_constants_for_known_languages():
    from pages.ui import DOCUMENT_LANGUAGE_SCRIPTS
    from trade_mission.text.i18n import LANGUAGES

    assert set(DOCUMENT_LANGUAGE_SCRIPTS) == set(LANGUAGES)
    for lang, script in DOCUMENT_LANGUAGE_SCRIPTS.items():
        assert script == f"<script>document.documentElement.lang = '{lang}-CA';</script>"


def test_sql_takes_values_as_parameters():
    """No query text is assembled from values: no ``execute`` is handed an f-string or a
    % format. (``etl/steps/annual_trade.py`` composes its staging SQL beforehand from the column
    names it declares, constants, never from a file's contents.)"""
    for path in CODE:
        source = Path(path).read_text(encoding="utf-8")
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "execute":
                query = node.args[0] if node.args else None
                assert not isinstance(query, ast.JoinedStr), (path, ast.unparse(node)[:80])
                assert not (isinstance(query, ast.BinOp) and isinstance(query.op, ast.Mod)), path


def test_the_focus_script_only_finds_and_focuses():
    from pages.ui import FOCUS_SCRIPTS

    (script,) = FOCUS_SCRIPTS.values()
    for forbidden in ("location", "Storage", "fetch", "XMLHttpRequest", "innerHTML", "cookie"):
        assert forbidden not in script, forbidden
    assert "control.focus()" in script
