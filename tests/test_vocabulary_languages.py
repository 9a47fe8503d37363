"""Label vocabulary beyond en/de/fr/es/zh: Dutch, Italian, Portuguese, Polish, Swedish, and
totals phrases of ERP and web-shop layouts ("Total Lines", "Order total", "PO Total")."""

from __future__ import annotations

import pytest

from extractors.fields import extract_raw
from extractors.vocabulary import Group, find_labels
from poflow.domain import ExtractionContext, Word
from tests.fields_helpers import page


def _fields(printed: str, group: Group) -> list[str]:
    words = [Word(t, i * 60.0, 0, i * 60.0 + 50, 10) for i, t in enumerate(printed.split())]
    found = find_labels(words, group)
    assert not found or found[-1].last == len(words) - 1, "the label spans the whole phrase"
    return [m.field for m in found]


@pytest.mark.parametrize(
    ("printed", "field"),
    [
        ("Ordernummer", "po_number"),
        ("Your PO number:", "po_number"),
        ("Orderdatum", "order_date"),
        ("Gewenste leverdatum", "delivery_date"),
        ("Betalingsconditie", "payment_terms"),
        ("Zahlungskonditionen", "payment_terms"),
        ("Condizioni di pagamento", "payment_terms"),
        ("Afleveradres", "ship_to"),
        ("Endereço de entrega", "ship_to"),
        ("Factuuradres", "bill_to"),
        ("Inkoper", "other"),  # the purchasing person, not the buying company
        ("Terms of delivery", "other"),  # not the payment terms
        ("Uw relatienummer", "other"),
        ("Standard Purchase Order", "po_number"),  # Oracle's title, the number beside it
    ],
)
def test_header_labels_in_more_languages(printed: str, field: str) -> None:
    assert _fields(printed, "header") == [field]


@pytest.mark.parametrize(
    ("printed", "field"),
    [
        ("Subtotaal", "subtotal"),
        ("Total Lines", "subtotal"),
        ("Lines total", "subtotal"),
        ("Total net value excl. tax", "subtotal"),
        ("Total exkl. MWST", "subtotal"),
        ("BTW", "tax"),
        ("Estimated sales tax", "tax"),
        ("Verzendkosten", "shipping"),
        ("Verpackung und Fracht", "shipping"),
        ("Totaal incl. BTW", "total"),
        ("PO Total", "total"),
        ("Order total", "total"),
        ("Total inkl. MWST", "total"),
        ("MWST8.1%", "tax"),  # a rate OCR ran into its label
        ("VAT20%", "tax"),
    ],
)
def test_totals_labels_in_more_languages(printed: str, field: str) -> None:
    assert _fields(printed, "totals")[:1] == [field]


@pytest.mark.parametrize(
    ("printed", "field"),
    [
        ("Regel", "line_no"),
        ("Prijs/eenheid", "unit_price"),
        ("Eenheid", "unit"),
        ("Quantidade", "quantity"),
        ("Korting", "other"),
    ],
)
def test_column_labels_in_more_languages(printed: str, field: str) -> None:
    assert _fields(printed, "column") == [field]


def test_the_buyers_po_number_outranks_a_shops_order_number() -> None:
    rows = [
        (40, [(40, "Order confirmation · Order #W3252481 · placed June 13, 2026")]),
        (80, [(40, "Your PO number:")]),
        (93, [(40, "PO-2026-32524")]),
    ]
    raw = extract_raw([page(rows)], ExtractionContext())
    assert raw.header["po_number"].text == "PO-2026-32524"


def test_a_rate_glued_to_a_tax_label_is_no_amount() -> None:
    rows = [
        (100, [(300, "Total exkl. MWST"), (500, "674.50")]),
        (115, [(300, "‘MWST8.1%"), (400, "0"), (500, "54.63")]),
        (130, [(300, "Total inkl. MWST"), (500, "729.13")]),
    ]
    raw = extract_raw([page(rows, confidence=0.9)], ExtractionContext())
    assert raw.header["tax"].text == "54.63"
