"""The PDF toolkit's commands run for court IT staff without the web server's
secrets; the server and every other command still refuse to start without them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    """A fresh interpreter with no Django settings in its environment."""
    base = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_URL", "SEALING_"))
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_parse_portions_runs_without_a_secret_key_or_host_names():
    result = _run(["manage.py", "parse_portions", "Complaint (#1), ¶¶ 25-26"])

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["targets"][0]["docket_ref"] == "1"


@pytest.mark.parametrize("command", ["locate_portions", "redact", "check_redactions"])
def test_every_toolkit_command_starts_without_secrets(command):
    result = _run(["manage.py", command, "--help"])

    assert result.returncode == 0, result.stderr


def test_the_toolkit_variable_from_the_environment_does_not_excuse_other_commands():
    result = _run(["manage.py", "check"], SEALING_TOOLKIT_COMMAND="parse_portions")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_the_wsgi_server_refuses_to_start_without_secrets_even_with_the_variable():
    result = _run(
        ["-c", "import sealing.wsgi"],
        DJANGO_SETTINGS_MODULE="sealing.settings",
        SEALING_TOOLKIT_COMMAND="parse_portions",
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr
