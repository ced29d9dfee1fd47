"""``make audit``: check the pinned requirements for known vulnerabilities (pip-audit).

    python scripts/audit.py [--service pypi|osv]

pip-audit asks a vulnerability service about every pinned version: PyPI's JSON API
(``https://pypi.org/pypi/<name>/<version>/json``, the default) or OSV
(``https://api.osv.dev``). A registry mirror that serves packages but not that API, or a
network that cannot reach either, gives no answer for any package; this script asks the
chosen service once first, and says so in one line (exit 2) instead of failing on the
first package.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ("requirements.txt", "requirements-dev.txt")
PROBES = {
    "pypi": ("GET", "https://pypi.org/pypi/pip/24.0/json", None),
    "osv": (
        "POST",
        "https://api.osv.dev/v1/query",
        b'{"package": {"name": "pip", "ecosystem": "PyPI"}, "version": "24.0"}',
    ),
}
TIMEOUT = 20


def answers(service: str) -> bool:
    method, address, body = PROBES[service]
    request = urllib.request.Request(address, data=body, method=method)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status == 200
    except (urllib.error.URLError, TimeoutError, OSError):
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--service", choices=sorted(PROBES), default="pypi")
    args = parser.parse_args()
    if not answers(args.service):
        print(
            f"audit: the {args.service} vulnerability service ({PROBES[args.service][1]}) "
            "does not answer from here; run make audit where it does, or try "
            f"AUDIT_SERVICE={'osv' if args.service == 'pypi' else 'pypi'}",
            file=sys.stderr,
        )
        return 2
    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "--strict",
        "--vulnerability-service",
        args.service,
        "--disable-pip",
        "--no-deps",  # every requirement is pinned, dependencies included
    ]
    for name in REQUIREMENTS:
        command += ["--requirement", str(ROOT / name)]
    return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
