"""The test session's cast of users, a private Redis, and shared fixtures."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import redis
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from filings.access import CLERK_GROUP
from filings.models import Case, Court, Party
from sealing.settings import redis_url_with_timeouts
from tests import factories


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session", autouse=True)
def private_redis() -> Iterator[str]:
    """A Redis of the test session's own on a loopback port, never a shared one."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.exit(
            "redis-server is not installed; run `make test`, which installs it.", 2
        )
    port = _free_port()
    workdir = tempfile.mkdtemp(prefix="sealing-test-redis-")
    process = subprocess.Popen(
        [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            workdir,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    else:
        process.kill()
        pytest.exit("the private Redis did not start", 2)
    client.close()
    settings.RQ_QUEUES["default"]["URL"] = redis_url_with_timeouts(
        url, settings.REDIS_TIMEOUT
    )
    yield url
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(workdir, ignore_errors=True)


class Outage:
    """Points the queue at a port nothing listens on, and back."""

    def __init__(self, settings) -> None:
        self.queue = settings.RQ_QUEUES["default"]
        self.url = self.queue["URL"]

    def start(self) -> None:
        self.queue["URL"] = f"redis://127.0.0.1:{_free_port()}/0"

    def end(self) -> None:
        self.queue["URL"] = self.url


@pytest.fixture
def outage(settings) -> Iterator[Outage]:
    """The job queue unreachable for the test (``outage.end()`` brings it back)."""
    outage = Outage(settings)
    outage.start()
    yield outage
    outage.end()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


@dataclass
class Cast:
    """One case with a clerk, a judge, counsel for each side, an attorney from another
    case, and the public."""

    court: Court
    case: Case
    other_case: Case
    plaintiff: Party
    defendant: Party
    clerk: User
    judge: User
    plaintiff_counsel: User
    defendant_counsel: User
    outsider: User

    def client(self, role: str) -> Client:
        client = Client()
        if role != "public":
            client.force_login(getattr(self, role))
        return client


ROLES = [
    "clerk",
    "judge",
    "plaintiff_counsel",
    "defendant_counsel",
    "outsider",
    "public",
]


@pytest.fixture
def cast(db) -> Cast:
    court = factories.make_court()
    judge = factories.make_judge(court)
    case = factories.make_case(court, assigned_judge=judge)
    other_case = factories.make_case(court, caption="Other Corp. v. Someone")
    plaintiff = factories.make_party(
        case, "Lumina Software, Inc.", Party.Role.PLAINTIFF
    )
    defendant = factories.make_party(case, "Harrow Group, LLC", Party.Role.DEFENDANT)
    other_party = factories.make_party(other_case, "Other Corp.")
    return Cast(
        court=court,
        case=case,
        other_case=other_case,
        plaintiff=plaintiff,
        defendant=defendant,
        clerk=factories.make_user("clerk", groups=(CLERK_GROUP,)),
        judge=judge.user,
        plaintiff_counsel=factories.make_counsel(
            case, plaintiff, factories.make_user("pcounsel")
        ),
        defendant_counsel=factories.make_counsel(
            case, defendant, factories.make_user("dcounsel")
        ),
        outsider=factories.make_counsel(
            other_case, other_party, factories.make_user("outsider")
        ),
    )


def chromium_executable() -> str | None:
    """The Chromium the browser tests drive: ``$CHROMIUM`` if set, else a
    ``chromium`` or ``chromium-browser`` on PATH (Debian's package), else None for
    Playwright's own (``.venv/bin/playwright install chromium``). Ubuntu's snap
    Chromium is passed over: its confinement keeps Playwright from driving it."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path and not _is_snap(path):
            return path
    return None


def _is_snap(path: str) -> bool:
    real = os.path.realpath(path)
    if real.startswith("/snap/"):
        return True
    try:
        with open(real, "rb") as handle:
            head = handle.read(65536)
    except OSError:
        return False
    # Ubuntu's chromium and chromium-browser debs are scripts that run the snap.
    return head.startswith(b"#!") and b"/snap/" in head


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium driven by Playwright (see ``chromium_executable``)."""
    from playwright.sync_api import Error, sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls
    # made by the tests around it are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    executable = chromium_executable()
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=executable, args=CHROMIUM_FLAGS
            )
        except Error as exc:
            which = executable or "Playwright's own Chromium"
            pytest.exit(
                f"Chromium could not be started ({which}): "
                f"{exc.message.splitlines()[0]}\nInstall Debian's chromium, set "
                "CHROMIUM=/path/to/chrome, or run "
                "`.venv/bin/playwright install --with-deps chromium`.",
                2,
            )
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def log_in(
    page, live_server, username: str, password: str = "correct horse battery"
) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
