"""Which Chromium the browser tests drive, on Debian, on Ubuntu and elsewhere."""

import stat

from tests.conftest import chromium_executable

SNAP_WRAPPER = b"""#!/bin/sh
if ! [ -x /snap/bin/chromium ]; then
  echo "Command '$0' requires the chromium snap to be installed." >&2
  exit 1
fi
exec /snap/bin/chromium "$@"
"""
DEBIAN_LAUNCHER = (
    b'#!/bin/sh\n# Chromium launcher\nexec /usr/lib/chromium/chromium "$@"\n'
)


def _bin(tmp_path, name: str, content: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def test_chromium_from_the_environment_comes_first(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    _bin(tmp_path, "chromium", DEBIAN_LAUNCHER)
    monkeypatch.setenv("CHROMIUM", "/opt/google/chrome/chrome")
    assert chromium_executable() == "/opt/google/chrome/chrome"


def test_debian_chromium_on_the_path(monkeypatch, tmp_path):
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    path = _bin(tmp_path, "chromium", DEBIAN_LAUNCHER)
    assert chromium_executable() == path


def test_chromium_browser_on_the_path(monkeypatch, tmp_path):
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    path = _bin(tmp_path, "chromium-browser", b"\x7fELF binary")
    assert chromium_executable() == path


def test_ubuntu_snap_wrappers_fall_back_to_playwrights_own(monkeypatch, tmp_path):
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    _bin(tmp_path, "chromium", SNAP_WRAPPER)
    _bin(tmp_path, "chromium-browser", SNAP_WRAPPER)
    assert chromium_executable() is None


def test_no_chromium_at_all_means_playwrights_own(monkeypatch, tmp_path):
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert chromium_executable() is None
