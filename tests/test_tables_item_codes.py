"""Where the item code sits on layouts no template knows: beside the buyer's own number, in
a column headed like a position, in brackets or first in the description, over the
description in one cell; and quantities printed with their unit in one cell."""

from __future__ import annotations

from decimal import Decimal

from extractors.fields import extract_raw
from extractors.layout import page_layout
from extractors.normalise import build_order, split_quantity_unit
from extractors.raw import RawOrder, RawValue
from extractors.table_columns import OTHER_CODE
from extractors.table_header import header_columns
from extractors.table_rows import GUESSED, RowCells, finish_row
from poflow.domain import ExtractionContext, MasterData, Product, Word
from tests.fields_helpers import page, texts

CONTEXT = ExtractionContext(supplier_names=("Acme Supply GmbH",))


def _lines(rows: list[tuple[float, list[tuple[float, str]]]]) -> tuple[dict[str, RawValue], ...]:
    return extract_raw([page(rows)], CONTEXT).lines


def test_the_suppliers_code_column_beats_the_buyers_item_number() -> None:
    lines = _lines(
        [
            (100, [(40, "Item"), (110, "Vendor #"), (190, "Description"), (420, "Qty")]),
            (100, [(440, "Units"), (500, "Rate"), (540, "Amount")]),
            (120, [(40, "ITM-46805"), (110, "AX-1020"), (190, "Flat washer 8 mm")]),
            (120, [(420, "100"), (440, "ea"), (500, "0.09"), (540, "9.00")]),
            (140, [(40, "ITM-48083"), (110, "TL-7790"), (190, "Drill bit set")]),
            (140, [(420, "3"), (440, "set"), (500, "129.00"), (540, "387.00")]),
        ]
    )
    assert texts(lines, "sku") == ["AX-1020", "TL-7790"]
    assert texts(lines, OTHER_CODE) == ["ITM-46805", "ITM-48083"]
    assert texts(lines, "unit") == ["ea", "set"]  # a column of unit words under "Units"
    assert texts(lines, "description") == ["Flat washer 8 mm", "Drill bit set"]


def test_a_number_column_of_item_codes_is_the_sku_not_the_position() -> None:
    lines = _lines(
        [
            (100, [(48, "Nr."), (110, "Beschreibung"), (310, "Menge"), (350, "Einheit")]),
            (100, [(420, "EK-Preis"), (520, "Betrag")]),
            (120, [(48, "8810-001"), (110, "Aluminiumprofil 40x40"), (320, "2")]),
            (120, [(350, "STÜCK"), (420, "27,30"), (520, "54,60")]),
            (140, [(48, "HB.M10X50.Z"), (110, "Hammerkopfschraube"), (315, "100")]),
            (140, [(350, "STÜCK"), (425, "0,92"), (520, "92,00")]),
        ]
    )
    assert texts(lines, "sku") == ["8810-001", "HB.M10X50.Z"]
    assert texts(lines, "line_no") == [None, None]
    assert texts(lines, "unit_price") == ["27,30", "0,92"]


def test_code_over_description_in_one_cell_and_quantity_with_its_unit() -> None:
    lines = _lines(
        [
            (100, [(48, "Line #"), (80, "Part # / Description"), (340, "Qty (Unit)")]),
            (100, [(450, "Unit Price"), (514, "Subtotal")]),
            (120, [(48, "1"), (80, "P00418"), (340, "4 (EA)"), (450, "£29.40"), (514, "£117.60")]),
            (132, [(80, "Galvanised flat bar 50 x 6 mm")]),
            (150, [(48, "2"), (80, "GB-9002"), (340, "1 (EA)"), (450, "£54.00"), (514, "£54.00")]),
            (162, [(80, "Safety boots S3, size 10")]),
        ]
    )
    assert texts(lines, "sku") == ["P00418", "GB-9002"]
    assert lines[0]["sku"].confidence > GUESSED  # alone on its line under "Part #"
    assert texts(lines, "description") == [
        "Galvanised flat bar 50 x 6 mm",
        "Safety boots S3, size 10",
    ]
    assert texts(lines, "quantity") == ["4", "1"]
    assert [t and t.strip("()") for t in texts(lines, "unit")] == ["EA", "EA"]
    assert texts(lines, "amount") == ["£117.60", "£54.00"]


def test_a_code_in_brackets_opening_the_description_is_the_sku_but_unsure() -> None:
    lines = _lines(
        [
            (100, [(48, "Description"), (266, "Taxes"), (424, "Qté"), (446, "Prix unitaire")]),
            (100, [(513, "Montant")]),
            (120, [(48, "[7300-020] Kühlschmierstoff, 10 l"), (266, "TVA 20%")]),
            (120, [(400, "6,00 Unité(s)"), (475, "64,80"), (513, "388,80 €")]),
        ]
    )
    assert texts(lines, "sku") == ["7300-020"]
    assert texts(lines, "description") == ["Kühlschmierstoff, 10 l"]  # no tax rate in it
    assert lines[0]["sku"].confidence <= GUESSED


def test_quantity_and_unit_in_one_cell() -> None:
    assert split_quantity_unit("4 (EA)") == (Decimal(4), "EA")
    assert split_quantity_unit("6,00 Unité(s)", True) == (Decimal("6.00"), "Unité(s)")
    assert split_quantity_unit("24,00Unité(s", True) == (Decimal("24.00"), "Unité(s")
    assert split_quantity_unit("4 (EA) x") == (None, None)


def _v(text: str, confidence: float = 1.0) -> RawValue:
    return RawValue(text=text, confidence=confidence, page=1, bbox=(0, 0, 10, 10))


MASTER = MasterData(
    products={
        "AX-1010": Product(sku="AX-1010", description="Hex nut M8", unit_price=Decimal("0.12")),
        "TL-7781": Product(sku="TL-7781", description="End mill", unit_price=Decimal("42.60")),
    }
)


def _order(row: dict[str, RawValue]) -> tuple[str | None, float]:
    raw = RawOrder(lines=(row,))
    order = build_order(raw, None, ExtractionContext(master=MASTER))
    evidence = order.evidence.get("lines[0].sku")
    return order.lines[0].sku, evidence.confidence if evidence else 0.0


def test_the_catalogue_chooses_the_buyers_number_when_the_suppliers_is_unknown() -> None:
    row = {"sku": _v("ZZ-1"), OTHER_CODE: _v("TL-7781"), "quantity": _v("6"), "amount": _v("1")}
    assert _order(row) == ("TL-7781", 1.0)


def test_a_catalogue_code_first_in_the_description_stays_unsure() -> None:
    row = {"description": _v("Ax-1010 Hex nut M8", 0.95), "quantity": _v("5000")}
    sku, confidence = _order(row)
    assert sku == "AX-1010"
    assert confidence < 0.9  # the arithmetic and calibration may confirm it, not the shape
    unknown = {"description": _v("QQ-1234 Hex nut M8", 0.95), "quantity": _v("5000")}
    assert _order(unknown)[0] is None


def test_a_bilingual_header_with_a_heading_word_on_a_line_between() -> None:
    lines = _lines(
        [
            (100, [(40, "Item"), (330, "Qty"), (380, "U/M"), (430, "Unit price")]),
            (100, [(510, "Extended")]),
            (108, [(90, "Code")]),
            (118, [(36, "Article"), (200, "Description"), (330, "Qté"), (380, "U/M")]),
            (118, [(430, "Prix unitaire"), (510, "Montant")]),
            (140, [(42, "1"), (90, "MRP-90510"), (200, "Portable LED work light"), (335, "1")]),
            (140, [(380, "EA"), (440, "89.50"), (515, "89.50")]),
            (160, [(42, "2"), (90, "MRP-80010"), (200, "Winter work gloves"), (335, "100")]),
            (160, [(380, "PR"), (440, "12.40"), (510, "1,240.00")]),
        ]
    )
    assert texts(lines, "line_no") == ["1", "2"]
    assert texts(lines, "sku") == ["MRP-90510", "MRP-80010"]
    assert texts(lines, "description") == ["Portable LED work light", "Winter work gloves"]
    assert texts(lines, "quantity") == ["1", "100"]


def test_a_speck_read_as_a_word_does_not_hide_the_bracketed_code() -> None:
    def word(text: str, x0: float, x1: float, top: float = 330, bottom: float = 342) -> Word:
        return Word(text, x0, top, x1, bottom, 0.8 if text != "oie" else 0.15)

    row = RowCells(1)
    speck = word("oie", 131.0, 131.5, 319.2, 319.7)  # half a point tall: dirt
    row.add("description", [speck, word("[8810-", 48, 73), word("001]", 72, 90)])
    row.add("description", [word("Profil", 93, 150)])
    row.add("quantity", [word("8,00", 382, 403)])
    row.add("unit_price", [word("27,30", 475, 497)])
    row.add("amount", [word("218,40", 513, 547)])
    cells = finish_row(row)
    assert (cells["sku"].text, cells["description"].text) == ("8810-001", "Profil")


def test_a_second_code_column_is_kept_aside_not_run_into_the_description() -> None:
    lines = _lines(
        [
            (100, [(40, "Item No"), (110, "Part No"), (190, "Description"), (420, "Qty")]),
            (100, [(500, "Price"), (540, "Amount")]),
            (120, [(40, "ITM-46805"), (110, "AX-1020"), (190, "Flat washer 8 mm")]),
            (120, [(420, "100"), (500, "0.09"), (540, "9.00")]),
        ]
    )
    assert texts(lines, "sku") == ["ITM-46805"]
    assert texts(lines, OTHER_CODE) == ["AX-1020"]
    assert texts(lines, "description") == ["Flat washer 8 mm"]


def test_headings_printed_together_name_one_column() -> None:
    """ "Qty (Unit)" and "Part # / Description" are one column each; "ohne MwSt." and
    "(excl. VAT)" only qualify a price or amount, they are no tax column."""
    heading = [
        (40, "Part # / Description"),
        (200, "Qty (Unit)"),
        (280, "EK-Preis ohne MwSt."),
        (400, "Amount (excl. VAT)"),
    ]
    layout = page_layout(page([(100, heading)]))
    columns = header_columns(layout.lines[0]) or []
    assert [c.field for c in columns] == ["sku", "quantity", "unit_price", "amount"]


def test_a_code_run_into_text_beside_it_is_only_a_shape() -> None:
    row = RowCells(1)
    row.add("sku", [Word("M8x40", 40, 100, 70, 110), Word("bolt", 75, 100, 95, 110)])
    row.add("description", [Word("zinc", 200, 100, 220, 110)])
    row.add("quantity", [Word("5", 300, 100, 305, 110)])
    cells = finish_row(row)
    assert (cells["sku"].text, cells["description"].text) == ("M8x40", "bolt zinc")
    assert cells["sku"].confidence <= GUESSED


_CZECH_HEADER = [
    (40, "Oznaéeni dodávky"),  # "Označení": OCR read the háček'd c as é
    (250, "Kéd"),  # "Kód": the letter under the accent misread
    (315, "Počet"),
    (345, "MJ"),
    (380, "Cena za MJ"),
    (480, "Celkem bez DPH"),
]


def test_a_heading_ocr_read_with_the_wrong_accented_letter_still_names_its_column() -> None:
    rows = [
        (100, _CZECH_HEADER),
        (120, [(40, "Winkelverbinder 40 Nut 8"), (250, "8810-005"), (325, "20"), (345, "ks")]),
        (120, [(400, "2,15"), (520, "43,00")]),
        (140, [(40, "Schutzhandschuhe Nitril"), (250, "9100-340"), (330, "5"), (345, "bal")]),
        (140, [(395, "18,60"), (520, "93,00")]),
    ]
    lines = extract_raw([page(rows, confidence=0.9)], CONTEXT).lines
    assert texts(lines, "sku") == ["8810-005", "9100-340"]
    assert texts(lines, "description") == ["Winkelverbinder 40 Nut 8", "Schutzhandschuhe Nitril"]
    columns = header_columns(page_layout(page(rows[:1], confidence=0.9)).lines[0])
    assert columns is not None
    assert [c.label for c in columns[:2]] == ["Označení dodávky", "Kod"]


def test_a_text_layers_heading_and_an_unknown_accented_word_are_taken_as_printed() -> None:
    printed = header_columns(page_layout(page([(100, _CZECH_HEADER)])).lines[0])
    assert printed is None or "sku" not in {c.field for c in printed}
    header = [(40, "Popis"), (250, "Café"), (315, "Počet"), (380, "Cena"), (480, "Celkem")]
    columns = header_columns(page_layout(page([(100, header)], confidence=0.9)).lines[0])
    assert columns is not None
    assert [c.field for c in columns if c.label == "Café"] == ["unread0"]
