"""Labels and item tables first met on the blind7 set: a Belgian bilingual order number
("N° commande / Bestelnr."), SAP Business One's posting date, a contractor's "Req'd" date
column, a quantity set right of its heading and joined to the code, a note running across
the number columns between two items, and a sum row under the item columns."""

from __future__ import annotations

import pytest

from extractors.fields import extract_raw
from extractors.vocabulary import Group, find_labels
from tests.fields_helpers import Row, page, texts
from tests.test_header_labels_blind3 import CONTEXT, _header, _words


@pytest.mark.parametrize(
    ("printed", "group", "field"),
    [
        ("N° commande", "header", "po_number"),
        ("Bestelnr.", "header", "po_number"),
        ("Buchungsdatum", "header", "order_date"),
        ("Posting Date", "header", "order_date"),
        ("Req'd", "column", "other"),
    ],
)
def test_labels_of_the_blind7_prints(printed: str, group: Group, field: str) -> None:
    words = _words(*printed.split())
    found = find_labels(words, group)
    assert found and found[0].field == field
    assert found[-1].last == len(words) - 1, "the label spans the whole phrase"


def test_a_bilingual_order_number_label() -> None:
    header = _header(
        [
            (40, [(40, "Rivière Équipements SAS"), (330, "COMMANDE FOURNISSEUR")]),
            (60, [(300, "N° commande / Bestelnr."), (450, "POBE2604-58672")]),
            (72, [(300, "Date / Datum"), (450, "16/04/2026")]),
        ]
    )
    assert header["po_number"] == "POBE2604-58672"
    assert header["order_date"] == "16/04/2026"


def test_a_required_date_on_every_line_is_the_delivery_date() -> None:
    rows: list[Row] = [
        (40, [(40, "OFFICIAL ORDER"), (400, "No. C2386/0185")]),
        (100, [(40, "Ln"), (60, "Description"), (200, "Your Code"), (260, "Req'd")]),
        (100, [(310, "Qty"), (340, "UoM"), (380, "Unit Rate £"), (470, "Line Total £")]),
        (115, [(40, "1"), (60, "Copper earth tape"), (200, "GB-8120"), (260, "06/04/26")]),
        (115, [(320, "2.5"), (340, "m"), (390, "12.80"), (490, "32.00")]),
        (130, [(40, "2"), (60, "Pallet truck 2500 kg"), (200, "GB-9100"), (260, "06/04/26")]),
        (130, [(320, "10"), (340, "each"), (390, "349.00"), (480, "3,490.00")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "quantity") == ["2.5", "10"]
    assert raw.header["delivery_date"].text == "06/04/26"


def test_a_quantity_right_of_its_heading_joined_to_the_code() -> None:
    """ "Cant." set left, its numbers set right and close to the code: "6 TL-7781" is one
    cell of the text layer under "Código" only, but the 6 is the quantity."""
    rows: list[Row] = [
        (100, [(40, "Cant."), (90, "Código"), (160, "Descripción"), (330, "Precio unit.")]),
        (100, [(420, "Importe")]),
        (115, [(47, "2.000"), (80, "AX-1000"), (160, "Hex bolt M8x40"), (340, "0,42")]),
        (115, [(420, "840,00")]),
        (130, [(69, "6 TL-7781"), (160, "Carbide end mill"), (335, "42,60"), (420, "255,60")]),
        (145, [(69, "5 SF-1122"), (160, "Nitrile gloves"), (335, "14,20"), (425, "71,00")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "sku") == ["AX-1000", "TL-7781", "SF-1122"]
    assert texts(raw.lines, "quantity") == ["2.000", "6", "5"]


def test_a_note_across_the_number_columns_is_no_item() -> None:
    """A delivery note between two items runs under "Menge" and "ME" ("… 24 h vorher unter
    obiger Telefonnummer"): one sentence, its 24 no quantity."""
    note = "Anlieferung nur Mo–Do 7:00 Uhr, Avisierung 24 h vorher unter obiger Telefonnummer."
    rows: list[Row] = [
        (100, [(40, "Pos."), (70, "Artikelnr."), (150, "Beschreibung"), (360, "Menge")]),
        (100, [(400, "ME"), (430, "Preis"), (500, "Gesamt EUR")]),
        (115, [(40, "1"), (70, "4711-230"), (150, "Sechskantmutter M8"), (365, "1.000")]),
        (115, [(400, "Stk"), (430, "0,11"), (510, "110,00")]),
        (130, [(150, note)]),
        (145, [(40, "2"), (70, "9100-340"), (150, "Schutzhandschuhe Nitril"), (375, "100")]),
        (145, [(400, "Pkg"), (430, "18,60"), (500, "1.860,00")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "sku") == ["4711-230", "9100-340"]
    assert texts(raw.lines, "quantity") == ["1.000", "100"]


def test_a_sum_row_under_the_item_columns_is_no_item() -> None:
    """ "合计" over the summed quantities and amounts closes the table."""
    rows: list[Row] = [
        (100, [(40, "行号"), (70, "存货编码"), (150, "存货名称"), (260, "数量")]),
        (100, [(320, "单价"), (400, "金额")]),
        (115, [(40, "1"), (70, "8801255"), (150, "铝合金散热片"), (260, "10.00")]),
        (115, [(320, "18.5000"), (400, "185.00")]),
        (130, [(40, "2"), (70, "SZ-M8X30"), (150, "内六角螺钉"), (255, "2,000.00")]),
        (130, [(320, "0.5800"), (395, "1,160.00")]),
        (145, [(40, "合计"), (255, "2,010.00"), (395, "1,345.00")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "sku") == ["8801255", "SZ-M8X30"]


def test_a_sum_row_gives_the_subtotal_and_by_arithmetic_the_tax_and_total() -> None:
    """ "合计" over qty, net, tax and gross sums: the net equals the line amounts' sum, and of
    the numbers right of it net + tax = gross says which is the tax and which the total."""
    rows: list[Row] = [
        (100, [(40, "行号"), (70, "存货编码"), (120, "存货名称"), (180, "数量"), (220, "单价")]),
        (100, [(270, "金额"), (330, "税额"), (390, "价税合计")]),
        (108, [(40, "Ln"), (70, "Code"), (120, "Item"), (180, "Qty"), (220, "Price")]),
        (108, [(270, "Amount"), (330, "VAT"), (390, "Gross")]),
        (120, [(40, "1"), (70, "8801255"), (120, "散热片"), (180, "10.00"), (220, "18.5000")]),
        (120, [(270, "185.00"), (330, "24.05"), (390, "209.05")]),
        (135, [(40, "2"), (70, "SZ-M8X30"), (120, "螺钉"), (175, "2,000.00"), (220, "0.5800")]),
        (135, [(265, "1,160.00"), (330, "150.80"), (385, "1,310.80")]),
        (150, [(40, "合计"), (175, "2,010.00"), (265, "1,345.00"), (330, "174.85")]),
        (150, [(385, "1,519.85")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "sku") == ["8801255", "SZ-M8X30"]
    header = {name: raw.header[name].text for name in ("subtotal", "tax", "total")}
    assert header == {"subtotal": "1,345.00", "tax": "174.85", "total": "1,519.85"}


def test_a_sum_row_whose_numbers_do_not_add_up_gives_no_tax() -> None:
    rows: list[Row] = [
        (100, [(40, "Pos"), (70, "Item"), (150, "Qty"), (210, "Price"), (270, "Amount")]),
        (100, [(330, "Tax"), (390, "Gross")]),
        (115, [(40, "1"), (70, "AB-100"), (150, "10"), (210, "2.00"), (270, "20.00")]),
        (115, [(330, "4.00"), (390, "24.00")]),
        (130, [(40, "2"), (70, "AB-200"), (150, "5"), (210, "3.00"), (270, "15.00")]),
        (130, [(330, "3.00"), (390, "18.00")]),
        (145, [(40, "Total"), (150, "15"), (270, "35.00"), (330, "7.00"), (390, "43.00")]),
    ]
    raw = extract_raw([page(rows)], CONTEXT)
    assert texts(raw.lines, "sku") == ["AB-100", "AB-200"]
    assert "tax" not in raw.header or raw.header["tax"].text != "7.00"
