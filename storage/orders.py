"""The order store: approved sales orders and their lines.

Only approved orders are stored here (by the pipeline when every rule passes, or by a
reviewer). An order links its customer and its lines' products when master data knows
them; the read values are kept as they are either way.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, selectinload

from poflow.domain import ExtractedOrder, OrderLine
from storage.audit import append_audit
from storage.models import Customer, Order, OrderLineRow, Product, ReviewTask

# Review tasks that hold a PO number: an open one is queued, an approved one became an order.
_HOLDING_STATUSES = ("open", "approved")


def add_order(
    *, session: Session, document_id: int, order: ExtractedOrder, approved_by: str
) -> int:
    """Store an approved order with its lines in the caller's transaction; returns its id."""
    customer_id = order.customer_id
    if customer_id is not None and session.get(Customer, customer_id) is None:
        customer_id = None  # not (or no longer) in master data: keep the read name only
    known_skus = _known_skus(session, [ln.sku for ln in order.lines if ln.sku])
    row = Order(
        document_id=document_id,
        customer_id=customer_id,
        customer_name=order.customer_name,
        po_number=order.po_number,
        order_date=order.order_date,
        delivery_date=order.delivery_date,
        currency=order.currency,
        ship_to=order.ship_to,
        payment_terms=order.payment_terms,
        subtotal=order.subtotal,
        tax=order.tax,
        shipping=order.shipping,
        total=order.total,
        status="approved",
        approved_by=approved_by,
        order_json=order.to_json(),
        lines=[_line_row(line, known_skus) for line in order.lines],
    )
    session.add(row)
    session.flush()
    append_audit(
        session=session,
        actor=approved_by,
        action="order_stored",
        entity="order",
        entity_id=row.id,
        details={"document_id": document_id, "po_number": order.po_number},
    )
    return row.id


def _known_skus(session: Session, skus: Sequence[str]) -> set[str]:
    if not skus:
        return set()
    return set(session.scalars(select(Product.sku).where(Product.sku.in_(set(skus)))))


def _line_row(line: OrderLine, known_skus: set[str]) -> OrderLineRow:
    return OrderLineRow(
        line_no=line.line_no,
        sku=line.sku,
        product_sku=line.sku if line.sku in known_skus else None,
        description=line.description,
        quantity=line.quantity,
        unit=line.unit,
        unit_price=line.unit_price,
        amount=line.amount,
    )


def get_order(*, session: Session, order_id: int) -> Order | None:
    """The stored order row with its lines loaded."""
    query = select(Order).where(Order.id == order_id).options(selectinload(Order.lines))
    return session.scalars(query).one_or_none()


def order_for_document(*, session: Session, document_id: int) -> int | None:
    """The id of the order stored from a document, if any (a restart must not store it twice)."""
    query = select(Order.id).where(Order.document_id == document_id).order_by(Order.id).limit(1)
    return session.scalars(query).first()


def order_record(row: Order) -> ExtractedOrder:
    """A stored order as the typed record, rebuilt from its columns (not the read JSON)."""
    return ExtractedOrder(
        po_number=row.po_number,
        order_date=row.order_date,
        delivery_date=row.delivery_date,
        currency=row.currency,
        customer_name=row.customer_name,
        customer_id=row.customer_id,
        ship_to=row.ship_to,
        payment_terms=row.payment_terms,
        lines=tuple(
            OrderLine(
                line_no=ln.line_no,
                sku=ln.sku,
                description=ln.description,
                quantity=ln.quantity,
                unit=ln.unit,
                unit_price=ln.unit_price,
                amount=ln.amount,
            )
            for ln in row.lines
        ),
        subtotal=row.subtotal,
        tax=row.tax,
        shipping=row.shipping,
        total=row.total,
    )


def po_number_taken(
    *,
    session: Session,
    customer_id: str,
    po_number: str,
    exclude_document_id: int | None = None,
) -> bool:
    """Whether this customer's PO number is already stored or queued (rule `duplicate_po`).

    Looks at stored orders and at open or approved review tasks; the document being
    checked itself is left out with `exclude_document_id`.
    """
    po_number = po_number.strip()
    in_orders = select(Order.id).where(
        Order.customer_id == customer_id, Order.po_number == po_number
    )
    in_tasks = select(ReviewTask.id).where(
        ReviewTask.customer_id == customer_id,
        ReviewTask.po_number == po_number,
        ReviewTask.status.in_(_HOLDING_STATUSES),
    )
    if exclude_document_id is not None:
        in_orders = in_orders.where(Order.document_id != exclude_document_id)
        in_tasks = in_tasks.where(ReviewTask.document_id != exclude_document_id)
    return bool(session.scalar(select(exists(in_orders) | exists(in_tasks))))
