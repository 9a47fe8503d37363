"""The order store and review tasks: Decimal money, links to master data, duplicate PO lookup."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from poflow.domain import Evidence, ExtractedOrder, Finding, IntakeDocument, OrderLine
from storage import models
from storage.db import Database, open_database
from storage.documents import add_document
from storage.orders import add_order, get_order, order_for_document, order_record, po_number_taken
from storage.review import (
    ReviewConflict,
    add_correction,
    add_review_task,
    claim_review_task,
    corrections_for_customer,
    decide_review_task,
    review_task_for_document,
    review_tasks,
    task_findings,
    task_order,
    update_review_task,
)

ORDER = ExtractedOrder(
    po_number="4500012345",
    order_date=date(2026, 3, 15),
    delivery_date=date(2026, 4, 1),
    currency="USD",
    customer_name="Northwind Traders Ltd.",
    customer_id="C0042",
    lines=(
        OrderLine(
            1, "AX-1000", "Hex bolt M8x40", Decimal("250"), "EA", Decimal("0.42"), Decimal("105.00")
        ),
        OrderLine(
            2,
            "NOT-IN-CATALOGUE",
            "Washer",
            Decimal("1.5"),
            "KG",
            Decimal("1234567.8912"),
            Decimal("1851851.84"),
        ),
    ),
    subtotal=Decimal("1851956.84"),
    tax=Decimal("0.00"),
    shipping=Decimal("12.30"),
    total=Decimal("1851969.14"),
    evidence={"po_number": Evidence(0.97, 1, (1.0, 2.0, 3.0, 4.0))},
)


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    with open_database(database_url) as database:
        with database.session() as session:
            session.add(
                models.Customer(
                    customer_id="C0042",
                    name="Northwind",
                    aliases=[],
                    email_domains=[],
                    currency="USD",
                )
            )
            session.add(models.Product(sku="AX-1000", unit_price=Decimal("0.42")))
        yield database


def new_document(db: Database, sha: str) -> int:
    intake = IntakeDocument("cli", sha * 64, "po.pdf", Path("/b"), datetime.now(UTC), 10)
    with db.session() as session:
        return add_document(session=session, intake=intake)[0]


def test_order_money_round_trips_as_exact_decimals(db: Database) -> None:
    doc_id = new_document(db, "a")
    with db.session() as session:
        order_id = add_order(session=session, document_id=doc_id, order=ORDER, approved_by="ann")
    with db.session() as session:
        row = get_order(session=session, order_id=order_id)
        assert row is not None
        back = order_record(row)
        assert order_for_document(session=session, document_id=doc_id) == order_id
        stored_total = session.execute(text("SELECT total FROM orders")).scalar_one()
    assert back == ORDER  # Decimal('105.0000') == Decimal('105.00'): equal values
    assert isinstance(back.total, Decimal)
    assert back.lines[1].unit_price == Decimal("1234567.8912")
    assert back.lines[1].quantity == Decimal("1.5")
    assert Decimal(str(stored_total)) == Decimal("1851969.14")
    assert row.approved_by == "ann" and row.status == "approved"
    assert row.order_json["evidence"]["po_number"]["confidence"] == 0.97


def test_order_links_known_customer_and_products_only(db: Database) -> None:
    unknown_customer = ORDER.with_(customer_id="C9999")
    doc_id = new_document(db, "b")
    with db.session() as session:
        linked = add_order(session=session, document_id=doc_id, order=ORDER, approved_by="x")
        unlinked = add_order(
            session=session, document_id=doc_id, order=unknown_customer, approved_by="x"
        )
    with db.session() as session:
        first = get_order(session=session, order_id=linked)
        second = get_order(session=session, order_id=unlinked)
        assert first is not None and second is not None
        assert first.customer_id == "C0042"
        assert [ln.product_sku for ln in first.lines] == ["AX-1000", None]
        assert [ln.sku for ln in first.lines] == ["AX-1000", "NOT-IN-CATALOGUE"]
        assert second.customer_id is None and second.customer_name == ORDER.customer_name


def test_po_number_taken_sees_orders_and_queued_tasks(db: Database) -> None:
    stored_doc, queued_doc, other_doc = (new_document(db, c) for c in "cde")
    queued = ORDER.with_(po_number="PO-77")
    with db.session() as session:
        add_order(session=session, document_id=stored_doc, order=ORDER, approved_by="x")
        task_id = add_review_task(
            session=session, document_id=queued_doc, order=queued, findings=()
        )
    with db.session() as session:

        def taken(po: str, exclude: int | None = None) -> bool:
            return po_number_taken(
                session=session, customer_id="C0042", po_number=po, exclude_document_id=exclude
            )

        assert taken("4500012345")
        assert taken(" PO-77 ")
        assert not taken("PO-77", exclude=queued_doc)
        assert not taken("4500012345", exclude=stored_doc)
        assert not taken("NEW-1")
        assert not po_number_taken(session=session, customer_id="C0001", po_number="PO-77")
        decide_review_task(session=session, task_id=task_id, status="rejected", decided_by="ann")
    with db.session() as session:
        assert not po_number_taken(session=session, customer_id="C0042", po_number="PO-77")
    assert other_doc


def test_review_task_lifecycle(db: Database) -> None:
    doc_id = new_document(db, "f")
    findings = [Finding("price_mismatch", "lines[1].unit_price", "differs by 9.2%")]
    with db.session() as session:
        task_id = add_review_task(
            session=session, document_id=doc_id, order=ORDER, findings=findings
        )
    with db.session() as session:
        claim_review_task(session=session, task_id=task_id, user="ann")
    with pytest.raises(ReviewConflict, match="claimed by ann"), db.session() as session:
        claim_review_task(session=session, task_id=task_id, user="bob")
    fixed = ORDER.with_(po_number="4500012346")
    with db.session() as session:
        update_review_task(session=session, task_id=task_id, order=fixed, findings=(), actor="ann")
        add_correction(
            session=session,
            document_id=doc_id,
            field_path="po_number",
            read_value="4500012345",
            corrected_value="4500012346",
            customer_id="C0042",
            page=1,
            bbox=(1.0, 2.0, 3.0, 4.0),
            actor="ann",
        )
    with db.session() as session:
        task = review_task_for_document(session=session, document_id=doc_id)
        assert task is not None and task.claimed_by == "ann"
        assert task_order(task) == fixed and task_findings(task) == ()
        assert [t.id for t in review_tasks(session=session)] == [task_id]
        order_id = add_order(session=session, document_id=doc_id, order=fixed, approved_by="ann")
        decide_review_task(
            session=session, task_id=task_id, status="approved", decided_by="ann", order_id=order_id
        )
    with db.session() as session:
        assert review_tasks(session=session) == []
        corrections = corrections_for_customer(session=session, customer_id="C0042")
        assert [(c.read_value, c.corrected_value, c.bbox) for c in corrections] == [
            ("4500012345", "4500012346", [1.0, 2.0, 3.0, 4.0])
        ]
    with pytest.raises(ReviewConflict, match="already approved"), db.session() as session:
        decide_review_task(session=session, task_id=task_id, status="rejected", decided_by="bob")


def test_catalogue_price_reads_back_as_decimal(db: Database) -> None:
    with db.session() as session:
        row = session.get(models.Product, "AX-1000")
        assert row is not None and row.unit_price == Decimal("0.42")
        assert isinstance(row.unit_price, Decimal)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=st.decimals(min_value=-(10**11) + 1, max_value=10**11 - 1, places=4))
def test_money_round_trips_exactly(database: Database, value: Decimal) -> None:
    sku = uuid.uuid4().hex
    with database.session() as session:
        session.add(models.Product(sku=sku, unit_price=value))
    with database.read_session() as session:
        row = session.get(models.Product, sku)
        assert row is not None
        assert isinstance(row.unit_price, Decimal)
        assert row.unit_price == value
