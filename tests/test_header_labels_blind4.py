"""Header fields on layouts with traits first met on the blind4 set: a PO number only in the
title ("Zamówienie nr …"), a document number as the order's (ERP, EDI prints), a money
amount beside "PO Total", an OCR'd "PONbr", EDIFACT party headings, Polish and Spanish
labels, a sentence fragment and a heading beside a buyer label, a title set wide."""

from __future__ import annotations

import pytest

from extractors.fields import code_shape, extract_raw
from extractors.vocabulary import find_labels
from poflow.domain import ExtractionContext, PageText, Word
from tests.fields_helpers import page
from tests.test_parties_totals_layouts import TABLE

CONTEXT = ExtractionContext(supplier_names=("Acme Supply Co.", "Acme Supply GmbH"))

Row = tuple[int, list[tuple[int, str]]]


def _header(rows: list[Row], *, title: list[Row] = (), confidence: float = 1.0) -> dict[str, str]:
    """The header read from `rows` (10 pt) and `title` rows (set in 18 pt), over an item table."""
    body = page([*rows, *TABLE], confidence=confidence)
    big = page(title, size=18.0, char_width=10.0, confidence=confidence)
    words = tuple(sorted(body.words + big.words, key=lambda w: (w.top, w.x0)))
    raw = extract_raw([PageText(1, body.width, body.height, words, body.method)], CONTEXT)
    return {name: value.text for name, value in raw.header.items()}


def _words(*texts: str) -> tuple[Word, ...]:
    return tuple(Word(t, i * 60.0, 0, i * 60.0 + 50, 10) for i, t in enumerate(texts))


LETTERHEAD: list[Row] = [
    (40, [(40, "Bergmann Maschinenbau GmbH")]),
    (53, [(40, "Industriestraße 14")]),
]


@pytest.mark.parametrize(
    "title",
    [
        "ZAMÓWIENIE NR ZZ/0334/05/2026",  # a known title word
        "TILAUS NRO 4711-22",  # an unknown one, set larger than the text
    ],
)
def test_a_po_number_in_the_title(title: str) -> None:
    header = _header(LETTERHEAD, title=[(90, [(150, title)])])
    assert header["po_number"] == title.split()[-1]


def test_another_fields_number_at_the_top_is_no_title() -> None:
    assert "po_number" not in _header(LETTERHEAD, title=[(90, [(150, "CUSTOMER NO 88123")])])
    assert "po_number" not in _header([*LETTERHEAD, (90, [(150, "Bestätigung nr 4711-22")])])


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ZZ/0334/05/2026", "ZZ/0334/05/2026"),
        ("PO-2026-03-15", "PO-2026-03-15"),
        ("15.03.2026", None),
    ],
)
def test_a_code_with_a_date_in_it_is_a_code_a_date_is_not(text: str, code: str | None) -> None:
    shaped = code_shape(_words(text))
    assert (shaped[0].text if shaped else None) == code


def test_a_document_number_is_the_orders_unless_a_po_number_is_printed() -> None:
    rows: list[Row] = [*LETTERHEAD, (90, [(40, "BGM+220"), (110, "Doc. No."), (230, "CDE2664863")])]
    assert _header(rows)["po_number"] == "CDE2664863"
    assert _header([*LETTERHEAD, (90, [(40, "单据编号：CGDD984675")])])["po_number"] == "CGDD984675"
    both = [*rows, (105, [(110, "PO Number"), (230, "4500016516")])]
    assert _header(both)["po_number"] == "4500016516"


def test_a_forms_number_in_the_footer_is_no_po_number() -> None:
    rows: list[Row] = [*LETTERHEAD, (800, [(40, "Doc. No."), (110, "QF-PUR-01"), (300, "Rev. 02")])]
    assert "po_number" not in _header(rows)


def test_a_money_amount_beside_po_total_is_no_po_number() -> None:
    rows: list[Row] = [*LETTERHEAD, (90, [(300, "PO Total USD"), (480, "715.85")])]
    assert "po_number" not in _header(rows, confidence=0.9)


def test_a_label_glued_to_its_number_word_by_ocr() -> None:
    rows: list[Row] = [*LETTERHEAD, (90, [(300, "PONbr 1065580"), (450, "Rel 0")])]
    assert _header(rows, confidence=0.9)["po_number"] == "1065580"


@pytest.mark.parametrize(
    ("printed", "field"),
    [
        ("Termin dostawy", "delivery_date"),
        ("交期：", "delivery_date"),
        ("Forma płatności", "payment_terms"),
        ("Miejsce dostawy", "ship_to"),
        ("Waluta", "currency"),
        ("Lugar de entrega", "ship_to"),
        ("Centro de costos", "other"),
        ("Document number", "po_number"),
        ("Folio", "po_number"),
        ("Deliver to Dept", "other"),  # a department, not an address
        ("Purchase No.", "po_number"),  # blind5: MYOB
        ("注文番号", "po_number"),  # blind5: a Japanese 注文書
        ("Condição de Pagamento", "payment_terms"),  # blind5: a Brazilian pedido
    ],
)
def test_header_labels_of_unseen_layouts(printed: str, field: str) -> None:
    words = _words(*printed.split())
    found = find_labels(words, "header")
    assert [m.field for m in found] == [field]
    assert found[0].last == len(words) - 1


EDI_PARTIES: list[Row] = [
    (40, [(40, "ORDERS – Purchase order")]),
    (
        90,
        [
            (40, "NAD+BY · Buyer · GLN"),
            (220, "NAD+SU · Supplier · GLN"),
            (400, "NAD+DP · Delivery party ·"),
        ],
    ),
    (101, [(40, "3001730623328"), (220, "4001779516467"), (400, "GLN 3004020021102")]),
    (112, [(40, "Atelier Lemoine SARL"), (220, "Acme Supply GmbH"), (400, "Atelier Lemoine SARL")]),
    (123, [(40, "7 rue des Tanneurs"), (220, "Gutenbergstraße 12"), (400, "Entrepôt Nord")]),
    (134, [(40, "69002 Lyon"), (220, "40221 Düsseldorf"), (400, "59160 Lomme")]),
]


def test_edifact_party_headings_head_blocks_below() -> None:
    header = _header(EDI_PARTIES)
    assert header["customer_name"] == "Atelier Lemoine SARL"
    assert header["ship_to"] == "Entrepôt Nord\n59160 Lomme"


def test_a_buyer_label_starting_a_line_of_prose_heads_no_name() -> None:
    rows: list[Row] = [
        (40, [(40, "St. Brigid Regional Medical Center"), (400, "PURCHASE"), (507, "ORDER")]),
        (53, [(40, "2400 Lakeview Avenue")]),
        (250, [(46, "2. Deliveries accepted at the dock shown. Report substitutions to the")]),
        (261, [(46, "Buyer before shipment.")]),
    ]
    assert _header(rows)["customer_name"] == "St. Brigid Regional Medical Center"


def test_a_heading_beside_the_buyer_heading_is_no_name() -> None:
    rows: list[Row] = [
        (40, [(40, "Manufacturas Metálicas del Bajío, S.A. de C.V.")]),
        (90, [(45, "Condiciones de pago"), (188, "Moneda"), (384, "Comprador"), (444, "Proyecto")]),
        (103, [(45, "Crédito 45 días"), (188, "USD"), (384, "J. Miller"), (444, "Ampliación")]),
    ]
    header = _header(rows)
    assert header["customer_name"] == "Manufacturas Metálicas del Bajío, S.A. de C.V."
    assert header["payment_terms"] == "Crédito 45 días"


def test_a_digit_ocr_read_in_a_heading_keeps_the_row_a_heading_row() -> None:
    rows: list[Row] = [
        *LETTERHEAD,
        (
            90,
            [
                (45, "Buyer"),
                (240, "Deliver By"),
                (323, "Terms"),
                (369, "F.0.B."),
                (438, "Ship Via"),
            ],
        ),
        (
            103,
            [
                (45, "J. Miller"),
                (240, "May 30, 2026"),
                (323, "Net 30"),
                (369, "Destination"),
                (438, "Best Way"),
            ],
        ),
    ]
    assert _header(rows, confidence=0.9)["payment_terms"] == "Net 30"


def test_an_address_in_a_sentence_runs_over_the_line_break_to_the_sentences_end() -> None:
    rows: list[Row] = [
        (40, [(40, "SUMINISTROS INDUSTRIALES LEVANTE S.L.")]),
        (100, [(45, "Plazo de entrega: antes del 24 de enero. Lugar de entrega: Polígono Norte,")]),
        (113, [(45, "C/ Sevilla 41, 46988 Paterna (Valencia). Horario de recepción: de 8:00 a")]),
        (126, [(45, "14:00 h. Forma de pago: Transferencia a 60 días.")]),
    ]
    assert _header(rows)["ship_to"] == "Polígono Norte, C/ Sevilla 41, 46988 Paterna (Valencia)"


def test_a_title_set_wide_is_no_letterhead() -> None:
    rows: list[Row] = [(55, [(40, "St. Brigid Regional Medical Center")]), (68, [(40, "Erie, PA")])]
    title: list[Row] = [(40, [(380, "PURCHASE"), (500, "ORDER")])]
    assert _header(rows, title=title)["customer_name"] == "St. Brigid Regional Medical Center"
