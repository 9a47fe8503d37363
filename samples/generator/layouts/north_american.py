"""US and Canadian order forms: Letter paper, month-first dates, 1,234.56 numbers."""

from __future__ import annotations

from samples.generator.content import Features, Order
from samples.generator.formatting import EN
from samples.generator.layouts.common import (
    SUPPLIER_BLOCKS,
    SYMBOLS,
    Fmt,
    description,
    header_rows,
    layout,
    line_no,
    sku,
    total_rows,
    unit,
)
from samples.generator.render import PAGE_LETTER, Column, Doc, TableStyle, draw_table, draw_totals


@layout("us_classic", ("US",), Features())
def us_classic(order: Order) -> bytes:
    """Letterhead top-left, title and label-beside-value header top-right, Vendor/Ship To boxes,
    a line table with line numbers and units, $ amounts."""
    fmt = Fmt(EN, "us")
    doc = Doc(PAGE_LETTER)
    buyer = order.buyer
    doc.text(50, 40, order.customer_name, 16, bold=True)
    doc.block(50, 62, buyer.address, 9)
    doc.text(560, 40, "PURCHASE ORDER", 18, bold=True, align="r")
    labels = {"po": "PO Number:", "date": "Date:", "delivery": "Delivery Date:",
              "terms": "Terms:"}  # fmt: skip
    y = 68.0
    for label, value in header_rows(order, labels, fmt):
        doc.text(420, y, label, 9, bold=True)
        doc.text(560, y, value, 9, align="r")
        y += 13
    doc.rect(50, 140, 240, 80)
    doc.text(56, 146, "Vendor:", 9, bold=True)
    doc.block(56, 160, SUPPLIER_BLOCKS["en"], 9)
    if order.ship_to is not None:
        doc.rect(320, 140, 240, 80)
        doc.text(326, 146, "Ship To:", 9, bold=True)
        doc.block(326, 160, (order.customer_name, *order.ship_to), 9)
    money = fmt.money
    cols = [
        Column("Line", 30, line_no, "c"),
        Column("Item #", 70, sku),
        Column("Description", 180, description, wrap=True),
        Column("Qty", 45, lambda ln: fmt.qty(ln.quantity), "r"),
        Column("UOM", 35, unit, "c"),
        Column("Unit Price", 70, lambda ln: money(ln.unit_price), "r"),
        Column("Amount", 80, lambda ln: money(ln.amount), "r"),
    ]

    def continued(d: Doc) -> float:
        d.text(50, 40, f"{order.customer_name} - Purchase Order {order.po_number or ''}", 10)
        d.text(560, 40, f"Page {d.page_no}", 9, align="r")
        return 70

    style = TableStyle(max_rows_per_page=_rows_cap(order))
    y = draw_table(doc, 50, 240, cols, order.lines, style, continued) + 12
    sym = SYMBOLS[order.currency] if order.currency == "USD" else order.currency + " "
    tl = {"subtotal": "Subtotal", "tax": "Sales Tax ({rate}%)", "shipping": "Shipping",
          "total": "Total"}  # fmt: skip
    rows = [(label, sym + value) for label, value in total_rows(order, tl, fmt)]
    y = draw_totals(doc, 400, 560, y, rows)
    doc.text(50, y + 20, f"Authorized by: {order.contact_name}, Purchasing", 9)
    doc.text(50, y + 34, "Please confirm this order by e-mail within 48 hours.", 8)
    return doc.finish()


def _rows_cap(order: Order) -> int:
    """Long orders (the multi-page samples) break after 12 rows, as a form with a fixed grid."""
    return 12 if len(order.lines) > 12 else 99


@layout(
    "us_compact",
    ("US",),
    Features(unit_column=False, tax=False, delivery_date=False, ship_to_joiner=", "),
)
def us_compact(order: Order) -> bytes:
    """Everything in one header row, buyer right-aligned, SKU before quantity, no line numbers."""
    fmt = Fmt(EN, "us")
    doc = Doc(PAGE_LETTER, "Cond", "Cond-Bold")
    doc.text(560, 36, order.customer_name, 14, bold=True, align="r")
    doc.text(560, 54, " · ".join(order.buyer.address), 8, align="r")
    doc.text(50, 36, "ORDER", 22, bold=True)
    parts = []
    if order.po_number is not None:
        parts.append(f"Order #: {order.po_number}")
    parts.append(f"Date: {fmt.date(order.order_date)}")
    if order.payment_terms:
        parts.append(f"Terms: {order.payment_terms}")
    doc.rect(50, 80, 510, 22, gray=0.93)
    doc.text(58, 86, "     ".join(parts), 10, bold=True)
    doc.text(50, 118, "Supplier:", 9, bold=True)
    doc.text(100, 118, ", ".join(SUPPLIER_BLOCKS["en"][:3]), 9)
    if order.ship_to is not None:
        doc.text(50, 134, "Deliver to:", 9, bold=True)
        doc.text(100, 134, order.ship_to_joiner.join(order.ship_to), 9)
    cols = [
        Column("SKU", 80, sku),
        Column("Qty", 45, lambda ln: fmt.qty(ln.quantity), "r"),
        Column("Description", 235, description, wrap=True),
        Column("Price", 70, lambda ln: "$" + fmt.money(ln.unit_price), "r"),
        Column("Total", 80, lambda ln: "$" + fmt.money(ln.amount), "r"),
    ]
    style = TableStyle(header_gray=None, size=9)

    def continued(d: Doc) -> float:
        d.text(50, 36, f"Order # {order.po_number} (continued)", 10, bold=True)
        return 60

    y = draw_table(doc, 50, 160, cols, order.lines, style, continued) + 14
    tl = {"subtotal": "Merchandise", "tax": "Tax", "shipping": "Freight",
          "total": "Order Total ({cur})"}  # fmt: skip
    draw_totals(doc, 390, 560, y, total_rows(order, tl, fmt), 9.5)
    return doc.finish()


@layout("ca_minimal", ("CA",), Features(unit_column=False))
def ca_minimal(order: Order) -> bytes:
    """Plain serif form: labels above values in the top-right, 'To:' for the supplier,
    totals with HST and freight, currency printed as CAD."""
    fmt = Fmt(EN, order.buyer.date_style or "short_en_us")
    doc = Doc(PAGE_LETTER, "Serif", "Serif-Bold")
    doc.text(50, 40, order.customer_name, 15, bold=True)
    doc.block(50, 62, order.buyer.address, 9)
    labels = {"po": "Purchase Order No.", "date": "Order Date", "delivery": "Required Date"}
    x = 320.0
    for label, value in header_rows(order, labels, fmt):
        doc.text(x, 72, label, 7.5)
        doc.text(x, 84, value, 10, bold=True)
        x += 80 if label != labels["po"] else 95
    doc.text(50, 130, "To:", 10, bold=True)
    doc.block(80, 130, SUPPLIER_BLOCKS["en"], 9.5)
    if order.ship_to is not None:
        doc.text(330, 130, "Ship to:", 10, bold=True)
        doc.block(380, 130, order.ship_to, 9.5)
    cols = [
        Column("Item", 85, sku),
        Column("Description", 215, description, wrap=True),
        Column("Quantity", 60, lambda ln: fmt.qty(ln.quantity), "r"),
        Column("Price", 70, lambda ln: fmt.money(ln.unit_price), "r"),
        Column("Amount", 80, lambda ln: fmt.money(ln.amount), "r"),
    ]
    style = TableStyle(header_gray=None, rule_rows=False, size=9)

    def continued(d: Doc) -> float:
        d.text(50, 40, f"P.O. {order.po_number} - page {d.page_no}", 10)
        return 64

    y = draw_table(doc, 50, 210, cols, order.lines, style, continued) + 12
    tl = {"subtotal": "Subtotal", "tax": "HST {rate}%", "shipping": "Freight",
          "total": "Total {cur}"}  # fmt: skip
    y = draw_totals(doc, 380, 560, y, total_rows(order, tl, fmt), 9.5)
    if order.payment_terms:
        doc.text(50, y + 16, f"Payment terms: {order.payment_terms}", 9)
    return doc.finish()
