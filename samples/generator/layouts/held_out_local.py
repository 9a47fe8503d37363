"""More held-out layouts: a small-business template, a French-Canadian order and a condensed
form that prints each item as a two-line block instead of a table row.

They only appear in samples/holdout/, so the hold-out score says whether extraction
generalises to purchase orders it was never tuned on.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from samples.generator.content import Features, Line, Order
from samples.generator.formatting import CH, DE, EN, FR_PLAIN
from samples.generator.layouts.common import (
    SUPPLIER_BLOCKS,
    Fmt,
    description,
    layout,
    sku,
    total_rows,
    unit,
)
from samples.generator.render import PAGE_A4, PAGE_LETTER, Column, Doc, TableStyle, draw_table
from samples.generator.render import draw_totals as totals


def _d(fmt: Fmt, value: date | None) -> str | None:
    return fmt.date(value) if value is not None else None


def _bar(doc: Doc, x: float, y: float, w: float, title: str) -> None:
    """A dark heading bar with white text, as office templates draw them."""
    doc.rect(x, y, w, 15, gray=0.3)
    doc.canvas.setFillGray(1)
    doc.text(x + 6, y + 3.5, title, 8.5, bold=True)
    doc.canvas.setFillGray(0)


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split()[:2] if word[:1].isalpha()).upper()


@layout("ho_smallbiz", ("US", "CA"), Features(unit_column=False), held_out=True)
def ho_smallbiz(order: Order) -> bytes:
    """A small-business office template: a logo box and the buyer's address top-left,
    'PURCHASE ORDER' large top-right with DATE / PO # in a small grid, VENDOR left and
    SHIP TO right under dark bars, QTY first and no unit column, a comments box,
    totals right and an 'Authorized by' signature line."""
    fmt = Fmt(EN, order.buyer.date_style or "us")
    doc = Doc(PAGE_LETTER)
    doc.rect(40, 36, 56, 56)
    doc.text(68, 56, _initials(order.customer_name), 16, bold=True, align="c")
    doc.block(106, 38, (order.customer_name, *order.buyer.address), 8.5, bold_first=True)
    doc.text(572, 36, "PURCHASE ORDER", 22, bold=True, align="r")
    grid = [("DATE", _d(fmt, order.order_date)), ("PO #", order.po_number),
            ("DELIVER BY", _d(fmt, order.delivery_date))]  # fmt: skip
    y = 70.0
    for label, value in grid:
        if value is not None:
            doc.rect(420, y, 70, 16, gray=0.85)
            doc.rect(490, y, 82, 16)
            doc.text(426, y + 4, label, 8, bold=True)
            doc.text(568, y + 4, value, 8.5, align="r")
            y += 16
    _bar(doc, 40, 140, 250, "VENDOR")
    doc.block(44, 160, SUPPLIER_BLOCKS["en"], 9)
    if order.ship_to is not None:
        _bar(doc, 322, 140, 250, "SHIP TO")
        doc.block(326, 160, (order.customer_name, *order.ship_to), 9)
    cols = [
        Column("QTY", 50, lambda ln: fmt.qty(ln.quantity), "c"),
        Column("ITEM #", 80, sku),
        Column("DESCRIPTION", 236, description, wrap=True),
        Column("UNIT PRICE", 80, lambda ln: fmt.money(ln.unit_price), "r"),
        Column("TOTAL", 86, lambda ln: fmt.money(ln.amount), "r"),
    ]

    def continued(d: Doc) -> float:
        d.text(40, 36, f"PURCHASE ORDER {order.po_number} (cont.)", 10, bold=True)
        return 60

    style = TableStyle(grid=True, header_gray=0.75, size=8.5)
    y = draw_table(doc, 40, 250, cols, order.lines, style, continued) + 10
    _comments(doc, order, y)
    tax = "SALES TAX {rate}%" if order.buyer.country == "US" else "HST {rate}%"
    tl = {"subtotal": "SUBTOTAL", "tax": tax, "shipping": "SHIPPING", "total": "TOTAL {cur}"}
    end = totals(doc, 420, 568, y + 4, total_rows(order, tl, fmt), 9)
    sign = max(end, y + 90) + 30
    doc.hline(40, 240, sign, 0.6)
    doc.text(40, sign + 4, f"Authorized by: {order.contact_name}", 8)
    return doc.finish()


def _comments(doc: Doc, order: Order, y: float) -> None:
    doc.rect(40, y, 300, 70)
    doc.text(46, y + 5, "Comments or Special Instructions", 8, bold=True)
    notes = ["Please include the PO number on all packing slips."]
    if order.payment_terms is not None:
        notes.append(f"Terms: {order.payment_terms}")
    doc.block(46, y + 20, notes, 8)


@layout("ho_fr_ca", ("CA",), Features(ship_to_joiner="\n"), held_out=True)
def ho_fr_ca(order: Order) -> bytes:
    """A French-Canadian order: 'BON DE COMMANDE', 'N° de commande' / 'Date de livraison'
    labels with a colon, 'Livrer à' and 'Fournisseur' blocks, 'Qté' / 'Prix unitaire' /
    'Montant' columns, 1 234,56 $ amounts with a trailing dollar sign, TVH and a CAD total."""
    fmt = Fmt(FR_PLAIN, order.buyer.date_style or "slash_dmy")
    doc = Doc(PAGE_LETTER, "Serif", "Serif-Bold")
    doc.text(40, 36, order.customer_name, 14, bold=True)
    doc.block(40, 56, order.buyer.address, 8.5)
    doc.text(572, 36, "BON DE COMMANDE", 16, bold=True, align="r")
    fields = [("N° de commande :", order.po_number), ("Date :", _d(fmt, order.order_date)),
              ("Date de livraison :", _d(fmt, order.delivery_date)),
              ("Conditions :", order.payment_terms), ("Devise :", order.currency)]  # fmt: skip
    y = 60.0
    for label, value in fields:
        if value is not None:
            doc.text(480, y, label, 8.5, align="r")
            doc.text(486, y, value, 8.5, bold=True)
            y += 13
    doc.text(40, 150, "Fournisseur", 9, bold=True)
    doc.block(40, 164, SUPPLIER_BLOCKS["en"], 9)
    if order.ship_to is not None:
        doc.text(320, 150, "Livrer à", 9, bold=True)
        doc.block(320, 164, order.ship_to, 9)

    def dollars(value: Decimal) -> str:
        return f"{fmt.money(value)} $"

    cols = [
        Column("Code", 72, sku),
        Column("Description", 200, description, wrap=True),
        Column("Qté", 48, lambda ln: fmt.qty(ln.quantity), "r"),
        Column("Unité", 40, unit, "c"),
        Column("Prix unitaire", 80, lambda ln: dollars(ln.unit_price), "r"),
        Column("Montant", 92, lambda ln: dollars(ln.amount), "r"),
    ]

    def continued(d: Doc) -> float:
        d.text(40, 36, f"Bon de commande {order.po_number} (suite)", 10, bold=True)
        return 60

    style = TableStyle(header_gray=0.9, size=8.5)
    y = draw_table(doc, 40, 240, cols, order.lines, style, continued) + 12
    tl = {"subtotal": "Sous-total", "tax": "TVH ({rate} %)", "shipping": "Transport",
          "total": "Total {cur}"}  # fmt: skip
    rows = [(label, f"{value} $") for label, value in total_rows(order, tl, fmt)]
    y = totals(doc, 380, 572, y, rows, 9)
    doc.text(40, y + 20, "Veuillez indiquer le numéro de commande sur la facture. Merci.", 8)
    return doc.finish()


_BLOCK_STYLES = {"CH": (CH, "dot"), "DE": (DE, "dot"), "NL": (DE, "slash_dmy")}


@layout("ho_blocks", ("CH", "DE", "NL"), Features(), held_out=True)
def ho_blocks(order: Order) -> bytes:
    """A condensed two-column form: buyer and delivery address left, order details right,
    then every item as a block of two lines (position, code and description on the first;
    quantity, unit, price and amount as 'Qty ... x ... = ...' on the second), no table."""
    numbers, date_style = _BLOCK_STYLES[order.buyer.country]
    fmt = Fmt(numbers, order.buyer.date_style or date_style)
    doc = Doc(PAGE_A4, "Cond", "Cond-Bold")
    doc.text(40, 30, "ORDER / BESTELLUNG", 13, bold=True)
    doc.hline(40, 555, 48, 1.0)
    left = [order.customer_name, *order.buyer.address]
    y = doc.block(40, 56, left, 8.5, bold_first=True)
    if order.ship_to is not None:
        doc.text(40, y + 6, "Delivery to:", 8, bold=True)
        doc.block(40, y + 18, order.ship_to, 8.5)
    right = [("Order no.", order.po_number), ("Order date", _d(fmt, order.order_date)),
             ("Delivery", _d(fmt, order.delivery_date)), ("Terms", order.payment_terms),
             ("Currency", order.currency), ("Supplier", SUPPLIER_BLOCKS["de"][0])]  # fmt: skip
    ry = 56.0
    for label, value in right:
        if value is not None:
            doc.text(300, ry, label, 8)
            doc.text(370, ry, value, 8.5, bold=True)
            ry += 12
    y = max(y + 70, ry + 14)
    doc.hline(40, 555, y, 0.6)
    for line in order.lines:
        y = _item_block(doc, line, fmt, y + 6)
        if y > doc.height - 120:
            doc.new_page()
            doc.text(40, 30, f"Order {order.po_number}, continued", 9, bold=True)
            y = 50.0
    tl = {"subtotal": "Net", "tax": "VAT {rate}%", "shipping": "Freight",
          "total": "Total {cur}"}  # fmt: skip
    totals(doc, 380, 555, y + 14, total_rows(order, tl, fmt), 8.5)
    return doc.finish()


def _item_block(doc: Doc, line: Line, fmt: Fmt, y: float) -> float:
    """One item: '3  AX-1000  description' then the quantity/price/amount line below."""
    doc.text(40, y, f"{line.line_no}.", 8.5, bold=True)
    doc.text(58, y, line.sku or "", 8.5, bold=True)
    rows = doc.wrap(line.description, 380, 8.5)
    for i, row in enumerate(rows):
        doc.text(150, y + i * 11, row, 8.5)
    y += len(rows) * 11
    qty = f"Qty {fmt.qty(line.quantity)} {line.unit or ''}  x  {fmt.money(line.unit_price)}"
    doc.text(150, y, qty, 8)
    doc.text(555, y, "= " + fmt.money(line.amount), 8.5, align="r")
    y += 12
    doc.hline(58, 555, y + 2, 0.2)
    return y + 2
