"""Value shapes: whether a piece of text looks like a date, money, a code or a currency.

Why apart from the label matcher (`vocabulary`): finders ask of a cell's text what it
could be ("1.234,56" is money, "AX-1020" a code, "05.03.2026" a date) with or without a
label beside it; these are shape checks only, never the reading of the value, which the
normaliser owns (`normalise_dates`, `normalise`).

Contract: `find_date` and `find_currency` return a character span or None; `is_money`,
`is_code` a bool; `number_value` a Decimal good enough for qty × price ≈ amount checks.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from extractors.normalise_dates import MONTH_NAMES

# The parser's month names, so that every date the shape check accepts can be read.
MONTHS_PATTERN = "|".join(sorted((re.escape(m) for m in MONTH_NAMES), key=len, reverse=True))
# Weekday names that lead in a date ("by Wed 20 May 2026", "pour le samedi 14 mars"), in the
# customers' languages; English and German also abbreviated.
WEEKDAYS_PATTERN = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|mo|di|mi|do|fr|sa|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|"
    r"luned[iì]|marted[iì]|mercoled[iì]|gioved[iì]|venerd[iì]|sabato|domenica|"
    r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
)
_DATE_PATTERNS = (
    re.compile(r"\b\d{1,4}\s?[./-]\s?\d{1,2}\s?[./-]\s?\d{2,4}\b"),
    re.compile(r"\b\d{4}\s?[./-]\s?\d{1,2}\s?[./-]\s?\d{1,2}\b"),  # 2026/3/5
    re.compile(
        rf"\b\d{{1,2}}(?:st|nd|rd|th|er|e)?\.?[\s/-]*(?:de\s+|of\s+)?(?:{MONTHS_PATTERN})\.?,?[\s/-]*"
        rf"(?:del?\s+)?\d{{2,4}}\b",
        re.I,
    ),
    re.compile(rf"\b(?:{MONTHS_PATTERN})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b", re.I),
    re.compile(rf"\b\d{{4}}[\s/-]+(?:{MONTHS_PATTERN})\.?[\s/-]+\d{{1,2}}\b", re.I),
    re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?"),
)
# A number in running text ("1,745.00", "14,20", "1 234,56", "5000"): thousands groups and
# up to four decimals; where it stands is the caller's pattern.
NUMBER_PATTERN = r"\d{1,3}(?:[,.'\u00a0 ]\d{3})+(?:[.,]\d{1,4})?(?!\d)|\d+(?:[.,]\d{1,4})?(?!\d)"
_MONEY = re.compile(
    r"^[^\d-]{0,4}-?\d{1,3}(?:[.,' \u00a0\u202f]?\d{3})*(?:[.,]\d{1,4})?[^\d]{0,4}$"
)
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9./_#-]*[A-Za-z0-9]$|^\d+$")
CURRENCY_CODES = (
    "EUR",
    "USD",
    "GBP",
    "CHF",
    "CNY",
    "RMB",
    "JPY",
    "CAD",
    "AUD",
    "SEK",
    "NOK",
    "DKK",
    "PLN",
    "CZK",
    "HUF",
    "MXN",
    "BRL",
    "INR",
    "HKD",
    "SGD",
    "NZD",
    "ZAR",
    "TRY",
)
CURRENCY_SYMBOLS = ("€", "$", "£", "¥", "￥", "元", "US$", "C$", "A$", "Fr.", "CHF")
_CURRENCY = re.compile(r"(?<![A-Za-z])(" + "|".join(CURRENCY_CODES) + r")(?![A-Za-z])|[€$£¥￥]|元")


def find_date(text: str) -> tuple[int, int] | None:
    """The character span of the first date-shaped text, or None."""
    spans = [m.span() for p in _DATE_PATTERNS if (m := p.search(text))]
    return min(spans) if spans else None


# A date without its year ("by March 23", "le 23 mars", "Liefertermin: 23.03."), as people
# type a delivery date; only the order's date can say which year (`parse_yearless_date`).
_YEARLESS_PATTERNS = (
    re.compile(
        rf"\b\d{{1,2}}(?:st|nd|rd|th|er|e)?\.?\s+(?:de\s+|of\s+)?(?:{MONTHS_PATTERN})\b\.?(?![\s,/-]*\d)",
        re.I,
    ),
    re.compile(rf"\b(?:{MONTHS_PATTERN})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?![,.]?\s*\d)", re.I),
    re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.(?![\d.])"),
)


def find_yearless_date(text: str) -> tuple[int, int] | None:
    """The character span of the first day and month printed without a year, or None."""
    spans = [m.span() for p in _YEARLESS_PATTERNS if (m := p.search(text))]
    return min(spans) if spans else None


def is_money(text: str) -> bool:
    compact = text.strip()
    return bool(compact) and bool(_MONEY.match(compact)) and any(c.isdigit() for c in compact)


def is_code(text: str) -> bool:
    """A PO number / SKU shape: letters and digits with separators, at least one digit."""
    t = text.strip().strip(":#")
    return len(t) >= 2 and bool(_CODE.match(t)) and any(c.isdigit() for c in t)


def find_currency(text: str) -> tuple[int, int] | None:
    match = _CURRENCY.search(text)
    return match.span() if match else None


def number_value(text: str) -> Decimal | None:
    """A printed number as a Decimal, for consistency checks only (qty × price ≈ amount).

    The normaliser owns the real parsing (locale, currency); this only needs to be right
    for the common shapes "1,234.56", "1.234,56", "1 234,56", "12.50 €".
    """
    core = re.sub(r"[^\d.,\-]", "", text.replace("\u00a0", "").replace("'", ""))
    core = core.strip(".,")
    if not core or not any(c.isdigit() for c in core):
        return None
    negative = core.startswith("-")
    core = core.lstrip("-")
    if "," in core and "." in core:
        decimal_mark = "," if core.rfind(",") > core.rfind(".") else "."
    elif "," in core or "." in core:
        mark = "," if "," in core else "."
        head, _, tail = core.rpartition(mark)
        thousands = core.count(mark) > 1 or (len(tail) == 3 and head not in {"0", ""})
        decimal_mark = "" if thousands else mark
    else:
        decimal_mark = ""
    digits = core.replace("," if decimal_mark != "," else ".", "")
    if decimal_mark:
        digits = digits.replace(decimal_mark, ".")
    else:
        digits = digits.replace(",", "").replace(".", "")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    return -value if negative else value
