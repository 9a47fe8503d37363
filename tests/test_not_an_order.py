"""A page titled as a quote or offer (the supplier's document), or as a cancellation or
change of an earlier order, is read but left in doubt, so it never goes straight through as
a new order. A purchase order citing a quote, or with a cancel date, is an order."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from extractors.not_an_order import what_it_is
from extractors.pipeline import extract_document
from extractors.reading import read_pages
from flows.worker import one_page_pdf
from poflow.domain import ExtractionContext

CONTEXT = ExtractionContext()
ITEMS = [
    "Item  Description  Qty  Unit price  Amount",
    "AX-1000  Hex bolt M8  250  0.42  105.00",
    "B-22  Washer M8  80  0.05  4.00",
    "Total  109.00",
]


def _titled(*top: str) -> bytes:
    return one_page_pdf(["Acme Supply GmbH", "Northwind Traders Ltd", *top, *ITEMS])


@pytest.mark.parametrize(
    "title",
    [
        ("QUOTATION", "Quote No: Q-88    Date: 2026-03-02"),
        ("Angebot Nr. 4711", "Datum: 02.03.2026"),
        ("OFERTA / COTIZACIÓN OF-26-0635", "Fecha: 07/05/2026"),
        ("DEVIS", "Date : 02/03/2026"),
    ],
)
def test_a_quote_is_read_but_its_po_number_and_total_are_in_doubt(title: tuple[str, ...]) -> None:
    data = _titled(*title)
    assert what_it_is(read_pages(data, "pdf", CONTEXT, name="q.pdf")) == "a quote"
    order = extract_document(data, "scan0001.pdf", CONTEXT)
    assert len(order.lines) == 2
    assert order.evidence["total"].confidence <= 0.5


@pytest.mark.parametrize(
    "title",
    [
        ("PURCHASE ORDER", "PO Number: 4500012345", "Quotation ref: Q-88"),
        ("Bestellung 4711", "Angebot Nr. 88 vom 01.03.2026"),
        ("Quotation No: Q-88", "Order No: 4711"),  # the order's number beside the quote's
        ("PURCHASE ORDER 4711", "Ship date: 2026-04-01    Cancel date: 2026-04-15"),
        ("Purchase Order", "PO Number: 4711", "Cancellation policy: 48 hours before delivery"),
        ("Purchase Order", "PO 4711    Revision: 0"),
    ],
)
def test_an_order_that_cites_a_quote_is_not_doubted(title: tuple[str, ...]) -> None:
    data = _titled(*title)
    assert what_it_is(read_pages(data, "pdf", CONTEXT, name="po.pdf")) is None
    order = extract_document(data, "po.pdf", CONTEXT)
    assert order.evidence["total"].confidence > 0.5


def test_a_quote_forwarded_with_the_po_number_in_the_subject_is_left_in_doubt() -> None:
    """'Please proceed as per the attached': every value is there, none is the buyer's own."""
    message = EmailMessage()
    message["From"] = "jane@northwind.example"
    message["Subject"] = "PO 4711 - please proceed"
    message.set_content("Hello,\n\nplease proceed as per the attached.\n\nKind regards\nJane\n")
    message.add_attachment(
        _titled("QUOTATION", "Quote No: Q-88"), "application", "pdf", filename="scan0001.pdf"
    )
    order = extract_document(message.as_bytes(), "m.eml", CONTEXT)
    assert [line.sku for line in order.lines] == ["AX-1000", "B-22"]
    assert order.evidence["total"].confidence <= 0.5


@pytest.mark.parametrize(
    "title",
    [
        ("PURCHASE ORDER CANCELLATION", "PO Number: 4500012345"),
        ("Stornierung der Bestellung 4711", "Datum: 02.03.2026"),
        ("Change Order No. 2 to Purchase Order 4500012345", "Date: 2026-03-02"),
        ("Annulation de la commande 4711",),
        ("Wijziging bestelling 4711",),
        ("ANULACIÓN DEL PEDIDO Nº 4711",),
        ("ANULAÇÃO DA NOTA DE ENCOMENDA", "N.º NE 2026/519"),
        ("Ostotilauksen muutos 4711",),
        ("Annullamento ordine 4711",),
    ],
)
def test_a_cancellation_or_change_of_an_order_is_left_in_doubt(title: tuple[str, ...]) -> None:
    data = _titled(*title)
    kind = what_it_is(read_pages(data, "pdf", CONTEXT, name="c.pdf"))
    assert kind == "a cancellation or change of an order"
    order = extract_document(data, "c.pdf", CONTEXT)
    assert order.evidence["total"].confidence <= 0.5


def _typed_mail(subject: str, first_line: str) -> bytes:
    message = EmailMessage()
    message["From"] = "jane@northwind.example"
    message["Subject"] = subject
    message.set_content(
        f"Hello,\n\n{first_line}\n\nAX-1000 Hex bolt M8 - 250 pcs x 0.42 EUR = 105.00 EUR\n\n"
        "Total: 105.00 EUR\n\nKind regards\nJane\n"
    )
    return message.as_bytes()


@pytest.mark.parametrize(
    ("subject", "first_line"),
    [
        ("Cancel PO 4711", "please take the following off our order PO 4711:"),
        ("PO 4711", "please cancel the following from our order PO 4711:"),
        ("Bestellung 4711", "bitte stornieren Sie aus unserer Bestellung 4711:"),
        ("Änderung Bestellung 4711", "neue Menge für Bestellung 4711:"),
    ],
)
def test_an_e_mail_that_cancels_or_changes_an_order_is_left_in_doubt(
    subject: str, first_line: str
) -> None:
    order = extract_document(_typed_mail(subject, first_line), "m.eml", CONTEXT)
    assert [line.sku for line in order.lines] == ["AX-1000"]
    assert order.evidence["total"].confidence <= 0.5


def test_an_e_mail_order_that_mentions_cancelling_further_down_is_an_order() -> None:
    mail = _typed_mail("PO 4711", "please supply, our order PO 4711:")
    mail = mail.replace(b"Kind regards", b"Orders may be cancelled until shipped.\n\nKind regards")
    order = extract_document(mail, "m.eml", CONTEXT)
    assert order.evidence["total"].confidence > 0.5
