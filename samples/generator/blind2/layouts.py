"""The second blind set's layouts: a Jinja2 template each, with its locale and numbering.

Besides wording and placement, real systems differ in how they number orders (NetSuite
"PO10582", Odoo "P00417", Business Central "106023", a carbon order book's preprinted
"004173"), so each layout also owns a PO-number style: `renumber` re-draws the number of an
order printed in a layout of this set, seeded by the number it replaces, so a revised
re-send would keep its number.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import jinja2

from samples.generator.blind import layouts as blind_layouts
from samples.generator.blind.layouts import SUPPLIERS
from samples.generator.blind.printing import PAGE_OF, PAGES, PageSetup, print_pdf
from samples.generator.content import Features, Order
from samples.generator.formatting import CH, DE, EN, MONTHS_EN, NumberStyle, number
from samples.generator.formatting import quantity as quantity_text

TEMPLATES = Path(__file__).with_name("templates")
# The first blind set's Jinja settings (strict, escaped, block-trimmed), over these templates.
_ENV = blind_layouts.ENV.overlay(loader=jinja2.FileSystemLoader(TEMPLATES))
MONTHS_ES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
             "septiembre", "octubre", "noviembre", "diciembre")  # fmt: skip
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SYMBOLS = {"USD": "$", "CAD": "$", "GBP": "£", "EUR": "€", "CNY": "¥", "CHF": "CHF "}
FR_ODOO = NumberStyle("\u00a0", ",")  # Odoo groups French amounts with a no-break space

DateStyle = Callable[[date], str]
PoStyle = Callable[[random.Random, date], str]


def digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def ordinal_en(d: date) -> str:
    """'5th March 2026', as British letters and some UK accounting packages print it."""
    suffix = "th" if d.day in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
    return f"{d.day}{suffix} {MONTHS_EN[d.month - 1]} {d.year}"


def long_es(d: date) -> str:
    return f"{d.day} de {MONTHS_ES[d.month - 1]} de {d.year}"


def day_mon_year(d: date) -> str:
    return f"{d.day} {MONTHS_EN[d.month - 1][:3]} {d.year}"


def weekday_long(d: date) -> str:
    return f"{WEEKDAYS_EN[d.weekday()]}, {d.day} {MONTHS_EN[d.month - 1]} {d.year}"


@dataclass(frozen=True)
class Blind2Layout:
    layout_id: str
    template: str
    countries: tuple[str, ...]
    summary: str  # what is special, for samples/README.md
    dates: DateStyle
    po_style: PoStyle
    numbers: NumberStyle = EN
    local_numbers: tuple[tuple[str, NumberStyle], ...] = ()  # buyer country -> its style
    features: Features = field(default_factory=Features)
    page: PageSetup = field(default_factory=PageSetup)  # footer: a Jinja snippet over `o`


def renumber(layout_id: str, order: Order) -> Order:
    """The order with its PO number in the layout's style (other sets' orders unchanged)."""
    spec = LAYOUTS.get(layout_id)
    if spec is None or order.po_number is None or order.order_date is None:
        return order
    rng = random.Random(f"{layout_id}/{order.po_number}")
    return replace(order, po_number=spec.po_style(rng, order.order_date))


def _tilt(text: object) -> str:
    """A steady small slant for a hand-written entry, the same on every regeneration."""
    return f"{(zlib.crc32(str(text).encode()) % 31 - 15) / 10:.1f}deg"


def _our_item(sku: str | None) -> str:
    """The buyer's own item number for a supplier part, as ERPs print beside it."""
    return f"ITM-{zlib.crc32((sku or '').encode()) % 90000 + 10000}"


def context(
    layout: Blind2Layout, order: Order, suppliers: Mapping[str, tuple[str, ...]] = SUPPLIERS
) -> dict[str, object]:
    """What every HTML layout of the later blind sets prints from: the order, the parties,
    and money, quantity and date formatters in the layout's (or the buyer's) style."""
    style = dict(layout.local_numbers).get(order.buyer.country, layout.numbers)
    return {
        "o": order,
        "buyer": order.buyer,
        "supplier": suppliers[order.buyer.country],
        "sym": SYMBOLS[order.currency],
        "m": lambda value: number(value, style),
        "q": lambda value: quantity_text(value, style),
        "d": lambda value: layout.dates(value) if value else "",
        "pct": format((order.tax_rate * 100).normalize(), "f").replace(".", style.decimal),
    }


def print_layout(env: jinja2.Environment, layout: Blind2Layout, values: dict[str, object]) -> bytes:
    """The layout's template and page footer filled with `values`, printed by Chromium."""
    html = env.get_template(layout.template).render(values)
    footer = env.from_string(layout.page.footer).render(values)
    return print_pdf(html, replace(layout.page, footer=footer))


def render(layout: Blind2Layout, order: Order) -> bytes:
    """The text PDF of `order` printed in `layout`."""
    extra = {"long": weekday_long, "tilt": _tilt, "our_item": _our_item}
    return print_layout(_ENV, layout, {**context(layout, order), **extra})


_LETTER = PageSetup(paper="Letter", margin_mm=(12, 13, 14, 13))

LAYOUTS: dict[str, Blind2Layout] = {
    spec.layout_id: spec
    for spec in (
        Blind2Layout(
            "nb_netsuite", "netsuite.html", ("US",),
            "NetSuite-style printout: 'Purchase Order' top right with '#PO10582' and the date "
            "(3/5/2026) under it and no labels at all, Vendor/Ship To blocks, a Receive By/"
            "Terms/Ship Via row, Item (the buyer's own ITM- number) beside Vendor # (the "
            "supplier's code), Qty/Units/Rate/Amount, PO number and page in the page footer",
            lambda d: f"{d.month}/{d.day}/{d.year}",
            lambda rng, d: f"PO{rng.randint(10000, 19999)}",
            features=Features(unit_map=(("EA", "ea"), ("SET", "set"), ("ROL", "roll"),
                                        ("BOX", "box"), ("M", "m"))),
            page=replace(_LETTER, footer="{{ o.po_number }} · Page " + PAGE_OF),
        ),
        Blind2Layout(
            "nb_ariba", "ariba.html", ("GB", "NL", "CN"),
            "SAP Ariba Network order: From/To blocks, the PO number under 'Purchase Order "
            "(New)' with 'Amount: £1,234.56 GBP' and 'Version', 'Order submitted on: Thursday, "
            "5 March 2026', Ship All Items To/Bill To/Deliver To, Line #/Part # / Description "
            "(code over description in one cell)/Type/Return/Qty (Unit) as '250 (EA)'/Need By "
            "'12 Mar 2026'/Unit Price/Subtotal, every amount with symbol and ISO code",
            day_mon_year, lambda rng, d: f"EP{digits(rng, 7)}",
        ),
        Blind2Layout(
            "nb_odoo_fr", "odoo_fr.html", ("FR",),
            "Odoo 'Bon de commande n° P00417' in French: supplier address right, delivery "
            "address left, label-above-value row (Représentant achats/Date de commande), "
            "Description with the code in brackets ('[4711-220] ...'), Taxes, Date prévue per "
            "line, Qté as '250,00 Unité(s)' (two decimals and the unit in one cell), no freight",
            lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
            lambda rng, d: f"P{rng.randint(100, 2999):05d}", numbers=FR_ODOO,
            features=Features(shipping=False, unit_map=(("EA", "Unité(s)"), ("PAK", "Paquet(s)"),
                                                        ("M", "m"))),
            page=PageSetup(footer='<div style="text-align:center">Page : ' + PAGES + "</div>"),
        ),
        Blind2Layout(
            "nb_dynamics_de", "dynamics_de.html", ("DE", "CH"),
            "Dynamics 365 Business Central 'Bestellung': supplier window left, company block "
            "right, a two-column field block (Belegdatum, Bestellnr., Kreditorennr., Einkäufer, "
            "Erw. Wareneingangsdatum) with two-digit years (05.03.26), Nr./Beschreibung/Menge/"
            "Einheit/EK-Preis ohne MwSt./Zeilenrabatt %/Betrag ohne MwSt. with units STÜCK/"
            "PAKET, 'Summe EUR inkl. MwSt.'; Swiss buyers in CHF with 1'234.56",
            lambda d: f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}",
            lambda rng, d: f"10{rng.randint(6001, 6999)}", numbers=DE,
            local_numbers=(("CH", CH),),
            features=Features(shipping=False, unit_map=(("EA", "STÜCK"), ("PAK", "PAKET"),
                                                        ("M", "METER"), ("ROL", "ROLLE"))),
            page=PageSetup(footer='<div style="text-align:right">Bestellung {{ o.po_number }}'
                                  ' &nbsp; Seite ' + PAGES + "</div>"),
        ),
        Blind2Layout(
            "nb_sage_gb", "sage_gb.html", ("GB",),
            "Sage 50-style UK order: boxed 'Order No.' (a bare 4-digit number)/'Date' "
            "('5th March 2026')/'A/C Ref' top right, supplier and Delivery Address boxes, "
            "Your Ref/Our Ref/Required By row, Product Code/Details/Quantity/Unit Price/Disc %/"
            "Net Amount/T/C (VAT code T1) with no unit column, Total Net/Carriage/Total VAT/"
            "Total Amount, company registration numbers in the footer",
            ordinal_en, lambda rng, d: str(rng.randint(3000, 8999)),
            features=Features(unit_column=False),
        ),
        Blind2Layout(
            "nb_carta_es", "carta_es.html", ("ES",),
            "Spanish business letter: centred letterhead with CIF, 'Nuestra ref.'/'Su ref.' "
            "left, supplier right, 'Paterna, 5 de marzo de 2026', 'Asunto: Pedido nº PC-26/0153',"
            " a salutation, Nº/Cantidad/Artículo/Descripción/Precio/Importe (quantity before the"
            " code, no unit), Importe neto/IVA/Portes/Total pedido, delivery place and date in "
            "the closing text",
            long_es, lambda rng, d: f"PC-{d.year % 100}/{digits(rng, 4)}", numbers=DE,
            features=Features(unit_column=False, ship_to_joiner=", "),
        ),
        Blind2Layout(
            "nb_ca_bilingual", "ca_bilingual.html", ("CA",),
            "Bilingual Canadian form 'PURCHASE ORDER / BON DE COMMANDE': boxed fields with "
            "English/French labels above values ('P.O. No. / N° de commande', 'Date "
            "(YYYY/MM/DD)') and dates 2026/03/05, Vendor/Fournisseur, Ship to/Expédier à, "
            "Invoice to/Facturer à, Item/Article numbers, U/M, Extended/Montant, 'GST/HST – "
            "TPS/TVH', 'Freight / Transport', 'Total (CAD)'",
            lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}",
            lambda rng, d: f"P{d.year % 100}-{digits(rng, 5)}",
            page=_LETTER,
        ),
        Blind2Layout(
            "nb_handform", "handform.html", ("US",),
            "a carbon order-book form filled in by hand (blue slanted pen, a rubber-stamped "
            "buyer): the preprinted red serial 'Nº 004173' is the PO number, DATE 3/5/26, "
            "TO/SHIP TO boxes, SHIP VIA/F.O.B./TERMS/DATE REQUIRED row, QUANTITY/DESCRIPTION "
            "(item code written before the text)/UNIT PRICE/AMOUNT on ruled lines; only "
            "scans and photos, as such forms exist only on paper",
            lambda d: f"{d.month}/{d.day}/{d.year % 100:02d}",
            lambda rng, d: f"00{rng.randint(1000, 9999)}",
            features=Features(unit_column=False), page=_LETTER,
        ),
    )
}  # fmt: skip
