"""How numbers appear in finding messages: as a person reads them on the order."""

from __future__ import annotations

from decimal import Decimal


def money(value: Decimal) -> str:
    """At least two decimals (12.00, 0.425), never exponent notation."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:
        value = value.quantize(Decimal("0.01"))
    return format(value, "f")


def number(value: Decimal) -> str:
    """A quantity as printed, without trailing zeros (10, 2.5)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.1")), "f") + "%"
