"""The scoreboard's comparison logic on hand-made orders (no OCR, no database)."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poflow.domain import Evidence, ExtractedOrder
from poflow.scoreboard_compare import (
    aggregate,
    calibration_table,
    compare_order,
    field_accuracy,
    is_false_accept,
    match_lines,
    normalise_text,
    refused_document,
    same_value,
    worst,
)


def truth(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "po_number": "4500012345",
        "order_date": "2026-03-15",
        "delivery_date": None,
        "currency": "USD",
        "customer_name": "Northwind Traders Ltd.",
        "customer_id": "C0042",
        "ship_to": "12 Harbour Rd\nPortsmouth PO1 2AB",
        "payment_terms": "Net 30",
        "lines": [
            {
                "line_no": 1,
                "sku": "AX-1000",
                "description": "Hex bolt",
                "quantity": "250",
                "unit": "EA",
                "unit_price": "0.42",
                "amount": "105.00",
            },
            {
                "line_no": 2,
                "sku": "AX-2000",
                "description": "Washer",
                "quantity": "10",
                "unit": "EA",
                "unit_price": "1.00",
                "amount": "10.00",
            },
        ],
        "subtotal": "115.00",
        "tax": None,
        "shipping": None,
        "total": "115.00",
        "expected_status": "approved",
        "expected_rules": [],
        "kind": "text_pdf",
        "layout": "test",
    }
    base.update(changes)
    return base


def order_of(t: dict[str, Any]) -> ExtractedOrder:
    return ExtractedOrder.from_json(t)


def test_a_perfect_order_scores_perfect() -> None:
    score = compare_order(order_of(truth()), truth(), name="a.pdf")
    assert score.perfect
    assert score.header_right == score.header_total == 12
    assert (score.lines_matched, score.lines_predicted, score.lines_truth) == (2, 2, 2)
    assert score.mismatches == ()
    assert score.keys_right


def test_decimals_compare_as_decimals() -> None:
    predicted = order_of(truth()).with_(total=Decimal("115.0"), subtotal=Decimal("115"))
    assert compare_order(predicted, truth()).perfect
    assert same_value("amount", Decimal("105.0"), "105.00")
    assert not same_value("amount", Decimal("105.01"), "105.00")


def test_null_against_null_is_right_and_null_against_value_is_wrong() -> None:
    score = compare_order(order_of(truth()).with_(po_number=None), truth())
    assert score.header_right == 11
    assert [str(m) for m in score.mismatches] == ["po_number: got null, want 4500012345"]
    both_null = compare_order(order_of(truth(po_number=None)), truth(po_number=None))
    assert both_null.header_right == 12


def test_text_whitespace_is_normalised_and_names_ignore_case() -> None:
    predicted = order_of(truth()).with_(
        customer_name="NORTHWIND   traders ltd.",
        ship_to="  12 Harbour  Rd \n\n Portsmouth PO1 2AB ",
    )
    assert compare_order(predicted, truth()).perfect


def test_codes_are_case_sensitive() -> None:
    score = compare_order(order_of(truth()).with_(po_number="4500012345".lower() + "a"), truth())
    assert not score.perfect
    assert not same_value("po_number", "ab-1", "AB-1")
    assert not same_value("sku", "ax-1000", "AX-1000")


def test_dates_compare_as_dates() -> None:
    assert same_value("order_date", date(2026, 3, 15), "2026-03-15")
    assert not same_value("order_date", date(2026, 3, 4), "2026-04-03")


def test_a_line_counts_only_when_all_four_values_match() -> None:
    t = truth()
    good = order_of(t).lines
    for name, wrong in (
        ("sku", "AX-1001"),
        ("quantity", Decimal("251")),
        ("unit_price", Decimal("0.43")),
        ("amount", Decimal("105.01")),
    ):
        lines = (dataclasses.replace(good[0], **{name: wrong}), good[1])
        score = compare_order(order_of(t).with_(lines=lines), t)
        assert (score.lines_matched, score.lines_predicted) == (1, 2), name
        assert not score.perfect
        assert not score.keys_right


def test_description_and_unit_do_not_decide_a_line_match() -> None:
    t = truth()
    lines = tuple(
        dataclasses.replace(ln, description="other", unit=None) for ln in order_of(t).lines
    )
    assert compare_order(order_of(t).with_(lines=lines), t).lines_matched == 2


def test_each_truth_line_is_matched_at_most_once() -> None:
    t = truth()
    first = order_of(t).lines[0]
    score = compare_order(order_of(t).with_(lines=(first, first, first)), t)
    assert (score.lines_matched, score.lines_predicted, score.lines_truth) == (1, 3, 2)
    assert [m.field for m in score.mismatches] == ["lines[1]", "lines[2]"]
    assert "AX-2000" in score.mismatches[0].want
    assert score.mismatches[1].want == "no such line"


def test_a_missing_line_is_named() -> None:
    t = truth()
    score = compare_order(order_of(t).with_(lines=order_of(t).lines[:1]), t)
    assert [str(m) for m in score.mismatches] == [
        "missing line 2: got nothing, want [AX-2000 10 x 1.00 = 10.00]"
    ]


def test_line_order_does_not_matter() -> None:
    t = truth()
    lines = tuple(reversed(order_of(t).lines))
    assert match_lines(lines, t["lines"]) == [(0, 1), (1, 0)]


def test_a_null_sku_matches_a_null_sku() -> None:
    t = truth()
    t["lines"][0]["sku"] = None
    assert compare_order(order_of(t), t).lines_matched == 2


def test_refused_document_is_right_only_when_failure_was_expected() -> None:
    bad = refused_document(truth(expected_status="failed", kind="bad", lines=[]), "corrupt")
    assert bad.perfect
    assert bad.header_total == 0
    good = refused_document(truth(), "corrupt")
    assert not good.perfect
    assert (good.header_right, good.header_total, good.lines_truth) == (0, 12, 2)
    assert [str(m) for m in good.mismatches] == ["document: got failed (corrupt), want an order"]


def test_an_order_read_from_a_bad_input_is_wrong() -> None:
    score = compare_order(ExtractedOrder(), truth(expected_status="failed", kind="bad"))
    assert not score.perfect


def test_aggregate_precision_recall_and_rates() -> None:
    t = truth()
    perfect = compare_order(order_of(t), t)
    half = compare_order(order_of(t).with_(lines=order_of(t).lines[:1]), t)
    totals = aggregate([perfect, half])
    assert totals.line_precision == pytest.approx(3 / 3)
    assert totals.line_recall == pytest.approx(3 / 4)
    assert totals.line_f1 == pytest.approx(2 * 1 * 0.75 / 1.75)
    assert totals.perfect_rate == pytest.approx(0.5)
    assert totals.header_accuracy == pytest.approx(1.0)
    assert worst([perfect, half]) == [half]


def test_field_accuracy_counts_each_header_field() -> None:
    t = truth()
    right = compare_order(order_of(t), t)
    no_po = compare_order(order_of(t).with_(po_number=None), t)
    refused = refused_document(t, "corrupt")
    bad = refused_document(truth(expected_status="failed", kind="bad"), "corrupt")
    shares = field_accuracy([right, no_po, refused, bad])
    assert shares["po_number"] == pytest.approx(1 / 3)
    assert shares["total"] == pytest.approx(2 / 3)


def test_calibration_bins_and_rightness_per_field_path() -> None:
    t = truth()
    predicted = order_of(t).with_(
        po_number="WRONG",
        evidence={
            "po_number": Evidence(0.95),
            "total": Evidence(0.3),
            "lines[0].quantity": Evidence(0.6),
            "lines[1].amount": Evidence(0.92),
            "lines[7].amount": Evidence(0.99),  # no such predicted line: not checkable
        },
    )
    points = compare_order(predicted, t).calibration
    assert sorted(points) == [(0.3, True), (0.6, True), (0.92, True), (0.95, False)]
    table = {b.label: (b.values, b.right) for b in calibration_table(points)}
    assert table == {
        "<0.5": (1, 1),
        "0.5-0.7": (1, 1),
        "0.7-0.9": (0, 0),
        "0.9-0.95": (1, 1),
        ">=0.95": (1, 0),
    }


def test_calibration_pairs_an_unmatched_line_by_position() -> None:
    t = truth()
    lines = (dataclasses.replace(order_of(t).lines[0], quantity=Decimal("7")), order_of(t).lines[1])
    predicted = order_of(t).with_(
        lines=lines,
        evidence={"lines[0].quantity": Evidence(0.99), "lines[0].sku": Evidence(0.99)},
    )
    assert sorted(compare_order(predicted, t).calibration) == [(0.99, False), (0.99, True)]


def test_confidence_one_falls_in_the_top_bin() -> None:
    table = calibration_table([(1.0, True), (0.0, False)])
    assert (table[-1].values, table[0].values) == (1, 1)


def test_false_accepts() -> None:
    t = truth()
    right = compare_order(order_of(t), t)
    approved = dataclasses.replace(right, status="approved")
    assert not is_false_accept(approved)
    should_review = dataclasses.replace(approved, expected_status="needs_review")
    assert is_false_accept(should_review)
    wrong_total = compare_order(order_of(t).with_(total=Decimal("116.00")), t)
    assert is_false_accept(dataclasses.replace(wrong_total, status="approved"))
    wrong_line = compare_order(order_of(t).with_(lines=order_of(t).lines[:1]), t)
    assert is_false_accept(dataclasses.replace(wrong_line, status="approved"))
    wrong_terms = compare_order(order_of(t).with_(payment_terms="Net 60"), t)
    assert not is_false_accept(dataclasses.replace(wrong_terms, status="approved"))
    assert not is_false_accept(dataclasses.replace(should_review, status="needs_review"))


def test_routing_figures() -> None:
    t = truth()
    base = compare_order(order_of(t), t)
    scores = [
        dataclasses.replace(base, status="approved"),
        dataclasses.replace(base, status="needs_review"),
        dataclasses.replace(
            base,
            expected_status="needs_review",
            status="needs_review",
            fired_rules=("price_mismatch",),
            expected_rules=("price_mismatch",),
        ),
        dataclasses.replace(
            base,
            expected_status="needs_review",
            status="approved",
            expected_rules=("unknown_sku",),
        ),
        dataclasses.replace(
            refused_document(truth(expected_status="failed", kind="bad"), "x"), status="failed"
        ),
    ]
    routing = aggregate(scores, routing=True).routing
    assert routing is not None
    assert routing.straight_through == (1, 2)
    assert routing.false_accepts == 1
    assert routing.review_recall == (1, 2)
    assert routing.rule_agreement == (1, 2)
    assert routing.failed_as_expected == (1, 1)


@given(st.text(alphabet=" \t\nab\u00a0", max_size=30))
def test_normalise_text_is_idempotent_and_trimmed(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert all(line == line.strip() and line for line in once.splitlines())
    assert "  " not in once


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-(10**6), max_value=10**6
    )
)
def test_decimal_trailing_zeros_never_matter(value: Decimal) -> None:
    assert same_value("total", value, format(value, "f") + "0")


money = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)
truth_lines = st.lists(
    st.fixed_dictionaries(
        {
            "sku": st.one_of(st.none(), st.text(alphabet="ABX-019", min_size=1, max_size=6)),
            "quantity": money.map(str),
            "unit_price": money.map(str),
            "amount": money.map(str),
        }
    ),
    max_size=6,
)


@given(truth_lines, st.randoms(use_true_random=False))
def test_an_order_equal_to_its_truth_is_perfect_in_any_line_order(
    lines: list[dict[str, Any]], rnd: Any
) -> None:
    t = truth(lines=[{"line_no": i + 1, **ln} for i, ln in enumerate(lines)])
    shuffled = list(order_of(t).lines)
    rnd.shuffle(shuffled)
    score = compare_order(order_of(t).with_(lines=tuple(shuffled)), t)
    assert score.perfect
    assert score.lines_matched == len(lines)
    dropped = compare_order(order_of(t).with_(lines=tuple(shuffled[1:])), t)
    assert dropped.lines_matched == max(len(lines) - 1, 0)
    assert dropped.perfect == (not lines)
