"""Chinese/English bilingual order form: CJK font, 年月日 dates, ¥ amounts."""

from __future__ import annotations

from samples.generator.content import Features, Order
from samples.generator.formatting import EN
from samples.generator.layouts.common import (
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


@layout("cn_bilingual", ("CN",), Features(shipping=False, ship_to_joiner=" "))
def cn_bilingual(order: Order) -> bytes:
    """Centred bilingual title, label-beside-value pairs in two columns, two-row bilingual
    column headers, ¥ amounts and a CNY total."""
    fmt = Fmt(EN, "cjk")
    doc = Doc(PAGE_A4, "CJK", "CJK-Bold")
    doc.text(297, 36, "采购订单 PURCHASE ORDER", 17, bold=True, align="c")
    doc.text(40, 72, f"采购方 Buyer: {order.customer_name}", 10.5, bold=True)
    doc.text(40, 88, "地址 Address: " + " ".join(order.buyer.address), 8.5)
    labels = {"po": "订单号 PO No.:", "date": "订单日期 Order Date:",
              "delivery": "交货日期 Delivery Date:",
              "terms": "付款条件 Payment Terms:"}  # fmt: skip
    rows = header_rows(order, labels, fmt)
    for i, (label, value) in enumerate(rows):
        doc.text(40 if i % 2 == 0 else 310, 116 + (i // 2) * 16, f"{label} {value}", 9.5)
    doc.text(40, 160, "供应商 Supplier: Acme Supply Co., 500 Commerce Drive, Allentown, PA, USA", 9)
    if order.ship_to is not None:
        doc.text(40, 176, "收货地址 Ship To: " + order.ship_to_joiner.join(order.ship_to), 9)
    yen = "¥" if order.currency == "CNY" else order.currency + " "
    cols = [
        Column("序号\nNo.", 32, line_no, "c"),
        Column("物料编码\nItem Code", 85, sku),
        Column("品名规格\nDescription", 165, description, wrap=True),
        Column("数量\nQty", 50, lambda ln: fmt.qty(ln.quantity), "r"),
        Column("单位\nUnit", 35, unit, "c"),
        Column("单价\nUnit Price", 70, lambda ln: yen + fmt.money(ln.unit_price), "r"),
        Column("金额\nAmount", 78, lambda ln: yen + fmt.money(ln.amount), "r"),
    ]

    def continued(d: Doc) -> float:
        d.text(40, 36, f"采购订单 {order.po_number} 第{d.page_no}页 (continued)", 10)
        return 60

    y = draw_table(doc, 40, 200, cols, order.lines, TableStyle(grid=True), continued) + 12
    tl = {"subtotal": "合计 Subtotal", "tax": "增值税 VAT {rate}%", "shipping": "运费 Freight",
          "total": "总计 Total ({cur})"}  # fmt: skip
    rows2 = [(label, yen + value) for label, value in total_rows(order, tl, fmt)]
    draw_totals(doc, 360, 555, y, rows2, 9.5)
    return doc.finish()
