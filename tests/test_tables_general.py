"""The line-item table on layouts no template knows: columns named by synonyms or by their
data, item positions, prices quoted per 100, items torn over two rows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.fields import extract_raw
from extractors.layout import page_layout
from extractors.raw import RawValue
from extractors.table_header import header_columns
from extractors.table_rows import GUESSED, join_torn_rows
from poflow.domain import ExtractionContext
from tests.fields_helpers import page, texts

CONTEXT = ExtractionContext(supplier_names=("Acme Supply GmbH",))


def erp_rows(price: str, per: str, amount: str) -> list[tuple[float, list[tuple[float, str]]]]:
    """An ERP print: item positions 00010, 00020, the code under "Material", price per N."""
    return [
        (
            100,
            [
                (40, "Item"),
                (75, "Material"),
                (140, "Short text"),
                (290, "Deliv. date"),
                (350, "Order qty"),
                (400, "Unit"),
                (432, "Net price"),
                (480, "per"),
                (520, "Net value"),
            ],
        ),
        (
            120,
            [
                (40, "00010"),
                (75, "HB.M10X50.Z"),
                (140, "Hammerkopfschraube M10x50"),
                (290, "23.06.2026"),
                (360, "2.000"),
                (400, "EA"),
                (440, price),
                (480, per),
                (520, amount),
            ],
        ),
        (
            140,
            [
                (40, "00020"),
                (75, "4711-310"),
                (140, "Zylinderschraube M6x20"),
                (290, "23.06.2026"),
                (370, "500"),
                (400, "EA"),
                (440, "0,24"),
                (480, "1 EA"),
                (520, "120,00"),
            ],
        ),
    ]


def test_item_positions_are_line_numbers_and_the_material_column_is_the_code() -> None:
    raw = extract_raw([page(erp_rows("0,92", "1 EA", "1.840,00"))], CONTEXT)
    assert texts(raw.lines, "line_no") == ["00010", "00020"]
    assert texts(raw.lines, "sku") == ["HB.M10X50.Z", "4711-310"]
    assert texts(raw.lines, "description") == [
        "Hammerkopfschraube M10x50",
        "Zylinderschraube M6x20",
    ]
    assert texts(raw.lines, "quantity") == ["2.000", "500"]
    assert texts(raw.lines, "unit_price") == ["0,92", "0,24"]
    assert texts(raw.lines, "amount") == ["1.840,00", "120,00"]


def test_a_code_column_named_by_its_data_is_not_sure_without_arithmetic() -> None:
    raw = extract_raw([page(erp_rows("0,92", "1 EA", "1.840,00"))], CONTEXT)
    assert all(row["sku"].confidence <= GUESSED for row in raw.lines)
    assert all(row["amount"].confidence == 1.0 for row in raw.lines)


@pytest.mark.parametrize(
    ("price", "per", "amount", "unit_price"),
    [
        ("92,00", "100 EA", "1.840,00", "0,92"),  # quoted per 100: a hundredth per piece
        ("0,92", "1 EA", "1.840,00", "0,92"),
        ("0,92", "100 EA", "1.840,00", "0,92"),  # the printed price fits already: kept
        ("92,00", "100 EA", "9.999,00", "92,00"),  # nothing fits: as printed, arithmetic tells
    ],
)
def test_price_per_quantity(price: str, per: str, amount: str, unit_price: str) -> None:
    raw = extract_raw([page(erp_rows(price, per, amount))], CONTEXT)
    assert texts(raw.lines, "unit_price")[0] == unit_price


def test_price_unit_printed_in_the_price_cell() -> None:
    rows = [
        (
            100,
            [(40, "Part No"), (110, "Description"), (300, "Qty"), (380, "Price"), (480, "Total")],
        ),
        (
            120,
            [
                (40, "AX-1000"),
                (110, "Hex bolt M8x40"),
                (305, "500"),
                (380, "42.00 /100"),
                (480, "210.00"),
            ],
        ),
        (
            140,
            [
                (40, "AX-1010"),
                (110, "Hex nut M8, 12.9"),
                (305, "10"),
                (380, "0.12 1 EA"),
                (480, "1.20"),
            ],
        ),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "unit_price") == ["0.42", "0.12"]
    assert texts(raw.lines, "amount") == ["210.00", "1.20"]


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("No. off", "quantity"),
        ("Qty ordered", "quantity"),
        ("Order qty", "quantity"),
        ("Menge", "quantity"),
        ("Qté", "quantity"),
        ("Cant.", "quantity"),
        ("Specification", "description"),
        ("Short text", "description"),
        ("Net price", "unit_price"),
        ("Line value", "amount"),
        ("Net value", "amount"),
    ],
)
def test_column_synonyms(heading: str, field: str) -> None:
    header = page([(100, [(40, "Code"), (150, heading), (400, "Rate"), (500, "Value")])])
    columns = header_columns(page_layout(header).lines[0])
    assert columns is not None
    assert field in {c.field for c in columns}


def test_a_description_word_is_not_the_quantity_beside_it() -> None:
    """A cell under "Item / Description" ending in "A2" keeps it; the quantity is its own."""
    rows = [
        (
            100,
            [
                (40, "Line"),
                (70, "Item / Description"),
                (330, "Qty"),
                (360, "UOM"),
                (440, "Price"),
                (530, "Extended"),
            ],
        ),
        (
            120,
            [
                (45, "1"),
                (70, "AX-1020 Flat washer 8 mm, stainless steel A2"),
                (330, "100"),
                (362, "EA"),
                (440, "$0.09"),
                (545, "$9.00"),
            ],
        ),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "quantity") == ["100"]
    assert texts(raw.lines, "sku") == ["AX-1020"]
    assert texts(raw.lines, "description") == ["Flat washer 8 mm, stainless steel A2"]


def test_an_unnamed_column_of_money_is_the_missing_amount() -> None:
    rows = [
        (100, [(40, "Code"), (110, "Description"), (300, "Qty"), (380, "Price"), (480, "=m")]),
        (
            120,
            [
                (40, "HX-2024-001"),
                (110, "Capacitor 0603"),
                (305, "5,000"),
                (380, "¥0.05"),
                (480, "¥250.00"),
            ],
        ),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "amount") == ["¥250.00"]
    assert texts(raw.lines, "description") == ["Capacitor 0603"]


def test_a_rate_under_the_quantity_heading_still_closes_the_table() -> None:
    rows = [
        (100, [(60, "Code"), (140, "Item"), (370, "No. off"), (440, "Rate"), (500, "Value")]),
        (
            120,
            [
                (60, "GB-9001"),
                (140, "Hi-vis vest, orange"),
                (395, "10"),
                (445, "3.20"),
                (500, "32.00"),
            ],
        ),
        (140, [(330, "VAT at 20%"), (500, "6.40")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "amount") == ["32.00"]


def value(text: str) -> RawValue:
    return RawValue(text, 1.0, 1, (0.0, 0.0, 10.0, 10.0))


def test_an_item_torn_over_two_rows_is_one_item() -> None:
    """ "3. CH.220.010 Pin x 30" then "Qty 50 EA x 1.45  72.50": the quantity that adds up."""
    head = {"sku": value("CH.220.010"), "description": value("Pin Ø 6"), "quantity": value("30")}
    tail = {"quantity": value("50"), "unit_price": value("1.45"), "amount": value("72.50")}
    whole = {
        "sku": value("AX-1000"),
        "quantity": value("2"),
        "unit_price": value("1.00"),
        "amount": value("2.00"),
    }
    rows = join_torn_rows([head, tail, whole])
    assert [{k: v.text for k, v in r.items()} for r in rows] == [
        {
            "sku": "CH.220.010",
            "description": "Pin Ø 6",
            "quantity": "50",
            "unit_price": "1.45",
            "amount": "72.50",
        },
        {"sku": "AX-1000", "quantity": "2", "unit_price": "1.00", "amount": "2.00"},
    ]
    assert Decimal(rows[0]["quantity"].text) * Decimal("1.45") == Decimal("72.50")


def test_of_two_price_columns_the_one_that_adds_up_is_the_unit_price() -> None:
    """List price, discount, net price: qty × net price = amount decides."""
    rows = [
        (
            100,
            [
                (40, "Part No"),
                (110, "Description"),
                (280, "Qty"),
                (320, "List price"),
                (380, "Disc."),
                (420, "Net price"),
                (500, "Amount"),
            ],
        ),
        (
            120,
            [
                (40, "AX-1000"),
                (110, "Hex bolt M8x40"),
                (285, "500"),
                (320, "0.50"),
                (380, "16%"),
                (420, "0.42"),
                (500, "210.00"),
            ],
        ),
        (
            140,
            [
                (40, "AX-1010"),
                (110, "Hex nut M8"),
                (285, "100"),
                (320, "0.15"),
                (380, "20%"),
                (420, "0.12"),
                (500, "12.00"),
            ],
        ),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "unit_price") == ["0.42", "0.12"]
    assert texts(raw.lines, "amount") == ["210.00", "12.00"]
    assert texts(raw.lines, "quantity") == ["500", "100"]


def test_numbers_right_of_every_heading_are_a_column_whose_heading_was_lost() -> None:
    """OCR lost "Montant": the amounts beside the last heading are not the unit price."""
    rows = [
        (100, [(40, "Réf."), (110, "Désignation"), (360, "Qté"), (390, "Prix unitaire")]),
        (
            120,
            [
                (40, "9200-020"),
                (110, "Rundstahl S235"),
                (370, "20"),
                (430, "4,85 €"),
                (520, "97,00 €"),
            ],
        ),
        (
            140,
            [
                (40, "4711-310"),
                (110, "Zylinderschraube"),
                (360, "2000"),
                (430, "0,24 €"),
                (515, "480,00 €"),
            ],
        ),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "unit_price") == ["4,85 €", "0,24 €"]
    assert texts(raw.lines, "amount") == ["97,00 €", "480,00 €"]


def test_a_description_piece_between_headings_is_not_the_quantity() -> None:
    rows = [
        (
            100,
            [
                (40, "Part No."),
                (115, "Description"),
                (320, "Quantity"),
                (445, "Price"),
                (525, "Total"),
            ],
        ),
        (
            120,
            [
                (40, "P00418"),
                (115, "Flat bar 50 x"),
                (228, "6mm, 6m length"),
                (355, "2"),
                (445, "29.40"),
                (525, "58.80"),
            ],
        ),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "quantity") == ["2"]
    assert texts(raw.lines, "description") == ["Flat bar 50 x 6mm, 6m length"]


def test_a_speck_in_the_margin_is_no_part_of_the_item_code() -> None:
    rows = [
        (
            100,
            [
                (50, "Qty"),
                (70, "SKU"),
                (140, "Description"),
                (295, "Unit Price"),
                (346, "Ext. Price"),
            ],
        ),
        (
            120,
            [
                (29, "oy"),
                (60, "1"),
                (72, "7300-020"),
                (141, "Coolant, 10 l"),
                (314, "64,80"),
                (365, "64,80"),
            ],
        ),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "sku") == ["7300-020"]
    assert texts(raw.lines, "quantity") == ["1"]


@pytest.mark.parametrize(
    ("printed", "quantity"),
    [
        ("i", "1"),  # OCR read the 1 as a letter: 1 × 189.00 = 189.00 says so
        ("l0", "10"),
        ("100 100", "100"),  # read twice: one reading adds up
    ],
)
def test_arithmetic_decides_a_misread_quantity(printed: str, quantity: str) -> None:
    amount = f"{189 * int(quantity)}.00"
    rows = [
        (100, [(60, "Code"), (140, "Item"), (370, "No. off"), (440, "Rate"), (500, "Value")]),
        (
            120,
            [
                (60, "10045501"),
                (140, "Cutting fluid, 5 gal"),
                (385, printed),
                (440, "189.00"),
                (500, amount),
            ],
        ),
    ]
    raw = extract_raw([page(rows, confidence=0.9)], CONTEXT)
    assert texts(raw.lines, "quantity") == [quantity]


def test_a_letter_under_the_quantity_heading_that_does_not_add_up_stays_unread() -> None:
    rows = [
        (100, [(60, "Code"), (140, "Item"), (370, "No. off"), (440, "Rate"), (500, "Value")]),
        (
            120,
            [
                (60, "10045501"),
                (140, "Cutting fluid, 5 gal"),
                (385, "i"),
                (440, "189.00"),
                (500, "378.00"),
            ],
        ),
    ]
    raw = extract_raw([page(rows, confidence=0.9)], CONTEXT)
    assert texts(raw.lines, "quantity") == [None]


BOLTS_AND_NUTS = [
    (120, [(40, "AX-1000"), (110, "Hex bolt M8x40"), (305, "500"), (380, "0.42"), (480, "210.00")]),
    (140, [(40, "AX-1010"), (110, "Hex nut M8"), (305, "100"), (380, "0.12"), (480, "12.00")]),
]


def headings(price: str, amount: str) -> tuple[float, list[tuple[float, str]]]:
    return (100, [(40, "Item No"), (110, "Description"), (300, "Qty"), (380, price), (480, amount)])


def test_misleading_price_and_amount_headings_are_put_right_by_arithmetic() -> None:
    raw = extract_raw([page([headings("Amount", "Total"), *BOLTS_AND_NUTS])], CONTEXT)
    assert texts(raw.lines, "unit_price") == ["0.42", "0.12"]
    assert texts(raw.lines, "amount") == ["210.00", "12.00"]
    assert all(row["amount"].confidence <= GUESSED for row in raw.lines)


def test_a_table_runs_on_over_a_page_without_its_heading_repeated() -> None:
    first = page([headings("Price", "Amount"), *BOLTS_AND_NUTS])
    second = page(
        [
            (40, [(40, "Northwind Traders Ltd."), (300, "Order 4500012345")]),
            (
                100,
                [
                    (40, "TL-7790"),
                    (110, "Drill bit set"),
                    (305, "10"),
                    (380, "129.00"),
                    (480, "1,290.00"),
                ],
            ),
            (130, [(330, "Subtotal"), (480, "1,512.00")]),
        ],
        page_no=2,
    )
    raw = extract_raw([first, second], CONTEXT)
    assert texts(raw.lines, "sku") == ["AX-1000", "AX-1010", "TL-7790"]
    assert texts(raw.lines, "amount") == ["210.00", "12.00", "1,290.00"]


@pytest.mark.parametrize("heading", ["Price per unit", "Preis/ME", "Preis je ME", "Price/UoM"])
def test_price_per_unit_headings_are_one_price_column(heading: str) -> None:
    header = page([(100, [(40, "Code"), (150, "Qty"), (300, heading), (500, "Value")])])
    columns = header_columns(page_layout(header).lines[0])
    assert columns is not None
    assert [c.field for c in columns] == ["sku", "quantity", "unit_price", "amount"]


def test_a_code_taken_from_the_description_by_its_shape_is_not_sure() -> None:
    raw = extract_raw([page([headings("Price", "Amount"), *BOLTS_AND_NUTS])], CONTEXT)
    assert texts(raw.lines, "sku") == ["AX-1000", "AX-1010"]
    assert all(row["sku"].confidence == 1.0 for row in raw.lines)
    rows = [
        (100, [(110, "Description"), (300, "Qty"), (380, "Price"), (480, "Amount")]),
        (120, [(110, "AX-1000 Hex bolt M8x40"), (305, "500"), (380, "0.42"), (480, "210.00")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "sku") == ["AX-1000"]
    assert raw.lines[0]["sku"].confidence <= GUESSED


def test_numbers_centred_on_a_two_line_cell_belong_to_the_code_above() -> None:
    """Code and description's first line, the numbers half a line lower, then the
    description's second line: the next code opens the next item."""
    rows = [headings("Price", "Amount")]
    for top, (sku, first, second, numbers) in zip(
        (120, 152),
        [
            ("AX-1000", "Hex bolt M8x40,", "zinc plated", ("500", "0.42", "210.00")),
            ("AX-1010", "Hex nut M8,", "zinc plated", ("100", "0.12", "12.00")),
        ],
        strict=True,
    ):
        rows.append((top, [(40, sku), (110, first)]))
        rows.append((top + 9, [(305, numbers[0]), (380, numbers[1]), (480, numbers[2])]))
        rows.append((top + 18, [(110, second)]))
    raw = extract_raw([page(rows, size=7)], CONTEXT)
    assert texts(raw.lines, "sku") == ["AX-1000", "AX-1010"]
    assert texts(raw.lines, "description") == [
        "Hex bolt M8x40, zinc plated",
        "Hex nut M8, zinc plated",
    ]
    assert texts(raw.lines, "amount") == ["210.00", "12.00"]


def test_numbers_set_right_of_headings_set_left_and_a_labelled_code_below() -> None:
    """A web shop: "Price  Qty  Total" set left, the numbers set right and clear of them;
    the product's code printed under its name ("SKU: AX-3300 · In stock")."""
    rows = [
        (300, [(49, "Product"), (387, "Price"), (449, "Qty"), (501, "Total")]),
        (322, [(49, "Threaded rod M12 x 1 m"), (414, "$6.80"), (487, "5"), (531, "$34.00")]),
        (332, [(49, "SKU: AX-3300 · In stock")]),
        (356, [(49, "Hex nut M8, zinc plated"), (414, "$0.12"), (467, "1,200"), (526, "$144.00")]),
        (366, [(49, "SKU: AX-1010 · In stock")]),
    ]
    raw = extract_raw([page(rows, size=8, char_width=4.5)], CONTEXT)
    assert texts(raw.lines, "sku") == ["AX-3300", "AX-1010"]
    assert texts(raw.lines, "description") == ["Threaded rod M12 x 1 m", "Hex nut M8, zinc plated"]
    assert texts(raw.lines, "quantity") == ["5", "1,200"]
    assert texts(raw.lines, "unit_price") == ["$6.80", "$0.12"]
    assert texts(raw.lines, "amount") == ["$34.00", "$144.00"]


def test_item_blocks_with_the_heading_repeated_and_details_under_each() -> None:
    """A portal prints each item as a block: title, the headings again, the values, then
    "Delivery date: ..." under it; a note after the last item closes the table."""
    heading = [(54, "Supplier Part #"), (140, "Qty"), (225, "UOM"), (310, "Price"), (481, "Total")]
    rows: list[tuple[float, list[tuple[float, str]]]] = []
    for top, (title, code, qty, price, total) in zip(
        (200, 260, 330),  # a blank line before the third block
        [
            ("1. Winter work gloves, lined, pair", "MRP-80010", "10", "12.40", "124.00"),
            ("2. Construction adhesive, 825 ml", "MRP-70015", "20", "9.60", "192.00"),
            ("3. Plywood sheathing 7/16 in, 4x8", "MRP-60110", "2", "32.75", "65.50"),
        ],
        strict=True,
    ):
        rows.append((top, [(54, title)]))
        rows.append((top + 13, heading))
        rows.append((top + 26, [(54, code), (140, qty), (225, "each"), (310, price), (481, total)]))
        rows.append((top + 39, [(54, "Delivery date: 07.07.2026")]))
    rows.append((400, [(54, "Please confirm receipt of this order and the ship date.")]))
    raw = extract_raw([page(rows, size=8, char_width=4.5)], CONTEXT)
    assert texts(raw.lines, "sku") == ["MRP-80010", "MRP-70015", "MRP-60110"]
    assert texts(raw.lines, "quantity") == ["10", "20", "2"]
    assert texts(raw.lines, "amount") == ["124.00", "192.00", "65.50"]
    assert "Please" not in (texts(raw.lines, "description")[-1] or "")


def test_codes_left_of_every_heading_are_a_column_whose_heading_was_lost() -> None:
    """OCR lost "Réf.": the codes before the first heading are still the item codes."""
    rows = [
        (100, [(150, "Désignation"), (360, "Qté"), (420, "PU HT"), (500, "Montant HT")]),
        (
            120,
            [
                (40, "HB.M10X50.Z"),
                (150, "Hammerkopfschraube"),
                (365, "500"),
                (420, "0,92"),
                (510, "460,00"),
            ],
        ),
        (
            140,
            [
                (40, "4711-310"),
                (150, "Zylinderschraube"),
                (365, "500"),
                (420, "0,24"),
                (510, "120,00"),
            ],
        ),
    ]
    raw = extract_raw([page(rows, confidence=0.9)], CONTEXT)
    assert texts(raw.lines, "sku") == ["HB.M10X50.Z", "4711-310"]
    assert all(row["sku"].confidence <= GUESSED for row in raw.lines)


def test_a_decimal_point_read_as_a_colon_is_a_point_when_the_line_adds_up() -> None:
    rows = [
        (100, [(40, "Item"), (110, "Description"), (300, "Qty"), (380, "Rate"), (480, "Amount")]),
        (
            120,
            [
                (40, "10023456"),
                (110, "Hydraulic hose"),
                (305, "24"),
                (380, "11:40"),
                (480, "273.60"),
            ],
        ),
        (
            140,
            [(40, "10023457"), (110, "Hose fitting"), (305, "10"), (380, "8:25"), (480, "99.00")],
        ),
    ]
    raw = extract_raw([page(rows, confidence=0.9)], CONTEXT)
    assert texts(raw.lines, "unit_price") == ["11.40", "8:25"]  # the second does not add up


def test_a_tax_column_in_the_last_item_row_does_not_end_the_table() -> None:
    # OCR glued the quantity to its unit: no number under "Qty" to say the line is an item.
    rows = [
        (100, [(40, "Description"), (265, "Taxes"), (310, "Date"), (400, "Qty"), (440, "Price"),
               (510, "Amount")]),
        (120, [(40, "Bolt M10x50, zinc"), (265, "VAT 20%"), (310, "09/05/2026"), (400, "1200"),
               (440, "0.92"), (510, "1104.00")]),
        (140, [(40, "Angle bracket 40"), (265, "VAT20%"), (310, "09/05/2026"),
               (400, "24,00Unit(s)"), (440, "2.15"), (510, "51.60")]),
        (170, [(340, "Subtotal"), (510, "1155.60")]),
        (185, [(340, "VAT 20%"), (510, "231.12")]),
    ]  # fmt: skip
    raw = extract_raw([page(rows, confidence=0.9)], CONTEXT)
    assert [r["amount"].text for r in raw.lines] == ["1104.00", "51.60"]
    assert raw.header["tax"].text == "231.12"
