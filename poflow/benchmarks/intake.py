"""`poflow bench intake DIR`: the service end to end, with 1 and then 2 worker processes.

For each worker count: a fresh home (SQLite, master data from samples/master), a
`poflow watch --intake-only` process and N `poflow worker` processes; the documents of DIR
(or of a glob, `'samples/corpus/*scan*'`) are copied into the inbox at once. Measured:
documents and OCR'd pages per minute (first file closed → last decision), latency file
closed → decision (p50/p95, from the audit log's status times), per kind of input as the
pipeline read it (text_pdf, scan, photo, …), and, with Prefect on, Prefect's time per
document (run wall time minus the time inside the stages, from the workers' `flow-timing`
lines) as a share of the flow run and of the median latency. The load average is printed
too: other work on the machine slows both runs and flattens the 2-worker gain.
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
from typing import Any

from poflow.settings import Settings
from poflow.stats import nearest_rank

DOCUMENT_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".eml")
DECIDED = ("approved", "needs_review", "failed", "duplicate")
TIMING = re.compile(r"flow-timing document=(\d+) total=([\d.]+) stages=([\d.]+)")
MASTER = Path(__file__).resolve().parents[2] / "samples" / "master"
OCR_KINDS = ("scan", "photo")  # pages read by Tesseract


@dataclass(frozen=True)
class Decision:
    at: float  # wall-clock time of the decision
    kind: str  # how the pipeline read the document: text_pdf, scan, photo, ...
    pages: int


@dataclass(frozen=True)
class Figures:
    workers: int
    documents: int
    per_minute: float
    p50: float
    p95: float
    prefect_share: tuple[float, float] | None  # (share of the flow run, seconds per run)
    ocr_pages_per_minute: float
    latency_by_kind: dict[str, tuple[int, float, float]]  # kind -> (documents, p50, p95)
    worker_cores: float  # CPU the workers got (with their Tesseract runs), in cores
    load: float  # the machine's 1-minute load average at the end


def bench_intake(directory: Path, settings: Settings, *, limit: int | None = None) -> int:
    files = documents_in(directory)[: limit or 10]
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


def documents_in(directory: Path) -> list[Path]:
    """The documents under a folder, or matching a glob such as `samples/corpus/*scan*`."""
    if directory.is_dir():
        found = directory.rglob("*")
    else:
        found = Path(directory.anchor or ".").glob(str(directory.relative_to(directory.anchor)))
    return sorted(p for p in found if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)


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
            worker_pids = [process.pid for process in processes[:workers]]
            cpu_before = _cpu_seconds(worker_pids)
            closed = _drop(files, home / "inbox")
            decided = _wait_decided(home, len(files))
            cpu = _cpu_seconds(worker_pids) - cpu_before
        finally:
            for process in processes:
                process.send_signal(signal.SIGTERM)
            for process in processes:
                process.wait(timeout=60)
        return _figures(workers, closed, decided, logs, cpu)


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


def _wait_decided(home: Path, count: int, timeout: float = 1800) -> dict[str, Decision]:
    """Wait for every document's decision; returns when and what it was, by file name."""
    from sqlalchemy import select

    from storage.db import open_database
    from storage.models import AuditEntry, Document

    deadline = time.monotonic() + timeout
    with open_database(f"sqlite:///{home.resolve() / 'poflow.db'}", migrate=False) as db:
        while time.monotonic() < deadline:
            with db.read_session() as session:
                documents = {
                    row.id: row
                    for row in session.execute(
                        select(
                            Document.id,
                            Document.original_name,
                            Document.media_kind,
                            Document.page_count,
                        )
                    )
                }
                entries = session.execute(
                    select(AuditEntry.entity_id, AuditEntry.at, AuditEntry.details).where(
                        AuditEntry.entity == "document", AuditEntry.action == "status"
                    )
                ).all()
            decided = {
                documents[int(entity)].original_name: _decision(documents[int(entity)], at)
                for entity, at, details in entries
                if (details or {}).get("status") in DECIDED
            }
            if len(decided) >= count:
                return decided
            time.sleep(0.5)
    raise TimeoutError("not every document was decided")


def _cpu_seconds(pids: list[int]) -> float:
    """CPU time of the processes and of their finished children (Tesseract), from /proc."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    return total / os.sysconf("SC_CLK_TCK")


def _decision(document: Any, at: datetime) -> Decision:
    return Decision(_epoch(at), document.media_kind or "unread", document.page_count or 0)


def _epoch(at: datetime) -> float:
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).timestamp()


def _figures(
    workers: int,
    closed: dict[str, float],
    decided: dict[str, Decision],
    logs: list[Path],
    cpu_seconds: float,
) -> Figures:
    span = max(d.at for d in decided.values()) - min(closed.values())
    per_minute = 60 / span if span > 0 else 0.0
    by_kind: dict[str, list[float]] = {}
    for name, decision in decided.items():
        by_kind.setdefault(decision.kind, []).append(decision.at - closed[name])
    p50, p95 = _percentiles([decided[name].at - closed[name] for name in closed])
    ocr_pages = sum(d.pages for d in decided.values() if d.kind in OCR_KINDS)
    return Figures(
        workers=workers,
        documents=len(closed),
        per_minute=per_minute * len(closed),
        p50=p50,
        p95=p95,
        prefect_share=_prefect_share(logs),
        ocr_pages_per_minute=per_minute * ocr_pages,
        latency_by_kind={
            kind: (len(latencies), *_percentiles(latencies))
            for kind, latencies in sorted(by_kind.items())
        },
        worker_cores=cpu_seconds / span if span > 0 else 0.0,
        load=os.getloadavg()[0],
    )


def _percentiles(values: list[float]) -> tuple[float, float]:
    """(p50, p95)."""
    return statistics.median(values), nearest_rank(values, 0.95)


def _prefect_share(logs: list[Path]) -> tuple[float, float] | None:
    """Prefect's share of the flow runs' wall time and its seconds per run, from the
    workers' `flow-timing` lines."""
    runs, totals, stages = 0, 0.0, 0.0
    for log in logs:
        for match in TIMING.finditer(log.read_text(errors="replace")):
            runs += 1
            totals += float(match.group(2))
            stages += float(match.group(3))
    return ((totals - stages) / totals, (totals - stages) / runs) if totals else None


def _print_table(rows: list[Figures]) -> None:
    print(
        f"{'workers':>7} {'docs':>5} {'docs/min':>9} {'OCR pages/min':>14} "
        f"{'p50 s':>7} {'p95 s':>7} {'Prefect: s, of run, of p50':>27} {'cores':>5} {'load':>5}"
    )
    for row in rows:
        share = "off"
        if row.prefect_share is not None:
            run_share, seconds = row.prefect_share
            of_latency = seconds / row.p50 if row.p50 else 0.0
            share = f"{seconds:.2f} s {100 * run_share:3.0f} % {100 * of_latency:3.0f} %"
        print(
            f"{row.workers:>7} {row.documents:>5} {row.per_minute:>9.1f} "
            f"{row.ocr_pages_per_minute:>14.1f} {row.p50:>7.2f} {row.p95:>7.2f} "
            f"{share:>27} {row.worker_cores:>5.2f} {row.load:>5.1f}"
        )
        for kind, (count, p50, p95) in row.latency_by_kind.items():
            print(f"{'':>7} {count:>5} {kind:>24} {p50:>7.2f} {p95:>7.2f}")
    if len(rows) == 2 and rows[0].per_minute:
        print(f"2 workers / 1 worker: {rows[1].per_minute / rows[0].per_minute:.2f} x")
