"""Each default rule of contract §5: fires on a bad order with the numbers in its message,
stays silent on a clean one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poflow.domain import (
    Customer,
    Evidence,
    ExtractedOrder,
    Finding,
    MasterData,
    OrderLine,
    Product,
)
from rules.inputs import Thresholds
from rules.registry import DEFAULT_RULES, RULE_IDS, evaluate
from rules.text import money

MASTER = MasterData(
    customers=(
        Customer("C0042", "Northwind Traders Ltd.", currency="USD", credit_limit=D("10000")),
        Customer("C0050", "Contoso GmbH", currency="EUR"),
    ),
    products={
        "AX-1000": Product("AX-1000", "Hex bolt", "EA", D("0.42"), "USD"),
        "BX-2000": Product("BX-2000", "Washer", "EA", D("12.00"), "USD"),
        "EU-1": Product("EU-1", "Euro part", "EA", D("5.00"), "EUR"),
    },
)
SURE = Evidence(confidence=0.99, page=1)


def clean_order(**changes: object) -> ExtractedOrder:
    lines = (
        OrderLine(1, "AX-1000", "Hex bolt", D("250"), "EA", D("0.42"), D("105.00")),
        OrderLine(2, "BX-2000", "Washer", D("10"), "EA", D("12.00"), D("120.00")),
    )
    order = ExtractedOrder(
        po_number="4500012345",
        order_date=date(2026, 3, 15),
        delivery_date=date(2026, 4, 1),
        currency="USD",
        customer_name="Northwind Traders Ltd.",
        customer_id="C0042",
        lines=lines,
        subtotal=D("225.00"),
        tax=D("45.00"),
        shipping=D("0.00"),
        total=D("270.00"),
    ).with_(**changes)
    return order.with_(evidence=full_evidence(order))


def full_evidence(order: ExtractedOrder) -> dict[str, Evidence]:
    paths = ["po_number", "customer_name", "total", "order_date"]
    for i in range(len(order.lines)):
        paths += [f"lines[{i}].{f}" for f in ("sku", "quantity", "unit_price", "amount")]
    return dict.fromkeys(paths, SURE)


def run(
    order: ExtractedOrder,
    thresholds: Thresholds | None = None,
    taken: Callable[[str, str], bool] = lambda c, p: False,
) -> tuple[Finding, ...]:
    return evaluate(
        order, master=MASTER, thresholds=thresholds or Thresholds(), po_number_taken=taken
    )


def only(findings: tuple[Finding, ...], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def test_registry_has_exactly_the_contract_ids() -> None:
    assert [r.id for r in DEFAULT_RULES] == [
        "missing_field", "unknown_customer", "unknown_sku", "price_mismatch",
        "line_arithmetic", "subtotal_mismatch", "total_mismatch", "currency_mismatch",
        "credit_limit", "delivery_before_order", "duplicate_po", "low_confidence",
    ]  # fmt: skip
    assert all(r.label for r in DEFAULT_RULES)
    assert len(RULE_IDS) == 12


def test_clean_order_passes_every_rule() -> None:
    assert run(clean_order()) == ()


@pytest.mark.parametrize("name", ["po_number", "order_date", "customer_name", "total"])
def test_missing_header_field(name: str) -> None:
    found = only(run(clean_order(**{name: None})), "missing_field")
    assert [f.field for f in found] == [name]


def test_missing_lines_and_line_quantity() -> None:
    assert only(run(clean_order(lines=())), "missing_field")[0].field == "lines"
    order = clean_order(lines=(OrderLine(1, "AX-1000", quantity=None, unit_price=D("0.42")),))
    found = only(run(order), "missing_field")
    assert found == [Finding("missing_field", "lines[0].quantity", "line 1 has no quantity")]


def test_one_line_without_the_amount_the_others_print() -> None:
    """An unprinted amount column is fine; one empty cell in a printed one was missed."""
    unprinted = tuple(OrderLine(n, "AX-1000", None, D("10"), "EA", D("0.42"), None) for n in (1, 2))
    assert only(run(clean_order(lines=unprinted, subtotal=None)), "missing_field") == []
    gap = (*unprinted[:1], OrderLine(2, "AX-1000", None, D("10"), "EA", D("0.42"), D("4.20")))
    # The total agrees with the lines, so no comparison folds into the missing amount.
    found = only(run(clean_order(lines=gap, subtotal=None, total=D("53.40"))), "missing_field")
    assert found == [
        Finding(
            "missing_field",
            "lines[0].amount",
            "line 1 has no amount, though the other lines print one",
        )
    ]


def test_unknown_customer() -> None:
    found = only(run(clean_order(customer_id=None)), "unknown_customer")
    assert len(found) == 1 and "Northwind Traders Ltd." in found[0].message
    assert only(run(clean_order(customer_id="C9999")), "unknown_customer")[0].field == "customer_id"


def test_unknown_sku_and_line_without_item_code() -> None:
    lines = (
        OrderLine(1, "ZZ-9", None, D("250"), "EA", D("0.42"), D("105.00")),
        OrderLine(2, None, None, D("10"), "EA", D("12.00"), D("120.00")),
    )
    found = only(run(clean_order(lines=lines)), "unknown_sku")
    assert [f.field for f in found] == ["lines[0].sku", "lines[1].sku"]
    assert "ZZ-9" in found[0].message
    assert found[1].message == "line 2 has no item code"


def _with_line2(order: ExtractedOrder, **changes: Any) -> ExtractedOrder:
    from dataclasses import replace

    return order.with_(lines=(order.lines[0], replace(order.lines[1], **changes)))


def test_price_mismatch_over_tolerance_names_both_prices_and_share() -> None:
    order = _with_line2(clean_order(), unit_price=D("13.10"), amount=D("131.00"))
    order = order.with_(subtotal=D("236.00"), total=D("281.00"))
    found = run(order)
    assert [f.rule for f in found] == ["price_mismatch"]
    assert found[0].field == "lines[1].unit_price"
    assert found[0].message == "unit price 13.10 differs from list price 12.00 by 9.2%"


def test_price_within_tolerance_passes_and_threshold_is_a_setting() -> None:
    order = _with_line2(clean_order(), unit_price=D("12.20"), amount=D("122.00"))
    order = order.with_(subtotal=D("227.00"), total=D("272.00"))
    assert run(order) == ()  # 1.7 % < 2 %
    strict = Thresholds(price_tolerance_pct=D("1"))
    assert [f.rule for f in run(order, strict)] == ["price_mismatch"]


def test_price_in_another_currency_is_said_not_compared() -> None:
    order = _with_line2(clean_order(), sku="EU-1", unit_price=D("12.00"))
    found = only(run(order), "price_mismatch")
    assert len(found) == 1 and "EUR" in found[0].message and "USD" in found[0].message
    assert "not compared" in found[0].message


def test_line_arithmetic() -> None:
    order = clean_order()
    bad = _with_line2(order, line_no=3, quantity=D("10"), unit_price=D("4.20"), amount=D("44.00"))
    found = only(run(bad), "line_arithmetic")
    assert found == [
        Finding(
            "line_arithmetic",
            "lines[1].amount",
            "line 3: 10 × 4.20 = 42.00, but the amount is 44.00",
        )
    ]
    ok = _with_line2(order, amount=D("120.01"))  # within ± 0.01
    assert only(run(ok), "line_arithmetic") == []


def test_total_mismatch_names_the_charges_not_read_instead_of_adding_zero() -> None:
    order = clean_order(tax=None, shipping=None)
    found = only(run(order), "total_mismatch")
    assert [f.message for f in found] == [
        "total 270.00 differs from subtotal 225.00 (no tax or shipping was read)"
    ]
    freight = only(run(clean_order(tax=None, shipping=D("20.00"))), "total_mismatch")
    assert freight[0].message == (
        "total 270.00 differs from subtotal 225.00 + shipping 20.00 = 245.00 (no tax was read)"
    )


def test_subtotal_mismatch_only_when_printed() -> None:
    found = only(run(clean_order(subtotal=D("230.00"), total=D("275.00"))), "subtotal_mismatch")
    assert len(found) == 1
    assert "230.00" in found[0].message and "225.00" in found[0].message
    assert run(clean_order(subtotal=None)) == ()  # Σ lines 225 + 45 = 270 still checks the total


def test_total_mismatch_message_has_the_sum() -> None:
    order = clean_order(lines=(), subtotal=D("105.00"), tax=D("21.00"), total=D("130.00"))
    found = only(run(order), "total_mismatch")
    assert found[0].message == (
        "total 130.00 differs from subtotal 105.00 + tax 21.00 + shipping 0.00 = 126.00"
    )
    no_subtotal = only(run(clean_order(subtotal=None, total=D("300.00"))), "total_mismatch")
    assert "sum of lines 225.00" in no_subtotal[0].message


def test_currency_mismatch() -> None:
    found = only(run(clean_order(currency="EUR")), "currency_mismatch")
    assert len(found) == 1 and "EUR" in found[0].message and "USD" in found[0].message
    assert only(run(clean_order(currency=None)), "currency_mismatch") == []


def test_credit_limit() -> None:
    order = _with_line2(clean_order(), quantity=D("1000"), amount=D("12000.00"))
    order = order.with_(subtotal=D("12105.00"), tax=D("0.00"), total=D("12105.00"))
    found = only(run(order), "credit_limit")
    assert len(found) == 1 and "12105.00" in found[0].message and "10000.00" in found[0].message
    assert only(run(clean_order()), "credit_limit") == []


def test_delivery_before_order() -> None:
    found = only(run(clean_order(delivery_date=date(2026, 3, 1))), "delivery_before_order")
    assert len(found) == 1 and "2026-03-01" in found[0].message and "2026-03-15" in found[0].message
    assert only(run(clean_order(delivery_date=None)), "delivery_before_order") == []


def test_duplicate_po_uses_the_injected_lookup() -> None:
    asked: list[tuple[str, str]] = []

    def taken(customer_id: str, po_number: str) -> bool:
        asked.append((customer_id, po_number))
        return True

    found = only(run(clean_order(), taken=taken), "duplicate_po")
    assert asked == [("C0042", "4500012345")]
    assert len(found) == 1 and "4500012345" in found[0].message


def test_low_confidence_fires_per_weak_or_unevidenced_field() -> None:
    order = clean_order()
    evidence = dict(order.evidence)
    evidence["lines[1].quantity"] = Evidence(confidence=0.62, page=1)
    del evidence["total"]
    found = only(run(order.with_(evidence=evidence)), "low_confidence")
    assert [f.field for f in found] == ["total", "lines[1].quantity"]
    assert "270.00" in found[0].message and "no evidence" in found[0].message
    assert "10" in found[1].message and "0.62" in found[1].message and "0.90" in found[1].message


def test_low_confidence_threshold_is_a_setting() -> None:
    order = clean_order()
    assert only(run(order, Thresholds(confidence_threshold=0.995)), "low_confidence")
    assert run(order, Thresholds(confidence_threshold=0.5)) == ()


@given(st.decimals(min_value=D("-1e9"), max_value=D("1e9"), allow_nan=False, places=4))
def test_money_text_round_trips(value: D) -> None:
    text = money(value)
    assert "E" not in text and D(text) == value
    assert len(text.split(".")[1]) >= 2


money_values = st.decimals(min_value=D("0.01"), max_value=D("99999"), places=2)
quantities = st.decimals(min_value=D("0.001"), max_value=D("100000"), places=3)


@given(st.lists(st.tuples(quantities, money_values), min_size=1, max_size=8), money_values)
def test_consistent_arithmetic_never_fires(items: list[tuple[D, D]], tax: D) -> None:
    """Amounts rounded to cents as printed: the ± 0.01 tolerance absorbs the rounding."""
    lines = tuple(
        OrderLine(i + 1, "AX-1000", None, q, None, p, (q * p).quantize(D("0.01")))
        for i, (q, p) in enumerate(items)
    )
    subtotal = sum((ln.amount or D(0) for ln in lines), D(0))
    order = ExtractedOrder(lines=lines, subtotal=subtotal, tax=tax, total=subtotal + tax)
    arithmetic = [r for r in DEFAULT_RULES if r.id.endswith(("arithmetic", "_mismatch"))]
    found = evaluate(
        order,
        master=MasterData(),
        thresholds=Thresholds(),
        po_number_taken=lambda c, p: False,
        rules=[r for r in arithmetic if r.id != "price_mismatch"],
    )
    assert found == ()


@given(quantities, money_values, st.decimals(min_value=D("0.02"), max_value=D("1000"), places=2))
def test_an_amount_off_by_more_than_the_tolerance_always_fires(q: D, p: D, off: D) -> None:
    amount = (q * p).quantize(D("0.01")) + off
    order = ExtractedOrder(lines=(OrderLine(1, "AX-1000", None, q, None, p, amount),))
    given_rules = [r for r in DEFAULT_RULES if r.id == "line_arithmetic"]
    found = evaluate(
        order,
        master=MasterData(),
        thresholds=Thresholds(),
        po_number_taken=lambda c, p: False,
        rules=given_rules,
    )
    assert [f.rule for f in found] == ["line_arithmetic"] and money(amount) in found[0].message
