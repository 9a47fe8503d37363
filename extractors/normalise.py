"""Printed text to typed values: money, quantities, dates, currencies, and the whole order.

The parsers are pure and total: they return `None` for text that is not a value of their
kind rather than guess. Ambiguity that the text alone cannot settle (is `1.234` one
thousand two hundred and thirty-four, or one and a bit? is `03/04/2026` March or April?)
is settled by a hint the caller derives from the rest of the document or the customer.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from extractors.customers import CustomerMatch, join_cjk, name_similarity, trim_to_name
from extractors.normalise_dates import parse_date  # re-exported: callers use normalise.*
from extractors.raw import RawOrder, RawValue
from poflow.domain import (
    LINE_FIELDS,
    Customer,
    Evidence,
    ExtractedOrder,
    ExtractionContext,
    MasterData,
    OrderLine,
)

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


def _fold(text: str) -> str:
    """Full-width digits and punctuation to ASCII, odd spaces to plain spaces (NFKC + a map)."""
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
    """The text without its sign marks, and whether it was negative: `-12`, `12-`, `(12)`."""
    body = body.strip()
    negative = False
    if body.startswith("(") and body.endswith(")"):
        body, negative = body[1:-1].strip(), True
    if body.startswith("-"):
        body, negative = body[1:].strip(), True
    elif body.endswith("-"):
        body, negative = body[:-1].strip(), True
    if body.upper().endswith(" CR"):  # accounting credit mark
        body, negative = body[:-3].strip(), True
    return body, negative


def _number_text(text: str) -> tuple[str, bool] | None:
    """The one number in a money/quantity text, and its sign; None if there is not exactly one."""
    folded = _fix_ocr_digits(_fold(text))
    stripped = _CURRENCY_MARK.sub(" ", _CURRENCY_CODE.sub(" ", folded))
    body, negative = _split_sign(strip_rulings(re.sub(r"^[\s:=]+", "", stripped)))
    body = body.rstrip(".,:;").strip()
    if body.startswith("-"):  # "EUR -12.00": the sign came after the currency mark
        body, negative = body[1:].strip(), True
    match = _NUMBER.fullmatch(body)
    return (match.group(0), negative) if match else None


def _valid_groups(groups: list[str]) -> bool:
    """Thousands groups: a first group of 1-3 digits, then groups of exactly 3."""
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _read_number(core: str, decimal_comma: bool | None) -> Decimal | None:
    """Digits with `.`/`,` plus optional `'`/space grouping → Decimal, or None if malformed."""
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


_UNIT_WORD = r"[A-Za-zÀ-ÿ一-鿿µ²³.]{1,12}"


def split_quantity_unit(
    text: str, decimal_comma: bool | None = None
) -> tuple[Decimal | None, str | None]:
    """`250 EA` → (250, "EA"), `12 pcs` → (12, "pcs"), `EA 5` → (5, "EA"), `7` → (7, None)."""
    folded = strip_rulings(_fix_ocr_digits(_fold(text)))
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


# --- the whole order -------------------------------------------------------------------

CENT = Decimal("0.01")
_HEADER_MONEY = ("subtotal", "tax", "shipping", "total")
_DOLLAR_CURRENCIES = frozenset({"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN"})
_YEN_CURRENCIES = frozenset({"CNY", "JPY"})
TEXT_LAYER_CONFIDENCE = 0.999  # a raw value read this surely came from a text layer
MESSAGE_DATE_CONFIDENCE = 0.6  # an e-mail's date stands in for a missing order date


@dataclass(frozen=True)
class _Style:
    """How this document prints numbers and dates, decided once from all its values."""

    decimal_comma: bool | None
    month_first: bool


def build_order(
    raw: RawOrder, customer_match: CustomerMatch | None, context: ExtractionContext
) -> ExtractedOrder:
    """The typed order (contract §2) from the printed texts, the customer match and the e-mail.

    Dates and lone-separator numbers are read in the document's own style: the decimal
    mark voted by all its amounts, the date order by the customer's country (US: month
    first) or, for an unknown customer, by the document's unambiguous dates and currency.
    Evidence carries the OCR confidence; `confidence.calibrate` refines it.
    """
    customer = customer_match.customer if customer_match is not None else None
    currency, currency_evidence = _order_currency(raw, customer, customer_match)
    style = _Style(_document_decimal_comma(raw), _month_first(raw, customer, currency))
    evidence: dict[str, Evidence] = {}
    header = _header_values(raw, style, context, evidence)
    if currency_evidence is not None:
        evidence["currency"] = currency_evidence
    lines, summary = _without_summary_rows(
        _order_lines(raw.lines, style, evidence, context.master), evidence
    )
    if summary is not None and "subtotal" not in header:
        header["subtotal"], evidence["subtotal"] = summary
    name = _customer_name(raw, customer_match, evidence)
    if header.get("ship_to"):
        header["ship_to"] = _ship_to_address(header["ship_to"], customer, name)
    confident = customer_match is not None and customer_match.confident
    if confident and customer_match is not None:
        evidence["customer_id"] = Evidence(confidence=customer_match.score)
    return ExtractedOrder(
        **header,
        currency=currency,
        customer_name=name,
        customer_id=customer.customer_id if confident and customer is not None else None,
        lines=lines,
        evidence=evidence,
        kind=raw.kind,
        pages=raw.pages,
    )


def _without_summary_rows(
    lines: tuple[OrderLine, ...], evidence: dict[str, Evidence]
) -> tuple[tuple[OrderLine, ...], tuple[Decimal, Evidence] | None]:
    """The totals block read as part of the table: trailing rows with an amount but no item
    code, quantity or price, from a bare amount or the sum of the items above (`Subtotal`)
    on. That sum is the subtotal; the rows are no lines."""
    cut = _summary_start(lines)
    if cut is None:
        return lines, None
    first = lines[cut]
    items = sum((ln.amount for ln in lines[:cut] if ln.amount is not None), Decimal(0))
    first_evidence = evidence.get(f"lines[{cut}].amount")
    for index in range(cut, len(lines)):
        for name in LINE_FIELDS:
            evidence.pop(f"lines[{index}].{name}", None)
    if first.amount is None or first.amount != items or first_evidence is None:
        return lines[:cut], None
    return lines[:cut], (first.amount, first_evidence)


def _summary_start(lines: tuple[OrderLine, ...]) -> int | None:
    """Where the trailing item-less rows start, if they start with a bare amount or the sum."""
    start = len(lines)
    while start > 1 and _no_item(lines[start - 1]):
        start -= 1
    for cut in range(start, len(lines)):
        row = lines[cut]
        items = sum((ln.amount for ln in lines[:cut] if ln.amount is not None), Decimal(0))
        if row.description is None or row.amount == items:
            return cut
    return None


def _no_item(line: OrderLine) -> bool:
    others = (line.sku, line.quantity, line.unit_price)
    return line.amount is not None and all(v is None for v in others)


def _ship_to_address(ship_to: str, customer: Customer | None, name: str | None) -> str:
    """The delivery address without the buyer's own name on top (contract §2: an address)."""
    lines = ship_to.splitlines()
    while len(lines) > 1 and _names_buyer(lines[0], customer, name):
        lines.pop(0)
    return "\n".join(lines)


def _names_buyer(line: str, customer: Customer | None, name: str | None) -> bool:
    if customer is not None and name_similarity(line, customer) >= 0.9:
        return True
    return name is not None and line.strip().casefold() == name.strip().casefold()


def _document_decimal_comma(raw: RawOrder) -> bool | None:
    texts = [raw.header[f].text for f in _HEADER_MONEY if f in raw.header]
    texts += [row[c].text for row in raw.lines for c in ("unit_price", "amount") if c in row]
    return infer_decimal_comma(texts)


def _month_first(raw: RawOrder, customer: Customer | None, currency: str | None) -> bool:
    """US customers print month first (contract §4); unknown ones are judged by the document."""
    if customer is not None and customer.country:
        return customer.country.upper() == "US"
    seen = _numeric_date_order(raw.full_text)
    if seen is not None:
        return seen
    return currency == "USD"


def _numeric_date_order(text: str) -> bool | None:
    """True if a numeric date in `text` can only be month-first, False if only day-first."""
    for match in re.finditer(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](?:\d{4}|\d{2})(?!\d)", text):
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 >= second:
            return False
        if second > 12 >= first:
            return True
    return None


def _order_currency(
    raw: RawOrder, customer: Customer | None, customer_match: CustomerMatch | None
) -> tuple[str | None, Evidence | None]:
    """Labelled currency, else symbols in the text, else the customer's (`$` as the customer's)."""
    label = raw.header.get("currency")
    own = customer.currency if customer is not None and customer_match is not None else None
    for text, value in ((label.text if label else "", label), (raw.full_text, None)):
        explicit, implied = currency_votes(text)
        if explicit:
            code = explicit.most_common(1)[0][0]
        elif implied and not (own and _lone_ocr_symbol(raw, label)):
            code = _implied_currency(implied.most_common(1)[0][0], customer)
        else:
            continue
        return code, value.evidence() if value is not None else Evidence(confidence=0.9)
    if own and customer_match is not None:
        return own, Evidence(confidence=customer_match.score)
    return None, None


def _lone_ocr_symbol(raw: RawOrder, label: RawValue | None) -> bool:
    """One `$`/`¥` in a whole OCR'd page is more likely a misread `S` or `Y` than a currency:
    an order in dollars prints the sign on many amounts."""
    ocr = label is not None and label.confidence < 0.999
    _explicit, implied = currency_votes(raw.full_text)
    return ocr and sum(implied.values()) <= 1


def _implied_currency(code: str, customer: Customer | None) -> str:
    """A bare `$` or `¥` is the customer's own dollar or yen/yuan currency when it has one."""
    own = customer.currency if customer is not None else None
    if own and code == "USD" and own in _DOLLAR_CURRENCIES:
        return own
    if own and code in _YEN_CURRENCIES and own in _YEN_CURRENCIES:
        return own
    return code


def _header_values(
    raw: RawOrder, style: _Style, context: ExtractionContext, evidence: dict[str, Evidence]
) -> dict[str, Any]:
    """PO number, dates, texts and totals of the header, each with its evidence."""
    values: dict[str, Any] = {}
    for name, value in raw.header.items():
        parsed = _header_value(name, value, style)
        if isinstance(parsed, Decimal) and parsed < 0 and value.confidence < TEXT_LAYER_CONFIDENCE:
            parsed = -parsed  # an order's totals are never negative; OCR saw a dash
        if parsed is not None:
            values[name] = parsed
            evidence[name] = value.evidence()
    if "order_date" not in values and context.message_date is not None:
        values["order_date"] = context.message_date
        evidence["order_date"] = Evidence(confidence=MESSAGE_DATE_CONFIDENCE)
    return values


def _header_value(name: str, value: RawValue, style: _Style) -> object | None:
    text = value.text
    if name == "po_number":
        return clean_po_number(text)
    if name in ("order_date", "delivery_date"):
        return parse_date(text, month_first=style.month_first)
    if name in _HEADER_MONEY:
        return _money(text, style)
    if name == "ship_to":
        return text_of(value)
    if name == "payment_terms":
        terms = text_of(value)
        return terms.rstrip(".:") if terms else None
    return None  # currency, customer_name and bill_to are decided elsewhere


def clean_po_number(text: str) -> str | None:
    """The PO number as printed, without the `#`/`No.`/`:` that labels stick on it."""
    cleaned = re.sub(r"^(?:#|no\.?|nr\.?|n[°º]|:)\s*", "", _fold(text).strip(), flags=re.I)
    cleaned = cleaned.strip(" :;,.#")
    return cleaned or None


def text_of(value: RawValue) -> str | None:
    """A printed text, cleaned; OCR'd text also loses the spaces OCR puts into CJK words
    (a text layer's spaces are as printed)."""
    return _clean_text(value.text, ocr=value.confidence < TEXT_LAYER_CONFIDENCE)


_LINE_JUNK = " |_~,;»«‘’“”¦"  # rulings, specks and stray quotes at the ends of a line


def _clean_text(text: str, *, ocr: bool = False) -> str | None:
    """Trimmed lines, blank lines dropped; None when nothing is left.

    Chinese and Japanese are written without spaces, so in OCR'd text a space between two
    of their characters (or a character and a digit: `路 88 号`) is dropped.
    """
    lines = [" ".join(line.split()).strip(_LINE_JUNK) for line in text.splitlines()]
    lines = [join_cjk(line) for line in lines] if ocr else lines
    cleaned = "\n".join(line for line in lines if line)
    return cleaned if any(ch.isalnum() for ch in cleaned) else None


def _cell_money(text: str, style: _Style) -> Decimal | None:
    """The amount in a table cell; when the cell holds more than one number (a description
    overflowing into it: `12.9 $1.35`), the rightmost one, which is the cell's own."""
    value = parse_money(text, style.decimal_comma)
    tokens = text.split()
    if value is None and len(tokens) > 1 and any(ch.isdigit() for ch in tokens[-1]):
        value = parse_money(tokens[-1], style.decimal_comma)
    return value


def _money(text: str, style: _Style) -> Decimal | None:
    value = _cell_money(text, style)
    return None if value is None else value.quantize(CENT, rounding=ROUND_HALF_UP)


def _unit_price(text: str, style: _Style) -> Decimal | None:
    """A unit price keeps its printed precision (`0.425`), but at least cents."""
    value = _cell_money(text, style)
    if value is None:
        return None
    return value.quantize(CENT) if value.as_tuple().exponent > -2 else value  # type: ignore[operator]


def normal_quantity(value: Decimal) -> Decimal:
    """`250.00` → `250`, `2.50` → `2.5`: quantities as the contract writes them."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _order_lines(
    rows: tuple[dict[str, RawValue], ...],
    style: _Style,
    evidence: dict[str, Evidence],
    master: MasterData,
) -> tuple[OrderLine, ...]:
    """Typed lines; printed line numbers are kept when they are sane, else 1..n."""
    lines: list[OrderLine] = []
    for row in rows:
        built = _order_line(row, style, position=len(lines) + 1)
        if built is None:
            continue
        line, sources = built
        line = _with_catalogue(line, sources, master)
        for name, source in sources.items():
            if getattr(line, name) is not None:
                evidence[f"lines[{len(lines)}].{name}"] = source.evidence()
        lines.append(line)
    printed = [line.line_no for line in lines]
    if any(n <= 0 for n in printed) or printed != sorted(set(printed)):
        lines = [replace(line, line_no=i + 1) for i, line in enumerate(lines)]
    return tuple(lines)


def _order_line(
    row: dict[str, RawValue], style: _Style, position: int
) -> tuple[OrderLine, dict[str, RawValue]] | None:
    """One typed line and the raw value each field came from, or None for a row with no
    item code and no numbers (a note, a heading)."""
    sources = {name: row[name] for name in LINE_FIELDS if name in row}

    def text(name: str) -> str | None:
        value = row.get(name)
        return text_of(value) if value is not None else None

    quantity, unit = split_quantity_unit(text("quantity") or "", style.decimal_comma)
    if quantity is not None and unit is not None and "quantity" in row:
        sources.setdefault("unit", row["quantity"])
    in_unit, unit_word = split_quantity_unit(text("unit") or "", style.decimal_comma)
    if quantity is None and in_unit is not None and "unit" in row:
        # Quantity and unit printed in one cell that the table gave to the unit column.
        quantity, unit = in_unit, unit_word
        sources["quantity"] = row["unit"]
    elif text("unit"):
        unit = text("unit")
    line_no, sku = _line_no(text("line_no")), clean_sku(text("sku"))
    if sku is not None and line_no == 0:
        line_no, sku = _split_position(sku, position)
    line = OrderLine(
        line_no=line_no,
        sku=sku,
        description=text("description"),
        quantity=normal_quantity(quantity) if quantity is not None else None,
        unit=unit,
        unit_price=_unit_price(text("unit_price") or "", style),
        amount=_money(text("amount") or "", style),
    )
    line = _without_ocr_minus(line, sources)
    numbers = (line.sku, line.quantity, line.unit_price, line.amount)
    return (line, sources) if any(v is not None for v in numbers) else None


def _with_catalogue(line: OrderLine, sources: dict[str, RawValue], master: MasterData) -> OrderLine:
    """An item code with a neighbour cell's text run into it (`9200-010 2000`) is the
    catalogue code it starts with; an OCR'd description that is the catalogue's but for
    lost accents gets them back."""
    head = line.sku.split()[0] if line.sku and " " in line.sku else None
    if head and master.product(line.sku) is None and master.product(head) is not None:
        line = replace(line, sku=head)
    product = master.product(line.sku)
    source = sources.get("description")
    if product is None or line.description is None or source is None:
        return line
    if source.confidence >= TEXT_LAYER_CONFIDENCE:
        return line
    return replace(line, description=restore_diacritics(line.description, [product.description]))


def _without_ocr_minus(line: OrderLine, sources: dict[str, RawValue]) -> OrderLine:
    """OCR reads a ruling or a speck before a number as `-`/`—`. A negative OCR'd price or
    amount beside a positive partner is that noise; both negative is a real credit line."""

    def ocr(name: str) -> bool:
        return name in sources and sources[name].confidence < TEXT_LAYER_CONFIDENCE

    price, amount = line.unit_price, line.amount
    price_negative = price is not None and price < 0
    amount_negative = amount is not None and amount < 0
    if price_negative == amount_negative and price is not None and amount is not None:
        return line
    if price is not None and price_negative and ocr("unit_price"):
        price = -price
    if amount is not None and amount_negative and ocr("amount"):
        amount = -amount
    return replace(line, unit_price=price, amount=amount)


_SKU_JUNK = "|\"'“”‘’`;:~+—–_!¦,. "


def clean_sku(text: str | None) -> str | None:
    """The item code as printed, without the ruling and quote marks OCR sticks on its ends."""
    if text is None:
        return None
    cleaned = text.strip(_SKU_JUNK)
    return cleaned or None


def _split_position(sku: str, position: int) -> tuple[int, str]:
    """`1 SZ-M6X20` in the item-code cell of line 1: the position number ran into the code."""
    match = re.fullmatch(r"(\d{1,3})[\s|]+(\S.*)", sku)
    if match and int(match.group(1)) == position:
        return position, match.group(2).strip(_SKU_JUNK)
    return 0, sku


def _line_no(text: str | None) -> int:
    """A printed position number (`1`, `10`, `001`, `1.`), or 0 when there is none."""
    if text is None:
        return 0
    match = re.fullmatch(r"0*(\d{1,4})\.?", text.strip())
    return int(match.group(1)) if match else 0


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ß", "ss")


def restore_diacritics(ocr_text: str, known: Iterable[str | None]) -> str:
    """An OCR'd text that is a known text (master data) but for its accents and umlauts
    (`Riviere Equipements`, `Riviére` for `Rivière Équipements`) is that text: OCR lost or
    confused them."""
    bare = _strip_accents(" ".join(ocr_text.split()))
    for text in known:
        spaced = " ".join(text.split()) if text else ""
        if spaced and not spaced.isascii() and _strip_accents(spaced) == bare:
            return spaced
    return ocr_text


def _customer_name(
    raw: RawOrder, customer_match: CustomerMatch | None, evidence: dict[str, Evidence]
) -> str | None:
    """The buyer's name as printed on the order (never the master-data spelling)."""
    printed = raw.header.get("customer_name")
    printed_text = text_of(printed) if printed is not None else None
    better = customer_match.printed if customer_match is not None else None
    if printed is not None and printed_text is not None:
        names_match = customer_match is not None and (
            name_similarity(printed_text, customer_match.customer) >= 0.75
        )
        if names_match and customer_match is not None:
            evidence["customer_name"] = printed.evidence()
            name = trim_to_name(printed_text, customer_match.customer)
            if printed.confidence < TEXT_LAYER_CONFIDENCE:
                customer = customer_match.customer
                name = restore_diacritics(name, (customer.name, *customer.aliases))
            return name
        if customer_match is None or not customer_match.confident or not better:
            evidence["customer_name"] = printed.evidence()
            return printed_text
    if customer_match is not None and better:
        # The name field held something else (a heading, an address); the matched line is it.
        evidence["customer_name"] = Evidence(confidence=min(customer_match.score, 0.9))
        return trim_to_name(" ".join(better.split()), customer_match.customer)
    return None
