"""One finding per cause: the reviewer reads why, not the same misread three times.

Two kinds of finding are effects, not causes:

- A comparison (price, line arithmetic, subtotal, total, credit limit) made with a value
  that `missing_field` or `low_confidence` already reports: with a misread operand it
  says nothing about the order ("-4.85 differs from list price 4.85 by 200 %" is a minus
  sign OCR saw, not a price). It is folded into the finding on that operand.
- `low_confidence` on a field another finding already names: an item code the catalogue
  does not know cannot be confirmed by it, so its low confidence follows from unknown_sku.

Folding keeps the message (appended to the finding that stays), and a finding is only
ever folded into one that is reported, so a folded order is still `needs_review`. After a
reviewer corrects the value, the rules run again and the comparison speaks for itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from poflow.domain import ExtractedOrder, Finding, line_path

UNSURE = frozenset({"missing_field", "low_confidence"})


def _line_operands(order: ExtractedOrder, index: int) -> tuple[str, ...]:
    """What a line adds to a sum: its amount; where none was read, the quantity and price
    it is computed from, and the amount cell missing_field reports."""
    path = f"lines[{index}]."
    if order.lines[index].amount is not None:
        return (path + "amount",)
    return (path + "quantity", path + "unit_price", path + "amount")


def _all_lines(order: ExtractedOrder) -> tuple[str, ...]:
    return tuple(p for i in range(len(order.lines)) for p in _line_operands(order, i))


def _line_fields(finding: Finding, *names: str) -> tuple[str, ...]:
    on_line = line_path(finding.field or "")
    return tuple(f"lines[{on_line[0]}].{name}" for name in names) if on_line else ()


def _total_operands(finding: Finding, order: ExtractedOrder) -> tuple[str, ...]:
    parts = ("total", "subtotal", "tax", "shipping")
    return parts if order.subtotal is not None else (*parts, *_all_lines(order))


_OPERANDS: dict[str, Callable[[Finding, ExtractedOrder], tuple[str, ...]]] = {
    "price_mismatch": lambda f, o: _line_fields(f, "sku", "unit_price"),
    "line_arithmetic": lambda f, o: _line_fields(f, "quantity", "unit_price", "amount"),
    "subtotal_mismatch": lambda f, o: ("subtotal", *_all_lines(o)),
    "total_mismatch": _total_operands,
    "credit_limit": lambda f, o: ("total",),
}


def one_per_cause(findings: Sequence[Finding], order: ExtractedOrder) -> tuple[Finding, ...]:
    """The findings with effects folded into their causes, in their first order."""
    kept = list(findings)
    for effect in findings:
        operands = _OPERANDS.get(effect.rule)
        if operands is None:
            continue
        fields = set(operands(effect, order))
        cause = next((f for f in kept if f.rule in UNSURE and f.field in fields), None)
        if cause is not None:
            _fold(kept, effect, cause, "unchecked until confirmed")
    for unsure in [f for f in kept if f.rule == "low_confidence"]:
        named = next((f for f in kept if f.rule not in UNSURE and f.field == unsure.field), None)
        if named is not None:
            _fold(kept, unsure, named, "also")
    return tuple(kept)


def _fold(kept: list[Finding], effect: Finding, into: Finding, joint: str) -> None:
    at = kept.index(into)
    kept[at] = replace(into, message=f"{into.message}; {joint}: {effect.message}")
    kept.remove(effect)
