"""Order lines written as running text: "20 x GB-9001 Hi-vis vest @ 3.20 GBP = 64.00".

Why: customers type orders into e-mail bodies (and print letters) without a table header,
in any word order: "GB-9001 – vest – qty 20 – 3.20 each", "Art.-Nr. 4711-220: 10 Stück à
12,50 EUR", "10 件 CN-1001 单价 ¥12.00 金额 ¥120.00". No template fits them all, but each
line is made of a few token shapes (numbers, a code, currency, words) and cue words that say
what a number is ("x", "pcs", "qty" before a quantity; "@", "à", "each", "unit price" around a
price; "=", "total", "金额" before an amount): `free_text_pieces` cuts a line into them,
`free_text_roles` decides which number is the quantity, price and amount, and this module
finds the item code, unit and description around them. A line is an item only with a
quantity and a code or price;
totals, dates, addresses and phone numbers lack these. Values are never computed: what is
not printed stays absent.

Contract: `free_text_lines(pages)` -> `{column: RawValue}` per item line in document order,
columns from `RAW_LINE_FIELDS`; a value's box is the union of its words' boxes and its
confidence the lowest of its words.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from extractors.free_text_pieces import (
    AMOUNT_BEFORE,
    COUNT_UNITS,
    PRICE_AFTER,
    PRICE_BEFORE,
    SKIP,
    TIMES,
    Piece,
    clock_times,
    is_totals,
    label_cues,
    line_pieces,
    neighbour,
    position_piece,
    skip_bullet,
)
from extractors.free_text_roles import Roles, adds_up, best_roles, consistent
from extractors.layout import Layout, Line, join_digit_groups, page_layout, union_bbox
from extractors.raw import RawValue
from extractors.value_shapes import find_date, number_value
from poflow.domain import PageText, Word

_MEASURE_UNITS = {"kg", "g", "m", "mm", "cm", "l", "lb", "lbs", "ft", "lfm", "m2", "米", "千克"}
_SKU_WORDS = {"part", "partno", "pn", "art", "artnr", "sku", "ref", "item", "article", "货号"}
_SKU_WORDS |= {"code", "cod", "codice", "codigo"}  # "(cod. 5520-100)"
# A code that is surely not a size: letters, a separator and at least three digits.
_SURE_CODE = re.compile(r"(?=.*[A-Za-z])(?=(?:.*\d){3})[A-Za-z0-9]+(?:[-./][A-Za-z0-9]+)+")
_FILLERS = {"of", "de", "du", "des", "von", "the", "for", "pour", "para", "del"}
_VALUE_LABELS = {"quantity", "unit", "unit_price", "amount"}
_NUMBER_CUES = TIMES | COUNT_UNITS | PRICE_BEFORE | PRICE_AFTER | AMOUNT_BEFORE
_PLAIN_CODE = re.compile(r"\d{1,3}(?:[-./]\d{1,3}){0,2}")  # "20-100", "8.5": sizes, not codes


def free_text_lines(pages: list[PageText]) -> tuple[dict[str, RawValue], ...]:
    """The item lines written as running text on the pages, in document order.

    An item may take two lines: "1. GB-9001 Hi-vis vest" over "Qty: 20  Price: 3.20"; the
    code line gives the numbers line its code, text and position.
    """
    rows: list[dict[str, RawValue]] = []
    for page in pages:
        layout = page_layout(page)
        heading: dict[str, RawValue] | None = None
        joined_next = False
        for index, line in enumerate(layout.lines):
            if joined_next:
                joined_next = False
                continue
            words = _with_marks(line, page, layout)
            row = line_item(words, page.page_no)
            if row is None and _next_line_close(layout, index):
                below = _with_marks(layout.lines[index + 1], page, layout)
                row = _over_two_lines(words, below, page.page_no)
                joined_next = row is not None
            if row is not None and heading is not None and "sku" not in row:
                row = {**heading, **row}
            heading = None
            if row is not None:
                rows.append(row)
            elif _next_line_close(layout, index):
                heading = item_heading(words, page.page_no)
    return tuple(rows)


def _over_two_lines(
    words: tuple[Word, ...], below: tuple[Word, ...], page_no: int
) -> dict[str, RawValue] | None:
    """An item whose numbers a card layout sets on two lines ("SKU: MRP-55020  $46.08" over
    "$1.92 × 24"), neither an item alone: one item when together qty × price = amount to
    the cent (no OCR slack: the arithmetic is the only evidence that the lines belong)."""
    if line_item(below, page_no) is not None:
        return None
    row = line_item(words + below, page_no)
    if row is None or not all(k in row for k in _VALUE_FIELDS):
        return None
    quantity, price, amount = (number_value(row[k].text) for k in _VALUE_FIELDS)
    if quantity is None or price is None or amount is None:
        return None
    return row if amount > 0 and abs(quantity * price - amount) <= _CENT else None


_VALUE_FIELDS = ("quantity", "unit_price", "amount")
_CENT = Decimal("0.011")  # two lines joined on their arithmetic alone: to the cent


def _next_line_close(layout: Layout, index: int) -> bool:
    """The next line follows without a blank line (a typed paragraph goes on)."""
    if index + 1 >= len(layout.lines):
        return False
    step = layout.lines[index + 1].center - layout.lines[index].center
    return step < 1.6 * layout.word_height if layout.page.unit != "char" else step < 1.5


def item_heading(words: tuple[Word, ...], page_no: int) -> dict[str, RawValue] | None:
    """ "1. GB-9001 Hi-vis vest": a line opening with a code and text but no money."""
    if not words or is_totals(words) or find_date(" ".join(w.text for w in words)):
        return None
    pieces = line_pieces(words)
    line_no, body_start = position_piece(pieces, skip_bullet(pieces))
    cues = label_cues(words, pieces)
    labels = [i for i in _sku_labels(pieces, cues) if i >= body_start]
    at = neighbour(pieces, labels[0], 1) if labels and labels[0] == body_start else body_start
    if at is None or at >= len(pieces) or not _code_like(pieces[at], labelled=bool(labels)):
        return None
    if any(p.kind == "cur" or p.text in AMOUNT_BEFORE | {"@"} for p in pieces[at:]):
        return None  # money on the line: not a heading
    text = _trim(pieces, list(range(at + 1, len(pieces))))
    columns = {
        "sku": [at],
        "description": text,
        "line_no": [line_no] if line_no is not None else [],
    }
    return {k: _value(words, pieces, v, page_no) for k, v in columns.items() if v}


def _with_marks(line: Line, page: PageText, layout: Layout) -> tuple[Word, ...]:
    """The line's words with the lone marks the layout leaves out as rulings ("=", "-")."""
    kept = {id(w) for ln in layout.lines for w in ln.words}
    marks = [
        w
        for w in page.words
        if id(w) not in kept
        and w.text.strip()
        and line.top <= (w.top + w.bottom) / 2 <= line.bottom
        and line.x0 <= w.x0 <= line.x1
    ]
    return tuple(sorted((*line.words, *marks), key=lambda w: w.x0)) if marks else line.words


def line_item(words: tuple[Word, ...], page_no: int) -> dict[str, RawValue] | None:
    """One typed line as an order line, or None when it is not an item.

    "1 000 U x 0,24 = 240,00": digits grouped by a space are one number only when the
    line's arithmetic then holds (else "20 100 mm" would become 20100).
    """
    grouped = _space_grouped(words)
    if grouped is not None:
        row = _line_item(grouped, page_no, arithmetic_only=True)
        if row is not None:
            return row
    return _line_item(words, page_no)


def _space_grouped(words: tuple[Word, ...]) -> tuple[Word, ...] | None:
    """The words with "1" "000" joined into "1 000" when one space apart (a space's width
    is about a character's); None when there is no such pair."""
    char_width = sum(w.x1 - w.x0 for w in words) / max(1, sum(len(w.text) for w in words))
    joined = join_digit_groups(list(words), 1.5 * char_width)
    return tuple(joined) if len(joined) < len(words) else None


def _line_item(
    words: tuple[Word, ...], page_no: int, *, arithmetic_only: bool = False
) -> dict[str, RawValue] | None:
    if not words or is_totals(words):
        return None
    pieces = line_pieces(words)
    line_no, body_start = position_piece(pieces, skip_bullet(pieces))
    cues = label_cues(words, pieces)
    excluded: set[int | None] = {line_no} if line_no is not None else set()
    excluded |= clock_times(pieces)
    ocr = any(w.confidence < 0.999 for w in words)
    roles = best_roles(pieces, cues, body_start, excluded, ocr=ocr)
    if roles is None or (arithmetic_only and not consistent(pieces, roles)):
        return None
    sku = _sku(pieces, cues, roles, body_start)
    if sku is None and roles.unit_price is None:
        return None  # "Please deliver 20 pallets by Friday": a quantity alone is no item
    if find_date(" ".join(w.text for w in words)) and not consistent(pieces, roles):
        return None
    used = _consumed(pieces, cues, roles, sku, body_start)
    columns: dict[str, list[int]] = {
        "quantity": [roles.quantity],
        "unit_price": [roles.unit_price] if roles.unit_price is not None else [],
        "amount": [roles.amount] if roles.amount is not None else [],
        "line_no": [line_no] if line_no is not None else [],
        "sku": [sku] if sku is not None else [],
        "unit": _unit(pieces, roles),
        "description": _description(pieces, used, sku, roles.quantity),
    }
    row = {k: _value(words, pieces, v, page_no) for k, v in columns.items() if v}
    return row if adds_up(pieces, roles, ocr=ocr) else _unsure_numbers(row)


UNSURE_ROLES = 0.85  # numbers told apart by cue words alone, their arithmetic failing


def _unsure_numbers(row: dict[str, RawValue]) -> dict[str, RawValue]:
    """A line whose printed quantity × price is not its amount: which number is which was a
    guess from cue words that the arithmetic contradicts, so none of them is sure."""
    return {
        name: replace(value, confidence=min(value.confidence, UNSURE_ROLES))
        if name in _VALUE_LABELS
        else value
        for name, value in row.items()
    }


# --- code, unit, description ------------------------------------------------------------------


def _sku(pieces: list[Piece], cues: dict[int, str], roles: Roles, body_start: int) -> int | None:
    """The item code: after an "Item"/"Art.-Nr." label, else the first code before the text,
    else a code that cannot be a size ("GB-9001" yes; "20-100", "M8x40" no)."""
    taken = roles.indexes()
    bracketed = _bracketed_code(pieces, taken)
    if bracketed is not None:
        return bracketed
    for index in _sku_labels(pieces, cues):
        after = neighbour(pieces, index, 1)
        if after is not None and after not in taken and _code_like(pieces[after], labelled=True):
            return after
    in_text = False
    for index in range(body_start, len(pieces)):
        piece = pieces[index]
        in_text = in_text or (_starts_text(piece) and index not in cues)
        if index in taken or not _code_like(piece, labelled=False):
            continue
        if not in_text or _SURE_CODE.fullmatch(piece.text):
            return index
    return None


def _bracketed_code(pieces: list[Piece], taken: set[int]) -> int | None:
    """A code in brackets after the item's name, maybe with its word ("Kugellager 6205-2RS
    (cod. 5520-100)", "flat bar 50 x 6 mm (P00418)"): the item code, set apart from the
    name, which may carry codes of its own (a bearing's type, a size)."""
    for index, piece in enumerate(pieces):
        if index in taken or not _code_like(piece, labelled=True):
            continue
        if index + 1 >= len(pieces) or pieces[index + 1].text not in (")", "]"):
            continue
        at = index - 1
        while at >= 0 and (pieces[at].text == "." or pieces[at].norm in _SKU_WORDS):
            at -= 1
        if at >= 0 and pieces[at].text in ("(", "["):
            return index
    return None


def _sku_labels(pieces: list[Piece], cues: dict[int, str]) -> list[int]:
    """Pieces that say "a code follows": column labels ("Item", "Art.-Nr.") and "part"."""
    codes = {"sku", "supplier_sku"}
    return sorted(i for i, p in enumerate(pieces) if cues.get(i) in codes or p.norm in _SKU_WORDS)


def _code_like(piece: Piece, *, labelled: bool) -> bool:
    """A code with letters or separators; a bare number only after a label or when long."""
    if piece.kind == "code":
        return labelled or not _PLAIN_CODE.fullmatch(piece.text)
    digits = re.fullmatch(r"\d{3,}" if labelled else r"\d{5,}", piece.text)
    return piece.kind == "num" and digits is not None


def _starts_text(piece: Piece) -> bool:
    cue_words = COUNT_UNITS | PRICE_BEFORE | _MEASURE_UNITS
    return piece.kind == "word" and len(piece.text) > 2 and piece.norm not in cue_words


def _unit(pieces: list[Piece], roles: Roles) -> list[int]:
    """ "2 pcs", "10 Stück", "10 件": a counting unit printed right after the quantity."""
    q = roles.quantity
    if q + 1 >= len(pieces):
        return []
    follower = pieces[q + 1]
    if follower.norm in COUNT_UNITS and follower.kind in {"word", "cjk"}:
        return [q + 1]
    return []


def _consumed(
    pieces: list[Piece],
    cues: dict[int, str],
    roles: Roles,
    sku: int | None,
    body_start: int,
) -> set[int]:
    """Pieces that are not description: bullet, position, code, numbers and their cue words
    (a label counts only beside its value: "2 NO" in "Safety relay 24 V DC, 2 NO" is text)."""
    used = set(range(body_start))
    for index in roles.indexes():
        used |= _cue_pieces(pieces, cues, index, _NUMBER_CUES, _VALUE_LABELS)
    if sku is not None:
        used |= _cue_pieces(pieces, cues, sku, _SKU_WORDS | {"."}, {"sku"})  # "(cod. 5520-100)"
    return used


def _cue_pieces(
    pieces: list[Piece], cues: dict[int, str], index: int, words: set[str], labels: set[str]
) -> set[int]:
    """The piece itself and the cue words, labels and currency marks either side of it
    ("@ 3.20 GBP =", "Art.-Nr. 4711-220:", "unit price 0.42")."""
    out = {index}
    for step in (-1, 1):
        at = index + step
        while 0 <= at < len(pieces) and (
            pieces[at].kind == "cur"
            or pieces[at].norm in words
            or pieces[at].text in SKIP
            or cues.get(at) in labels
        ):
            out.add(at)
            at += step
    return out


def _description(pieces: list[Piece], used: set[int], sku: int | None, qty: int) -> list[int]:
    """The text right after the code, else right before it, else the longest run after the
    quantity, else the longest; runs stop at codes, numbers with a role and their cues."""
    runs: list[list[int]] = [[]]
    for index in range(len(pieces)):
        if index in used:
            runs.append([])
        else:
            runs[-1].append(index)
    runs = [t for run in runs if _letters(pieces, t := _trim(pieces, run)) >= 2]
    if sku is not None:
        after = [r for r in runs if _adjacent(pieces, used, sku, r[0])]
        # A code in brackets follows its item's name: "Kugellager 6205-2RS (cod. 5520-100)".
        bracketed = sku + 1 < len(pieces) and pieces[sku + 1].text in (")", "]")
        before = [r for r in runs if _adjacent(pieces, used, r[-1], sku, loose=bracketed)]
        if bracketed and before:
            return before[-1]
        if after or before:
            return (after or before)[0]
    later = [r for r in runs if r[0] > qty] or runs
    return max(later, key=lambda r: _letters(pieces, r), default=[])


def _adjacent(
    pieces: list[Piece], used: set[int], left: int, right: int, *, loose: bool = True
) -> bool:
    """Only punctuation and filler words (or, when `loose`, cue words) between the two."""
    between = range(left + 1, right)
    return left < right and all(_trim(pieces, [i]) == [] or (loose and i in used) for i in between)


def _letters(pieces: list[Piece], run: list[int]) -> int:
    return sum(len(pieces[i].text) for i in run if pieces[i].kind in {"word", "cjk"})


def _trim(pieces: list[Piece], run: list[int]) -> list[int]:
    """Without punctuation and filler words ("of", "de") at its ends; nor a full stop at its
    start ("10 pz. Kugellager": the unit's)."""
    edge = set("-–—:,;()[]/|=@*•·，、；：")
    while run and (pieces[run[0]].text in edge | {"."} or pieces[run[0]].norm in _FILLERS):
        run = run[1:]
    while run and (pieces[run[-1]].text in edge or pieces[run[-1]].norm in _FILLERS):
        run = run[:-1]
    return run


def _value(
    words: tuple[Word, ...], pieces: list[Piece], indexes: list[int], page_no: int
) -> RawValue:
    """The pieces' text as printed (pieces of one word joined without a space), with evidence."""
    text = ""
    previous: Piece | None = None
    for index in sorted(indexes):
        piece = pieces[index]
        joined = (
            previous is not None
            and previous.word == piece.word
            and (previous.start + len(previous.text) == piece.start)
        )
        text += piece.text if joined or previous is None else " " + piece.text
        previous = piece
    source = [words[i] for i in sorted({pieces[i].word for i in indexes})]
    confidence = min(w.confidence for w in source)
    return RawValue(text, confidence, page_no, union_bbox(source))


__all__ = ["free_text_lines", "line_item"]
