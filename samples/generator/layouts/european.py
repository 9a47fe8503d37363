"""European order forms: A4, day-first dates, VAT, several languages and number styles."""

from __future__ import annotations

from samples.generator.content import Features, Order
from samples.generator.formatting import CH, DE, EN, FR_PLAIN
from samples.generator.layouts.common import (
    SUPPLIER_BLOCKS,
    Fmt,
    description,
    header_rows,
    layout,
    line_no,
    sku,
    total_rows,
    unit,
)
from samples.generator.render import PAGE_A4, Column, Doc, TableStyle, draw_table, draw_totals


@layout("gb_grid", ("GB",), Features())
def gb_grid(order: Order) -> bytes:
    """Centred letterhead, header fields in boxes with the label above the value,
    Supplier/Deliver To side by side, a fully gridded table, VAT and carriage."""
    fmt = Fmt(EN, order.buyer.date_style or "long_en")
    doc = Doc(PAGE_A4)
    doc.text(297, 36, order.customer_name, 17, bold=True, align="c")
    doc.text(297, 58, ", ".join(order.buyer.address), 8.5, align="c")
    doc.hline(40, 555, 74, 1.2)
    doc.text(40, 86, "PURCHASE ORDER", 14, bold=True)
    labels = {"po": "P.O. No.", "date": "Order Date", "delivery": "Required By",
              "currency": "Currency"}  # fmt: skip
    x = 40.0
    for label, value in header_rows(order, labels, fmt):
        doc.rect(x, 110, 125, 36)
        doc.text(x + 5, 114, label, 7.5)
        doc.text(x + 5, 128, value, 10, bold=True)
        x += 130
    doc.text(40, 162, "Supplier:", 9, bold=True)
    doc.block(40, 176, SUPPLIER_BLOCKS["gb"], 9)
    if order.ship_to is not None:
        doc.text(300, 162, "Deliver To:", 9, bold=True)
        doc.block(300, 176, order.ship_to, 9)
    cols = [
        Column("Part No.", 75, sku),
        Column("Description", 200, description, wrap=True),
        Column("Quantity", 55, lambda ln: fmt.qty(ln.quantity), "r"),
        Column("Unit", 35, unit, "c"),
        Column("Price", 70, lambda ln: fmt.money(ln.unit_price), "r"),
        Column("Total", 80, lambda ln: fmt.money(ln.amount), "r"),
    ]

    def continued(d: Doc) -> float:
        d.text(40, 36, f"Purchase Order {order.po_number} continued", 10, bold=True)
        return 60

    style = TableStyle(grid=True, header_gray=0.8)
    y = draw_table(doc, 40, 250, cols, order.lines, style, continued) + 12
    tl = {"subtotal": "Sub-total", "tax": "VAT @ {rate}%", "shipping": "Carriage",
          "total": "Total {cur}"}  # fmt: skip
    y = draw_totals(doc, 380, 555, y, total_rows(order, tl, fmt))
    if order.payment_terms:
        doc.text(40, y + 14, f"Payment terms: {order.payment_terms}", 9)
    doc.text(40, y + 28, "Please quote our P.O. number on all invoices and delivery notes.", 8)
    return doc.finish()


DE_UNITS = (("EA", "Stk"), ("M", "m"), ("PAK", "Pak"), ("ROL", "Rolle"), ("KG", "kg"))


@layout("de_bestellung", ("DE",), Features(unit_map=DE_UNITS, ship_to_joiner=", "))
def de_bestellung(order: Order) -> bytes:
    """DIN 5008 letter: sender line over the supplier's window address, info block on the
    right, German labels, 1.234,56 numbers, dd.mm.yyyy dates."""
    fmt = Fmt(DE, order.buyer.date_style or "dot")
    doc = Doc(PAGE_A4)
    doc.text(555, 40, order.customer_name, 15, bold=True, align="r")
    doc.block(420, 62, order.buyer.address, 8.5)
    sender = " · ".join((order.customer_name, *order.buyer.address[:2]))
    doc.text(57, 128, sender, 6.5)
    doc.hline(57, 290, 137, 0.3)
    doc.block(57, 144, SUPPLIER_BLOCKS["de"], 10)
    labels = {"po": "Bestellnummer:", "date": "Bestelldatum:", "delivery": "Liefertermin:",
              "terms": "Zahlungsbedingungen:"}  # fmt: skip
    y = 140.0
    for label, value in header_rows(order, labels, fmt):
        doc.text(315, y, label, 8)
        doc.text(420, y, value, 8, bold=True)
        y += 13
    doc.text(57, 240, "Bestellung", 15, bold=True)
    top = 265.0
    if order.ship_to is not None:
        doc.text(57, top, "Lieferanschrift: " + order.ship_to_joiner.join(order.ship_to), 8.5)
        top += 18
    doc.text(57, top, "Sehr geehrte Damen und Herren, wir bestellen zu Ihren bekannten "
             "Bedingungen:", 9)  # fmt: skip
    cols = [
        Column("Pos.", 30, line_no, "r"),
        Column("Artikel-Nr.", 75, sku),
        Column("Bezeichnung", 175, description, wrap=True),
        Column("Menge", 45, lambda ln: fmt.qty(ln.quantity), "r"),
        Column("Einheit", 40, unit),
        Column("Einzelpreis", 65, lambda ln: fmt.money(ln.unit_price), "r"),
        Column("Betrag", 68, lambda ln: fmt.money(ln.amount), "r"),
    ]

    def continued(d: Doc) -> float:
        d.text(57, 40, f"Bestellung {order.po_number} – Seite {d.page_no}", 9)
        return 64

    style = TableStyle(header_gray=None, size=8.5, max_rows_per_page=_cap(order))
    y = draw_table(doc, 57, top + 22, cols, order.lines, style, continued) + 10
    tl = {"subtotal": "Zwischensumme", "tax": "zzgl. {rate} % MwSt.",
          "shipping": "Versandkosten", "total": "Gesamtbetrag {cur}"}  # fmt: skip
    y = draw_totals(doc, 380, 555, y, total_rows(order, tl, fmt), 9)
    doc.text(57, y + 16, "Mit freundlichen Grüßen", 9)
    doc.text(57, y + 30, f"{order.contact_name}, Einkauf", 9)
    return doc.finish()


def _cap(order: Order) -> int:
    return 10 if len(order.lines) > 10 else 99


@layout("fr_bon", ("FR",), Features(unit_column=False))
def fr_bon(order: Order) -> bytes:
    """Centred French title, buyer left and 'Fournisseur :' right, HT/TVA/TTC totals,
    1 234,56 numbers with a trailing €."""
    fmt = Fmt(FR_PLAIN, order.buyer.date_style or "slash_dmy")
    doc = Doc(PAGE_A4, "Serif", "Serif-Bold")
    doc.text(297, 36, "BON DE COMMANDE", 18, bold=True, align="c")
    doc.block(40, 80, (order.customer_name, *order.buyer.address), 9.5, bold_first=True)
    doc.rect(320, 76, 235, 70)
    doc.text(326, 80, "Fournisseur :", 9, bold=True)
    doc.block(326, 94, SUPPLIER_BLOCKS["fr"], 9)
    labels = {"po": "N° de commande :", "date": "Date de commande :",
              "delivery": "Date de livraison souhaitée :"}  # fmt: skip
    y = 170.0
    for label, value in header_rows(order, labels, fmt):
        doc.text(40, y, label, 9.5, bold=True)
        doc.text(200, y, value, 9.5)
        y += 15
    if order.ship_to is not None:
        doc.text(320, 170, "Adresse de livraison :", 9.5, bold=True)
        doc.block(320, 184, order.ship_to, 9)
    euro = " €" if order.currency == "EUR" else " " + order.currency
    cols = [
        Column("Réf.", 80, sku),
        Column("Désignation", 215, description, wrap=True),
        Column("Qté", 45, lambda ln: fmt.qty(ln.quantity), "r"),
        Column("Prix unitaire HT", 80, lambda ln: fmt.money(ln.unit_price) + euro, "r"),
        Column("Montant HT", 95, lambda ln: fmt.money(ln.amount) + euro, "r"),
    ]

    def continued(d: Doc) -> float:
        d.text(40, 36, f"Commande {order.po_number} (suite)", 10)
        return 60

    y = draw_table(doc, 40, 250, cols, order.lines, TableStyle(), continued) + 12
    tl = {"subtotal": "Total HT", "tax": "TVA {rate} %", "shipping": "Frais de port",
          "total": "Total TTC"}  # fmt: skip
    rows = [(label, value + euro) for label, value in total_rows(order, tl, fmt)]
    y = draw_totals(doc, 370, 555, y, rows)
    if order.payment_terms:
        doc.text(40, y + 14, f"Conditions de paiement : {order.payment_terms}", 9)
    return doc.finish()


@layout("nl_sidebar", ("NL",), Features(unit_column=False, subtotal=False))
def nl_sidebar(order: Order) -> bytes:
    """Order details in a shaded right-hand sidebar (label above value, ISO dates), quantity
    as the first column, no subtotal: only VAT, shipping and total."""
    fmt = Fmt(DE, "iso")
    doc = Doc(PAGE_A4, "Cond", "Cond-Bold")
    doc.rect(400, 0, 195, 842, gray=0.92)
    doc.text(40, 40, order.customer_name, 16, bold=True)
    doc.block(40, 62, order.buyer.address, 9)
    doc.text(40, 120, "Inkooporder / Purchase Order", 13, bold=True)
    doc.text(40, 150, "To:", 9, bold=True)
    doc.block(70, 150, SUPPLIER_BLOCKS["de"], 9)
    labels = {"po": "Order #", "date": "Order date", "delivery": "Delivery date",
              "terms": "Payment terms", "currency": "Currency"}  # fmt: skip
    y = 40.0
    for label, value in header_rows(order, labels, fmt):
        doc.text(412, y, label.upper(), 7)
        doc.text(412, y + 10, value, 10.5, bold=True)
        y += 32
    if order.ship_to is not None:
        doc.text(412, y, "SHIP TO", 7)
        doc.block(412, y + 10, order.ship_to, 8.5)
    cols = [
        Column("Qty", 40, lambda ln: fmt.qty(ln.quantity), "r"),
        Column("SKU", 70, sku),
        Column("Description", 150, description, wrap=True),
        Column("Unit Price", 50, lambda ln: fmt.money(ln.unit_price), "r"),
        Column("Ext. Price", 50, lambda ln: fmt.money(ln.amount), "r"),
    ]

    def continued(d: Doc) -> float:
        d.rect(400, 0, 195, 842, gray=0.92)
        d.text(40, 40, f"Order # {order.po_number} (page {d.page_no})", 10, bold=True)
        return 64

    y = draw_table(doc, 30, 240, cols, order.lines, TableStyle(size=8), continued) + 12
    tl = {"subtotal": "Subtotal", "tax": "VAT {rate}%", "shipping": "Shipping",
          "total": "Total {cur}"}  # fmt: skip
    draw_totals(doc, 200, 390, y, [(k, "€ " + v) if order.currency == "EUR" else (k, v)
                                   for k, v in total_rows(order, tl, fmt)])  # fmt: skip
    return doc.finish()


@layout("ch_bilingual", ("CH",), Features(shipping=False, unit_column=False))
def ch_bilingual(order: Order) -> bytes:
    """German/English labels ('Bestell-Nr. / PO No.'), a framed header table,
    1'234.56 numbers, CHF in the column headers, no shipping."""
    fmt = Fmt(CH, "dot")
    doc = Doc(PAGE_A4)
    doc.text(40, 40, order.customer_name, 15, bold=True)
    doc.text(40, 60, " | ".join(order.buyer.address), 8.5)
    doc.text(40, 96, "Bestellung / Purchase Order", 14, bold=True)
    labels = {"po": "Bestell-Nr. / PO No.", "date": "Datum / Date",
              "delivery": "Liefertermin / Delivery date",
              "terms": "Zahlungsbedingungen / Terms"}  # fmt: skip
    y = 124.0
    for label, value in header_rows(order, labels, fmt):
        doc.rect(40, y, 150, 18)
        doc.rect(190, y, 130, 18)
        doc.text(44, y + 5, label, 8)
        doc.text(194, y + 5, value, 8.5, bold=True)
        y += 18
    doc.text(350, 124, "Lieferant / Supplier:", 8, bold=True)
    doc.block(350, 138, SUPPLIER_BLOCKS["de"][:3], 9)
    if order.ship_to is not None:
        doc.text(350, 186, "Lieferadresse / Ship to:", 8, bold=True)
        doc.block(350, 200, order.ship_to, 9)
    cur = order.currency
    cols = [
        Column("Pos.\nItem", 32, line_no, "r"),
        Column("Art.-Nr.\nPart No.", 80, sku),
        Column("Bezeichnung\nDescription", 190, description, wrap=True),
        Column("Menge\nQty", 45, lambda ln: fmt.qty(ln.quantity), "r"),
        Column(f"Preis {cur}\nPrice {cur}", 75, lambda ln: fmt.money(ln.unit_price), "r"),
        Column(f"Betrag {cur}\nAmount {cur}", 93, lambda ln: fmt.money(ln.amount), "r"),
    ]

    def continued(d: Doc) -> float:
        d.text(40, 40, f"Bestellung / Order {order.po_number} – Seite / Page {d.page_no}", 9)
        return 64

    y = draw_table(doc, 40, 270, cols, order.lines, TableStyle(), continued) + 12
    tl = {"subtotal": "Total netto / Net total", "tax": "MWST / VAT {rate} %",
          "shipping": "Fracht / Freight", "total": "Total {cur}"}  # fmt: skip
    draw_totals(doc, 350, 555, y, total_rows(order, tl, fmt))
    return doc.finish()
