"""What the review screen shows, computed from a task: fields, boxes on pages, findings.

Plain data for the templates (which escape every string): no HTML is built here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
from sqlalchemy import select
from sqlalchemy.orm import Session

from poflow.domain import HEADER_FIELDS, LINE_FIELDS, ExtractedOrder, Finding
from poflow.errors import PoflowError
from review_queue import pages
from review_queue.editing import shown
from storage.blobs import BlobStore
from storage.models import Document, Page

LABELS = {
    "po_number": "PO number",
    "order_date": "Order date",
    "delivery_date": "Delivery date",
    "currency": "Currency",
    "customer_name": "Customer",
    "customer_id": "Customer id",
    "ship_to": "Ship to",
    "payment_terms": "Payment terms",
    "subtotal": "Subtotal",
    "tax": "Tax",
    "shipping": "Shipping",
    "total": "Total",
    "sku": "SKU",
    "description": "Description",
    "quantity": "Qty",
    "unit": "Unit",
    "unit_price": "Unit price",
    "amount": "Amount",
}


@dataclass(frozen=True)
class FieldView:
    path: str
    label: str
    value: str
    messages: tuple[str, ...]
    confidence: float | None
    has_box: bool

    @property
    def flagged(self) -> bool:
        return bool(self.messages)


@dataclass(frozen=True)
class Box:
    path: str
    x: float
    y: float
    width: float
    height: float
    flagged: bool
    title: str


@dataclass(frozen=True)
class PageView:
    page_no: int
    width: float
    height: float
    boxes: tuple[Box, ...]


@dataclass(frozen=True)
class OrderForm:
    header: tuple[FieldView, ...]
    lines: tuple[tuple[FieldView, ...], ...]
    general: tuple[Finding, ...]  # findings about no one field (or the line list as a whole)
    findings: tuple[Finding, ...]


def order_form(order: ExtractedOrder, findings: Sequence[Finding]) -> OrderForm:
    by_field: dict[str, list[str]] = {}
    for finding in findings:
        by_field.setdefault(finding.field or "", []).append(finding.message)
    header = tuple(_field(order, name, name, by_field) for name in HEADER_FIELDS)
    lines = tuple(
        tuple(_field(order, f"lines[{i}].{name}", name, by_field) for name in LINE_FIELDS)
        for i in range(len(order.lines))
    )
    paths = {f.path for f in header} | {f.path for line in lines for f in line}
    general = tuple(f for f in findings if (f.field or "") not in paths)
    return OrderForm(header, lines, general, tuple(findings))


def _field(
    order: ExtractedOrder, path: str, name: str, by_field: dict[str, list[str]]
) -> FieldView:
    if path.startswith("lines["):
        index = int(path[6 : path.index("]")])
        value = getattr(order.lines[index], name)
    else:
        value = getattr(order, name)
    evidence = order.evidence.get(path)
    return FieldView(
        path=path,
        label=LABELS.get(name, name),
        value=shown(value),
        messages=tuple(by_field.get(path, ())),
        confidence=evidence.confidence if evidence else None,
        has_box=bool(evidence and evidence.bbox),
    )


def page_views(
    *,
    session: Session,
    blobs: BlobStore,
    document: Document,
    form: OrderForm,
    order: ExtractedOrder,
) -> list[PageView]:
    """The pages that have an image, each with a box for every value read on it."""
    sizes = _page_sizes(session, blobs, document)
    messages = {f.path: f for f in form.header} | {f.path: f for ln in form.lines for f in ln}
    views = []
    for page_no, (width, height) in sorted(sizes.items()):
        boxes = tuple(
            _box(path, evidence.bbox, messages.get(path))
            for path, evidence in sorted(order.evidence.items())
            if evidence.page == page_no and evidence.bbox is not None
        )
        views.append(PageView(page_no, width, height, boxes))
    return views


def _box(path: str, bbox: tuple[float, float, float, float], field: FieldView | None) -> Box:
    x0, top, x1, bottom = bbox
    flagged = bool(field and field.flagged)
    label = f"{field.label}: {field.value}" if field else path
    title = " — ".join((label, *field.messages)) if field and flagged else label
    pad = 2.0
    return Box(path, x0 - pad, top - pad, x1 - x0 + 2 * pad, bottom - top + 2 * pad, flagged, title)


def _page_sizes(
    session: Session, blobs: BlobStore, document: Document
) -> dict[int, tuple[float, float]]:
    rows = session.scalars(select(Page).where(Page.document_id == document.id)).all()
    if rows:
        return {p.page_no: (p.width, p.height) for p in rows if p.unit in ("pt", "px")}
    try:  # no page rows (e.g. an upload read elsewhere): ask the original itself
        data = blobs.get(document.sha256)
        count = min(pages.page_count(data), 20)
    except (PoflowError, pdfium.PdfiumError):
        return {}  # a missing or unreadable original: the form still works, without images
    return {
        n: (size.width, size.height)
        for n in range(1, count + 1)
        for size in [pages.page_size(data, n)]
    }
