"""Documents (original files by SHA-256), their pages and extraction results.

A document row is the first thing written for an input, right after its bytes reach the
blob store; the unique SHA-256 makes intake idempotent: inserting the same bytes twice,
even from two processes at once, leaves one row (`INSERT ... ON CONFLICT DO NOTHING`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Insert, and_, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from poflow.domain import ExtractedOrder, IntakeDocument, PageText
from storage.audit import SYSTEM, append_audit
from storage.db import Database
from storage.models import DOCUMENT_STATUSES, AuditEntry, Document, Extraction, Page, utc_now

# Which timestamp column a status change stamps (the first time it happens).
_STAMPS: dict[str, tuple[str, ...]] = {
    "received": ("received_at",),
    "extracting": (),
    "needs_review": ("extracted_at",),
    "approved": ("extracted_at", "decided_at", "finished_at"),
    "rejected": ("decided_at", "finished_at"),
    "failed": ("finished_at",),
    "duplicate": ("finished_at",),
}
FINAL_STATUSES = ("failed", "approved", "rejected", "duplicate")


def add_document(
    *, session: Session, intake: IntakeDocument, media_kind: str | None = None
) -> tuple[int, bool]:
    """Insert the document once per SHA-256: (document id, True if this call created it)."""
    values: dict[str, Any] = {
        "sha256": intake.sha256,
        "source": intake.source,
        "source_ref": intake.source_ref,
        "original_name": intake.original_name,
        "blob_path": str(intake.blob_path),
        "size": intake.size,
        "media_kind": media_kind,
        "status": "received",
        "received_at": intake.received_at,
    }
    statement = (
        _insert(session)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["sha256"])
        .returning(Document.id)
    )
    inserted = session.execute(statement).scalar_one_or_none()
    created = inserted is not None
    document_id: int = inserted if inserted is not None else _id_of(session, intake.sha256)
    if created:
        details = {"status": "received", "source": intake.source, "name": intake.original_name}
        append_audit(
            session=session,
            actor=SYSTEM,
            action="status",
            entity="document",
            entity_id=document_id,
            details=details,
        )
    return document_id, created


def _id_of(session: Session, sha256: str) -> int:
    return session.scalars(select(Document.id).where(Document.sha256 == sha256)).one()


def _insert(session: Session) -> Any:
    """The dialect's INSERT, which has `on_conflict_do_nothing` on SQLite and PostgreSQL."""
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    insert: Insert = module.insert(Document)
    return insert


def get_document(*, session: Session, document_id: int) -> Document | None:
    return session.get(Document, document_id)


def find_document(*, session: Session, sha256: str) -> Document | None:
    """The document with these bytes, if they were taken in before."""
    return session.scalars(select(Document).where(Document.sha256 == sha256)).one_or_none()


def documents_from_source(*, session: Session, source_ref: str) -> Sequence[Document]:
    """Documents that came from one source reference (e.g. one IMAP message)."""
    query = select(Document).where(Document.source_ref == source_ref).order_by(Document.id)
    return session.scalars(query).all()


def set_document_status(
    *,
    session: Session,
    document_id: int,
    status: str,
    reason: str | None = None,
    actor: str = SYSTEM,
    at: datetime | None = None,
) -> None:
    """Move a document to `status`, stamp the matching time, and append it to the audit log."""
    if status not in DOCUMENT_STATUSES:
        raise ValueError(f"unknown document status {status!r}")
    document = session.get(Document, document_id, with_for_update=True, populate_existing=True)
    if document is None:
        raise LookupError(f"no document {document_id}")
    now = at or utc_now()
    previous = document.status
    document.status = status
    for column in _STAMPS[status]:
        if getattr(document, column) is None:
            setattr(document, column, now)
    if status == "failed":
        document.failure_reason = reason
    details: dict[str, Any] = {"status": status, "previous": previous}
    if reason:
        details["reason"] = reason
    append_audit(
        session=session,
        actor=actor,
        action="status",
        entity="document",
        entity_id=document_id,
        details=details,
    )


def claim_next_document(
    *, session: Session, statuses: Sequence[str] = ("received",), worker: str = SYSTEM
) -> int | None:
    """Take the oldest document in `statuses` for extraction (→ `extracting`), or None.

    On PostgreSQL the row is locked with `FOR UPDATE SKIP LOCKED`, so two workers never
    take the same document; SQLite's `BEGIN IMMEDIATE` serialises claimers anyway.
    """
    query = (
        select(Document.id)
        .where(Document.status.in_(tuple(statuses)))
        .order_by(Document.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    document_id = session.scalars(query).first()
    if document_id is not None:
        set_document_status(
            session=session, document_id=document_id, status="extracting", actor=worker
        )
    return document_id


def record_extraction(
    *,
    session: Session,
    document_id: int,
    order: ExtractedOrder,
    pages: Sequence[PageText] | None = None,
) -> int:
    """Store an extraction result (the §2 object, evidence included) and how each page was read.

    Re-extracting a document replaces its page rows and adds a new extraction row.
    """
    kind = order.kind.value if order.kind is not None else None
    extraction = Extraction(document_id=document_id, order_json=order.to_json(), kind=kind)
    session.add(extraction)
    document = session.get(Document, document_id)
    if document is None:
        raise LookupError(f"no document {document_id}")
    if pages is not None:
        session.execute(delete(Page).where(Page.document_id == document_id))
        session.add_all(_page_row(document_id, page) for page in pages)
        document.page_count = len(pages)
    elif order.pages:
        document.page_count = order.pages
    document.extracted_at = document.extracted_at or utc_now()
    if kind and not document.media_kind:
        document.media_kind = kind
    session.flush()
    return extraction.id


def _page_row(document_id: int, page: PageText) -> Page:
    return Page(
        document_id=document_id,
        page_no=page.page_no,
        width=float(page.width),
        height=float(page.height),
        method=page.method,
        unit=page.unit,
    )


def latest_extraction(*, session: Session, document_id: int) -> ExtractedOrder | None:
    """The newest extraction of a document read back as an `ExtractedOrder`, or None."""
    query = (
        select(Extraction)
        .where(Extraction.document_id == document_id)
        .order_by(Extraction.id.desc())
        .limit(1)
    )
    row = session.scalars(query).first()
    if row is None:
        return None
    return ExtractedOrder.from_json(row.order_json)


# Statuses after which a document needs nothing more from intake or extraction.
DECIDED_STATUSES = ("needs_review", *FINAL_STATUSES)


def source_done(*, session: Session, source_ref: str) -> bool:
    """Whether a document from this source reference (e.g. one IMAP message) was decided."""
    query = select(Document.id).where(
        Document.source_ref == source_ref, Document.status.in_(DECIDED_STATUSES)
    )
    return session.scalars(query.limit(1)).first() is not None


def unfinished_documents(*, session: Session, received_before: datetime) -> Sequence[Document]:
    """Documents left `received` or `extracting` (e.g. by a crash), to be processed again."""
    query = (
        select(Document)
        .where(
            Document.status.in_(("received", "extracting")),
            Document.received_at < received_before,
        )
        .order_by(Document.id)
    )
    return session.scalars(query).all()


class DatabaseMailLedger:
    """`flows.mail.MailLedger` over the documents table: a message is seen once decided.

    Message-IDs are not stored (yet), so only the source reference (account, folder,
    UIDVALIDITY, UID) is looked up; byte-identical re-sends are caught by the SHA-256.
    """

    def __init__(self, db: Database) -> None:
        self.db = db

    def seen(self, *, source_ref: str, message_id: str | None) -> bool:
        with self.db.read_session() as session:
            return source_done(session=session, source_ref=source_ref)


# --- leases (migration 0004): a worker holds a document while it extracts it --------------


def claim_leased_document(
    *,
    session: Session,
    worker: str,
    lease: timedelta,
    document_id: int | None = None,
) -> int | None:
    """Take one document for extraction under a lease, or None when there is none.

    Claimable: `received`, or `extracting` with an expired lease (its worker died), unless
    workers died on it three times (`set_aside`: then it fails). With `document_id`, only
    that document. PostgreSQL: `FOR UPDATE SKIP LOCKED`, so workers never wait for or take
    each other's row; SQLite's `BEGIN IMMEDIATE` serialises them.
    """
    now = utc_now()
    expired = and_(
        Document.status == "extracting",
        Document.lease_until.is_not(None),
        Document.lease_until < now,
    )
    query = select(Document).where(or_(Document.status == "received", expired))
    if document_id is not None:
        query = query.where(Document.id == document_id)
    query = query.order_by(Document.id).limit(1).with_for_update(skip_locked=True)
    while (document := session.scalars(query).first()) is not None:
        taken_over = document.status == "extracting"
        if taken_over and set_aside(session=session, document=document, worker=worker):
            continue
        set_document_status(
            session=session,
            document_id=document.id,
            status="extracting",
            reason=f"lease of {document.leased_by} expired" if taken_over else None,
            actor=worker,
        )
        document.leased_by = worker
        document.lease_until = now + lease
        return document.id
    return None


MAX_TAKEOVERS = 2  # a document whose worker died on it three times is set aside


def set_aside(*, session: Session, document: Document, worker: str) -> bool:
    """Fail a document whose workers died on it `MAX_TAKEOVERS + 1` times (a crash of the OCR
    engine on its pages, the machine's memory), instead of handing it to a third worker:
    else it would take down every worker in turn and the documents behind it would wait."""
    reasons = session.scalars(
        select(AuditEntry.details).where(
            AuditEntry.entity == "document",
            AuditEntry.entity_id == str(document.id),
            AuditEntry.action == "status",
        )
    )
    takeovers = sum(1 for d in reasons if str(d.get("reason", "")).startswith("lease of "))
    if takeovers < MAX_TAKEOVERS:
        return False
    reason = (
        f"its worker stopped {takeovers + 1} times while reading it (a crash reading the "
        "document?): set aside so that the other documents go on"
    )
    set_document_status(
        session=session, document_id=document.id, status="failed", reason=reason, actor=worker
    )
    return True


def renew_lease(*, session: Session, document_id: int, worker: str, lease: timedelta) -> bool:
    """Extend this worker's lease; False when the document is no longer this worker's."""
    statement = (
        update(Document)
        .where(
            Document.id == document_id,
            Document.leased_by == worker,
            Document.status == "extracting",
        )
        .values(lease_until=utc_now() + lease)
    )
    result: Any = session.execute(statement)
    return bool(result.rowcount == 1)


def holds_lease(*, session: Session, document_id: int, worker: str) -> bool:
    """Whether `worker` still holds the document (row locked until the transaction ends).

    Asked inside the routing transaction, so a worker whose lease was taken over never
    stores a second order for the same document.
    """
    document = session.get(Document, document_id, with_for_update=True, populate_existing=True)
    return (
        document is not None and document.status == "extracting" and (document.leased_by == worker)
    )
