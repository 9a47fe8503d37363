"""Label vocabulary beyond en/de/fr/es/zh: Dutch, Italian, Portuguese, Polish, Swedish, and
totals phrases of ERP and web-shop layouts ("Total Lines", "Order total", "PO Total")."""

from __future__ import annotations

from pathlib import Path

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


def test_labels_are_matched_without_importing_spacys_command_line() -> None:
    """spaCy's command line (typer, weasel, httpx) is a third of its import time, paid by
    every `poflow extract`; the matcher works without it, and a later import gets it whole."""
    import subprocess
    import sys

    script = (
        "import sys; from extractors.vocabulary import labels_in_text; "
        "found = labels_in_text('Bestellnummer: 4500', 'header'); "
        "assert [m.field for m in found] == ['po_number'], found; "
        "print(sorted(m for m in ('spacy.cli', 'typer', 'weasel') if m in sys.modules)); "
        "import spacy.cli; print(callable(spacy.cli.info))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["[]", "True"]


@pytest.mark.parametrize(
    ("printed", "group", "field"),
    [
        ("Tilausnumero", "header", "po_number"),  # Finnish
        ("Tilauspäivä", "header", "order_date"),
        ("Toimitusosoite", "header", "ship_to"),
        ("Maksuehto", "header", "payment_terms"),
        ("Veroton yhteensä", "totals", "subtotal"),
        ("ALV", "totals", "tax"),
        ("à-hinta", "column", "unit_price"),
        ("발주번호", "header", "po_number"),  # Korean
        ("납기일", "header", "delivery_date"),
        ("납품장소", "header", "ship_to"),
        ("합계금액", "totals", "total"),
        ("단가", "column", "unit_price"),
        ("Local de descarga", "header", "ship_to"),  # Portuguese
        ("Total ilíquido", "totals", "subtotal"),
        ("Rif. ordine", "header", "po_number"),  # Italian
    ],
)
def test_labels_of_finnish_korean_and_portuguese_orders(
    printed: str, group: Group, field: str
) -> None:
    assert _fields(printed, group)[:1] == [field]


@pytest.mark.parametrize("box", ["1.", "17(h).", "10a."])
def test_a_forms_box_number_belongs_to_its_label(box: str) -> None:
    """US government forms number every box ("1. ORDER NO."): the label starts at the box."""
    words = [Word(t, i * 60.0, 0, i * 60.0 + 50, 10) for i, t in enumerate([box, "ORDER", "NO."])]
    (found,) = find_labels(words, "header")
    assert (found.field, found.first, found.last) == ("po_number", 0, 2)
    text = [Word(t, i * 60.0, 0, i * 60.0 + 50, 10) for i, t in enumerate(["12", "ORDER", "NO."])]
    assert all(m.first == 1 for m in find_labels(text, "header"))  # a quantity, not a box
