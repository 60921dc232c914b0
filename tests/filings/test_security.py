"""Settings safety, log-in throttling, session expiry, CSRF and the CSP header."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "sealing.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_start_without_secret_key_fails_with_a_clear_message():
    result = _manage("check", DJANGO_ALLOWED_HOSTS="court.example")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_start_without_allowed_hosts_fails_with_a_clear_message():
    result = _manage("check", DJANGO_SECRET_KEY="x" * 64)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_deploy_checks_pass_with_production_settings(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="k7#Qz!" + "a1B2c3D4e5F6g7H8" * 4,
        DJANGO_ALLOWED_HOSTS="ecf.nvd.example",
        SEALING_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_login_is_throttled_after_repeated_failures(cast, settings):
    client = cast.client("public")
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "clerk", "password": "wrong"})
        assert response.status_code == 200
    assert (
        client.post(url, {"username": "clerk", "password": "wrong"}).status_code == 429
    )
    response = client.post(
        url, {"username": "clerk", "password": "correct horse battery"}
    )
    assert response.status_code == 429
    assert b"Too many failed log-in attempts" in response.content


@pytest.mark.django_db
def test_correct_password_logs_in(cast):
    response = cast.client("public").post(
        reverse("login"), {"username": "clerk", "password": "correct horse battery"}
    )
    assert response.status_code == 302


def test_sessions_expire():
    assert django_settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert django_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_scripts(client):
    response = client.get(reverse("filings:case_list"))
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()
    assert "style=" not in response.content.decode()


@pytest.mark.django_db
def test_login_form_carries_a_csrf_token(client):
    assert b"csrfmiddlewaretoken" in client.get(reverse("login")).content
