"""Item tables as accounting and ERP software prints them (the visual layer of e-invoices,
and orders printed by the same programs): a quantity column headed "Amount", a rate column
("19 %") beside the amounts, an amount printed on the row's second line."""

from __future__ import annotations

from extractors.fields import extract_raw
from poflow.domain import ExtractionContext
from tests.fields_helpers import page, texts

CONTEXT = ExtractionContext(supplier_names=("Acme Supply GmbH",))


def test_a_quantity_column_headed_amount_is_told_by_the_currency_on_the_prices() -> None:
    """ "Amount | Product | VAT | Price | Total": qty and price trade places in qty × price =
    amount, the currency printed on the price column says which is which."""
    rows = [
        (100, [(40, "Amount"), (90, "Product"), (260, "VAT"), (320, "Price"), (400, "Total")]),
        (
            115,
            [(40, "1.00"), (90, "Design hours"), (260, "7%"), (320, "160.00 €"), (400, "160.00 €")],
        ),
        (130, [(40, "400.00"), (90, "Balloons"), (260, "19%"), (320, "0.79 €"), (400, "316.00 €")]),
        (145, [(40, "800.00"), (90, "Hot air"), (260, "19%"), (320, "0.025 €"), (400, "20.00 €")]),
    ]
    items = extract_raw([page(rows)], CONTEXT).lines
    assert texts(items, "quantity") == ["1.00", "400.00", "800.00"]
    assert texts(items, "unit_price") == ["160.00 €", "0.79 €", "0.025 €"]
    assert texts(items, "amount") == ["160.00 €", "316.00 €", "20.00 €"]


def test_the_amount_on_the_rows_second_line_and_a_rate_beside_it() -> None:
    """An ERP print: code, description, price, qty and "19 %" on the first line; the GTIN
    and the amount under "Nettobetrag" on the second. The rate is no amount; the amount
    that qty × price gives completes the row above, it opens no item of its own."""
    rows = [
        (
            100,
            [
                (40, "Pos"),
                (60, "Art-Nr"),
                (100, "Beschreibung"),
                (250, "Nettopreis"),
                (310, "Menge"),
                (360, "Steuersatz"),
                (430, "Nettobetrag"),
            ],
        ),
        (106, [(60, "(Art)")]),
        (
            115,
            [
                (40, "1"),
                (60, "TB100A4"),
                (100, "Trennblätter A4"),
                (250, "9,9000"),
                (310, "20 Stk"),
                (360, "19 %"),
            ],
        ),
        (127, [(60, "4012345001235"), (440, "198,00")]),
        (133, [(60, "(GTIN)")]),
        (139, [(100, "Bruttopreis : 9,9000")]),
        (
            155,
            [
                (40, "2"),
                (60, "ARNR2"),
                (100, "Joghurt Banane"),
                (250, "5,5000"),
                (310, "50 Stk"),
                (360, "7 %"),
            ],
        ),
        (167, [(60, "4000050986428"), (440, "275,00")]),
        (173, [(60, "(GTIN)")]),
    ]
    items = extract_raw([page(rows)], CONTEXT).lines
    assert texts(items, "sku") == ["TB100A4", "ARNR2"]
    assert texts(items, "quantity") == ["20", "50"]
    assert texts(items, "unit_price") == ["9,9000", "5,5000"]
    assert texts(items, "amount") == ["198,00", "275,00"]


def test_an_unnamed_rate_column_is_no_amount() -> None:
    rows = [
        (100, [(40, "Item"), (100, "Description"), (250, "Qty"), (310, "Price"), (380, "Satz")]),
        (115, [(40, "AX-1"), (100, "Bolt"), (250, "20"), (310, "9.90"), (380, "19 %")]),
        (130, [(40, "AX-2"), (100, "Nut"), (250, "50"), (310, "5.50"), (380, "7 %")]),
    ]
    items = extract_raw([page(rows)], CONTEXT).lines
    assert texts(items, "amount") == [None, None]


def test_a_heading_over_two_lines_around_the_header_is_one_heading() -> None:
    """ "Prix" above and "unitaire" below the header row ("Description  Quantité  Rem.  Prix
    HT"): one heading "Prix unitaire", not the first item's first word."""
    rows = [
        (90, [(300, "Prix")]),
        (100, [(40, "Description"), (200, "Quantité"), (350, "Rem."), (420, "Prix HT")]),
        (110, [(290, "unitaire")]),
        (
            125,
            [
                (40, "Nougat 250g"),
                (200, "5Unit(s)"),
                (290, "4,55 €"),
                (350, "10%"),
                (420, "20,48 €"),
            ],
        ),
        (140, [(40, "Huile d'olive"), (200, "10Liter(s)"), (290, "19,80 €"), (420, "198,00 €")]),
    ]
    items = extract_raw([page(rows)], CONTEXT).lines
    assert texts(items, "description") == ["Nougat 250g", "Huile d'olive"]
    assert texts(items, "quantity") == ["5", "10"]
    assert texts(items, "unit") == ["Unit", "Liter"]
    assert texts(items, "amount") == ["20,48 €", "198,00 €"]


def test_an_amount_a_line_below_a_row_without_a_price_is_that_rows() -> None:
    rows = [
        (
            100,
            [
                (40, "Pos"),
                (100, "Beschreibung"),
                (250, "Nettopreis"),
                (310, "Menge"),
                (430, "Nettobetrag"),
            ],
        ),
        (115, [(40, "1"), (100, "Toolbox Stahlcoil"), (310, "10 Stk")]),
        (127, [(100, "Basismenge: 1 Stk"), (440, "1.000,00")]),
        (145, [(40, "2"), (100, "Stoßfänger"), (310, "10 Stk")]),
        (157, [(100, "Basismenge: 1 Stk"), (440, "1.000,00")]),
    ]
    items = extract_raw([page(rows)], CONTEXT).lines
    assert texts(items, "quantity") == ["10", "10"]
    assert texts(items, "amount") == ["1.000,00", "1.000,00"]


def test_a_german_header_of_product_and_gross_amount_keeps_the_rate_out_of_the_text() -> None:
    """ "Menge  Produkt  USt.  Preis  Gesamtbetrag": a header, the "7%" its rate column's."""
    rows = [
        (
            100,
            [(40, "Menge"), (90, "Produkt"), (260, "USt."), (300, "Preis"), (370, "Gesamtbetrag")],
        ),
        (
            115,
            [
                (40, "1,00"),
                (90, "Künstlerische Gestaltung"),
                (260, "7%"),
                (300, "160,00 €"),
                (370, "160,00 €"),
            ],
        ),
        (
            130,
            [
                (40, "400,00"),
                (90, "Luftballon: Bunt"),
                (260, "19%"),
                (300, "0,79 €"),
                (370, "316,00 €"),
            ],
        ),
    ]
    items = extract_raw([page(rows)], CONTEXT).lines
    assert texts(items, "description") == ["Künstlerische Gestaltung", "Luftballon: Bunt"]
    assert texts(items, "quantity") == ["1,00", "400,00"]
    assert texts(items, "amount") == ["160,00 €", "316,00 €"]
