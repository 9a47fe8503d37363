"""The layout registry and the pieces every layout shares (supplier block, formatters)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from samples.generator.content import Features, Line, Order
from samples.generator.formatting import NumberStyle, date_text, number, quantity

Renderer = Callable[[Order], bytes]


@dataclass(frozen=True)
class LayoutSpec:
    layout_id: str
    countries: tuple[str, ...]
    features: Features
    render: Renderer
    held_out: bool = False
    prints_currency_code: bool = True  # can show a currency other than the buyer's


REGISTRY: dict[str, LayoutSpec] = {}


def layout(
    layout_id: str,
    countries: tuple[str, ...],
    features: Features,
    *,
    held_out: bool = False,
    prints_currency_code: bool = True,
) -> Callable[[Renderer], Renderer]:
    """Register a render function as a layout."""

    def register(render: Renderer) -> Renderer:
        REGISTRY[layout_id] = LayoutSpec(
            layout_id, countries, features, render, held_out, prints_currency_code
        )
        return render

    return register


SUPPLIER_BLOCKS: dict[str, tuple[str, ...]] = {
    "en": ("Acme Supply Co.", "500 Commerce Drive", "Allentown, PA 18103", "USA"),
    "gb": ("Acme Supply Company", "Unit 12, Meridian Park", "Leicester LE19 1WZ", "United Kingdom"),
    "de": ("Acme Supply GmbH", "Gutenbergstraße 5", "65830 Kriftel", "Deutschland"),
    "fr": ("Acme Supply Co.", "Service commercial", "500 Commerce Drive",
           "Allentown, PA 18103, USA"),
}  # fmt: skip

SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "CNY": "¥", "CAD": "CA$", "CHF": "CHF "}


@dataclass(frozen=True)
class Fmt:
    """One layout's way of printing numbers and dates."""

    numbers: NumberStyle
    date_style: str

    def money(self, value: Decimal) -> str:
        return number(value, self.numbers)

    def qty(self, value: Decimal) -> str:
        return quantity(value, self.numbers)

    def date(self, value: date | None) -> str:
        assert value is not None
        return date_text(value, self.date_style)


def line_no(line: Line) -> str:
    return str(line.line_no)


def sku(line: Line) -> str:
    return line.sku or ""


def description(line: Line) -> str:
    return line.description


def unit(line: Line) -> str:
    return line.unit or ""


def percent(rate: Decimal, style: NumberStyle) -> str:
    """20 % or 8,1 % as printed (no trailing zeros)."""
    value = (rate * 100).normalize()
    text = format(value, "f")
    return text.replace(".", style.decimal)


def header_rows(order: Order, labels: dict[str, str], fmt: Fmt) -> list[tuple[str, str]]:
    """The (label, value) pairs of the order header that this order prints."""
    rows: list[tuple[str, str]] = []
    if order.po_number is not None:
        rows.append((labels["po"], order.po_number))
    if order.order_date is not None:
        rows.append((labels["date"], fmt.date(order.order_date)))
    if order.delivery_date is not None and "delivery" in labels:
        rows.append((labels["delivery"], fmt.date(order.delivery_date)))
    if order.payment_terms is not None and "terms" in labels:
        rows.append((labels["terms"], order.payment_terms))
    if "currency" in labels:
        rows.append((labels["currency"], order.currency))
    return rows


def total_rows(order: Order, labels: dict[str, str], fmt: Fmt) -> list[tuple[str, str]]:
    """The (label, value) pairs of the totals block that this order prints."""
    rows: list[tuple[str, str]] = []
    if order.subtotal is not None:
        rows.append((labels["subtotal"], fmt.money(order.subtotal)))
    if order.tax is not None:
        rows.append((labels["tax"].format(rate=percent(order.tax_rate, fmt.numbers)),
                     fmt.money(order.tax)))  # fmt: skip
    if order.shipping is not None:
        rows.append((labels["shipping"], fmt.money(order.shipping)))
    rows.append((labels["total"].format(cur=order.currency), fmt.money(order.total)))
    return rows
