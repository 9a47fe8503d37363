"""Party blocks and labels on layouts with traits first met on the blind2 set: labels printed
with their translation after a slash, a delivery label whose block runs under it beside
another column, a contact block beside the ship-to address, totals labels with the
currency inside them or an "Est." before them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from extractors.fields import extract_raw
from extractors.printed_text import address_of, ocr_misreads_fixed
from extractors.vocabulary import find_labels
from poflow.domain import ExtractionContext
from tests.fields_helpers import page
from tests.test_parties_totals_layouts import TABLE

CONTEXT = ExtractionContext(supplier_names=("Acme Supply Co.", "Acme Supply GmbH", "Acme"))

Row = tuple[int, list[tuple[int, str]]]
BILINGUAL: list[Row] = [  # a label with its translation after a slash: the value is below
    (40, [(40, "Toronto Precision Parts Inc.")]),
    (90, [(40, "TERMS / MODALITÉS"), (200, "SHIP VIA / EXPÉDITION")]),
    (103, [(40, "Net 60"), (200, "Purolator")]),
    (130, [(40, "VENDOR / FOURNISSEUR"), (200, "SHIP TO / EXPÉDIER À")]),
    (143, [(40, "Acme Supply Co."), (200, "Toronto Precision Parts Inc.")]),
    (156, [(40, "2200 Commerce Drive"), (200, "Warehouse 2")]),
    (169, [(40, "Columbus, OH 43219"), (200, "Burnaby, BC V5J 5K3")]),
]
BLOCK_UNDER_LABEL: list[Row] = [  # not the supplier's column beside the label
    (40, [(40, "Atelier Lemoine SARL")]),
    (100, [(40, "Adresse de livraison :"), (300, "Acme Supply GmbH")]),
    (113, [(40, "Atelier Lemoine SARL"), (300, "Gutenbergstraße 12")]),
    (126, [(40, "ZI des Chênes"), (300, "40221 Düsseldorf, Allemagne")]),
    (139, [(40, "59160 Lomme")]),
]
ADDRESS_BESIDE_CONTACT: list[Row] = [  # the block with a postcode is the address
    (40, [(40, "Northwind Traders Ltd.")]),
    (100, [(40, "Ship All Items To"), (300, "Deliver To")]),
    (113, [(40, "Northwind Traders Ltd."), (300, "J. Miller")]),
    (126, [(40, "Goods In, Bay 7"), (300, "Goods receiving")]),
    (139, [(40, "Bristol BS2 0QT")]),
]

TOTALS_WITH_CURRENCY: list[Row] = [
    (40, [(40, "Bergmann Maschinenbau GmbH")]),
    (400, [(300, "Summe EUR ohne MwSt."), (505, "105,00")]),
    (413, [(300, "Est. Tax (19%):"), (505, "19,95")]),
    (426, [(300, "Summe EUR inkl. MwSt."), (505, "124,95")]),
]


@pytest.mark.parametrize(
    ("rows", "field", "value"),
    [
        (BILINGUAL, "payment_terms", "Net 60"),
        (BILINGUAL, "ship_to", "Warehouse 2\nBurnaby, BC V5J 5K3"),
        (BLOCK_UNDER_LABEL, "ship_to", "ZI des Chênes\n59160 Lomme"),
        (ADDRESS_BESIDE_CONTACT, "ship_to", "Goods In, Bay 7\nBristol BS2 0QT"),
        (TOTALS_WITH_CURRENCY, "subtotal", "105,00"),
        (TOTALS_WITH_CURRENCY, "tax", "19,95"),
        (TOTALS_WITH_CURRENCY, "total", "124,95"),
    ],
)
def test_party_and_label_values_on_unseen_layouts(rows: list[Row], field: str, value: str) -> None:
    raw = extract_raw([page([*rows, *TABLE])], CONTEXT)
    assert raw.header[field].text == value


@pytest.mark.parametrize(
    ("label", "field"),
    [("Summe EUR ohne MwSt.", "subtotal"), ("Summe CHF inkl. MwSt.", "total")],
)
def test_a_currency_inside_a_totals_label_is_skipped(label: str, field: str) -> None:
    words = page([(400, [(300, label)])]).words
    assert [(m.field, m.last) for m in find_labels(words, "totals")] == [(field, 3)]


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        ("Portsmouth POL 2AB", "Portsmouth PO1 2AB"),  # a letter in the outward code's digit
        ("London SWlA 1AA", "London SW1A 1AA"),
        ("Toronto, ON MSC 1R8", "Toronto, ON M5C 1R8"),  # letter-digit-letter digit-letter-digit
        ("Burnaby, BC V5J 5K3", "Burnaby, BC V5J 5K3"),
        ("Suite BC 123 456", "Suite BC 123 456"),  # far from a postcode: left as read
    ],
)
def test_ocr_misreads_in_postcodes_are_fixed_by_their_grammar(read: str, printed: str) -> None:
    assert ocr_misreads_fixed(read) == printed


def test_a_postcode_line_with_a_colon_speck_does_not_end_the_address() -> None:
    rows = [
        (40, [(40, "Alpenwerk AG")]),
        (100, [(40, "Lieferung an")]),
        (113, [(40, "Alpenwerk AG")]),
        (126, [(40, "Bahnhofstrasse 52.")]),
        (139, [(40, "6300 Zug:")]),
        (152, [(40, "Schweiz")]),
    ]
    raw = extract_raw([page([*rows, *TABLE])], CONTEXT)
    assert raw.header["ship_to"].text.splitlines()[-1] == "Schweiz"
    ocr = replace(raw.header["ship_to"], confidence=0.8)
    assert address_of(ocr) == "Bahnhofstrasse 52\n6300 Zug\nSchweiz"  # specks OCR glued on


@pytest.mark.parametrize("text", ["Lieferadresse / Ship To", "TERMS / MODALITÉS", "Ship To"])
def test_a_label_with_its_other_language_alone_in_a_cell_is_a_bare_label(text: str) -> None:
    from extractors.label_values import bare_label
    from extractors.layout import Cell
    from poflow.domain import Word

    words = tuple(
        Word(t, 40.0 + 60 * i, 100.0, 90.0 + 60 * i, 110.0) for i, t in enumerate(text.split())
    )
    assert bare_label(Cell(words))
    assert not bare_label(Cell((*words, Word("4500012", 400.0, 100.0, 460.0, 110.0))))
