"""How fast is the clerk's queue of motions to seal with a busy court's load?

Seeds a throwaway SQLite database under /tmp with 10,000 motions to seal carrying
100,000 items (bulk_create), serves the app with gunicorn on loopback, signs a clerk
in, and has 1 then 10 concurrent clients fetch the queue page (first page and
filtered pages), each client sending its next request as soon as the last is
answered. After a warm-up, prints per round: median, p95 and p99 latency,
throughput, the server's and the load generator's CPU per request, and how busy the
machine was (and how much of that was other processes). The target is p95 < 100 ms
with 10 clients.

    .venv/bin/python bench/queue.py [--motions 10000] [--items 100000]
        [--requests 2000] [--rounds 3] [--clients 1,10] [--keep DIR]

--keep DIR seeds into DIR once and reuses it on later runs (seeding takes ~30 s).
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/ holds scripts named like standard modules (inspect.py): keep it off the path.
sys.path[:] = [
    p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent
]

import argparse  # noqa: E402
import http.client  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import secrets  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from datetime import date, timedelta  # noqa: E402
from http.cookies import SimpleCookie  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 10


def _environment(workdir: Path) -> dict[str, str]:
    # The session is signed with the secret key: a kept database keeps its key.
    key_file = workdir / "secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "sealing.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": key_file.read_text(),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "SEALING_VAR_DIR": str(workdir),
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def _deadline(m: int) -> date | None:
    """Three motions in four have a deadline running, spread over a quarter."""
    return date(2026, 1, 1) + timedelta(days=m % 90) if m % 4 else None


def seed(motion_count: int, item_count: int) -> str:
    """Fill the database; return a signed-in clerk's session key."""
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.utils import timezone

    from filings.access import CLERK_GROUP
    from filings.models import Case, Court, DocketEntry, Document, Judge, Party
    from sealing.models import MotionState, MotionToSeal, SealingItem

    call_command("migrate", run_syncdb=True, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    court = Court.objects.create(
        name="United States District Court",
        district="District of Nevada",
        abbreviation="D. Nev.",
        circuit_profile="ninth-label",
    )
    judges = Judge.objects.bulk_create(
        Judge(court=court, name=f"Judge {n}", initials=f"J{n}") for n in range(20)
    )
    case_count = max(1, motion_count // 10)
    cases = Case.objects.bulk_create(
        Case(
            court=court,
            number=f"2:20-cv-{n:05d}",
            caption=f"Plaintiff {n} v. Defendant {n}",
            assigned_judge=judges[n % len(judges)],
            filed_on=date(2020, 1, 1) + timedelta(days=n % 900),
        )
        for n in range(case_count)
    )
    parties = Party.objects.bulk_create(
        Party(case=case, name=f"Party of {case.number}", role="plaintiff")
        for case in cases
    )
    # Per case: ten filings to seal from, then one docket entry per motion.
    targets_per_case = 10
    entries = DocketEntry.objects.bulk_create(
        (
            DocketEntry(
                case=case,
                number=n + 1,
                filed_on=case.filed_on + timedelta(days=n),
                text=f"FILING {n + 1}",
                nature="tro_pi" if n % 3 == 0 else "other",
            )
            for case in cases
            for n in range(targets_per_case)
        ),
        batch_size=5000,
    )
    documents = Document.objects.bulk_create(
        (
            Document(entry=entry, description=entry.text, access="provisional")
            for entry in entries
        ),
        batch_size=5000,
    )
    motion_entries = DocketEntry.objects.bulk_create(
        (
            DocketEntry(
                case=cases[m % case_count],
                number=targets_per_case + 1 + m // case_count,
                filed_on=date(2024, 1, 1) + timedelta(days=m % 600),
                text="MOTION to seal",
                kind=DocketEntry.Kind.MOTION_TO_SEAL,
            )
            for m in range(motion_count)
        ),
        batch_size=5000,
    )
    states = list(MotionState)
    now = timezone.now()
    motions = MotionToSeal.objects.bulk_create(
        (
            MotionToSeal(
                case=entry.case,
                entry=entry,
                title="Joint Motion to Seal",
                joint=True,
                state=states[m % len(states)],
                state_changed_at=now,
                next_deadline=_deadline(m),
                queue_deadline=_deadline(m) or date.max,
                filed_on=entry.filed_on,
            )
            for m, entry in enumerate(motion_entries)
        ),
        batch_size=5000,
    )
    MotionToSeal.movants.through.objects.bulk_create(
        (
            MotionToSeal.movants.through(
                motiontoseal_id=motion.pk, party_id=parties[m % case_count].pk
            )
            for m, motion in enumerate(motions)
        ),
        batch_size=5000,
    )
    per_motion = item_count // motion_count
    rulings = ["", "", "granted", "denied"]
    SealingItem.objects.bulk_create(
        (
            SealingItem(
                motion=motion,
                listed_as=k + 1,
                source_text=f"Filing (#{k + 1}), ¶¶ {k + 1}-{k + 3}",
                target=documents[
                    (m % case_count) * targets_per_case + k % targets_per_case
                ],
                portions=[{"kind": "paragraphs", "first": k + 1, "last": k + 3}],
                portions_text=f"¶¶ {k + 1}-{k + 3}",
                ground="trade_secret",
                stated_reason="discusses customer agreements",
                standard="good_cause",
                ruling=rulings[(m + k) % len(rulings)],
            )
            for m, motion in enumerate(motions)
            for k in range(per_motion)
        ),
        batch_size=5000,
    )
    clerk = User.objects.create_user("bench-clerk", password=secrets.token_urlsafe(16))
    clerk.groups.add(Group.objects.get_or_create(name=CLERK_GROUP)[0])
    session = SessionStore()
    session["_auth_user_id"] = str(clerk.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = clerk.get_session_auth_hash()
    session.create()
    return session.session_key


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


PAGE_ROWS = 25  # sealing.views.queue.QUEUE_PAGE_SIZE
PATHS = [
    "/motions/",
    "/motions/?state=under_review",
    "/motions/?judge={judge}",
    "/motions/?page=3",
    "/motions/?state=all&page=10",
]


def _client(
    port: int,
    session: str,
    paths: list[str],
    count: int,
    out: list[float],
    errors: list[str],
) -> None:
    """One client: a request, wait for the whole answer, the next (no think time).

    Plain http.client in a thread: the client spends well under a millisecond of
    CPU per request (measured and printed), so it takes little from the server.
    """
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    # Like a browser, send back the cookies the server sets (the CSRF cookie):
    # without it Django makes and sets a new CSRF secret on every page.
    cookies = {"sessionid": session}
    for n in range(count):
        path = paths[n % len(paths)]
        headers = {
            "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
            "Host": "127.0.0.1",
        }
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - started
        for header in response.headers.get_all("Set-Cookie") or []:
            cookies.update((k, m.value) for k, m in SimpleCookie(header).items())
        # Every URL asked for matches more than a page of motions: a full page.
        if response.status != 200 or body.count(b'class="state ') != PAGE_ROWS:
            errors.append(f"{path}: {response.status}")
        out.append(elapsed)
    connection.close()


def _run_clients(
    port: int, session: str, paths: list[str], total: int, clients: int
) -> tuple[list[float], list[str]]:
    per_client = -(-total // clients)
    results: list[list[float]] = [[] for _ in range(clients)]
    errors: list[str] = []
    threads = [
        threading.Thread(
            target=_client,
            args=(
                port,
                session,
                # Each client starts on a different URL, so all five run at once.
                paths[i % len(paths) :] + paths[: i % len(paths)],
                per_client,
                results[i],
                errors,
            ),
        )
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [value for chunk in results for value in chunk], errors


_TICK = os.sysconf("SC_CLK_TCK")


def _process_cpu(pids: list[int]) -> float:
    """CPU seconds (user + system) used so far by these processes."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / _TICK


def _server_pids(master: int) -> list[int]:
    """The gunicorn master and its workers."""
    pids = [master]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[1]) == master:
            pids.append(int(stat.parent.name))
    return pids


def _machine_busy() -> tuple[float, float]:
    """CPU seconds spent busy and in all, summed over every core of the machine."""
    fields = [int(n) for n in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    total = sum(fields[:8])
    return (total - idle) / _TICK, total / _TICK


def _percentile(ordered: list[float], fraction: float) -> float:
    """Nearest rank: the smallest value with at least `fraction` of them at or below."""
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


@dataclass
class Round:
    clients: int
    latencies: list[float]
    elapsed: float
    server_cpu: float
    client_cpu: float
    machine_busy: float
    machine_total: float
    load_before: float

    def line(self) -> str:
        ordered = sorted(self.latencies)
        n = len(ordered)
        ms = {
            name: _percentile(ordered, fraction) * 1000
            for name, fraction in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99))
        }
        others = self.machine_busy - self.server_cpu - self.client_cpu
        cores = os.cpu_count() or 1
        verdict = "met" if ms["p95"] < 100 else "NOT met"
        return (
            f"  {self.clients:>2} client{'s' if self.clients != 1 else ' '}: "
            f"{n} requests, median {ms['p50']:.1f} ms, p95 {ms['p95']:.1f} ms, "
            f"p99 {ms['p99']:.1f} ms, max {ordered[-1] * 1000:.1f} ms, "
            f"{n / self.elapsed:.0f} req/s (p95 < 100 ms {verdict})\n"
            f"      CPU per request: server {self.server_cpu / n * 1000:.1f} ms, "
            f"load generator {self.client_cpu / n * 1000:.2f} ms; machine "
            f"{self.machine_busy / self.machine_total * 100:.0f}% busy of {cores} "
            f"cores, of which other processes "
            f"{max(0.0, others) / self.elapsed / cores * 100:.0f}%; "
            f"load average before {self.load_before:.1f}"
        )


def measure(
    port: int, session: str, judge_id: int, total: int, clients: int, server: int
) -> tuple[Round, list[str]]:
    paths = [path.format(judge=judge_id) for path in PATHS]
    pids = _server_pids(server)
    load_before = os.getloadavg()[0]
    server_before = _process_cpu(pids)
    client_before = time.process_time()
    busy_before, all_before = _machine_busy()
    started = time.perf_counter()
    latencies, errors = _run_clients(port, session, paths, total, clients)
    elapsed = time.perf_counter() - started
    busy_after, all_after = _machine_busy()
    return (
        Round(
            clients=clients,
            latencies=latencies,
            elapsed=elapsed,
            server_cpu=_process_cpu(pids) - server_before,
            client_cpu=time.process_time() - client_before,
            machine_busy=busy_after - busy_before,
            machine_total=all_after - all_before,
            load_before=load_before,
        ),
        errors,
    )


def _seeded(workdir: Path, motions: int, items: int) -> str:
    """The clerk's session key, seeding the database unless a kept one exists."""
    session_file = workdir / "session-key"
    if session_file.exists():
        import django

        django.setup()
        print(f"reusing the database in {workdir}")
        return session_file.read_text()
    started = time.perf_counter()
    session = seed(motions, items)
    session_file.write_text(session)
    print(
        f"seeded {motions:,} motions with {items:,} items "
        f"in {time.perf_counter() - started:.1f} s ({workdir})"
    )
    return session


def _start_server(
    port: int, env: dict[str, str], workers: int, threads: int
) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "sealing.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    _wait_for(port)
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--motions", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=3, help="rounds per client count")
    parser.add_argument("--warmup", type=int, default=100, help="requests not counted")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument(
        "--clients",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[1, CLIENTS],
        help="comma-separated numbers of concurrent clients (default 1,10)",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        help="seed into this folder and keep it; reuse it if already seeded",
    )
    args = parser.parse_args()

    if args.keep:
        workdir = args.keep.resolve()
        workdir.mkdir(parents=True, exist_ok=True)
    else:
        workdir = Path(tempfile.mkdtemp(prefix="sealing-bench-queue-", dir="/tmp"))
    env = _environment(workdir)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    server = None
    try:
        session = _seeded(workdir, args.motions, args.items)
        from django.db import connections

        from filings.models import Judge

        judge_id = Judge.objects.values_list("pk", flat=True).first()
        connections.close_all()
        port = _free_port()
        server = _start_server(port, env, args.workers, args.threads)
        print(
            f"gunicorn {args.workers} workers x {args.threads} threads on loopback; "
            f"{args.warmup} warm-up requests, then {args.rounds} rounds of "
            f"{args.requests} per client count"
        )
        paths = [path.format(judge=judge_id) for path in PATHS]
        _, errors = _run_clients(port, session, paths, args.warmup, args.workers)
        if errors:
            print(f"{len(errors)} failed warm-up requests, e.g. {errors[:3]}")
            return 1
        for clients in args.clients:
            for _ in range(args.rounds):
                result, errors = measure(
                    port, session, judge_id, args.requests, clients, server.pid
                )
                if errors:
                    print(f"{len(errors)} failed requests, e.g. {errors[:3]}")
                    return 1
                print(result.line(), flush=True)
        return 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
