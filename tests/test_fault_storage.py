"""Fault tests on storage, with real processes: the data folder full, the database down.

Disk full: a 2 MB tmpfs as `POFLOW_HOME` (needs root to mount; skipped otherwise).
Database down: a throw-away PostgreSQL cluster of this test's own (not the shared test
server), stopped for a while under a working `poflow worker`, then started again.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.db import open_database
from tests.test_fault_processes import (
    all_decided,
    decisions_per_document,
    start,
    statuses,
    stop,
    submit,
    text_pdfs,
    wait_until,
)

ROOT = Path(__file__).resolve().parents[1]
PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None)


def master_import(env: dict[str, str]) -> None:
    master = ROOT / "samples" / "master"
    command = [sys.executable, "-m", "poflow.cli", "master", "import"]
    command += ["--customers", str(master / "customers.csv")]
    command += ["--products", str(master / "products.csv")]
    subprocess.run(command, env=env, check=True, capture_output=True)


@pytest.fixture
def tiny_home(tmp_path: Path) -> Iterator[Path]:
    home = tmp_path / "home"
    home.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(home)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (not root)")
    try:
        yield home
    finally:
        subprocess.run(["umount", "-l", str(home)], check=False)


def fill(folder: Path) -> None:
    """Write until the file system says no space is left."""
    with contextlib.suppress(OSError), (folder / "filler").open("wb") as out:
        while True:
            out.write(b"\0" * 65536)
            out.flush()


def test_disk_full_is_a_clear_error_and_the_input_stays(tiny_home: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    env = {
        **os.environ,
        "POFLOW_HOME": str(tiny_home),
        "POFLOW_WATCH_DIR": str(inbox),
        "POFLOW_PREFECT": "false",
        "POFLOW_WATCH_STABLE_SECONDS": "0.5",
    }
    master_import(env)
    watcher = subprocess.Popen(
        [sys.executable, "-m", "poflow.cli", "watch"], env=env, stderr=subprocess.PIPE
    )
    try:
        wait_until(lambda: (inbox / "processing").is_dir(), timeout=60)
        fill(tiny_home)
        pdf = text_pdfs(1)[0]
        shutil.copy(pdf, inbox / "order.pdf")
        code = watcher.wait(timeout=60)
    finally:
        if watcher.poll() is None:
            watcher.kill()
    message = watcher.stderr.read().decode() if watcher.stderr else ""
    assert code != 0
    assert "poflow: cannot store original" in message and "is full" in message, message
    assert "Traceback" not in message
    assert (inbox / "order.pdf").read_bytes() == pdf.read_bytes()  # back where it was dropped
    assert not any((inbox / "processing").iterdir())


class Cluster:
    """A PostgreSQL cluster of this test's own, on its own port."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.data = Path(f"/tmp/poflow-fault-pg-{uuid.uuid4().hex[:8]}")
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"

    def as_postgres(self, command: str) -> None:
        subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c", command], check=True)

    def start(self) -> None:
        script = ROOT / "tests" / "start_postgres.sh"
        subprocess.run(
            ["sh", str(script), str(self.port), str(self.data)], check=True, capture_output=True
        )

    def stop(self) -> None:
        self.as_postgres(f"'{PG_BIN}/pg_ctl' -D '{self.data}' -m fast -w stop >/dev/null")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.data, ignore_errors=True)
        Path(f"{self.data}.log").unlink(missing_ok=True)
        Path(f"{self.data}.initdb.log").unlink(missing_ok=True)


@pytest.fixture
def own_cluster() -> Iterator[Cluster]:
    if PG_BIN is None or os.geteuid() != 0:
        pytest.skip("needs PostgreSQL binaries and root (to run them as postgres)")
    cluster = Cluster(55400 + os.getpid() % 90)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.remove()


DOWN_SECONDS = float(os.environ.get("POFLOW_FAULT_DB_DOWN_SECONDS", "15"))


def test_database_down_for_a_while_is_waited_out_nothing_lost(
    own_cluster: Cluster, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "POFLOW_HOME": str(tmp_path / "home"),
        "POFLOW_DATABASE_URL": own_cluster.url,
        "POFLOW_PREFECT": "false",
        "POFLOW_WORKER_LEASE_SECONDS": "2",
        "OMP_THREAD_LIMIT": "1",
    }
    master_import(env)
    with open_database(own_cluster.url) as db:
        ids = submit(env, db, text_pdfs(4))
        worker = start(env, "worker", "--sleep", "1")
        try:
            wait_until(lambda: "extracting" in statuses(db).values(), timeout=60)
            db.engine.dispose()
            own_cluster.stop()
            time.sleep(DOWN_SECONDS)
            assert worker.poll() is None  # waited, did not give up
            own_cluster.start()
            wait_until(all_decided(db, len(ids)), timeout=90)
        finally:
            worker.send_signal(signal.SIGTERM)
            log = stop(worker)
        assert set(decisions_per_document(db).values()) == {1}
    assert "database trouble" in log  # it said what it was waiting for
    assert "Traceback" not in log
