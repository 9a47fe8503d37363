"""Printed numbers and currencies to typed values: `parse_money`, `parse_quantity`,
`split_quantity_unit`, `infer_decimal_comma`, `parse_currency` (re-exported by
`extractors.normalise`).

The parsers are pure and total: they return `None` for text that is not a value of their
kind rather than guess. Ambiguity the text alone cannot settle (is `1.234` one thousand
two hundred and thirty-four, or one and a bit?) is settled by a hint the caller derives
from the rest of the document.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from decimal import Decimal, InvalidOperation

# --- numbers ---------------------------------------------------------------------------

# Currency marks that may surround an amount; stripped before the number is read.
_CURRENCY_CODE = re.compile(r"(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])")
_CURRENCY_MARK = re.compile(
    r"(?:US|CA|AU|NZ|HK|Can|[CASR])?\$|(?<![A-Za-z])S?Fr\.|(?<![A-Za-z])(?:sfr|kr|zł|Kč|rmb|"
    r"eur(?:o|os)?|dollars?|yuan)(?![A-Za-z])\.?|[€£¥₹₩₽₺₪元円]",
    re.IGNORECASE,
)
_MINUS = "-\u2212\u2012\u2013\u2014"  # hyphen, minus sign, figure/en/em dash
_SPACES = " \u00a0\u2007\u2009\u202f"  # NBSP, figure, thin and narrow no-break space
_APOSTROPHES = "'\u2019\u02bc`´"
_NUMBER = re.compile(r"\d(?:[\d.,' ]*\d)?")
_OCR_NUMBER_TOKEN = re.compile(r"(?<![A-Za-z])[\dOolI.,]*\d[\dOolI.,]*(?![A-Za-z])")


def fold_text(text: str) -> str:
    """Full-width digits and punctuation to ASCII (NFKC); odd spaces, apostrophes, dashes plain."""
    folded = unicodedata.normalize("NFKC", text)
    table = {**dict.fromkeys(_SPACES, " "), **dict.fromkeys(_APOSTROPHES, "'")}
    table.update(dict.fromkeys(_MINUS, "-"))
    return "".join(table.get(ch, ch) for ch in folded)


def _fix_ocr_digits(text: str) -> str:
    """`O`/`o` read for `0` and `l`/`I` for `1`, only inside a token that is otherwise a number."""

    def fix(match: re.Match[str]) -> str:
        return match.group(0).translate(str.maketrans("OolI", "0011"))

    return _OCR_NUMBER_TOKEN.sub(fix, text)


_RULINGS = "|}{[]!¦/\\°"


def strip_rulings(text: str) -> str:
    """Drop the table rulings OCR reads as `|`, `}`, `]`, `!` or an unpaired bracket at
    either end of a cell (`4)`, `2}|`, `|10`); a paired `(12.50)` is a sign and stays."""
    body = text.strip().strip(_RULINGS)
    if body.endswith(")") and "(" not in body:
        body = body[:-1]
    if body.startswith("(") and ")" not in body:
        body = body[1:]
    return body.strip().strip(_RULINGS).strip()


def _split_sign(body: str) -> tuple[str, bool]:
    """The text without its sign marks, and whether it was negative: `-12`, `12-`, `(12)`.
    A trailing minus is written right after the digits; after a space or a mark (`97,00 €.-`)
    it is a ruling or the Swiss `.-` of whole francs, not a sign."""
    body = body.strip()
    negative = False
    if body.startswith("(") and body.endswith(")"):
        body, negative = body[1:-1].strip(), True
    if body.startswith("-"):
        body, negative = body[1:].strip(), True
    elif body.endswith("-"):
        body, negative = body[:-1].strip(), body[-2:-1].isdigit()
    if body.upper().endswith(" CR"):  # accounting credit mark
        body, negative = body[:-3].strip(), True
    return body, negative


def _number_text(text: str) -> tuple[str, bool] | None:
    """The one number in a money/quantity text, and its sign; None if there is not exactly one."""
    folded = _YEN_READ_AS_Y.sub("¥", _fix_ocr_digits(fold_text(text)))
    stripped = _CURRENCY_MARK.sub(" ", _CURRENCY_CODE.sub(" ", folded))
    body, negative = _split_sign(strip_rulings(re.sub(r"^[\s:=]+", "", stripped)))
    body = body.rstrip(".,:;").strip()
    if body.startswith("-"):  # "EUR -12.00": the sign came after the currency mark
        body, negative = body[1:].strip(), True
    match = _NUMBER.fullmatch(body)
    return (match.group(0), negative) if match else None


# OCR reads the yen/yuan sign as a "Y" ("Y3,162.00"): one letter before a number, no word.
_YEN_READ_AS_Y = re.compile(r"^\s*Y(?=\d[\d.,']*\s*$)")

_DOUBLED_MARK = re.compile(r"[.,]{2}")


def _valid_groups(groups: list[str]) -> bool:
    """Thousands groups: a first group of 1-3 digits, then groups of exactly 3."""
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _read_number(core: str, decimal_comma: bool | None) -> Decimal | None:
    """Digits with `.`/`,` plus optional `'`/space grouping → Decimal, or None if malformed."""
    doubled = _DOUBLED_MARK.search(core)
    if doubled is not None:
        # OCR doubled a mark or read a speck beside it (`4,.180,94`): the one number left
        # when either mark is dropped, if only one of them leaves a well-formed number.
        at = doubled.start()
        readings = {_read_number(core[:i] + core[i + 1 :], decimal_comma) for i in (at, at + 1)}
        readings.discard(None)
        return readings.pop() if len(readings) == 1 else None
    if "'" in core or " " in core:
        return _read_spaced(core)
    seps = [ch for ch in core if ch in ".,"]
    if not seps:
        return Decimal(core)
    last = max(core.rfind("."), core.rfind(","))
    last_sep = core[last]
    if len(set(seps)) == 2:
        return _with_decimal(core, last_sep)
    if len(seps) > 1:  # one kind, repeated: thousands separators
        groups = core.split(last_sep)
        return Decimal("".join(groups)) if _valid_groups(groups) else None
    if len(core) - last - 1 != 3:
        return _with_decimal(core, last_sep)
    return _three_decimals(core, last_sep, decimal_comma)


def _read_spaced(core: str) -> Decimal | None:
    """`1 234,56` / `1'234.56`: apostrophe or space groups, so a `.`/`,` is the decimal mark."""
    segments = re.split(r"['\s]", core)
    last = segments[-1]
    whole_last, sep, frac = last.partition("," if "," in last else ".")
    groups = [*segments[:-1], whole_last]
    if any(ch in ".," for group in groups for ch in group) or not _valid_groups(groups):
        return None
    if sep and (not frac or any(ch in ".," for ch in frac)):
        return None
    return Decimal("".join(groups) + (f".{frac}" if sep else ""))


def _three_decimals(core: str, sep: str, decimal_comma: bool | None) -> Decimal | None:
    """`1,234` / `1.234`: thousands unless the hint says the separator is the decimal mark."""
    head = core.split(sep)[0]
    is_decimal_mark = (sep == ",") == decimal_comma if decimal_comma is not None else False
    if is_decimal_mark or head == "0" or len(head) > 3:
        return _with_decimal(core, sep)
    return Decimal(core.replace(sep, ""))


def _with_decimal(core: str, decimal_sep: str) -> Decimal | None:
    """Read with `decimal_sep` as the decimal mark; the other separator must group thousands."""
    whole, _, frac = core.rpartition(decimal_sep)
    group_sep = "," if decimal_sep == "." else "."
    if decimal_sep in whole or not frac:
        return None
    if group_sep in whole and not _valid_groups(whole.split(group_sep)):
        return None
    try:
        return Decimal(f"{whole.replace(group_sep, '') or '0'}.{frac}")
    except InvalidOperation:
        return None


def parse_money(text: str, decimal_comma: bool | None = None) -> Decimal | None:
    """An amount as printed (`1.234,56 €`, `(12.50)`, `¥12,800`) → Decimal with its printed places.

    `decimal_comma` settles a lone separator followed by three digits (`1,234`): True if the
    document writes decimals with a comma, False if with a point, None when unknown (then
    it is read as a thousands separator). Callers quantize amounts to cents themselves.
    """
    found = _number_text(text)
    if found is None:
        return None
    core, negative = found
    value = _read_number(core, decimal_comma)
    if value is None:
        return None
    return -value if negative and value != 0 else value


def parse_quantity(text: str, decimal_comma: bool | None = None) -> Decimal | None:
    """A quantity (`250`, `2.5`, `1.000`, `250 EA`) → Decimal as printed; None if not one number."""
    quantity, _unit = split_quantity_unit(text, decimal_comma)
    return quantity


_UNIT_WORD = (
    r"[A-Za-zÀ-ÿ一-鿿µ²³.]{1,12}(?:\(s\)?)?|\([A-Za-zÀ-ÿ一-鿿.]{1,8}\)"  # "Unité(s)", "(EA)"
)


def split_quantity_unit(
    text: str, decimal_comma: bool | None = None
) -> tuple[Decimal | None, str | None]:
    """`250 EA` → (250, "EA"), `12 pcs` → (12, "pcs"), `EA 5` → (5, "EA"), `7` → (7, None)."""
    folded = strip_rulings(_fix_ocr_digits(fold_text(text)))
    folded = re.sub(r"(?<=\d)\s*[|\]}!¦]\s*(?=[^\W\d])", " ", folded)  # `1,200| PCS`
    if match := re.fullmatch(rf"([\d.,' ]*\d)\s*({_UNIT_WORD})?", folded):
        number, unit = match.groups()
    elif match := re.fullmatch(rf"({_UNIT_WORD})\s+([\d.,' ]*\d)", folded):
        unit, number = match.groups()
    else:
        return None, None
    found = _NUMBER.fullmatch(number.strip())
    quantity = _read_number(found.group(0), decimal_comma) if found else None
    unit = unit.strip().rstrip(".") if unit else None
    if unit and unit.startswith("(") and unit.endswith(")"):
        unit = unit[1:-1]  # "4 (EA)": the unit in brackets after the quantity
    return quantity, unit or None


def infer_decimal_comma(texts: list[str]) -> bool | None:
    """The document's decimal mark from the amounts whose reading is unambiguous.

    `1.234,56` and `12,50` vote for a comma, `1,234.56` and `12.50` for a point; `1,234`
    does not vote. None when nothing voted or the votes tie.
    """
    votes: Counter[bool] = Counter()
    for text in texts:
        found = _number_text(text)
        if found is None:
            continue
        core = found[0].replace("'", "").replace(" ", "")
        last = max(core.rfind("."), core.rfind(","))
        if last < 0:
            continue
        decimals = len(core) - last - 1
        if len({ch for ch in core if ch in ".,"}) == 2 or decimals != 3:
            votes[core[last] == ","] += 1
    if not votes or votes[True] == votes[False]:
        return None
    return votes[True] > votes[False]


# --- currency --------------------------------------------------------------------------

_ISO_CODES = frozenset(
    ("USD", "EUR", "GBP", "CHF", "CNY", "JPY", "CAD", "AUD", "NZD", "HKD", "SGD", "SEK",
     "NOK", "DKK", "PLN", "CZK", "HUF", "INR", "MXN", "BRL", "ZAR", "KRW", "TWD", "THB",
     "MYR", "IDR", "PHP", "AED", "SAR", "TRY", "RUB", "ILS")
)  # fmt: skip
_EXPLICIT_MARKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"US\$|U\.S\.\s?dollars?|US dollars?", re.I), "USD"),
    (re.compile(r"(?<![A-Za-z])(?:CA|C|Can)\$|canadian dollars?", re.I), "CAD"),
    (re.compile(r"(?<![A-Za-z])(?:AU|A)\$|australian dollars?", re.I), "AUD"),
    (re.compile(r"NZ\$", re.I), "NZD"),
    (re.compile(r"HK\$", re.I), "HKD"),
    (re.compile(r"(?<![A-Za-z])S\$"), "SGD"),
    (re.compile(r"(?<![A-Za-z])R\$"), "BRL"),
    (re.compile(r"€|\b[Ee]uros?\b"), "EUR"),
    (re.compile(r"£|pounds? sterling", re.I), "GBP"),
    (re.compile(r"\bS?Fr\.\s?\d|swiss francs?", re.I), "CHF"),
    (re.compile(r"元|人民币|\bRMB\b|\byuan\b|renminbi", re.I), "CNY"),
    (re.compile(r"円"), "JPY"),
    (re.compile(r"₹"), "INR"),
    (re.compile(r"₩"), "KRW"),
    (re.compile(r"zł", re.I), "PLN"),
    (re.compile(r"Kč"), "CZK"),
)
_PREFIXED_DOLLAR = re.compile(r"(?:US|CA|AU|NZ|HK|Can|[CASR])\$", re.I)


def currency_votes(text: str) -> tuple[Counter[str], Counter[str]]:
    """Counts of ISO codes named explicitly in `text`, and of those only implied by `$`/`¥`."""
    folded = unicodedata.normalize("NFKC", text)
    explicit: Counter[str] = Counter(
        code for code in re.findall(r"(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])", folded)
        if code in _ISO_CODES
    )  # fmt: skip
    for pattern, code in _EXPLICIT_MARKS:
        explicit[code] += len(pattern.findall(folded))
    implied: Counter[str] = Counter()
    implied["USD"] = len(re.findall(r"\$", _PREFIXED_DOLLAR.sub(" ", folded)))
    implied["JPY" if explicit["JPY"] else "CNY"] += folded.count("¥")
    return +explicit, +implied


def parse_currency(text: str) -> str | None:
    """The ISO 4217 code a text names (`€`→EUR, `CA$`→CAD, `RMB`→CNY, `$`→USD, `¥`→CNY).

    Codes and unambiguous symbols win over `$` and `¥`, which only count when nothing
    explicit is present (`¥` is JPY only when `JPY`/`円` appears). The most frequent wins.
    """
    explicit, implied = currency_votes(text)
    for votes in (explicit, implied):
        if votes:
            return votes.most_common(1)[0][0]
    return None
