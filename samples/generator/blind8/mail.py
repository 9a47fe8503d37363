"""The eighth blind set's e-mail orders: bodies written the ways people really write them.

A reply in a thread whose new order is on top and an older, different order is quoted
below it with '>' marks; an Italian informal order ('Vi preghiamo di inviarci ...'); an
order as a Markdown-like table with pipes; items as 'qty x description @ price' with the
total last; and a German order whose PO number is only in the subject. Each writer prints
every value the truth holds; `with_date=False` leaves the order date to the Date header.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from samples.generator.blind4.mail import MailLayout, mail_bytes
from samples.generator.content import Features, Order
from samples.generator.formatting import DE, EN, MONTHS_EN, number
from samples.generator.formatting import quantity as quantity_text

_MESI = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
         "settembre", "ottobre", "novembre", "dicembre")  # fmt: skip


def _ordered(order: Order) -> date:
    assert order.order_date is not None
    return order.order_date


def _us(d: date) -> str:
    return f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"


def _older(order: Order) -> tuple[str, date, list[str]]:
    """The earlier order quoted under the reply: another number, date and quantities."""
    rng = random.Random(f"older/{order.po_number}")
    number_ = f"{order.po_number[:-3]}{rng.randint(100, 999)}" if order.po_number else "PO-1"
    rows = [f"{quantity_text(ln.quantity * 3, EN)} x {ln.sku} {ln.description} at "
            f"${number(ln.unit_price, EN)}" for ln in order.lines[:2]]  # fmt: skip
    return number_, _ordered(order) - timedelta(days=rng.randint(20, 40)), rows


def body_reply(order: Order, *, with_date: bool) -> str:
    """A reply in a thread: the new order on top ('New PO ... for the items below'), lines
    'SKU - description - qty ea @ $price = $amount', the total, the need-by date and the
    ship-to block; under the signature 'On ... wrote:' and an older, different order quoted
    with '>' marks."""
    usd = lambda value: f"${number(value, EN)}"  # noqa: E731
    rows = ["Hi Maria,", "", f"Thanks for the quick turnaround last time. New PO {order.po_number}"
            + (f" dated {_us(_ordered(order))}" if with_date else "") + " for the items below:",
            ""]  # fmt: skip
    for ln in order.lines:
        rows.append(f"{ln.sku} - {ln.description} - {quantity_text(ln.quantity, EN)} "
                    f"{ln.unit or ''} @ {usd(ln.unit_price)} = {usd(ln.amount)}")  # fmt: skip
    rows += ["", f"Order total: {usd(order.total)}", ""]
    if order.delivery_date is not None:
        rows.append(f"Need by {_us(order.delivery_date)}, ship to:")
    if order.ship_to is not None:
        rows += list(order.ship_to)
    if order.payment_terms is not None:
        rows += ["", f"Terms as usual: {order.payment_terms}."]
    rows += ["", "Best,", order.contact_name, order.customer_name, ""]
    old_no, old_date, old_rows = _older(order)
    rows.append(f"On {_us(old_date)}, {order.contact_name} wrote:")
    quoted = ["Hi Maria,", "", f"Please enter PO {old_no} for:", "", *old_rows, "",
              "Same ship-to as always. Thanks!", order.contact_name]  # fmt: skip
    rows += [f"> {q}".rstrip() for q in quoted]
    return "\n".join(rows) + "\n"


def body_italiano(order: Order, *, with_date: bool) -> str:
    """An Italian informal order: 'Vi preghiamo di inviarci quanto segue:', lines 'n. 20
    pz. Kugellager 6205-2RS (cod. 5520-100) a € 6,90 cad. = € 138,00', 'Totale ordine €
    ... + IVA', delivery by a date to the plant, 'Rif. ordine n. ... del 5 marzo 2026'."""
    eur = lambda value: f"€ {number(value, DE)}"  # noqa: E731
    rows = ["Buongiorno,", "", "Vi preghiamo di inviarci quanto segue:", ""]
    for ln in order.lines:
        rows.append(f"n. {quantity_text(ln.quantity, DE)} {ln.unit or ''} {ln.description} "
                    f"(cod. {ln.sku}) a {eur(ln.unit_price)} cad. = {eur(ln.amount)}")  # fmt: skip
    rows += ["", f"Totale ordine {eur(order.total)} + IVA", ""]
    dd = order.delivery_date
    if dd is not None:
        rows.append(f"Consegna entro il {dd.day} {_MESI[dd.month - 1]} {dd.year} presso:")
    if order.ship_to is not None:
        rows += list(order.ship_to)
    d = _ordered(order)
    rows += ["", f"Rif. ordine n. {order.po_number}"
             + (f" del {d.day} {_MESI[d.month - 1]} {d.year}" if with_date else "")
             + " (da citare in bolla e fattura)."]  # fmt: skip
    if order.payment_terms is not None:
        rows.append(f"Pagamento: {order.payment_terms}.")
    rows += [
        "",
        "Cordiali saluti,",
        order.contact_name,
        f"Ufficio Acquisti – {order.customer_name}",
    ]
    return "\n".join(rows) + "\n"


def body_pipes(order: Order, *, with_date: bool) -> str:
    """An order as a Markdown-like table: '| # | SKU | Description | Qty | Unit | Price |
    Amount |' with a '|---|' rule, header fields as 'PO #: ...' lines above it, the total
    as a bold '**Total**' row, and the ship-to under it."""
    cad = lambda value: f"${number(value, EN)}"  # noqa: E731
    rows = ["Hello,", "", "Please process the order below.", "", f"PO #: {order.po_number}"]
    if with_date:
        rows.append(f"Date: {_ordered(order).isoformat()}")
    if order.delivery_date is not None:
        rows.append(f"Required: {order.delivery_date.isoformat()}")
    rows += ["Currency: CAD", "", "| # | SKU | Description | Qty | Unit | Price | Amount |",
             "|---|-----|-------------|----:|------|------:|-------:|"]  # fmt: skip
    for ln in order.lines:
        rows.append(f"| {ln.line_no} | {ln.sku} | {ln.description} | "
                    f"{quantity_text(ln.quantity, EN)} | {ln.unit or ''} | "
                    f"{cad(ln.unit_price)} | {cad(ln.amount)} |")  # fmt: skip
    rows += [f"| | | **Total** | | | | **{cad(order.total)}** |", ""]
    if order.ship_to is not None:
        rows += ["Ship to:", *order.ship_to, ""]
    if order.payment_terms is not None:
        rows += [f"Terms: {order.payment_terms}", ""]
    rows += ["Thank you,", order.contact_name, order.customer_name]
    return "\n".join(rows) + "\n"


def body_atprice(order: Order, *, with_date: bool) -> str:
    """Items as '12 x Steel angle 40x40x4 mm (P00412) @ £38.90 = £466.80', the
    PO in the first sentence, the delivery wish, and 'Total: £1,234.56' as the last line."""
    gbp = lambda value: f"£{number(value, EN)}"  # noqa: E731
    d = _ordered(order)
    rows = ["Hi team,", "", f"Order ref {order.po_number}"
            + (f" ({d.day} {MONTHS_EN[d.month - 1][:3]} {d.year})" if with_date else "")
            + ", please send:", ""]  # fmt: skip
    for ln in order.lines:
        rows.append(f"{quantity_text(ln.quantity, EN)} x {ln.description} ({ln.sku}) @ "
                    f"{gbp(ln.unit_price)} = {gbp(ln.amount)}")  # fmt: skip
    rows.append("")
    dd = order.delivery_date
    where = f" to {order.ship_to_joiner.join(order.ship_to)}" if order.ship_to else ""
    if dd is not None:
        rows.append(f"Delivery{where} by {dd.day} {MONTHS_EN[dd.month - 1]} please.")
    rows += ["", "Ta,", order.contact_name, order.customer_name, "",
             f"Total: {gbp(order.total)}"]  # fmt: skip
    return "\n".join(rows) + "\n"


def body_betreff(order: Order, *, with_date: bool) -> str:
    """A German order in the body with the PO number only in the subject ('Bestellung
    4711-...'): 'Sehr geehrte Damen und Herren, hiermit bestellen wir:', lines 'Pos. 1:
    20 Stk. 5520-100 Kugellager 6205-2RS à 6,90 € = 138,00 €', 'Gesamtbetrag netto',
    'Liefertermin', the delivery address block and 'Zahlungsbedingungen'."""
    eur = lambda value: f"{number(value, DE)} €"  # noqa: E731
    d = _ordered(order)
    dated = f" am {d.day:02d}.{d.month:02d}.{d.year}" if with_date else ""
    rows = ["Sehr geehrte Damen und Herren,", "", f"hiermit bestellen wir{dated}:", ""]
    for n, ln in enumerate(order.lines, start=1):
        rows.append(f"Pos. {n}: {quantity_text(ln.quantity, DE)} {ln.unit or ''} {ln.sku} "
                    f"{ln.description} à {eur(ln.unit_price)} = {eur(ln.amount)}")  # fmt: skip
    rows += ["", f"Gesamtbetrag netto: {eur(order.total)}", ""]
    dd = order.delivery_date
    if dd is not None:
        rows.append(f"Liefertermin: {dd.day:02d}.{dd.month:02d}.{dd.year}")
    if order.ship_to is not None:
        rows += ["Lieferanschrift:", *order.ship_to]
    if order.payment_terms is not None:
        rows += ["", f"Zahlungsbedingungen: {order.payment_terms}"]
    rows += ["", "Bitte bestätigen Sie den Auftrag kurz per E-Mail.", "",
             "Mit freundlichen Grüßen", order.contact_name, "Einkauf",
             order.customer_name]  # fmt: skip
    return "\n".join(rows) + "\n"


MAILS: dict[str, MailLayout] = {
    "nh_mail_reply": MailLayout(
        Features(subtotal=False, tax=False, shipping=False,
                 unit_map=(("EA", "ea"), ("BOX", "box"), ("SET", "set"), ("ROL", "roll"),
                           ("M", "m"))),
        body_reply, lambda o: f"RE: PO {o.po_number}"),
    "nh_mail_italiano": MailLayout(
        Features(subtotal=False, tax=False, shipping=False,
                 unit_map=(("EA", "pz."), ("PAK", "conf."), ("M", "m"), ("ROL", "rotoli"))),
        body_italiano, lambda o: "Ordine materiale"),
    "nh_mail_pipes": MailLayout(
        Features(subtotal=False, tax=False, shipping=False),
        body_pipes, lambda o: f"Purchase order {o.po_number}"),
    "nh_mail_atprice": MailLayout(
        Features(unit_column=False, subtotal=False, tax=False, shipping=False,
                 payment_terms=False, ship_to_joiner=", "),
        body_atprice, lambda o: "order"),
    "nh_mail_betreff": MailLayout(
        Features(subtotal=False, tax=False, shipping=False,
                 unit_map=(("EA", "Stk."), ("PAK", "Pkg."), ("M", "m"), ("ROL", "Rollen"))),
        body_betreff, lambda o: f"Bestellung {o.po_number}"),
}  # fmt: skip

_BRESCIA = ("Stabilimento di Brescia – Ricevimento merci", "Via Industriale 41",
            "25030 Castel Mella (BS)", "Italia")  # fmt: skip


def italian_plant(order: Order) -> Order:
    """A German firm's Italian plant orders in euros with Italian payment terms."""
    rng = random.Random(f"brescia/{order.po_number}")
    terms = rng.choice(("Bonifico bancario 60 gg d.f.f.m.", "Ri.Ba. 90 gg d.f."))
    return replace(order, ship_to=_BRESCIA, payment_terms=terms)


def body_email(
    order: Order, layout_id: str, *, with_date: bool, tag: str, rng: random.Random
) -> bytes:
    """An .eml whose plain-text body is the order in one of this set's styles."""
    return mail_bytes(MAILS[layout_id], order, with_date=with_date, tag=tag, rng=rng)
