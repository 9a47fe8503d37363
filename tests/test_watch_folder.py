"""Watched-folder intake with real watchdog and real files; the pipeline is a recording fake."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from flows.watch import FolderIntake, is_temporary, reason_folder
from poflow.domain import Approved, ExtractedOrder, Failed, Verdict


class Recorder:
    """Stands in for the pipeline: remembers the bytes of every file it was given."""

    def __init__(self, fail_names: tuple[str, ...] = ()) -> None:
        self.seen: list[tuple[str, bytes]] = []
        self.fail_names = fail_names
        self.lock = threading.Lock()

    def __call__(self, path: Path, name: str) -> Verdict:
        with self.lock:
            self.seen.append((name, path.read_bytes()))
        if name in self.fail_names:
            return Failed("file is encrypted", document_id=1)
        return Approved(document_id=1, order_id=1, order=ExtractedOrder())


def _run_until(intake: FolderIntake, done: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    thread = threading.Thread(target=intake.run, daemon=True)
    thread.start()
    while not done() and time.monotonic() < deadline:
        time.sleep(0.05)
    intake.stop()
    thread.join(timeout=10)
    assert not thread.is_alive()


def test_temporary_names() -> None:
    for name in ("po.pdf.part", "po.tmp", "~$order.pdf", ".hidden.pdf", "po.filepart"):
        assert is_temporary(name)
    assert not is_temporary("po-123.pdf")


def test_slowly_written_file_is_taken_once_and_whole(tmp_path: Path) -> None:
    recorder = Recorder()
    intake = FolderIntake(tmp_path, recorder, stable_seconds=1.0, rescan_seconds=0.5)
    payload = b"%PDF-1.4\n" + b"x" * 40_000

    def write_slowly() -> None:
        with open(tmp_path / "slow.pdf", "wb") as f:
            for i in range(0, len(payload), 4000):
                f.write(payload[i : i + 4000])
                f.flush()
                time.sleep(0.3)

    writer = threading.Thread(target=write_slowly)
    writer.start()
    _run_until(intake, lambda: len(recorder.seen) >= 1 and not writer.is_alive(), timeout=20)
    writer.join()
    assert recorder.seen == [("slow.pdf", payload)]
    assert (tmp_path / "processed" / "slow.pdf").read_bytes() == payload
    assert not (tmp_path / "slow.pdf").exists()


def test_temporary_file_waits_until_renamed(tmp_path: Path) -> None:
    recorder = Recorder()
    intake = FolderIntake(tmp_path, recorder, stable_seconds=0.2, rescan_seconds=0.2)
    (tmp_path / "po.pdf.part").write_bytes(b"%PDF-1.4 part")
    intake.layout.create()
    time.sleep(0.4)
    intake.poll_once()
    time.sleep(0.3)
    intake.poll_once()
    assert recorder.seen == []
    (tmp_path / "po.pdf.part").rename(tmp_path / "po.pdf")
    _run_until(intake, lambda: len(recorder.seen) == 1)
    assert recorder.seen[0][0] == "po.pdf"


def test_failed_file_is_kept_under_its_reason(tmp_path: Path) -> None:
    recorder = Recorder(fail_names=("locked.pdf",))
    intake = FolderIntake(tmp_path, recorder, stable_seconds=0, rescan_seconds=0.2)
    (tmp_path / "locked.pdf").write_bytes(b"%PDF-1.7 encrypted")
    _run_until(intake, lambda: len(recorder.seen) == 1)
    kept = tmp_path / "failed" / reason_folder("file is encrypted") / "locked.pdf"
    assert kept.read_bytes() == b"%PDF-1.7 encrypted"


def test_file_left_in_processing_by_a_crash_is_finished(tmp_path: Path) -> None:
    recorder = Recorder()
    intake = FolderIntake(tmp_path, recorder, stable_seconds=0, rescan_seconds=0.2)
    intake.layout.create()
    (intake.layout.processing / "abc123__po-9.pdf").write_bytes(b"%PDF-1.4 nine")
    _run_until(intake, lambda: len(recorder.seen) == 1)
    assert recorder.seen == [("po-9.pdf", b"%PDF-1.4 nine")]
    assert (tmp_path / "processed" / "po-9.pdf").exists()


def test_many_files_dropped_at_once_each_taken_exactly_once(tmp_path: Path) -> None:
    recorder = Recorder()
    intake = FolderIntake(tmp_path, recorder, stable_seconds=0.2, rescan_seconds=0.5)
    for i in range(300):
        (tmp_path / f"po-{i:03d}.pdf").write_bytes(f"%PDF-1.4 {i}".encode())
    _run_until(intake, lambda: len(recorder.seen) >= 300, timeout=60)
    names = sorted(name for name, _ in recorder.seen)
    assert names == [f"po-{i:03d}.pdf" for i in range(300)]
    assert len(list((tmp_path / "processed").iterdir())) == 300


def test_same_name_twice_keeps_both_originals(tmp_path: Path) -> None:
    recorder = Recorder()
    intake = FolderIntake(tmp_path, recorder, stable_seconds=0, rescan_seconds=0.2)
    (tmp_path / "po.pdf").write_bytes(b"first")
    _run_until(intake, lambda: len(recorder.seen) == 1)
    (tmp_path / "po.pdf").write_bytes(b"second")
    intake2 = FolderIntake(tmp_path, recorder, stable_seconds=0, rescan_seconds=0.2)
    _run_until(intake2, lambda: len(recorder.seen) == 2)
    kept = sorted(p.read_bytes() for p in (tmp_path / "processed").iterdir())
    assert kept == [b"first", b"second"]
