"""`poflow mail --once` as a real process against a real Dovecot: a connection cut mid-fetch
leaves the message unflagged and stores nothing; the next poll takes it; one order."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.mail import DONE_FLAG
from storage.db import open_database
from tests.dovecot import ImapServer, start_dovecot
from tests.test_fault_processes import decisions_per_document, statuses
from tests.test_fault_storage import master_import
from tests.test_mail_intake import CuttingProxy, _append, _flags

ROOT = Path(__file__).resolve().parents[1]
MAIL = ROOT / "samples" / "corpus" / "ca_minimal-email_attachment-01.eml"


@pytest.fixture
def mailbox() -> Iterator[ImapServer]:
    root = Path(tempfile.mkdtemp(prefix="dv"))  # short: Dovecot's socket paths have a limit
    server = start_dovecot(root)
    if server is None:
        pytest.skip("dovecot is not installed")
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)


def poll(env: dict[str, str], port: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "poflow.cli", "mail", "--once"],
        env={**env, "POFLOW_IMAP_PORT": str(port)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_connection_cut_mid_fetch_then_one_order(mailbox: ImapServer, tmp_path: Path) -> None:
    imap_server = mailbox
    env = {
        **os.environ,
        "POFLOW_HOME": str(tmp_path / "home"),
        "POFLOW_PREFECT": "false",
        "POFLOW_IMAP_HOST": "127.0.0.1",
        "POFLOW_IMAP_TLS": "false",
        "POFLOW_IMAP_USER": imap_server.user,
        "POFLOW_IMAP_PASSWORD": imap_server.password,
        "OMP_THREAD_LIMIT": "1",
    }
    env.pop("POFLOW_DATABASE_URL", None)
    master_import(env)
    _append(imap_server, MAIL.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))

    proxy = CuttingProxy(imap_server.port, cut_after=b"BODY.PEEK[]")
    cut = poll(env, proxy.port)
    proxy.close()
    assert cut.returncode != 0
    assert cut.stderr.strip().splitlines()[-1].startswith("poflow: mailbox")
    assert "Traceback" not in cut.stderr
    assert all(DONE_FLAG not in flags for flags in _flags(imap_server))

    for _ in range(2):  # the next poll takes it; the one after finds nothing new
        done = poll(env, imap_server.port)
        assert done.returncode == 0, done.stderr
    assert all(DONE_FLAG in flags for flags in _flags(imap_server))
    with open_database(f"sqlite:///{tmp_path / 'home' / 'poflow.db'}") as db:
        assert len(statuses(db)) == 1
        assert set(decisions_per_document(db).values()) == {1}
