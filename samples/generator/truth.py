"""Truth files: the contract §2 order object without evidence, plus the expected outcome.

Normalisation follows the contract: ISO dates, money as decimal strings with 2 places,
quantity as printed ("250", "2.5"), ship-to address lines as printed (a block joined by
newlines, a one-line address as printed; never the company name), multi-line descriptions
joined by a single space.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from samples.generator.content import Line, Order
from samples.generator.formatting import quantity_truth


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _line(line: Line) -> dict[str, Any]:
    return {
        "line_no": line.line_no,
        "sku": line.sku,
        "description": line.description,
        "quantity": quantity_truth(line.quantity),
        "unit": line.unit,
        "unit_price": _money(line.unit_price),
        "amount": _money(line.amount),
    }


def order_truth(
    order: Order, *, expected_rules: list[str], kind: str, layout: str
) -> dict[str, Any]:
    """The truth object of one sample document."""
    return {
        "po_number": order.po_number,
        "order_date": order.order_date.isoformat() if order.order_date else None,
        "delivery_date": order.delivery_date.isoformat() if order.delivery_date else None,
        "currency": order.currency,
        "customer_name": order.customer_name,
        "customer_id": order.customer_id,
        "ship_to": order.ship_to_joiner.join(order.ship_to) if order.ship_to else None,
        "payment_terms": order.payment_terms,
        "lines": [_line(ln) for ln in order.lines],
        "subtotal": _money(order.subtotal),
        "tax": _money(order.tax),
        "shipping": _money(order.shipping),
        "total": _money(order.total),
        "expected_status": "needs_review" if expected_rules else "approved",
        "expected_rules": sorted(expected_rules),
        "kind": kind,
        "layout": layout,
    }


def write_truth(document: Path, truth: dict[str, Any]) -> Path:
    """Write NAME.truth.json beside NAME.ext (stable key order, UTF-8, trailing newline)."""
    path = document.with_name(document.name.rsplit(".", 1)[0] + ".truth.json")
    path.write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
