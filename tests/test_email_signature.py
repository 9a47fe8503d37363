"""A typed order that names its company only in the signature: the company is the customer
name, and the customer when the sender's address names none. Real parts: `extract_email`
with the real `extract_document` and a small master."""

from __future__ import annotations

from email.message import EmailMessage

from extractors.email import extract_email
from extractors.email_signature import signature_lines
from extractors.pipeline import extract_document
from poflow.domain import Customer, ExtractedOrder, ExtractionContext, MasterData

MASTER = MasterData(
    customers=(
        Customer("C1", "Northwind Traders Ltd.", ("Northwind",), ("northwind.example",), "GB"),
        Customer("C2", "Bergmann Maschinenbau GmbH", (), ("bergmann.example",), "DE"),
    )
)
CONTEXT = ExtractionContext(master=MASTER, supplier_names=("Acme Supply GmbH",))
ORDER = (
    "Hallo Herr Brandt,\n\nbitte liefern Sie (Bestellnr. 4500027630):\n\n"
    "- 50 Stk. 5520-100 Kugellager je 6,90 EUR\n- 8 Stk. 7300-020 Kühlschmierstoff je 64,80 EUR\n"
    "\nDanke und VG\nMiller\n\n"
)


def _extract(body: str, sender: str) -> ExtractedOrder:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "orders@acme-supply.example"
    message["Subject"] = "Bestellung"
    message["Date"] = "Mon, 09 Mar 2026 09:15:00 +0000"
    message.set_content(body)
    return extract_email(message.as_bytes(), "po.eml", CONTEXT, extract_document)


def test_the_signature_names_the_company_the_senders_address_matched() -> None:
    signature = "-- \nBergmann Maschinenbau GmbH\nEinkauf\nIndustriestraße 14 · 70565 Stuttgart\n"
    signed = ORDER + signature
    order = _extract(signed, "J. Miller <einkauf@bergmann.example>")
    assert (order.customer_name, order.customer_id) == ("Bergmann Maschinenbau GmbH", "C2")
    assert order.evidence["customer_name"].confidence >= 0.9  # the address agrees
    assert order.ship_to is None  # the signature's address is the sender's, not a delivery


def test_from_a_private_address_the_signature_names_the_customer() -> None:
    signed = ORDER + "--\nMiller\nBergmann Maschinenbau GmbH\nwww.bergmann.example\n"
    order = _extract(signed, "Jo Miller <jo.miller1970@gmail.example>")
    assert (order.customer_name, order.customer_id) == ("Bergmann Maschinenbau GmbH", "C2")
    unknown = ORDER + "--\nMiller\nSchmidt Feinmechanik GmbH\n"
    order = _extract(unknown, "Jo Miller <jo.miller1970@gmail.example>")
    assert (order.customer_name, order.customer_id) == ("Schmidt Feinmechanik GmbH", None)
    assert order.evidence["customer_name"].confidence < 0.9  # nothing confirms it


def test_no_company_in_the_signature_or_only_our_own_leaves_the_customer_unnamed() -> None:
    for signature in ("--\nMiller\nEinkauf\n+49 711 1234\n", "--\nAcme Supply GmbH\n"):
        order = _extract(ORDER + signature, "Jo Miller <jo.miller1970@gmail.example>")
        assert (order.customer_name, order.customer_id) == (None, None), signature


def test_signature_lines_stop_at_a_quoted_message() -> None:
    text = (
        "Order below.\n-- \nMiller\nBergmann Maschinenbau GmbH\n\n"
        "On Mon, 2 Mar 2026 at 10:00, Acme Supply GmbH <sales@acme.example> wrote:\n"
        "> Northwind Traders Ltd.\n"
    )
    assert signature_lines(text) == ["Miller", "Bergmann Maschinenbau GmbH"]
    assert signature_lines("no signature here\nNorthwind Traders Ltd.") == []
    quoted_only = (
        "Please book the order below.\n\nFrom: Acme Sales <sales@acme.example>\n"
        "Sent: Monday, 2 March 2026 10:00\n\nOffer ...\n-- \nNorthwind Traders Ltd.\n"
    )
    assert signature_lines(quoted_only) == []  # a signature in the quoted message
