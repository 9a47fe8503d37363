"""Fault tests with real processes: kill -9, two workers, slow and repeated files, 500 files.

Every process here is a real `poflow worker` / `poflow watch` (tests/fault_worker.py) on a
real database; only the 500-files test swaps extraction for an instant fake at the
pipeline's seam. Text PDFs from samples/corpus keep OCR time out of it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from flows.intake import Received, submit_bytes
from poflow.settings import load_settings
from storage.blobs import BlobStore
from storage.db import Database, open_database
from storage.models import AuditEntry, Document, Order, ReviewTask

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "samples" / "corpus"
HELPER = Path(__file__).with_name("fault_worker.py")
DECIDED = ("approved", "needs_review", "failed", "duplicate")


def text_pdfs(n: int) -> list[Path]:
    pdfs = sorted(CORPUS.glob("*text_pdf*.pdf"))
    assert len(pdfs) >= n
    return pdfs[:n]


@pytest.fixture
def service_env(tmp_path: Path, database_url: str) -> dict[str, str]:
    """Environment of the processes: a fresh home and database, master data imported."""
    env = {
        **os.environ,
        "POFLOW_HOME": str(tmp_path / "home"),
        "POFLOW_DATABASE_URL": database_url,
        "POFLOW_PREFECT": "false",
        "POFLOW_WORKER_LEASE_SECONDS": "2",
        "POFLOW_WATCH_STABLE_SECONDS": "1",
        "POFLOW_WATCH_RESCAN_SECONDS": "2",
        "OMP_THREAD_LIMIT": "1",
    }
    master = ROOT / "samples" / "master"
    command = [sys.executable, "-m", "poflow.cli", "master", "import"]
    command += ["--customers", str(master / "customers.csv")]
    command += ["--products", str(master / "products.csv")]
    subprocess.run(command, env=env, check=True, capture_output=True)
    return env


@pytest.fixture
def db(service_env: dict[str, str]) -> Iterator[Database]:
    with open_database(service_env["POFLOW_DATABASE_URL"]) as database:
        yield database


def start(env: dict[str, str], role: str, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(HELPER), role, *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def stop(process: subprocess.Popen[bytes]) -> str:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    return process.stderr.read().decode() if process.stderr else ""


def wait_until(predicate: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    assert predicate(), f"not within {timeout} s"


def statuses(db: Database) -> dict[int, str]:
    with db.read_session() as session:
        return {d: s for d, s in session.execute(select(Document.id, Document.status))}


def all_decided(db: Database, n: int) -> Callable[[], bool]:
    def check() -> bool:
        now = statuses(db)
        return len(now) == n and all(s in DECIDED for s in now.values())

    return check


def decisions_per_document(db: Database) -> dict[int, int]:
    """Orders plus review tasks, per document: exactly-once means 1 for each decided one."""
    counts = {d: 0 for d, s in statuses(db).items() if s in ("approved", "needs_review")}
    with db.read_session() as session:
        for model in (Order, ReviewTask):
            rows = session.execute(
                select(model.document_id, func.count()).group_by(model.document_id)
            )
            for document_id, count in rows:
                counts[document_id] = counts.get(document_id, 0) + count
    return counts


def submit(env: dict[str, str], db: Database, paths: list[Path]) -> list[int]:
    settings = load_settings(home=Path(env["POFLOW_HOME"]))
    blobs = BlobStore(settings.blob_dir)
    ids = []
    for path in paths:
        taken = submit_bytes(db, blobs, path.read_bytes(), path.name, source="test")
        assert isinstance(taken, Received)
        ids.append(taken.document_id)
    return ids


def test_kill_9_mid_document_then_restart_decides_each_once(
    service_env: dict[str, str], db: Database
) -> None:
    ids = submit(service_env, db, text_pdfs(3))
    first = start(service_env, "worker", "--sleep", "30")
    wait_until(lambda: "extracting" in statuses(db).values(), timeout=60)
    first.send_signal(signal.SIGKILL)
    first.wait()
    stuck = [d for d, s in statuses(db).items() if s == "extracting"]
    assert len(stuck) == 1

    second = start(service_env, "worker")
    try:
        wait_until(all_decided(db, len(ids)), timeout=90)
    finally:
        log = stop(second)
    assert set(decisions_per_document(db).values()) == {1}
    with db.read_session() as session:
        details = session.scalars(
            select(AuditEntry.details).where(
                AuditEntry.entity_id == str(stuck[0]), AuditEntry.action == "status"
            )
        ).all()
    assert any("expired" in str(entry) for entry in details)
    assert "Traceback" not in log


def two_workers_decide(
    env: dict[str, str], db: Database, documents: int, sleep: float
) -> list[str]:
    """Submit text PDFs, let two worker processes decide them all; returns their logs."""
    ids = submit(env, db, text_pdfs(documents))
    workers = [start(env, "worker", "--sleep", str(sleep)) for _ in range(2)]
    try:
        wait_until(all_decided(db, len(ids)), timeout=180)
    finally:
        logs = [stop(w) for w in workers]
    assert set(decisions_per_document(db).values()) == {1}
    return logs


def test_two_workers_share_the_documents_each_decided_once(
    service_env: dict[str, str], db: Database
) -> None:
    logs = two_workers_decide(service_env, db, 6, sleep=1)
    with db.read_session() as session:
        by = set(session.scalars(select(Document.leased_by)).all())
    assert len(by) == 2, by  # both took part
    assert not any("Traceback" in log for log in logs)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_slow_file_and_repeated_files_become_one_order_each(
    service_env: dict[str, str], db: Database, tmp_path: Path
) -> None:
    inbox = Path(service_env["POFLOW_HOME"]) / "inbox"
    inbox.mkdir(parents=True)
    slow_pdf, repeated_pdf = text_pdfs(2)
    # Longer than the writer's pauses (1 s), as the setting must be for a slow scanner.
    watcher = start({**service_env, "POFLOW_WATCH_STABLE_SECONDS": "3"}, "watch")
    try:
        data = slow_pdf.read_bytes()
        with (inbox / "slow.pdf").open("wb") as out:  # ~10 s, a chunk every second
            for i in range(10):
                out.write(data[i * len(data) // 10 : (i + 1) * len(data) // 10])
                out.flush()
                time.sleep(1.0)
        shutil.copy(repeated_pdf, inbox / "again.pdf")
        wait_until(lambda: (inbox / "processed" / "again.pdf").exists(), timeout=90)
        shutil.copy(repeated_pdf, inbox / "again.pdf")  # the same file dropped twice
        shutil.copy(repeated_pdf, inbox / "renamed.pdf")  # and under another name
        processed = inbox / "processed"
        wait_until(lambda: len(list(processed.iterdir())) == 4, timeout=90)
    except AssertionError:
        raise AssertionError(sorted(str(p.relative_to(inbox)) for p in inbox.rglob("*"))) from None
    finally:
        log = stop(watcher)
    assert all_decided(db, 2)(), statuses(db)
    assert set(decisions_per_document(db).values()) == {1}
    with db.read_session() as session:
        size = session.scalars(
            select(Document.size).where(Document.original_name == "slow.pdf")
        ).one()
    assert size == len(data)  # taken whole
    assert (processed / "slow.pdf").read_bytes() == data  # the original, untouched
    assert "Traceback" not in log


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_500_files_dropped_at_once_each_taken_exactly_once(
    service_env: dict[str, str], db: Database
) -> None:
    inbox = Path(service_env["POFLOW_HOME"]) / "inbox"
    staging = inbox.parent / "staging"
    staging.mkdir(parents=True)
    for i in range(500):
        (staging / f"po-{i:03}.pdf").write_bytes(f"%PDF-1.4\n% order {i}\n%%EOF\n".encode())
    inbox.mkdir()
    watcher = start(service_env, "watch", "--fake")
    try:
        for path in staging.iterdir():  # all at once: renames within one file system
            path.rename(inbox / path.name)
        processed = inbox / "processed"
        wait_until(lambda: processed.exists() and len(os.listdir(processed)) == 500, 150)
    finally:
        log = stop(watcher)
    assert sorted(os.listdir(processed)) == sorted(f"po-{i:03}.pdf" for i in range(500))
    assert len(statuses(db)) == 500
    assert set(decisions_per_document(db).values()) == {1}
    assert "Traceback" not in log
