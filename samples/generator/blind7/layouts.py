"""The seventh blind set's layouts: a Jinja2 template each, with its locale, numbering and trade.

Each layout numbers its orders its own way (a Workday "PO-00041723", an SAP Business One
document number, a Sage X3 "POBE2603-04172" carrying the site and month, a Tango Gestión
"0003-00004417" with its point of issue, a 用友 U8 ten-digit number, a builder's job and
order number "C2317/0417", and a web shop's order number beside the buyer's own PO number
typed at checkout), and some change what the trade prints: a German firm's Austrian plant
buys from the supplier's Vienna branch with USt 20 %, a Dutch or French firm's Belgian
branch from its Brussels one with TVA/BTW 21 %, a US firm's Argentine plant from its
Buenos Aires distributor in dollars with IVA 21 %, a Chinese buyer pays 13 % VAT worked out
line by line, a builder's order goes to its job site, and a Canadian web-shop order carries
HST 13 % in Ontario or GST 5 % plus PST 7 % in British Columbia. `adapt` applies both to an
order of this set.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import jinja2

from samples.generator.blind import layouts as blind_layouts
from samples.generator.blind.layouts import chinese_capital
from samples.generator.blind.printing import PAGE_OF, PAGES, PageSetup
from samples.generator.blind2.layouts import context, digits, print_layout
from samples.generator.blind3.layouts import LETTER
from samples.generator.blind4.layouts import adapt_in, code, spanish_words
from samples.generator.blind5.layouts import Blind5Layout, branch
from samples.generator.blind7.mail import spanish_plant
from samples.generator.content import Features, Order, money
from samples.generator.formatting import DE, EN, MONTHS_EN, number

TEMPLATES = Path(__file__).with_name("templates")
_ENV = blind_layouts.ENV.overlay(loader=jinja2.FileSystemLoader(TEMPLATES))

# Who each layout's orders are addressed to: the supplier, or its local branch or dealer.
_WORKDAY_SUPPLIER = ("Acme Supply Co.", "2200 Commerce Drive", "Columbus, OH 43219",
                     "United States of America")  # fmt: skip
_AT_SUPPLIER = ("Acme Supply GmbH", "Niederlassung Wien", "Perfektastraße 86", "1230 Wien")
_BE_SUPPLIER = ("Acme Supply GmbH – succursale belge / Belgisch bijkantoor",
                "Chaussée de Haecht 1600 / Haachtsesteenweg 1600",
                "1130 Bruxelles / Brussel")  # fmt: skip
_AR_SUPPLIER = ("Acme Supply Argentina S.R.L.", "Av. Gral. Paz 10.850",
                "C1440 Ciudad Autónoma de Buenos Aires")  # fmt: skip
_CN_SUPPLIER = ("艾克美供应链（上海）有限公司", "Acme Supply (Shanghai) Co., Ltd.",
                "上海市闵行区莘庄工业区申富路 618 号")  # fmt: skip
_NI_SUPPLIER = ("Acme Supply Company", "Belfast Depot", "12 Duncrue Crescent",
                "Belfast BT3 9BW")  # fmt: skip
_CA_SUPPLIER = ("Acme Supply Co.", "2200 Commerce Drive", "Columbus, OH 43219, USA")


# --- dates ------------------------------------------------------------------------------
def us_slash(d: date) -> str:
    """'03/05/2026', as Workday prints dates for a US tenant."""
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


def uk_short(d: date) -> str:
    """'05/03/26', as British builders' merchants' and contractors' systems print dates."""
    return f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}"


def long_us(d: date) -> str:
    """'March 5, 2026', as a web shop's order confirmation prints dates."""
    return f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"


# --- what each layout's trade changes ----------------------------------------------------
def _rated(rate: Decimal) -> Callable[[Order], Decimal]:
    """The tax on the printed subtotal (the line sum, or a subtotal made wrong on purpose)."""
    return lambda o: money(_subtotal(o) * rate)


def _subtotal(order: Order) -> Decimal:
    if order.subtotal is not None:
        return order.subtotal
    return sum((ln.amount for ln in order.lines), Decimal(0))


def line_tax(amount: Decimal) -> Decimal:
    """China's 13 % VAT on one line, rounded per line as 用友 U8 rounds it."""
    return money(amount * Decimal("0.13"))


_AT_PLANTS = {
    "C0002": ("Werk Steyr, Warenannahme Tor 2", "Hans-Wagner-Straße 17", "4400 Steyr",
              "Österreich"),
    "C0010": ("Auslieferungslager Salzburg", "Sterneckstraße 55", "5020 Salzburg",
              "Österreich"),
}  # fmt: skip


def _austria(order: Order, rng: random.Random) -> Order:
    """A German firm's Austrian plant (or an Austrian firm): USt 20 %, Austrian terms."""
    terms = rng.choice(("30 Tage netto", "14 Tage 3 % Skonto, 30 Tage netto",
                        "Zahlbar binnen 45 Tagen ohne Abzug"))  # fmt: skip
    rate = Decimal("0.20")
    return branch(order, _AT_PLANTS, terms, rate, _rated(rate))


_BE_BRANCHES = {
    "C0007": ("Magazijn Antwerpen-Noord", "Haven 1053, Scheldelaan 422", "2040 Antwerpen",
              "België"),
    "C0013": ("Succursale de Liège – Réception", "Rue de l'Aéroport 58", "4460 Grâce-Hollogne",
              "Belgique"),
    "C0004": ("Atelier de Charleroi", "Rue de la Science 12", "6041 Gosselies", "Belgique"),
}  # fmt: skip


def _belgium(order: Order, rng: random.Random) -> Order:
    """A Dutch or French firm's Belgian branch: TVA/BTW 21 %, terms in both languages."""
    terms = rng.choice(("30 jours fin de mois / 30 dagen einde maand",
                        "60 jours date de facture / 60 dagen na factuurdatum"))  # fmt: skip
    rate = Decimal("0.21")
    return branch(order, _BE_BRANCHES, terms, rate, _rated(rate))


_AR_PLANTS = {
    "C0014": ("Planta Córdoba – Depósito de Recepción", "Ruta Nacional 9 km 695",
              "X5925 Villa María, Córdoba", "Argentina"),
    "C0003": ("Planta Pilar – Portón 4", "Parque Industrial Pilar, Calle 8 N° 140",
              "B1629 Pilar, Buenos Aires", "Argentina"),
}  # fmt: skip


def _argentina(order: Order, rng: random.Random) -> Order:
    """A US firm's Argentine plant buys in dollars from the local distributor: IVA 21 %."""
    terms = rng.choice(("Cuenta corriente 30 días fecha factura", "Contado contra entrega",
                        "Transferencia a 60 días"))  # fmt: skip
    rate = Decimal("0.21")
    return branch(order, _AR_PLANTS, terms, rate, _rated(rate))


def _china(order: Order, rng: random.Random) -> Order:
    """A Chinese buyer's 13 % VAT, worked out per line; Chinese terms."""
    terms = rng.choice(("月结60天", "货到验收合格后30天付款", "款到发货"))
    return branch(order, {}, terms, Decimal("0.13"),
                  lambda o: sum((line_tax(ln.amount) for ln in o.lines), Decimal(0)))  # fmt: skip


_SITES = {
    "C0001": ("Fort George Site, Gate 2", "Buncrana Road", "Londonderry BT48 0LZ"),
    "C0011": ("Titanic Quarter, Plot Q4 Compound", "Queen's Road", "Belfast BT3 9DT"),
}


def _site(order: Order, rng: random.Random) -> Order:
    """A contractor's Northern Ireland job: delivered to site, on its monthly account."""
    terms = rng.choice(("Monthly account, 30 days from end of month", "Net monthly account"))
    return replace(order, ship_to=_SITES.get(order.customer_id or "", order.ship_to),
                   payment_terms=terms)  # fmt: skip


def _canada_tax(order: Order) -> Decimal:
    subtotal = _subtotal(order)
    if ", BC " in order.buyer.address[1]:
        return money(subtotal * Decimal("0.05")) + money(subtotal * Decimal("0.07"))
    return money(subtotal * Decimal("0.13"))


def _shop(order: Order, rng: random.Random) -> Order:
    """A web shop's B2B checkout: the company's payment terms, HST or GST + PST."""
    rate = Decimal("0.12") if ", BC " in order.buyer.address[1] else Decimal("0.13")
    return branch(order, {}, rng.choice(("Net 30", "Net 15")), rate, _canada_tax)


def adapt(layout_id: str, order: Order) -> Order:
    """The order with its PO number in the layout's style and its trade's changes (other
    sets' orders unchanged); seeded by the number it replaces. The e-mails keep the buyer's
    own number; the Spanish one is a German firm's Zaragoza plant's."""
    if layout_id == "ng_mail_cotizacion":
        return spanish_plant(order)
    return adapt_in(LAYOUTS, layout_id, order)


def render(layout: Blind5Layout, order: Order) -> bytes:
    """The text PDF of `order` printed in `layout`."""
    assert layout.supplier is not None
    suppliers = {order.buyer.country: layout.supplier}
    extra = {"code": code, "capital": chinese_capital, "vat": line_tax, "incl": Decimal("1.13"),
             "words": lambda value: spanish_words(value, "DÓLARES ESTADOUNIDENSES"),
             "m4": lambda value: number(value, layout.numbers, 4),
             "q2": lambda value: number(value, layout.numbers, 2),
             "due": lambda o: o.order_date + timedelta(days=int(o.payment_terms.split()[-1])),
             "pst": lambda value: money(value * Decimal("0.07")),
             "gst": lambda value: money(value * Decimal("0.05"))}  # fmt: skip
    return print_layout(_ENV, layout, {**context(layout, order, suppliers), **extra})


LAYOUTS: dict[str, Blind5Layout] = {
    spec.layout_id: spec
    for spec in (
        Blind5Layout(
            "ng_workday_us", "workday_us.html", ("US",),
            "Workday Procurement 'Purchase Order' print of a US firm: company name and "
            "'Purchase Order' left, a grey key/value panel right (Purchase Order Number "
            "PO-00041723, Document Date 03/05/2026, Buyer, Company, Currency), Supplier / "
            "Ship-To Address / Bill-To Address in three columns, Payment Terms/Shipping "
            "Terms/Shipping Method row, Line/Item Description/Supplier Item Identifier/Due "
            "Date (per line)/Quantity/Unit of Measure (Each, Box, Package, Roll)/Unit Cost/"
            "Extended Price, Subtotal/Tax/Total Amount, a Memo to Supplier under it",
            us_slash, lambda rng, d: f"PO-{rng.randint(10000, 99999):08d}",
            features=Features(shipping=False,
                              unit_map=(("EA", "Each"), ("BOX", "Box"), ("PAK", "Package"),
                                        ("ROL", "Roll"), ("SET", "Set"), ("M", "Meter"))),
            page=replace(LETTER, footer='<div style="display:flex;justify-content:space-between">'
                         "<span>{{ o.customer_name }} · Purchase Order {{ o.po_number }}</span>"
                         "<span>Page " + PAGE_OF + "</span></div>"),
            supplier=_WORKDAY_SUPPLIER,
        ),
        Blind5Layout(
            "ng_sapbone_at", "sapb1_at.html", ("DE", "AT"),
            "SAP Business One 'Bestellung' of a German firm's Austrian plant (also an "
            "Austrian firm): sender line over the supplier's window, Bestellung Nr./"
            "Buchungsdatum 05.03.2026/Lieferdatum/Ihre Kundennummer/Unser Zeichen at the "
            "right, Lieferadresse block, Pos./Artikelnr./Beschreibung/Menge/ME (Stk, Pkg, m, "
            "Rolle)/Preis/Rabatt/Gesamt with 1.234,56, a text line between items, Summe "
            "netto/Fracht/USt 20 %/Gesamtsumme EUR, UID-Nr., Firmenbuch and IBAN AT in the "
            "footer",
            lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
            lambda rng, d: str(rng.randint(10000, 19999)), numbers=DE,
            features=Features(unit_map=(("EA", "Stk"), ("PAK", "Pkg"), ("M", "m"),
                                        ("ROL", "Rolle"), ("SET", "Satz"))),
            page=PageSetup(margin_mm=(14, 14, 22, 18),
                           footer='<div style="display:flex;justify-content:space-between">'
                           "<span>{{ o.customer_name }} · UID-Nr. ATU{{ 50000000 + code("
                           "buyer.name, 49999999) }} · FN {{ 100000 + code(buyer.name, 399999)"
                           " }}t · IBAN AT61 1904 3002 3457 3201</span><span>Seite "
                           + PAGES + "</span></div>"),
            adjust=_austria, supplier=_AT_SUPPLIER,
        ),
        Blind5Layout(
            "ng_sage_be", "sage_be.html", ("NL", "FR"),
            "Sage X3 'Commande fournisseur / Bestelbon' of a Dutch or French firm's Belgian "
            "branch, every label in French and Dutch ('Adresse de livraison / "
            "Leveringsadres', 'Désignation / Omschrijving'), N° TVA / BTW-nr. BE 0..., N° "
            "commande POBE2603-04172, Date 05/03/2026, line numbers 1000, 2000, Réf./"
            "Qté-Aantal/Unité (PCE, PAQ, M)/P.U. HT/Montant HT with 1.234,56, Total HT/Frais "
            "de port/TVA-BTW 21 %/Total TTC EUR, payment terms in both languages",
            lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
            lambda rng, d: f"POBE{d.year % 100}{d.month:02d}-{digits(rng, 5)}", numbers=DE,
            features=Features(item_step=1000,
                              unit_map=(("EA", "PCE"), ("PAK", "PAQ"), ("M", "M"),
                                        ("ROL", "RLX"), ("SET", "JEU"))),
            page=PageSetup(footer='<div style="text-align:center">Page / Blz. '
                           + PAGES + "</div>"),
            adjust=_belgium, supplier=_BE_SUPPLIER,
        ),
        Blind5Layout(
            "ng_oc_ar", "oc_ar.html", ("US",),
            "Argentine 'ORDEN DE COMPRA N° 0003-00004417' (Tango Gestión style) of a US "
            "firm's plant: buyer's CUIT, IIBB and 'IVA Responsable Inscripto', Proveedor "
            "with its CUIT, Fecha 05/03/2026, Fecha de entrega, Lugar de entrega, Condición "
            "de pago, Moneda 'Dólares (U$S)', Cant./Código/Descripción/U.M. (UN, MTS, JGO, "
            "CJA)/Precio unit./Bonif. %/Importe with 1.234,56, Subtotal/Flete/IVA 21 %/TOTAL "
            "U$S and 'SON DÓLARES ESTADOUNIDENSES ...' in words",
            lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
            lambda rng, d: f"0003-{rng.randint(1000, 9999):08d}", numbers=DE,
            features=Features(unit_map=(("EA", "UN"), ("M", "MTS"), ("SET", "JGO"),
                                        ("ROL", "ROL"), ("BOX", "CJA"))),
            page=PageSetup(margin_mm=(12, 12, 16, 12),
                           footer='<div style="text-align:right">Hoja ' + PAGE_OF.replace(
                               " of ", " de ") + "</div>"),
            adjust=_argentina, supplier=_AR_SUPPLIER,
        ),
        Blind5Layout(
            "ng_yonyou_cn", "yonyou_cn.html", ("CN",),
            "用友 U8-style 采购订单 with English in brackets: 订单编号 0000004417, 日期 "
            "2026-03-05, 供应商/部门/业务员/币种/汇率/税率 in a header grid, 存货编码/存货名称/"
            "主计量 (个, 包)/数量/原币单价 (excl. VAT)/原币含税单价/原币金额/原币税额/原币价税合计/"
            "计划到货日期 per line, a 合计 row at the foot of the table carrying the totals, "
            "价税合计 in capitals (大写), 付款条件 and 收货地址 under the table, 制单人/审核人",
            lambda d: d.isoformat(), lambda rng, d: f"{rng.randint(1000, 9999):010d}",
            features=Features(shipping=False, unit_map=(("PCS", "个"), ("PAK", "包"))),
            page=PageSetup(landscape=True, margin_mm=(10, 10, 12, 10),
                           footer='<div style="text-align:center">第 '
                           '<span class="pageNumber"></span> 页 / 共 '
                           '<span class="totalPages"></span> 页</div>'),
            adjust=_china, supplier=_CN_SUPPLIER,
        ),
        Blind5Layout(
            "ng_builders_ni", "builders_ni.html", ("GB",),
            "A Northern Ireland contractor's 'OFFICIAL ORDER' to a builders' provider's "
            "Belfast depot: 'this order number must be quoted on all delivery dockets and "
            "invoices', Order No. C2317/0417 (contract and order), Contract/Site/Site "
            "Contact, Order Date 05/03/26, Ln/Description/Your Code/Req'd (per line, "
            "19/03/26)/Qty/UoM (each, pack, m)/Unit Rate/Line Total with free-text rows "
            "between items (offload by hiab, FORS vehicles, ring the site manager), Goods "
            "Total/Carriage/VAT @ 20%/Order Total, delivery instructions and the CIS and "
            "CSCS notes at the foot",
            uk_short,
            lambda rng, d: f"C{rng.randint(2100, 2499)}/{rng.randint(100, 999):04d}",
            features=Features(unit_map=(("EA", "each"), ("PAK", "pack"), ("M", "m"),
                                        ("ROL", "roll"), ("SET", "set"))),
            page=PageSetup(margin_mm=(12, 12, 16, 12),
                           footer='<div style="text-align:right">Order {{ o.po_number }} — '
                           "sheet " + PAGE_OF + "</div>"),
            adjust=_site, supplier=_NI_SUPPLIER,
        ),
        Blind5Layout(
            "ng_shop_ca", "shop_ca.html", ("CA",),
            "A web shop's B2B order confirmation (Shopify style) a Canadian buyer sent on as "
            "its PO: 'Order #AS1417 confirmed' big, the buyer's own 'PO number' typed at "
            "checkout in the details, March 5, 2026, items as cards (name, SKU, '$18.40 × 3', "
            "line price) with no unit, Subtotal/Shipping/Taxes (HST 13 % or GST 5 % + PST "
            "7 %)/Total CAD, Payment terms 'Net 30' with the due date, Shipping and Billing "
            "address side by side",
            long_us, lambda rng, d: f"{d.year % 100}{d.month:02d}-{digits(rng, 3)}",
            numbers=EN,
            features=Features(unit_column=False, delivery_date=False),
            page=LETTER, adjust=_shop, supplier=_CA_SUPPLIER,
        ),
    )
}  # fmt: skip
