"""The fourth blind set's layouts: a Jinja2 template each, with its locale, numbering and trade.

Like the third set's, each layout numbers its orders its own way (Lawson "1028457", Dynamics
365 "PO-0041734", a Polish "ZZ/0417/03/2026", a Mexican folio "OC-004417", a Kingdee
"CGDD002417", an EDI document number "CDE2641730", a bare Epicor "21417"), and some adjust
what the trade prints: a hospital buys tax-exempt, a Polish plant of a German firm orders
net under the EU reverse charge and pays 'przelew 30 dni', a Californian firm's Tijuana
plant orders with IVA 16 %.
`adapt` applies both to an order of this set.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import jinja2

from samples.generator.blind import layouts as blind_layouts
from samples.generator.blind.layouts import SUPPLIERS, chinese_capital
from samples.generator.blind.printing import PAGE_OF, PAGES, PageSetup
from samples.generator.blind2.layouts import (
    Blind2Layout,
    context,
    digits,
    print_layout,
)
from samples.generator.blind3.layouts import LETTER
from samples.generator.content import Features, Order, with_lines
from samples.generator.formatting import FR_PLAIN, MONTHS_EN, NumberStyle, number

TEMPLATES = Path(__file__).with_name("templates")
_ENV = blind_layouts.ENV.overlay(loader=jinja2.FileSystemLoader(TEMPLATES))
_SUPPLIERS = {**SUPPLIERS, "MX": ("Acme Supply Co.", "2200 Commerce Drive",
                                  "Columbus, OH 43219, EUA")}  # fmt: skip
MONTHS_ES_SHORT = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov",
                   "dic")  # fmt: skip
EDI = NumberStyle("", ".")  # EDI messages carry amounts ungrouped, a point as decimal mark

Adjust = Callable[[Order, random.Random], Order]


@dataclass(frozen=True)
class Blind4Layout(Blind2Layout):
    adjust: Adjust | None = None  # what the layout's trade changes in the order


def short_us(d: date) -> str:
    """'Mar 5, 2026', as Lawson prints dates."""
    return f"{MONTHS_EN[d.month - 1][:3]} {d.day}, {d.year}"


def mx_date(d: date) -> str:
    """'05/mar/2026', as Mexican ERPs print dates."""
    return f"{d.day:02d}/{MONTHS_ES_SHORT[d.month - 1]}/{d.year}"


_UNITS_ES = ("", "UN", "DOS", "TRES", "CUATRO", "CINCO", "SEIS", "SIETE", "OCHO", "NUEVE", "DIEZ",
             "ONCE", "DOCE", "TRECE", "CATORCE", "QUINCE", "DIECISÉIS", "DIECISIETE",
             "DIECIOCHO", "DIECINUEVE", "VEINTE", "VEINTIÚN", "VEINTIDÓS", "VEINTITRÉS",
             "VEINTICUATRO", "VEINTICINCO", "VEINTISÉIS", "VEINTISIETE", "VEINTIOCHO",
             "VEINTINUEVE")  # fmt: skip
_TENS_ES = ("", "", "", "TREINTA", "CUARENTA", "CINCUENTA", "SESENTA", "SETENTA", "OCHENTA",
            "NOVENTA")  # fmt: skip
_HUNDREDS_ES = ("", "CIENTO", "DOSCIENTOS", "TRESCIENTOS", "CUATROCIENTOS", "QUINIENTOS",
                "SEISCIENTOS", "SETECIENTOS", "OCHOCIENTOS", "NOVECIENTOS")  # fmt: skip


def _below_thousand(n: int) -> str:
    if n == 100:
        return "CIEN"
    hundreds, rest = divmod(n, 100)
    words = [_HUNDREDS_ES[hundreds]] if hundreds else []
    if rest < 30:
        words.append(_UNITS_ES[rest])
    else:
        tens, unit = divmod(rest, 10)
        words.append(_TENS_ES[tens] + (f" Y {_UNITS_ES[unit]}" if unit else ""))
    return " ".join(w for w in words if w)


def spanish_words(amount: Decimal, currency: str = "DÓLARES") -> str:
    """The amount in words as Mexican orders print it under the total:
    1234.56 -> 'MIL DOSCIENTOS TREINTA Y CUATRO DÓLARES 56/100 USD'."""
    whole, cents = divmod(int((amount * 100).to_integral_value()), 100)
    millions, rest = divmod(whole, 10**6)
    thousands, units = divmod(rest, 1000)
    words = []
    if millions:
        words.append("UN MILLÓN" if millions == 1 else f"{_below_thousand(millions)} MILLONES")
    if thousands:
        words.append("MIL" if thousands == 1 else f"{_below_thousand(thousands)} MIL")
    if units or not words:
        words.append(_below_thousand(units) or "CERO")
    return f"{' '.join(words)} {currency} {cents:02d}/100 USD"


def code(text: object, modulo: int) -> int:
    """A steady number drawn from `text`, the same on every regeneration."""
    return zlib.crc32(str(text).encode()) % modulo


def _gtin(sku: str | None) -> str:
    """A 13-digit article number (GTIN) for a supplier code, with its check digit."""
    body = f"40{code(sku, 10**10):010d}"
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    return body + str((10 - total % 10) % 10)


def _recompute(order: Order) -> Order:
    return with_lines(order, list(order.lines))


# --- what each layout's trade changes -------------------------------------------------------
_HOSPITAL_DOCK = ("Central Receiving, Dock B", "2400 Lakeview Avenue", "Erie, PA 16505")


def _lawson(order: Order, rng: random.Random) -> Order:
    """A hospital buys tax-exempt and takes goods in at its receiving dock."""
    if order.customer_id is not None:
        return order
    return _recompute(replace(order, tax=None, ship_to=_HOSPITAL_DOCK))


_PL_PLANTS = {
    "C0002": ("Zakład Wrocław", "ul. Bierutowska 57", "51-317 Wrocław", "Polska"),
    "C0010": ("Magazyn centralny", "ul. Przemysłowa 12", "44-100 Gliwice", "Polska"),
}


def _polish_plant(order: Order, rng: random.Random) -> Order:
    plant = _PL_PLANTS.get(order.customer_id or "")
    terms = rng.choice(("przelew 30 dni", "przelew 14 dni od daty faktury"))
    return replace(order, ship_to=plant or order.ship_to, payment_terms=terms)


_TIJUANA = ("Planta Tijuana, Nave 3", "Blvd. Insurgentes 17800, Parque Industrial El Lago",
            "22210 Tijuana, B.C.", "México")  # fmt: skip


def _mexican_plant(order: Order, rng: random.Random) -> Order:
    """A US buyer's Mexican plant orders in Spanish, with IVA 16 % and Mexican terms."""
    if order.buyer.country == "MX":
        return order
    terms = rng.choice(("Crédito 30 días", "Neto 45 días"))
    moved = replace(order, ship_to=_TIJUANA, payment_terms=terms, tax_rate=Decimal("0.16"))
    return _recompute(moved)


def adapt(layout_id: str, order: Order) -> Order:
    """The order with its PO number in the layout's style and its trade's changes (other
    sets' orders unchanged); seeded by the number it replaces."""
    return adapt_in(LAYOUTS, layout_id, order)


def adapt_in(layouts: Mapping[str, Blind4Layout], layout_id: str, order: Order) -> Order:
    """`adapt` over the layouts of any set whose layouts own a PO style and a trade."""
    spec = layouts.get(layout_id)
    if spec is None or order.po_number is None or order.order_date is None:
        return order
    rng = random.Random(f"{layout_id}/{order.po_number}")
    order = replace(order, po_number=spec.po_style(rng, order.order_date))
    return spec.adjust(order, rng) if spec.adjust is not None else order


def render(layout: Blind4Layout, order: Order) -> bytes:
    """The text PDF of `order` printed in `layout`."""
    style = dict(layout.local_numbers).get(order.buyer.country, layout.numbers)
    extra = {"code": code, "gtin": _gtin, "capital": chinese_capital, "words": spanish_words,
             "m4": lambda value: number(value, style, 4),
             "q2": lambda value: number(value, style, 2)}  # fmt: skip
    return print_layout(_ENV, layout, {**context(layout, order, _SUPPLIERS), **extra})


LAYOUTS: dict[str, Blind4Layout] = {
    spec.layout_id: spec
    for spec in (
        Blind4Layout(
            "nd_lawson_us", "lawson_us.html", ("US",),
            "Infor Lawson-style materials-management PO (also a hospital's): 'PO Nbr' with "
            "a release number, Requisition Nbr and a 'Deliver to Dept' beside the Ship To "
            "dock, a separate Bill To (Accounts Payable, PO box), Terms/F.O.B. Destination/Freight "
            "Terms row, each line with a second row (Req Line, Requester, Account, Deliver By), "
            "dates 'Mar 5, 2026', Ln/Item Nbr (the buyer's own)/Vendor Item/Description/"
            "Commodity (UNSPSC)/Qty/UOM (EA, BX, PK, KT)/Unit Cost with 4 decimals/Extended, "
            "Line Total/Sales Tax (EXEMPT for the hospital)/Freight/PO Total",
            short_us, lambda rng, d: f"10{rng.randint(10000, 99999)}",
            features=Features(unit_map=(("BOX", "BX"), ("PAK", "PK"), ("SET", "KT"),
                                        ("ROL", "RL"))),
            page=replace(LETTER, footer='<div style="text-align:right">PO Nbr '
                         "{{ o.po_number }} &nbsp; Page " + PAGE_OF + "</div>"),
            adjust=_lawson,
        ),
        Blind4Layout(
            "nd_dynfo_gb", "d365_gb.html", ("GB",),
            "Dynamics 365 Finance & Operations 'Purchase order' report: logo left, title "
            "right over a label/value block (Purchase order PO-0041734, Date 05/03/2026, Our "
            "account number, Delivery terms DAP, Mode of delivery, Terms of payment, Delivery "
            "date, Currency, the buyer's VAT number), Vendor and Delivery address side by "
            "side, Item number/Description/Quantity/Unit/Unit price/Discount/Disc. pct./"
            "Amount with empty discounts, Sum of lines/Charges/Sales tax/Total amount GBP",
            lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
            lambda rng, d: f"PO-{digits(rng, 7)}",
            features=Features(unit_map=(("EA", "ea"), ("PAK", "pack"), ("M", "m"))),
            page=PageSetup(footer='<div style="text-align:right">Page ' + PAGE_OF + "</div>"),
        ),
        Blind4Layout(
            "nd_zamowienie_pl", "zamowienie_pl.html", ("DE",),
            "Polish 'Zamówienie nr ZZ/0417/03/2026' from a German firm's Polish plant "
            "(Comarch-style): the PO number only in the title, Zamawiający/Dostawca side by "
            "side with NIP numbers, Data zamówienia/Termin dostawy as 2026-03-05, Miejsce "
            "dostawy block, Lp./Indeks/Nazwa towaru/Ilość/J.m. (szt., op., m)/Cena netto/"
            "Wartość netto with 1 234,56, Wartość netto/Transport/Razem do zapłaty EUR, no "
            "VAT amount (intra-EU reverse charge), 'Forma płatności: przelew 30 dni'",
            lambda d: d.isoformat(),
            lambda rng, d: f"ZZ/{digits(rng, 4)}/{d.month:02d}/{d.year}", numbers=FR_PLAIN,
            features=Features(tax=False, unit_map=(("EA", "szt."), ("PAK", "op."),
                                                   ("M", "m"))),
            page=PageSetup(footer='<div style="text-align:center">Strona ' + PAGE_OF
                           .replace(" of ", " z ") + "</div>"),
            adjust=_polish_plant,
        ),
        Blind4Layout(
            "nd_oc_mx", "oc_mx.html", ("MX", "US"),
            "Mexican 'Orden de Compra' with 'Folio OC-004417', RFC and Uso CFDI, dates "
            "05/mar/2026, Moneda USD with a Tipo de cambio, Proveedor and Lugar de entrega "
            "blocks, Partida/Clave/Descripción/Cantidad/Unidad (PZA, CJA, JGO)/P. Unitario/"
            "Importe, Subtotal/IVA 16%/Flete/Total and the total in words ('MIL DOSCIENTOS "
            "... DÓLARES 56/100 USD'); also a Californian firm's Tijuana plant",
            mx_date, lambda rng, d: f"OC-{rng.randint(1000, 9999):06d}",
            features=Features(unit_map=(("EA", "PZA"), ("BOX", "CJA"), ("SET", "JGO"),
                                        ("ROL", "RLO"), ("M", "MTS"))),
            page=LETTER, adjust=_mexican_plant,
        ),
        Blind4Layout(
            "nd_kingdee_cn", "kingdee_cn.html", ("CN",),
            "Kingdee/Yonyou-style ERP 采购订单 in Chinese only: 单据编号 CGDD002417, 日期 "
            "2026-03-05, 供应商/采购部门/采购员/结算方式/币别 in a ruled field grid, 交货地址 on "
            "one line, 序号/物料编码/物料名称/规格型号 (empty)/单位/数量 (two decimals)/单价/"
            "税率%/金额/交货日期 per line, 合计 row, 税额 and 价税合计 with the amount in "
            "capitals, 制单/审核 signatures and a print counter",
            lambda d: d.isoformat(), lambda rng, d: f"CGDD{digits(rng, 6)}",
            features=Features(shipping=False, ship_to_joiner=", ",
                              unit_map=(("PCS", "Pcs"), ("PAK", "包"))),
        ),
        Blind4Layout(
            "nd_webedi", "webedi.html", ("FR", "NL"),
            "a WebEDI portal's print of an EDIFACT ORDERS message in English: segment tags "
            "beside every field (BGM 220 'Doc. No.', DTM 137/2 dates in ISO, CUX, PAT), NAD "
            "parties BY/SU/DP/IV with GLNs, LIN lines with a GTIN, the supplier's article "
            "number (SA), IMD description, QTY 21 with EDI units (PCE, PK, MTR), PRI AAA net "
            "price and MOA 203 amount, ungrouped amounts (1234.56), MOA 79/ALC freight/"
            "MOA 124/MOA 128 totals",
            lambda d: d.isoformat(), lambda rng, d: f"CDE{d.year % 100}{digits(rng, 5)}",
            numbers=EDI,
            features=Features(unit_map=(("EA", "PCE"), ("PAK", "PK"), ("M", "MTR"))),
            page=PageSetup(margin_mm=(12, 12, 14, 12), footer='<div style="text-align:right">'
                           "ORDERS {{ o.po_number }} &nbsp; " + PAGES + "</div>"),
        ),
        Blind4Layout(
            "nd_epicor_ca", "epicor_ca.html", ("CA",),
            "Epicor-style Canadian PO: a boxed PO Number/Order Date/Revision/Vendor ID panel, "
            "dates 05-Mar-2026, the buyer's GST/HST registration number, Buyer/Ship Via/FOB/"
            "Terms/Confirm To/Currency row, Part Number over Description in one cell, Rev, "
            "'Our Qty' with two decimals (250.00), UOM, Unit Price with the unit ('0.86/EA'), "
            "a release row per line (Rel 1, Due Date, Rel Qty, Warehouse), Line Total/Misc. "
            "Charges (freight)/HST 13%/PO Total CAD",
            lambda d: f"{d.day:02d}-{MONTHS_EN[d.month - 1][:3]}-{d.year}",
            lambda rng, d: str(rng.randint(10000, 39999)), page=LETTER,
        ),
    )
}  # fmt: skip
