"""The pre-commit hook (`make hooks`): a staged file ruff would refuse stops the commit."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.slow  # runs git and ruff
HOOK = PROJECT_ROOT / ".githooks" / "pre-commit"


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with the project's ruff settings, its ruff and the hook turned on."""
    git(tmp_path, "init", "--quiet")
    shutil.copy(PROJECT_ROOT / "pyproject.toml", tmp_path)
    (tmp_path / ".venv").symlink_to(PROJECT_ROOT / ".venv")
    (tmp_path / ".githooks").mkdir()
    shutil.copy(HOOK, tmp_path / ".githooks" / "pre-commit")
    assert git(tmp_path, "config", "core.hooksPath", ".githooks").returncode == 0
    return tmp_path


def test_a_badly_formatted_file_stops_the_commit_and_says_what_to_do(repo):
    (repo / "module.py").write_text("values = [1,2,3]\n")
    git(repo, "add", "module.py")
    refused = git(repo, "commit", "--quiet", "-m", "add module")
    assert refused.returncode != 0
    assert "run make format" in refused.stderr
    (repo / "module.py").write_text("values = [1, 2, 3]\n")
    git(repo, "add", "module.py")
    assert git(repo, "commit", "--quiet", "-m", "add module").returncode == 0


def test_a_lint_error_stops_the_commit(repo):
    (repo / "module.py").write_text("import os\n")  # imported, never used
    git(repo, "add", "module.py")
    assert git(repo, "commit", "--quiet", "-m", "add module").returncode != 0


def test_a_commit_without_python_files_is_not_checked(repo):
    (repo / "notes.md").write_text("values = [1,2,3]\n")
    git(repo, "add", "notes.md")
    assert git(repo, "commit", "--quiet", "-m", "notes").returncode == 0
