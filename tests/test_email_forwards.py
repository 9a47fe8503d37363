"""Orders forwarded to the order desk: the customer is the forwarded message's sender, and
the order was placed the day that message was sent, not the day it was forwarded.
Real parts: `extract_email` with the real `extract_document` and a small master.
"""

from __future__ import annotations

from datetime import date
from email.message import EmailMessage

from extractors.email import extract_email, parse_message, sender_context
from extractors.email_text import forwarded_header
from extractors.pipeline import extract_document
from poflow.domain import Customer, ExtractedOrder, ExtractionContext, MasterData

MASTER = MasterData(
    customers=(
        Customer("C1", "Northwind Traders Ltd.", ("Northwind",), ("northwind.example",), "GB"),
        Customer("C2", "Bergmann Maschinenbau GmbH", (), ("bergmann.example",), "DE"),
    )
)
CONTEXT = ExtractionContext(master=MASTER, supplier_names=("Acme Supply",))
ITEMS = "PO number: 7781\n\n20 x AX-1000 Hex bolt M8x40 at 0.42\n5 x B-22 Washer at 0.05\n"


def _message(body: str, *, sender: str, subject: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "orders@acme-supply.example"
    message["Subject"] = subject
    message["Date"] = "Mon, 09 Mar 2026 09:15:00 +0000"
    message.set_content(body)
    return message


def _sent_by(
    body: str, sender: str, subject: str, sent: str = "Mon, 09 Mar 2026 09:15:00 +0000"
) -> tuple[str | None, date | None]:
    """(sender e-mail, message date) the extraction context gets from the message."""
    message = _message(body, sender=sender, subject=subject)
    message.replace_header("Date", sent)
    context = sender_context(parse_message(message.as_bytes()), CONTEXT)
    return context.sender_email, context.message_date


def _extract(message: EmailMessage) -> ExtractedOrder:
    return extract_email(message.as_bytes(), "po.eml", CONTEXT, extract_document)


GMAIL_FORWARD = (
    "Hi orders, this came in to me, please book it.\n\nTom\n\n"
    "---------- Forwarded message ---------\n"
    "From: Jane Buyer <jane.buyer@northwind.example>\n"
    "Date: Tue, Mar 3, 2026 at 4:12 PM\n"
    "Subject: Order\n"
    "To: Tom Sales <tom@acme-supply.example>\n\n"
    f"Dear Tom,\n\nplease supply:\n\n{ITEMS}\nJane\n"
)


def test_a_gmail_forward_by_a_colleague_is_the_original_sender_s_order() -> None:
    message = _message(GMAIL_FORWARD, sender="Tom <tom@acme-supply.example>", subject="Fwd: Order")
    order = _extract(message)
    assert order.customer_id == "C1"
    assert order.order_date == date(2026, 3, 3)


OUTLOOK_GERMAN_FORWARD = (
    "Bitte erfassen.\n\nGruß\nTom\n\n"
    "Von: Bergmann Einkauf <einkauf@bergmann.example>\n"
    "Gesendet: Mittwoch, 4. März 2026 10:02\n"
    "An: Tom Sales <tom@acme-supply.example>\n"
    "Betreff: Bestellung\n\n"
    f"Guten Tag,\n\nwir bestellen:\n\n{ITEMS}\nMit freundlichen Grüßen\n"
)


def test_a_german_outlook_forward_is_the_original_sender_s_order() -> None:
    message = _message(
        OUTLOOK_GERMAN_FORWARD, sender="tom@acme-supply.example", subject="WG: Bestellung"
    )
    order = _extract(message)
    assert order.customer_id == "C2"
    assert order.order_date == date(2026, 3, 4)


def test_an_order_forwarded_as_an_attached_message_is_its_sender_s() -> None:
    original = _message(
        f"Dear Tom,\n\nplease supply:\n\n{ITEMS}",
        sender="Jane Buyer <jane.buyer@northwind.example>",
        subject="Order",
    )
    original.replace_header("Date", "Fri, 06 Mar 2026 17:40:00 +0000")
    forward = _message("FYI, see the attached order.", sender="tom@acme-supply.example", subject="")
    forward.replace_header("Subject", "Fwd: Order")
    forward.add_attachment(original)
    order = _extract(forward)
    assert order.customer_id == "C1"
    assert order.order_date == date(2026, 3, 6)


def test_a_customer_forwarding_its_own_colleague_s_request_stays_the_sender() -> None:
    # The buyer forwards a colleague's list to order it: the buyer's mail is the order.
    body = GMAIL_FORWARD.replace("northwind.example", "bergmann.example")
    assert _sent_by(body, "buyer@northwind.example", "Fwd: Order") == (
        "buyer@northwind.example",
        date(2026, 3, 9),
    )


def test_an_ordinary_reply_keeps_its_own_sender_and_date() -> None:
    body = (
        f"{ITEMS}\nOn Tue, Mar 3, 2026 at 4:12 PM Tom <tom@acme-supply.example> wrote:\n"
        "> Our offer: ...\n"
    )
    assert _sent_by(body, "someone@elsewhere.example", "Re: Offer") == (
        "someone@elsewhere.example",
        date(2026, 3, 9),
    )


def test_forwarded_header_blocks_of_other_clients_and_languages() -> None:
    apple = "FYI\n\nBegin forwarded message:\n\nFrom: a@b.example\nSubject: x\nDate: 2 March 2026"
    french = "Voir ci-dessous\n\nDe : a@b.example\nEnvoyé : lundi 2 mars 2026 09:00\nÀ : c\n\nx"
    spanish = "Ver abajo\n\nDe: a@b.example\nEnviado: lunes, 2 de marzo de 2026 9:00\nPara: c\n\nx"
    assert forwarded_header(apple) == ("a@b.example", "2 March 2026")
    assert forwarded_header(french, forwarded=True) == ("a@b.example", "lundi 2 mars 2026 09:00")
    assert forwarded_header(spanish, forwarded=True) == (
        "a@b.example",
        "lunes, 2 de marzo de 2026 9:00",
    )
    assert forwarded_header("Please send 4 x B-22\n\nThanks") == (None, None)


def test_a_numeric_forwarded_date_is_read_as_not_after_the_forward() -> None:
    # "03/02/2026" is 3 February or 2 March; forwarded on 2 March 2026, both are possible
    # and the nearer one is taken; forwarded on 10 February, only 3 February is.
    body = "see below\n\nFrom: a@elsewhere.example\nSent: 03/02/2026 10:00\nTo: c\n\nx"
    sender = "tom@acme-supply.example"
    assert _sent_by(body, sender, "FW: x", "02 Mar 2026 12:00:00 +0000")[1] == date(2026, 3, 2)
    assert _sent_by(body, sender, "FW: x", "10 Feb 2026 12:00:00 +0000")[1] == date(2026, 2, 3)


def test_an_outlook_mailto_sender_and_a_date_after_the_forward() -> None:
    # A forwarded message cannot be sent after the forward: its date is a misreading.
    body = "FYI\n\nFrom: Jane [mailto:Jane@Northwind.example]\nSent: 12 March 2026\nTo: c\n\nx"
    assert _sent_by(body, "tom@acme-supply.example", "FW: x") == (
        "jane@northwind.example",
        date(2026, 3, 9),
    )


def test_a_forward_within_one_unknown_company_keeps_the_forwarder_s_date() -> None:
    # A buyer of a company not yet in the master passes on a colleague's list to order it.
    body = GMAIL_FORWARD.replace("northwind.example", "newco.example")
    assert _sent_by(body, "buyer@newco.example", "Fwd: Order") == (
        "buyer@newco.example",
        date(2026, 3, 9),
    )
