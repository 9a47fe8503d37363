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
