"""Arithmetic rules: line amounts, subtotal and total must add up (± amount_tolerance).

Prices are per single unit in our contract, so a line is a plain multiplication; a
price per 100 shows up here as a line_arithmetic finding for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from poflow.domain import ExtractedOrder, Finding
from rules.inputs import RuleInput
from rules.text import money, number

ZERO = Decimal(0)


def line_arithmetic(given: RuleInput) -> Iterator[Finding]:
    tolerance = given.thresholds.amount_tolerance
    for i, line in enumerate(given.order.lines):
        if line.quantity is None or line.unit_price is None or line.amount is None:
            continue  # missing_field speaks for a missing quantity or price
        product = line.quantity * line.unit_price
        if abs(product - line.amount) > tolerance:
            yield Finding(
                "line_arithmetic",
                f"lines[{i}].amount",
                f"line {line.line_no}: {number(line.quantity)} × {money(line.unit_price)} "
                f"= {money(product)}, but the amount is {money(line.amount)}",
            )


def line_sum(order: ExtractedOrder) -> Decimal | None:
    """Σ line amounts, taking qty × price where an amount is not printed; None if unknowable."""
    total = ZERO
    for line in order.lines:
        if line.amount is not None:
            total += line.amount
        elif line.quantity is not None and line.unit_price is not None:
            total += line.quantity * line.unit_price
        else:
            return None
    return total


def subtotal_mismatch(given: RuleInput) -> Iterator[Finding]:
    order = given.order
    lines = line_sum(order)
    if order.subtotal is None or not order.lines or lines is None:
        return
    if abs(lines - order.subtotal) > given.thresholds.amount_tolerance:
        yield Finding(
            "subtotal_mismatch",
            "subtotal",
            f"subtotal {money(order.subtotal)} differs from the sum of "
            f"{len(order.lines)} line amounts {money(lines)}",
        )


def total_mismatch(given: RuleInput) -> Iterator[Finding]:
    order = given.order
    base_name, base = "subtotal", order.subtotal
    if base is None:
        base_name, base = "sum of lines", line_sum(order) if order.lines else None
    if order.total is None or base is None:
        return
    charges = {"tax": order.tax, "shipping": order.shipping}
    parts = [(base_name, base), *((n, v) for n, v in charges.items() if v is not None)]
    expected = sum((v for _, v in parts), ZERO)
    if abs(expected - order.total) > given.thresholds.amount_tolerance:
        # Only the values read are shown; a charge not read is named, not printed as 0.00.
        shown = " + ".join(f"{name} {money(value)}" for name, value in parts)
        if len(parts) > 1:
            shown += f" = {money(expected)}"
        unread = [name for name, value in charges.items() if value is None]
        note = f" (no {' or '.join(unread)} was read)" if unread else ""
        yield Finding(
            "total_mismatch", "total", f"total {money(order.total)} differs from {shown}{note}"
        )
