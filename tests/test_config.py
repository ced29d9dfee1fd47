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
