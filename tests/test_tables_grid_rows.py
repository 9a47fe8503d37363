"""Item tables of ERP grid prints and skewed scans: headings over two lines whose top line
reads as a header alone, tall boxed rows spaced wider than the text, positions in an unnamed
column or printed as decimals."""

from __future__ import annotations

import pytest

from extractors.fields import extract_raw
from extractors.layout import page_layout
from extractors.table_header import header_columns, page_columns
from poflow.domain import ExtractionContext
from tests.fields_helpers import Row, page, texts

CONTEXT = ExtractionContext(supplier_names=("Acme Supply Co.",))

# The order's head: lines 10 pt apart, as the text of a page mostly is.
HEAD: list[Row] = [
    (40, [(40, "Pacific Coast Robotics Corp.")]),
    (50, [(40, "1550 Bayshore Blvd")]),
    (60, [(40, "San Mateo, CA 94402")]),
    (70, [(40, "SUPPLIER"), (200, "SHIP TO")]),
    (80, [(40, "Acme Supply Co."), (200, "Pacific Coast Robotics Corp.")]),
    (90, [(40, "2200 Commerce Drive"), (200, "1550 Bayshore Blvd")]),
    (100, [(40, "Columbus, OH 43219"), (200, "San Mateo, CA 94402")]),
]

# "Unit" over "Cost" is the price, "Extended" over "Cost" the amount, "Quantity" over "Ordered"
# the quantity; the top line alone would make "Unit" the unit.
GRID_HEADING: list[Row] = [
    (140, [(40, "Line"), (90, "Item"), (300, "Quantity"), (410, "Unit"), (460, "Extended")]),
    (
        148,
        [
            (40, "Number"),
            (90, "Number"),
            (150, "Description"),
            (300, "Ordered"),
            (350, "UM"),
            (410, "Cost"),
            (460, "Cost"),
            (510, "Promised"),
        ],
    ),
]


def grid_row(y: float, position: str, code: str, text: str, figures: tuple[str, ...]) -> Row:
    qty, unit, price, amount = figures
    return (
        y,
        [
            (40, position),
            (90, code),
            (150, text),
            (320, qty),
            (350, unit),
            (405, price),
            (465, amount),
            (510, "05/06/26"),
        ],
    )


GRID_ROWS: list[Row] = [
    grid_row(178, "1.000", "SF-1122", "Nitrile gloves", ("12", "BX", "14.20", "170.40")),
    grid_row(216, "2.000", "10023456", "Hydraulic hose", ("12", "M", "11.40", "136.80")),
    grid_row(254, "3.000", "AX-1000", "Hex bolt M8x40", ("1,200", "EA", "0.42", "504.00")),
]


def test_a_heading_over_two_lines_names_price_and_amount() -> None:
    raw = extract_raw([page([*HEAD, *GRID_HEADING, *GRID_ROWS])], CONTEXT)
    assert texts(raw.lines, "unit_price") == ["14.20", "11.40", "0.42"]
    assert texts(raw.lines, "amount") == ["170.40", "136.80", "504.00"]
    assert texts(raw.lines, "unit") == ["BX", "M", "EA"]
    assert texts(raw.lines, "quantity") == ["12", "12", "1,200"]


def test_tall_boxed_rows_spaced_wide_are_one_table() -> None:
    """Rows 38 pt apart under text 10 pt apart: the grid's own spacing, not a blank."""
    raw = extract_raw([page([*HEAD, *GRID_HEADING, *GRID_ROWS])], CONTEXT)
    assert texts(raw.lines, "sku") == ["SF-1122", "10023456", "AX-1000"]
    assert texts(raw.lines, "line_no") == ["1.000", "2.000", "3.000"]


def test_numbers_after_a_blank_wider_than_the_rows_are_no_item() -> None:
    far = grid_row(360, "", "ZZ-0001", "Spare parts list", ("5", "EA", "2.00", "10.00"))
    raw = extract_raw([page([*HEAD, *GRID_HEADING, *GRID_ROWS, far])], CONTEXT)
    assert texts(raw.lines, "sku") == ["SF-1122", "10023456", "AX-1000"]


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Extended Cost", "amount"),
        ("Abrufmenge", "quantity"),
        ("Preis je ME", "unit_price"),
        ("Wert EUR", "amount"),
        ("Unit Cost", "unit_price"),
    ],
)
def test_column_synonyms_of_erp_prints(heading: str, field: str) -> None:
    header = page([(100, [(40, "Code"), (150, "Description"), (300, heading), (420, "Notes")])])
    columns = header_columns(page_layout(header).lines[0])
    assert columns is not None
    assert field in {c.field for c in columns}


def test_an_unnamed_column_counting_up_numbers_the_lines() -> None:
    """OCR garbled the position's heading: 1, 2, 3 under it are positions, not amounts."""
    rows: list[Row] = [
        *HEAD,
        (140, [(40, "eS"), (80, "Item code"), (200, "Qty"), (260, "Price"), (340, "Amount")]),
        (160, [(42, "1"), (80, "SZ-M6X20"), (205, "100"), (260, "0.32"), (340, "32.00")]),
        (180, [(42, "2"), (80, "8801255"), (205, "100"), (260, "18.50"), (340, "1,850.00")]),
        (200, [(42, "3"), (80, "PCB-4L-100"), (205, "100"), (260, "12.80"), (340, "1,280.00")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "line_no") == ["1", "2", "3"]
    assert texts(raw.lines, "amount") == ["32.00", "1,850.00", "1,280.00"]


def test_decimal_positions_under_an_item_heading_number_the_lines() -> None:
    """JD Edwards prints line numbers as 1.000, 2.000: positions, not codes or quantities."""
    rows: list[Row] = [
        *HEAD,
        (140, [(40, "Item"), (90, "Part No"), (200, "Qty"), (260, "Price"), (340, "Amount")]),
        (160, [(40, "1.000"), (90, "SF-1122"), (205, "12"), (260, "14.20"), (340, "170.40")]),
        (180, [(40, "2.000"), (90, "10023456"), (205, "12"), (260, "11.40"), (340, "136.80")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "line_no") == ["1.000", "2.000"]
    assert texts(raw.lines, "sku") == ["SF-1122", "10023456"]


def test_a_bilingual_header_is_not_read_as_one_heading_over_two_lines() -> None:
    """English over French names each column twice: each row is a header of its own, not
    one heading over two lines with every column named twice (data would fall to either)."""
    english = [(40, "Item"), (200, "Qty"), (260, "U/M"), (300, "Unit price"), (380, "Extended")]
    french = [(40, "Article"), (80, "Code"), (120, "Description"), (200, "Qté"), (260, "U/M")]
    rows: list[Row] = [*HEAD, (140, english), (148, [*french, (300, "Prix"), (380, "Montant")])]
    layout = page_layout(page(rows))
    columns, last = page_columns(layout, layout.lines[len(HEAD)])
    assert last == len(HEAD) + 1
    quantity = [c for c in columns if 200 <= c.x0 <= 216]
    assert [c.field for c in quantity] == ["quantity"]
