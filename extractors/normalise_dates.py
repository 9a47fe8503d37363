"""Printed dates to `date`: numeric, ISO, month names in English, German, French, Spanish,
Italian and Dutch, and CJK (`2026年3月15日`).

Ambiguous numeric dates (`03/04/2026`) are settled by `month_first`, which the caller
derives from the customer's country (contract §4: US orders print month first).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_SPACES = " \u00a0\u2007\u2009\u202f"
_DASHES = "\u2212\u2012\u2013\u2014"


def _fold(text: str) -> str:
    """Full-width digits and punctuation to ASCII (NFKC), odd spaces to plain spaces."""
    folded = unicodedata.normalize("NFKC", text)
    table = {**dict.fromkeys(_SPACES, " "), **dict.fromkeys(_DASHES, "-")}
    return "".join(table.get(ch, ch) for ch in folded)


_MONTHS: dict[str, int] = {}
for _number_, _names in enumerate(
    (
        "january jan januar janv janvier enero ene gennaio genn januari jänner",
        "february feb februar févr fevr février fevrier febrero febbraio februari",
        "march mar mär märz maerz mars marzo mrt maart",
        "april apr avril avr abril abr aprile",
        "may mai mayo maggio mei",
        "june jun juni juin junio giugno",
        "july jul juli juil juillet julio luglio",
        "august aug august août aout agosto ago augustus",
        "september sep sept septembre septiembre setiembre settembre set",
        "october oct okt oktober octobre octubre ottobre",
        "november nov novembre noviembre",
        "december dec dez dezember déc décembre decembre diciembre dic dicembre",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number_

_MONTH_WORD = r"(?<![a-z])([a-zàâäçéèêëîïôöûüñ]{3,10})\.?"
_YEAR = r"(\d{4}|\d{2})(?!\d)"
_ORDINAL = r"(?:st|nd|rd|th|er|º)?"
# "16/jun/2026": Mexican and other Spanish prints slash a month abbreviation in.
_DMY = r"(?<!\d)(\d{1,2})" + _ORDINAL + r"\.?[\s/-]*(?:de\s+|of\s+)?" + _MONTH_WORD
_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ymd", re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?")),
    ("ymd", re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")),
    ("numeric", re.compile(r"(?<!\d)(\d{1,2})\s?[./-]\s?(\d{1,2})\s?[./-]\s?" + _YEAR)),
    ("dmy", re.compile(_DMY + r"[\s,/-]*(?:de\s+|del\s+)?" + _YEAR)),
    ("mdy", re.compile(_MONTH_WORD + r"\s*(\d{1,2})" + _ORDINAL + r"(?!\d)[\s,.]+" + _YEAR)),
    # "2026 JUN 19", "2026-Jun-19": US government forms and military style
    ("ymonthd", re.compile(r"(?<!\d)(\d{4})[\s/-]+" + _MONTH_WORD + r"[\s/-]+(\d{1,2})(?!\d)")),
)


# Every month name and abbreviation the parser knows (the shape check uses the same list).
MONTH_NAMES = frozenset(_MONTHS)


def _make_date(year: int, month: int, day: int) -> date | None:
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _numeric_date(a: int, b: int, year: int, month_first: bool | None) -> date | None:
    """`a/b/year`: day-first unless `month_first`; a part over 12 settles the order itself."""
    if a > 12 >= b:
        return _make_date(year, b, a)
    if b > 12 >= a:
        return _make_date(year, a, b)
    return _make_date(year, a, b) if month_first else _make_date(year, b, a)


def _date_from_match(kind: str, groups: tuple[str, ...], month_first: bool | None) -> date | None:
    if kind == "ymd":
        return _make_date(int(groups[0]), int(groups[1]), int(groups[2]))
    if kind == "numeric":
        return _numeric_date(int(groups[0]), int(groups[1]), int(groups[2]), month_first)
    if kind == "dmy":
        month = _MONTHS.get(groups[1])
        return _make_date(int(groups[2]), month, int(groups[0])) if month else None
    if kind == "ymonthd":
        month = _MONTHS.get(groups[1])
        return _make_date(int(groups[0]), month, int(groups[2])) if month else None
    month = _MONTHS.get(groups[0])
    return _make_date(int(groups[2]), month, int(groups[1])) if month else None


def parse_date(text: str, *, month_first: bool | None = None) -> date | None:
    """The first date in `text` in any style: `15.03.2026`, `March 15, 2026`, `2026年3月15日`.

    `month_first` settles numeric dates whose day and month are both ≤ 12: True for US
    customers, otherwise (False or None) day first. Two-digit years are 20xx; impossible
    dates (31 April) give None.
    """
    folded = _fold(text).lower()
    candidates: list[tuple[int, date]] = []
    for kind, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(folded):
            found = _date_from_match(kind, match.groups(), month_first)
            if found is not None:
                candidates.append((match.start(), found))
                break
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


_YEARLESS = (
    ("dm", re.compile(r"(?<!\d)(\d{1,2})" + _ORDINAL + r"\.?\s+(?:de\s+|of\s+)?" + _MONTH_WORD)),
    ("md", re.compile(_MONTH_WORD + r"\s+(\d{1,2})" + _ORDINAL + r"(?!\d)")),
    ("dm", re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(?![\d.])")),
)
YEAR_BACK_DAYS = 31  # a day and month this long before the order date is next year's


def parse_yearless_date(text: str, *, after: date) -> date | None:
    """A day and month printed without a year ("March 23", "23 mars", "23.03."), in the year
    that puts it on or after `after` (the order date): an order asks delivery ahead, so a
    December order's "15 Jan" is January next year. A date up to a month before `after` is
    kept in its year (a late order), for the date guards to flag."""
    folded = _fold(text).lower()
    found = [(m.start(), kind, m.groups()) for kind, p in _YEARLESS for m in p.finditer(folded)]
    for _, kind, groups in sorted(found):
        day, month = (groups[0], groups[1]) if kind == "dm" else (groups[1], groups[0])
        number = int(month) if month.isdigit() else _MONTHS.get(month)
        if number is None:
            continue
        for year in (after.year, after.year + 1):
            day_in_year = _make_date(year, number, int(day))
            if day_in_year is not None and (day_in_year - after).days >= -YEAR_BACK_DAYS:
                return day_in_year
    return None


# Everyday words of the languages whose countries write the day first (pt, es, fr, de, it,
# nl), none of them an English word, against English ones: an order written in one of these
# languages prints its numeric dates day first, whatever currency it is priced in.
_DAY_FIRST_WORDS = frozenset(
    {
        *("de", "do", "da", "dos", "das", "não", "para", "com", "em", "pelo", "pela"),  # pt
        *("del", "los", "las", "por", "con", "el", "y"),  # es
        *("du", "des", "le", "les", "et", "pour", "avec", "sur", "une"),  # fr
        *("der", "die", "das", "und", "mit", "für", "von", "bei", "zur", "zum", "ist"),  # de
        *("di", "della", "il", "per", "het", "van", "een", "voor", "niet"),  # it, nl
    }
)
_ENGLISH_WORDS = frozenset(
    {"the", "and", "of", "to", "for", "with", "please", "our", "your", "on", "by", "is", "are"}
)
DAY_FIRST_LANGUAGE_WORDS = 5  # a name or two ("De Vries", "Da Silva") is no language


def day_first_language(text: str) -> bool:
    """The text is mostly written in a language whose countries print dates day first."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    foreign = sum(w in _DAY_FIRST_WORDS for w in words)
    english = sum(w in _ENGLISH_WORDS for w in words)
    return foreign >= DAY_FIRST_LANGUAGE_WORDS and foreign > 2 * english


def ambiguous_numeric_date(text: str) -> bool:
    """A numeric date that reads as two different dates: day and month both 12 or under."""
    match = _NUMERIC_DATE.search(_fold(text))
    if match is None:
        return False
    first, second = int(match.group(1)), int(match.group(2))
    return first != second and first <= 12 and second <= 12


_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})\s?[./-]\s?(\d{1,2})\s?[./-]\s?(?:\d{4}|\d{2})(?!\d)")
