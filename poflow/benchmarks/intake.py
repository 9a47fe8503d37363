"""`poflow bench intake DIR`: the service end to end, with 1 and then 2 worker processes.

For each worker count: a fresh home (SQLite, master data from samples/master), a
`poflow watch --intake-only` process and N `poflow worker` processes; the documents of DIR
are copied into the inbox at once. Measured: documents per minute (first file closed →
last decision), latency file closed → decision (p50/p95, from the audit log's status
times), and, with Prefect on, Prefect's share of each flow run (run wall time minus the
time inside the stages, from the workers' `flow-timing` lines).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from poflow.settings import Settings

DOCUMENT_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".eml")
DECIDED = ("approved", "needs_review", "failed", "duplicate")
TIMING = re.compile(r"flow-timing document=(\d+) total=([\d.]+) stages=([\d.]+)")
MASTER = Path(__file__).resolve().parents[2] / "samples" / "master"


@dataclass(frozen=True)
class Figures:
    workers: int
    documents: int
    per_minute: float
    p50: float
    p95: float
    prefect_share: float | None


def bench_intake(directory: Path, settings: Settings, *, limit: int | None = None) -> int:
    files = sorted(p for p in directory.rglob("*") if p.suffix.lower() in DOCUMENT_SUFFIXES)
    files = files[: limit or 10]
    if not files:
        print(f"no documents under {directory}")
        return 1
    server = _prefect_server(settings)
    try:
        rows = [_one_run(files, workers, settings) for workers in (1, 2)]
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    _print_table(rows)
    return 0


def _prefect_server(settings: Settings) -> subprocess.Popen[bytes] | None:
    """One local Prefect server for both runs (unless PREFECT_API_URL names one)."""
    from flows.service import prefect_server, wait_healthy

    server = prefect_server(settings)
    if server is not None:
        wait_healthy(os.environ["PREFECT_API_URL"], server)
    return server


def _one_run(files: list[Path], workers: int, settings: Settings) -> Figures:
    with tempfile.TemporaryDirectory(prefix="poflow-bench-") as temp:
        home = Path(temp)
        env = _environment(home, settings)
        _run([sys.executable, "-m", "poflow.cli", "db", "upgrade"], env)
        if MASTER.is_dir():
            _import_master(env)
        logs = [home / f"worker-{i}.log" for i in range(workers)]
        processes = [_start(["-v", "worker"], env, log) for log in logs]
        processes.append(_start(["watch", "--intake-only"], env, home / "watch.log"))
        try:
            _wait_ready(logs, home / "watch.log")
            closed = _drop(files, home / "inbox")
            decided = _wait_decided(home, len(files))
        finally:
            for process in processes:
                process.send_signal(signal.SIGTERM)
            for process in processes:
                process.wait(timeout=60)
        return _figures(workers, closed, decided, logs)


def _environment(home: Path, settings: Settings) -> dict[str, str]:
    env = {**os.environ, "POFLOW_HOME": str(home), "OMP_THREAD_LIMIT": "1"}
    env.pop("POFLOW_DATABASE_URL", None)
    env["POFLOW_WATCH_STABLE_SECONDS"] = "0.5"
    env["POFLOW_PREFECT"] = "true" if settings.prefect else "false"
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    subprocess.run(command, env=env, check=True, capture_output=True)


def _import_master(env: dict[str, str]) -> None:
    command = [sys.executable, "-m", "poflow.cli", "master", "import"]
    command += ["--customers", str(MASTER / "customers.csv")]
    command += ["--products", str(MASTER / "products.csv")]
    _run(command, env)


def _start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        command = [sys.executable, "-m", "poflow.cli", *args]
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)


def _wait_ready(worker_logs: list[Path], watch_log: Path, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        texts = [log.read_text(errors="replace") for log in [*worker_logs, watch_log]]
        if all("ready" in t for t in texts[:-1]) and "watching" in texts[-1]:
            return
        time.sleep(0.2)
    raise TimeoutError("the workers did not start")


def _drop(files: list[Path], inbox: Path) -> dict[str, float]:
    """Copy the files in; returns the wall-clock time each was closed, by name."""
    closed: dict[str, float] = {}
    for n, path in enumerate(files):
        name = f"{n:04}-{path.name}"
        shutil.copyfile(path, inbox / name)
        closed[name] = time.time()
    return closed


def _wait_decided(home: Path, count: int, timeout: float = 1800) -> dict[str, float]:
    """Wait for every document's decision; returns its wall-clock time, by file name."""
    from sqlalchemy import select

    from storage.db import open_database
    from storage.models import AuditEntry, Document

    deadline = time.monotonic() + timeout
    with open_database(f"sqlite:///{home.resolve() / 'poflow.db'}", migrate=False) as db:
        while time.monotonic() < deadline:
            with db.read_session() as session:
                names = dict(session.execute(select(Document.id, Document.original_name)).all())
                entries = session.execute(
                    select(AuditEntry.entity_id, AuditEntry.at, AuditEntry.details).where(
                        AuditEntry.entity == "document", AuditEntry.action == "status"
                    )
                ).all()
            decided = {
                names[int(entity)]: _epoch(at)
                for entity, at, details in entries
                if (details or {}).get("status") in DECIDED
            }
            if len(decided) >= count:
                return decided
            time.sleep(0.5)
    raise TimeoutError("not every document was decided")


def _epoch(at: datetime) -> float:
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).timestamp()


def _figures(
    workers: int, closed: dict[str, float], decided: dict[str, float], logs: list[Path]
) -> Figures:
    latencies = sorted(decided[name] - closed[name] for name in closed)
    span = max(decided.values()) - min(closed.values())
    totals = stages = 0.0
    for log in logs:
        for match in TIMING.finditer(log.read_text(errors="replace")):
            totals += float(match.group(2))
            stages += float(match.group(3))
    share = (totals - stages) / totals if totals else None
    return Figures(
        workers=workers,
        documents=len(closed),
        per_minute=60 * len(closed) / span if span > 0 else 0.0,
        p50=statistics.median(latencies),
        p95=latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))],
        prefect_share=share,
    )


def _print_table(rows: list[Figures]) -> None:
    print(f"{'workers':>7} {'docs':>5} {'docs/min':>9} {'p50 s':>7} {'p95 s':>7} {'Prefect':>8}")
    for row in rows:
        share = f"{100 * row.prefect_share:.0f} %" if row.prefect_share is not None else "off"
        print(
            f"{row.workers:>7} {row.documents:>5} {row.per_minute:>9.1f} "
            f"{row.p50:>7.2f} {row.p95:>7.2f} {share:>8}"
        )
    if len(rows) == 2 and rows[0].per_minute:
        print(f"2 workers / 1 worker: {rows[1].per_minute / rows[0].per_minute:.2f} x")
