"""Mailbox intake: purchase orders e-mailed to an IMAP mailbox, each message taken exactly once.

A message is fetched with BODY.PEEK[] (so it is not marked read by looking), its raw
bytes go through the pipeline as one `.eml` document (which stores them first, then
reads its attachments or typed body), and only after the database has committed the
outcome is the message flagged with `$PoflowDone`. A crash or a cut connection before
that leaves the message unflagged, so the next poll takes it again; the ledger
(account, folder, UIDVALIDITY, UID, and Message-ID) and the document's SHA-256 make
sure it becomes one order, not two.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import imaplib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from flows.intake import Received
from poflow.domain import Verdict
from poflow.errors import PoflowError

if TYPE_CHECKING:
    from imap_tools import BaseMailBox

log = logging.getLogger(__name__)

DONE_FLAG = "$PoflowDone"
TOO_LARGE_FLAG = "$PoflowTooLarge"

# (raw bytes, display name, source ref) -> verdict, or Received when a worker decides later
ProcessMessage = Callable[[bytes, str, str], Verdict | Received]


class MailError(PoflowError):
    """The mailbox cannot be reached or read; the next poll tries again."""

    exit_code = 4


@dataclass(frozen=True)
class MailboxConfig:
    host: str
    port: int
    user: str
    password: str
    folder: str = "INBOX"
    tls: bool = True
    max_message_bytes: int = 30_000_000
    timeout_s: float = 60.0

    @property
    def account(self) -> str:
        return f"{self.user}@{self.host}:{self.port}"


class MailLedger(Protocol):
    """Remembers which messages reached a final state (storage implements it)."""

    def seen(self, *, source_ref: str, message_id: str | None) -> bool: ...


@dataclass(frozen=True)
class MessageKey:
    account: str
    folder: str
    uidvalidity: int
    uid: int

    def source_ref(self) -> str:
        return f"imap:{self.account}/{self.folder};UIDVALIDITY={self.uidvalidity};UID={self.uid}"


@dataclass(frozen=True)
class PollResult:
    taken: int = 0
    skipped_seen: int = 0
    too_large: int = 0
    busy: bool = False


@contextlib.contextmanager
def single_poller(lock_dir: Path, config: MailboxConfig) -> Iterator[bool]:
    """Yields True when this process may poll the mailbox; one poll at a time per mailbox."""
    lock_dir.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha256(f"{config.account}/{config.folder}".encode()).hexdigest()[:16]
    with open(lock_dir / f"mail-{name}.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def connect(config: MailboxConfig) -> BaseMailBox:
    """A logged-in imap-tools mailbox with the folder selected."""
    from imap_tools import MailBox, MailBoxUnencrypted
    from imap_tools.errors import ImapToolsError

    try:
        if config.tls:
            mailbox: BaseMailBox = MailBox(config.host, config.port, timeout=config.timeout_s)
        else:
            mailbox = MailBoxUnencrypted(config.host, config.port, timeout=config.timeout_s)
        return mailbox.login(config.user, config.password, initial_folder=config.folder)
    except (OSError, imaplib.IMAP4.error, ImapToolsError) as exc:
        raise MailError(f"mailbox {config.account}: {exc}") from None


def poll_mailbox(
    config: MailboxConfig,
    process: ProcessMessage,
    ledger: MailLedger,
    *,
    lock_dir: Path,
) -> PollResult:
    """One pass over the mailbox: every message not yet done goes through the pipeline."""
    with single_poller(lock_dir, config) as mine:
        if not mine:
            log.info("another poll of %s is running; skipping this one", config.account)
            return PollResult(busy=True)
        from imap_tools.errors import ImapToolsError

        mailbox = connect(config)
        try:
            return _take_messages(mailbox, config, process, ledger)
        except (OSError, imaplib.IMAP4.error, ImapToolsError) as exc:
            raise MailError(f"mailbox {config.account}: {exc}") from None
        finally:
            with contextlib.suppress(Exception):
                mailbox.logout()


def _take_messages(
    mailbox: BaseMailBox, config: MailboxConfig, process: ProcessMessage, ledger: MailLedger
) -> PollResult:
    uidvalidity = int(mailbox.folder.status(config.folder, ["UIDVALIDITY"])["UIDVALIDITY"])
    taken = skipped = too_large = 0
    for uid, size, message_id in _pending(mailbox):
        key = MessageKey(config.account, config.folder, uidvalidity, uid)
        if size > config.max_message_bytes:
            log.warning("message UID %s is %d bytes, over the limit: left for a person", uid, size)
            mailbox.flag(str(uid), TOO_LARGE_FLAG, True)
            too_large += 1
            continue
        if ledger.seen(source_ref=key.source_ref(), message_id=message_id):
            mailbox.flag(str(uid), DONE_FLAG, True)  # done before, but the flag was lost
            skipped += 1
            continue
        raw = _fetch_raw(mailbox, uid)
        verdict = process(raw, f"message-{uid}.eml", key.source_ref())
        log.info("mail UID %s (%s): %s", uid, message_id or "no Message-ID", verdict.status)
        mailbox.flag(str(uid), DONE_FLAG, True)
        taken += 1
    return PollResult(taken=taken, skipped_seen=skipped, too_large=too_large)


def _pending(mailbox: BaseMailBox) -> list[tuple[int, int, str | None]]:
    """(uid, size, Message-ID) of messages without our done/too-large flags, oldest first."""
    from imap_tools import AND

    criteria = AND(no_keyword=[DONE_FLAG, TOO_LARGE_FLAG])
    found = []
    for msg in mailbox.fetch(criteria, mark_seen=False, headers_only=True, bulk=100):
        if msg.uid is None:
            continue
        ids = msg.headers.get("message-id") or ()
        found.append((int(msg.uid), msg.size_rfc822, ids[0].strip() if ids else None))
    return found


def _fetch_raw(mailbox: BaseMailBox, uid: int) -> bytes:
    """The message exactly as stored on the server; PEEK so it is not marked read."""
    status, parts = mailbox.client.uid("FETCH", str(uid), "(BODY.PEEK[])")
    if status != "OK" or not parts or not isinstance(parts[0], tuple):
        raise MailError(f"cannot fetch message UID {uid}")
    return bytes(parts[0][1])
