"""A reviewer's edits to an order, as pure functions: ExtractedOrder in, ExtractedOrder out.

A value a person typed or confirmed is certain: its evidence keeps the page and box where
it was read but gets confidence 1.0, so `low_confidence` no longer fires for it. Line
paths are `lines[i].name` with a 0-based index (as in findings); adding, deleting and
splitting lines renumber `line_no` and move the lines' evidence with them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from poflow.domain import (
    HEADER_FIELDS,
    LINE_FIELDS,
    Evidence,
    ExtractedOrder,
    OrderLine,
    line_path,
)

DATE_FIELDS = ("order_date", "delivery_date")
DECIMAL_FIELDS = ("subtotal", "tax", "shipping", "total", "quantity", "unit_price", "amount")
CONFIRMED = 1.0


class EditError(ValueError):
    """A typed value that does not fit its field (shown to the reviewer as is)."""


def field_value(order: ExtractedOrder, path: str) -> Any:
    """The current value at a field path (`po_number`, `lines[2].unit_price`)."""
    index, name = _split_path(order, path)
    return getattr(order if index is None else order.lines[index], name)


def shown(value: Any) -> str:
    """A value as the form shows it (and as corrections record it)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return value.isoformat() if isinstance(value, date) else str(value)


def parse_value(name: str, text: str) -> Any:
    """The typed value of a field from what was typed; an empty box is None."""
    text = text.strip()
    if not text:
        return None
    if name in DATE_FIELDS:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise EditError(f"{name}: a date is written YYYY-MM-DD, not {text!r}") from None
    if name in DECIMAL_FIELDS:
        try:
            value = Decimal(text.replace(" ", "").replace(",", ""))
        except InvalidOperation:
            raise EditError(f"{name}: not a number: {text!r}") from None
        if not value.is_finite():
            raise EditError(f"{name}: not a number: {text!r}")
        return value
    if name == "currency":
        if not re.fullmatch(r"[A-Za-z]{3}", text):
            raise EditError(f"currency: a 3-letter ISO code, not {text!r}")
        return text.upper()
    return text


def set_field(order: ExtractedOrder, path: str, text: str) -> ExtractedOrder:
    """The order with the value at `path` set from `text`, confirmed by a person."""
    index, name = _split_path(order, path)
    value = parse_value(name, text)
    if index is None:
        changed = order.with_(**{name: value})
    else:
        lines = list(order.lines)
        lines[index] = replace(lines[index], **{name: value})
        changed = order.with_(lines=tuple(lines))
    return _confirmed(changed, path)


def confirm_field(order: ExtractedOrder, path: str) -> ExtractedOrder:
    """The value at `path` checked by a person and left as it is."""
    _split_path(order, path)
    return _confirmed(order, path)


def add_line(order: ExtractedOrder) -> ExtractedOrder:
    lines = (*order.lines, OrderLine(line_no=len(order.lines) + 1))
    return order.with_(lines=lines)


def delete_line(order: ExtractedOrder, index: int) -> ExtractedOrder:
    _check_line(order, index)
    kept = order.lines[:index] + order.lines[index + 1 :]
    moves = {i: (i if i < index else i - 1) for i in range(len(order.lines)) if i != index}
    return _renumbered(order, kept, moves)


def split_line(order: ExtractedOrder, index: int) -> ExtractedOrder:
    """Two lines where one was read: the copy keeps item, unit and price; quantity is re-typed."""
    _check_line(order, index)
    line = order.lines[index]
    copy = replace(line, quantity=None, amount=None)
    lines = (*order.lines[: index + 1], copy, *order.lines[index + 1 :])
    moves = {i: (i if i <= index else i + 1) for i in range(len(order.lines))}
    return _renumbered(order, lines, moves)


def field_paths(order: ExtractedOrder) -> list[str]:
    """Every editable path of an order, in form order."""
    header = [name for name in HEADER_FIELDS]
    lines = [f"lines[{i}].{name}" for i in range(len(order.lines)) for name in LINE_FIELDS]
    return header + lines


def _split_path(order: ExtractedOrder, path: str) -> tuple[int | None, str]:
    if path in HEADER_FIELDS:
        return None, path
    found = line_path(path)
    if found is None or found[1] not in LINE_FIELDS:
        raise EditError(f"no field {path!r}")
    index, name = found
    _check_line(order, index)
    return index, name


def _check_line(order: ExtractedOrder, index: int) -> None:
    if not 0 <= index < len(order.lines):
        raise EditError(f"no line {index + 1}")


def _confirmed(order: ExtractedOrder, path: str) -> ExtractedOrder:
    old = order.evidence.get(path)
    evidence = dict(order.evidence)
    evidence[path] = Evidence(CONFIRMED, old.page if old else None, old.bbox if old else None)
    return order.with_(evidence=evidence)


def _renumbered(
    order: ExtractedOrder, lines: tuple[OrderLine, ...], moves: dict[int, int]
) -> ExtractedOrder:
    numbered = tuple(replace(line, line_no=i + 1) for i, line in enumerate(lines))
    evidence: dict[str, Evidence] = {}
    for path, found in order.evidence.items():
        on_line = line_path(path)
        if on_line is None:
            evidence[path] = found
        elif on_line[0] in moves:
            evidence[f"lines[{moves[on_line[0]]}].{on_line[1]}"] = found
    return order.with_(lines=numbered, evidence=evidence)
