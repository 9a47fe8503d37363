"""Rows under an item table that are no items (totals rows, notes, an EDI print's segment
tags), totals in ERP wording, and a unit price printed with its unit ("9.60/EA")."""

from __future__ import annotations

import pytest

from extractors.fields import extract_raw
from poflow.domain import ExtractionContext
from tests.fields_helpers import page, texts

CONTEXT = ExtractionContext(supplier_names=("Acme Supply Co.",))

HEADER = (
    300,
    [(40, "Item"), (100, "Description"), (330, "Qty"), (420, "Unit Price"), (500, "Amount")],
)
ITEMS = [
    (315, [(40, "AX-1000"), (100, "Hex bolt M8x40"), (335, "250"), (440, "0.42"), (505, "105.00")]),
    (330, [(40, "AX-1010"), (100, "Hex nut M8"), (335, "100"), (440, "0.12"), (510, "12.00")]),
]


def test_a_price_printed_with_its_unit_is_the_unit_price_and_names_the_unit() -> None:
    rows = [
        HEADER,
        (315, [(40, "AX-1000"), (100, "Hex bolt M8x40"), (335, "250"), (440, "0.42/EA"),
               (505, "105.00")]),
        (330, [(40, "AX-1010"), (100, "Hex nut M8"), (335, "100"), (420, "0.12 per BX"),
               (510, "12.00")]),
    ]  # fmt: skip
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "unit_price") == ["0.42", "0.12"]
    assert texts(raw.lines, "unit") == ["EA", "BX"]


def test_a_description_line_starting_with_a_totals_word_stays_with_its_item() -> None:
    rows = [
        HEADER,
        *ITEMS,
        (345, [(100, "Carriage bolt 1/2 x 6 in, galvanized")]),
        (370, [(380, "Subtotal"), (505, "117.00")]),
        (385, [(380, "Total"), (505, "140.40")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "description")[-1] == "Hex nut M8 Carriage bolt 1/2 x 6 in, galvanized"
    assert "shipping" not in raw.header
    assert raw.header["subtotal"].text == "117.00"


def test_a_labelled_line_after_the_items_still_ends_the_table() -> None:
    rows = [
        HEADER,
        *ITEMS,
        (345, [(40, "Delivery address: Warehouse 2, Commerce Drive")]),
        (360, [(40, "Freight: prepaid and added to the invoice")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "description") == ["Hex bolt M8x40", "Hex nut M8"]


def test_erp_totals_wording_line_total_charges_and_a_note_beside_them() -> None:
    rows = [
        HEADER,
        *ITEMS,
        (370, [(40, "IMPORTANT"), (380, "Line Total"), (505, "117.00")]),
        (380, [(40, "1. PO number must appear on all invoices.")]),
        (390, [(380, "Misc. Charges (freight)"), (510, "25.00")]),
        (400, [(380, "Sales Tax"), (510, "14.20")]),
        (410, [(380, "PO Total"), (505, "156.20")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "sku") == ["AX-1000", "AX-1010"]
    totals = {f: raw.header[f].text for f in ("subtotal", "tax", "shipping", "total")}
    assert totals == {"subtotal": "117.00", "tax": "14.20", "shipping": "25.00", "total": "156.20"}


def test_letter_spaced_chinese_totals_row_is_the_subtotal_not_an_item() -> None:
    header = (
        300,
        [(40, "物料编码"), (120, "物料名称"), (330, "数量"), (420, "单价"), (500, "金额")],
    )
    rows = [
        header,
        *ITEMS,
        (345, [(240, "合"), (260, "计"), (505, "117.00")]),  # "合   计": set to fill its box
        (360, [(40, "税额"), (120, "15.21"), (230, "价税合计"), (330, "¥132.21")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "sku") == ["AX-1000", "AX-1010"]
    totals = {f: raw.header[f].text for f in ("subtotal", "tax", "total")}
    assert totals == {"subtotal": "117.00", "tax": "15.21", "total": "¥132.21"}


def test_an_edi_print_s_row_of_segment_tags_is_no_item() -> None:
    rows = [
        HEADER,
        (308, [(40, "LIN"), (100, "IMD+F"), (150, "PIA+5 SA"), (330, "QTY+21"), (420, "PRI+AAA"),
               (500, "MOA+203")]),
        *ITEMS,
    ]  # fmt: skip
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "sku") == ["AX-1000", "AX-1010"]
    assert texts(raw.lines, "quantity") == ["250", "100"]


def test_spanish_headings_partida_clave_p_unitario() -> None:
    header = (300, [(40, "Partida"), (80, "Clave"), (150, "Descripción"), (330, "Cantidad"),
                    (380, "Unidad"), (430, "P. Unitario"), (500, "Importe")])  # fmt: skip
    rows = [
        header,
        (315, [(55, "1"), (80, "SF-1122"), (150, "Nitrile gloves, box of 100"), (340, "100"),
               (380, "CJA"), (440, "14.20"), (500, "1,420.00")]),
    ]  # fmt: skip
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "sku") == ["SF-1122"]
    assert texts(raw.lines, "quantity") == ["100"]
    assert texts(raw.lines, "unit_price") == ["14.20"]


def test_a_page_footer_with_the_po_number_beside_the_page_number_does_not_end_the_table() -> None:
    first = page([HEADER, *ITEMS, (800, [(380, "PO Nbr 1038197"), (480, "Page 1 of 2")])])
    third = (315, [(40, "AX-1020"), (100, "Washer"), (335, "10"), (440, "1.00"), (510, "10.00")])
    second = page([HEADER, third, (340, [(380, "Total"), (505, "127.00")])], page_no=2)
    raw = extract_raw([first, second], CONTEXT)
    assert texts(raw.lines, "sku") == ["AX-1000", "AX-1010", "AX-1020"]


def test_a_row_of_currency_and_unit_codes_with_whole_prices_is_still_an_item() -> None:
    header = (300, [(100, "Qty"), (150, "Unit"), (200, "Cur"), (250, "Price"), (320, "Cur"),
                    (370, "Amount")])  # fmt: skip
    row = (315, [(100, "10"), (150, "PCS"), (200, "EUR"), (250, "40"), (320, "EUR"),
                 (370, "400")])  # fmt: skip
    raw = extract_raw([page([header, row])], CONTEXT)
    assert texts(raw.lines, "quantity") == ["10"]


def _under_each_item(
    *details: list[tuple[float, str]],
) -> list[tuple[float, list[tuple[float, str]]]]:
    """The two items, each with `details` printed on the lines under it."""
    rows: list[tuple[float, list[tuple[float, str]]]] = [HEADER]
    y = 315.0
    for item in ITEMS:
        rows.append((y, item[1]))
        for cells in details:
            y += 12
            rows.append((y, cells))
        y += 15
    return rows


@pytest.mark.parametrize(
    "details",
    [  # each left of the number columns, as an ERP prints it
        [(40, "Shipment 1 Ship To: 1550 Bayshore"), (230, "Promised: Item: X")],
        [(40, "Delivery date: Day 27.02.2026")],
        [(40, "Note to Supplier: Ship complete; label cartons.")],
        [(40, "Req 87-1 · Requester J. Miller · Deliver By Apr 3")],
        [(40, "Req 87-1 - Requester J. Miller - Deliver By Apr 3")],  # the "·" as OCR reads it
    ],
)
def test_an_item_s_labelled_detail_lines_are_no_description(
    details: list[tuple[float, str]],
) -> None:
    raw = extract_raw([page(_under_each_item(details, details))], CONTEXT)
    assert texts(raw.lines, "description") == ["Hex bolt M8x40", "Hex nut M8"]
    assert texts(raw.lines, "quantity") == ["250", "100"]


def test_an_item_s_own_attributes_and_a_wrapped_description_stay_in_it() -> None:
    details = ([(100, "Colour: red, Customer part no.: X7")], [(100, "zinc plated, DIN 933")])
    raw = extract_raw([page(_under_each_item(*details))], CONTEXT)
    assert texts(raw.lines, "description") == [
        "Hex bolt M8x40 Colour: red, Customer part no.: X7 zinc plated, DIN 933",
        "Hex nut M8 Colour: red, Customer part no.: X7 zinc plated, DIN 933",
    ]
