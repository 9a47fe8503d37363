"""E-mails (.eml, stdlib `email`): the order typed in the body, or the order attached.

Body orders are printed in the buyer's own number and date style; the `nodate` variant
leaves the order date out, so the truth's order date is the e-mail's Date header date.
Attachment e-mails carry the PDF (or a scan of it), sometimes next to unrelated files.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.policy import default
from email.utils import format_datetime
from io import BytesIO

import numpy as np
from PIL import Image, ImageDraw

from samples.generator.content import Features, Line, Order
from samples.generator.formatting import CH, DE, EN, FR_PLAIN, NumberStyle
from samples.generator.layouts.common import Fmt
from samples.generator.render import PAGE_A4, Doc

BODY_LAYOUTS: dict[str, Features] = {
    "mail_plain": Features(unit_column=False, tax=False, shipping=False, payment_terms=False),
    "mail_table": Features(tax=False, shipping=False, subtotal=False, ship_to_joiner=", "),
    # held out: only in samples/holdout/
    "ho_mail_de": Features(
        tax=False,
        shipping=False,
        subtotal=False,
        ship_to_joiner=", ",
        unit_map=(("EA", "Stk"), ("M", "m"), ("PAK", "Pak"), ("ROL", "Rolle")),
    ),
}
OUR_ADDRESS = "orders@acme-supply.com"
_STYLES: dict[str, tuple[NumberStyle, str]] = {
    "US": (EN, "us"), "GB": (EN, "long_en"), "DE": (DE, "dot"), "FR": (FR_PLAIN, "slash_dmy"),
    "CH": (CH, "dot"), "CA": (EN, "iso"), "CN": (EN, "iso"), "NL": (DE, "iso"),
}  # fmt: skip


def no_pdf(order: Order) -> bytes:
    raise AssertionError("e-mail body layouts are not drawn as PDF")


def _fmt(order: Order) -> Fmt:
    numbers, date_style = _STYLES[order.buyer.country]
    return Fmt(numbers, order.buyer.date_style or date_style)


def _signature(order: Order) -> list[str]:
    return ["", "Kind regards,", order.contact_name, "Purchasing", order.customer_name,
            *order.buyer.address]  # fmt: skip


def _plain_line(line: Line, fmt: Fmt, currency: str) -> str:
    return (f"{fmt.qty(line.quantity)} x {line.sku}  {line.description}  "
            f"@ {fmt.money(line.unit_price)} {currency} = {fmt.money(line.amount)}")  # fmt: skip


def body_plain(order: Order, *, with_date: bool) -> str:
    """A short free-text order: one line per item, 'qty x sku description @ price = amount'."""
    fmt = _fmt(order)
    rows = ["Hello,", "", "please supply the following items.", ""]
    if order.po_number is not None:
        rows.append(f"Our PO number: {order.po_number}")
    if with_date:
        rows.append(f"Order date: {fmt.date(order.order_date)}")
    if order.delivery_date is not None:
        rows.append(f"Requested delivery: {fmt.date(order.delivery_date)}")
    rows.append("")
    rows += [_plain_line(ln, fmt, order.currency) for ln in order.lines]
    rows.append("")
    if order.subtotal is not None:
        rows.append(f"Subtotal: {fmt.money(order.subtotal)} {order.currency}")
    rows.append(f"Total: {fmt.money(order.total)} {order.currency}")
    if order.ship_to is not None:
        rows += ["", "Please deliver to:", *order.ship_to]
    return "\n".join([*rows, *_signature(order)]) + "\n"


def body_table(order: Order, *, with_date: bool) -> str:
    """A fixed-width table typed into the mail, with header fields as 'Label: value'."""
    fmt = _fmt(order)
    rows = ["Good morning,", "", "we would like to order:", ""]
    header = [("Order No.:", order.po_number)]
    if with_date:
        header.append(("Date:", fmt.date(order.order_date)))
    if order.delivery_date is not None:
        header.append(("Delivery:", fmt.date(order.delivery_date)))
    header.append(("Payment terms:", order.payment_terms))
    rows += [f"{label:<16}{value}" for label, value in header if value is not None]
    w = max(len(ln.description) for ln in order.lines) + 2
    rows += ["", f"{'Pos':<5}{'Item':<14}{'Description':<{w}}{'Qty':>8} {'Unit':<5}"
                 f"{'Price':>10}{'Amount':>12}"]  # fmt: skip
    for ln in order.lines:
        rows.append(f"{ln.line_no:<5}{ln.sku or '':<14}{ln.description:<{w}}"
                    f"{fmt.qty(ln.quantity):>8} {ln.unit or '':<5}"
                    f"{fmt.money(ln.unit_price):>10}{fmt.money(ln.amount):>12}")  # fmt: skip
    rows += ["", f"{'Total ' + order.currency + ':':>{w + 43}}{fmt.money(order.total):>12}"]
    if order.ship_to is not None:
        rows += ["", "Ship to: " + order.ship_to_joiner.join(order.ship_to)]
    return "\n".join([*rows, *_signature(order)]) + "\n"


def body_german(order: Order, *, with_date: bool) -> str:
    """A German letter-style mail: 'Pos. 1: 250 Stk Art.-Nr. ... à 0,38 EUR = 95,00 EUR'."""
    fmt = _fmt(order)
    rows = ["Guten Tag,", "", "hiermit bestellen wir zu den vereinbarten Konditionen:", ""]
    if order.po_number is not None:
        rows.append(f"Bestell-Nr.: {order.po_number}")
    if with_date:
        rows.append(f"Datum: {fmt.date(order.order_date)}")
    if order.delivery_date is not None:
        rows.append(f"Gewünschter Liefertermin: {fmt.date(order.delivery_date)}")
    rows.append("")
    for ln in order.lines:
        rows.append(f"Pos. {ln.line_no}: {fmt.qty(ln.quantity)} {ln.unit} Art.-Nr. {ln.sku} "
                    f"{ln.description} à {fmt.money(ln.unit_price)} {order.currency} "
                    f"= {fmt.money(ln.amount)} {order.currency}")  # fmt: skip
    rows += ["", f"Gesamtbetrag: {fmt.money(order.total)} {order.currency}"]
    if order.ship_to is not None:
        rows += ["", "Lieferanschrift: " + order.ship_to_joiner.join(order.ship_to)]
    if order.payment_terms is not None:
        rows.append(f"Zahlung: {order.payment_terms}")
    closing = ["", "Mit freundlichen Grüßen", order.contact_name, "Einkauf", order.customer_name]
    return "\n".join([*rows, *closing]) + "\n"


BODY_WRITERS: dict[str, Callable[..., str]] = {
    "mail_plain": body_plain,
    "mail_table": body_table,
    "ho_mail_de": body_german,
}


def sent_at(order: Order, rng: random.Random, days_later: int = 0) -> datetime:
    assert order.order_date is not None
    day = order.order_date + timedelta(days=days_later)
    tz = timezone(timedelta(hours=rng.choice((-5, 0, 1, 8))))
    return datetime(day.year, day.month, day.day, rng.randint(8, 16), rng.randint(0, 59), tzinfo=tz)


def envelope(order: Order, subject: str, sent: datetime, tag: str) -> EmailMessage:
    domain = order.buyer.email_domains[0]
    msg = EmailMessage()
    msg["From"] = f"{order.contact_name} <{order.buyer.contact}@{domain}>"
    msg["To"] = f"Acme Supply Orders <{OUR_ADDRESS}>"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(sent)
    msg["Message-ID"] = f"<{tag}@{domain}>"
    return msg


def body_email(
    order: Order, layout_id: str, *, with_date: bool, tag: str, rng: random.Random
) -> bytes:
    """An .eml whose plain-text body is the order (no attachment); sent on the order date."""
    subject = f"Purchase order {order.po_number}" if order.po_number else "New order"
    msg = envelope(order, subject, sent_at(order, rng), tag)
    msg.set_content(BODY_WRITERS[layout_id](order, with_date=with_date))
    return msg.as_bytes(policy=default)


@dataclass(frozen=True)
class Attachment:
    data: bytes
    maintype: str
    subtype: str
    filename: str


def attachment_email(
    order: Order, document: Attachment, *, extras: str, tag: str, rng: random.Random
) -> bytes:
    """An .eml with the order attached; `extras` adds terms.pdf or a logo image."""
    po = order.po_number or "order"
    msg = envelope(order, f"PO {po}", sent_at(order, rng, rng.choice((0, 1))), tag)
    msg.set_content(f"Dear Sir or Madam,\n\nplease find attached our purchase order {po}.\n"
                    "Kindly confirm receipt and the delivery date.\n"
                    + "\n".join(_signature(order)) + "\n")  # fmt: skip
    if extras == "logo":
        msg.add_attachment(_logo(order), maintype="image", subtype="png", filename="logo.png")
    msg.add_attachment(document.data, maintype=document.maintype, subtype=document.subtype,
                       filename=document.filename)  # fmt: skip
    if extras == "terms":
        msg.add_attachment(_terms_pdf(), maintype="application", subtype="pdf",
                           filename="terms.pdf")  # fmt: skip
    msg.set_boundary(f"==poflow-sample-{tag}==")
    return msg.as_bytes(policy=default)


def _logo(order: Order) -> bytes:
    """A small company logo: initials on a coloured square (an unrelated inline image)."""
    image = Image.new("RGB", (160, 160), (30, 80, 140))
    draw = ImageDraw.Draw(image)
    initials = "".join(word[0] for word in order.customer_name.split()[:2])
    draw.rectangle((20, 20, 140, 140), outline=(255, 255, 255), width=6)
    draw.text((52, 66), initials, fill=(255, 255, 255))
    buffer = BytesIO()
    Image.fromarray(np.asarray(image)).save(buffer, "PNG")
    return buffer.getvalue()


TERMS_TEXT = (
    "1. Scope. These terms apply to all purchase orders unless agreed otherwise in writing.",
    "2. Prices are fixed for the term of the order and include packaging.",
    "3. Delivery dates are binding. The supplier shall notify any delay without undue delay.",
    "4. Invoices must quote the order number and are payable as agreed in the order.",
    "5. Warranty: 24 months from delivery. Place of jurisdiction is the buyer's seat.",
)


def _terms_pdf() -> bytes:
    """General terms of purchase: a text PDF with numbers and dates that are not an order."""
    doc = Doc(PAGE_A4)
    doc.text(40, 40, "General Terms and Conditions of Purchase", 14, bold=True)
    doc.text(40, 62, "Version 3.2, valid from 01.01.2025", 9)
    y = 90.0
    for paragraph in TERMS_TEXT:
        for row in doc.wrap(paragraph, 500, 9.5):
            doc.text(40, y, row, 9.5)
            y += 13
        y += 6
    return doc.finish()
