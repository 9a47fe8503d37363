"""The sixth blind set's e-mail orders: bodies typed (or pasted) the ways people really do it.

An Outlook message sent as HTML only (no plain-text part) whose order is a table pasted from
a spreadsheet, a German informal note ('3 Stk. ... je 12,50 €'), a reply that reorders 'the
same as last time' plus one more item with the earlier order quoted under it, and a plain
order followed by a long signature and a legal disclaimer. Each writer prints every value
the truth holds; `with_date=False` leaves the order date to the e-mail's Date header.
"""

from __future__ import annotations

import html
import random
from datetime import date, timedelta
from decimal import Decimal

from samples.generator.blind2.layouts import WEEKDAYS_EN
from samples.generator.blind4.mail import MailLayout, mail_bytes
from samples.generator.content import Features, Order
from samples.generator.email_build import OUR_ADDRESS
from samples.generator.formatting import DE, EN, MONTHS_EN, number
from samples.generator.formatting import quantity as quantity_text

_SYMBOLS = {"GBP": "£", "USD": "$", "EUR": "€"}
_HEADS = ("Item #", "Description", "Qty", "UOM", "Unit Price", "Ext. Price")
_WEEKDAYS_DE = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


def _ordered(order: Order) -> date:
    """The order date of a body order (always drawn; `with_date` only hides it)."""
    assert order.order_date is not None
    return order.order_date


def _us(d: date) -> str:
    return f"{d.month}/{d.day}/{d.year}"


def _gb(d: date) -> str:
    return f"{WEEKDAYS_EN[d.weekday()][:3]} {d.day} {MONTHS_EN[d.month - 1][:3]} {d.year}"


def body_outlook(order: Order, *, with_date: bool) -> str:
    """An Outlook HTML message with no plain-text part: a short note, then the order pasted
    from a spreadsheet as an HTML table (Item #, Description, Qty, UOM, Unit Price, Ext.
    Price, totals row 'Total'), the PO number and date, need date and ship-to above it in
    bold labels, and an Outlook signature in a grey font."""
    esc = html.escape
    sym = _SYMBOLS[order.currency]
    p = '<p class=MsoNormal style="margin:0">{}</p>'.format
    rows = [p("Hi Karen,"), p("&nbsp;"),
            p("Please process the below order and send an acknowledgement with ship date."),
            p("&nbsp;"), p(f"<b>PO #:</b> {esc(order.po_number or '')}")]  # fmt: skip
    if with_date:
        rows.append(p(f"<b>PO Date:</b> {_us(_ordered(order))}"))
    if order.delivery_date is not None:
        rows.append(p(f"<b>Need Date:</b> {_us(order.delivery_date)}"))
    if order.ship_to is not None:
        rows.append(p(f"<b>Ship To:</b> {esc(order.ship_to_joiner.join(order.ship_to))}"))
    if order.payment_terms is not None:
        rows.append(p(f"<b>Terms:</b> {esc(order.payment_terms)}"))
    td = (
        '<td style="border:solid #BFBFBF 1.0pt;padding:1.5pt 5.4pt{}">'
        "<p class=MsoNormal>{}</p></td>"
    )
    cell = lambda text, right=False: td.format(";text-align:right" if right else "", text)  # noqa: E731
    table = ['<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0 '
             'style="border-collapse:collapse">',
             '<tr style="background:#DDEBF7">' + "".join(cell(f"<b>{h}</b>") for h in _HEADS)
             + "</tr>"]  # fmt: skip
    for ln in order.lines:
        table.append("<tr>" + cell(esc(ln.sku or "")) + cell(esc(ln.description))
                     + cell(quantity_text(ln.quantity, EN), True) + cell(esc(ln.unit or ""))
                     + cell(f"{sym}{number(ln.unit_price, EN)}", True)
                     + cell(f"{sym}{number(ln.amount, EN)}", True) + "</tr>")  # fmt: skip
    table.append("<tr>" + cell("") * 4 + cell("<b>Total</b>", True)
                 + cell(f"<b>{sym}{number(order.total, EN)}</b>", True) + "</tr>")  # fmt: skip
    table.append("</table>")
    domain = order.buyer.email_domains[0]
    grey = (
        '<p class=MsoNormal style="margin:0"><span style="font-size:9.0pt;color:#7F7F7F">'
        "{}</span></p>"
    )
    signature = [p("&nbsp;"), p("Thank you,"), p("&nbsp;"), p(f"<b>{esc(order.contact_name)}</b>"),
                 grey.format("Buyer / Planner"), grey.format(esc(order.customer_name)),
                 grey.format(esc(" | ".join(order.buyer.address))),
                 grey.format(f"www.{domain}")]  # fmt: skip
    body = [*rows, p("&nbsp;"), *table, *signature]
    return ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>"
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            "<style>p.MsoNormal{margin:0in;font-size:11.0pt;font-family:\"Calibri\","
            "sans-serif;}</style></head><body lang=EN-US link=\"#0563C1\">"
            "<div class=WordSection1>\n" + "\n".join(body)
            + "\n</div></body></html>\n")  # fmt: skip


def body_stk(order: Order, *, with_date: bool) -> str:
    """A German informal note: '3 Stk. 5520-100 Kugellager 6205-2RS je 6,90 € = 20,70 €',
    'Macht zusammen 1.234,56 € netto', the delivery wish with its weekday ('bis Donnerstag,
    19.03.2026'), the address on one line, payment 'wie immer', and 'VG' with the first name."""
    eur = lambda value: f"{number(value, DE)} €"  # noqa: E731
    dated = f" vom {_ordered(order):%d.%m.%Y}" if with_date else ""
    rows = ["Hallo Herr Brandt,", "", "wir bräuchten bitte kurzfristig folgendes "
            f"(Bestellnr. {order.po_number}{dated}):", ""]  # fmt: skip
    for ln in order.lines:
        rows.append(f"- {quantity_text(ln.quantity, DE)} {ln.unit or ''} {ln.sku} {ln.description} "
                    f"je {eur(ln.unit_price)} = {eur(ln.amount)}")  # fmt: skip
    rows += ["", f"Macht zusammen {eur(order.total)} netto."]
    dd = order.delivery_date
    if dd is not None:
        rows.append(f"Lieferung bitte bis {_WEEKDAYS_DE[dd.weekday()]}, {dd:%d.%m.%Y}"
                    + (f" an {order.ship_to_joiner.join(order.ship_to)}." if order.ship_to
                       else "."))  # fmt: skip
    if order.payment_terms is not None:
        rows.append(f"Zahlung wie immer {order.payment_terms}.")
    rows += ["", "Danke und VG", order.contact_name.split()[-1], "", "--", order.customer_name,
             "Einkauf", " · ".join(order.buyer.address[:2])]  # fmt: skip
    return "\n".join(rows) + "\n"


def _earlier(order: Order) -> tuple[str, date]:
    """The PO number and date of the order this one repeats: drawn from this one, steadily."""
    rng = random.Random(f"again/{order.po_number}")
    shape = order.po_number or "000000"
    earlier = "".join(str(rng.randint(0, 9)) if c.isdigit() else c for c in shape)
    return earlier, _ordered(order) - timedelta(days=rng.choice((21, 28, 35, 42)))


def body_again(order: Order, *, with_date: bool) -> str:
    """A reply to the buyer's own earlier order: 'same again as our PO ... below please, plus
    2 x ... @ £54.00', the new PO number and new total in the first lines, the need-by date,
    'same delivery address'; the earlier order quoted under it with its items numbered and
    priced and the delivery address (which only the quote spells out)."""
    sym = _SYMBOLS[order.currency]
    money = lambda value: f"{sym}{number(value, EN)}"  # noqa: E731
    *repeat, extra = order.lines
    earlier_po, earlier_date = _earlier(order)
    rows = ["Hi Dave,", "", f"Could we have the same again as our PO {earlier_po} below please, "
            f"plus {quantity_text(extra.quantity, EN)} x {extra.sku} {extra.description} @ "
            f"{money(extra.unit_price)} (= {money(extra.amount)}).", "",
            f"New PO number is {order.po_number}"
            + (f", dated {_gb(_ordered(order))}" if with_date else "")
            + f". Total for this one {money(order.total)} + VAT."]  # fmt: skip
    if order.delivery_date is not None:
        rows.append(f"Same delivery address as before, needed by {_gb(order.delivery_date)} "
                    "latest.")  # fmt: skip
    rows += ["", "Thanks,", order.contact_name, order.customer_name, ""]
    stamp = (f"{WEEKDAYS_EN[earlier_date.weekday()]}, {earlier_date.day} "
             f"{MONTHS_EN[earlier_date.month - 1]} {earlier_date.year} 10:14")  # fmt: skip
    domain = order.buyer.email_domains[0]
    quoted = [f"From: {order.contact_name} <{order.buyer.contact}@{domain}>",
              f"Sent: {stamp}", f"To: Acme Supply Orders <{OUR_ADDRESS}>",
              f"Subject: Order {earlier_po}", "", "Hi Dave,", "",
              f"Please supply the following on PO {earlier_po}:", ""]  # fmt: skip
    for n, ln in enumerate(repeat, start=1):
        quoted.append(f"{n}) {quantity_text(ln.quantity, EN)} x {ln.sku} {ln.description} @ "
                      f"{money(ln.unit_price)} = {money(ln.amount)}")  # fmt: skip
    subtotal = sum((ln.amount for ln in repeat), Decimal(0))
    quoted += ["", f"Total {money(subtotal)} + VAT", ""]
    if order.ship_to is not None:
        quoted += ["Deliver to:", *order.ship_to, ""]
    quoted += ["Thanks,", order.contact_name]
    rows += ["-----Original Message-----", *quoted]
    return "\n".join(rows) + "\n"


def body_disclaimer(order: Order, *, with_date: bool) -> str:
    """A plain order ('Label: value' lines, items as 'qty EA  code  description  $price
    $amount', Subtotal/Freight/Total) followed by a long signature (title, direct, mobile and
    main numbers, the head-office address, a LinkedIn link, an ISO badge line, 'Please
    consider the environment') and a confidentiality notice full of numbers of its own."""
    money = lambda value: f"${number(value, EN)}"  # noqa: E731
    rows = ["Good afternoon,", "", "Please enter the following order:", "",
            f"PO Number: {order.po_number}"]  # fmt: skip
    if with_date:
        rows.append(f"PO Date: {_us(_ordered(order))}")
    if order.delivery_date is not None:
        rows.append(f"Requested Ship Date: {_us(order.delivery_date)}")
    if order.payment_terms is not None:
        rows.append(f"Terms: {order.payment_terms}")
    rows.append("")
    w = max(len(ln.description) for ln in order.lines) + 2
    for ln in order.lines:
        qty = f"{quantity_text(ln.quantity, EN)} {ln.unit or ''}".strip()
        rows.append(f"{qty:<10}{ln.sku or '':<12}{ln.description:<{w}}"
                    f"{money(ln.unit_price):>10}{money(ln.amount):>12}")  # fmt: skip
    rows.append("")
    if order.subtotal is not None:
        rows.append(f"Subtotal: {money(order.subtotal)}")
    if order.shipping is not None:
        rows.append(f"Freight: {money(order.shipping)}")
    rows.append(f"Total: {money(order.total)}")
    if order.ship_to is not None:
        rows += ["", "Ship to:", *order.ship_to]
    domain = order.buyer.email_domains[0]
    address = order.buyer.address
    rows += ["", "Thank you,", "", order.contact_name, "Senior Purchasing Agent | Supply Chain",
             order.customer_name, f"Direct: (845) 331-{4000 + len(domain) * 7} | Mobile: (845) "
             f"706-{2200 + len(domain) * 13} | Main: (845) 331-1000", *address[:2],
             f"www.{domain} | linkedin.com/company/{domain.split('.')[0]}",
             "ISO 9001:2015 & AS9100D Certified | ITAR Registered | Est. 1987", "",
             "P Please consider the environment before printing this e-mail.", "",
             "CONFIDENTIALITY NOTICE: This e-mail message, including any attachments, is for "
             "the sole use of the intended recipient(s) and may contain confidential and "
             "privileged information. Any unauthorized review, use, disclosure or distribution "
             "is prohibited. If you are not the intended recipient, please contact the sender "
             "by reply e-mail and destroy all copies of the original message. Pricing, "
             "quantities and delivery dates in this message are subject to the terms of "
             f"Purchase Agreement 2019-{len(domain) * 37} and the buyer's Standard Terms rev. "
             "12 (01/15/2024). Export-controlled items (ECCN 5A992, EAR99) may not be "
             "re-exported without authorization. Nothing in this e-mail creates a binding "
             "obligation of more than $10,000.00 unless signed by an officer of the "
             "company."]  # fmt: skip
    return "\n".join(rows) + "\n"


MAILS: dict[str, MailLayout] = {
    "nf_mail_outlook": MailLayout(
        Features(subtotal=False, tax=False, shipping=False, ship_to_joiner=", ",
                 unit_map=(("BOX", "BX"), ("PAK", "PK"), ("ROL", "RL"), ("SET", "ST"))),
        body_outlook, lambda o: f"PO {o.po_number} - please confirm", subtype="html"),
    "nf_mail_stk": MailLayout(
        Features(subtotal=False, tax=False, shipping=False, ship_to_joiner=", ",
                 unit_map=(("EA", "Stk."), ("PAK", "Pck."), ("M", "m"), ("ROL", "Rollen"))),
        body_stk, lambda o: "Bestellung"),
    "nf_mail_again": MailLayout(
        Features(unit_column=False, subtotal=False, tax=False, shipping=False,
                 payment_terms=False),
        body_again, lambda o: f"RE: Order {_earlier(o)[0]}"),
    "nf_mail_disclaimer": MailLayout(
        Features(tax=False, unit_map=(("BOX", "BX"), ("ROL", "RL"))),
        body_disclaimer, lambda o: f"New PO {o.po_number}"),
}  # fmt: skip


def body_email(
    order: Order, layout_id: str, *, with_date: bool, tag: str, rng: random.Random
) -> bytes:
    """An .eml whose body (plain text, or HTML only) is the order in one of this set's styles,
    sent on the order date."""
    return mail_bytes(MAILS[layout_id], order, with_date=with_date, tag=tag, rng=rng)
