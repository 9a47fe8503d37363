"""Confidence that means something: OCR certainty corrected by independent cross-checks.

An OCR engine's word confidence says the glyphs looked clean, not that the right value was
read into the right field. What does say so is agreement between values read separately:
quantity × unit price = amount, the amounts add up to the subtotal, subtotal + tax +
shipping = total, the item code is in the catalogue at that price, the customer matched
strongly, a second independent read of an OCR'd PO number's box (`second_read`). A value
such a check confirms is raised to ≥ 0.95; a value a check contradicts
(and none confirms) drops below 0.5; an unconfirmed value keeps a capped reading
confidence (OCR ≤ 0.85, text layer 0.9, free text 0.8), so that a value at or above 0.9
is right about 99 % of the time. Line checks count only when the table is whole (every
line has an amount and they add up to a printed total); a text layer's arithmetic
contradiction is the document's own (its rule reports it), not a misreading; but a line
left partly empty in a table that is not whole, or a line of a table whose amounts the
printed subtotal contradicts (unless it is at its list price and adds up), keeps its values
under 0.9 (on an unfamiliar layout they may have been put in the wrong cell or line).

Contract: `calibrate(order, context, second_reads=..., columns=...) -> ExtractedOrder` (new
evidence, same values; `second_reads` maps a field path to whether a second read agreed,
`columns` says the pages are laid out, not typed sentences) and
`deciding_fields(order) -> list[str]` (the paths the `low_confidence` rule checks).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from rapidfuzz.distance import Levenshtein

from extractors.layout import overlap
from extractors.normalise import CENT
from poflow.domain import (
    Evidence,
    ExtractedOrder,
    ExtractionContext,
    InputKind,
    OrderLine,
    Product,
    line_path,
)

TOLERANCE = Decimal("0.01")
CONFIRMED = 0.95  # floor for a value an independent check confirms
CONTRADICTED = 0.45  # ceiling for a value a check contradicts and none confirms
TEXT_LAYER = 0.9  # a text-layer value nothing confirms: the text is sure, the field less so
PARTIAL_LINE = 0.85  # a text-layer value of a half-empty line in a torn table: maybe misplaced
UNLISTED = 0.85  # a printed item code the catalogue does not know: maybe the buyer's own number
OCR_CAP = 0.85  # an OCR value nothing confirms stays under the usual review threshold
PLAUSIBLE_CAP = 0.97  # an OCR value with a telling shape (a PO number) may keep its reading
FREE_TEXT = 0.8  # names, addresses, terms: nothing checks them unless master data does
DOUBTED = 0.5  # a value the document itself puts in doubt (a quote, a body that contradicts it)
_DECIDING_LINE_FIELDS = ("sku", "quantity", "unit_price", "amount")
_FREE_TEXT = frozenset({"customer_name", "ship_to", "payment_terms", "description", "unit"})
_PO_SHAPE = re.compile(r"[A-Z0-9][A-Z0-9\-/._ ]{2,23}", re.IGNORECASE)


@dataclass
class _Checks:
    """What the cross-checks said about each field path."""

    confirmed: dict[str, int] = field(default_factory=dict)  # path → number of confirmations
    contradicted: set[str] = field(default_factory=set)
    plausible: set[str] = field(default_factory=set)  # shape checks passed, nothing more
    implausible: set[str] = field(default_factory=set)  # misread or misplaced, whatever the read
    partial: set[int] = field(default_factory=set)  # lines with an empty cell, in a torn table
    unlisted: set[str] = field(default_factory=set)  # item codes not in the catalogue
    listed: set[int] = field(default_factory=set)  # lines at list price that add up

    def confirm(self, *paths: str) -> None:
        for path in paths:
            self.confirmed[path] = self.confirmed.get(path, 0) + 1

    def contradict(self, *paths: str) -> None:
        self.contradicted.update(paths)

    def doubt(self, *paths: str) -> None:
        self.implausible.update(paths)


def deciding_fields(order: ExtractedOrder) -> list[str]:
    """The field paths whose values decide the order: PO number, customer, total, and every
    line's item code, quantity, unit price and amount (present values only)."""
    paths = [
        name
        for name, value in (
            ("po_number", order.po_number),
            ("customer_id", order.customer_id),
            ("total", order.total),
        )
        if value is not None
    ]
    for i, line in enumerate(order.lines):
        for name in _DECIDING_LINE_FIELDS:
            if getattr(line, name) is not None:
                paths.append(f"lines[{i}].{name}")
    return paths


def calibrate(
    order: ExtractedOrder,
    context: ExtractionContext,
    today: date | None = None,
    *,
    second_reads: Mapping[str, bool] | None = None,
    columns: bool = True,
) -> ExtractedOrder:
    """The order with every evidence confidence recomputed from the cross-checks.

    Values read from embedded XML are exact and stay as they are. `today` is a seam for
    tests (date plausibility); it defaults to the real date. `columns`: whether the pages
    set values out in columns (an e-mail body's typed sentences do not).
    """
    if order.kind == InputKind.STRUCTURED:
        return order
    checks = _Checks()
    for i, line in enumerate(order.lines):
        _check_line(i, line, context, checks)
    if not _check_totals(order, checks):
        # Lines that do not add up to the printed totals may be torn, merged or missing, so
        # a line's own checks no longer show that its values belong to that line.
        checks.confirmed = {p: n for p, n in checks.confirmed.items() if not p.startswith("lines[")}
        # A line at its list price that adds up is the catalogue's, whatever the subtotal says.
        disputed = {i for i in range(len(order.lines)) if i not in checks.listed}
        if not _subtotal_disputes_lines(order):
            disputed = set()
        checks.partial = {i for i, line in enumerate(order.lines) if not _filled(line)} | disputed
    if columns:
        checks.partial |= _out_of_column(order)
    _check_header(order, context, checks, today or date.today(), second_reads or {})
    evidence = {path: _recomputed(path, ev, checks) for path, ev in order.evidence.items()}
    return order.with_(evidence=evidence)


def _recomputed(path: str, evidence: Evidence, checks: _Checks) -> Evidence:
    confidence = _confidence(path, evidence.confidence, checks)
    return Evidence(confidence=round(confidence, 4), page=evidence.page, bbox=evidence.bbox)


def _confidence(path: str, read: float, checks: _Checks) -> float:
    """Confirmed: ≥ 0.95. Implausible (a date as PO number, a description as item code):
    < 0.5. Contradicted by arithmetic: < 0.5 for OCR; a text layer reads exactly what is
    printed, so there the contradiction is the document's, and its own rule reports it.
    Unconfirmed: the reading confidence, capped by what kind of value it is."""
    text_layer = read >= 0.999
    confirmations = checks.confirmed.get(path, 0)
    if confirmations:
        # Two independent confirmations leave almost no room for a wrong value.
        return max(CONFIRMED + 0.02 * min(confirmations - 1, 2), min(read, 0.99))
    if path == "customer_id":
        return read  # the match score already weighs the evidence for the customer
    if path.rsplit(".", 1)[-1] in _FREE_TEXT:
        return min(read, FREE_TEXT)
    if path in checks.implausible or (path in checks.contradicted and not text_layer):
        return min(read, CONTRADICTED)
    if text_layer:
        # Exact text, but a line left partly empty in a table that does not add up may hold
        # values of the wrong cell or line.
        line = line_path(path)
        if line and line[0] in checks.partial:
            return PARTIAL_LINE
        return UNLISTED if path in checks.unlisted else TEXT_LAYER
    if path in checks.plausible:
        return min(read, PLAUSIBLE_CAP)
    return min(read, OCR_CAP)


# --- lines -----------------------------------------------------------------------------


def _filled(line: OrderLine) -> bool:
    return all(getattr(line, name) is not None for name in _DECIDING_LINE_FIELDS)


def _close(a: Decimal, b: Decimal, tolerance: Decimal = TOLERANCE) -> bool:
    return abs(a - b) <= tolerance


def line_adds_up(qty: Decimal | None, price: Decimal | None, amount: Decimal | None) -> bool:
    """quantity × unit price = amount, to the cent (a missing one: no)."""
    if qty is None or price is None or amount is None:
        return False
    return _close(qty * price, amount)


def _check_line(i: int, line: OrderLine, context: ExtractionContext, checks: _Checks) -> None:
    """qty × price = amount confirms all three; the catalogue confirms the item code only
    together with something of the line itself (its list price or its arithmetic), so a
    code torn away from its line's numbers stays unconfirmed."""
    path = f"lines[{i}]."
    qty, price, amount = line.quantity, line.unit_price, line.amount
    product = context.master.product(line.sku)
    list_price = product is not None and price is not None and price == product.unit_price
    arithmetic: bool | None = None
    if qty is not None and price is not None and amount is not None:
        arithmetic = line_adds_up(qty, price, amount)
        paths = (path + "quantity", path + "unit_price", path + "amount")
        if arithmetic and not list_price and _roles_in_doubt(line, qty, price):
            checks.confirm(path + "amount")
            checks.doubt(path + "quantity", path + "unit_price")
        elif arithmetic:
            checks.confirm(*paths)
        else:
            checks.contradict(*paths)
    if line.sku is not None and product is None:
        if not plausible_sku(line.sku):
            checks.doubt(path + "sku")  # a description or a merged cell, not an item code
        elif near_known_sku(line.sku, context):
            checks.contradict(path + "sku")  # one character off a catalogue code: a misread
        elif context.master.products:
            # Exactly printed, yet perhaps the buyer's own item number from a column beside
            # the supplier's: only the catalogue could say, and it does not know the code.
            checks.unlisted.add(path + "sku")
    if product is None:
        return
    if list_price:
        checks.confirm(path + "unit_price")
    if list_price and arithmetic:
        checks.listed.add(i)
    if list_price or arithmetic:
        checks.confirm(path + "sku")
        _check_catalogue_texts(path, line, product, checks)


def _out_of_column(order: ExtractedOrder) -> set[int]:
    """Lines with a number read outside the column where the table's other lines have it
    (a line number taken for the quantity, a tax rate for the amount): its qty x price =
    amount may hold by chance ("1 x 20 = 20"), so an exact text is no longer sure of its
    field. Only where at least two other lines of the page share one column (a photo's
    slanted table shows none, and nothing is said), and never in an e-mail body: its
    sentences put numbers where their words end, in a "column" only by chance."""
    odd: set[int] = set()
    for name in ("quantity", "unit_price", "amount"):
        boxes = [(i, order.evidence.get(f"lines[{i}].{name}")) for i in range(len(order.lines))]
        placed = [(i, ev.page, ev.bbox) for i, ev in boxes if ev is not None and ev.bbox]
        for i, page, box in placed:
            others = [b for j, p, b in placed if j != i and p == page]
            column = len(others) >= 2 and max(b[0] for b in others) < min(b[2] for b in others)
            if column and not any(overlap(box[0], box[2], b[0], b[2]) for b in others):
                odd.add(i)
    return odd


# Units in which a fractional quantity is normal (weights, lengths, volumes, hours).
_MEASURE_UNITS = frozenset(
    {"kg", "g", "t", "lb", "lbs", "oz", "m", "mm", "cm", "km", "ft", "in", "yd", "m2", "m3"}
    | {"sqm", "l", "lt", "ltr", "ml", "gal", "h", "hr", "hrs", "std"}
)


def _roles_in_doubt(line: OrderLine, qty: Decimal, price: Decimal) -> bool:
    """qty × price = price × qty: the arithmetic cannot tell quantity from price. A
    fractional quantity of pieces beside a whole price reads better the other way round
    ("74.2 × 1.00" for "1 × 74.20"), so the arithmetic does not confirm which is which."""
    unit = (line.unit or "").strip().strip(".").lower()
    whole = price == price.to_integral_value()
    return price > 0 and whole and qty != qty.to_integral_value() and unit not in _MEASURE_UNITS


def _check_catalogue_texts(path: str, line: OrderLine, product: Product, checks: _Checks) -> None:
    if line.unit and product.unit and line.unit.strip().upper() == product.unit.strip().upper():
        checks.confirm(path + "unit")
    # Only the very text: a truncated description or a misread letter must not pass.
    if line.description and _same_text(line.description, product.description):
        checks.confirm(path + "description")


def _same_text(printed: str, listed: str | None) -> bool:
    """Equal but for case and spacing (accents and punctuation count: they are printed)."""
    return listed is not None and printed.casefold().split() == listed.casefold().split()


def near_known_sku(sku: str, context: ExtractionContext) -> bool:
    """An unknown code one edit away from a catalogue code, or with its very letters and
    digits under other separators ("pcB:4L100" for "PCB-4L-100"), is more likely misread
    than new."""
    skeleton = _CODE_SEPARATORS.sub("", sku.upper())
    return any(
        Levenshtein.distance(sku.upper(), known.upper()) == 1
        or (len(skeleton) >= 4 and _CODE_SEPARATORS.sub("", known.upper()) == skeleton)
        for known in context.master.products
    )


_CODE_SEPARATORS = re.compile(r"[^0-9A-Z]")


# --- totals ----------------------------------------------------------------------------


def _check_totals(order: ExtractedOrder, checks: _Checks) -> bool:
    """Σ amounts = subtotal and subtotal + tax + shipping = total; True when every line has
    an amount and they add up to a printed subtotal or total (the table is whole). A subtotal
    the lines contradict confirms nothing, even when it agrees with the total: one
    misreading (a lost thousands digit) can spoil both the same way. A line that prints no
    amount ("2 x GB-9100 @ £349.00") counts with quantity × price, and what the sum confirms
    of it are those two."""
    amounts = [_line_amount(line) for line in order.lines]
    line_sum = sum((a for a in amounts if a is not None), Decimal(0))
    amount_paths = [
        path
        for i, (line, a) in enumerate(zip(order.lines, amounts, strict=True))
        if a is not None
        for path in _amount_paths(i, line)
    ]
    complete = bool(amounts) and all(a is not None for a in amounts)
    extras = (order.tax or Decimal(0)) + (order.shipping or Decimal(0))
    extra_paths = [p for p in ("tax", "shipping") if getattr(order, p) is not None]
    goods = max(order.subtotal or Decimal(0), line_sum)
    for name in ("tax", "shipping"):
        value = getattr(order, name)
        if value is not None and goods > 0 and value > goods:
            checks.doubt(name)  # more tax or freight than goods: another number (a postcode)
    sum_ok = complete and order.subtotal is not None and _close(line_sum, order.subtotal)
    if sum_ok:
        checks.confirm("subtotal", *amount_paths)
    elif complete and order.subtotal is not None:
        checks.contradict("subtotal")
    if order.total is None:
        return sum_ok
    if _read_twice(order, "total", ["subtotal", *amount_paths]):
        checks.doubt("total")  # one printed number taken for the total and another field
        return sum_ok
    if order.subtotal is not None and _close(order.subtotal + extras, order.total):
        if sum_ok or not complete:
            checks.confirm("total", "subtotal", *extra_paths)
        return sum_ok
    if complete and _close(line_sum + extras, order.total):
        checks.confirm("total", *amount_paths, *extra_paths)
        return True
    checks.contradict("total")
    return sum_ok


def _line_amount(line: OrderLine) -> Decimal | None:
    if line.amount is not None or line.quantity is None or line.unit_price is None:
        return line.amount
    return (line.quantity * line.unit_price).quantize(CENT, ROUND_HALF_UP)


def _amount_paths(i: int, line: OrderLine) -> tuple[str, ...]:
    if line.amount is not None:
        return (f"lines[{i}].amount",)
    return (f"lines[{i}].quantity", f"lines[{i}].unit_price")


def _subtotal_disputes_lines(order: ExtractedOrder) -> bool:
    """Every line has an amount, and they do not add up to the printed subtotal: one of
    them (which, nothing says) was read into the wrong cell or from the wrong row, however
    well its own qty × price = amount holds ("box of 100" taken for a line's numbers)."""
    amounts = [line.amount for line in order.lines]
    if not amounts or order.subtotal is None or any(a is None for a in amounts):
        return False
    return not _close(sum((a for a in amounts if a is not None), Decimal(0)), order.subtotal)


def _read_twice(order: ExtractedOrder, path: str, others: list[str]) -> bool:
    """Whether the value at `path` was read from the very box of one of `others`: then
    they agree with each other by construction, which confirms nothing."""
    own = order.evidence.get(path)
    if own is None or own.bbox is None:
        return False
    return any(
        (seen.page, seen.bbox) == (own.page, own.bbox)
        for seen in (order.evidence.get(other) for other in others)
        if seen is not None
    )


# --- header ----------------------------------------------------------------------------


def _check_header(
    order: ExtractedOrder,
    context: ExtractionContext,
    checks: _Checks,
    today: date,
    second_reads: Mapping[str, bool],
) -> None:
    if order.po_number is not None:
        _check_po_number(order.po_number, checks, second_reads.get("po_number"))
    _check_dates(order, checks, today)
    customer = context.master.customer(order.customer_id)
    if customer is None:
        return
    match_score = order.evidence.get("customer_id")
    if match_score is not None and match_score.confidence >= CONFIRMED:
        checks.confirm("customer_id")
        # The full name only: an alias may be the full printed name cut short.
        if order.customer_name and _same_text(order.customer_name, customer.name):
            checks.confirm("customer_name")
    if order.currency is not None and order.currency == customer.currency:
        checks.confirm("currency")


def _check_po_number(po_number: str, checks: _Checks, second_read: bool | None) -> None:
    """A PO number of a code's shape is plausible; a second read that agrees confirms it,
    one that disagrees leaves it at the plain OCR cap (one of the two readings is wrong)."""
    if not plausible_po_number(po_number) or len(po_number) < 5:
        checks.doubt("po_number")  # shorter: more likely a fragment of one
    elif _LOOKALIKE_AT_SEAM.search(po_number):
        # O/0 or I/1 where letters meet digits ("PO10811", "P02168"): the glyphs look
        # alike, so Tesseract guesses from context and a second read guesses the same way.
        return
    elif second_read:
        checks.confirm("po_number")
    elif second_read is None:
        checks.plausible.add("po_number")


_LOOKALIKE_AT_SEAM = re.compile(r"[A-Z][0Il1]|[OIl][0-9]|[0-9][OIl]|[0Il1][A-Z]")


def plausible_sku(text: str) -> bool:
    """An item code is one or two tokens of at most 30 characters, not a phrase: a
    description or a merged row read into the code column is no item code."""
    words = text.split()
    if len(text) > 30 or len(words) > 2:
        return False
    return not any(len(w) >= 4 and w.isalpha() and w.islower() for w in words)


def plausible_po_number(text: str) -> bool:
    """A PO number looks like a code: 3-24 letters/digits/dashes with at least one digit,
    and is not a date or a money amount."""
    if not _PO_SHAPE.fullmatch(text) or not any(ch.isdigit() for ch in text):
        return False
    if re.fullmatch(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}", text):
        return False
    return not re.fullmatch(r"\d{1,3}(?:[.,]\d{3})*[.,]\d{2}", text)


def _check_dates(order: ExtractedOrder, checks: _Checks, today: date) -> None:
    """Dates only ever raise doubt: any two nearby dates are in order, so that confirms nothing."""
    ordered, delivery = order.order_date, order.delivery_date
    if ordered is None:
        return
    if not today - timedelta(days=3 * 366) <= ordered <= today + timedelta(days=366):
        checks.doubt("order_date")
    if delivery is not None and not ordered <= delivery <= ordered + timedelta(days=2 * 366):
        checks.doubt("delivery_date")
