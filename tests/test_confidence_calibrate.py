"""`calibrate`: confidence from cross-checks, so that ≥ 0.9 means the value is right."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from extractors.confidence import (
    calibrate,
    deciding_fields,
    near_known_sku,
    plausible_po_number,
)
from poflow.domain import (
    Customer,
    Evidence,
    ExtractedOrder,
    ExtractionContext,
    InputKind,
    MasterData,
    OrderLine,
    Product,
)

D = Decimal
TODAY = date(2026, 4, 1)
PRODUCTS = {
    "AX-1000": Product("AX-1000", "Hex bolt M8x40", "EA", D("0.42"), "USD"),
    "AX-1010": Product("AX-1010", "Hex nut M8", "EA", D("0.12"), "USD"),
}
CUSTOMER = Customer("C0003", "Hudson Valley Fabrication Inc.", country="US", currency="USD")
CONTEXT = ExtractionContext(master=MasterData(customers=(CUSTOMER,), products=PRODUCTS))


RIGHT_AMOUNT = D("105.00")


def _order(read: float, amount_0: Decimal = RIGHT_AMOUNT) -> ExtractedOrder:
    """A two-line order whose every value was read with OCR confidence `read`."""
    lines = (
        OrderLine(1, "AX-1000", "Hex bolt M8x40", D("250"), "EA", D("0.42"), amount_0),
        OrderLine(2, "AX-1010", "Hex nut M8", D("100"), "EA", D("0.12"), D("12.00")),
    )
    order = ExtractedOrder(
        po_number="4500012345",
        order_date=date(2026, 3, 15),
        delivery_date=date(2026, 3, 30),
        currency="USD",
        customer_name="Hudson Valley Fabrication Inc.",
        customer_id="C0003",
        lines=lines,
        subtotal=D("117.00"),
        tax=D("10.00"),
        shipping=D("5.00"),
        total=D("132.00"),
        kind=InputKind.SCAN,
    )
    paths = ["po_number", "order_date", "delivery_date", "currency", "customer_name", "subtotal",
             "tax", "shipping", "total"]  # fmt: skip
    line_fields = ("sku", "quantity", "unit_price", "amount", "description", "unit")
    paths += [f"lines[{i}].{f}" for i in range(2) for f in line_fields]
    # Each value in a box of its own, as printed values are.
    evidence = {
        p: Evidence(read, 1, (0.0, 10.0 * n, 1.0, 10.0 * n + 8)) for n, p in enumerate(paths)
    }
    evidence["customer_id"] = Evidence(0.97)
    return replace(order, evidence=evidence)


def _conf(order: ExtractedOrder, path: str) -> float:
    return order.evidence[path].confidence


def test_consistent_ocr_order_is_confirmed() -> None:
    order = calibrate(_order(0.8), CONTEXT, today=TODAY)
    for i in range(2):
        for name in ("sku", "quantity", "unit_price", "amount"):
            assert _conf(order, f"lines[{i}].{name}") >= 0.95
    assert _conf(order, "total") >= 0.95 and _conf(order, "subtotal") >= 0.95
    assert _conf(order, "customer_id") >= 0.95
    assert _conf(order, "lines[0].description") >= 0.95  # the catalogue's own text
    assert order.evidence["total"].page == 1  # where it was read is kept


def test_one_wrong_amount_lowers_that_line() -> None:
    order = calibrate(_order(0.93, amount_0=D("150.00")), CONTEXT, today=TODAY)
    for name in ("quantity", "unit_price", "amount"):
        assert _conf(order, f"lines[0].{name}") < 0.5
    assert _conf(order, "subtotal") < 0.9  # the lines no longer add up to it
    # A table that does not add up confirms none of its lines: one may be torn or missing.
    assert all(_conf(order, f"lines[1].{n}") < 0.9 for n in ("sku", "quantity", "amount"))
    assert _conf(order, "total") < 0.9  # it agrees only with a subtotal the lines contradict


def test_lines_without_amounts_are_confirmed_by_quantity_times_price_adding_up() -> None:
    """A typed order prints no amounts ("250 x AX-1000 @ 0.42"): the total that Σ quantity ×
    price makes confirms those, and the list prices the item codes; one misread quantity
    breaks the sum and confirms nothing."""

    def unpriced(order: ExtractedOrder) -> ExtractedOrder:
        lines = tuple(replace(line, amount=None) for line in order.lines)
        evidence = {p: e for p, e in order.evidence.items() if not p.endswith(".amount")}
        return replace(order, lines=lines, subtotal=None, evidence=evidence)

    order = calibrate(unpriced(_order(0.85)), CONTEXT, today=TODAY)
    for i in range(2):
        assert all(
            _conf(order, f"lines[{i}].{n}") >= 0.95 for n in ("sku", "quantity", "unit_price")
        )
    assert _conf(order, "total") >= 0.95
    misread = unpriced(_order(0.85))
    misread = replace(
        misread, lines=(replace(misread.lines[0], quantity=D("25")), misread.lines[1])
    )
    order = calibrate(misread, CONTEXT, today=TODAY)
    assert _conf(order, "lines[0].quantity") < 0.9 and _conf(order, "total") < 0.9


def test_unconfirmed_ocr_values_stay_under_the_threshold() -> None:
    lone = ExtractedOrder(
        lines=(OrderLine(1, "ZZ-9", None, D("3"), None, None, None),),
        total=D("99.00"),
        evidence={
            "lines[0].sku": Evidence(0.99),
            "lines[0].quantity": Evidence(0.99),
            "total": Evidence(0.99),
        },
        kind=InputKind.SCAN,
    )
    order = calibrate(lone, CONTEXT, today=TODAY)
    assert all(ev.confidence < 0.9 for ev in order.evidence.values())


def test_a_total_read_from_the_subtotals_box_confirms_nothing() -> None:
    """One printed number taken for both fields agrees with itself; it may be the net value."""
    order = replace(_order(0.95), tax=None, shipping=None, total=D("117.00"))
    order = replace(order, evidence={**order.evidence, "total": order.evidence["subtotal"]})
    calibrated = calibrate(order, CONTEXT, today=TODAY)
    assert _conf(calibrated, "total") < 0.5
    apart = calibrate(replace(_order(0.95), tax=None, shipping=None, total=D("117.00")), CONTEXT)
    assert _conf(apart, "total") >= 0.95


def test_a_total_read_from_a_line_amounts_box_confirms_nothing() -> None:
    order = _order(0.95)
    one_line = replace(order, lines=order.lines[:1], subtotal=None, tax=None, shipping=None)
    same_box = {**one_line.evidence, "total": one_line.evidence["lines[0].amount"]}
    calibrated = calibrate(replace(one_line, total=D("105.00"), evidence=same_box), CONTEXT)
    assert _conf(calibrated, "total") < 0.5


@pytest.mark.parametrize("misread", ["AX-1O00", "ax:1000", "AX1000", "AX.10.00"])
def test_sku_one_character_or_a_separator_off_the_catalogue_is_doubted(misread: str) -> None:
    order = _order(0.95)
    lines = (replace(order.lines[0], sku=misread), order.lines[1])
    calibrated = calibrate(replace(order, lines=lines), CONTEXT, today=TODAY)
    assert _conf(calibrated, "lines[0].sku") < 0.5


def test_a_new_code_is_not_near_the_catalogue() -> None:
    assert not near_known_sku("BX-2000", CONTEXT)
    assert not near_known_sku("AX-10", CONTEXT)  # a prefix is another code


def test_text_layer_values_start_high_but_not_certain() -> None:
    order = replace(_order(1.0, amount_0=D("150.00")), kind=InputKind.TEXT_PDF)
    calibrated = calibrate(order, CONTEXT, today=TODAY)
    # A text layer reads what is printed: an inconsistent document is the rules' business.
    assert _conf(calibrated, "po_number") == pytest.approx(0.9)
    # But lines the printed subtotal contradicts may have been read from the wrong cells.
    assert _conf(calibrated, "lines[0].quantity") < 0.9
    assert _conf(calibrate(_order(1.0), CONTEXT, today=TODAY), "lines[1].amount") >= 0.95


def test_structured_orders_keep_exact_confidence() -> None:
    order = replace(_order(1.0), kind=InputKind.STRUCTURED)
    assert calibrate(order, CONTEXT, today=TODAY).evidence == order.evidence


def test_implausible_values_are_doubted() -> None:
    order = replace(
        _order(1.0), po_number="15.03.2026", delivery_date=date(2026, 1, 1), kind=InputKind.TEXT_PDF
    )
    calibrated = calibrate(order, CONTEXT, today=TODAY)
    assert _conf(calibrated, "po_number") < 0.5
    assert _conf(calibrated, "delivery_date") < 0.5


@pytest.mark.parametrize(
    ("text", "plausible"),
    [("4500012345", True), ("PO-2026-0042", True), ("AB/123", True), ("15.03.2026", False),
     ("1,234.56", False), ("Purchase", False), ("12", False)],
)  # fmt: skip
def test_plausible_po_number(text: str, plausible: bool) -> None:
    assert plausible_po_number(text) is plausible


def test_deciding_fields_lists_present_deciding_values() -> None:
    fields = deciding_fields(_order(0.9))
    assert fields[:3] == ["po_number", "customer_id", "total"]
    assert "lines[1].unit_price" in fields and "lines[0].description" not in fields
    assert len(fields) == 3 + 2 * 4
    assert deciding_fields(ExtractedOrder()) == []


def test_item_code_torn_from_its_numbers_is_not_confirmed() -> None:
    order = _order(0.95)
    torn = replace(order.lines[0], quantity=None, unit_price=None)
    calibrated = calibrate(replace(order, lines=(torn, order.lines[1])), CONTEXT, today=TODAY)
    assert _conf(calibrated, "lines[0].sku") < 0.9
    assert _conf(calibrated, "lines[1].sku") >= 0.95


def test_implausible_item_code_and_tax_are_doubted_even_from_a_text_layer() -> None:
    order = replace(_order(1.0), kind=InputKind.TEXT_PDF, tax=D("94402.00"))
    phrase = replace(order.lines[1], sku="Hex nut M8 zinc plated")
    calibrated = calibrate(replace(order, lines=(order.lines[0], phrase)), CONTEXT, today=TODAY)
    assert _conf(calibrated, "lines[1].sku") < 0.5
    assert _conf(calibrated, "tax") < 0.5


def test_text_layer_lines_that_add_up_but_not_to_the_subtotal_stay_under_the_threshold() -> None:
    # "box of 100" read as a line's 1 × 100.00 = 100.00: the line agrees with itself only.
    order = replace(_order(1.0), kind=InputKind.TEXT_PDF)
    misread = replace(order.lines[0], quantity=D("1"), unit_price=D("100.00"), amount=D("100.00"))
    calibrated = calibrate(replace(order, lines=(misread, order.lines[1])), CONTEXT, today=TODAY)
    for name in ("quantity", "unit_price", "amount"):
        assert _conf(calibrated, f"lines[0].{name}") < 0.9
    # The other line is at its list price and adds up: the catalogue vouches for it.
    assert _conf(calibrated, "lines[1].quantity") == pytest.approx(0.9)
    assert _conf(calibrate(order, CONTEXT, today=TODAY), "lines[0].quantity") >= 0.95


def test_a_half_empty_text_layer_line_in_a_torn_table_stays_under_the_threshold() -> None:
    order = replace(_order(1.0), kind=InputKind.TEXT_PDF)
    torn = replace(order.lines[1], unit_price=None, amount=None)  # its cells went elsewhere
    calibrated = calibrate(replace(order, lines=(order.lines[0], torn)), CONTEXT, today=TODAY)
    assert _conf(calibrated, "lines[1].quantity") < 0.9  # maybe another cell's number
    assert _conf(calibrated, "lines[0].quantity") == pytest.approx(0.9)  # a full line


@pytest.mark.parametrize(
    ("quantity", "unit", "price", "in_doubt"),
    [
        (D("74.2"), "EA", D("1.00"), True),  # "1 EA × 74.20" with the roles swapped
        (D("74.2"), None, D("1.00"), True),
        (D("2.5"), "kg", D("4.00"), False),  # a weight: fractions are normal
        (D("74"), "EA", D("1.00"), False),  # whole pieces
        (D("2.5"), "EA", D("4.20"), False),  # the swap would be no more plausible
    ],
)
def test_arithmetic_does_not_confirm_a_quantity_and_price_that_look_swapped(
    quantity: Decimal, unit: str | None, price: Decimal, in_doubt: bool
) -> None:
    amount = (quantity * price).quantize(D("0.01"))
    line = OrderLine(1, "ZZ-9", None, quantity, unit, price, amount)
    paths = ("lines[0].quantity", "lines[0].unit_price", "lines[0].amount", "total")
    evidence = {
        p: Evidence(0.93, 1, (0.0, 10.0 * n, 1.0, 10.0 * n + 8)) for n, p in enumerate(paths)
    }
    order = calibrate(
        ExtractedOrder(lines=(line,), total=amount, evidence=evidence), CONTEXT, today=TODAY
    )
    assert _conf(order, "lines[0].amount") >= 0.95  # the amount is confirmed either way
    for path in paths[:2]:
        assert (_conf(order, path) < 0.5) is in_doubt, path


def test_a_printed_code_the_catalogue_does_not_know_stays_under_the_threshold() -> None:
    """A text layer reads the buyer's own item number as surely as the supplier's code."""
    lines = (OrderLine(1, "ITM-43428", None, D("2"), None, D("5.00"), D("10.00")),)
    evidence = {f"lines[0].{n}": Evidence(1.0) for n in ("sku", "quantity", "unit_price")}
    order = ExtractedOrder(lines=lines, evidence=evidence, kind=InputKind.TEXT_PDF)
    assert _conf(calibrate(order, CONTEXT, today=TODAY), "lines[0].sku") < 0.9
    no_catalogue = ExtractionContext()  # nothing to check against: the text is what it is
    assert _conf(calibrate(order, no_catalogue, today=TODAY), "lines[0].sku") == 0.9


@pytest.mark.parametrize(
    ("po_number", "kept"),
    [("PO10811", False), ("P02168", False), ("A1-2000", False), ("NW813719", True),
     ("4500012345", True), ("PO-2026-0042", True)],
)  # fmt: skip
def test_ocr_po_number_with_o_or_i_where_letters_meet_digits_is_not_trusted(
    po_number: str, kept: bool
) -> None:
    order = replace(_order(0.96), po_number=po_number)
    assert (_conf(calibrate(order, CONTEXT, today=TODAY), "po_number") >= 0.9) is kept


def _table(quantity_x: float) -> ExtractedOrder:
    """Three text-layer lines with no totals; the first line's quantity at `quantity_x`,
    the others' in the column at x 350-370 ("1 x 20 = 20": a line number as quantity)."""
    lines = (
        OrderLine(1, "ZZ-1", None, D("1"), None, D("20.00"), D("20.00")),
        OrderLine(2, "ZZ-2", None, D("1200"), None, D("0.11"), D("132.00")),
        OrderLine(3, "ZZ-3", None, D("250"), None, D("0.38"), D("95.00")),
    )
    evidence: dict[str, Evidence] = {}
    for i in range(3):
        y = 250.0 + 14 * i
        x = quantity_x if i == 0 else 350.0
        evidence[f"lines[{i}].quantity"] = Evidence(1.0, 1, (x, y, x + 20, y + 8))
        evidence[f"lines[{i}].unit_price"] = Evidence(1.0, 1, (420.0, y, 437.0, y + 8))
        evidence[f"lines[{i}].amount"] = Evidence(1.0, 1, (503.0, y, 530.0, y + 8))
    return ExtractedOrder(lines=lines, evidence=evidence, kind=InputKind.TEXT_PDF)


def test_a_number_read_outside_its_column_keeps_its_line_under_the_threshold() -> None:
    odd = calibrate(_table(55.0), CONTEXT, today=TODAY)
    assert all(_conf(odd, f"lines[0].{f}") < 0.9 for f in ("quantity", "unit_price", "amount"))
    assert _conf(odd, "lines[1].quantity") >= 0.9  # the lines in the column keep theirs
    aligned = calibrate(_table(352.0), CONTEXT, today=TODAY)
    assert _conf(aligned, "lines[0].quantity") >= 0.9


def test_an_e_mail_sentence_has_no_columns_to_be_out_of() -> None:
    typed = calibrate(_table(55.0), CONTEXT, today=TODAY, columns=False)
    assert _conf(typed, "lines[0].quantity") >= 0.9
