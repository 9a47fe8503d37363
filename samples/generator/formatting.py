"""How numbers, money and dates are printed in each locale style.

The truth files hold the normalised value (contract §2); these functions produce the
printed form, so every printed value parses back to exactly the truth value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")  # fmt: skip
MONTHS_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
             "September", "Oktober", "November", "Dezember")  # fmt: skip
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")  # fmt: skip


@dataclass(frozen=True)
class NumberStyle:
    """Thousands and decimal separators, e.g. 1,234.56 / 1.234,56 / 1 234,56 / 1'234.56."""

    group: str
    decimal: str


EN = NumberStyle(",", ".")
DE = NumberStyle(".", ",")
FR = NumberStyle("\u202f", ",")  # narrow no-break space, as French software prints it
FR_PLAIN = NumberStyle(" ", ",")
CH = NumberStyle("'", ".")


def number(value: Decimal, style: NumberStyle, places: int = 2) -> str:
    """A decimal with `places` decimals, grouped in thousands."""
    text = f"{value:,.{places}f}"
    return text.replace(",", "\x00").replace(".", style.decimal).replace("\x00", style.group)


def quantity(value: Decimal, style: NumberStyle) -> str:
    """A quantity as printed: integers without decimals, otherwise as few decimals as needed."""
    if value == value.to_integral_value():
        return number(value, style, 0)
    places = max(0, -int(value.normalize().as_tuple().exponent))
    return number(value, style, places)


def quantity_truth(value: Decimal) -> str:
    """The normalised quantity string of the truth file ("250", "2.5")."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def date_text(d: date, style: str) -> str:
    """Print a date in one of the named styles."""
    match style:
        case "iso":
            return d.isoformat()
        case "us":
            return f"{d.month:02d}/{d.day:02d}/{d.year}"
        case "dot":
            return f"{d.day:02d}.{d.month:02d}.{d.year}"
        case "slash_dmy":
            return f"{d.day:02d}/{d.month:02d}/{d.year}"
        case "long_en":
            return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
        case "long_en_us":
            return f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"
        case "short_en_us":
            return f"{MONTHS_EN[d.month - 1][:3]} {d.day}, {d.year}"
        case "long_de":
            return f"{d.day}. {MONTHS_DE[d.month - 1]} {d.year}"
        case "long_fr":
            return f"{d.day} {MONTHS_FR[d.month - 1]} {d.year}"
        case "cjk":
            return f"{d.year}年{d.month}月{d.day}日"
    raise ValueError(f"unknown date style {style!r}")
