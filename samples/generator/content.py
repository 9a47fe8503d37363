"""What an order says: the printed values, decided before any layout draws them.

`make_order` builds a clean order (list prices, right arithmetic, the customer's currency,
within credit) and `apply_case` then breaks exactly one thing for a review case. Every
field that is None is simply not printed, so the truth file is what the document shows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from samples.generator.master import UNKNOWN_SKUS, Customer, products_in

CENT = Decimal("0.01")

TAX_RATES: dict[str, Decimal] = {
    "US": Decimal("0.0725"), "GB": Decimal("0.20"), "DE": Decimal("0.19"),
    "FR": Decimal("0.20"), "NL": Decimal("0.21"), "CH": Decimal("0.081"),
    "CN": Decimal("0.13"), "CA": Decimal("0.13"), "ES": Decimal("0.21"),
    "IT": Decimal("0.22"), "MX": Decimal("0.16"), "JP": Decimal("0.10"), "BR": Decimal("0.18"),
    "CZ": Decimal("0.21"), "TR": Decimal("0.20"), "AT": Decimal("0.20"),
}  # fmt: skip


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Line:
    line_no: int
    sku: str | None
    description: str
    quantity: Decimal
    unit: str | None
    unit_price: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Features:
    """What a layout prints; the order builder leaves out what the layout cannot show."""

    unit_column: bool = True
    subtotal: bool = True
    tax: bool = True
    shipping: bool = True
    delivery_date: bool = True
    payment_terms: bool = True
    ship_to: bool = True
    unit_map: tuple[tuple[str, str], ...] = ()  # catalogue unit -> printed unit
    ship_to_joiner: str = "\n"  # how the layout prints the address lines (block or one line)
    item_step: int = 1  # position numbers 1, 2, 3 or, as SAP prints them, 10, 20, 30


@dataclass(frozen=True)
class Order:
    po_number: str | None
    order_date: date | None
    delivery_date: date | None
    currency: str
    customer_name: str
    customer_id: str | None
    buyer: Customer
    ship_to: tuple[str, ...] | None
    payment_terms: str | None
    lines: tuple[Line, ...]
    subtotal: Decimal | None
    tax: Decimal | None
    tax_rate: Decimal
    shipping: Decimal | None
    total: Decimal
    contact_name: str = "J. Miller"
    ship_to_joiner: str = "\n"  # the truth joins the address lines as they are printed


TERMS = {
    "US": ("Net 30", "Net 45", "2% 10, Net 30"), "CA": ("Net 30", "Net 60"),
    "GB": ("30 days net", "Net 30 days", "30 days end of month"),
    "DE": ("30 Tage netto", "14 Tage 2 % Skonto, 30 Tage netto"),
    "FR": ("30 jours fin de mois", "45 jours date de facture"),
    "NL": ("30 dagen netto", "Net 30"), "CH": ("30 Tage netto", "Zahlbar in 30 Tagen"),
    "CN": ("月结30天", "货到付款 / Payment on delivery"),
    "ES": ("Transferencia a 60 días", "Confirming 90 días"),
    "IT": ("Bonifico bancario 60 gg d.f.f.m.", "Ri.Ba. 30/60 gg d.f."),
    "MX": ("Crédito 30 días", "Crédito 45 días fecha factura"),
    "JP": ("月末締め翌月末払い", "T/T 30 days after invoice date"),
    "BR": ("28 DDL", "30/60/90 dias"),
    "CZ": ("převodem, splatnost 30 dní", "splatnost 14 dní od data vystavení faktury"),
    "TR": ("60 gün vadeli", "Fatura tarihinden itibaren 45 gün"),
    "AT": ("30 Tage netto", "14 Tage 3 % Skonto, 30 Tage netto"),
}  # fmt: skip

SHIP_TO_ALTERNATES = {
    "US": ("Receiving Dock 3", "1200 Industrial Pkwy", "Dayton, OH 45414", "USA"),
    "GB": ("Goods In, Bay 7", "Riverside Trading Estate", "Bristol BS2 0QT", "United Kingdom"),
    "DE": ("Werk 2, Tor 4", "Hafenstraße 77", "28217 Bremen", "Deutschland"),
    "FR": ("Entrepôt Nord", "ZI des Chênes", "59160 Lomme", "France"),
    "NL": ("Magazijn B", "Industrieweg 5", "5651 GH Eindhoven", "Nederland"),
    "CH": ("Lager Ost", "Industriestrasse 8", "9000 St. Gallen", "Schweiz"),
    "CN": ("二号仓库", "东莞市长安镇振安路21号", "Dongguan 523850", "China"),
    "CA": ("Warehouse 2", "8800 Glenlyon Pkwy", "Burnaby, BC V5J 5K3", "Canada"),
    "ES": ("Almacén 3", "Avda. de la Industria 12", "28823 Coslada (Madrid)", "España"),
    "IT": ("Magazzino 2", "Via dell'Artigianato 18", "25030 Castel Mella (BS)", "Italia"),
    "MX": ("Almacén General, Andén 4", "Carretera 57 km 22.5", "76220 Querétaro, Qro.", "México"),
    "JP": ("Nanko Warehouse No. 3", "4-1-9 Nanko-kita, Suminoe-ku", "Osaka 559-0034", "Japan"),
    "BR": ("Almoxarifado Central", "Rod. Presidente Dutra, km 148", "12240-420 São José dos "
           "Campos - SP", "Brasil"),
    "CZ": ("Sklad 2, brána B", "Průmyslová 1480", "530 02 Pardubice", "Česká republika"),
    "TR": ("Depo 2, Rampa 5", "Gebze Organize Sanayi Bölgesi 1600. Sokak No: 1606",
           "41400 Gebze / Kocaeli", "Türkiye"),
    "AT": ("Lager Süd, Rampe 3", "Puchstraße 85", "8020 Graz", "Österreich"),
}  # fmt: skip


def _quantity(rng: random.Random, unit: str, price: Decimal) -> Decimal:
    if unit in ("M", "KG") and rng.random() < 0.5:
        return Decimal(rng.choice(("2.5", "12.5", "7.5", "30.5", "125.5")))
    if price < 1:
        return Decimal(rng.choice((100, 250, 500, 1000, 1200, 2000, 5000)))
    if price < 20:
        return Decimal(rng.choice((5, 10, 12, 20, 24, 50, 100)))
    return Decimal(rng.choice((1, 2, 3, 4, 5, 6, 8, 10)))


def _lines(rng: random.Random, currency: str, count: int, features: Features) -> list[Line]:
    catalogue = list(products_in(currency))
    picks = rng.sample(catalogue, min(count, len(catalogue)))
    units = dict(features.unit_map)
    out = []
    for n, product in enumerate(picks, start=1):
        qty = _quantity(rng, product.unit, product.unit_price)
        unit = units.get(product.unit, product.unit) if features.unit_column else None
        amount = money(qty * product.unit_price)
        line_no = n * features.item_step
        out.append(Line(line_no, product.sku, product.description, qty, unit, product.unit_price,
                        amount))  # fmt: skip
    return out


def po_number(rng: random.Random, country: str) -> str:
    """A buyer-style PO number; styles differ by buyer, as they do in real life."""
    digits = "".join(rng.choice("0123456789") for _ in range(6))
    match country:
        case "US":
            return f"PO-{rng.randint(2026, 2026)}-{digits[:5]}"
        case "GB":
            return f"NW{digits}"
        case "DE" | "CH":
            return f"45000{digits[:5]}"
        case "FR":
            return f"BC-{digits[:4]}/26"
        case "CN":
            return f"CG2026{digits}"
        case "CA":
            return f"{digits[:5]}-A"
    return f"{digits}"


def make_order(
    rng: random.Random,
    buyer: Customer,
    features: Features,
    *,
    line_count: int,
    order_date: date,
    customer_id: str | None,
    name_variant: str | None = None,
) -> Order:
    """A clean order of `buyer`: everything a rule checks is right."""
    lines = _lines(rng, buyer.currency, line_count, features)
    subtotal = sum((ln.amount for ln in lines), Decimal(0))
    rate = TAX_RATES[buyer.country]
    tax = money(subtotal * rate) if features.tax else None
    fees = ("25.00", "45.00", "0.00", "120.00")
    shipping = Decimal(rng.choice(fees)) if features.shipping else None
    total = subtotal + (tax or 0) + (shipping or 0)
    ship_to = None
    if features.ship_to:
        alt = rng.random() < 0.4
        ship_to = SHIP_TO_ALTERNATES[buyer.country] if alt else buyer.address
    return Order(
        po_number=po_number(rng, buyer.country),
        order_date=order_date,
        delivery_date=order_date + timedelta(days=rng.choice((7, 14, 21, 30)))
        if features.delivery_date
        else None,
        currency=buyer.currency,
        customer_name=name_variant or buyer.name,
        customer_id=customer_id,
        buyer=buyer,
        ship_to=ship_to,
        payment_terms=rng.choice(TERMS[buyer.country]) if features.payment_terms else None,
        lines=tuple(lines),
        subtotal=subtotal if features.subtotal else None,
        tax=tax,
        tax_rate=rate,
        shipping=shipping,
        total=total,
        ship_to_joiner=features.ship_to_joiner,
    )


def with_lines(order: Order, lines: list[Line], *, keep_subtotal: Decimal | None = None) -> Order:
    """Replace the lines and recompute subtotal/tax/total consistently (unless told not to)."""
    subtotal = (
        keep_subtotal if keep_subtotal is not None else sum((ln.amount for ln in lines), Decimal(0))
    )
    tax = money(subtotal * order.tax_rate) if order.tax is not None else None
    total = subtotal + (tax or 0) + (order.shipping or 0)
    printed_subtotal = subtotal if order.subtotal is not None else None
    return replace(order, lines=tuple(lines), subtotal=printed_subtotal, tax=tax, total=total)


def apply_case(rng: random.Random, order: Order, case: str) -> Order:
    """Break the one thing that makes `case` (a contract §5 rule id) fire; nothing else."""
    lines = list(order.lines)
    k = rng.randrange(len(lines))
    match case:
        case "clean" | "unknown_customer" | "duplicate_po" | "low_confidence":
            return order
        case "missing_field":
            return replace(order, po_number=None)
        case "unknown_sku":
            lines[k] = replace(lines[k], sku=rng.choice(UNKNOWN_SKUS))
            return replace(order, lines=tuple(lines))
        case "price_mismatch":
            price = money(lines[k].unit_price * Decimal("1.08")) + CENT
            lines[k] = replace(lines[k], unit_price=price, amount=money(price * lines[k].quantity))
            return with_lines(order, lines)
        case "line_arithmetic":
            wrong = lines[k].amount + Decimal(rng.choice(("10.00", "100.00", "1.50")))
            lines[k] = replace(lines[k], amount=wrong)
            return with_lines(order, lines)
        case "subtotal_mismatch":
            assert order.subtotal is not None, "subtotal_mismatch needs a printed subtotal"
            real = sum((ln.amount for ln in lines), Decimal(0))
            return with_lines(order, lines, keep_subtotal=real + Decimal("50.00"))
        case "total_mismatch":
            return replace(order, total=order.total + Decimal("90.00"))
        case "currency_mismatch":
            other = "EUR" if order.currency != "EUR" else "USD"
            return replace(order, currency=other)
        case "delivery_before_order":
            assert order.order_date is not None
            return replace(order, delivery_date=order.order_date - timedelta(days=5))
        case "credit_limit":
            return _over_credit(order)
    raise ValueError(f"unknown case {case!r}")


def _over_credit(order: Order) -> Order:
    """Scale quantities until the total passes the buyer's credit limit."""
    limit = order.buyer.credit_limit
    assert limit is not None, "credit_limit case needs a customer with a limit"
    lines = list(order.lines)
    factor = 1
    while with_lines(order, lines).total <= limit:
        factor *= 2
        lines = [
            replace(ln, quantity=ln.quantity * 2, amount=money(ln.quantity * 2 * ln.unit_price))
            for ln in lines
        ]
    return with_lines(order, lines)
