"""Mailbox intake against a real Dovecot IMAP server on loopback; the pipeline is a fake."""

from __future__ import annotations

import contextlib
import shutil
import socket
import tempfile
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest

from flows.mail import DONE_FLAG, MailboxConfig, MailError, poll_mailbox, single_poller
from poflow.domain import Approved, ExtractedOrder, Verdict
from tests.dovecot import ImapServer, start_dovecot


@pytest.fixture
def imap_server() -> Iterator[ImapServer]:
    root = Path(tempfile.mkdtemp(prefix="dv"))  # short: Dovecot's socket paths have a limit
    server = start_dovecot(root)
    if server is None:
        pytest.skip("dovecot is not installed (scripts/install.sh installs it)")
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)


def _config(server: ImapServer, port: int | None = None, **changes: object) -> MailboxConfig:
    config = MailboxConfig(
        host="127.0.0.1",
        port=port or server.port,
        user=server.user,
        password=server.password,
        tls=False,
        timeout_s=5,
    )
    return MailboxConfig(**{**config.__dict__, **changes})  # type: ignore[arg-type]


def _message(n: int, size: int = 0) -> bytes:
    msg = EmailMessage()
    msg["From"] = "buyer@northwind.example"
    msg["To"] = "orders@acme.example"
    msg["Subject"] = f"PO {n}"
    msg["Message-ID"] = f"<po-{n}@northwind.example>"
    msg.set_content(f"PO Number: {n}\n" + "x" * size)
    return msg.as_bytes(policy=SMTP)  # IMAP stores CRLF line ends


def _append(server: ImapServer, *messages: bytes) -> None:
    from imap_tools import MailBoxUnencrypted

    with MailBoxUnencrypted("127.0.0.1", server.port).login(server.user, server.password) as mb:
        for raw in messages:
            mb.append(raw, "INBOX")


def _flags(server: ImapServer) -> list[tuple[str, ...]]:
    from imap_tools import MailBoxUnencrypted

    with MailBoxUnencrypted("127.0.0.1", server.port).login(server.user, server.password) as mb:
        return [m.flags for m in mb.fetch(mark_seen=False, headers_only=True)]


class Pipeline:
    """Records each message; `fail` simulates a database that is down."""

    def __init__(self) -> None:
        self.taken: list[tuple[bytes, str]] = []
        self.fail = False

    def __call__(self, raw: bytes, name: str, source_ref: str) -> Verdict:
        if self.fail:
            raise MailError("database is down")
        self.taken.append((raw, source_ref))
        return Approved(document_id=len(self.taken), order_id=1, order=ExtractedOrder())

    def seen(self, *, source_ref: str, message_id: str | None) -> bool:
        return any(ref == source_ref for _, ref in self.taken)


def test_each_message_taken_once_and_flagged_after(imap_server: ImapServer, tmp_path: Path) -> None:
    _append(imap_server, _message(1), _message(2))
    pipeline = Pipeline()
    first = poll_mailbox(_config(imap_server), pipeline, pipeline, lock_dir=tmp_path)
    assert first.taken == 2
    assert [raw for raw, _ in pipeline.taken] == [_message(1), _message(2)]  # exact bytes
    assert all(DONE_FLAG in flags and "\\Seen" not in flags for flags in _flags(imap_server))
    again = poll_mailbox(_config(imap_server), pipeline, pipeline, lock_dir=tmp_path)
    assert again.taken == 0
    assert len(pipeline.taken) == 2


def test_failed_processing_leaves_message_unflagged_for_next_poll(
    imap_server: ImapServer, tmp_path: Path
) -> None:
    _append(imap_server, _message(3))
    pipeline = Pipeline()
    pipeline.fail = True
    with pytest.raises(MailError):
        poll_mailbox(_config(imap_server), pipeline, pipeline, lock_dir=tmp_path)
    assert all(DONE_FLAG not in flags for flags in _flags(imap_server))
    pipeline.fail = False
    assert poll_mailbox(_config(imap_server), pipeline, pipeline, lock_dir=tmp_path).taken == 1


def test_ledger_knows_message_whose_flag_was_lost(imap_server: ImapServer, tmp_path: Path) -> None:
    _append(imap_server, _message(4))
    pipeline = Pipeline()
    config = _config(imap_server)
    poll_mailbox(config, pipeline, pipeline, lock_dir=tmp_path)
    from imap_tools import MailBoxUnencrypted

    with MailBoxUnencrypted("127.0.0.1", imap_server.port).login(
        imap_server.user, imap_server.password
    ) as mb:
        mb.flag(mb.uids(), DONE_FLAG, False)
    result = poll_mailbox(config, pipeline, pipeline, lock_dir=tmp_path)
    assert (result.taken, result.skipped_seen) == (0, 1)
    assert len(pipeline.taken) == 1


def test_oversized_message_is_not_parsed(imap_server: ImapServer, tmp_path: Path) -> None:
    _append(imap_server, _message(5, size=50_000))
    pipeline = Pipeline()
    config = _config(imap_server, max_message_bytes=10_000)
    result = poll_mailbox(config, pipeline, pipeline, lock_dir=tmp_path)
    assert (result.taken, result.too_large) == (0, 1)
    assert pipeline.taken == []


def test_one_poll_at_a_time_per_mailbox(imap_server: ImapServer, tmp_path: Path) -> None:
    pipeline = Pipeline()
    config = _config(imap_server)
    with single_poller(tmp_path, config) as mine:
        assert mine
        assert poll_mailbox(config, pipeline, pipeline, lock_dir=tmp_path).busy


def test_connection_cut_mid_fetch_then_fetched_again(
    imap_server: ImapServer, tmp_path: Path
) -> None:
    _append(imap_server, _message(6))
    proxy = CuttingProxy(imap_server.port, cut_after=b"BODY.PEEK[]")
    pipeline = Pipeline()
    with pytest.raises(MailError):
        poll_mailbox(_config(imap_server, port=proxy.port), pipeline, pipeline, lock_dir=tmp_path)
    assert pipeline.taken == []
    assert all(DONE_FLAG not in flags for flags in _flags(imap_server))
    assert poll_mailbox(_config(imap_server), pipeline, pipeline, lock_dir=tmp_path).taken == 1
    proxy.close()


class CuttingProxy:
    """Forwards IMAP on loopback and drops the connection when the client sends `cut_after`."""

    def __init__(self, target_port: int, cut_after: bytes) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.target_port = target_port
        self.cut_after = cut_after
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        try:
            client, _ = self.listener.accept()
        except OSError:
            return
        upstream = socket.create_connection(("127.0.0.1", self.target_port))
        threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()
        self._pipe(client, upstream, True)

    def _pipe(self, src: socket.socket, dst: socket.socket, watch: bool) -> None:
        try:
            while data := src.recv(65536):
                if watch and self.cut_after in data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def close(self) -> None:
        self.listener.close()
