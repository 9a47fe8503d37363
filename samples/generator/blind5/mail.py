"""The fifth blind set's e-mail orders: bodies typed the ways people really type them.

An order written as one sentence ('please send 250x ... at $0.42 = $105.00, 10x ...'), a
reply from a phone with a short pipe-separated table above 'Sent from my iPhone' and the
supplier's quoted note, and a Dutch plain-text order whose company is only in the signature
block. Each writer prints every value the truth holds; `with_date=False` leaves the order
date to the e-mail's Date header.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from samples.generator.blind2.layouts import WEEKDAYS_EN
from samples.generator.blind4.mail import MailLayout, mail_bytes
from samples.generator.content import Features, Order
from samples.generator.email_build import OUR_ADDRESS
from samples.generator.formatting import DE, EN, MONTHS_EN, number
from samples.generator.formatting import quantity as quantity_text

_SYMBOLS = {"GBP": "£", "USD": "$", "EUR": "€"}
MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december")  # fmt: skip
WEEKDAYS_NL = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def _ordered(order: Order) -> date:
    """The order date of a body order (always drawn; `with_date` only hides it)."""
    assert order.order_date is not None
    return order.order_date


def _spoken_date(d: date, country: str) -> str:
    """'March 5, 2026' for an American, '5 March 2026' for a Briton."""
    month = MONTHS_EN[d.month - 1]
    return f"{month} {d.day}, {d.year}" if country == "US" else f"{d.day} {month} {d.year}"


def body_sentence(order: Order, *, with_date: bool) -> str:
    """The whole order in one sentence: 'please send 250x AX-1000 (description) at $0.42 =
    $105.00, 10x ... and 4x ... - $354.90 in total', the PO number (and date) after it, the
    need-by date with its weekday and the address on one line."""
    sym = _SYMBOLS[order.currency]
    items = [f"{quantity_text(ln.quantity, EN)}x {ln.sku} ({ln.description}) at "
             f"{sym}{number(ln.unit_price, EN)} = {sym}{number(ln.amount, EN)}"
             for ln in order.lines]  # fmt: skip
    listed = ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else items[0]
    country = order.buyer.country
    dated = f", dated {_spoken_date(_ordered(order), country)}" if with_date else ""
    rows = ["Hi Mike,", "", "Hope your week's going well. Can you please send "
            f"{listed} - {sym}{number(order.total, EN)} in total. Our PO number for this "
            f"is {order.po_number}{dated}.", ""]  # fmt: skip
    dd = order.delivery_date
    where = f" at: {order.ship_to_joiner.join(order.ship_to)}" if order.ship_to else ""
    if dd is not None:
        rows += [f"We'd need everything by {WEEKDAYS_EN[dd.weekday()]}, "
                 f"{_spoken_date(dd, country)}{where}.", ""]  # fmt: skip
    rows += ["Thanks!", order.contact_name, order.customer_name]
    return "\n".join(rows) + "\n"


def body_iphone(order: Order, *, with_date: bool) -> str:
    """A reply typed on a phone: 'Go ahead with the below pls', a short table separated by pipes
    (SKU, Item, Qty, UOM, Price, Ext), 'Total $1,234.56', ship-to on one line with the
    need-by date as 3/19/26, name and company on one line, 'Sent from my iPhone' and the
    supplier's quoted note (dated the day before) under it."""
    rows = [f"Go ahead with the below pls. PO# {order.po_number}"
            + (f" dated {_ordered(order):%m/%d/%y}" if with_date else ""), "",
            "SKU | Item | Qty | UOM | Price | Ext"]  # fmt: skip
    for ln in order.lines:
        rows.append(" | ".join((ln.sku or "", ln.description, quantity_text(ln.quantity, EN),
                                ln.unit or "", number(ln.unit_price, EN),
                                number(ln.amount, EN))))  # fmt: skip
    rows += ["", f"Total ${number(order.total, EN)}", ""]
    if order.ship_to is not None:
        rows.append("Ship to " + order.ship_to_joiner.join(order.ship_to))
    dd = order.delivery_date
    if dd is not None:
        rows.append(f"Need by {WEEKDAYS_EN[dd.weekday()][:3]} {dd.month}/{dd.day}/{dd.year % 100}")
    quoted = _ordered(order) - timedelta(days=1)
    rows += ["", f"{order.contact_name} | {order.customer_name}", "", "Sent from my iPhone", "",
             f"> On {MONTHS_EN[quoted.month - 1][:3]} {quoted.day}, {quoted.year}, at 3:12 PM, "
             f"Acme Supply Sales <{OUR_ADDRESS}> wrote:", ">",
             f"> Hi {order.contact_name.split()[0]}, attached is quote Q-26-0877 for the items "
             "you asked about.", "> Pricing valid 30 days, lead time 1-2 weeks ARO.", ">",
             "> Thanks,", "> Karen Lutz", "> Inside Sales | Acme Supply Co."]  # fmt: skip
    return "\n".join(rows) + "\n"


def _dutch_date(d: date, *, weekday: bool = False) -> str:
    day = f"{WEEKDAYS_NL[d.weekday()]} " if weekday else ""
    return f"{day}{d.day} {MONTHS_NL[d.month - 1]} {d.year}"


def body_dutch(order: Order, *, with_date: bool) -> str:
    """A Dutch plain-text order: 'Hierbij bestellen wij onder ordernummer ... van 5 maart
    2026', lines as '20 stuks  5520-100  Kugellager 6205-2RS  à € 6,90  = € 138,00', 'Totaal
    excl. btw', the delivery address and payment terms in sentences; the company only in the
    signature block with KvK and BTW numbers."""
    money = lambda value: f"€ {number(value, DE)}"  # noqa: E731
    dated = f" van {_dutch_date(_ordered(order))}" if with_date else ""
    rows = ["Beste heer Vogel,", "", f"Hierbij bestellen wij onder ordernummer "
            f"{order.po_number}{dated} het volgende:", ""]  # fmt: skip
    w = max(len(ln.description) for ln in order.lines) + 2
    for ln in order.lines:
        qty = f"{quantity_text(ln.quantity, DE)} {ln.unit or ''}".strip()
        price = f"à {money(ln.unit_price)}"
        rows.append(f"  {qty:<12}{ln.sku or '':<13}{ln.description:<{w}}{price:<14}"
                    f"= {money(ln.amount)}")  # fmt: skip
    rows += ["", f"Totaal excl. btw: {money(order.total)}", ""]
    if order.delivery_date is not None:
        rows.append(f"Graag levering uiterlijk {_dutch_date(order.delivery_date, weekday=True)}"
                    + (" op het volgende adres:" if order.ship_to else "."))  # fmt: skip
    if order.ship_to is not None:
        rows += order.ship_to
    if order.payment_terms is not None:
        rows += ["", f"Betaling: {order.payment_terms}, zoals afgesproken."]
    domain = order.buyer.email_domains[0]
    rows += ["", "Bij vragen hoor ik het graag.", "", "Met vriendelijke groet,", "",
             order.contact_name, "Inkoper", "", order.customer_name,
             " | ".join(order.buyer.address[:2]), f"T +31 (0)10 {413 + len(domain)} 27 90 | "
             f"www.{domain}", "KvK 24318807 | BTW NL8123.45.678.B01"]  # fmt: skip
    return "\n".join(rows) + "\n"


MAILS: dict[str, MailLayout] = {
    "ne_mail_sentence": MailLayout(
        Features(unit_column=False, subtotal=False, tax=False, shipping=False,
                 payment_terms=False, ship_to_joiner=", "),
        body_sentence, lambda o: "Order"),
    "ne_mail_iphone": MailLayout(
        Features(subtotal=False, tax=False, shipping=False, payment_terms=False,
                 ship_to_joiner=", ", unit_map=(("EA", "ea"), ("BOX", "bx"), ("SET", "set"),
                                                ("ROL", "roll"), ("M", "m"))),
        body_iphone, lambda o: "Re: Quote Q-26-0877"),
    "ne_mail_nl": MailLayout(
        Features(subtotal=False, tax=False, shipping=False,
                 unit_map=(("EA", "stuks"), ("PAK", "pak"), ("M", "m"), ("ROL", "rol"))),
        body_dutch, lambda o: f"Bestelling {o.po_number}"),
}  # fmt: skip


def body_email(
    order: Order, layout_id: str, *, with_date: bool, tag: str, rng: random.Random
) -> bytes:
    """An .eml whose plain-text body is the order in one of this set's mail styles."""
    return mail_bytes(MAILS[layout_id], order, with_date=with_date, tag=tag, rng=rng)
