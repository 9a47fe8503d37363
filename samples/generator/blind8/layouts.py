"""The eighth blind set's layouts: a Jinja2 template each, with its locale, numbering and trade.

Each layout numbers its orders its own way (Acumatica "PO004417", IFS "P1004417", PHC "NE
2026/417", a Korean "PO-20260305-017", a government "SPE4A6-26-P-0417", Abacus
"B-26-00417", a small firm's "PE/918") and some change what the trade prints: a German
firm's Finnish plant buys with ALV 25,5 %, a French firm's Portuguese branch with IVA 23 %,
a US firm's Korean plant in dollars with 부가세 10 %, a Swiss buyer with MWST 8,1 %, and the
government-style form always on Net 30. `adapt` applies both to an order of this set.
`render` prints the order, or with `notice` the cancellation of it or a change order to it.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import jinja2

from samples.generator.blind import layouts as blind_layouts
from samples.generator.blind.printing import PAGE_OF, PAGES, PageSetup
from samples.generator.blind2.layouts import context, digits, print_layout
from samples.generator.blind3.layouts import LETTER
from samples.generator.blind4.layouts import adapt_in, code
from samples.generator.blind5.layouts import Blind5Layout, branch
from samples.generator.blind7.layouts import _subtotal, us_slash
from samples.generator.content import Features, Order, money
from samples.generator.formatting import CH, DE, EN, FR_PLAIN, MONTHS_EN

TEMPLATES = Path(__file__).with_name("templates")
_ENV = blind_layouts.ENV.overlay(loader=jinja2.FileSystemLoader(TEMPLATES))

_US_SUPPLIER = ("Acme Supply Co.", "2200 Commerce Drive", "Columbus, OH 43219")
_FI_SUPPLIER = ("Acme Supply GmbH", "Suomen sivuliike", "Äyritie 8 C", "01510 Vantaa")
_PT_SUPPLIER = ("Acme Supply GmbH – Sucursal em Portugal", "Rua Dr. António Loureiro Borges 9",
                "1495-131 Algés", "NIF 980 417 226")  # fmt: skip
_KR_SUPPLIER = ("Acme Supply Korea Co., Ltd. (애크미서플라이코리아)",
                "서울특별시 강남구 테헤란로 427, 12층")  # fmt: skip
_CH_SUPPLIER = ("Acme Supply GmbH", "Zweigniederlassung Schweiz", "Industriestrasse 24",
                "8604 Volketswil")  # fmt: skip
_GB_SUPPLIER = ("Acme Supply Company", "Unit 4, Trafford Park Road", "Manchester M17 1HG")


# --- dates ------------------------------------------------------------------------------
def fi_date(d: date) -> str:
    """'5.3.2026', as Finnish software prints dates (day first, no leading zeros)."""
    return f"{d.day}.{d.month}.{d.year}"


def pt_date(d: date) -> str:
    """'05-03-2026', as PHC and Primavera print dates."""
    return f"{d.day:02d}-{d.month:02d}-{d.year}"


def kr_date(d: date) -> str:
    """'2026.03.05', as Korean business documents print dates."""
    return f"{d.year}.{d.month:02d}.{d.day:02d}"


def ch_date(d: date) -> str:
    """'05.03.2026'."""
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def gov_date(d: date) -> str:
    """'2026 MAR 05', as US federal forms print dates."""
    months = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
    return f"{d.year} {months[d.month - 1]} {d.day:02d}"


def uk_dashed(d: date) -> str:
    """'5-Mar-26', as a spreadsheet formats a date cell."""
    return f"{d.day}-{MONTHS_EN[d.month - 1][:3]}-{d.year % 100:02d}"


def _rated(rate: Decimal) -> Callable[[Order], Decimal]:
    return lambda o: money(_subtotal(o) * rate)


_FI_PLANTS = {
    "C0002": ("Tehdas Tampere, vastaanotto ovi 3", "Hatanpään valtatie 34", "33100 Tampere",
              "Suomi"),
    "C0010": ("Varasto Oulu", "Teknologiantie 12", "90590 Oulu", "Suomi"),
}  # fmt: skip


_PT_BRANCHES = {
    "C0004": ("Armazém Maia", "Rua da Indústria 220, Zona Industrial da Maia I",
              "4470-177 Maia", "Portugal"),
    "C0013": ("Filial de Setúbal – Receção", "Parque Industrial Sapec Bay, Lote 12",
              "2910-738 Setúbal", "Portugal"),
}  # fmt: skip


_KR_PLANTS = {
    "C0014": ("Pyeongtaek Plant, Gate 2 (평택공장 2번 게이트)", "123 Poseung-gongdan-ro",
              "Poseung-eup, Pyeongtaek-si, Gyeonggi-do 17953", "Republic of Korea"),
    "C0003": ("Changwon Plant Receiving (창원공장 자재입고)", "55 Woni-daero",
              "Seongsan-gu, Changwon-si, Gyeongsangnam-do 51548", "Republic of Korea"),
}  # fmt: skip


def _abroad(
    sites: Mapping[str, tuple[str, ...]], terms: tuple[str, ...], rate: str
) -> Callable[[Order, random.Random], Order]:
    """A firm's plant or branch in the layout's country: its site, local terms and the
    local VAT on the printed subtotal."""
    vat = Decimal(rate)
    return lambda order, rng: branch(order, sites, rng.choice(terms), vat, _rated(vat))


# A German firm's Finnish plant (ALV 25,5 %), a French firm's Portuguese branch (IVA 23 %),
# a US firm's Korean plant buying in dollars (부가세 10 %), a Swiss buyer (MWST 8,1 %).
_finland = _abroad(_FI_PLANTS, ("30 pv netto", "14 pv -2 %, 30 pv netto"), "0.255")
_portugal = _abroad(_PT_BRANCHES, ("Pronto pagamento 30 dias", "60 dias após data da fatura"),
                    "0.23")  # fmt: skip
_korea = _abroad(_KR_PLANTS, ("월말 마감 익월 30일 현금 (Net 30 EOM)", "T/T 45 days"), "0.10")
_swiss = _abroad({}, ("30 Tage netto", "10 Tage 2 % Skonto, 30 Tage netto"), "0.081")


def _net30(order: Order, rng: random.Random) -> Order:
    """The government-style form's fixed terms."""
    return replace(order, payment_terms="Net 30")


def adapt(layout_id: str, order: Order) -> Order:
    """The order with its PO number in the layout's style and its trade's changes (other
    sets' orders unchanged); seeded by the number it replaces."""
    if layout_id == "nh_mail_italiano":
        from samples.generator.blind8.mail import italian_plant

        return italian_plant(order)
    return adapt_in(LAYOUTS, layout_id, order)


def render(layout: Blind5Layout, order: Order, notice: str = "") -> bytes:
    """The text PDF of `order` printed in `layout`; `notice` 'cancel' or 'change' prints it
    as the cancellation of the order or as change order no. 1 to it."""
    assert layout.supplier is not None
    suppliers = {order.buyer.country: layout.supplier}
    extra = {"code": code, "notice": notice}
    return print_layout(_ENV, layout, {**context(layout, order, suppliers), **extra})


LAYOUTS: dict[str, Blind5Layout] = {
    spec.layout_id: spec
    for spec in (
        Blind5Layout(
            "nh_acumatica_us", "acumatica_us.html", ("US",),
            "Acumatica 'PURCHASE ORDER' print of a US firm: order number PO004417, Date "
            "03/05/2026, Vendor and Ship To in two ruled boxes, Terms/Ship Via/FOB row, "
            "Line/Inventory ID/Description/Promised (a date on each line)/Qty/UOM/Unit Cost/"
            "Ext. Cost, Line Total/Tax Total/Order Total; also prints 'CHANGE ORDER No. 1 to "
            "PO ...' (the revised lines) and, with this set's Portuguese layout, the notices",
            us_slash, lambda rng, d: f"PO{rng.randint(1000, 9999):06d}",
            features=Features(shipping=False,
                              unit_map=(("EA", "EACH"), ("BOX", "BOX"), ("ROL", "ROLL"))),
            page=replace(LETTER, footer='<div style="text-align:right">Page '
                         + PAGE_OF + "</div>"),
            supplier=_US_SUPPLIER,
        ),
        Blind5Layout(
            "nh_ifs_fi", "ifs_fi.html", ("DE",),
            "IFS Applications 'OSTOTILAUS' of a German firm's Finnish plant, all labels in "
            "Finnish: Tilausnumero P1004417, Tilauspäivä 5.3.2026, Toimittaja, Toimitusosoite, "
            "Maksuehto, Rivi/Tuotenumero/Nimike/Määrä/Yks. (kpl, pkt, m)/à-hinta/Yhteensä with "
            "1 234,56, Veroton yhteensä/ALV 25,5 %/Yhteensä EUR, Y-tunnus in the footer",
            fi_date, lambda rng, d: f"P1{rng.randint(1000, 9999):06d}", numbers=FR_PLAIN,
            features=Features(shipping=False,
                              unit_map=(("EA", "kpl"), ("PAK", "pkt"), ("M", "m"),
                                        ("ROL", "rll"), ("SET", "srj"))),
            page=PageSetup(footer='<div style="text-align:right">Sivu ' + PAGES + "</div>"),
            adjust=_finland, supplier=_FI_SUPPLIER,
        ),
        Blind5Layout(
            "nh_phc_pt", "phc_pt.html", ("FR",),
            "Portuguese 'NOTA DE ENCOMENDA' (PHC/Primavera style) of a French firm's branch: "
            "NE 2026/417, Data 05-03-2026, Fornecedor with NIF, Local de descarga, Condições "
            "de pagamento, Artigo/Descrição/Qtd./Un. (UN, CX, MT)/Preço Unit./Desc./Valor with "
            "1.234,56, Total ilíquido/IVA 23 %/Total EUR; also the 'ANULAÇÃO DA NOTA DE "
            "ENCOMENDA' of an earlier one, still listing its lines",
            pt_date, lambda rng, d: f"NE {d.year}/{rng.randint(100, 999)}", numbers=DE,
            features=Features(shipping=False,
                              unit_map=(("EA", "UN"), ("PAK", "CX"), ("M", "MT"),
                                        ("ROL", "RL"), ("SET", "CJ"))),
            page=PageSetup(footer='<div style="text-align:center">Pág. ' + PAGES
                           + " · Processado por programa certificado n.º 0417/AT</div>"),
            adjust=_portugal, supplier=_PT_SUPPLIER,
        ),
        Blind5Layout(
            "nh_balju_kr", "balju_kr.html", ("US",),
            "Korean 발주서 of a US firm's plant, labels in Korean with English in brackets "
            "(발주번호 (PO No.), 발주일자 (Date) 2026.03.05, 납기일 (Delivery), 공급자 "
            "(Supplier), 납품장소 (Ship to)), English item names, 품번/품명/수량/단위/단가/"
            "공급가액, 공급가액 합계/부가세 10 %/합계금액 in US$, a seal box for 담당/검토/승인",
            kr_date, lambda rng, d: f"PO-{d.year}{d.month:02d}{d.day:02d}-{digits(rng, 3)}",
            numbers=EN,
            features=Features(shipping=False),
            page=PageSetup(footer='<div style="text-align:center">- ' + PAGES + " -</div>"),
            adjust=_korea, supplier=_KR_SUPPLIER,
        ),
        Blind5Layout(
            "nh_gov_us", "gov_us.html", ("US",),
            "US government-style 'ORDER FOR SUPPLIES OR SERVICES' form: a boxed grid of "
            "numbered blocks (1. ORDER NO. SPE4A6-26-P-0417, 2. DATE OF ORDER 2026 MAR 05, "
            "6. ISSUED BY, 9. CONTRACTOR, 13. SHIP TO, 15. DELIVER BY, 11. DISCOUNT TERMS Net "
            "30), a schedule ITEM NO./SUPPLIES OR SERVICES/QUANTITY ORDERED/UNIT (EA)/UNIT "
            "PRICE/AMOUNT, 17. TOTAL, and a contracting officer's signature block",
            gov_date, lambda rng, d: f"SPE4A6-{d.year % 100}-P-{rng.randint(100, 9999):04d}",
            numbers=EN,
            features=Features(shipping=False, tax=False, subtotal=False,
                              unit_map=(("BOX", "BX"), ("ROL", "RO"), ("M", "MR"))),
            page=replace(LETTER, footer='<div style="text-align:right">PAGE ' + PAGE_OF.replace(
                " of ", " OF ") + "</div>"),
            adjust=_net30, supplier=_US_SUPPLIER,
        ),
        Blind5Layout(
            "nh_abacus_ch", "abacus_ch.html", ("CH",),
            "Swiss Abacus 'Bestellung': sender line over the supplier's window at the right "
            "(Swiss style), Bestellung Nr. B-26-00417, Datum 05.03.2026, Liefertermin, "
            "Pos./Artikel/Bezeichnung/Menge/Einh. (Stk., Pak., m)/Preis CHF/Betrag CHF with "
            "1'234.50, Total netto/MWST 8,1 %/Total CHF, UID CHE-... in the footer",
            ch_date, lambda rng, d: f"B-{d.year % 100}-{rng.randint(100, 999):05d}",
            numbers=CH,
            features=Features(shipping=False,
                              unit_map=(("EA", "Stk."), ("PAK", "Pak."), ("M", "m"),
                                        ("ROL", "Rol."), ("SET", "Set"))),
            page=PageSetup(margin_mm=(14, 14, 20, 20),
                           footer='<div style="text-align:right">Seite ' + PAGES + "</div>"),
            adjust=_swiss, supplier=_CH_SUPPLIER,
        ),
        Blind5Layout(
            "nh_sheet_gb", "sheet_gb.html", ("GB",),
            "A small UK firm's order typed in a spreadsheet: gridlines and column letters, "
            "the items first (Code/Item/Qty/Each/Total), Net/VAT 20%/Total under them, then "
            "'PO ref PE/918' and the date 5-Mar-26 in cells, and the buyer's name and "
            "address block and the delivery address at the bottom of the page",
            uk_dashed,
            lambda rng, d: f"PE/{rng.randint(100, 999)}", numbers=EN,
            features=Features(shipping=False, unit_column=False),
            page=PageSetup(margin_mm=(10, 10, 12, 10)), supplier=_GB_SUPPLIER,
        ),
    )
}  # fmt: skip
