"""When the toolkit may read a document in a forked child on the second core.

Layout analysis and the verification gate split their pages with one forked
child. Forking is safe only where no other thread exists whose locks (the
PDFium lock, a logging handler's) the child could inherit held: background
workers and command-line runs are single-threaded, a threaded web server is
not, and there the reading stays serial.
"""

from __future__ import annotations

import multiprocessing
import os
import threading


def can_fork() -> bool:
    """Two cores, the fork start method, and no other thread in this process."""
    return (
        (os.cpu_count() or 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )
