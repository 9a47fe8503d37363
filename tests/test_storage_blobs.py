"""The original-file store: content addressing, write-once, errors that leave input untouched."""

from __future__ import annotations

import errno
import hashlib
import multiprocessing
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from poflow.errors import StorageError
from storage.blobs import BlobStore, _explain


def test_put_stores_bytes_under_their_sha256(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "originals")
    data = b"%PDF-1.7 purchase order 4500012345"
    sha256, path = store.put(data)
    assert sha256 == hashlib.sha256(data).hexdigest()
    assert path == tmp_path / "originals" / sha256[:2] / sha256[2:4] / sha256
    assert path.read_bytes() == data
    assert store.get(sha256) == data
    assert store.exists(sha256)
    assert not stat.S_IMODE(path.stat().st_mode) & 0o222, "originals are read-only"


def test_same_bytes_twice_is_one_file_written_once(tmp_path: Path) -> None:
    store = BlobStore(tmp_path)
    first = store.put(b"same bytes")
    inode = first[1].stat().st_ino
    second = store.put(b"same bytes")
    assert first == second
    assert second[1].stat().st_ino == inode
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [first[0]]


def test_different_bytes_different_blobs_and_no_temp_files_left(tmp_path: Path) -> None:
    store = BlobStore(tmp_path)
    a, _ = store.put(b"order A")
    b, _ = store.put(b"order B")
    assert a != b
    assert store.get(a) == b"order A"
    assert store.get(b) == b"order B"
    assert not [p for p in tmp_path.rglob(".incoming-*")]


@settings(max_examples=25, deadline=None)
@given(data=st.binary(max_size=4096))
def test_round_trip_any_bytes(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    store = BlobStore(tmp_path_factory.mktemp("blobs"))
    sha256, _ = store.put(data)
    assert store.get(sha256) == data


def test_missing_blob_and_bad_digest_are_storage_errors(tmp_path: Path) -> None:
    store = BlobStore(tmp_path)
    with pytest.raises(StorageError, match="missing"):
        store.get("0" * 64)
    with pytest.raises(StorageError, match="not a SHA-256"):
        store.path("../../etc/passwd")
    assert not store.exists("f" * 64)


def test_unwritable_root_is_a_storage_error_and_input_untouched(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"x")
    store = BlobStore(blocker)
    data = bytearray(b"the customer's bytes")
    with pytest.raises(StorageError, match="cannot store original"):
        store.put(bytes(data))
    assert data == bytearray(b"the customer's bytes")
    assert blocker.read_bytes() == b"x"


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "disk"), (errno.EACCES, "permission denied"), (errno.EROFS, "permission")],
)
def test_os_errors_are_explained(code: int, words: str) -> None:
    message = _explain(OSError(code, "x"), Path("/srv/originals/ab/cd/abcd"))
    assert words in message
    assert "\n" not in message


def _put_same(root: str, barrier: object, results: object) -> None:
    barrier.wait()  # type: ignore[attr-defined]
    results.put(BlobStore(Path(root)).put(b"x" * 1_000_000))  # type: ignore[attr-defined]


def test_two_processes_storing_the_same_bytes_end_with_one_intact_file(tmp_path: Path) -> None:
    fork = multiprocessing.get_context("fork")
    barrier, results = fork.Barrier(2), fork.Queue()
    workers = [
        fork.Process(target=_put_same, args=(str(tmp_path), barrier, results)) for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][1].read_bytes() == b"x" * 1_000_000
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [outcomes[0][1]]
