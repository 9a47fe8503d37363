"""The whole pipeline for one document, in plain Python: intake → extract → validate → route.

    bytes ─▶ intake: blob store first (content-addressed), then the document row
             (an existing SHA-256 is a Duplicate; losing an insert race is one too)
          ─▶ extract: `extract_document` (a BadDocument → failed; a bug → failed,
             "internal error", traceback to the log only; the batch goes on)
          ─▶ validate: the rule set (pure) over the order and the master-data snapshot
          ─▶ route, in one transaction: no finding → order + approved;
             findings → review task + needs_review. duplicate_po is asked again inside
             that transaction, so two workers cannot both store the same PO.

Each step is a separate function so the Prefect flows can wrap them as tasks; no
Prefect here. Every status change is its own commit, so a crash leaves a state the
next run can see.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from poflow.app import extraction_context, read_input_file
from poflow.domain import (
    Approved,
    Duplicate,
    ExtractedOrder,
    ExtractionContext,
    Failed,
    Finding,
    IntakeDocument,
    MasterData,
    NeedsReview,
    Verdict,
)
from poflow.errors import BadDocument, EmptyFile, PoflowError
from poflow.settings import Settings
from rules.config import RuleSet, load_rule_set

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from storage.blobs import BlobStore
    from storage.db import Database

log = logging.getLogger(__name__)

RESUME_AFTER = timedelta(hours=1)  # longer than any one document's extraction takes

ExtractFn = Callable[[bytes, str, ExtractionContext], ExtractedOrder]
"""The extraction seam: the real `extractors.pipeline.extract_document`, or a fake in tests."""


@dataclass
class StepTimes:
    """Seconds spent per step over a pipeline's life (the process benchmark prints them)."""

    intake: float = 0.0
    extraction: float = 0.0
    rules: float = 0.0
    storage: float = 0.0
    documents: int = 0

    @contextmanager
    def timing(self, step: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            setattr(self, step, getattr(self, step) + time.perf_counter() - started)


@dataclass(frozen=True)
class Taken:
    """A document that is new to the store: its row id and the intake record."""

    document_id: int
    intake: IntakeDocument


@dataclass
class Pipeline:
    """One open database, one master-data snapshot, one rule set; many documents."""

    settings: Settings
    db: Database
    blobs: BlobStore
    rule_set: RuleSet
    master: MasterData
    context: ExtractionContext
    extract: ExtractFn
    times: StepTimes = field(default_factory=StepTimes)
    # A document left in received/extracting this long (a crashed run) is taken up again.
    resume_after: timedelta = RESUME_AFTER

    @classmethod
    @contextmanager
    def open(
        cls,
        settings: Settings,
        *,
        extract: ExtractFn | None = None,
        rule_set: RuleSet | None = None,
    ) -> Iterator[Pipeline]:
        """Open the database (migrating it) and load master data and the rule set once."""
        from storage.blobs import BlobStore
        from storage.db import open_database
        from storage.master_data import load_master_data

        rules = rule_set or load_rule_set(settings)  # a bad rules file fails before any work
        with open_database(settings.database) as db:
            master = load_master_data(db)
            yield cls(
                settings=settings,
                db=db,
                blobs=BlobStore(settings.blob_dir),
                rule_set=rules,
                master=master,
                context=extraction_context(settings, master),
                extract=extract or _real_extract(),
            )

    def reload_master_data(self) -> None:
        """Take a fresh master-data snapshot (a long-running intake calls this after an import)."""
        from storage.master_data import load_master_data

        self.master = load_master_data(self.db)
        self.context = extraction_context(self.settings, self.master)

    # --- one document -------------------------------------------------------------

    def process_path(self, path: Path, *, source: str, name: str | None = None) -> Verdict:
        """A file through the whole pipeline; `name` is its original name if it was renamed."""
        try:
            data = read_input_file(path, self.settings)
        except EmptyFile as exc:  # kept like any other document that cannot be read
            return self._keep_failed(b"", name or path.name, source, str(path), exc)
        except BadDocument as exc:  # missing (no bytes) or too large (not read into memory)
            return Failed(str(exc))
        return self.process_bytes(data, name or path.name, source=source, source_ref=str(path))

    def process_bytes(
        self, data: bytes, name: str, *, source: str, source_ref: str | None = None
    ) -> Verdict:
        """Bytes (a file, a mail) through the whole pipeline; the bytes are stored first."""
        self.times.documents += 1
        with self.times.timing("intake"):
            taken = intake(
                self.db,
                self.blobs,
                data,
                name,
                source=source,
                source_ref=source_ref,
                resume_after=self.resume_after,
            )
        if isinstance(taken, Duplicate):
            return taken
        try:
            return self._decide(taken.document_id, data, name)
        except PoflowError:
            raise  # the database or the configuration is in trouble: stop, say so
        except Exception as exc:  # a bug after extraction: this document fails, the batch goes on
            log.error("processing of %s failed unexpectedly: %r", name, exc)
            log.info("traceback of the failed processing of %s", name, exc_info=True)
            return mark_failed(self.db, taken.document_id, _internal_error(exc))

    def _decide(self, document_id: int, data: bytes, name: str) -> Verdict:
        """Extract, record, validate, route: each step timed for the benchmark."""
        with self.times.timing("extraction"):
            order = extract(data, name, self.context, self.extract)
        if isinstance(order, str):
            with self.times.timing("storage"):
                return mark_failed(self.db, document_id, order)
        with self.times.timing("storage"):
            record(self.db, document_id, order)
        with self.times.timing("rules"):
            findings = validate(self.db, document_id, order, self.rule_set, self.master)
        with self.times.timing("storage"):
            return route(
                self.db,
                document_id,
                order,
                findings,
                check_duplicate="duplicate_po" in self.rule_set.ids,
            )

    def _keep_failed(
        self, data: bytes, name: str, source: str, source_ref: str, exc: BadDocument
    ) -> Verdict:
        taken = intake(self.db, self.blobs, data, name, source=source, source_ref=source_ref)
        if isinstance(taken, Duplicate):
            return taken
        return mark_failed(self.db, taken.document_id, str(exc))


def _real_extract() -> ExtractFn:
    from extractors.pipeline import extract_document

    return extract_document


# --- the steps ------------------------------------------------------------------------


def store_original(
    blobs: BlobStore, data: bytes, name: str, *, source: str, source_ref: str | None = None
) -> IntakeDocument:
    """Write the original bytes to the blob store (before anything else) and describe them."""
    sha256, blob_path = blobs.put(data)
    return IntakeDocument(
        source=source,
        sha256=sha256,
        original_name=name,
        blob_path=blob_path,
        received_at=datetime.now(UTC),
        size=len(data),
        source_ref=source_ref,
    )


def intake(
    db: Database,
    blobs: BlobStore,
    data: bytes,
    name: str,
    *,
    source: str,
    source_ref: str | None = None,
    resume_after: timedelta | None = None,
) -> Taken | Duplicate:
    """Store the original bytes first, then the document row; a known SHA-256 is a Duplicate.

    The unique SHA-256 in the database decides races: the loser of two concurrent
    inserts gets a Duplicate naming the winner's document, not an error. A known document
    that a crashed run left unfinished (no status change for `resume_after`) is taken up
    again instead, so a restart finishes the job.
    """
    document = store_original(blobs, data, name, source=source, source_ref=source_ref)
    document_id, created = _add_document(db, document)
    if not created:
        if resume_after is not None and _claim_unfinished(db, document_id, resume_after):
            log.warning(
                "%s: document %d was left unfinished; processing it again", name, document_id
            )
            return Taken(document_id, document)
        log.info("%s: same content as document %d, a duplicate", name, document_id)
        return Duplicate(document_id)
    with db.session() as session:
        _set_status(session, document_id, "extracting")
    return Taken(document_id, document)


def _claim_unfinished(db: Database, document_id: int, after: timedelta) -> bool:
    """Take over a document stuck in received/extracting with no status change for `after`.

    The row lock makes one restarter win; the status change it writes (a fresh audit
    entry) makes the document look busy again to any other.
    """
    from sqlalchemy import func, select

    from storage.models import AuditEntry, Document

    with db.session() as session:
        document = session.get(Document, document_id, with_for_update=True)
        if document is None or document.status not in ("received", "extracting"):
            return False
        changed = session.scalar(
            select(func.max(AuditEntry.at)).where(
                AuditEntry.entity == "document",
                AuditEntry.entity_id == str(document_id),
                AuditEntry.action == "status",
            )
        )
        if datetime.now(UTC) - (changed or document.received_at) < after:
            return False  # another run is probably at it right now
        _set_status(session, document_id, "extracting")
        return True


def _add_document(db: Database, document: IntakeDocument) -> tuple[int, bool]:
    from sqlalchemy.exc import IntegrityError

    from storage.documents import add_document

    try:
        with db.session() as session:
            return add_document(session=session, intake=document)
    except IntegrityError:  # the same SHA-256 inserted by another process just now: look again
        with db.session() as session:
            return add_document(session=session, intake=document)


def extract(
    data: bytes, name: str, context: ExtractionContext, extract_fn: ExtractFn
) -> ExtractedOrder | str:
    """The order, or the reason (a str) the document could not be read.

    A `BadDocument` is an expected outcome; any other exception is a bug in one document's
    extraction that must not stop the batch: it becomes "internal error: …" and the
    traceback goes to the log, not to the user.
    """
    try:
        return extract_fn(data, name, context)
    except BadDocument as exc:
        log.info("%s: %s", name, exc.reason)
        return exc.reason
    except Exception as exc:
        # One line for whoever watches the log; the traceback with -v (INFO) for a bug report.
        log.error("extraction of %s failed unexpectedly: %r", name, exc)
        log.info("traceback of the failed extraction of %s", name, exc_info=True)
        return _internal_error(exc)


def record(db: Database, document_id: int, order: ExtractedOrder) -> None:
    """Keep what was read (the backtest replays it), before anything is decided."""
    from storage.documents import record_extraction

    with db.session() as session:
        record_extraction(session=session, document_id=document_id, order=order)


def validate(
    db: Database, document_id: int, order: ExtractedOrder, rule_set: RuleSet, master: MasterData
) -> tuple[Finding, ...]:
    """The rule set over the order; the PO lookup reads the committed order store."""
    with db.session() as session:
        return rule_set.evaluate(
            order, master=master, po_number_taken=_po_lookup(session, document_id)
        )


def route(
    db: Database,
    document_id: int,
    order: ExtractedOrder,
    findings: tuple[Finding, ...],
    *,
    check_duplicate: bool = True,
    guard: Callable[[Session], None] | None = None,
) -> Approved | NeedsReview:
    """In one transaction: the order store (no finding) or a review task (findings).

    duplicate_po is asked again here, under a lock on the PO, so that two documents
    with the same customer and PO number processed at once do not both go through.
    `guard` runs first in that transaction and raises to store nothing (a worker that
    lost its lease on the document).
    """
    from storage.orders import add_order
    from storage.review import add_review_task

    with db.session() as session:
        if guard is not None:
            guard(session)
        if check_duplicate:
            findings = _recheck_duplicate(session, document_id, order, findings)
        if findings:
            task_id = add_review_task(
                session=session, document_id=document_id, order=order, findings=findings
            )
            _set_status(session, document_id, "needs_review")
            return NeedsReview(document_id, int(task_id), order, findings)
        order_id = add_order(
            session=session, document_id=document_id, order=order, approved_by="rules"
        )
        _set_status(session, document_id, "approved")
        return Approved(document_id, int(order_id), order)


def mark_failed(
    db: Database, document_id: int, reason: str, guard: Callable[[Session], None] | None = None
) -> Failed:
    """The document could not be read; its original stays in the blob store."""
    with db.session() as session:
        if guard is not None:
            guard(session)
        _set_status(session, document_id, "failed", reason)
    return Failed(reason, document_id)


# --- helpers --------------------------------------------------------------------------


def _internal_error(exc: Exception) -> str:
    return f"internal error: {type(exc).__name__}: {exc}"


def _set_status(session: Session, document_id: int, status: str, reason: str | None = None) -> None:
    from storage.documents import set_document_status

    set_document_status(session=session, document_id=document_id, status=status, reason=reason)


def _po_lookup(session: Session, document_id: int) -> Callable[[str, str], bool]:
    from storage.orders import po_number_taken

    def taken(customer_id: str, po_number: str) -> bool:
        return bool(
            po_number_taken(
                session=session,
                customer_id=customer_id,
                po_number=po_number,
                exclude_document_id=document_id,
            )
        )

    return taken


def _recheck_duplicate(
    session: Session, document_id: int, order: ExtractedOrder, findings: tuple[Finding, ...]
) -> tuple[Finding, ...]:
    from rules.duplicates import duplicate_po
    from rules.inputs import RuleInput, Thresholds

    if order.customer_id is None or not order.po_number:
        return findings
    if any(f.rule == "duplicate_po" for f in findings):
        return findings
    _lock_po(session, order.customer_id, order.po_number)
    given = RuleInput(order, MasterData(), Thresholds(), _po_lookup(session, document_id))
    return findings + tuple(duplicate_po(given))


def _lock_po(session: Session, customer_id: str, po_number: str) -> None:
    """Serialise routing of one customer's PO across processes.

    PostgreSQL: a transaction-scoped advisory lock on a hash of (customer, PO). SQLite
    needs none: storage starts every transaction with BEGIN IMMEDIATE, so routing
    transactions already run one at a time.
    """
    from sqlalchemy import text

    if session.get_bind().dialect.name == "postgresql":
        key = f"po:{customer_id}:{po_number}"
        session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": key})
