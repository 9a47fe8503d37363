"""The default rules of contract §5, listed explicitly, and `evaluate`.

A `Rule` has an id (the contract's rule id, shown as `reasons[].rule`), a label the
review UI lists, and a pure `check` returning `Finding`s. Order of the registry is the
order of findings in a result; `rules.causes` then folds effects into their causes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from poflow.domain import ExtractedOrder, Finding, MasterData
from rules import arithmetic, confidence, dates, duplicates, presence
from rules import master as master_rules
from rules.causes import one_per_cause
from rules.inputs import PoNumberTaken, RuleInput, Thresholds


@dataclass(frozen=True)
class Rule:
    id: str
    label: str
    check: Callable[[RuleInput], Iterable[Finding]]


DEFAULT_RULES: tuple[Rule, ...] = (
    Rule("missing_field", "A required field or all lines are missing", presence.missing_field),
    Rule("unknown_customer", "The buyer matches no customer", master_rules.unknown_customer),
    Rule("unknown_sku", "An item code is not in the catalogue", master_rules.unknown_sku),
    Rule("price_mismatch", "A unit price differs from the list price", master_rules.price_mismatch),
    Rule("line_arithmetic", "Quantity × unit price ≠ amount", arithmetic.line_arithmetic),
    Rule("subtotal_mismatch", "Line amounts do not add up", arithmetic.subtotal_mismatch),
    Rule("total_mismatch", "Subtotal + tax + shipping ≠ total", arithmetic.total_mismatch),
    Rule("currency_mismatch", "Not the customer's currency", master_rules.currency_mismatch),
    Rule("credit_limit", "The total exceeds the credit limit", master_rules.credit_limit),
    Rule("delivery_before_order", "Delivery before the order date", dates.delivery_before_order),
    Rule("duplicate_po", "The PO number is already stored or queued", duplicates.duplicate_po),
    Rule("low_confidence", "A deciding value was read unsurely", confidence.low_confidence),
)

RULE_IDS: frozenset[str] = frozenset(rule.id for rule in DEFAULT_RULES)


def evaluate(
    order: ExtractedOrder,
    *,
    master: MasterData,
    thresholds: Thresholds,
    po_number_taken: PoNumberTaken,
    rules: Sequence[Rule] | None = None,
) -> tuple[Finding, ...]:
    """Every finding of every rule, in registry order, one per cause (`rules.causes`);
    empty means the order may go through."""
    given = RuleInput(order, master, thresholds, po_number_taken)
    findings = [
        finding
        for rule in (DEFAULT_RULES if rules is None else rules)
        for finding in rule.check(given)
    ]
    return one_per_cause(findings, order)
