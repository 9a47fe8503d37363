"""`delivery_before_order`: a delivery date before the order date is a misread or a typo."""

from __future__ import annotations

from collections.abc import Iterator

from poflow.domain import Finding
from rules.inputs import RuleInput


def delivery_before_order(given: RuleInput) -> Iterator[Finding]:
    order = given.order
    if order.delivery_date is None or order.order_date is None:
        return
    if order.delivery_date < order.order_date:
        yield Finding(
            "delivery_before_order",
            "delivery_date",
            f"delivery date {order.delivery_date.isoformat()} is before the order date "
            f"{order.order_date.isoformat()}",
        )
