"""Printed text to the typed order: `build_order`, and the value parsers it uses.

The parsers live in `normalise_values` (money, quantities, currency), `normalise_dates` and
`printed_text` (names, addresses, terms as printed) and are re-exported here, so callers
write `normalise.parse_money(...)`. They are pure and total: `None` for text that is not a
value of their kind. Ambiguity the text alone cannot settle (`1.234`: thousands or decimals?
`03/04/2026`: March or April?) is settled by the document's other amounts and by the
customer (US customers print month first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from extractors.customers import (
    CustomerMatch,
    name_as_printed,
    name_similarity,
)
from extractors.date_guard import EARLIER_DATE_CONFIDENCE, earlier_date
from extractors.normalise_dates import (
    ambiguous_numeric_date,
    day_first_language,
    parse_date,
    parse_yearless_date,
)
from extractors.normalise_values import (
    currency_votes,
    fold_text,
    infer_decimal_comma,
    parse_currency,
    parse_money,
    parse_quantity,
    split_quantity_unit,
    strip_rulings,
)
from extractors.printed_text import (
    TEXT_LAYER_CONFIDENCE,
    address_of,
    restore_diacritics,
    restore_spelling,
    terms_of,
    text_of,
)
from extractors.raw import RawOrder, RawValue
from extractors.value_shapes import is_code
from extractors.vocabulary import labels_in_text
from poflow.domain import (
    LINE_FIELDS,
    Customer,
    Evidence,
    ExtractedOrder,
    ExtractionContext,
    MasterData,
    OrderLine,
)

__all__ = [
    "build_order",
    "clean_po_number",
    "clean_sku",
    "currency_votes",
    "infer_decimal_comma",
    "normal_quantity",
    "parse_currency",
    "parse_date",
    "parse_money",
    "parse_quantity",
    "restore_diacritics",
    "split_quantity_unit",
    "strip_rulings",
    "text_of",
]

# --- the whole order -------------------------------------------------------------------

CENT = Decimal("0.01")
_HEADER_MONEY = ("subtotal", "tax", "shipping", "total")
_DOLLAR_CURRENCIES = frozenset({"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN"})
_YEN_CURRENCIES = frozenset({"CNY", "JPY"})
MESSAGE_DATE_CONFIDENCE = 0.6  # an e-mail's date stands in for a missing order date


@dataclass(frozen=True)
class _Style:
    """How this document prints numbers and dates, decided once from all its values."""

    decimal_comma: bool | None
    month_first: bool
    month_first_guessed: bool = False  # from the currency alone: no customer, no evidence


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
    decimal_comma = _document_decimal_comma(raw)
    style = _Style(decimal_comma, *_date_order(raw, customer, currency, decimal_comma))
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
    code, quantity or price, from a bare amount, the sum of the items above (`Subtotal`) or
    a totals word ("合 计", "Line Total" beside a note) on. That sum is the subtotal; the
    rows are no lines."""
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
        if row.description is None or row.amount == items or _totals_words(row.description):
            return cut
    return None


def _no_item(line: OrderLine) -> bool:
    """An amount without quantity, price or item code (words in the code's cell are none)."""
    code = line.sku is not None and is_code(line.sku)
    return (
        line.amount is not None and line.quantity is None and line.unit_price is None and not code
    )


def _totals_words(text: str) -> bool:
    return bool(labels_in_text(text, "totals"))


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


def _date_order(
    raw: RawOrder, customer: Customer | None, currency: str | None, decimal_comma: bool | None
) -> tuple[bool, bool]:
    """Whether the document's dates are month first, and whether that is a guess from the
    currency alone. A document that prints a date only one order can read (02/16/2026)
    uses that order for all its dates; else US customers print month first (contract §4),
    other customers day first. An unknown customer's document that writes decimal commas or
    is written in a day-first language is no US print, whatever its currency; else dollars
    hint at month first, which is all there is to go by."""
    seen = _numeric_date_order(raw.full_text)
    if seen is not None:
        return seen, False
    if customer is not None and customer.country:
        return customer.country.upper() == "US", False
    if decimal_comma or day_first_language(raw.full_text):
        return False, False
    return currency == "USD", True


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
            evidence[name] = value.evidence(_read_confidence(name, value, style))
    if "order_date" not in values and context.message_date is not None:
        values["order_date"] = context.message_date
        evidence["order_date"] = Evidence(confidence=MESSAGE_DATE_CONFIDENCE)
    typed = raw.header.get("delivery_date")
    if "delivery_date" not in values and "order_date" in values and typed is not None:
        yearless = parse_yearless_date(typed.text, after=values["order_date"])
        if yearless is not None:
            values["delivery_date"] = yearless
            # The year is a guess, as a date read both ways is (`_read_confidence`).
            confidence = min(typed.confidence, GUESSED_DATE_CONFIDENCE)
            evidence["delivery_date"] = typed.evidence(confidence)
    if "delivery_date" not in values and "order_date" in values:
        early = earlier_date(raw.dates, values["order_date"], style.month_first)
        if early is not None:
            values["delivery_date"] = early[1]
            evidence["delivery_date"] = early[0].evidence(EARLIER_DATE_CONFIDENCE)
    return values


def _read_confidence(name: str, value: RawValue, style: _Style) -> float:
    """A date that reads both ways (03/04/2026) in an order whose date order is only guessed
    from its currency is unsure, however clearly printed: a person checks it."""
    guess = name in ("order_date", "delivery_date") and style.month_first_guessed
    if guess and ambiguous_numeric_date(value.text):
        return min(value.confidence, GUESSED_DATE_CONFIDENCE)
    return value.confidence


GUESSED_DATE_CONFIDENCE = 0.8


def _header_value(name: str, value: RawValue, style: _Style) -> object | None:
    text = value.text
    if name == "po_number":
        return clean_po_number(text)
    if name in ("order_date", "delivery_date"):
        return parse_date(text, month_first=style.month_first)
    if name in _HEADER_MONEY:
        return _money(text, style)
    if name == "ship_to":
        return address_of(value)
    if name == "payment_terms":
        return terms_of(value)
    return None  # currency, customer_name and bill_to are decided elsewhere


def clean_po_number(text: str) -> str | None:
    """The PO number as printed, without the `#`/`No.`/`:` that labels stick on it."""
    cleaned = re.sub(r"^(?:#|no\.?|nr\.?|n[°º]|:)\s*", "", fold_text(text).strip(), flags=re.I)
    cleaned = cleaned.strip(" :;,.#")
    return cleaned or None


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
        line = _with_catalogue(_catalogue_code(line, row, sources, master), sources, master)
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
    line = _with_ocr_decimal_mark(_without_ocr_minus(line, sources), sources)
    numbers = (line.sku, line.quantity, line.unit_price, line.amount)
    return (line, sources) if any(v is not None for v in numbers) else None


def _catalogue_code(
    line: OrderLine, row: dict[str, RawValue], sources: dict[str, RawValue], master: MasterData
) -> OrderLine:
    """Of the codes a row offers (its item code, the buyer's item number beside it, a code the
    description starts with), the one the catalogue knows when the item code is not; unsure
    (below 0.9) when taken from the description, until the line's arithmetic confirms it."""
    if master.product(line.sku) is not None:
        return line
    offered: list[tuple[str, RawValue]] = []
    if "other_code" in row:  # `table_columns.OTHER_CODE`
        offered.append((row["other_code"].text, row["other_code"]))
    description = row.get("description")
    if description is not None and description.text.split():
        head = description.text.split()[0].strip("[]" + _SKU_JUNK)
        guessed = min(description.confidence, GUESSED_CODE)
        offered.append((head, replace(description, text=head, confidence=guessed)))
    known = {catalogue_spelling(code, master): value for code, value in offered}
    known = {code: value for code, value in known.items() if master.product(code) is not None}
    if len(known) != 1:
        return line
    code, value = known.popitem()
    sources["sku"] = value
    if line.description and line.description.split()[0].strip("[]" + _SKU_JUNK) == value.text:
        rest = line.description.split(maxsplit=1)[1:]
        line = replace(line, description=rest[0] if rest else None)
    return replace(line, sku=code)


GUESSED_CODE = 0.85  # a code found inside a text cell: the catalogue and arithmetic decide


def _with_catalogue(line: OrderLine, sources: dict[str, RawValue], master: MasterData) -> OrderLine:
    """An item code with a neighbour cell's text run into it (`9200-010 2000`) is the
    catalogue code it starts with; an OCR'd code that is a catalogue code but for the case
    of a letter (`SZ-M8x30`) is that code; an OCR'd description that is the catalogue's but
    for lost accents gets them back."""
    head = line.sku.split()[0] if line.sku and " " in line.sku else None
    if head and master.product(line.sku) is None and master.product(head) is not None:
        line = replace(line, sku=head)
    ocr_code = "sku" in sources and sources["sku"].confidence < TEXT_LAYER_CONFIDENCE
    if ocr_code and line.sku is not None and master.product(line.sku) is None:
        line = replace(line, sku=catalogue_spelling(line.sku, master, line.unit_price))
    product = master.product(line.sku)
    source = sources.get("description")
    if product is None or line.description is None or source is None:
        return line
    if source.confidence >= TEXT_LAYER_CONFIDENCE:
        return line
    return replace(line, description=restore_diacritics(line.description, [product.description]))


def catalogue_spelling(sku: str, master: MasterData, price: Decimal | None = None) -> str:
    """The one catalogue code equal to `sku` but for letter case (OCR confuses x/X, o/O,
    s/S, whose shapes differ only in size), else `sku` as read. Given the line's unit price,
    also the one catalogue code that looks the same (`Poo418` for `P00418`, `S-1O2` for
    `5-102`: `lookalike_key`) and is listed at that very price: two characters misread are
    past the one-letter second read, and the price is what ties the line to the product."""
    same = [code for code in master.products if code.casefold() == sku.casefold()]
    if len(same) == 1:
        return same[0]
    if price is None:
        return sku
    key = lookalike_key(sku)
    alike = [code for code in master.products if lookalike_key(code) == key]
    if len(alike) == 1 and master.products[alike[0]].unit_price == price:
        return alike[0]
    return sku


# Characters OCR takes for one another in item codes, each mapped to one of its group.
_LOOKALIKES = str.maketrans("OQDILSBZG|", "0001158261")


def lookalike_key(code: str) -> str:
    """A code as OCR may misread it: capitals, look-alike letters as digits, no separators."""
    return re.sub(r"[^0-9A-Z]", "", code.upper().translate(_LOOKALIKES))


def _with_ocr_decimal_mark(line: OrderLine, sources: dict[str, RawValue]) -> OrderLine:
    """OCR drops a faint decimal mark (`0,92` read `092`): when quantity × price = amount
    holds only with the point of an OCR'd price or amount moved, over the same printed
    digits, that is what was printed. Quantities are never changed."""
    qty, price, amount = line.quantity, line.unit_price, line.amount
    if qty is None or price is None or amount is None or _line_adds_up(qty, price, amount):
        return line
    for shift in (1, 2, 3):
        if _ocr(sources, "unit_price") and _line_adds_up(qty, price.scaleb(-shift), amount):
            moved = price.scaleb(-shift).normalize()
            if _digits(moved) == _digits(price):
                return replace(
                    line, unit_price=moved if _places(moved) >= 2 else moved.quantize(CENT)
                )
        if _ocr(sources, "amount") and _line_adds_up(qty, price, amount.scaleb(-shift)):
            moved = amount.scaleb(-shift).normalize()
            if _digits(moved) == _digits(amount) and _places(moved) <= 2:
                return replace(line, amount=moved.quantize(CENT))
    return line


def _ocr(sources: dict[str, RawValue], name: str) -> bool:
    return name in sources and sources[name].confidence < TEXT_LAYER_CONFIDENCE


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) else 0


def _line_adds_up(qty: Decimal, price: Decimal, amount: Decimal) -> bool:
    return abs(qty * price - amount) <= CENT


def _digits(value: Decimal) -> str:
    return "".join(str(d) for d in value.as_tuple().digits).strip("0")


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


_SKU_JUNK = "|\"'“”‘’`;:~+—–_!¦,. °»«©®™"


def clean_sku(text: str | None) -> str | None:
    """The item code as printed, without the ruling and quote marks OCR sticks on its ends."""
    if text is None:
        return None
    cleaned = text.strip(_SKU_JUNK)
    return cleaned or None


def _split_position(sku: str, position: int) -> tuple[int, str]:
    """`1 SZ-M6X20` in the item-code cell of line 1 (`0001 AX-2040` on a form that numbers
    its items so): the position number ran into the code."""
    match = re.fullmatch(r"(\d{1,4})[\s|]+(\S.*)", sku)
    if match and int(match.group(1)) == position:
        return position, match.group(2).strip(_SKU_JUNK)
    return 0, sku


def _line_no(text: str | None) -> int:
    """A printed position number (`1`, `10`, `001`, `1.`), or 0 when there is none."""
    if text is None:
        return 0
    match = re.fullmatch(r"0*(\d{1,4})\.?", text.strip())
    return int(match.group(1)) if match else 0


def _customer_name(
    raw: RawOrder, customer_match: CustomerMatch | None, evidence: dict[str, Evidence]
) -> str | None:
    """The buyer's name as printed on the order (the master-data spelling only where OCR
    garbled the printed one: `restore_diacritics`, `restore_spelling`)."""
    printed = raw.header.get("customer_name")
    printed_text = text_of(printed) if printed is not None else None
    better = customer_match.printed if customer_match is not None else None
    if printed is not None and printed_text is not None:
        names_match = customer_match is not None and (
            name_similarity(printed_text, customer_match.customer) >= 0.75
        )
        if names_match and customer_match is not None:
            evidence["customer_name"] = printed.evidence()
            name = name_as_printed(printed_text, customer_match.customer, raw.full_text)
            if printed.confidence < TEXT_LAYER_CONFIDENCE:
                customer = customer_match.customer
                name = restore_diacritics(name, (customer.name, *customer.aliases))
                if customer_match.confident:
                    name = restore_spelling(name, (customer.name, *customer.aliases))
            return name
        if customer_match is None or not customer_match.confident or not better:
            evidence["customer_name"] = printed.evidence()
            return printed_text
    if customer_match is not None and better:
        # The name field held something else (a heading, an address); the matched line is it.
        evidence["customer_name"] = Evidence(confidence=min(customer_match.score, 0.9))
        return name_as_printed(" ".join(better.split()), customer_match.customer, raw.full_text)
    return None
