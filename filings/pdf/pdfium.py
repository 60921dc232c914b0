"""One process-wide lock for PDFium.

PDFium is not thread-safe: it must never be called from two threads at once, not
even on different documents (pypdfium2's documentation says so, and a threaded
server crashed on it while serving thumbnails). Every use of pypdfium2 that a
web request can reach runs inside ``pdfium_lock()``, and closes what it opened
before leaving, so that no finalizer calls PDFium later from another thread.

The lock is re-entrant, so a locked function may call another. Background
workers are single-threaded processes and pay only an uncontended acquire.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.RLock()


@contextmanager
def pdfium_lock() -> Iterator[None]:
    with _LOCK:
        yield
