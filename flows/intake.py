"""Intake: an input's bytes go to the blob store, then a `received` document row; nothing more.

The order database owns document state: once the row is committed the input is safe
(the watched folder may move the file on, the mailbox may flag the message) and some
worker will claim it (`flows.worker`). Same bytes twice → the one row (a `Duplicate`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from poflow.app import read_input_file
from poflow.domain import Duplicate, Failed
from poflow.errors import BadDocument, EmptyFile

if TYPE_CHECKING:
    from poflow.settings import Settings
    from storage.blobs import BlobStore
    from storage.db import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Received:
    """A new document row, waiting for a worker."""

    document_id: int
    status: Literal["received"] = "received"


Submitted = Received | Duplicate | Failed


def submit_bytes(
    db: Database,
    blobs: BlobStore,
    data: bytes,
    name: str,
    *,
    source: str,
    source_ref: str | None = None,
) -> Received | Duplicate:
    """Store the bytes (a full disk is a `StorageError`), then the `received` row."""
    from sqlalchemy.exc import IntegrityError

    from flows.pipeline import store_original
    from storage.documents import add_document

    document = store_original(blobs, data, name, source=source, source_ref=source_ref)
    try:
        with db.session() as session:
            document_id, created = add_document(session=session, intake=document)
    except IntegrityError:  # lost an insert race on the SHA-256: the other row stands
        with db.session() as session:
            document_id, created = add_document(session=session, intake=document)
    if not created:
        log.info("%s: same content as document %d, a duplicate", name, document_id)
        return Duplicate(document_id)
    return Received(document_id)


def submit_path(
    db: Database,
    blobs: BlobStore,
    settings: Settings,
    path: Path,
    *,
    source: str,
    name: str | None = None,
) -> Submitted:
    """A file's bytes through `submit_bytes`; an empty file is kept, as failed."""
    from flows.pipeline import mark_failed

    shown = name or path.name
    try:
        data = read_input_file(path, settings)
    except EmptyFile as exc:
        kept = submit_bytes(db, blobs, b"", shown, source=source, source_ref=str(path))
        if isinstance(kept, Duplicate):
            return kept
        return mark_failed(db, kept.document_id, str(exc))
    except BadDocument as exc:  # missing, or too large to read into memory
        return Failed(str(exc))
    return submit_bytes(db, blobs, data, shown, source=source, source_ref=str(path))
