"""Watched-folder intake: take each file dropped into the inbox exactly once, never lose one.

Events alone miss files (network shares, queue overflow), so the folder is scanned at
start-up, on every watchdog event and periodically. A file is taken only when its size
and modification time have been stable for `stable_seconds`; temporary names are ignored
until renamed. Taking a file is an atomic rename into `processing/`; after the database
has committed the outcome it moves to `processed/` or `failed/<reason>/`. Nothing here
ever deletes a file.

    inbox/                 files dropped by people or scanners
    inbox/processing/      claimed, being processed (left here by a crash: re-run at start)
    inbox/processed/       done: approved, queued for review, or a duplicate
    inbox/failed/<reason>/ not readable as a document (the original, untouched)
"""

from __future__ import annotations

import fnmatch
import logging
import os
import re
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from flows.intake import Received
from poflow.domain import Failed, Verdict
from poflow.errors import BadDocument, PoflowError

log = logging.getLogger(__name__)

TEMPORARY_NAMES = ("*.tmp", "*.part", "*.filepart", "*.crdownload", "~$*", ".*")
CLAIM_SEPARATOR = "__"  # processing/<claim id>__<original name>

# (claimed path, original name) -> verdict, or Received when a worker will decide later
ProcessFile = Callable[[Path, str], Verdict | Received]


def is_temporary(name: str) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in TEMPORARY_NAMES)


@dataclass(frozen=True)
class FolderLayout:
    inbox: Path

    @property
    def processing(self) -> Path:
        return self.inbox / "processing"

    @property
    def processed(self) -> Path:
        return self.inbox / "processed"

    @property
    def failed(self) -> Path:
        return self.inbox / "failed"

    def create(self) -> None:
        for folder in (self.inbox, self.processing, self.processed, self.failed):
            folder.mkdir(parents=True, exist_ok=True)


@dataclass
class StabilityTracker:
    """Remembers when each file's (size, mtime) last changed; ready once unchanged long enough."""

    stable_seconds: float
    clock: Callable[[], float] = time.monotonic
    _seen: dict[Path, tuple[tuple[int, int], float]] = field(default_factory=dict)

    def ready(self, path: Path) -> bool:
        try:
            stat = path.stat()
        except FileNotFoundError:
            self._seen.pop(path, None)
            return False
        signature = (stat.st_size, stat.st_mtime_ns)
        now = self.clock()
        previous = self._seen.get(path)
        if previous is None or previous[0] != signature:
            self._seen[path] = (signature, now)
            return self.stable_seconds == 0
        return now - previous[1] >= self.stable_seconds

    def forget(self, path: Path) -> None:
        self._seen.pop(path, None)


def candidates(layout: FolderLayout) -> list[Path]:
    """Regular files at the top of the inbox that are not temporary, oldest first."""
    found = []
    with os.scandir(layout.inbox) as entries:
        for entry in entries:
            if entry.is_file(follow_symlinks=False) and not is_temporary(entry.name):
                found.append(Path(entry.path))
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns if p.exists() else 0, p.name))


def claim(path: Path, layout: FolderLayout) -> Path | None:
    """Atomically move a file into processing/; None when another intake took it first."""
    target = layout.processing / f"{uuid.uuid4().hex[:12]}{CLAIM_SEPARATOR}{path.name}"
    try:
        os.rename(path, target)
    except FileNotFoundError:
        return None
    return target


def original_name(claimed: Path) -> str:
    return claimed.name.split(CLAIM_SEPARATOR, 1)[-1]


def reason_folder(reason: str) -> str:
    """A short folder name for a failure reason: 'file is encrypted' -> 'file-is-encrypted'."""
    head = reason.split(":")[-1] if ":" in reason else reason
    slug = re.sub(r"[^a-z0-9]+", "-", head.lower()).strip("-")
    return slug[:48] or "unreadable"


def settle(claimed: Path, verdict: Verdict | Received, layout: FolderLayout) -> Path:
    """After the database commit: move the claimed file to processed/ or failed/<reason>/."""
    folder = layout.processed
    if isinstance(verdict, Failed):
        folder = layout.failed / reason_folder(verdict.reason)
    folder.mkdir(parents=True, exist_ok=True)
    target = _free_name(folder / original_name(claimed))
    os.rename(claimed, target)
    return target


def give_back(claimed: Path, layout: FolderLayout) -> Path:
    """Put a claimed file back into the inbox, as it was dropped (storing it failed)."""
    target = _free_name(layout.inbox / original_name(claimed))
    os.rename(claimed, target)
    return target


def _free_name(path: Path) -> Path:
    """The path itself, or name-2.ext, name-3.ext … so that no earlier file is overwritten."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


class FolderIntake:
    """Scans, watches and claims files; `process` runs the pipeline on each claimed file."""

    def __init__(
        self,
        inbox: Path,
        process: ProcessFile,
        *,
        stable_seconds: float = 2.0,
        rescan_seconds: float = 30.0,
        polling: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.layout = FolderLayout(inbox)
        self.process = process
        self.rescan_seconds = rescan_seconds
        self.polling = polling
        self.tracker = StabilityTracker(stable_seconds, clock)
        self.clock = clock
        self._wake = threading.Event()
        self._stop = threading.Event()

    def recover(self) -> int:
        """Files left in processing/ by a crash go through again (the database dedupes)."""
        left = sorted(self.layout.processing.iterdir())
        for claimed in left:
            self._run(claimed)
        return len(left)

    def poll_once(self) -> int:
        """One pass over the inbox: claim and process every stable file; returns how many."""
        taken = 0
        for path in candidates(self.layout):
            if self._stop.is_set():
                break
            if not self.tracker.ready(path):
                continue
            self.tracker.forget(path)
            claimed = claim(path, self.layout)
            if claimed is not None:
                self._run(claimed)
                taken += 1
        return taken

    def _run(self, claimed: Path) -> None:
        try:
            verdict = self.process(claimed, original_name(claimed))
        except PoflowError as exc:
            if not isinstance(exc, BadDocument):  # disk full, database down: not the file's fault
                give_back(claimed, self.layout)
            raise
        log.info("%s: %s", original_name(claimed), verdict.status)
        settle(claimed, verdict, self.layout)

    def run(self, *, until: Callable[[], bool] | None = None) -> None:
        """Watch until `stop()` (or `until()` is true): events wake a pass, a timer rescans."""
        self.layout.create()
        self.recover()
        observer = self._start_observer()
        try:
            while not self._stop.is_set() and not (until and until()):
                self.poll_once()
                # Re-check soon while a file is settling; otherwise sleep until an event
                # or the periodic rescan, whichever comes first.
                pending = bool(candidates(self.layout))
                self._wake.wait(timeout=0.25 if pending else self.rescan_seconds)
                self._wake.clear()
        finally:
            observer.stop()
            observer.join(timeout=5)

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def _start_observer(self):  # type: ignore[no-untyped-def]
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        wake = self._wake

        class Wake(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                wake.set()

        observer = PollingObserver() if self.polling else Observer()
        observer.schedule(Wake(), str(self.layout.inbox), recursive=False)
        observer.start()
        return observer
