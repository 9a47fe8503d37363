"""More held-out layouts, modelled on real-world order styles that no corpus layout uses:
an ERP printout, a procurement-portal order and a landscape spreadsheet export.

They only appear in samples/holdout/, so the hold-out score says whether extraction
generalises to purchase orders it was never tuned on.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib.pagesizes import landscape

from samples.generator.content import Features, Order
from samples.generator.formatting import CH, DE, EN
from samples.generator.layouts.common import (
    SUPPLIER_BLOCKS,
    SYMBOLS,
    Fmt,
    description,
    layout,
    percent,
    sku,
    total_rows,
    unit,
)
from samples.generator.render import PAGE_A4, PAGE_LETTER, Column, Doc, TableStyle, draw_table
from samples.generator.render import draw_totals as totals

_ERP_STYLES = {"DE": (DE, "dot"), "CH": (CH, "dot"), "US": (EN, "us")}
_ERP_TERMS = (
    "Please state our purchase order number on all correspondence, delivery notes and "
    "invoices. Deliveries are accepted Mon-Fri 07:00-15:00 only. Our general terms and "
    "conditions of purchase apply exclusively; conflicting terms of the supplier are not "
    "accepted even if we do not expressly object to them. Partial deliveries only after "
    "agreement. Place of performance is the delivery address stated above."
)


def _small_print(doc: Doc, x: float, y: float, text: str, width: float) -> float:
    for row in doc.wrap(text, width, 6.5):
        doc.text(x, y, row, 6.5)
        y += 8.5
    return y


@layout("ho_erp", ("DE", "CH", "US"), Features(), held_out=True)
def ho_erp(order: Order) -> bytes:
    """An ERP printout (SAP style): 'Purchasing document' and date in a box top-right, item
    numbers 00010/00020, 'Material' codes, a delivery date on every line, 'Net price' with
    a separate 'per' column ('1 EA'), 'Net value', conditions and small print at the end."""
    numbers, date_style = _ERP_STYLES[order.buyer.country]
    fmt = Fmt(numbers, order.buyer.date_style or date_style)
    doc = Doc(PAGE_A4 if order.buyer.country != "US" else PAGE_LETTER, "Cond", "Cond-Bold")
    right = doc.width - 40
    doc.text(40, 30, order.customer_name, 12, bold=True)
    doc.text(40, 46, " · ".join(order.buyer.address), 7)
    doc.text(40, 74, "Purchase Order", 18, bold=True)
    doc.rect(right - 200, 30, 200, 62)
    head = [("Purchasing document", order.po_number), ("Date", _d(fmt, order.order_date)),
            ("Currency", order.currency), ("Page", "1")]  # fmt: skip
    y = 36.0
    for label, value in head:
        if value is not None:
            doc.text(right - 194, y, label, 7.5)
            doc.text(right - 6, y, value, 8.5, bold=True, align="r")
            y += 13
    doc.text(40, 110, "Vendor", 7.5)
    doc.block(40, 122, SUPPLIER_BLOCKS["de" if order.buyer.country != "US" else "en"], 8.5)
    if order.ship_to is not None:
        doc.text(300, 110, "Delivery address", 7.5)
        doc.block(300, 122, order.ship_to, 8.5)
    y = 188.0
    if order.payment_terms is not None:
        doc.text(40, y, f"Terms of payment: {order.payment_terms}", 8)
        y += 12
    doc.text(40, y, "Incoterms: FCA our works", 8)
    deliv = _d(fmt, order.delivery_date) or ""
    cols = [
        Column("Item", 34, lambda ln: f"{ln.line_no * 10:05d}"),
        Column("Material", 62, sku),
        Column("Short text", 150, description, wrap=True),
        Column("Deliv. date", 52, lambda ln: deliv),
        Column("Order qty", 48, lambda ln: fmt.qty(ln.quantity), "r"),
        Column("Unit", 28, unit),
        Column("Net price", 52, lambda ln: fmt.money(ln.unit_price), "r"),
        Column("per", 32, lambda ln: f"1 {ln.unit or ''}"),
        Column("Net value", 57, lambda ln: fmt.money(ln.amount), "r"),
    ]

    def continued(d: Doc) -> float:
        d.text(40, 36, f"Purchase Order {order.po_number}  (continued)", 9, bold=True)
        return 58

    style = TableStyle(size=7.5, header_gray=None, bold_header=False)
    y = draw_table(doc, 40, y + 22, cols, order.lines, style, continued) + 14
    tl = {"subtotal": "Total net value excl. tax", "tax": "Input tax {rate} %",
          "shipping": "Freight", "total": "Total value incl. tax {cur}"}  # fmt: skip
    y = totals(doc, right - 220, right, y, total_rows(order, tl, fmt), 8.5)
    _small_print(doc, 40, y + 16, _ERP_TERMS, right - 40)
    return doc.finish()


def _d(fmt: Fmt, value: date | None) -> str | None:
    return fmt.date(value) if value is not None else None


def _card(doc: Doc, x: float, y: float, label: str, value: str) -> None:
    doc.rect(x, y, 128, 40, gray=0.94)
    doc.text(x + 8, y + 7, label.upper(), 6.5)
    doc.text(x + 8, y + 20, value, 10.5, bold=True)


def _portal_block(doc: Doc, x: float, title: str, rows: Sequence[str]) -> None:
    doc.text(x, 170, title, 8, bold=True)
    doc.hline(x, x + 160, 182, 0.4)
    doc.block(x, 188, rows, 8)


@layout("ho_portal", ("US", "GB", "CA"), Features(), held_out=True)
def ho_portal(order: Order) -> bytes:
    """A procurement-portal order (Coupa/Ariba style): summary cards across the top (label
    above value, the total with currency symbol and code), Supplier / Ship-to / Bill-to blocks,
    'Line | Item / Description | Qty | UOM | Price | Extended' with the item code and the
    description in one cell, totals bottom right, 'Page x of y' footer."""
    fmt = Fmt(EN, order.buyer.date_style or ("us" if order.buyer.country == "US" else "iso"))
    doc = Doc(PAGE_LETTER)
    symbol = SYMBOLS[order.currency]
    doc.rect(0, 0, doc.width, 26, gray=0.25)
    doc.canvas.setFillGray(1)
    doc.text(36, 7, f"{order.customer_name}  |  Procurement", 10, bold=True)
    doc.canvas.setFillGray(0)
    doc.text(36, 42, f"Purchase Order #{order.po_number or ''}".rstrip(" #"), 16, bold=True)
    doc.text(36, 64, "Status: Issued   Version 1   Requester: " + order.contact_name, 7.5)
    cards = [("Order date", _d(fmt, order.order_date)), ("Need by", _d(fmt, order.delivery_date)),
             ("Payment terms", order.payment_terms),
             ("Total", f"{symbol}{fmt.money(order.total)} {order.currency}")]  # fmt: skip
    x = 36.0
    for label, value in cards:
        if value is not None:
            _card(doc, x, 90, label, value)
            x += 136
    _portal_block(doc, 36, "Supplier", SUPPLIER_BLOCKS["en"])
    if order.ship_to is not None:
        _portal_block(doc, 222, "Ship-to", order.ship_to)
    _portal_block(doc, 408, "Bill-to", (order.customer_name, *order.buyer.address))
    cols = [
        Column("Line", 30, lambda ln: str(ln.line_no), "c"),
        Column("Item / Description", 232, lambda ln: f"{ln.sku} {ln.description}", wrap=True),
        Column("Qty", 50, lambda ln: fmt.qty(ln.quantity), "r"),
        Column("UOM", 40, unit, "c"),
        Column("Price", 80, lambda ln: f"{symbol}{fmt.money(ln.unit_price)}", "r"),
        Column("Extended", 108, lambda ln: f"{symbol}{fmt.money(ln.amount)}", "r"),
    ]
    pages = 1 if len(order.lines) <= 10 else 2
    _footer(doc, order, pages)

    def continued(d: Doc) -> float:
        _footer(d, order, pages)
        return 40

    style = TableStyle(size=8, header_gray=0.92, bottom_margin=80)
    y = draw_table(doc, 36, 262, cols, order.lines, style, continued) + 14
    tax = "Tax ({rate}%)" if order.buyer.country != "CA" else "HST ({rate}%)"
    tl = {"subtotal": "Subtotal", "tax": tax, "shipping": "Shipping", "total": "Total ({cur})"}
    rows = [(label, symbol + value) for label, value in total_rows(order, tl, fmt)]
    totals(doc, 380, doc.width - 36, y, rows, 9)
    return doc.finish()


def _footer(doc: Doc, order: Order, pages: int) -> None:
    y = doc.height - 34
    doc.hline(36, doc.width - 36, y - 6, 0.3)
    doc.text(36, y, f"PO {order.po_number or ''} · generated by the buyer's portal", 7)
    doc.text(doc.width - 36, y, f"Page {doc.page_no} of {pages}", 7, align="r")


_SHEET_STYLES = {"GB": "slash_dmy", "US": "us", "NL": "iso"}


@layout("ho_sheet", ("GB", "US", "NL"), Features(ship_to_joiner=", "), held_out=True)
def ho_sheet(order: Order) -> bytes:
    """A spreadsheet export on a landscape page: header fields as 'Label | value' grid rows,
    a fully gridded table with many columns the order does not need (Cost centre, GL account,
    Tax code) besides Item code, Need by, Qty, UoM, Unit price and Net amount, totals as
    spreadsheet rows under the table."""
    fmt = Fmt(EN, order.buyer.date_style or _SHEET_STYLES[order.buyer.country])
    doc = Doc(landscape(PAGE_A4), "Sans", "Sans-Bold")
    cells = [("PO Number", order.po_number), ("Buyer", order.customer_name),
             ("PO Date", _d(fmt, order.order_date)), ("Supplier", SUPPLIER_BLOCKS["en"][0]),
             ("Currency", order.currency), ("Payment Terms", order.payment_terms),
             ("Ship To", ", ".join(order.ship_to) if order.ship_to else None)]  # fmt: skip
    y = 30.0
    for label, value in cells:
        if value is not None:
            doc.rect(30, y, 90, 15, gray=0.9)
            doc.rect(30, y, 90, 15)
            doc.rect(120, y, 400, 15)
            doc.text(34, y + 4, label, 7.5, bold=True)
            doc.text(124, y + 4, value, 7.5)
            y += 15
    need_by = _d(fmt, order.delivery_date) or ""
    tax_code = f"V{percent(order.tax_rate, EN).replace('.', '')}" if order.tax else "V0"
    cols = [
        Column("Line", 30, lambda ln: str(ln.line_no), "r"),
        Column("Item Code", 70, sku),
        Column("Item Description", 190, description, wrap=True),
        Column("Cost centre", 58, lambda ln: f"CC-{4100 + 10 * (ln.line_no % 3)}"),
        Column("GL account", 58, lambda ln: "600300" if ln.unit_price < 50 else "610200"),
        Column("Need by", 60, lambda ln: need_by),
        Column("Qty", 46, lambda ln: fmt.qty(ln.quantity), "r"),
        Column("UoM", 34, unit, "c"),
        Column("Unit Price", 62, lambda ln: fmt.money(ln.unit_price), "r"),
        Column("Tax code", 44, lambda ln: tax_code, "c"),
        Column("Net Amount", 70, lambda ln: fmt.money(ln.amount), "r"),
    ]

    def continued(d: Doc) -> float:
        return 30

    style = TableStyle(size=7, pad=3, grid=True, header_gray=0.8)
    y = draw_table(doc, 30, y + 16, cols, order.lines, style, continued)
    tl = {"subtotal": "Net Total", "tax": "Tax ({rate}%)", "shipping": "Freight",
          "total": "Order Total ({cur})"}  # fmt: skip
    x_label = 30 + sum(col.width for col in cols[:-2])
    for label, value in total_rows(order, tl, fmt):
        doc.rect(x_label, y, 44, 14)
        doc.rect(x_label + 44, y, 70, 14)
        doc.text(x_label - 4, y + 3.5, label, 7, bold=label.startswith("Order"), align="r")
        doc.text(x_label + 111, y + 3.5, value, 7, bold=label.startswith("Order"), align="r")
        y += 14
    doc.text(30, doc.height - 30, "Exported from purchasing workbook, sheet 'PO'", 6.5)
    return doc.finish()
