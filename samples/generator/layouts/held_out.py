"""Held-out layouts: they only appear in samples/holdout/, to check that extraction
generalises to forms it was never developed against."""

from __future__ import annotations

from samples.generator.content import Features, Order
from samples.generator.formatting import CH, DE, EN, FR_PLAIN
from samples.generator.layouts.common import (
    SUPPLIER_BLOCKS,
    Fmt,
    description,
    layout,
    line_no,
    sku,
    total_rows,
    unit,
)
from samples.generator.render import PAGE_A4, Column, Doc, TableStyle, draw_table, draw_totals


@layout(
    "ho_letter",
    ("GB", "US"),
    Features(unit_column=False, shipping=False, ship_to_joiner=", "),
    held_out=True,
)
def ho_letter(order: Order) -> bytes:
    """A business letter: the order date stands alone top-right without a label, the PO
    number sits in a sentence ('our purchase order reference ...'), 'No. off' quantities."""
    us = order.buyer.country == "US"
    fmt = Fmt(EN, "long_en_us" if us else "long_en")
    doc = Doc(PAGE_A4, "Serif", "Serif-Bold")
    doc.text(297, 34, order.customer_name, 16, bold=True, align="c")
    doc.text(297, 56, " ~ ".join(order.buyer.address), 8.5, align="c")
    doc.hline(60, 535, 72, 0.4)
    doc.block(60, 100, SUPPLIER_BLOCKS["en" if us else "gb"], 10)
    doc.text(535, 100, fmt.date(order.order_date), 10, align="r")
    greeting = "Dear Sir or Madam," if not us else "Dear Acme team,"
    doc.text(60, 180, greeting, 10)
    sentence = "Please supply the following"
    if order.po_number is not None:
        sentence += f" under our purchase order reference {order.po_number}"
    if order.delivery_date is not None:
        sentence += f", for delivery by {fmt.date(order.delivery_date)}"
    y = 198.0
    for row in doc.wrap(sentence + ":", 470, 10):
        doc.text(60, y, row, 10)
        y += 14
    cols = [
        Column("Code", 80, sku),
        Column("Item", 220, description, wrap=True),
        Column("No. off", 50, lambda ln: fmt.qty(ln.quantity), "r"),
        Column("Rate", 60, lambda ln: fmt.money(ln.unit_price), "r"),
        Column("Value", 65, lambda ln: fmt.money(ln.amount), "r"),
    ]

    def continued(d: Doc) -> float:
        d.text(60, 40, f"Order {order.po_number}, continued", 10)
        return 64

    style = TableStyle(header_gray=None, rule_rows=False, size=9.5)
    y = draw_table(doc, 60, y + 10, cols, order.lines, style, continued) + 12
    tl = {"subtotal": "Goods", "tax": "VAT at {rate}%" if not us else "Sales tax {rate}%",
          "shipping": "Carriage", "total": "Amount payable ({cur})"}  # fmt: skip
    y = draw_totals(doc, 330, 535, y, total_rows(order, tl, fmt), 10)
    if order.ship_to is not None:
        doc.text(60, y + 10, "Delivery address: " + order.ship_to_joiner.join(order.ship_to), 9.5)
    if order.payment_terms:
        doc.text(60, y + 26, f"Payment terms: {order.payment_terms}", 9.5)
    doc.text(60, y + 56, "Yours faithfully,", 10)
    doc.text(60, y + 90, f"{order.contact_name}, Buyer", 10)
    return doc.finish()


_LEDGER_STYLES = {"DE": (DE, "dot"), "CH": (CH, "dot"), "FR": (FR_PLAIN, "slash_dmy"),
                  "NL": (DE, "iso")}  # fmt: skip


@layout("ho_ledger", ("DE", "FR", "NL", "CH"), Features(), held_out=True)
def ho_ledger(order: Order) -> bytes:
    """Right-aligned labels in a two-column header, the buyer only as an 'Ordered by' field,
    article code and specification in separate columns, 'Gross value' as the total."""
    numbers, date_style = _LEDGER_STYLES[order.buyer.country]
    fmt = Fmt(numbers, date_style)
    doc = Doc(PAGE_A4, "Mono", "Mono-Bold")
    doc.rect(40, 30, 515, 28, gray=0.15)
    doc.canvas.setFillGray(1)
    doc.text(50, 38, "PURCHASE ORDER", 13, bold=True)
    doc.canvas.setFillGray(0)
    fields = [("Purchase Order No.", order.po_number), ("Issued", _d(fmt, order.order_date)),
              ("Deliver by", _d(fmt, order.delivery_date)), ("Terms", order.payment_terms),
              ("Currency", order.currency)]  # fmt: skip
    y = 74.0
    for label, value in fields:
        if value is not None:
            doc.text(170, y, label + " |", 8.5, align="r")
            doc.text(176, y, value, 8.5, bold=True)
            y += 13
    doc.text(420, 74, "Ordered by |", 8.5, align="r")
    doc.block(426, 74, (order.customer_name, *order.buyer.address), 8, bold_first=True)
    doc.text(420, 150, "Supplier |", 8.5, align="r")
    doc.block(426, 150, SUPPLIER_BLOCKS["de"], 8)
    if order.ship_to is not None:
        doc.text(170, 150, "Deliver to |", 8.5, align="r")
        doc.block(176, 150, order.ship_to, 8)
    cols = [
        Column("No.", 28, line_no, "r"),
        Column("Article", 82, sku),
        Column("Specification", 165, description, wrap=True),
        Column("Qty ordered", 62, lambda ln: fmt.qty(ln.quantity), "r"),
        Column("Unit", 32, unit),
        Column("Net price", 66, lambda ln: fmt.money(ln.unit_price), "r"),
        Column("Line value", 80, lambda ln: fmt.money(ln.amount), "r"),
    ]

    def continued(d: Doc) -> float:
        d.text(40, 36, f"PO {order.po_number} / page {d.page_no}", 9)
        return 60

    y = draw_table(doc, 40, 230, cols, order.lines, TableStyle(size=7.5), continued) + 10
    tl = {"subtotal": "Net value", "tax": "Tax {rate}%", "shipping": "Delivery charge",
          "total": "Gross value {cur}"}  # fmt: skip
    draw_totals(doc, 360, 555, y, total_rows(order, tl, fmt), 8.5)
    return doc.finish()


def _d(fmt: Fmt, value: object) -> str | None:
    from datetime import date

    return fmt.date(value) if isinstance(value, date) else None
