"""A second, independent read of the deciding values that nothing else can confirm.

Arithmetic confirms amounts, the catalogue item codes, master data the customer; nothing on
the page confirms a PO number, and an OCR word confidence says that the glyphs looked clean,
not that they were read right. A second reading of the value's box — cut from the page's
own pixels, prepared differently, read as one line in a code alphabet (`ocr_boxes.read_box`) — that
agrees character for character is evidence the first reading could not give itself; one
that disagrees is a reason for doubt. Only OCR'd values read less than surely are re-read:
at most one box per document (two when the first preparation disagrees), each a Tesseract
call on a few hundred pixels, about 5 % of the time a page takes.

An OCR'd item code one letter off a catalogue code (`HB.M10X50.2`, `TL+-7781`) is re-read
the same way; when the second read is that catalogue code, the two readings and the master
data together say what was printed, and the line takes it (`calibrate` still confirms it
only with the line's own price or arithmetic).

A line whose quantity × unit price ≠ amount, or with one of them missing, has a number
misread or lost (`23.15` for 23.75, `2535` for 1.35, a faint cell not read at all). Its
three number cells are re-read the same way, in a digit alphabet, all such cells of a page
in one call (a lost cell's box is where its column and its row cross); the one set of
readings with which the line adds up, changing fewest cells, is taken. The repaired value
keeps an OCR confidence: `calibrate` makes it sure only when the lines then add up to the
printed totals as well.

A subtotal the lines do not add up to, or a total that subtotal, tax and freight do not
add up to, is re-read the same way when every line has its amount; a reading that is that
sum is what was printed (`132990` for 1329,90, a comma lost).

Contract: `second_reads(order, pages, context) -> dict[str, bool]` (field path → the second
read agreed), which `confidence.calibrate` weighs; `reread_item_codes(order, pages, context)
-> ExtractedOrder` (item codes corrected where a second read finds the catalogue's);
`reread_line_numbers(order, pages, context) -> ExtractedOrder` (number cells of lines that
do not add up, corrected where a second read makes them add up); `reread_totals(order,
pages, context) -> ExtractedOrder` (subtotal and total likewise).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from decimal import Decimal
from itertools import product

from extractors import ocr, ocr_boxes
from extractors.confidence import line_adds_up, near_known_sku
from extractors.normalise import CENT, clean_po_number, normal_quantity, parse_money
from poflow.domain import BBox, Evidence, ExtractedOrder, ExtractionContext, OrderLine, PageText

log = logging.getLogger(__name__)

REREAD_FIELDS = ("po_number",)  # deciding, and confirmed by nothing else on the page
SURE_READING = 0.9  # a reading this sure is not re-read: the call costs ~5 % of a page
_EDGE_JUNK = "-/_."  # rulings and separators the box's margin catches


def second_reads(
    order: ExtractedOrder, pages: list[PageText], context: ExtractionContext
) -> dict[str, bool]:
    """For each re-readable field read by OCR less than surely: did a second, independent
    read agree? (A sure reading keeps its own confidence, capped by `calibrate`.)"""
    out: dict[str, bool] = {}
    for path in REREAD_FIELDS:
        value = getattr(order, path)
        evidence = order.evidence.get(path)
        page = _ocr_page_of(pages, evidence)
        if value is None or evidence is None or evidence.bbox is None or page is None:
            continue
        if evidence.confidence >= SURE_READING:
            continue
        try:
            out[path] = _agrees(str(value), page, evidence.bbox, context)
        except ocr.OcrTimeout as exc:  # no second opinion: the value keeps its first reading
            log.warning("second read of %s: %s", path, exc)
    return out


def reread_item_codes(
    order: ExtractedOrder, pages: list[PageText], context: ExtractionContext
) -> ExtractedOrder:
    """The order with each OCR'd item code that is one letter off a catalogue code replaced
    by that code, when a second read of its box reads exactly it."""
    lines = tuple(
        _catalogue_code(i, line, order, pages, context) for i, line in enumerate(order.lines)
    )
    return order if lines == order.lines else order.with_(lines=lines)


def _catalogue_code(
    index: int,
    line: OrderLine,
    order: ExtractedOrder,
    pages: list[PageText],
    context: ExtractionContext,
) -> OrderLine:
    evidence = order.evidence.get(f"lines[{index}].sku")
    page = _ocr_page_of(pages, evidence)
    sku = line.sku
    if sku is None or page is None or evidence is None or evidence.bbox is None:
        return line
    if context.master.product(sku) is not None or not near_known_sku(sku, context):
        return line
    try:
        second = _read(page, evidence.bbox, ocr_boxes.SECOND_READS[0], context)
    except ocr.OcrTimeout as exc:
        log.warning("second read of item code %s: %s", sku, exc)
        return line
    return replace(line, sku=second) if context.master.product(second) is not None else line


def _read(
    page: PageText,
    bbox: tuple[float, float, float, float],
    preparation: ocr_boxes.BoxPreparation,
    context: ExtractionContext,
) -> str:
    scale = page.image.shape[1] / page.width  # image pixels per page unit (pt or px)
    result = ocr_boxes.read_box(
        page.image, bbox, scale=scale, preparation=preparation, timeout_s=context.ocr_timeout_s
    )
    return "".join(w.text for w in result.words)


def _ocr_page_of(pages: list[PageText], evidence: Evidence | None) -> PageText | None:
    return None if evidence is None else _ocr_page(pages, evidence.page)


def _agrees(
    value: str, page: PageText, bbox: tuple[float, float, float, float], context: ExtractionContext
) -> bool:
    return any(
        same_code(_read(page, bbox, preparation, context), value)
        for preparation in ocr_boxes.SECOND_READS
    )


def same_code(second: str, first: str) -> bool:
    """The same code, character for character, but for the label marks ("#", ":") and the
    separators a box's margin catches at either end."""
    a, b = clean_po_number(second), clean_po_number(first)
    return a is not None and b is not None and a.strip(_EDGE_JUNK) == b.strip(_EDGE_JUNK)


# --- number cells of lines that do not add up ---------------------------------------------------

LINE_NUMBERS = ("quantity", "unit_price", "amount")
NUMBER_CHARACTERS = "0123456789.,-"
REREAD_CONFIDENCE = 0.8  # an OCR reading; only the totals' arithmetic may make it sure
Cell = tuple[int, str]  # (line index, field)


def reread_line_numbers(
    order: ExtractedOrder, pages: list[PageText], context: ExtractionContext
) -> ExtractedOrder:
    """The order with the number cells of each OCR'd line that does not add up replaced by
    second readings with which it does (one way only, fewest cells changed)."""
    boxes = {
        (i, name): box
        for i, line in enumerate(order.lines)
        if not line_adds_up(line.quantity, line.unit_price, line.amount)
        for name in LINE_NUMBERS
        if (box := _cell_box(order, i, name, pages)) is not None
    }
    readings: dict[Cell, set[Decimal]] = {cell: set() for cell in boxes}
    repaired: dict[int, dict[str, Decimal]] = {}

    def settle(texts: dict[Cell, str]) -> set[Cell]:
        for cell, text in texts.items():
            readings[cell].update(numbers_in(text, cell[1]))
        settled = set()
        for index in {i for i, _ in texts}:
            changes = _adding_up(order.lines[index], readings, index)
            if changes:
                repaired[index] = changes
            if changes or _read_as_before(order.lines[index], readings, index):
                settled.add(index)
        return {cell for cell in texts if cell[0] in settled}

    _read_until_settled(boxes, pages, context, settle)
    return _with_repairs(order, repaired, boxes) if repaired else order


def _read_as_before(line: OrderLine, readings: dict[Cell, set[Decimal]], index: int) -> bool:
    """Every cell of the line read again as it was read first: the line is printed so (a
    discount column, a price per 100), and a third reading would change nothing."""
    return all(getattr(line, name) in readings.get((index, name), set()) for name in LINE_NUMBERS)


def _read_until_settled(
    boxes: dict[Cell, tuple[int, BBox]],
    pages: list[PageText],
    context: ExtractionContext,
    settle: Callable[[dict[Cell, str]], set[Cell]],
) -> None:
    """Each preparation in turn reads the boxes still open (the second is tried only where
    the first settled nothing); `settle` takes the readings and says which cells they
    settled. A timeout leaves the rest as first read."""
    still_open = dict(boxes)
    for preparation in ocr_boxes.SECOND_READS:
        if not still_open:
            return
        try:
            texts = _read_cells(still_open, pages, preparation, context)
        except ocr.OcrTimeout as exc:
            log.warning("second read of number cells: %s", exc)
            return
        for cell in settle(texts):
            still_open.pop(cell, None)


def _cell_box(
    order: ExtractedOrder, index: int, name: str, pages: list[PageText]
) -> tuple[int, BBox] | None:
    """Where the cell was read; for a cell not read at all, where its column (the same
    field's cells on other lines of the page) crosses its row (the line's nearest number)."""
    own = order.evidence.get(f"lines[{index}].{name}")
    if own is not None:
        read_on = _ocr_page_of(pages, own)
        if read_on is None or own.bbox is None or own.confidence >= 0.999:
            return None  # a text layer's cell was read exactly: nothing to re-read
        return read_on.page_no, own.bbox
    # The row's numbers say where it runs; a code on a row's first line may sit higher.
    row = _boxes(order, [index], LINE_NUMBERS) or _boxes(order, [index], ("sku",))
    read_on = _ocr_page(pages, row[0][0]) if row else None
    if read_on is None:
        return None
    column = [
        box
        for page, box in _boxes(order, range(len(order.lines)), (name,))
        if page == read_on.page_no
    ]
    if not column:
        return None
    x0, x1 = min(b[0] for b in column), max(b[2] for b in column)
    own_row = [box for page, box in row if page == read_on.page_no]
    slope = _slope(own_row)
    if slope is None:  # one cell to go by: the page's other rows say how rows run
        slope = _page_slope(order, read_on.page_no)
    (xa, ya), height = _centre(own_row[0]), sorted(b[3] - b[1] for b in own_row)[len(own_row) // 2]
    middle = ya + slope * ((x0 + x1) / 2 - xa)
    # A number wider than any other in its column starts further left (numbers set right).
    return read_on.page_no, (x0 - height, middle - height / 2, x1, middle + height / 2)


def _slope(row: list[BBox]) -> float | None:
    """How a row climbs or falls across the page (a skewed scan), from its two cells
    farthest apart; None with fewer than two cells apart."""
    if len(row) < 2:
        return None
    (xa, ya), (xb, yb) = min(map(_centre, row)), max(map(_centre, row))
    return (yb - ya) / (xb - xa) if xb - xa > row[0][3] - row[0][1] else None


def _page_slope(order: ExtractedOrder, page_no: int) -> float:
    """The median slope of the page's rows with two number cells or more (0 when none)."""
    rows = (
        [b for p, b in _boxes(order, [i], LINE_NUMBERS) if p == page_no]
        for i in range(len(order.lines))
    )
    slopes = sorted(slope for row in rows if (slope := _slope(row)) is not None)
    return slopes[len(slopes) // 2] if slopes else 0.0


def _centre(box: BBox) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def _boxes(
    order: ExtractedOrder, indexes: Iterable[int], names: tuple[str, ...]
) -> list[tuple[int, BBox]]:
    """(page, box) of the named cells of these lines that were read on a page."""
    return [
        (ev.page, ev.bbox)
        for i in indexes
        for name in names
        if (ev := order.evidence.get(f"lines[{i}].{name}")) is not None
        and ev.page is not None
        and ev.bbox is not None
    ]


def _ocr_page(pages: list[PageText], page_no: int | None) -> PageText | None:
    return next(
        (p for p in pages if p.page_no == page_no and p.method == "ocr" and p.image is not None),
        None,
    )


def _read_cells(
    boxes: dict[Cell, tuple[int, BBox]],
    pages: list[PageText],
    preparation: ocr_boxes.BoxPreparation,
    context: ExtractionContext,
) -> dict[Cell, str]:
    """Each cell's second reading: one Tesseract call per page."""
    out: dict[Cell, str] = {}
    for page_no in sorted({page for page, _ in boxes.values()}):
        page = _ocr_page(pages, page_no)
        if page is None or page.image is None:
            continue
        cells = [cell for cell, (p, _) in boxes.items() if p == page_no]
        texts = ocr_boxes.read_boxes(
            page.image,
            [boxes[cell][1] for cell in cells],
            scale=page.image.shape[1] / page.width,
            preparation=preparation,
            timeout_s=context.ocr_timeout_s,
            characters=NUMBER_CHARACTERS,
        )
        out.update(zip(cells, texts, strict=True))
    return out


def numbers_in(text: str, name: str) -> set[Decimal]:
    """The numbers a reading may be: the whole cell, or one of its parts (a neighbour's ink
    read with it, maybe run together: `0,65..65,00`), with a decimal point or a decimal
    comma, with no more decimals than the field has; never negative (a minus read here is a
    ruling: a credit line adds up as printed and is not re-read)."""
    out: set[Decimal] = set()
    for part in {text, *_PARTS.split(text)}:
        for comma in (False, True):
            value = parse_money(part.strip(".,-"), comma)
            if value is not None and value > 0 and _places(value) <= _MOST_PLACES[name]:
                out.add(value)
    return out


_PARTS = re.compile(r"\s+|[.,]{2,}")  # between numbers: a space, or marks no number has
_MOST_PLACES = {"quantity": 3, "unit_price": 4, "amount": 2}


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _adding_up(
    line: OrderLine, readings: dict[Cell, set[Decimal]], index: int
) -> dict[str, Decimal]:
    """The cells to change so that quantity × unit price = amount: the one way that changes
    fewest cells; nothing when no way, or two different ways, change as few."""
    first = {name: getattr(line, name) for name in LINE_NUMBERS}
    choices = []
    for name in LINE_NUMBERS:
        read = readings.get((index, name), set())
        choices.append(read | {first[name]} if first[name] is not None else read)
    ways: dict[int, set[tuple[Decimal, ...]]] = {}
    for values in product(*choices):
        if line_adds_up(*values):
            changed = sum(v != first[n] for v, n in zip(values, LINE_NUMBERS, strict=True))
            ways.setdefault(changed, set()).add(values)
    if not ways:
        return {}
    fewest = ways[min(ways)]
    if len(fewest) != 1:
        return {}
    values = next(iter(fewest))
    return {n: v for v, n in zip(values, LINE_NUMBERS, strict=True) if v != first[n]}


def _with_repairs(
    order: ExtractedOrder,
    repaired: dict[int, dict[str, Decimal]],
    boxes: dict[Cell, tuple[int, BBox]],
) -> ExtractedOrder:
    lines = list(order.lines)
    evidence = dict(order.evidence)
    for index, changes in repaired.items():
        line = lines[index]
        for name, value in changes.items():
            typed = normal_quantity(value) if name == "quantity" else _money_places(name, value)
            line = replace(line, **{name: typed})  # type: ignore[arg-type]
        lines[index] = line
        for name in changes:
            page, bbox = boxes[(index, name)]
            evidence[f"lines[{index}].{name}"] = Evidence(REREAD_CONFIDENCE, page, bbox)
        log.info("line %d: %s re-read so that it adds up", index + 1, ", ".join(sorted(changes)))
    return order.with_(lines=tuple(lines), evidence=evidence)


def _money_places(name: str, value: Decimal) -> Decimal:
    """An amount in cents; a unit price as printed, but at least cents (`0.425`, `4.80`)."""
    exponent = value.as_tuple().exponent
    if name == "amount" or (isinstance(exponent, int) and exponent > -2):
        return value.quantize(CENT)
    return value


# --- subtotal and total ---------------------------------------------------------------------------


def reread_totals(
    order: ExtractedOrder, pages: list[PageText], context: ExtractionContext
) -> ExtractedOrder:
    """The order with an OCR'd subtotal or total that does not add up replaced by a second
    reading of its box, when that reading is the sum it should be."""
    sums = _sums(order)
    boxes: dict[Cell, tuple[int, BBox]] = {}
    for name in sums:
        printed = order.evidence.get(name)
        page = _ocr_page_of(pages, printed)
        if page is not None and printed is not None and printed.bbox is not None:
            # Wider to the left: a total set right whose first digits OCR lost or split off
            # ("2,90" read of "1329,90") has them there.
            x0, top, x1, bottom = printed.bbox
            boxes[(0, name)] = (page.page_no, (x0 - 2 * (bottom - top), top, x1, bottom))
    found: dict[str, Decimal] = {}

    def settle(texts: dict[Cell, str]) -> set[Cell]:
        settled = set()
        for cell, text in texts.items():
            read = numbers_in(text, "amount")
            if sums[cell[1]] in read:
                found[cell[1]] = sums[cell[1]]
            if cell[1] in found or getattr(order, cell[1]) in read:
                settled.add(cell)  # read again as first read: printed so, no third reading
        return settled

    _read_until_settled(boxes, pages, context, settle)
    evidence = dict(order.evidence)
    for name in found:
        page_no, bbox = boxes[(0, name)]
        evidence[name] = Evidence(REREAD_CONFIDENCE, page_no, bbox)
        log.info("%s re-read so that it adds up", name)
    return order.with_(**found, evidence=evidence) if found else order


def _sums(order: ExtractedOrder) -> dict[str, Decimal]:
    """What subtotal and total should be, for those printed otherwise: Σ line amounts (every
    line has one), and that plus tax and freight."""
    amounts = [line.amount for line in order.lines]
    if not amounts or any(a is None for a in amounts):
        return {}
    goods = sum((a for a in amounts if a is not None), Decimal(0))
    out: dict[str, Decimal] = {}
    if order.subtotal is not None and order.subtotal != goods:
        out["subtotal"] = goods
    total = goods + (order.tax or Decimal(0)) + (order.shipping or Decimal(0))
    if order.total is not None and order.total != total:
        out["total"] = total
    return out
