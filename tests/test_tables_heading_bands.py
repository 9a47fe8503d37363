"""Item tables whose headings span several rows (GST orders: "Taxable" over "Value",
"CGST" over "%  Amt"), bilingual headings OCR garbled in one language, and tables a note
seems to close at a page's foot while the next page repeats the heading."""

from __future__ import annotations

from extractors.fields import extract_raw
from extractors.layout import page_layout
from extractors.table_rows import GUESSED
from extractors.tables import find_table
from poflow.domain import ExtractionContext
from tests.fields_helpers import Row, page, texts

CONTEXT = ExtractionContext(supplier_names=("Acme Supply Co.",))


def gst_band_rows() -> list[Row]:
    """Single-row headings centred in a three-row band; two-row headings split over it."""
    return [
        (10, [(40, "PURCHASE ORDER")]),
        (263.5, [(461, "CGST"), (497, "SGST")]),
        (266.5, [(69, "Item"), (411, "Taxable"), (537, "Line")]),
        (
            270.3,
            [
                (34, "S.No."),
                (158, "Description of Goods"),
                (303, "HSN"),
                (332, "Qty"),
                (353, "UOM"),
                (377, "Rate"),
            ],
        ),
        (274, [(68, "Code"), (415, "Value"), (535, "Total")]),
        (276.3, [(455, "%"), (469, "Amt"), (491, "%"), (505, "Amt")]),
        (
            290.2,
            [
                (42, "1"),
                (58, "AX-1020"),
                (100, "Flat washer 8 mm"),
                (297, "392031"),
                (329, "2,000"),
                (355, "Nos"),
                (380, "0.09"),
                (426, "180.00 9 16.20 9 16.20"),
                (537, "212.40"),
            ],
        ),
        (
            304,
            [
                (42, "2"),
                (58, "BR-220"),
                (100, "Ball bearing 6204-2RS"),
                (297, "853655"),
                (340, "10"),
                (355, "Nos"),
                (380, "7.95"),
                (430, "79.50 9"),
                (471, "7.16 9"),
                (507, "7.16"),
                (542, "93.82"),
            ],
        ),
        (360, [(362, "Total Taxable Value"), (535, "259.50")]),
    ]


def test_a_heading_band_of_three_rows_names_the_taxable_value_the_amount() -> None:
    raw = extract_raw([page(gst_band_rows(), size=6.5, char_width=3.6)], CONTEXT)
    assert texts(raw.lines, "line_no") == ["1", "2"]
    assert texts(raw.lines, "sku") == ["AX-1020", "BR-220"]
    assert texts(raw.lines, "quantity") == ["2,000", "10"]
    assert texts(raw.lines, "unit_price") == ["0.09", "7.95"]
    # Not the tax-inclusive line total, nor a tax rate or amount beside the value.
    assert texts(raw.lines, "amount") == ["180.00", "79.50"]


def gst_group_rows(tax: str) -> list[Row]:
    """Group headings over the sub-headings "%  Amt" under a one-row header."""
    return [
        (10, [(40, "PURCHASE ORDER")]),
        (263.5, [(447, "CGST"), (490, "SGST")]),
        (
            270.3,
            [
                (35, "S.No."),
                (62, "Item Code"),
                (150, "Description of Goods"),
                (282, "HSN"),
                (310, "Qty"),
                (329, "UOM"),
                (355, "Rate"),
                (380, "Taxable Value"),
                (525, "Line Total"),
            ],
        ),
        (276.3, [(438, "%"), (455, "Amt"), (481, "%"), (498, "Amt")]),
        (
            290.2,
            [
                (43, "1"),
                (60, "SF-1122"),
                (105, "Nitrile gloves"),
                (277, "400916"),
                (311, "100"),
                (331, "Box"),
                (354, "14.20"),
                (402, "1,420.00"),
                (439, "9"),
                (451, tax),
                (482, "9"),
                (495, tax),
                (531, "1,675.60"),
            ],
        ),
    ]


def test_tax_columns_under_a_group_heading_are_not_the_line_amount() -> None:
    raw = extract_raw([page(gst_group_rows("127.80"), size=6.5, char_width=3.6)], CONTEXT)
    assert texts(raw.lines, "sku") == ["SF-1122"]
    assert texts(raw.lines, "quantity") == ["100"]
    assert texts(raw.lines, "amount") == ["1,420.00"]


def test_several_numbers_in_the_amount_cell_keep_the_one_that_adds_up() -> None:
    rows = [
        (100, [(40, "Item"), (120, "Description"), (300, "Qty"), (350, "Price"), (420, "Amount")]),
        (120, [(40, "AX-1000"), (120, "Hex bolt"), (300, "10"), (350, "2.50"), (420, "25.00 9")]),
        (140, [(40, "AX-1010"), (120, "Hex nut"), (300, "10"), (350, "0.12"), (420, "1.30 9")]),
    ]
    table = find_table([page_layout(page(rows))])
    amounts = [row["amount"] for row in table.rows]
    assert amounts[0].text == "25.00" and amounts[0].confidence == 1.0
    # Neither number is quantity × price: which one is meant, only a person can say.
    assert amounts[1].confidence <= GUESSED


def bilingual_rows(garbled: str) -> list[Row]:
    """A Japanese heading row OCR garbled in part, "No" centred on it and the English row
    under it."""
    return [
        (10, [(40, "PURCHASE ORDER")]),
        (
            246,
            [
                (110, "ane"),
                (228, "品名"),
                (332, "数量"),
                (380, "单位"),
                (434, garbled),
                (509, "金额"),
            ],
        ),
        (250.5, [(59, "No")]),
        (
            256,
            [
                (102, "Item Code"),
                (218, "Description"),
                (333, "Q'ty"),
                (381, "Unit"),
                (419, "Unit Price"),
                (495, "Amount"),
            ],
        ),
        (
            270,
            [
                (61, "1"),
                (80, "10023456"),
                (161, "Hydraulic hose"),
                (347, "30.5"),
                (384, "M"),
                (452, "11.40"),
                (500, "347.70"),
            ],
        ),
        (
            284,
            [
                (61, "2"),
                (84, "BR-225"),
                (161, "Pillow block bearing"),
                (357, "2"),
                (379, "PCS"),
                (451, "24.50"),
                (504, "49.00"),
            ],
        ),
    ]


def test_a_garbled_heading_is_what_its_other_language_names() -> None:
    raw = extract_raw([page(bilingual_rows("aii"), size=6.5, char_width=3.6)], CONTEXT)
    assert texts(raw.lines, "sku") == ["10023456", "BR-225"]
    assert texts(raw.lines, "unit_price") == ["11.40", "24.50"]
    assert [row["unit_price"].confidence for row in raw.lines] == [1.0, 1.0]


HEADING = [
    (43, "Line"),
    (70, "Part Number"),
    (366, "Quantity"),
    (404, "UOM"),
    (432, "Unit Price"),
    (517, "Amount"),
]


def item(y: float, line_no: str, sku: str, qty: str, price: str, amount: str) -> list[Row]:
    note = "Note to Supplier: Ship complete; label cartons with PO and line number."
    return [
        (y, [(43, line_no), (70, sku), (390, qty), (404, "Each"), (470, price), (540, amount)]),
        (y + 9, [(70, "Hex bolt M8x40, zinc plated")]),
        (y + 18, [(70, note)]),
    ]


def test_a_note_at_a_page_foot_does_not_end_a_table_the_next_page_goes_on_with() -> None:
    first: list[Row] = [(10, [(40, "PURCHASE ORDER")]), (100, HEADING)]
    first += item(120, "1", "AX-1000", "500", "0.42", "210.00")
    first += [(780, [(40, "Purchase Order 4465300"), (539, "Page 1 of 2")])]
    second: list[Row] = [(38, HEADING), *item(53, "2", "AX-1010", "250", "0.12", "30.00")]
    second += [(200, [(430, "Total:"), (520, "240.00")])]
    raw = extract_raw([page(first), page(second, page_no=2)], CONTEXT)
    assert texts(raw.lines, "sku") == ["AX-1000", "AX-1010"]


def test_totals_on_the_first_page_end_the_table_whatever_the_next_page_prints() -> None:
    first: list[Row] = [(10, [(40, "PURCHASE ORDER")]), (100, HEADING)]
    first += item(120, "1", "AX-1000", "500", "0.42", "210.00")
    first += [(160, [(430, "Total:"), (520, "210.00")])]
    second: list[Row] = [(38, HEADING), *item(53, "1", "AX-1000", "500", "0.42", "210.00")]
    raw = extract_raw([page(first), page(second, page_no=2)], CONTEXT)
    assert texts(raw.lines, "sku") == ["AX-1000"]


def test_an_item_whose_quantity_ocr_lost_after_a_note_is_still_read() -> None:
    rows: list[Row] = [(10, [(40, "PURCHASE ORDER")]), (100, HEADING)]
    rows += item(120, "1", "AX-1000", "500", "0.42", "210.00")
    rows += [(170, [(70, "10045501"), (536, "1,512.00")]), (180, [(70, "Cutting fluid")])]
    rows += [(260, [(430, "Total:"), (520, "1,722.00")])]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "sku") == ["AX-1000", "10045501"]
    assert texts(raw.lines, "amount") == ["210.00", "1,512.00"]
