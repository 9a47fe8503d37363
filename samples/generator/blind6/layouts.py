"""The sixth blind set's layouts: a Jinja2 template each, with its locale, numbering and trade.

Each layout numbers its orders its own way (a Xero "PO-0417", a Coupa five-digit number with
its version, a Pohoda "26OV00417", a Navision "IK106417", a Logo Tiger "SAS2026000417", a
Singapore "SG-PO-004417", a spreadsheet's "2026-317"), and some change what the trade
prints: a German firm's Czech plant buys from the supplier's Brno stockist with DPH 21 %, a
Dutch or French firm's Danish branch from its Copenhagen one with moms 25 %, a German firm's
Turkish plant from its Istanbul distributor with KDV %20, a US firm's Singapore branch from
its Singapore one with GST 9 %, all in the buyer's own currency. `adapt` applies both to an
order of this set.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import jinja2

from samples.generator.blind import layouts as blind_layouts
from samples.generator.blind.printing import PAGE_OF, PageSetup
from samples.generator.blind2.layouts import context, digits, print_layout
from samples.generator.blind3.layouts import LETTER
from samples.generator.blind4.layouts import adapt_in, code
from samples.generator.blind5.layouts import Blind5Layout
from samples.generator.content import Features, Order, money
from samples.generator.formatting import DE, EN, FR_PLAIN, MONTHS_EN

TEMPLATES = Path(__file__).with_name("templates")
_ENV = blind_layouts.ENV.overlay(loader=jinja2.FileSystemLoader(TEMPLATES))

# Who each layout's orders are addressed to: the supplier, or its local stockist.
_XERO_SUPPLIER = ("Acme Supply Company", "Unit 9, Meridian Park", "Coventry", "CV3 4FJ")
_COUPA_SUPPLIER = ("Acme Supply Co.", "2200 Commerce Drive", "Columbus, OH 43219",
                   "United States")  # fmt: skip
_CZ_SUPPLIER = ("Acme Supply CZ s.r.o.", "Vídeňská 546/55", "639 00 Brno")
_DK_SUPPLIER = ("Acme Supply Nordic ApS", "Literbuen 9", "2740 Skovlunde")
_TR_SUPPLIER = ("Acme Endüstriyel Tedarik Ltd. Şti.", "Tuzla Kimya Sanayicileri OSB",
                "Melek Aras Bulvarı No: 84", "34956 Tuzla / İstanbul")  # fmt: skip
_SG_SUPPLIER = ("Acme Supply Asia Pte. Ltd.", "8 Kaki Bukit Avenue 4, #05-32",
                "Premier @ Kaki Bukit", "Singapore 415875")  # fmt: skip
_CA_SUPPLIER = ("Acme Supply Co.", "2200 Commerce Drive", "Columbus, OH 43219, USA")


# --- dates ------------------------------------------------------------------------------
def xero_date(d: date) -> str:
    """'5 Mar 2026', as Xero prints dates."""
    return f"{d.day} {MONTHS_EN[d.month - 1][:3]} {d.year}"


def czech_date(d: date) -> str:
    """'5. 3. 2026', as Czech documents print dates (spaces after the stops, no zeros)."""
    return f"{d.day}. {d.month}. {d.year}"


# --- what each layout's trade changes ----------------------------------------------------
def _printed_subtotal(order: Order) -> Decimal:
    if order.subtotal is not None:
        return order.subtotal
    return sum((ln.amount for ln in order.lines), Decimal(0))


def _local(order: Order, sites: Mapping[str, tuple[str, ...]], terms: str, rate: Decimal) -> Order:
    """The order of a firm's site abroad, bought from the supplier's local stockist: the
    site (if the buyer has one there), local terms and the country's tax on the subtotal; a
    subtotal or total made wrong on purpose (a review case) stays as wrong."""
    subtotal, shipping = _printed_subtotal(order), order.shipping or Decimal(0)
    drift = order.total - (subtotal + (order.tax or Decimal(0)) + shipping)
    site = sites.get(order.customer_id or "", order.ship_to)
    tax = money(subtotal * rate) if order.tax is not None else None
    total = subtotal + (tax or Decimal(0)) + shipping + drift
    return replace(order, ship_to=site, payment_terms=terms, tax_rate=rate, tax=tax, total=total)


_CZ_PLANTS = {
    "C0002": ("Závod Plzeň, brána 3", "Podnikatelská 565", "301 00 Plzeň", "Česká republika"),
    "C0010": ("Sklad Mladá Boleslav", "Jičínská 1329", "293 01 Mladá Boleslav",
              "Česká republika"),
}  # fmt: skip


def _czechia(order: Order, rng: random.Random) -> Order:
    """A German firm's Czech plant (or a Czech firm): DPH 21 %, Czech terms."""
    terms = rng.choice(("převodním příkazem, splatnost 30 dní", "splatnost 45 dní"))
    return _local(order, _CZ_PLANTS, terms, Decimal("0.21"))


_DK_BRANCHES = {
    "C0007": ("Lager Brøndby", "Kornmarksvej 21", "2605 Brøndby", "Danmark"),
    "C0013": ("Afdeling Aarhus, varemodtagelse", "Sindalsvej 34", "8240 Risskov", "Danmark"),
}


def _denmark(order: Order, rng: random.Random) -> Order:
    """A Dutch or French firm's Danish branch: moms 25 %, 'Løbende måned + 30 dage'."""
    terms = rng.choice(("Løbende måned + 30 dage", "Netto 30 dage", "Netto 14 dage"))
    return _local(order, _DK_BRANCHES, terms, Decimal("0.25"))


_TR_PLANTS = {
    "C0002": ("Manisa Fabrikası, Mal Kabul", "Manisa OSB 2. Kısım, Keçiliköy OSB Mah.",
              "Ahmet Nazif Zorlu Bulvarı No: 8", "45030 Yunusemre / Manisa"),
    "C0010": ("Bursa Deposu", "Nilüfer OSB, Ertuğrul Gazi Cad. No: 21",
              "16140 Nilüfer / Bursa", "Türkiye"),
}  # fmt: skip


def _turkey(order: Order, rng: random.Random) -> Order:
    """A German firm's Turkish plant (or a Turkish firm): KDV %20, Turkish terms."""
    terms = rng.choice(("60 gün vadeli", "Fatura tarihinden itibaren 45 gün", "Peşin"))
    return _local(order, _TR_PLANTS, terms, Decimal("0.20"))


_SG_BRANCHES = {
    "C0014": ("1 Changi North Street 1, #03-01", "Lab 1 Building", "Singapore 498789"),
    "C0009": ("21 Tuas South Avenue 6", "Singapore 637026"),
}


def _singapore(order: Order, rng: random.Random) -> Order:
    """A US firm's Singapore branch: GST 9 %, '30 Days' terms."""
    terms = rng.choice(("30 Days", "60 Days", "C.O.D."))
    return _local(order, _SG_BRANCHES, terms, Decimal("0.09"))


def _spreadsheet(order: Order, rng: random.Random) -> Order:
    """A Canadian small firm's sheet: HST 13 % in Ontario, GST+PST 12 % in BC, one tax cell."""
    rate = Decimal("0.12") if ", BC " in order.buyer.address[1] else Decimal("0.13")
    return _local(order, {}, order.payment_terms or "Net 30", rate)


def _coupa(order: Order, rng: random.Random) -> Order:
    """A Coupa order's payment terms are the supplier record's: 'Net 30' or '2/10 Net 45'."""
    return replace(order, payment_terms=rng.choice(("Net 30", "2/10 Net 45", "Net 60")))


def adapt(layout_id: str, order: Order) -> Order:
    """The order with its PO number in the layout's style and its trade's changes (other
    sets' orders unchanged); seeded by the number it replaces."""
    return adapt_in(LAYOUTS, layout_id, order)


def render(layout: Blind5Layout, order: Order) -> bytes:
    """The text PDF of `order` printed in `layout`."""
    assert layout.supplier is not None
    suppliers = {order.buyer.country: layout.supplier}
    extra = {"code": code, "digits": lambda text, n: f"{code(text, 10**n):0{n}d}",
             "short": lambda d: f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}",
             "pct0": lambda rate: format((rate * 100).normalize(), "f")}  # fmt: skip
    return print_layout(_ENV, layout, {**context(layout, order, suppliers), **extra})


LAYOUTS: dict[str, Blind5Layout] = {
    spec.layout_id: spec
    for spec in (
        Blind5Layout(
            "nf_xero_gb", "xero_gb.html", ("GB",),
            "Xero 'PURCHASE ORDER' of a UK small firm: the title big top left with the "
            "supplier under it, Delivery Date/Order Number PO-0417/Reference and the firm's "
            "address and VAT number in two columns on the right, dates 5 Mar 2026, "
            "Description (the item code leading it)/Quantity/Unit Price/VAT '20%'/Amount GBP "
            "with no unit, 'Subtotal', 'TOTAL VAT 20%', 'TOTAL GBP', then DELIVERY DETAILS "
            "at the foot: Delivery Address, Attention, Telephone, Delivery Instructions",
            xero_date, lambda rng, d: f"PO-{digits(rng, 4)}",
            features=Features(unit_column=False, shipping=False, payment_terms=False),
            page=PageSetup(margin_mm=(16, 16, 16, 16)),
            supplier=_XERO_SUPPLIER,
        ),
        Blind5Layout(
            "nf_coupa_us", "coupa_us.html", ("US",),
            "Coupa procurement-portal PO print: 'Purchase Order #' with Version, Status "
            "Issued, Order Date 03/05/26, Requester, Requisition #, Contract #, a "
            "'Supplier' block with Supplier # and a Ship To / Bill To pair, Payment Terms/"
            "Shipping Terms/Currency row, each line two rows (Line, Type Item, Item/"
            "Description, Supplier Part Num, Qty, UOM EA/BX/PK, Price, Total; under it Need "
            "By 03/19/26, Commodity, Account), only 'Total USD' at the end, Coupa's "
            "terms link and the portal URL in the footer",
            lambda d: f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}",
            lambda rng, d: str(rng.randint(60000, 89999)),
            features=Features(subtotal=False, tax=False, shipping=False,
                              unit_map=(("BOX", "BX"), ("PAK", "PK"), ("ROL", "RL"),
                                        ("SET", "KT"))),
            page=replace(LETTER, footer='<div style="display:flex;justify-content:space-between">'
                         "<span>PO {{ o.po_number }} &middot; https://acme.coupahost.com"
                         "</span><span>Page " + PAGE_OF + "</span></div>"),
            adjust=_coupa, supplier=_COUPA_SUPPLIER,
        ),
        Blind5Layout(
            "nf_objednavka_cz", "objednavka_cz.html", ("DE", "CZ"),
            "Czech 'Objednávka' (Pohoda style) of a German firm's Czech plant or a Czech "
            "firm: 'Objednávka č. 26OV00417' top right, Odběratel with IČO/DIČ and Dodavatel "
            "boxes side by side, Datum vystavení 5. 3. 2026, Termín dodání, Místo dodání "
            "block, Forma úhrady/Splatnost, Označení/Kód/Počet/MJ (ks, bal, m, sada)/Cena "
            "za MJ/DPH %/Celkem bez DPH with 1 234,56, Rekapitulace DPH (Základ/Sazba/DPH) "
            "and 'Celkem k úhradě EUR', 'Vystavil' and a stamp box",
            czech_date, lambda rng, d: f"{d.year % 100}OV{digits(rng, 5)}",
            numbers=FR_PLAIN,
            features=Features(shipping=False,
                              unit_map=(("EA", "ks"), ("PAK", "bal"), ("M", "m"),
                                        ("SET", "sada"), ("ROL", "role"))),
            page=PageSetup(footer='<div style="text-align:right">Strana ' + PAGE_OF.replace(
                " of ", " z ") + "</div>"),
            adjust=_czechia, supplier=_CZ_SUPPLIER,
        ),
        Blind5Layout(
            "nf_indkob_dk", "indkob_dk.html", ("NL", "FR"),
            "Danish 'Indkøbsordre' (Navision style) of a Dutch or French firm's Danish "
            "branch: the branch's logo line and CVR-nr., 'Indkøbsordre IK106417' and "
            "'Side 1' top right, Leverandør window left, a key/value column right "
            "(Ordredato 05-03-2026, Forventet modtagelse, Indkøber, Vores ref., "
            "Leveringsbetingelse, Betalingsbetingelse 'Løbende måned + 30 dage'), "
            "Leveringsadresse block, Nummer/Beskrivelse/Antal/Enhed (stk, pk, m, rl)/"
            "Købspris/Rabat %/Beløb with 1.234,56, Subtotal/Fragt/Moms 25%/I alt EUR, "
            "bank and IBAN in the footer",
            lambda d: f"{d.day:02d}-{d.month:02d}-{d.year}",
            lambda rng, d: f"IK{rng.randint(104000, 109999)}", numbers=DE,
            features=Features(unit_map=(("EA", "stk"), ("PAK", "pk"), ("M", "m"),
                                        ("ROL", "rl"), ("SET", "sæt"), ("BOX", "ks"))),
            page=PageSetup(footer='<div style="text-align:center">Danske Bank · Reg.nr. 3001 '
                           "Kontonr. 4310 882 214 · IBAN DK48 3000 4310 8822 14</div>"),
            adjust=_denmark, supplier=_DK_SUPPLIER,
        ),
        Blind5Layout(
            "nf_siparis_tr", "siparis_tr.html", ("DE", "TR"),
            "Turkish 'SATIN ALMA SİPARİŞİ' (Logo Tiger style) of a German firm's Turkish "
            "plant or a Turkish firm: Vergi Dairesi/Vergi No and MERSİS No, Sipariş No "
            "SAS2026000417, Sipariş Tarihi 05.03.2026, Teslim Tarihi, Tedarikçi (Sayın) and "
            "Teslimat Adresi, Sıra/Malzeme Kodu/Malzeme Açıklaması/Miktar/Birim (Adet, "
            "Paket, Metre, Rulo, Takım)/Birim Fiyat/KDV %/Tutar with 1.234,56 EUR, Ara "
            "Toplam/Nakliye/KDV (%20)/Genel Toplam, Ödeme Şekli and Açıklamalar, "
            "'Hazırlayan / Onaylayan' signatures",
            lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
            lambda rng, d: f"SAS{d.year}{digits(rng, 6)}", numbers=DE,
            features=Features(unit_map=(("EA", "Adet"), ("PAK", "Paket"), ("M", "Metre"),
                                        ("ROL", "Rulo"), ("SET", "Takım"), ("BOX", "Kutu"))),
            page=PageSetup(footer='<div style="text-align:right">Sayfa ' + PAGE_OF.replace(
                " of ", " / ") + "</div>"),
            adjust=_turkey, supplier=_TR_SUPPLIER,
        ),
        Blind5Layout(
            "nf_po_sg", "po_sg.html", ("US",),
            "Singapore 'PURCHASE ORDER' of a US firm's branch (an SME accounting package's "
            "print): UEN and GST Reg No., 'PO No.: SG-PO-384417' and 'Date: 05/03/2026' "
            "(day first), Vendor and Deliver To side by side, Terms '30 Days'/Delivery "
            "Date/Buyer/Your Quotation Ref, S/N/Item Code/Description/Qty/UOM (PCS, BOX, "
            "MTR)/Unit Price/Disc/Amount (USD), Sub-Total/Freight/GST @ 9%/Total Payable "
            "(USD), 'E. & O. E.' and a computer-generated note",
            lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
            lambda rng, d: f"SG-PO-{digits(rng, 6)}",
            features=Features(unit_map=(("EA", "PCS"), ("BOX", "BOX"), ("SET", "SET"),
                                        ("ROL", "ROLL"), ("M", "MTR"), ("PAK", "PKT"))),
            page=PageSetup(margin_mm=(12, 12, 14, 12)),
            adjust=_singapore, supplier=_SG_SUPPLIER,
        ),
        Blind5Layout(
            "nf_sheet_ca", "sheet_ca.html", ("CA",),
            "A Canadian small firm's spreadsheet purchase-order template (Excel, printed): "
            "a coloured title band, DATE 2026-03-05 and PO # 2026-317 in cells, VENDOR and "
            "SHIP TO bars, a REQUISITIONER/SHIP VIA/F.O.B./SHIPPING TERMS row, ITEM #/"
            "DESCRIPTION/QTY/UNIT PRICE/TOTAL with no unit and empty ruled rows, and the "
            "totals block on the LEFT under the table (SUBTOTAL, TAX RATE, TAX, SHIPPING, "
            "OTHER, TOTAL) beside comments and the authoriser's line on the right",
            lambda d: d.isoformat(), lambda rng, d: f"{d.year}-{rng.randint(100, 499)}",
            numbers=EN,
            features=Features(unit_column=False),
            page=LETTER, adjust=_spreadsheet, supplier=_CA_SUPPLIER,
        ),
    )
}  # fmt: skip
