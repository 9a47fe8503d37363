"""`missing_field`: the values without which an order cannot be entered at all."""

from __future__ import annotations

from collections.abc import Iterator

from poflow.domain import Finding
from rules.inputs import RuleInput

REQUIRED_HEADER = {
    "po_number": "PO number",
    "order_date": "order date",
    "customer_name": "customer name",
    "total": "total",
}
# A line is only enterable with a quantity and a price; the amount may be unprinted (some
# orders have no amount column), but not on one line when the others print it: that cell
# was there and was not read.
REQUIRED_LINE = {"quantity": "quantity", "unit_price": "unit price"}


def missing_field(given: RuleInput) -> Iterator[Finding]:
    order = given.order
    for name, label in REQUIRED_HEADER.items():
        if _blank(getattr(order, name)):
            yield Finding("missing_field", name, f"the order has no {label}")
    if not order.lines:
        yield Finding("missing_field", "lines", "the order has no lines")
    amounts_printed = any(line.amount is not None for line in order.lines)
    for i, line in enumerate(order.lines):
        for name, label in REQUIRED_LINE.items():
            if getattr(line, name) is None:
                yield Finding(
                    "missing_field", f"lines[{i}].{name}", f"line {line.line_no} has no {label}"
                )
        if amounts_printed and line.amount is None:
            yield Finding(
                "missing_field",
                f"lines[{i}].amount",
                f"line {line.line_no} has no amount, though the other lines print one",
            )


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
