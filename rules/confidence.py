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
from decimal import Decimal

from extractors.confidence import deciding_fields
from poflow.domain import Evidence, ExtractedOrder, Finding, line_path
from rules.inputs import RuleInput
from rules.text import money, number


@dataclass(frozen=True)
class DecidingValue:
    path: str  # the field path the finding names
    label: str  # how a person calls it
    shown: str  # the value as text
    evidence: Evidence | None


def deciding_values(order: ExtractedOrder) -> list[DecidingValue]:
    """The present values that decide the order, as the extractor defines them
    (`extractors.confidence.deciding_fields`: PO, customer, total, and every line's item
    code, quantity, unit price and amount). Missing ones are missing_field's business."""
    return [_deciding_value(order, path) for path in deciding_fields(order)]


_LABELS = {
    "po_number": "PO number",
    "customer_id": "customer",
    "total": "total",
    "sku": "item code",
    "quantity": "quantity",
    "unit_price": "unit price",
    "amount": "amount",
}


def _deciding_value(order: ExtractedOrder, path: str) -> DecidingValue:
    evidence = order.evidence.get(path)
    if path == "customer_id":
        # A match is as sure as the name it was made from, unless the extractor scored it.
        evidence = evidence or order.evidence.get("customer_name")
        return DecidingValue(
            path, "customer", order.customer_name or str(order.customer_id), evidence
        )
    on_line = line_path(path)
    if on_line:
        index, name = on_line
        line = order.lines[index]
        label, value = f"line {line.line_no} {_LABELS.get(name, name)}", getattr(line, name)
    else:
        name = path
        label, value = _LABELS.get(name, name), getattr(order, name)
    return DecidingValue(path, label, _shown(name, value), evidence)


def _shown(name: str, value: object) -> str:
    if isinstance(value, Decimal):
        return number(value) if name == "quantity" else money(value)
    return str(value)


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
