"""`poflow run` as a real process (Prefect off, to keep it quick): a dropped file is decided
by a worker process; SIGTERM stops the service and its workers cleanly (exit 0)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

from storage.db import open_database
from tests.test_fault_processes import (
    all_decided,
    decisions_per_document,
    text_pdfs,
    wait_until,
)
from tests.test_fault_storage import master_import


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_run_takes_a_file_through_a_worker_and_stops_cleanly(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {
        **os.environ,
        "POFLOW_HOME": str(home),
        "POFLOW_PREFECT": "false",
        "POFLOW_WATCH_STABLE_SECONDS": "0.5",
        "POFLOW_WEB_PORT": str(free_port()),
        "OMP_THREAD_LIMIT": "1",
    }
    for key in ("POFLOW_DATABASE_URL", "POFLOW_IMAP_HOST", "PREFECT_API_URL"):
        env.pop(key, None)
    master_import(env)
    service = subprocess.Popen(
        [sys.executable, "-m", "poflow.cli", "run", "--workers", "1"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until(lambda: (home / "inbox" / "processing").is_dir(), timeout=60)
        shutil.copy(text_pdfs(1)[0], home / "inbox" / "order.pdf")
        with open_database(f"sqlite:///{home / 'poflow.db'}") as db:
            wait_until(all_decided(db, 1), timeout=60)
            assert set(decisions_per_document(db).values()) == {1}
            with db.read_session() as session:
                from sqlalchemy import select

                from storage.models import Document

                leased_by = session.scalars(select(Document.leased_by)).one()
        assert leased_by and f":{service.pid}:" not in leased_by  # a worker process decided
        wait_until(lambda: (home / "inbox" / "processed" / "order.pdf").exists(), timeout=30)
    finally:
        service.send_signal(signal.SIGTERM)
        code = service.wait(timeout=60)
    log = service.stderr.read() if service.stderr else ""
    assert code == 0, log
    assert "Traceback" not in log
    assert "poflow is running" in log
