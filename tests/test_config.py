"""The server configuration users and security reviewers rely on."""

from __future__ import annotations

import tomllib

from tests.conftest import PROJECT_ROOT

SETTINGS = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())


def test_usage_statistics_are_off():
    assert SETTINGS["browser"]["gatherUsageStats"] is False


def test_xsrf_and_cors_protection_are_on():
    assert SETTINGS["server"]["enableXsrfProtection"] is True
    assert SETTINGS["server"]["enableCORS"] is True


def test_users_see_a_message_not_a_traceback():
    assert SETTINGS["client"]["showErrorDetails"] == "none"


def test_errors_offer_no_links_to_third_parties():
    # Streamlit's error box offers "Ask Google" and "Ask ChatGPT" unless this is off;
    # server.py shows its own notice instead, and this keeps any box Streamlit draws bare.
    assert SETTINGS["client"]["showErrorLinks"] == "false"


def test_the_server_knows_every_page_address_the_router_serves():
    """server.py answers any other one-word address with the first page and a notice: a
    page added to app.py's navigation must be added to PAGE_ADDRESSES too."""
    import ast

    from trade_mission.paths import PAGE_ADDRESSES

    tree = ast.parse((PROJECT_ROOT / "app.py").read_text(encoding="utf-8"))
    (pages,) = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(isinstance(target, ast.Name) and target.id == "PAGES" for target in node.targets)
    ]
    assert isinstance(pages, ast.Tuple)
    addresses = [
        ast.literal_eval(entry.elts[3]) or ""
        for entry in pages.elts
        if isinstance(entry, ast.Tuple)
    ]
    assert addresses == list(PAGE_ADDRESSES)


def test_uploads_are_capped_at_the_smallest_size_streamlit_allows():
    assert SETTINGS["server"]["maxUploadSize"] == 1  # the app takes none (server.py)
