"""Layout: lines, cells and gaps in points, pixels and character grids; label vocabulary."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.layout import centre_inside, page_layout
from extractors.reading import text_to_page
from extractors.value_shapes import find_date, is_code, number_value
from extractors.vocabulary import find_labels
from poflow.domain import Word
from tests.fields_helpers import page


def test_phrase_stays_one_cell_and_wide_gaps_split_columns() -> None:
    layout = page_layout(page([(100, [(40, "Unit Price"), (200, "Amount"), (300, "Qty")])]))
    assert [c.text for c in layout.lines[0].cells] == ["Unit Price", "Amount", "Qty"]


def test_skewed_lines_stay_whole_and_in_order() -> None:
    rows = [(100, [(40, "first line left"), (400, "first right")]), (118, [(40, "second line")])]
    layout = page_layout(page(rows, skew=0.012))  # 0.7°: 4.3 pt drift over the line
    assert [line.text for line in layout.lines] == ["first line left   first right", "second line"]


def test_pixels_and_char_grids_use_relative_gaps() -> None:
    pixels = page(
        [(300, [(100, "Item Code"), (700, "Quantity")])],
        size=40,
        char_width=22,
        unit="px",
        width=2480,
        height=3508,
    )
    assert [c.text for c in page_layout(pixels).lines[0].cells] == ["Item Code", "Quantity"]
    typed = text_to_page("PO Number: 4711    Date: 2026-03-01\nQty  SKU")
    cells = [[c.text for c in line.cells] for line in page_layout(typed).lines]
    assert cells == [["PO Number: 4711", "Date: 2026-03-01"], ["Qty", "SKU"]]


def test_small_label_beside_tall_letterhead_is_its_own_line() -> None:
    words = (
        Word("Maple", 50, 40.6, 102, 55.6),
        Word("Ltd.", 107, 40.6, 140, 55.6),
        Word("Order", 130, 40.3, 150, 49.3),  # starts inside "Ltd.": another line
        Word("No.", 153, 40.3, 165, 49.3),
    )
    layout = page_layout(page([]).__class__(1, 595, 842, words, "text_layer"))
    assert sorted(line.text for line in layout.lines) == ["Maple Ltd.", "Order No."]


def test_space_grouped_thousands_are_one_word() -> None:
    layout = page_layout(page([(100, [(40, "Total TTC"), (400, "1 460,40 €")])]))
    assert layout.lines[0].cells[1].words[0].text == "1 460,40"


@pytest.mark.parametrize(
    ("printed", "field"),
    [
        ("P.O. No.:", "po_number"),
        ("PO #", "po_number"),
        ("Purchase Order Number", "po_number"),
        ("Bestell-Nr.", "po_number"),
        ("N° de commande :", "po_number"),
        ("Número de pedido", "po_number"),
        ("订单号：", "po_number"),
        ("Order Date", "order_date"),
        ("Datum:", "order_date"),
        ("Fecha", "order_date"),
        ("Liefertermin", "delivery_date"),
        ("Date de livraison", "delivery_date"),
        ("交货日期", "delivery_date"),
        ("Zahlungsbedingungen:", "payment_terms"),
        ("Ship To:", "ship_to"),
        ("Lieferanschrift", "ship_to"),
        ("收货地址", "ship_to"),
        ("Bill To", "bill_to"),
        ("Sold To:", "buyer"),
        ("Fournisseur :", "supplier"),
        ("Customer No.", "other"),
    ],
)
def test_header_labels_in_five_languages(printed: str, field: str) -> None:
    words = [Word(t, i * 60.0, 0, i * 60.0 + 50, 10) for i, t in enumerate(printed.split())]
    found = find_labels(words, "header")
    assert [m.field for m in found] == [field]
    assert found[0].last == len(words) - 1


@pytest.mark.parametrize(
    ("printed", "field"),
    [
        ("Unit Price", "unit_price"),
        ("Art.-Nr.", "sku"),
        ("Qté", "quantity"),
        ("Pos.", "line_no"),
        ("Ext. Price", "amount"),
        ("Einheit", "unit"),
        ("单价", "unit_price"),
        ("金额", "amount"),
        ("Descripción", "description"),
        ("Montant HT", "amount"),
    ],
)
def test_column_labels(printed: str, field: str) -> None:
    words = [Word(t, i * 60.0, 0, i * 60.0 + 50, 10) for i, t in enumerate(printed.split())]
    assert [m.field for m in find_labels(words, "column")] == [field]


def test_label_glued_to_its_value() -> None:
    [match] = find_labels([Word("PO#4500012345", 0, 0, 80, 10)], "header")
    assert match.field == "po_number" and match.value_offset == 3


def test_value_shapes() -> None:
    assert find_date("Date: 03/15/2026") == (6, 16)
    assert find_date("15. März 2026") is not None
    assert find_date("2026年6月23日") is not None
    assert find_date("Net 30") is None
    assert is_code("4500012345") and is_code("PO-2026-99784") and not is_code("Box")


@given(
    st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False),
    st.sampled_from(["us", "de", "fr", "ch"]),
)
def test_number_value_reads_grouped_numbers(value: Decimal, style: str) -> None:
    us = f"{value:,.2f}"
    printed = {
        "us": us,
        "de": us.replace(",", "_").replace(".", ",").replace("_", "."),
        "fr": us.replace(",", " ").replace(".", ","),
        "ch": us.replace(",", "'"),
    }[style]
    assert number_value(printed) == value


def test_strongly_sloped_photo_lines_stay_whole() -> None:
    rows = [
        (100, [(40, "Item Code"), (200, "Description of goods"), (420, "Qty")]),
        (130, [(40, "AX-1000"), (200, "Hex bolt M8x40 zinc plated"), (420, "250")]),
        (160, [(40, "BX-2000"), (200, "Washer M8 stainless"), (420, "100")]),
    ]
    layout = page_layout(page(rows, skew=0.06))  # ~3.4°: 24 pt drift across the table
    assert [len(line.cells) for line in layout.lines] == [3, 3, 3]


def test_ocr_specks_are_dropped_but_marks_kept() -> None:
    words = (
        Word("Total", 40, 100, 70, 110, 0.95),
        Word(";", 80, 100, 82, 110, 0.5),
        Word("iy", 90, 100, 96, 110, 0.2),
        Word(":", 100, 100, 102, 110, 0.4),
        Word("€", 110, 100, 116, 110, 0.9),
        Word("9.99", 120, 100, 140, 110, 0.9),
    )
    scan = page([]).__class__(1, 595, 842, words, "ocr", unit="px")
    assert [w.text for w in page_layout(scan).lines[0].words] == ["Total", ":", "€", "9.99"]


def test_a_word_is_inside_a_box_by_its_centre_the_far_edges_outside() -> None:
    word = Word("Total", 10, 10, 30, 20, 0.9)  # centre (20, 15)
    assert centre_inside(word, (15, 12, 25, 18))  # the box cuts the word, holds its centre
    assert not centre_inside(word, (0, 0, 20, 40))  # centre on the right edge: outside
    assert centre_inside(word, (20, 15, 40, 40))  # on the left and top edges: inside
