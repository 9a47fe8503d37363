"""Documents: idempotent intake (also across two real processes), statuses, extractions."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from poflow.domain import (
    Evidence,
    ExtractedOrder,
    InputKind,
    IntakeDocument,
    OrderLine,
    PageText,
    Word,
)
from storage.audit import audit_trail
from storage.db import open_database
from storage.documents import (
    DatabaseMailLedger,
    add_document,
    claim_next_document,
    find_document,
    get_document,
    latest_extraction,
    record_extraction,
    set_document_status,
    unfinished_documents,
)
from storage.models import Document, Page

FORK = multiprocessing.get_context("fork")


def intake(sha: str = "a" * 64, name: str = "po.pdf") -> IntakeDocument:
    return IntakeDocument(
        source="cli",
        sha256=sha,
        original_name=name,
        blob_path=Path("/blobs") / sha,
        received_at=datetime(2026, 3, 15, 9, 30, tzinfo=UTC),
        size=1234,
        source_ref="folder:/in/po.pdf",
    )


def test_same_sha256_twice_gives_the_first_id(database_url: str) -> None:
    with open_database(database_url) as db:
        with db.session() as session:
            first = add_document(session=session, intake=intake())
        with db.session() as session:
            second = add_document(session=session, intake=intake(name="again.pdf"))
            count = session.scalar(select(func.count()).select_from(Document))
            row = find_document(session=session, sha256="a" * 64)
    assert first[1] is True
    assert second == (first[0], False)
    assert count == 1
    assert row is not None and row.original_name == "po.pdf"
    assert row.received_at == datetime(2026, 3, 15, 9, 30, tzinfo=UTC)


def _insert_same_bytes(url: str, barrier: object, results: object) -> None:
    with open_database(url, migrate=False) as db:
        barrier.wait()  # type: ignore[attr-defined]
        with db.session() as session:
            results.put(add_document(session=session, intake=intake("b" * 64)))  # type: ignore[attr-defined]


def test_two_processes_inserting_the_same_bytes_leave_one_row(database_url: str) -> None:
    with open_database(database_url):
        pass  # migrate once, before the race
    barrier = FORK.Barrier(2)
    results = FORK.Queue()
    workers = [
        FORK.Process(target=_insert_same_bytes, args=(database_url, barrier, results))
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert {doc_id for doc_id, _ in outcomes} == {outcomes[0][0]}
    assert sorted(created for _, created in outcomes) == [False, True]
    with open_database(database_url, migrate=False) as db, db.session() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 1


def test_status_changes_stamp_times_and_are_audited(database_url: str) -> None:
    with open_database(database_url) as db:
        with db.session() as session:
            doc_id, _ = add_document(session=session, intake=intake())
            set_document_status(session=session, document_id=doc_id, status="extracting")
            set_document_status(
                session=session, document_id=doc_id, status="failed", reason="no text found"
            )
        with db.session() as session:
            row = get_document(session=session, document_id=doc_id)
            trail = audit_trail(session=session, entity="document", entity_id=doc_id)
            assert row is not None
            assert row.status == "failed"
            assert row.failure_reason == "no text found"
            assert row.finished_at is not None and row.decided_at is None
            assert [e.details["status"] for e in trail] == ["received", "extracting", "failed"]
            assert trail[-1].details["reason"] == "no text found"
            assert trail[-1].actor == "system"
        with pytest.raises(ValueError), db.session() as session:
            set_document_status(session=session, document_id=doc_id, status="stored?")


def test_claim_takes_each_received_document_once(database_url: str) -> None:
    with open_database(database_url) as db:
        with db.session() as session:
            ids = [add_document(session=session, intake=intake(c * 64))[0] for c in "cd"]
        with db.session() as session:
            first = claim_next_document(session=session, worker="w1")
        with db.session() as session:
            second = claim_next_document(session=session, worker="w2")
            third = claim_next_document(session=session, worker="w2")
        with db.session() as session:
            statuses = [get_document(session=session, document_id=i).status for i in ids]  # type: ignore[union-attr]
    assert (first, second, third) == (ids[0], ids[1], None)
    assert statuses == ["extracting", "extracting"]


def test_extraction_keeps_the_order_object_with_evidence(database_url: str) -> None:
    order = ExtractedOrder(
        po_number="4500012345",
        currency="USD",
        lines=(OrderLine(1, "AX-1000", "Hex bolt", Decimal("250"), "EA", Decimal("0.42")),),
        total=Decimal("126.00"),
        evidence={"po_number": Evidence(0.98, 1, (412.0, 88.5, 498.2, 101.0))},
        kind=InputKind.SCAN,
    )
    pages = [
        PageText(1, 2480, 3508, (Word("PO", 1, 2, 3, 4),), "ocr", "px"),
        PageText(2, 2480, 3508, (), "ocr", "px"),
    ]
    with open_database(database_url) as db:
        with db.session() as session:
            doc_id, _ = add_document(session=session, intake=intake())
            record_extraction(session=session, document_id=doc_id, order=order, pages=pages)
            record_extraction(session=session, document_id=doc_id, order=order, pages=pages)
        with db.session() as session:
            back = latest_extraction(session=session, document_id=doc_id)
            document = get_document(session=session, document_id=doc_id)
            page_rows = session.scalars(select(Page).where(Page.document_id == doc_id)).all()
    assert back == order
    assert back is not None and back.to_json()["evidence"] == order.to_json()["evidence"]
    assert document is not None and document.page_count == 2
    assert document.media_kind == "scan"
    assert [(p.page_no, p.method, p.unit) for p in page_rows] == [
        (1, "ocr", "px"),
        (2, "ocr", "px"),
    ]


def test_mail_ledger_and_unfinished_documents(database_url: str) -> None:
    ref = "imap:po@host:993/INBOX;UIDVALIDITY=7;UID=42"
    mail = IntakeDocument("mail", "e" * 64, "m.eml", Path("/b"), intake().received_at, 9, ref)
    with open_database(database_url) as db:
        ledger = DatabaseMailLedger(db)
        with db.session() as session:
            doc_id, _ = add_document(session=session, intake=mail)
            set_document_status(session=session, document_id=doc_id, status="extracting")
        assert not ledger.seen(source_ref=ref, message_id="<a@b>")
        with db.session() as session:
            later = datetime(2026, 3, 16, tzinfo=UTC)
            stuck = unfinished_documents(session=session, received_before=later)
            assert [d.id for d in stuck] == [doc_id]
            set_document_status(session=session, document_id=doc_id, status="needs_review")
            assert unfinished_documents(session=session, received_before=later) == []
        assert ledger.seen(source_ref=ref, message_id=None)
        assert not ledger.seen(source_ref=ref.replace("42", "43"), message_id=None)
