"""The fifth blind set's layouts: a Jinja2 template each, with its locale, numbering and trade.

Each layout numbers its orders its own way (Oracle EBS "4417023" with a revision, a Japanese
trading company's "PO2603-0417", a Visma "24417", a TOTVS Protheus "004417", an MYOB
"00000417", an Indian "PO/25-26/0417" carrying the financial year, a QuickBooks "1417"), and
some change what the trade prints: a firm's Swedish branch orders net under the EU reverse
charge with 'Moms 0,00', an Australian branch adds GST 10 %, an Indian plant pays CGST and
SGST line by line, a Japanese branch or a Brazilian plant of a US firm orders in dollars.
`adapt` applies both to an order of this set.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import jinja2

from samples.generator.blind import layouts as blind_layouts
from samples.generator.blind.layouts import SUPPLIERS, oracle_date
from samples.generator.blind.printing import PAGE_OF, PageSetup
from samples.generator.blind2.layouts import context, digits, print_layout
from samples.generator.blind3.layouts import LETTER
from samples.generator.blind4.layouts import Adjust, Blind4Layout, adapt_in, code
from samples.generator.content import TERMS, Features, Order, money
from samples.generator.formatting import DE, FR_PLAIN, MONTHS_EN, date_text

TEMPLATES = Path(__file__).with_name("templates")
_ENV = blind_layouts.ENV.overlay(loader=jinja2.FileSystemLoader(TEMPLATES))
_SUPPLIERS = {
    **SUPPLIERS,
    "JP": ("Acme Supply Co.", "2200 Commerce Drive", "Columbus, OH 43219, U.S.A."),
    "BR": ("Acme Supply Co.", "2200 Commerce Drive", "Columbus, OH 43219 - EUA"),
}
# Who an Indian plant buys from: the supplier's own Tamil Nadu stockist, so CGST and SGST apply.
_INDIA_SUPPLIER = ("Acme Supply Co.", "c/o Acme Distribution (India) Pvt. Ltd.",
                   "Plot 7, Ambattur Industrial Estate", "Chennai, Tamil Nadu 600058")  # fmt: skip
HALF_GST = Decimal("0.09")  # CGST and SGST, each half of 18 %


@dataclass(frozen=True)
class Blind5Layout(Blind4Layout):
    supplier: tuple[str, ...] | None = None  # the addressee when it is not the usual one


# --- dates ------------------------------------------------------------------------------
def japanese_date(d: date) -> str:
    """'2026年3月5日', as Japanese order forms print the issue date."""
    return date_text(d, "cjk")


def tally_date(d: date) -> str:
    """'5-Mar-26', as Tally and many Indian ERPs print dates."""
    return f"{d.day}-{MONTHS_EN[d.month - 1][:3]}-{d.year % 100:02d}"


def financial_year(d: date) -> str:
    """India's April-to-March year an order falls in: '25-26' for 5 March 2026."""
    start = d.year if d.month >= 4 else d.year - 1
    return f"{start % 100:02d}-{(start + 1) % 100:02d}"


# --- the amount in English words, as Indian orders print it under the total -------------
_ONES = ("", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
         "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen",
         "Eighteen", "Nineteen")  # fmt: skip
_TENS = ("", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety")


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = [f"{_ONES[hundreds]} Hundred"] if hundreds else []
    if rest >= 20:
        tens, unit = divmod(rest, 10)
        words.append(_TENS[tens] + (f"-{_ONES[unit]}" if unit else ""))
    elif rest:
        words.append(_ONES[rest])
    return " ".join(words)


def english_words(amount: Decimal) -> str:
    """1234.56 -> 'US Dollars One Thousand Two Hundred Thirty-Four and Cents Fifty-Six Only'."""
    whole, cents = divmod(int((amount * 100).to_integral_value()), 100)
    millions, rest = divmod(whole, 10**6)
    thousands, units = divmod(rest, 1000)
    words = [f"{_below_thousand(millions)} Million"] if millions else []
    words += [f"{_below_thousand(thousands)} Thousand"] if thousands else []
    words += [_below_thousand(units) or "Zero"] if units or not words else []
    text = "US Dollars " + " ".join(words)
    return text + (f" and Cents {_below_thousand(cents)}" if cents else "") + " Only"


# --- what each layout's trade changes ----------------------------------------------------
def _printed_subtotal(order: Order) -> Decimal:
    if order.subtotal is not None:
        return order.subtotal
    return sum((ln.amount for ln in order.lines), Decimal(0))


def branch(
    order: Order,
    sites: Mapping[str, tuple[str, ...]],
    terms: str,
    rate: Decimal,
    tax_of: Callable[[Order], Decimal],
) -> Order:
    """The order of a firm's branch abroad: the branch's site (if it has one), local terms
    and a new tax; a subtotal or total made wrong on purpose (a review case) stays as wrong."""
    subtotal, shipping = _printed_subtotal(order), order.shipping or Decimal(0)
    drift = order.total - (subtotal + (order.tax or Decimal(0)) + shipping)
    site = sites.get(order.customer_id or "", order.ship_to)
    moved = replace(order, ship_to=site, payment_terms=terms, tax_rate=rate)
    tax = tax_of(moved)
    return replace(moved, tax=tax, total=subtotal + tax + shipping + drift)


def half_gst(amount: Decimal) -> Decimal:
    """CGST (or SGST) on one line: 9 % of its taxable value, rounded per line."""
    return money(amount * HALF_GST)


_JAPAN_BRANCH = ("Yokohama Branch, 12F Landmark Tower", "2-2-1 Minatomirai, Nishi-ku",
                 "Yokohama, Kanagawa 220-8112", "Japan")  # fmt: skip


def _us_firms_branch(site: tuple[str, ...], country: str) -> Adjust:
    """A US firm's branch in `country` orders in dollars, delivered to the branch, on the
    country's usual terms; the country's own buyers keep their order as drawn."""

    def adjust(order: Order, rng: random.Random) -> Order:
        if order.buyer.country == country:
            return order
        return replace(order, ship_to=site, payment_terms=rng.choice(TERMS[country]))

    return adjust


_SWEDISH_BRANCHES = {
    "C0007": ("Lager Hisings Backa", "Exportgatan 28", "422 46 Hisings Backa", "Sverige"),
    "C0002": ("Filial Eskilstuna, Godsmottagning", "Verkstadsgatan 5", "632 20 Eskilstuna",
              "Sverige"),
}  # fmt: skip


def _sweden(order: Order, rng: random.Random) -> Order:
    """A Swedish branch of an EU firm: reverse charge (moms 0,00), Swedish terms."""
    terms = rng.choice(("30 dagar netto", "Netto 45 dagar", "20 dagar netto"))
    return branch(order, _SWEDISH_BRANCHES, terms, Decimal(0), lambda o: Decimal("0.00"))


_BRAZIL_PLANT = ("Unidade Jacareí - Recebimento Fiscal", "Rua Antônio Afonso 1450",
                 "12322-030 Jacareí - SP", "Brasil")  # fmt: skip


_AUSTRALIAN_SITES = {
    "C0001": ("Unit 6, 14 Boundary Road", "Laverton North VIC 3026", "Australia"),
    "C0011": ("Lot 22, 310 Kewdale Road", "Welshpool WA 6106", "Australia"),
}


def _australia(order: Order, rng: random.Random) -> Order:
    """An Australian branch: GST 10 %, delivery to its own site, terms after end of month."""
    terms = rng.choice(("30 days after EOM", "Net 14 days", "C.O.D."))
    return branch(order, _AUSTRALIAN_SITES, terms, Decimal("0.10"),
                   lambda o: money(_printed_subtotal(o) * o.tax_rate))  # fmt: skip


_INDIAN_PLANTS = {
    "C0014": ("Plot No. 42, SIPCOT Industrial Park", "Sriperumbudur, Kancheepuram Dist.",
              "Tamil Nadu 602105", "India"),
    "C0003": ("SF No. 118/2, SIDCOT Industrial Estate", "Hosur, Krishnagiri Dist.",
              "Tamil Nadu 635126", "India"),
}  # fmt: skip


def _india(order: Order, rng: random.Random) -> Order:
    """A US firm's Tamil Nadu plant: CGST 9 % and SGST 9 % per line, Indian terms."""
    terms = rng.choice(("Within 45 days from receipt of material", "100% within 30 days of "
                        "invoice"))  # fmt: skip
    return branch(
        order,
        _INDIAN_PLANTS,
        terms,
        Decimal("0.18"),
        lambda o: 2 * sum((half_gst(ln.amount) for ln in o.lines), Decimal(0)),
    )


def _quickbooks(order: Order, rng: random.Random) -> Order:
    """A small shop's QuickBooks vendor terms are always the same."""
    return replace(order, payment_terms="Net 45")


def adapt(layout_id: str, order: Order) -> Order:
    """The order with its PO number in the layout's style and its trade's changes (other
    sets' orders unchanged); seeded by the number it replaces."""
    return adapt_in(LAYOUTS, layout_id, order)


def render(layout: Blind5Layout, order: Order) -> bytes:
    """The text PDF of `order` printed in `layout`."""
    suppliers: dict[str, tuple[str, ...]] = dict(_SUPPLIERS)
    if layout.supplier is not None:
        suppliers = {order.buyer.country: layout.supplier}
    extra = {"code": code, "words": english_words, "gst": half_gst,
             "week": lambda d: d.isocalendar().week,
             "ymd": lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}"}  # fmt: skip
    return print_layout(_ENV, layout, {**context(layout, order, suppliers), **extra})


LAYOUTS: dict[str, Blind5Layout] = {
    spec.layout_id: spec
    for spec in (
        Blind5Layout(
            "ne_oracle_us", "oracle_us.html", ("US",),
            "Oracle E-Business Suite standard purchase order: a dense boxed header "
            "(Purchase Order / Revision, Order Date, Created By, Revision Date, Supplier "
            "No.), Ship To and Bill To side by side, Customer Acct/Payment Terms/Freight "
            "Terms/FOB/Carrier row, dates 05-MAR-2026, each line's 'Need-By' as "
            "19-MAR-2026 23:59:59 in its own column, Part Number over Description, UOM as "
            "words (Each, Box), no tax or freight, only 'Total' at the end; PO number and "
            "revision repeated in every page's footer",
            oracle_date, lambda rng, d: f"44{digits(rng, 5)}",
            features=Features(subtotal=False, tax=False, shipping=False,
                              unit_map=(("EA", "Each"), ("BOX", "Box"), ("SET", "Set"),
                                        ("ROL", "Roll"), ("M", "Meter"))),
            page=replace(LETTER, footer='<div style="display:flex;justify-content:space-between">'
                         "<span>Purchase Order {{ o.po_number }}, 0</span><span>Page "
                         + PAGE_OF + "</span></div>"),
        ),
        Blind5Layout(
            "ne_chumon_jp", "chumon_jp.html", ("JP", "US"),
            "Japanese-English 注文書 / PURCHASE ORDER of a trading company (also a US firm's "
            "Yokohama branch): the supplier '御中' top left, the buyer with a red seal (印) "
            "right, 注文番号 No. PO2603-0417 and 発行日 2026年3月5日, '下記の通り注文いたし"
            "ます', a 合計金額 box before the table, 品番/品名/数量/単位/単価/金額 with English "
            "under each, 小計/運賃/消費税 '対象外（輸出取引）'/合計, and 納期 2026/03/19, "
            "納入場所 (in English) and 支払条件 in a ruled block under the table; USD",
            japanese_date, lambda rng, d: f"PO{d.year % 100}{d.month:02d}-{digits(rng, 4)}",
            features=Features(tax=False, unit_map=(("EA", "PCS"), ("PAK", "PKG"),
                                                   ("ROL", "ROLL"))),
            page=PageSetup(footer='<div style="text-align:center">' + PAGE_OF.replace(
                " of ", " / ") + "</div>"),
            adjust=_us_firms_branch(_JAPAN_BRANCH, "JP"),
        ),
        Blind5Layout(
            "ne_inkop_se", "inkop_se.html", ("NL", "DE"),
            "Swedish 'Inköpsorder' (Visma/Business Central style) from an EU firm's Swedish "
            "branch: Ordernummer and Orderdatum 2026-03-05 in a box top right, Leverantör "
            "window, Leveransadress block, Vår referens/Er referens/Leveransvillkor FCA/"
            "Leveranssätt/Betalningsvillkor '30 dagar netto', Önskat leveransdatum with its "
            "week (v. 12), Art.nr/Benämning/Antal/Enhet (st, frp, m)/À-pris/Rabatt %/Belopp "
            "with 1 234,56, Summa exkl. moms/Frakt/Moms 0,00 (omvänd betalningsskyldighet)/"
            "Att betala EUR, Org.nr and Bankgiro in the footer",
            lambda d: d.isoformat(), lambda rng, d: str(rng.randint(24000, 27999)),
            numbers=FR_PLAIN,
            features=Features(unit_map=(("EA", "st"), ("PAK", "frp"), ("M", "m"),
                                        ("ROL", "rle"))),
            page=PageSetup(footer='<div style="text-align:right">Sida ' + PAGE_OF.replace(
                " of ", " (") + ")</div>"),
            adjust=_sweden,
        ),
        Blind5Layout(
            "ne_pedido_br", "pedido_br.html", ("BR", "US"),
            "Brazilian 'Pedido de Compra Nº 004417' (TOTVS Protheus style) in Portuguese: "
            "buyer's CNPJ and Inscrição Estadual, Fornecedor 'EX' (abroad), Data de Emissão "
            "05/03/2026, Moeda US$ with Taxa, Item/Código/Descrição do Produto/UM (PC, CX, "
            "JG, MT)/Quantidade/Vlr. Unitário/Vlr. Total/Dt. Entrega per line, amounts "
            "1.234,56, Valor das Mercadorias/Frete/Valor Total do Pedido, 'Condição de "
            "Pagamento: 28 DDL', 'Local de Entrega'; also a US firm's São Paulo plant",
            lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
            lambda rng, d: f"{rng.randint(1000, 9999):06d}", numbers=DE,
            features=Features(tax=False, unit_map=(("EA", "PC"), ("BOX", "CX"), ("SET", "JG"),
                                                   ("M", "MT"), ("ROL", "RL"))),
            page=PageSetup(margin_mm=(10, 10, 14, 10), footer='<div style="text-align:right">'
                           "Pedido {{ o.po_number }} - Página " + PAGE_OF.replace(" of ", " de ")
                           + "</div>"),
            adjust=_us_firms_branch(_BRAZIL_PLANT, "BR"),
        ),
        Blind5Layout(
            "ne_myob_au", "myob_au.html", ("GB",),
            "MYOB AccountRight-style Australian 'Purchase Order' of a UK firm's branch: ABN, "
            "'Purchase No. 00000417' and Date 5/03/2026 top right, Supplier and Ship To "
            "boxes, Promised date/Terms '30 days after EOM'/Ship Via, Ordered (quantity "
            "first)/Received/Item No./Description/Price/Disc %/Total/Tax code GST with no "
            "unit, amounts with £, Subtotal/Freight/GST/Total Amount boxed beside a comment box",
            lambda d: f"{d.day}/{d.month:02d}/{d.year}",
            lambda rng, d: f"{rng.randint(300, 999):08d}",
            features=Features(unit_column=False),
            adjust=_australia,
        ),
        Blind5Layout(
            "ne_gst_in", "gst_in.html", ("US",),
            "Indian purchase order of a US firm's Tamil Nadu plant: GSTIN, PAN and CIN, "
            "'PO No. PO/25-26/0417' with the financial year and 'Dated 5-Mar-26', "
            "Supplier (with its GSTIN and State Code)/Consignee (Ship To) side by side, S.No./"
            "Item Code/Description of Goods/HSN/Qty/UOM (Nos, Box, Mtr)/Rate/Taxable Value/"
            "CGST %/Amt/SGST %/Amt/Line Total, Total Taxable Value/CGST/SGST/Freight/Grand "
            "Total and the amount in words ('US Dollars ... Only'), terms and conditions "
            "numbered",
            tally_date, lambda rng, d: f"PO/{financial_year(d)}/{digits(rng, 4)}",
            features=Features(unit_map=(("EA", "Nos"), ("BOX", "Box"), ("SET", "Set"),
                                        ("ROL", "Roll"), ("M", "Mtr"), ("PAK", "Pkt"))),
            page=PageSetup(margin_mm=(10, 9, 14, 9),
                           footer='<div style="text-align:center">This is a computer generated '
                           "Purchase Order &nbsp;·&nbsp; Page " + PAGE_OF + "</div>"),
            adjust=_india, supplier=_INDIA_SUPPLIER,
        ),
        Blind5Layout(
            "ne_qb_us", "quickbooks_us.html", ("US",),
            "QuickBooks Desktop small-business 'Purchase Order': company top left, a "
            "Date/P.O. No. box top right (03/05/2026, '1417'), Vendor and Ship To boxes, a "
            "custom-field row Requisition/Requested By/Expected/Terms 'Net 45'/Ship Via, "
            "Item/Description/Qty/Rate/Amount with no unit, no tax or freight, only Total "
            "in a box; 'Converted from purchase requisition' memo",
            lambda d: f"{d.month:02d}/{d.day:02d}/{d.year}",
            lambda rng, d: str(rng.randint(1001, 1999)),
            features=Features(unit_column=False, subtotal=False, tax=False, shipping=False),
            page=LETTER, adjust=_quickbooks,
        ),
    )
}  # fmt: skip
