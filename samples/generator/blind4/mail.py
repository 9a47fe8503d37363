"""The fourth blind set's e-mail orders: bodies typed the ways people really type them.

A short informal note with a bulleted list, an order forwarded from a colleague under
'Forwarded message', a French reply that orders by quoting the supplier's offer, and a
table pasted from a spreadsheet as tab-separated text. Each writer prints every value the
truth holds; `with_date=False` leaves the order date to the e-mail's Date header.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from email.policy import default

from samples.generator.blind2.layouts import WEEKDAYS_EN, weekday_long
from samples.generator.content import Features, Order
from samples.generator.email_build import OUR_ADDRESS, envelope, sent_at
from samples.generator.formatting import DE, EN, FR_PLAIN, MONTHS_EN, MONTHS_FR, number
from samples.generator.formatting import quantity as quantity_text

_SYMBOLS = {"GBP": "£", "USD": "$", "EUR": "€"}
_WEEKDAYS_FR = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")


def body_bullets(order: Order, *, with_date: bool) -> str:
    """A short informal note: a bulleted list '• 250 × code description – £0.42 ea = £105.00',
    'That's £1,234.56 all in', the need-by date in words and 'the usual address' spelled out."""
    sym = _SYMBOLS[order.currency]
    rows = ["Hi Sarah,", "", f"Could you send the following over please, our ref {order.po_number}"
            + (f" ({weekday_long(order.order_date)})" if with_date and order.order_date else "")
            + ":", ""]  # fmt: skip
    for ln in order.lines:
        rows.append(
            f"  • {quantity_text(ln.quantity, EN)} × {ln.sku} {ln.description} – "
            f"{sym}{number(ln.unit_price, EN)} ea = {sym}{number(ln.amount, EN)}"
        )
    rows += ["", f"That's {sym}{number(order.total, EN)} all in."]
    if order.delivery_date is not None:
        rows.append(f"Need it by {weekday_long(order.delivery_date)} if poss.")
    if order.ship_to is not None:
        rows += ["", "Usual address:", *order.ship_to]
    rows += ["", "Cheers,", order.contact_name.split()[-1], order.customer_name]
    return "\n".join(rows) + "\n"


def _ordered(order: Order) -> date:
    """The order date of a body order (always drawn; `with_date` only hides it)."""
    assert order.order_date is not None
    return order.order_date


def _us_stamp(order: Order) -> str:
    d = _ordered(order)
    return f"{WEEKDAYS_EN[d.weekday()][:3]}, {MONTHS_EN[d.month - 1][:3]} {d.day}, {d.year}"


def body_forward(order: Order, *, with_date: bool) -> str:
    """An order forwarded from a colleague: a short note with the PO number on top, then
    '---------- Forwarded message ---------' with From/Date/Subject/To (the order date,
    always) and the colleague's 'QTY  PART#  DESCRIPTION  EACH  EXT' list, ship-to on one
    line, need-by as 3/19/2026."""
    domain = order.buyer.email_domains[0]
    w = max(len(ln.description) for ln in order.lines) + 2
    rows = ["Hi team,", "", "Forwarding the parts list below from our maintenance lead - please "
            f"enter it as PO {order.po_number}.", "", "Thanks,", order.contact_name,
            order.customer_name, "", "---------- Forwarded message ---------",
            f"From: Dave Okafor <d.okafor@{domain}>",
            f"Date: {_us_stamp(order)} at 8:47 AM",
            "Subject: parts for line 3", f"To: {order.contact_name} <purchasing@{domain}>",
            "", "J,", "", "can you get these ordered for the line 3 rebuild:", "",
            f"{'QTY':<7}{'PART#':<13}{'DESCRIPTION':<{w}}{'EACH':>8}{'EXT':>11}"]  # fmt: skip
    for ln in order.lines:
        rows.append(
            f"{quantity_text(ln.quantity, EN):<7}{ln.sku:<13}{ln.description:<{w}}"
            f"{number(ln.unit_price, EN):>8}{number(ln.amount, EN):>11}"
        )
    rows += ["", f"total ${number(order.total, EN)}"]
    d = order.delivery_date
    if d is not None:
        rows.append(f"need them by {d.month}/{d.day}/{d.year}")
    if order.ship_to is not None:
        rows.append("ship to " + order.ship_to_joiner.join(order.ship_to))
    rows += ["", "thx", "Dave"]
    return "\n".join(rows) + "\n"


def body_reply(order: Order, *, with_date: bool) -> str:
    """A French reply that orders by quoting the supplier's offer: the order number, delivery
    date and address on top; under 'Le mer. 4 mars 2026 à 16:12, ... a écrit :' the offer's
    lines and totals (HT, port, TVA, TTC) quoted with '> '."""
    d = _ordered(order)
    quoted = d - timedelta(days=1)
    money = lambda value: f"{number(value, FR_PLAIN)} €"  # noqa: E731
    rows = ["Bonjour Monsieur Weber,", "", "Merci pour votre offre. Nous vous passons commande "
            "selon votre offre ci-dessous,", f"notre n° de commande : {order.po_number}"
            + (f" du {d.day:02d}/{d.month:02d}/{d.year}." if with_date else "."), ""]  # fmt: skip
    if order.delivery_date is not None:
        dd = order.delivery_date
        rows.append(f"Livraison souhaitée le {dd.day:02d}/{dd.month:02d}/{dd.year} à l'adresse :")
    if order.ship_to is not None:
        rows += order.ship_to
    if order.payment_terms is not None:
        rows += ["", f"Règlement : {order.payment_terms}, comme d'habitude."]
    rows += ["", "Cordialement,", "", order.contact_name, "Service achats", order.customer_name,
             "", f"Le {_WEEKDAYS_FR[quoted.weekday()]} {quoted.day} {MONTHS_FR[quoted.month - 1]} "
             f"{quoted.year} à 16:12, Acme Supply – Ventes <{OUR_ADDRESS}> a écrit :"]  # fmt: skip
    offer = ["Bonjour,", "", "suite à votre demande, voici notre offre n° OF-26-0311 :", ""]
    for ln in order.lines:
        offer.append(
            f"- Réf. {ln.sku} – {ln.description} – {quantity_text(ln.quantity, FR_PLAIN)}"
            f" {ln.unit} x {money(ln.unit_price)} = {money(ln.amount)}"
        )
    offer.append("")
    if order.subtotal is not None:
        offer.append(f"Total HT : {money(order.subtotal)}")
    if order.shipping is not None:
        offer.append(f"Frais de port : {money(order.shipping)}")
    if order.tax is not None:
        rate = format((order.tax_rate * 100).normalize(), "f")
        offer.append(f"TVA {rate} % : {money(order.tax)}")
    offer += [f"Total TTC : {money(order.total)}", "", "Offre valable 30 jours.",
              "Bien cordialement,", "Stefan Weber", "Acme Supply GmbH"]  # fmt: skip
    rows += [f"> {line}".rstrip() for line in offer]
    return "\n".join(rows) + "\n"


def body_tsv(order: Order, *, with_date: bool) -> str:
    """A table pasted from a spreadsheet as tab-separated text (Pos, Artikelnr., Bezeichnung,
    Menge, ME, Einzelpreis, Gesamt; German numbers), the net sum in the last row, the PO
    number and date in the sentence above it."""
    d = _ordered(order)
    dated = f" vom {d.day:02d}.{d.month:02d}.{d.year}" if with_date else ""
    rows = ["Hallo Frau Krämer,", "", f"anbei unsere Bestellung {order.po_number}{dated}."]
    dd = order.delivery_date
    if dd is not None:
        week = dd.isocalendar().week
        rows.append(f"Liefertermin KW {week}, spätestens {dd.day:02d}.{dd.month:02d}.{dd.year}.")
    rows += ["", "Pos\tArtikelnr.\tBezeichnung\tMenge\tME\tEinzelpreis\tGesamt"]
    for ln in order.lines:
        rows.append("\t".join((str(ln.line_no), ln.sku or "", ln.description,
                               quantity_text(ln.quantity, DE), ln.unit or "",
                               number(ln.unit_price, DE), number(ln.amount, DE))))  # fmt: skip
    rows.append(f"\t\t\t\t\tSumme netto {order.currency}\t{number(order.total, DE)}")
    if order.ship_to is not None:
        rows += ["", "Lieferadresse: " + order.ship_to_joiner.join(order.ship_to)]
    if order.payment_terms is not None:
        rows.append(f"Zahlungsbedingung: {order.payment_terms}")
    rows += ["", "Viele Grüße", order.contact_name, order.customer_name]
    return "\n".join(rows) + "\n"


@dataclass(frozen=True)
class MailLayout:
    features: Features
    write: Callable[..., str]
    subject: Callable[[Order], str]
    subtype: str = "plain"  # "html": the body is HTML only, with no plain-text part


MAILS: dict[str, MailLayout] = {
    "nd_mail_bullets": MailLayout(
        Features(unit_column=False, subtotal=False, tax=False, shipping=False,
                 payment_terms=False),
        body_bullets, lambda o: "order pls"),
    "nd_mail_forward": MailLayout(
        Features(unit_column=False, subtotal=False, tax=False, shipping=False,
                 payment_terms=False, ship_to_joiner=", "),
        body_forward, lambda o: "Fwd: parts for line 3"),
    "nd_mail_reply": MailLayout(
        Features(unit_map=(("EA", "U"), ("PAK", "lot"), ("M", "m"))),
        body_reply, lambda o: "RE: Votre offre OF-26-0311"),
    "nd_mail_tsv": MailLayout(
        Features(subtotal=False, tax=False, shipping=False, ship_to_joiner=", ", item_step=10,
                 unit_map=(("EA", "Stk"), ("PAK", "Pak"), ("M", "m"))),
        body_tsv, lambda o: f"Bestellung {o.po_number}"),
}  # fmt: skip


def body_email(
    order: Order, layout_id: str, *, with_date: bool, tag: str, rng: random.Random
) -> bytes:
    """An .eml whose plain-text body is the order in one of this set's mail styles."""
    return mail_bytes(MAILS[layout_id], order, with_date=with_date, tag=tag, rng=rng)


def mail_bytes(
    mail: MailLayout, order: Order, *, with_date: bool, tag: str, rng: random.Random
) -> bytes:
    """The .eml of `order` typed in the body in `mail`'s style, sent on the order date."""
    msg = envelope(order, mail.subject(order), sent_at(order, rng), tag)
    msg.set_content(mail.write(order, with_date=with_date), subtype=mail.subtype)
    return msg.as_bytes(policy=default)
