"""The seventh blind set's e-mail orders: bodies written the ways people really write them.

An order typed as a numbered list whose prices follow in a second paragraph ('#2 at
$7.95/ea'); a French informal note ('Merci de nous livrer pour le ...'); a Spanish order from
a German firm's Zaragoza plant that sends the supplier's quote back as a PDF attachment
while the order itself, with other quantities and one item dropped, is in the body; and
terse 'SKU x qty' lines with the 'PO:' line at the very bottom. Each writer prints every
value the truth holds; `with_date=False` leaves the order date to the e-mail's Date header.
"""

from __future__ import annotations

import html
import random
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from email.policy import default

from samples.generator.blind.printing import PageSetup, print_pdf
from samples.generator.blind2.layouts import MONTHS_ES, WEEKDAYS_EN
from samples.generator.blind4.mail import MailLayout, mail_bytes
from samples.generator.content import Features, Order, money
from samples.generator.email_build import envelope, sent_at
from samples.generator.formatting import DE, EN, FR_PLAIN, MONTHS_EN, MONTHS_FR, number
from samples.generator.formatting import quantity as quantity_text
from samples.generator.master import products_in

_WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _ordered(order: Order) -> date:
    """The order date of a body order (always drawn; `with_date` only hides it)."""
    assert order.order_date is not None
    return order.order_date


def body_numbered(order: Order, *, with_date: bool) -> str:
    """An order typed as a numbered list ('1. 250 ea - AX-1000 Hex bolt ...') with no
    prices in it; the prices follow in a second paragraph by item number ('#1 at $0.42/ea
    ($105.00)'), then the order total, the need-by date and the ship-to on one line."""
    money_text = lambda value: f"${number(value, EN)}"  # noqa: E731
    d = _ordered(order)
    rows = ["Hi Karen,", "", f"Please ship the following on our PO {order.po_number}"
            + (f" (dated {d.month}/{d.day}/{d.year})" if with_date else "") + ":", ""]  # fmt: skip
    for n, ln in enumerate(order.lines, start=1):
        rows.append(f"{n}. {quantity_text(ln.quantity, EN)} {ln.unit or ''} - {ln.sku} "
                    f"{ln.description}")  # fmt: skip
    prices = [f"#{n} at {money_text(ln.unit_price)}/{ln.unit} ({money_text(ln.amount)})"
              for n, ln in enumerate(order.lines, start=1)]  # fmt: skip
    rows += ["", "Pricing is per your current list: " + ", ".join(prices)
             + f". That comes to {money_text(order.total)} for the order."]  # fmt: skip
    dd = order.delivery_date
    if dd is not None:
        rows += ["", f"We need these on site by {WEEKDAYS_EN[dd.weekday()]} "
                 f"{dd.month}/{dd.day}/{dd.year}"
                 + (f", shipping to {order.ship_to_joiner.join(order.ship_to)}." if order.ship_to
                    else ".")]  # fmt: skip
    rows += ["", "Let me know if anything is backordered.", "", "Thanks,", order.contact_name,
             f"Materials Coordinator, {order.customer_name}"]  # fmt: skip
    return "\n".join(rows) + "\n"


def _long_fr(d: date, *, weekday: bool = False) -> str:
    day = f"{_WEEKDAYS_FR[d.weekday()]} " if weekday else ""
    return f"{day}{d.day} {MONTHS_FR[d.month - 1]} {d.year}"


def body_livrer(order: Order, *, with_date: bool) -> str:
    """A French informal order: 'Merci de nous livrer pour le mardi 10 mars 2026 au plus
    tard :', dashes '- 20 x Kugellager 6205-2RS (réf. 5520-100) à 6,90 € HT l'unité, soit
    138,00 €', 'Soit un total de ... € HT', the address on one line, the order reference
    and date and the usual payment in the closing sentences."""
    eur = lambda value: f"{number(value, FR_PLAIN)} €"  # noqa: E731
    rows = ["Bonjour Julien,", ""]
    dd = order.delivery_date
    rows.append(f"Merci de nous livrer pour le {_long_fr(dd, weekday=True)} au plus tard :"
                if dd is not None else "Merci de nous livrer dès que possible :")  # fmt: skip
    rows.append("")
    for ln in order.lines:
        rows.append(f"- {quantity_text(ln.quantity, FR_PLAIN)} x {ln.description} (réf. {ln.sku}) "
                    f"à {eur(ln.unit_price)} HT l'unité, soit {eur(ln.amount)}")  # fmt: skip
    rows += ["", f"Soit un total de {eur(order.total)} HT.", ""]
    if order.ship_to is not None:
        rows.append(f"Adresse de livraison : {order.ship_to_joiner.join(order.ship_to)} "
                    "(quai 2, ouvert de 7h à 16h).")  # fmt: skip
    dated = f", commande du {_long_fr(_ordered(order))}" if with_date else ""
    rows.append(f"Notre référence : {order.po_number}{dated}, à rappeler sur le bon de livraison "
                "et la facture.")  # fmt: skip
    if order.payment_terms is not None:
        rows.append(f"Règlement habituel : {order.payment_terms}.")
    rows += ["", "Bonne journée,", order.contact_name, f"Service Achats – {order.customer_name}"]
    return "\n".join(rows) + "\n"


def _es(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def body_cotizacion(order: Order, *, with_date: bool) -> str:
    """A Spanish order from a German firm's Zaragoza plant: 'le devuelvo su cotización
    ... firmada', but the order 'queda como sigue' with other quantities and one item
    dropped: 'Pedido n.º ... de fecha 05/03/2026', 'Pos. 1: 5520-100 Kugellager 6205-2RS –
    40 uds. x 6,90 € = 276,00 €', 'Total pedido (sin IVA)', the delivery date and the plant's
    address as a block, 'Forma de pago'. The quote PDF attached is not the order."""
    eur = lambda value: f"{number(value, DE)} €"  # noqa: E731
    quote, quoted_on, _ = _quote(order)
    rows = ["Buenos días, Sr. Weber:", "",
            f"Le devuelvo adjunta su cotización {quote} del {_es(quoted_on)}. Tras revisarla con "
            "producción, el pedido queda como sigue (hemos ajustado cantidades y quitado una "
            "partida; por favor, no sirvan la cotización tal cual):", "",
            f"Pedido n.º {order.po_number}" + (f" de fecha {_es(_ordered(order))}" if with_date
                                               else ""), ""]  # fmt: skip
    for n, ln in enumerate(order.lines, start=1):
        rows.append(f"Pos. {n}: {ln.sku} {ln.description} – {quantity_text(ln.quantity, DE)} "
                    f"{ln.unit or ''} x {eur(ln.unit_price)} = {eur(ln.amount)}")  # fmt: skip
    rows += ["", f"Total pedido (sin IVA): {eur(order.total)}", ""]
    dd = order.delivery_date
    if dd is not None:
        rows.append(f"Entrega: como muy tarde el {dd.day} de {MONTHS_ES[dd.month - 1]} de "
                    f"{dd.year}, en nuestra planta:")  # fmt: skip
    if order.ship_to is not None:
        rows += list(order.ship_to)
    if order.payment_terms is not None:
        rows += ["", f"Forma de pago: {order.payment_terms}."]
    rows += ["", "Les ruego confirmación del pedido y plazo de entrega.", "", "Un saludo,", "",
             order.contact_name, "Compras – Planta Zaragoza", order.customer_name,
             "Tel. +34 976 45 87 00"]  # fmt: skip
    return "\n".join(rows) + "\n"


def body_skulines(order: Order, *, with_date: bool) -> str:
    """A terse British order: 'P00412 x 10 - Steel angle ... @ £38.90 = £389.00' lines,
    'Total £1,234.56 + VAT', where and by when in one sentence, a first-name sign-off, and
    'PO: ...' as the very last line, under the signature."""
    gbp = lambda value: f"£{number(value, EN)}"  # noqa: E731
    d = _ordered(order)
    rows = ["Morning Dave,", "", "Can you put these through for us please"
            + (f" (ordered {d.day:02d}/{d.month:02d}/{d.year})" if with_date else "") + ":",
            ""]  # fmt: skip
    for ln in order.lines:
        rows.append(f"{ln.sku} x {quantity_text(ln.quantity, EN)} - {ln.description} @ "
                    f"{gbp(ln.unit_price)} = {gbp(ln.amount)}")  # fmt: skip
    rows += ["", f"Total {gbp(order.total)} + VAT", ""]
    dd = order.delivery_date
    where = f" to {order.ship_to_joiner.join(order.ship_to)}" if order.ship_to else ""
    if dd is not None:
        rows.append(f"Delivery{where} by {WEEKDAYS_EN[dd.weekday()][:3]} {dd.day} "
                    f"{MONTHS_EN[dd.month - 1][:3]} {dd.year} please.")  # fmt: skip
    rows += ["", "Cheers", "Tom", "", "Tom Hartley | Stores", order.customer_name, "",
             f"PO: {order.po_number}"]  # fmt: skip
    return "\n".join(rows) + "\n"


MAILS: dict[str, MailLayout] = {
    "ng_mail_numbered": MailLayout(
        Features(subtotal=False, tax=False, shipping=False, payment_terms=False,
                 ship_to_joiner=", ",
                 unit_map=(("EA", "ea"), ("BOX", "box"), ("SET", "set"), ("ROL", "roll"),
                           ("M", "m"))),
        body_numbered, lambda o: f"PO {o.po_number}"),
    "ng_mail_livrer": MailLayout(
        Features(unit_column=False, subtotal=False, tax=False, shipping=False,
                 ship_to_joiner=", "),
        body_livrer, lambda o: "Commande à livrer"),
    "ng_mail_cotizacion": MailLayout(
        Features(subtotal=False, tax=False, shipping=False,
                 unit_map=(("EA", "uds."), ("PAK", "paq."), ("M", "m"))),
        body_cotizacion, lambda o: f"RE: Cotización {_quote(o)[0]} - pedido {o.po_number}"),
    "ng_mail_skulines": MailLayout(
        Features(unit_column=False, subtotal=False, tax=False, shipping=False,
                 payment_terms=False, ship_to_joiner=", "),
        body_skulines, lambda o: "order"),
}  # fmt: skip


# --- the Zaragoza plant and the supplier's quote it sends back ---------------------------
_ZARAGOZA = ("Planta Zaragoza – Recepción de mercancías", "Polígono PLAZA, Calle Tarento 14",
             "50197 Zaragoza", "España")  # fmt: skip


def spanish_plant(order: Order) -> Order:
    """A German firm's Spanish plant orders in euros with Spanish payment terms."""
    rng = random.Random(f"zaragoza/{order.po_number}")
    terms = rng.choice(("Transferencia a 60 días fecha factura", "Confirming a 90 días"))
    return replace(order, ship_to=_ZARAGOZA, payment_terms=terms)


def _quote(order: Order) -> tuple[str, date, Order]:
    """The supplier's quote the order answers: its number and date, and what it offered
    (other quantities, and one more item that the order drops)."""
    rng = random.Random(f"cotizacion/{order.po_number}")
    ordered = {ln.sku for ln in order.lines}
    extra = rng.choice([p for p in products_in(order.currency) if p.sku not in ordered])
    lines = [replace(ln, quantity=ln.quantity * 2, amount=money(ln.quantity * 2 * ln.unit_price))
             for ln in order.lines]  # fmt: skip
    qty = Decimal(rng.choice((10, 20, 50)))
    unit = dict(MAILS["ng_mail_cotizacion"].features.unit_map).get(extra.unit, extra.unit)
    amount = money(qty * extra.unit_price)
    lines.append(replace(order.lines[0], line_no=len(lines) + 1, sku=extra.sku, unit=unit,
                         description=extra.description, quantity=qty,
                         unit_price=extra.unit_price, amount=amount))  # fmt: skip
    subtotal = sum((ln.amount for ln in lines), Decimal(0))
    offered = replace(order, lines=tuple(lines), subtotal=subtotal, total=subtotal)
    return f"OF-26-{rng.randint(300, 899):04d}", _ordered(order) - timedelta(days=6), offered


def _quote_pdf(order: Order) -> bytes:
    """The quote as the supplier printed it (German firm, Spanish wording), by Chromium."""
    number_, quoted_on, offered = _quote(order)
    eur = lambda value: number(value, DE)  # noqa: E731
    rows = "".join(
        f"<tr><td>{ln.line_no}</td><td>{ln.sku}</td><td>{html.escape(ln.description)}</td>"
        f'<td class="r">{quantity_text(ln.quantity, DE)}</td><td>{ln.unit or ""}</td>'
        f'<td class="r">{eur(ln.unit_price)}</td><td class="r">{eur(ln.amount)}</td></tr>'
        for ln in offered.lines
    )
    page = (
        '<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><style>'
        'body{font-family:"Liberation Sans",Arial,sans-serif;font-size:8.5pt}'
        "h1{font-size:15pt;margin:8mm 0 2mm 0}.r{text-align:right;white-space:nowrap}"
        "table.it{width:100%;border-collapse:collapse;margin-top:5mm}"
        "table.it th{background:#ddd;text-align:left;padding:1mm}"
        "table.it td{padding:1mm;border-bottom:1px solid #ccc}"
        "table.t{margin-left:auto;margin-top:3mm}table.t td{padding:0.6mm 2mm}"
        "</style></head><body>"
        "<div><b>Acme Supply GmbH</b><br>Gutenbergstraße 12 · 40221 Düsseldorf · Alemania<br>"
        "NIF/VAT DE 812 345 678</div>"
        f"<div style='margin-top:8mm'>{html.escape(order.customer_name)}<br>"
        + "<br>".join(_ZARAGOZA)
        + f"</div><h1>OFERTA / COTIZACIÓN {number_}</h1>"
        f"<div>Fecha: {_es(quoted_on)} &nbsp; · &nbsp; Validez: 30 días &nbsp; · &nbsp; "
        "Plazo de entrega: 2–3 semanas &nbsp; · &nbsp; Incoterm DAP Zaragoza</div>"
        "<div style='margin-top:3mm'>Estimados señores: según su consulta les ofrecemos:</div>"
        '<table class="it"><tr><th>Pos.</th><th>Referencia</th><th>Descripción</th>'
        '<th class="r">Cantidad</th><th>Ud.</th><th class="r">Precio €</th>'
        f'<th class="r">Importe €</th></tr>{rows}</table>'
        f'<table class="t"><tr><td>Base imponible</td><td class="r">{eur(offered.total)}</td></tr>'
        "<tr><td>IVA</td><td class='r'>inversión del sujeto pasivo</td></tr>"
        f'<tr><td><b>Total oferta EUR</b></td><td class="r"><b>{eur(offered.total)}</b>'
        "</td></tr></table>"
        "<div style='margin-top:8mm'>Entrega intracomunitaria exenta de IVA (art. 138 "
        "Directiva 2006/112/CE). Atentamente, Stefan Weber – Ventas internacionales</div>"
        "</body></html>"
    )
    return print_pdf(page, PageSetup())


def body_email(
    order: Order, layout_id: str, *, with_date: bool, tag: str, rng: random.Random
) -> bytes:
    """An .eml whose plain-text body is the order in one of this set's styles, sent on the
    order date; the Spanish one carries the supplier's quote back as a PDF attachment."""
    mail = MAILS[layout_id]
    if layout_id != "ng_mail_cotizacion":
        return mail_bytes(mail, order, with_date=with_date, tag=tag, rng=rng)
    msg = envelope(order, mail.subject(order), sent_at(order, rng), tag)
    msg.set_content(mail.write(order, with_date=with_date))
    msg.add_attachment(_quote_pdf(order), maintype="application", subtype="pdf",
                       filename=f"Cotizacion_{_quote(order)[0]}_firmada.pdf")  # fmt: skip
    msg.set_boundary(f"==poflow-sample-{tag}==")
    return msg.as_bytes(policy=default)
