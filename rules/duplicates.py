"""`duplicate_po`: the same customer's PO number already stored or queued.

The lookup is injected (`RuleInput.po_number_taken`) so the rule stays pure; the
pipeline asks it again inside the routing transaction to close the race between two
workers.
"""

from __future__ import annotations

from collections.abc import Iterator

from poflow.domain import Finding
from rules.inputs import RuleInput


def duplicate_po(given: RuleInput) -> Iterator[Finding]:
    order = given.order
    if order.customer_id is None or not order.po_number:
        return
    if given.po_number_taken(order.customer_id, order.po_number):
        yield Finding(
            "duplicate_po",
            "po_number",
            f"PO {order.po_number} of customer {order.customer_id} is already stored or queued",
        )
