"""One finding per cause: a comparison made with a missing or unsure value folds into the
finding on that value; low confidence on a field another finding names folds into that one.
Folding never empties the findings, so no order goes through because of it."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

from poflow.domain import Evidence, ExtractedOrder, Finding, OrderLine
from rules.causes import one_per_cause
from rules.inputs import Thresholds
from rules.registry import evaluate
from tests.test_rules_default import MASTER, clean_order, run

UNSURE = Evidence(confidence=0.45, page=1)


def unsure(order: ExtractedOrder, *paths: str) -> ExtractedOrder:
    return order.with_(evidence={**order.evidence, **dict.fromkeys(paths, UNSURE)})


def rules_of(findings: tuple[Finding, ...]) -> list[tuple[str, str | None]]:
    return [(f.rule, f.field) for f in findings]


def test_price_compared_from_an_unsure_reading_folds_into_low_confidence() -> None:
    lines = clean_order().lines
    misread = (replace(lines[0], unit_price=D("-0.42"), amount=D("-105.00")), lines[1])
    order = unsure(clean_order(lines=misread), "lines[0].unit_price")
    found = run(order)
    assert ("price_mismatch", "lines[0].unit_price") not in rules_of(found)
    cause = next(f for f in found if f.field == "lines[0].unit_price")
    assert cause.rule == "low_confidence"
    assert "unchecked until confirmed: unit price -0.42 differs from list price 0.42" in (
        cause.message
    )


def test_a_sure_price_that_differs_is_still_a_price_mismatch() -> None:
    lines = clean_order().lines
    dearer = (replace(lines[0], unit_price=D("0.50"), amount=D("125.00")), lines[1])
    order = clean_order(lines=dearer, subtotal=D("245.00"), total=D("290.00"))
    assert rules_of(run(order)) == [("price_mismatch", "lines[0].unit_price")]


def test_line_arithmetic_with_a_missing_amount_elsewhere_is_not_piled_on() -> None:
    """A line whose quantity was not read: missing_field, not a subtotal mismatch too."""
    lines = clean_order().lines
    unread = (replace(lines[0], quantity=None, amount=None), lines[1])
    found = run(clean_order(lines=unread))
    assert [f.rule for f in found] == ["missing_field", "missing_field"]
    assert {f.field for f in found} == {"lines[0].quantity", "lines[0].amount"}


def test_subtotal_from_an_unsure_amount_folds_into_it() -> None:
    lines = clean_order().lines
    misread = (replace(lines[0], amount=D("150.00")), lines[1])
    order = unsure(
        clean_order(lines=misread), *(f"lines[0].{n}" for n in ("quantity", "unit_price", "amount"))
    )
    found = run(order)
    assert {f.rule for f in found} == {"low_confidence"}
    messages = " | ".join(f.message for f in found)
    assert "250 × 0.42 = 105.00, but the amount is 150.00" in messages  # line_arithmetic
    assert "subtotal 225.00 differs from the sum of 2 line amounts 270.00" in messages


def test_total_mismatch_with_a_sure_total_and_sure_lines_stays() -> None:
    found = run(clean_order(total=D("280.00")))
    assert rules_of(found) == [("total_mismatch", "total")]


def test_an_unsure_total_over_the_credit_limit_folds_into_low_confidence() -> None:
    order = unsure(clean_order(total=D("12000.00")), "total")
    found = run(order)
    assert [f.rule for f in found] == ["low_confidence"]
    assert "exceeds the credit limit" in found[0].message
    assert "differs from subtotal" in found[0].message  # total_mismatch folded as well


def test_low_confidence_on_an_unknown_item_code_folds_into_unknown_sku() -> None:
    lines = clean_order().lines
    new_code = (replace(lines[0], sku="AX-9999"), lines[1])
    order = unsure(clean_order(lines=new_code), "lines[0].sku")
    found = run(order)
    assert rules_of(found) == [("unknown_sku", "lines[0].sku")]
    assert found[0].message.startswith("line 1: item code AX-9999 is not in the product catalogue")
    assert "also: line 1 item code AX-9999 was read with confidence 0.45" in found[0].message


def test_without_low_confidence_in_the_rule_set_nothing_folds() -> None:
    """A site that switched low_confidence off keeps every comparison as it was."""
    from rules.registry import DEFAULT_RULES

    rules = [r for r in DEFAULT_RULES if r.id != "low_confidence"]
    lines = clean_order().lines
    misread = (replace(lines[0], unit_price=D("-0.42"), amount=D("-105.00")), lines[1])
    order = unsure(clean_order(lines=misread), "lines[0].unit_price")
    found = evaluate(
        order,
        master=MASTER,
        thresholds=Thresholds(),
        po_number_taken=lambda c, p: False,
        rules=rules,
    )
    assert ("price_mismatch", "lines[0].unit_price") in rules_of(found)


def test_folding_keeps_a_finding_for_every_cause() -> None:
    order = clean_order(lines=(OrderLine(1, "AX-1000", None, None, "EA", D("0.42"), D("1.00")),))
    effect = Finding(
        "line_arithmetic", "lines[0].amount", "1 × 0.42 = 0.42, but the amount is 1.00"
    )
    cause = Finding("missing_field", "lines[0].quantity", "line 1 has no quantity")
    folded = one_per_cause([effect, cause], order)
    assert rules_of(folded) == [("missing_field", "lines[0].quantity")]
    assert folded[0].message.endswith("unchecked until confirmed: " + effect.message)
    assert one_per_cause([effect], order) == (effect,)
