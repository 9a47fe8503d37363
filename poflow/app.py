"""Wiring between the settings and the stages, shared by the CLI, the flows and the web app.

Nothing here decides anything about an order: it opens the database, builds the
extraction context and calls the stage functions.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from poflow.domain import (
    Approved,
    Duplicate,
    ExtractedOrder,
    ExtractionContext,
    Failed,
    MasterData,
    NeedsReview,
    Verdict,
)
from poflow.errors import EmptyFile, MissingFile, TooLarge
from poflow.settings import Settings


def read_input_file(path: Path, settings: Settings) -> bytes:
    """The bytes of an input file, or a `BadDocument` naming it (missing, empty, too large)."""
    if not path.is_file():
        raise MissingFile("no such file", name=str(path))
    size = path.stat().st_size
    if size == 0:
        raise EmptyFile("the file is empty (0 bytes)", name=str(path))
    if size > settings.max_file_bytes:
        raise TooLarge(
            f"{size} bytes is over the limit of {settings.max_file_bytes}", name=str(path)
        )
    return path.read_bytes()


def extraction_context(
    settings: Settings,
    master: MasterData | None = None,
    *,
    sender_email: str | None = None,
) -> ExtractionContext:
    return ExtractionContext(
        master=master if master is not None else load_master_data_if_present(settings),
        supplier_names=settings.supplier_names,
        sender_email=sender_email,
        ocr_languages=settings.ocr_languages,
        ocr_timeout_s=settings.ocr_timeout_s,
        max_pages=settings.max_pages,
        max_image_pixels=settings.max_image_pixels,
        ocr_extra_languages=settings.ocr_extra_languages,
        ocr_reread_languages=settings.ocr_reread_languages,
    )


def load_master_data_if_present(settings: Settings) -> MasterData:
    """Master data for customer matching; an absent embedded database means none (no writes)."""
    url = settings.database
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        return MasterData()
    from storage.db import open_database
    from storage.master_data import load_master_data

    with open_database(url, migrate=False) as db:
        return load_master_data(db)


def extract_path(path: Path, settings: Settings) -> ExtractedOrder:
    """`poflow extract`: read one file into an order object, writing nothing anywhere."""
    from extractors.pipeline import extract_document

    data = read_input_file(path, settings)
    return extract_document(data, path.name, extraction_context(settings))


def process_paths(paths: Sequence[Path], settings: Settings) -> Iterator[tuple[Path, Verdict]]:
    """`poflow process`: each file through the whole pipeline; a bad file does not stop the rest."""
    from flows.pipeline import Pipeline

    with Pipeline.open(settings) as pipeline:
        for path in paths:
            yield path, pipeline.process_path(path, source="cli")


def result_line(path: Path, verdict: Verdict) -> dict[str, Any]:
    """One contract §3 result line."""
    line: dict[str, Any] = {
        "file": str(path),
        "document_id": verdict.document_id,
        "status": verdict.status,
        "reasons": [],
        "order_id": None,
        "order": None,
    }
    if isinstance(verdict, Approved):
        line["order_id"] = verdict.order_id
        line["order"] = verdict.order.to_json()
    elif isinstance(verdict, NeedsReview):
        line["reasons"] = [f.to_json() for f in verdict.findings]
        line["order"] = verdict.order.to_json()
    elif isinstance(verdict, Failed):
        line["reasons"] = [{"rule": None, "field": None, "message": verdict.reason}]
    elif isinstance(verdict, Duplicate):
        pass
    return line


def import_master_data(settings: Settings, *, customers: Path | None, products: Path | None) -> str:
    from storage.db import open_database
    from storage.master_data import import_csvs

    with open_database(settings.database) as db:
        return import_csvs(db, customers=customers, products=products)


def upgrade_database(settings: Settings) -> str:
    from storage.db import open_database

    with open_database(settings.database):
        return f"database at {settings.database} is at the newest schema"
