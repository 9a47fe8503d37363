"""Reviewer edits as pure functions: typed values, confirmed evidence, line add/delete/split."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poflow.domain import Evidence, ExtractedOrder, OrderLine
from review_queue import editing


def _order() -> ExtractedOrder:
    lines = tuple(
        OrderLine(i + 1, f"S{i}", f"item {i}", Decimal(i + 1), "pcs", Decimal("2.00"))
        for i in range(3)
    )
    evidence = {f"lines[{i}].sku": Evidence(0.5, 1, (i, i, i + 1, i + 1)) for i in range(3)}
    return ExtractedOrder(po_number="A1", lines=lines, evidence=evidence | {"total": Evidence(0.4)})


def test_set_field_types_the_value_and_confirms_it() -> None:
    order = editing.set_field(_order(), "lines[1].unit_price", "1,234.50")
    assert order.lines[1].unit_price == Decimal("1234.50")
    assert order.evidence["lines[1].unit_price"].confidence == 1.0
    dated = editing.set_field(order, "order_date", "2026-03-15")
    assert dated.order_date == date(2026, 3, 15)
    assert editing.set_field(order, "currency", "eur").currency == "EUR"
    assert editing.set_field(order, "po_number", "  ").po_number is None


@pytest.mark.parametrize(
    ("path", "text"),
    [("order_date", "15/03"), ("total", "abc"), ("total", "NaN"), ("currency", "euro")],
)
def test_bad_values_are_edit_errors(path: str, text: str) -> None:
    with pytest.raises(editing.EditError):
        editing.set_field(_order(), path, text)


@pytest.mark.parametrize("path", ["lines[9].sku", "nope", "lines[0].colour", "__class__"])
def test_unknown_paths_are_edit_errors(path: str) -> None:
    with pytest.raises(editing.EditError):
        editing.set_field(_order(), path, "x")


def test_confirm_keeps_value_and_box() -> None:
    order = editing.confirm_field(_order(), "lines[2].sku")
    assert order.lines[2].sku == "S2"
    assert order.evidence["lines[2].sku"] == Evidence(1.0, 1, (2, 2, 3, 3))


def test_delete_line_moves_evidence_and_renumbers() -> None:
    order = editing.delete_line(_order(), 0)
    assert [ln.sku for ln in order.lines] == ["S1", "S2"]
    assert [ln.line_no for ln in order.lines] == [1, 2]
    assert order.evidence["lines[0].sku"].bbox == (1, 1, 2, 2)
    assert "lines[2].sku" not in order.evidence


def test_split_line_copies_item_and_clears_quantity() -> None:
    order = editing.split_line(_order(), 1)
    assert [ln.sku for ln in order.lines] == ["S0", "S1", "S1", "S2"]
    assert order.lines[2].quantity is None and order.lines[2].unit_price == Decimal("2.00")
    assert order.evidence["lines[3].sku"].bbox == (2, 2, 3, 3)
    assert "lines[2].sku" not in order.evidence


def test_add_line_appends_an_empty_line() -> None:
    order = editing.add_line(_order())
    assert order.lines[-1] == OrderLine(4)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4, max_value=10**12))
def test_money_round_trips_through_the_form(value: Decimal) -> None:
    order = editing.set_field(_order(), "total", editing.shown(value))
    assert order.total == value


@given(st.text(max_size=40))
def test_any_typed_text_is_a_value_or_an_edit_error(text: str) -> None:
    for path in ("total", "order_date", "currency", "ship_to"):
        try:
            order = editing.set_field(_order(), path, text)
        except editing.EditError as error:
            assert path in str(error)
            continue
        value = editing.field_value(order, path)
        assert value is None or editing.parse_value(path, editing.shown(value)) == value
