"""The blind set's layouts: a Jinja2 template each, with the locale it prints in.

A layout decides wording, label placement, column order and number/date formats; the
order (`content.Order`) decides the values. `render` fills the template and prints it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import jinja2

from samples.generator.blind.printing import PAGE_OF, PageSetup, print_pdf
from samples.generator.content import Features, Order
from samples.generator.formatting import CH, DE, EN, FR, MONTHS_EN, NumberStyle, date_text, number
from samples.generator.formatting import quantity as quantity_text

TEMPLATES = Path(__file__).with_name("templates")
ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
# Who the orders are addressed to; never the customer (README: truth conventions).
SUPPLIERS = {
    "DE": ("Acme Supply GmbH", "Gutenbergstraße 12", "40221 Düsseldorf"),
    "US": ("Acme Supply Co.", "2200 Commerce Drive", "Columbus, OH 43219"),
    "GB": ("Acme Supply Company", "Unit 9, Meridian Park", "Coventry CV3 4FJ"),
    "FR": ("Acme Supply GmbH", "Gutenbergstraße 12", "40221 Düsseldorf, Allemagne"),
    "ES": ("Acme Supply GmbH", "Gutenbergstraße 12", "40221 Düsseldorf (Alemania)"),
    "NL": ("Acme Supply GmbH", "Gutenbergstraße 12", "40221 Düsseldorf, Duitsland"),
    "CN": ("Acme Supply Company", "Unit 9, Meridian Park", "Coventry CV3 4FJ, UK"),
    "CA": ("Acme Supply Co.", "2200 Commerce Drive", "Columbus, OH 43219, USA"),
    "CH": ("Acme Supply GmbH", "Gutenbergstrasse 12", "DE-40221 Düsseldorf"),
}
_CN_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CN_UNITS = ("", "拾", "佰", "仟")
_CN_GROUPS = ("", "万", "亿")


@dataclass(frozen=True)
class BlindLayout:
    layout_id: str
    template: str
    countries: tuple[str, ...]
    summary: str  # what is special, for samples/README.md
    numbers: NumberStyle
    dates: str  # a `formatting.date_text` style, or one of LOCAL_DATE_STYLES
    features: Features = field(default_factory=Features)
    page: PageSetup = field(default_factory=PageSetup)


def oracle_date(d: date) -> str:
    return f"{d.day:02d}-{MONTHS_EN[d.month - 1][:3].upper()}-{d.year}"


# Date styles of these printouts that the corpus layouts never use.
LOCAL_DATE_STYLES: dict[str, Callable[[date], str]] = {
    "oracle": oracle_date,
    "dash_dmy": lambda d: f"{d.day:02d}-{d.month:02d}-{d.year}",
    "dot_unpadded": lambda d: f"{d.day}.{d.month}.{d.year}",
}


def chinese_capital(amount: Decimal) -> str:
    """An amount in Chinese financial capitals (大写), as Chinese order forms print the total:
    1234.50 -> 壹仟贰佰叁拾肆元伍角整."""
    yuan, cents = divmod(int((amount * 100).to_integral_value()), 100)
    out, zero = "", False
    groups = [(yuan // 10 ** (4 * g)) % 10**4 for g in range(3)]
    for g in reversed(range(3)):
        chunk = groups[g]
        if chunk == 0:
            zero = zero or bool(out)
            continue
        for pos in reversed(range(4)):
            digit = chunk // 10**pos % 10
            if digit == 0:
                zero = zero or bool(out)
                continue
            out += ("零" if zero else "") + _CN_DIGITS[digit] + _CN_UNITS[pos]
            zero = False
        out += _CN_GROUPS[g]
    out = (out or "零") + "元"
    jiao, fen = divmod(cents, 10)
    if jiao == fen == 0:
        return out + "整"
    out += (_CN_DIGITS[jiao] + "角") if jiao else "零"
    return out + (_CN_DIGITS[fen] + "分" if fen else "整")


def _percent(rate: Decimal, style: NumberStyle) -> str:
    text = format((rate * 100).normalize(), "f")
    return text.replace(".", style.decimal)


def render(layout: BlindLayout, order: Order) -> bytes:
    """The text PDF of `order` printed in `layout`."""
    style = layout.numbers

    def printed_date(d: date | None) -> str:
        if d is None:
            return ""
        if layout.dates in LOCAL_DATE_STYLES:
            return LOCAL_DATE_STYLES[layout.dates](d)
        return date_text(d, layout.dates)

    html = ENV.get_template(layout.template).render(
        o=order,
        buyer=order.buyer,
        supplier=SUPPLIERS[order.buyer.country],
        m=lambda value: number(value, style),
        q=lambda value: quantity_text(value, style),
        d=printed_date,
        pct=_percent(order.tax_rate, style),
        capital=chinese_capital,
    )
    return print_pdf(html, layout.page)


_LETTER = PageSetup(paper="Letter", margin_mm=(12, 14, 14, 14))

LAYOUTS: dict[str, BlindLayout] = {
    spec.layout_id: spec
    for spec in (
        BlindLayout(
            "bl_sap", "sap.html", ("DE",),
            "SAP-style printout in English, monospaced, German number format; item numbers "
            "00010, 00020; each item two rows (delivery date on the second); labels above "
            "values in the right column; only a net total, no tax or freight; unit PC",
            DE, "dot",
            Features(subtotal=False, tax=False, shipping=False, unit_map=(("EA", "PC"),),
                     item_step=10),
        ),
        BlindLayout(
            "bl_webshop", "webshop.html", ("US",),
            "webshop order confirmation: a shop order number beside the customer's PO number, "
            "address cards, product name with the SKU in small print under it, price before "
            "quantity, no unit column, no delivery date, $ amounts",
            EN, "long_en_us", Features(unit_column=False, delivery_date=False), page=_LETTER,
        ),
        BlindLayout(
            "bl_us_smallbiz", "us_smallbiz.html", ("US",),
            "US small-business PO: DATE/P.O. NO. grid with labels above values, VENDOR and "
            "SHIP TO boxes (company name in the ship-to box), a REQUESTED BY/SHIP VIA/TERMS/"
            "EXPECTED row, ITEM/DESCRIPTION/QTY/RATE/AMOUNT, signature line",
            EN, "us", Features(unit_column=False), page=_LETTER,
        ),
        BlindLayout(
            "bl_de_din", "de_din.html", ("DE",),
            "German DIN 5008 business letter 'Bestellung': sender line over the address window, "
            "info block with labels left of values, Pos./Menge/ME/Artikel-Nr./Bezeichnung/"
            "Einzelpreis/Rabatt/Gesamtpreis (quantity before the item code), delivery address "
            "and terms below the totals, register/bank footer full of numbers",
            DE, "dot", Features(unit_map=(("EA", "Stk"), ("PAK", "Pck"), ("M", "m"))),
        ),
        BlindLayout(
            "bl_fr_bon", "fr_bon.html", ("FR",),
            "French 'Bon de commande': a row of boxed fields with labels above values, "
            "Fournisseur and Adresse de livraison boxes, Réf./Désignation/Qté/U./P.U. HT/Remise/"
            "Montant HT, amounts with narrow no-break spaces and € after, Total HT/Frais de "
            "port/TVA/Net à payer TTC, signature boxes",
            FR, "slash_dmy", Features(unit_map=(("EA", "U"), ("PAK", "lot"), ("M", "m"))),
        ),
        BlindLayout(
            "bl_es_orden", "es_orden.html", ("ES",),
            "Spanish 'Orden de compra': right-aligned labels left of values, Código/Descripción/"
            "Cant./Ud./Precio unit./Dto./Importe, Base imponible/Portes/IVA/TOTAL PEDIDO",
            DE, "slash_dmy", Features(unit_map=(("EA", "ud"), ("PAK", "paq"), ("M", "m"))),
        ),
        BlindLayout(
            "bl_cn_bilingual", "cn_bilingual.html", ("CN",),
            "Chinese/English 采购订单 in a bordered label/value grid, two-line bilingual column "
            "heads, 人民币 RMB as currency, ¥ amounts, ship-to on one line, total also in "
            "Chinese capitals (大写), red company stamp over the signatures",
            EN, "cjk", Features(ship_to_joiner=", ", unit_map=(("PCS", "个"), ("PAK", "包"))),
        ),
        BlindLayout(
            "bl_landscape", "landscape.html", ("GB",),
            "landscape Oracle-style 'Standard Purchase Order': 12 columns (Rev, Need-By Date, "
            "Disc %, Tax code, Charge Account), dates 05-MAR-2026, label/value grid in three "
            "columns, Supplier/Bill To/Ship To boxes, page numbers",
            EN, "oracle",
            Features(unit_map=(("EA", "Each"), ("M", "Metre"), ("PAK", "Pack"))),
            page=PageSetup(landscape=True, margin_mm=(10, 10, 14, 10), footer="Page " + PAGE_OF),
        ),
        BlindLayout(
            "bl_nl_inkoop", "nl_inkoop.html", ("NL",),
            "Dutch 'Inkooporder': Regel/Artikelnummer/Omschrijving/Aantal/Eenheid/Prijs/Korting/"
            "Bedrag, € before amounts, dates 05-03-2026, 'Pagina 1 van 2' footer; long orders "
            "run over two pages with the table header repeated by the browser",
            DE, "dash_dmy",
            Features(unit_map=(("EA", "stuk"), ("PAK", "pak"), ("M", "meter"))),
            page=PageSetup(footer='Pagina <span class="pageNumber"></span> van '
                                  '<span class="totalPages"></span>'),
        ),
        BlindLayout(
            "bl_ca_portal", "ca_portal.html", ("CA",),
            "procurement-portal PO (Coupa-like): big '#PO' heading, key/value grid, Supplier/"
            "Ship To/Bill To columns, each line a card with small labels above values "
            "(Supplier Part #, Qty, UOM, Price, Need By, Total), no item table at all",
            EN, "short_en_us", Features(unit_map=(("EA", "each"), ("PR", "pair"))), page=_LETTER,
        ),
        BlindLayout(
            "bl_ch_bestellung", "ch_bestellung.html", ("CH",),
            "Swiss 'Bestellung' from a small-business accounting package: address window on the "
            "right, PO number in the heading, label/value grid in two pairs per row, CHF "
            "amounts with apostrophes (1'234.50), dates without leading zeros (5.3.2026), "
            "'Total inkl. MWST CHF', delivery address as one line in the closing text",
            CH, "dot_unpadded",
            Features(ship_to_joiner=", ", unit_map=(("EA", "Stk."), ("M", "m"), ("ROL", "Rolle"))),
        ),
    )
}  # fmt: skip
