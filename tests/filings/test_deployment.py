"""Deployment settings that only show up on a court's installation: object
storage and the reverse proxy. Each loads the production settings afresh in a
child process, with the environment a deployment would set."""

import json
import os
import subprocess
import sys
from pathlib import Path

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
