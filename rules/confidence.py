"""`low_confidence`: the false-accept guard.

An order goes straight through only if every value that decides it was read surely.
The split of work: the extractor's `calibrate()` raises the confidence of values that
independent cross-checks confirm (qty × price = amount, lines add up to the total, the
SKU's list price matches), so this rule stays a plain threshold check. A deciding value
with no evidence at all is not trusted either: nobody can say where it was read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from poflow.domain import Evidence, ExtractedOrder, Finding
from rules.inputs import RuleInput
from rules.text import money, number


@dataclass(frozen=True)
class DecidingValue:
    path: str  # the field path the finding names
    label: str  # how a person calls it
    shown: str  # the value as text
    evidence: Evidence | None


def deciding_values(order: ExtractedOrder) -> list[DecidingValue]:
    """The present values that decide the order: PO, customer, total, and every line's
    item code, quantity, unit price and amount. Missing ones are missing_field's business."""
    ev = order.evidence
    found: list[DecidingValue] = []
    if order.po_number:
        found.append(DecidingValue("po_number", "PO number", order.po_number, ev.get("po_number")))
    if order.customer_id is not None:
        # A match is as sure as the name it was made from, unless the extractor scored it.
        customer_ev = ev.get("customer_id") or ev.get("customer_name")
        shown = order.customer_name or order.customer_id
        found.append(DecidingValue("customer_id", "customer", shown, customer_ev))
    if order.total is not None:
        found.append(DecidingValue("total", "total", money(order.total), ev.get("total")))
    for i, line in enumerate(order.lines):
        values = {
            "sku": ("item code", line.sku),
            "quantity": ("quantity", None if line.quantity is None else number(line.quantity)),
            "unit_price": (
                "unit price",
                None if line.unit_price is None else money(line.unit_price),
            ),
            "amount": ("amount", None if line.amount is None else money(line.amount)),
        }
        for name, (label, shown_value) in values.items():
            if shown_value is not None:
                path = f"lines[{i}].{name}"
                found.append(
                    DecidingValue(path, f"line {line.line_no} {label}", shown_value, ev.get(path))
                )
    return found


def low_confidence(given: RuleInput) -> Iterator[Finding]:
    threshold = given.thresholds.confidence_threshold
    for value in deciding_values(given.order):
        if value.evidence is None:
            yield Finding(
                "low_confidence",
                value.path,
                f"{value.label} {value.shown} has no evidence of where it was read",
            )
        elif value.evidence.confidence < threshold:
            yield Finding(
                "low_confidence",
                value.path,
                f"{value.label} {value.shown} was read with confidence "
                f"{value.evidence.confidence:.2f} (threshold {threshold:.2f})",
            )
