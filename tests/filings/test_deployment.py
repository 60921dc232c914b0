"""Deployment settings that only show up on a court's installation: object
storage (loaded afresh in a child process, with the environment a deployment
would set) and the reverse proxy."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.urls import reverse

from filings.access import client_address
from filings.models import Access, AuditEvent
from tests import factories

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "sealing.settings",
    "DJANGO_SECRET_KEY": "k7#Qz!" + "a1B2c3D4e5F6g7H8" * 4,
    "DJANGO_ALLOWED_HOSTS": "ecf.nvd.example",
}


def _run(code: str, tmp_path: Path, **env: str) -> dict:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "AWS_", "STORAGE_"))
    }
    script = "import django, json; django.setup()\n" + code
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**base, **PRODUCTION, "SEALING_VAR_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_object_storage_backend_loads_and_signs_private_urls(tmp_path):
    # No request leaves the machine: building the client and signing a URL are
    # local operations, and they fail when boto3 is missing.
    found = _run(
        "from django.core.files.storage import storages\n"
        "s = storages['default']\n"
        "print(json.dumps({'cls': type(s).__name__, 'bucket': s.bucket.name, "
        "'endpoint': s.connection.meta.client.meta.endpoint_url, "
        "'url': s.url('cases/1/94-original.pdf')}))",
        tmp_path,
        STORAGE_BACKEND="s3",
        AWS_STORAGE_BUCKET_NAME="court-filings",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9",
        AWS_ACCESS_KEY_ID="AKIAEXAMPLE",
        AWS_SECRET_ACCESS_KEY="not-a-real-secret",
    )
    assert found["cls"] == "S3Storage"
    assert found["bucket"] == "court-filings"
    assert found["endpoint"] == "http://127.0.0.1:9"
    assert found["url"].startswith("http://127.0.0.1:9/court-filings/cases/1/")
    assert "Signature=" in found["url"]  # private bucket: only signed URLs


PROXY = "10.0.0.2"  # the reverse proxy, as the app sees every request come from it


@pytest.fixture
def behind_proxy(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 1


def _request(forwarded: str | None = None):
    extra = {"REMOTE_ADDR": PROXY}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_behind_the_proxy_the_client_is_the_address_the_proxy_appended(
    behind_proxy,
):
    assert client_address(_request("203.0.113.7")) == "203.0.113.7"
    # A client that sends its own X-Forwarded-For cannot choose its address.
    assert client_address(_request("198.51.100.66, 203.0.113.7")) == "203.0.113.7"
    assert client_address(_request("2001:db8::1")) == "2001:db8::1"
    assert client_address(_request("not-an-address")) == PROXY
    assert client_address(_request()) == PROXY


def test_behind_two_proxies_the_client_is_second_from_the_right(behind_proxy, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = _request("198.51.100.66, 203.0.113.7, 10.0.0.1")
    assert client_address(request) == "203.0.113.7"


def test_without_a_proxy_a_forwarded_header_is_ignored():
    assert client_address(_request("203.0.113.7")) == PROXY


@pytest.mark.django_db
def test_audit_event_records_the_client_behind_the_proxy(cast, behind_proxy):
    document = factories.make_document(
        factories.make_entry(cast.case), access=Access.SEALED
    )
    file = document.files.get()
    response = cast.client("clerk").get(
        reverse("filings:file_download", args=[file.pk]),
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.66, 203.0.113.7",
    )
    b"".join(response.streaming_content)
    event = AuditEvent.objects.get(action=AuditEvent.Action.DOWNLOAD)
    assert event.client_address == "203.0.113.7"


@pytest.mark.django_db
def test_lockout_behind_the_proxy_is_per_client_not_for_everyone(
    cast, behind_proxy, settings
):
    url = reverse("login")
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.66"}
    clerk = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        cast.client("public").post(
            url, {"username": "clerk", "password": "wrong"}, **attacker
        )
    locked = cast.client("public").post(
        url, {"username": "clerk", "password": "correct horse battery"}, **attacker
    )
    assert locked.status_code == 429
    # The attacker cannot dodge the lockout by forging the header's left part.
    forged = {**attacker, "HTTP_X_FORWARDED_FOR": "203.0.113.7, 198.51.100.66"}
    assert (
        cast.client("public")
        .post(url, {"username": "clerk", "password": "wrong"}, **forged)
        .status_code
        == 429
    )
    response = cast.client("public").post(
        url, {"username": "clerk", "password": "correct horse battery"}, **clerk
    )
    assert response.status_code == 302


def test_the_readme_documents_every_variable_the_settings_read():
    import re

    settings_source = (ROOT / "sealing" / "settings.py").read_text()
    read = set(
        re.findall(
            r"""(?:env_bool|env_list|os\.environ\.get)\(\s*["']([A-Z0-9_]+)["']""",
            settings_source,
        )
    )
    assert len(read) > 20
    readme = (ROOT / "README.md").read_text()
    configuration = readme.split("\n## Configuration\n")[1].split("\n## ")[0]
    undocumented = {name for name in read if f"`{name}`" not in configuration}
    assert not undocumented, f"README's Configuration lacks {sorted(undocumented)}"
