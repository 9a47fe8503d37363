"""Stored orders for the screens and for export (CSV safe against formula injection, JSON).

A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
as a formula; OCR'd text can start with anything, so such cells get a leading `'`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from storage.models import AuditEntry, Order, OrderLineRow, ReviewTask

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = (
    "order_id",
    "document_id",
    "customer_id",
    "customer_name",
    "po_number",
    "order_date",
    "delivery_date",
    "currency",
    "total",
    "approved_by",
    "approved_at",
    "line_no",
    "sku",
    "description",
    "quantity",
    "unit",
    "unit_price",
    "amount",
)


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet will show as text, never run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def recent_orders(*, session: Session, limit: int = 200, offset: int = 0) -> Sequence[Order]:
    query = select(Order).order_by(Order.id.desc()).limit(limit).offset(offset)
    return session.scalars(query).all()


def order_history(*, session: Session, order_id: int) -> Sequence[AuditEntry]:
    """The order's audit entries and those of the review task it came from, oldest first."""
    task_ids = session.scalars(select(ReviewTask.id).where(ReviewTask.order_id == order_id)).all()
    query = select(AuditEntry).where(
        or_(
            (AuditEntry.entity == "order") & (AuditEntry.entity_id == str(order_id)),
            (AuditEntry.entity == "review_task")
            & AuditEntry.entity_id.in_([str(t) for t in task_ids]),
        )
    )
    return session.scalars(query.order_by(AuditEntry.id)).all()


def _all_orders(session: Session) -> Sequence[Order]:
    query = select(Order).options(selectinload(Order.lines)).order_by(Order.id)
    return session.scalars(query).all()


def orders_csv(*, session: Session) -> str:
    """One row per order line (an order without lines gets one row)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for order in _all_orders(session):
        head = [
            order.id,
            order.document_id,
            order.customer_id,
            order.customer_name,
            order.po_number,
            order.order_date,
            order.delivery_date,
            order.currency,
            order.total,
            order.approved_by,
            order.approved_at.isoformat(),
        ]
        lines: list[OrderLineRow | None] = [*order.lines] or [None]
        for line in lines:
            writer.writerow([safe_cell(v) for v in head + _line_cells(line)])
    return out.getvalue()


def _line_cells(line: OrderLineRow | None) -> list[object]:
    if line is None:
        return [None] * 7
    return [line.line_no, line.sku, line.description, line.quantity, line.unit, *_money(line)]


def _money(line: OrderLineRow) -> list[object]:
    return [line.unit_price, line.amount]


def order_json(order: Order) -> dict[str, Any]:
    """A stored order: its id and approval, and the contract §2 object it was stored from."""
    return {
        "order_id": order.id,
        "document_id": order.document_id,
        "status": order.status,
        "approved_by": order.approved_by,
        "approved_at": order.approved_at.isoformat(),
        "order": order.order_json,
    }


def orders_json(*, session: Session) -> str:
    return json.dumps([order_json(o) for o in _all_orders(session)], ensure_ascii=False, indent=1)
