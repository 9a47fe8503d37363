"""The third blind set's layouts: a Jinja2 template each, with its locale and numbering.

Besides wording and placement, each layout owns how its orders are numbered (JD Edwards
"24817" beside the order type "OP", an Italian "417/2026", a construction firm's job number
and sequence "J2417-031", a Chinese contract number from the signing date) and, where the
trade does so, where goods go: a construction order delivers to the job site, a Swiss
firm's Italian order to its Ticino plant. `adapt` applies both to an order of this set.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import replace
from datetime import date
from pathlib import Path

import jinja2

from samples.generator.blind import layouts as blind_layouts
from samples.generator.blind.layouts import SUPPLIERS, chinese_capital
from samples.generator.blind.printing import PAGES, PageSetup
from samples.generator.blind2.layouts import Blind2Layout, context, digits, print_layout
from samples.generator.content import Features, Order
from samples.generator.formatting import CH, DE, MONTHS_EN

TEMPLATES = Path(__file__).with_name("templates")
_ENV = blind_layouts.ENV.overlay(loader=jinja2.FileSystemLoader(TEMPLATES))
# The supplier as an Italian order addresses it; other countries as in the earlier sets.
_SUPPLIERS = {**SUPPLIERS, "IT": ("Acme Supply GmbH", "Gutenbergstraße 12",
                                  "40221 Düsseldorf (Germania)")}  # fmt: skip
# Where a layout's trade sends the goods instead of the buyer's own address, by country.
_SITES: dict[str, dict[str, tuple[str, ...]]] = {
    "nc_site_gb": {"GB": ("Plot 14, Kirkstall Forge", "Abbey Road", "Leeds LS5 3NF")},
    "nc_ordine_it": {"CH": ("Stabilimento Sud", "Via Cantonale 24", "6934 Bioggio", "Svizzera")},
}


def us_ordinal(d: date) -> str:
    """'March 5th, 2026', as letters typed in Word print it."""
    suffix = "th" if d.day in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
    return f"{MONTHS_EN[d.month - 1]} {d.day}{suffix}, {d.year}"


def fax_stamp(d: date) -> str:
    """The fax machine's transmission line date: 'MAR-05-2026'."""
    return f"{MONTHS_EN[d.month - 1][:3].upper()}-{d.day:02d}-{d.year}"


# The second blind set's layout record fits: template, countries, dates, numbering, locale.
Blind3Layout = Blind2Layout


def adapt(layout_id: str, order: Order) -> Order:
    """The order with its PO number in the layout's style and its trade's delivery place
    (other sets' orders unchanged); seeded by the number it replaces."""
    spec = LAYOUTS.get(layout_id)
    if spec is None or order.po_number is None or order.order_date is None:
        return order
    rng = random.Random(f"{layout_id}/{order.po_number}")
    site = _SITES.get(layout_id, {}).get(order.buyer.country)
    ship_to = site if site is not None and order.ship_to is not None else order.ship_to
    return replace(order, po_number=spec.po_style(rng, order.order_date), ship_to=ship_to)


def _code(text: object, modulo: int) -> int:
    """A steady number drawn from `text`, the same on every regeneration."""
    return zlib.crc32(str(text).encode()) % modulo


def render(layout: Blind3Layout, order: Order) -> bytes:
    """The text PDF of `order` printed in `layout`."""
    extra = {"week": lambda value: value.isocalendar().week, "fax": fax_stamp,
             "capital": chinese_capital, "code": _code}  # fmt: skip
    return print_layout(_ENV, layout, {**context(layout, order, _SUPPLIERS), **extra})


LETTER = PageSetup(paper="Letter", margin_mm=(11, 12, 14, 12))

LAYOUTS: dict[str, Blind3Layout] = {
    spec.layout_id: spec
    for spec in (
        Blind3Layout(
            "nc_jde_grid", "jde_grid.html", ("US",),
            "JD Edwards-style printout: every header field a ruled box with a tiny caption in "
            "its corner (Order Number beside Order Type 'OP' and Company '00200', Order Date "
            "and Requested as 03/05/26), Supplier/Ship To boxes with address numbers, line "
            "numbers 1.000/2.000, Item Number/Description/Quantity Ordered/UM/Unit Cost/"
            "Extended Cost/Promised, Total Order/Sales Tax/Freight, the column heads "
            "repeated on page two",
            lambda d: f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}",
            lambda rng, d: str(rng.randint(21000, 29999)),
            features=Features(unit_map=(("SET", "ST"), ("ROL", "RL"), ("BOX", "BX"))),
            page=replace(LETTER, footer='<div style="text-align:right">R43500 &nbsp; Page '
                         + PAGES + "</div>"),
        ),
        Blind3Layout(
            "nc_ordine_it", "ordine_it.html", ("IT", "CH"),
            "Italian 'Ordine di acquisto n. 417/2026 del 05/03/2026': 'Spett.le' supplier "
            "block, P.IVA/C.F. and SDI code, a boxed row (N. ordine, Data, Cod. fornitore, "
            "Pagamento, Resa), 'Luogo di consegna' on one line, Cod. articolo/Descrizione/"
            "U.M. (PZ, CF)/Q.tà/Prezzo unitario/Sconto %/Importo, Imponibile merce/IVA 22%/"
            "Spese di trasporto/Totale ordine with 1.234,56; Swiss buyers (Ticino plant) in "
            "CHF with 1'234.56 and IVA 8,1%; 'Consegna entro il' date in the conditions under "
            "the table",
            lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
            lambda rng, d: f"{rng.randint(100, 999)}/{d.year}", numbers=DE,
            local_numbers=(("CH", CH),),
            features=Features(ship_to_joiner=", ", unit_map=(("EA", "PZ"), ("PAK", "CF"),
                                                             ("ROL", "RT"))),
            page=PageSetup(footer='<div style="text-align:center">Pag. ' + PAGES + "</div>"),
        ),
        Blind3Layout(
            "nc_site_gb", "site_gb.html", ("GB",),
            "British construction order: contractor letterhead, 'ORDER' with Job No. "
            "(J2417 and the project name) and an order number of job and sequence "
            "(J2417-031), 'DELIVER TO SITE' address with site contact and a call-ahead "
            "instruction, dates 05-Mar-26, Qty first then Unit (nr, m, pkt)/Description/"
            "Supplier Ref/Cost Code/Rate/Value, Goods/Delivery/VAT @ 20%/Order Value",
            lambda d: f"{d.day:02d}-{MONTHS_EN[d.month - 1][:3]}-{d.year % 100:02d}",
            lambda rng, d: f"J{rng.randint(2100, 2899)}-{rng.randint(1, 120):03d}",
            features=Features(unit_map=(("EA", "nr"), ("M", "m"), ("PAK", "pkt"))),
        ),
        Blind3Layout(
            "nc_hetong_cn", "hetong_cn.html", ("CN",),
            "Chinese purchase contract 采购合同: 合同编号 from the signing date (HT-20260305-02), "
            "甲方(需方)/乙方(供方) parties, clause 一 a table 序号/物料编码/品名规格/单位/数量/"
            "含税单价/金额 with 合计 and the amount in capitals (大写), prices including 13 % "
            "VAT with no tax line and no freight, clauses on delivery date and place and "
            "payment, signature and stamp boxes for both parties",
            lambda d: f"{d.year}年{d.month}月{d.day}日",
            lambda rng, d: f"HT-{d:%Y%m%d}-{rng.randint(1, 9):02d}",
            features=Features(subtotal=False, tax=False, shipping=False, ship_to_joiner=", ",
                              unit_map=(("PCS", "个"), ("PAK", "包"))),
        ),
        Blind3Layout(
            "nc_fax_word", "fax_word.html", ("US",),
            "a small shop's order typed in Word and faxed: the fax machine's transmission "
            "line across the top (MAR-05-2026 10:41 FROM ... P.1/1), letterhead, 'March 5th, "
            "2026', 'PO# 26-0412' in a sentence-like heading, Qty/Part #/Description/Each/"
            "Total with no unit column, 'Need by' in the notes, Sales tax: EXEMPT (resale "
            "certificate on file) and no tax amount, a signature",
            us_ordinal, lambda rng, d: f"{d.year % 100}-{digits(rng, 4)}",
            features=Features(unit_column=False, tax=False), page=LETTER,
        ),
        Blind3Layout(
            "nc_abruf_de", "abruf_de.html", ("DE",),
            "German call-off order 'Abruf zum Rahmenauftrag': Bestellnummer (2603-0417) "
            "beside the framework order number (RA-4600012) and the call-off number, "
            "Lieferanten-Nr., a delivery date with its calendar week ('19.03.2026 (KW 12)'), "
            "Pos./Ihre Art.-Nr./Bezeichnung/Abrufmenge/ME (Stk)/Preis je ME/Wert EUR, "
            "'frei Haus' and no freight, Nettowert/MwSt. 19 %/Bruttowert",
            lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
            lambda rng, d: f"{d.year % 100}{d.month:02d}-{digits(rng, 4)}", numbers=DE,
            features=Features(shipping=False, ship_to_joiner=", ",
                              unit_map=(("EA", "Stk"), ("PAK", "Pak"), ("M", "m"))),
            page=PageSetup(footer='<div style="text-align:right">Seite ' + PAGES + "</div>"),
        ),
    )
}  # fmt: skip
