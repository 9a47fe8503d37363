"""The original-file store: content-addressed, written once, never modified.

`root/ab/cd/<sha256>` holds the exact bytes that came in. A blob is written to a temporary
file in its final folder, fsynced, then hard-linked into place (which never overwrites), and
the folder is fsynced, so a crash leaves either no blob or the whole blob; two processes
storing the same bytes at once both end with the one file.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import tempfile
from pathlib import Path

from poflow.errors import StorageError

_SHA256 = re.compile(r"[0-9a-f]{64}")


class BlobStore:
    """Original files by SHA-256 under one root folder (local disk or a shared mount)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        """Where the blob with this digest lives (whether or not it exists)."""
        if not _SHA256.fullmatch(sha256):
            raise StorageError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def get(self, sha256: str) -> bytes:
        """The stored bytes; a missing or unreadable blob is a `StorageError`."""
        path = self.path(sha256)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise StorageError(
                f"original {sha256} is missing from the blob store {self.root}"
            ) from None
        except OSError as error:
            raise StorageError(f"cannot read original {path}: {error.strerror}") from None

    def put(self, data: bytes) -> tuple[str, Path]:
        """Store bytes once; returns (sha256 hex, path). Storing the same bytes again is a no-op."""
        sha256 = hashlib.sha256(data).hexdigest()
        target = self.path(sha256)
        if target.is_file() and target.stat().st_size == len(data):
            return sha256, target
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_once(target, data)
        except OSError as error:
            raise StorageError(_explain(error, target)) from None
        return sha256, target


def _write_once(target: Path, data: bytes) -> None:
    """Temp file in the same folder → fsync → link into place (never overwrite) → fsync folder."""
    fd, temp_name = tempfile.mkstemp(prefix=".incoming-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, 0o444)  # originals are never modified
        # FileExistsError: another process stored the same bytes first (same content).
        with contextlib.suppress(FileExistsError):
            os.link(temp_name, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
    _fsync_dir(target.parent)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _explain(error: OSError, target: Path) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"cannot store original {target.name}: the disk of {target.parent} is full"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot store original in {target.parent}: permission denied"
    return f"cannot store original {target}: {error.strerror or error}"
