"""Document leases: claim, renew, take over when expired, and the routing guard."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest

from flows.intake import Received, submit_bytes
from flows.pipeline import Pipeline
from flows.worker import Job, LeaseLost, Worker, route_order
from poflow.domain import Approved, ExtractedOrder, ExtractionContext, NeedsReview
from poflow.settings import load_settings
from storage.blobs import BlobStore
from storage.db import Database
from storage.documents import claim_leased_document, holds_lease, renew_lease


def empty_order(data: bytes, name: str, context: ExtractionContext) -> ExtractedOrder:
    return ExtractedOrder()


def received(db: Database, tmp_path: Path, content: bytes) -> int:
    taken = submit_bytes(db, BlobStore(tmp_path / "blobs"), content, "po.pdf", source="test")
    assert isinstance(taken, Received)
    return taken.document_id


def test_a_claimed_document_is_not_claimed_again_until_its_lease_expires(
    database: Database, tmp_path: Path
) -> None:
    document_id = received(database, tmp_path, b"%PDF-1.4 one")
    lease = timedelta(seconds=0.5)
    with database.session() as session:
        assert claim_leased_document(session=session, worker="a", lease=lease) == document_id
    with database.session() as session:
        assert claim_leased_document(session=session, worker="b", lease=lease) is None
        assert renew_lease(session=session, document_id=document_id, worker="a", lease=lease)
        assert not renew_lease(session=session, document_id=document_id, worker="b", lease=lease)
    time.sleep(0.7)
    with database.session() as session:
        assert claim_leased_document(session=session, worker="b", lease=lease) == document_id
    with database.session() as session:
        assert holds_lease(session=session, document_id=document_id, worker="b")
        assert not holds_lease(session=session, document_id=document_id, worker="a")


def test_a_worker_that_lost_its_lease_stores_nothing(database: Database, tmp_path: Path) -> None:
    settings = load_settings(home=tmp_path, database_url=database.url, prefect=False)
    received(database, tmp_path, b"%PDF-1.4 two")
    with Pipeline.open(settings, extract=empty_order) as pipeline:
        pipeline.blobs = BlobStore(tmp_path / "blobs")
        slow = Worker(pipeline, name="slow", lease=timedelta(seconds=0.2))
        job = slow.claim()
        assert job is not None
        time.sleep(0.4)
        quick = Worker(pipeline, name="quick")
        verdict = quick.run_once()
        assert isinstance(verdict, Approved | NeedsReview)
        with pytest.raises(LeaseLost):
            route_order(pipeline, job, ExtractedOrder(), ())
        assert slow.run_once() is None  # nothing left to claim


def test_the_claim_of_one_named_document(database: Database, tmp_path: Path) -> None:
    first = received(database, tmp_path, b"%PDF-1.4 a")
    second = received(database, tmp_path, b"%PDF-1.4 b")
    with database.session() as session:
        got = claim_leased_document(
            session=session, worker="w", lease=timedelta(seconds=5), document_id=second
        )
    assert got == second != first
    assert Job(second, "po.pdf", "0" * 64, "w").worker == "w"


def test_a_document_its_workers_died_on_three_times_is_set_aside(
    database: Database, tmp_path: Path
) -> None:
    """A page that crashes the OCR engine would take down every worker in turn: the third
    death fails the document with its reason, and the next document is taken instead."""
    from storage.models import Document

    poison = received(database, tmp_path, b"%PDF-1.4 crashes every reader")
    behind = received(database, tmp_path, b"%PDF-1.4 waits behind it")
    lease = timedelta(seconds=0.2)
    for worker in ("a", "b", "c"):  # each claims the poison document and dies with it
        with database.session() as session:
            claimed = claim_leased_document(
                session=session, worker=worker, lease=lease, document_id=poison
            )
            assert claimed == poison
        time.sleep(0.3)
    with database.session() as session:
        assert claim_leased_document(session=session, worker="d", lease=lease) == behind
    with database.read_session() as session:
        document = session.get(Document, poison)
        assert document is not None and document.status == "failed"
        assert "stopped 3 times" in (document.failure_reason or "")
