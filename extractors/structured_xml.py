"""Small, namespace-blind helpers for reading e-invoice / e-order XML (CII and UBL).

CII comes in several namespace versions (D16B `:100`, D22B `:128`, Order-X), and UBL
in Order, Invoice and CreditNote flavours; the element *local names* are what stays
stable, so paths here match local names only. Values come back as typed Python values
(`Decimal`, `date`) or None: a malformed number or date is "not read", never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TypeAlias

from lxml import etree

from poflow.domain import ExtractedOrder

Element: TypeAlias = etree._Element

CENT = Decimal("0.01")
_PRICE_STEP = Decimal("0.000001")


def local_name(element: Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):  # comments and processing instructions
        return ""
    return etree.QName(tag).localname


def children(element: Element | None, name: str) -> Iterator[Element]:
    """Child elements with this local name (`A|B` accepts either)."""
    if element is None:
        return
    names = set(name.split("|"))
    for child in element:
        if local_name(child) in names:
            yield child


def find(element: Element | None, path: str) -> Element | None:
    """The first element along a `/`-separated path of local names, searching breadth-first."""
    found = find_all(element, path)
    return found[0] if found else None


def find_all(element: Element | None, path: str) -> list[Element]:
    current: list[Element] = [] if element is None else [element]
    for step in path.split("/"):
        current = [child for parent in current for child in children(parent, step)]
    return current


def text(element: Element | None, path: str | None = None) -> str | None:
    """Stripped text of an element (or of the first one along `path`); empty text is None."""
    target = find(element, path) if path else element
    if target is None or target.text is None:
        return None
    value = target.text.strip()
    return value or None


def first_text(element: Element | None, *paths: str) -> str | None:
    """The first non-empty text among several alternative paths (in order of preference)."""
    for path in paths:
        value = text(element, path)
        if value is not None:
            return value
    return None


def one_line(value: str | None) -> str | None:
    """Collapse whitespace (names are sometimes broken over lines in the XML)."""
    if value is None:
        return None
    joined = " ".join(value.split())
    return joined or None


def decimal(value: str | None) -> Decimal | None:
    """An XML decimal (`-1234.50`); anything else, or a non-finite value, is None."""
    if value is None:
        return None
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def money(value: Decimal | None) -> Decimal | None:
    """Amounts to 2 places, unless more places carry digits (a price of 3.3333 stays so)."""
    if value is None:
        return None
    cents = value.quantize(CENT)
    return cents if cents == value else value.normalize()


def quantity(value: Decimal | None) -> Decimal | None:
    """A quantity without trailing zeros (`3.0000` → `3`), never in exponent form."""
    if value is None:
        return None
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal.as_tuple().exponent > 0 else normal  # type: ignore[operator]


def price_per_unit(price: Decimal | None, basis: Decimal | None) -> Decimal | None:
    """A price quoted per basis quantity (e.g. per 100 pieces) as a price per one unit.

    This divides a *price*, which is a price again; quantities are never derived this way.
    """
    if price is None:
        return None
    if basis is None or basis <= 0 or basis == 1:
        return money(price)
    return money((price / basis).quantize(_PRICE_STEP, rounding=ROUND_HALF_UP))


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def xml_date(value: str | None, fmt: str | None = None) -> date | None:
    """A CII `DateTimeString` (format 102 = YYYYMMDD) or an ISO date (UBL); else None."""
    if value is None:
        return None
    value = value.strip()
    match = _COMPACT_DATE.match(value) if fmt in (None, "102") else None
    match = match or _ISO_DATE.match(value)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def date_at(element: Element | None, path: str) -> date | None:
    """The date of a CII `…/DateTimeString` (honouring its `format`) or UBL date element."""
    target = find(element, path)
    if target is None:
        return None
    return xml_date(target.text, target.get("format"))


_UNIT_CODES = {
    "C62": "EA",
    "H87": "EA",
    "EA": "EA",
    "XPP": "EA",
    "KGM": "KG",
    "GRM": "G",
    "LTR": "L",
    "MTR": "M",
    "MTK": "M2",
    "MTQ": "M3",
    "HUR": "H",
    "DAY": "DAY",
    "SET": "SET",
    "PR": "PR",
    "XBX": "BX",
    "XPK": "PK",
}


def unit_name(code: str | None) -> str | None:
    """UN/ECE Rec. 20/21 unit codes as the order desk writes them (C62/H87 → EA)."""
    if code is None:
        return None
    code = code.strip().upper()
    return _UNIT_CODES.get(code, code) or None


# Where the postcode is written after the town (elsewhere, e.g. DE and FR, it comes first).
_POSTCODE_AFTER_CITY = frozenset({"GB", "UK", "US", "CA", "AU", "NZ", "IE"})


def address_lines(
    line_parts: list[str | None], postcode: str | None, city: str | None, country: str | None
) -> str | None:
    """An address as the contract's `ship_to` block: street lines, "postcode city", country."""
    lines = [part for part in line_parts if part]
    postcode_last = (country or "").upper() in _POSTCODE_AFTER_CITY
    town = " ".join(p for p in ((city, postcode) if postcode_last else (postcode, city)) if p)
    if town:
        lines.append(town)
    if country:
        lines.append(country)
    return "\n".join(lines) or None


@dataclass(frozen=True)
class XmlOrder:
    """An order read from XML, before customer matching and evidence are added."""

    order: ExtractedOrder
    buyer_text: str  # the buyer's name, address, ids and e-mail: for customer matching
    document_type: str | None = None  # CII TypeCode (220 order, 380 invoice, 381 credit note)


def line_number(line_id: str | None, position: int) -> int:
    """The line's own number when it is a positive integer (10, 20, … stay), else its position."""
    if line_id and line_id.isdigit() and int(line_id) > 0:
        return int(line_id)
    return position
