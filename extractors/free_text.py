"""Order lines written as running text: "20 x GB-9001 Hi-vis vest @ 3.20 GBP = 64.00".

Why: customers type orders into e-mail bodies (and print letters) without a table header,
in any word order: "GB-9001 – vest – qty 20 – 3.20 each", "Art.-Nr. 4711-220: 10 Stück à
12,50 EUR", "10 件 CN-1001 单价 ¥12.00 金额 ¥120.00". No template fits them all, but each
line is made of a few token shapes (numbers, a code, currency, words) and cue words that say
what a number is ("x", "pcs", "qty" before a quantity; "@", "à", "each", "unit price" around a
price; "=", "total", "金额" before an amount). Every reading of the numbers as quantity,
price and amount is scored by its cues, and qty × price ≈ amount both confirms a reading and
decides which number is which. A line is an item only with a quantity and a code or price;
totals, dates, addresses and phone numbers lack these. Values are never computed: what is
not printed stays absent.

Contract: `free_text_lines(pages)` -> `{column: RawValue}` per item line in document order,
columns from `RAW_LINE_FIELDS`; a value's box is the union of its words' boxes and its
confidence the lowest of its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property
from itertools import permutations

from extractors.layout import Layout, Line, join_digit_groups, page_layout, union_bbox
from extractors.raw import RawValue
from extractors.value_shapes import CURRENCY_CODES, NUMBER_PATTERN, find_date, number_value
from extractors.vocabulary import find_labels, norm_token
from poflow.domain import PageText, Word

# One piece of a word: a number ("1,745.00", "14,20"), a code ("GB-9001", "M8x40"), a run of
# CJK characters, a run of letters, or one other character ("@", "=", "(", "$").
_CODE = (
    r"[A-Za-z0-9]+(?:(?:[-._#]|/(?=[A-Za-z]*\d))[A-Za-z0-9]+)+"
    r"|[A-Za-z]+\d[A-Za-z0-9]*|\d+[A-Za-z]+\d[A-Za-z0-9]*"
)
_CODE_AT = re.compile(_CODE)
_NUMBER_AT = re.compile(NUMBER_PATTERN)
_OTHER_AT = re.compile(
    r"(?P<cjk>[\u3400-\u9fff]+)|(?P<word>[^\W\d_\u3400-\u9fff]+)|(?P<other>.)", re.S
)
_SYMBOLS = {"€", "$", "£", "¥", "￥", "元"}
_BULLETS = {"-", "–", "—", "*", "•", "·", "+", ">", "o"}

# Cue words, compared by `norm_token` form. Units that count pieces say "quantity" strongly;
# measurement units ("25 x 3 mm", "2500 kg") are as often part of a description.
_TIMES = {"x", "×", "*"}
_COUNT_UNITS = {
    "pcs", "pc", "pce", "pces", "piece", "pieces", "stk", "stuck", "st", "units",
    "unit", "u", "ud", "uds", "unidades", "unidad", "pz", "pzs", "box", "boxes", "sets", "set",
    "pair", "pairs", "pr", "roll", "rolls", "pk", "pack", "packs", "ctn", "cartons", "carton",
    "karton", "rolle", "rollen", "paar", "satz", "dz", "doz", "件", "个", "箱", "套", "台",
    "只", "盒", "卷", "支", "把", "pallets", "pallet", "off", "items", "stuk", "stuks",
    "szt", "ks", "pezzi", "pezzo", "pieza", "piezas", "pecas", "peca",
}  # fmt: skip
_MEASURE_UNITS = {"kg", "g", "m", "mm", "cm", "l", "lb", "lbs", "ft", "lfm", "m2", "米", "千克"}
_PRICE_BEFORE = {"@", "a", "at", "zu", "je", "per", "for", "unit", "price", "prix", "preis"}
_PRICE_AFTER = {"each", "ea", "je", "per", "pro", "/", "apiece", "chacun", "cada", "l'unite"}
_AMOUNT_BEFORE = {"="}
_SKU_WORDS = {"part", "partno", "pn", "art", "artnr", "sku", "ref", "item", "article", "货号"}
# A code that is surely not a size: letters, a separator and at least three digits.
_SURE_CODE = re.compile(r"(?=.*[A-Za-z])(?=(?:.*\d){3})[A-Za-z0-9]+(?:[-./][A-Za-z0-9]+)+")
_FILLERS = {"of", "de", "du", "des", "von", "the", "for", "pour", "para", "del"}
_VALUE_LABELS = {"quantity", "unit", "unit_price", "amount"}
_NUMBER_CUES = _TIMES | _COUNT_UNITS | _PRICE_BEFORE | _PRICE_AFTER | _AMOUNT_BEFORE
_MAX_NUMBERS = 10
_SKIP = {":", "：", ",", "，", "、", ";", "；", "(", ")", "[", "]"}
_PLAIN_CODE = re.compile(r"\d{1,3}(?:[-./]\d{1,3}){0,2}")  # "20-100", "8.5": sizes, not codes


@dataclass(frozen=True)
class _Piece:
    """A piece of a line: its text, kind, the word it is part of and where in that word."""

    text: str
    kind: str  # "num", "code", "cjk", "word", "other", "cur"
    word: int
    start: int

    @property
    def norm(self) -> str:
        return norm_token(self.text) if self.kind != "other" else self.text

    @cached_property
    def value(self) -> Decimal | None:
        return number_value(self.text) if self.kind == "num" else None


@dataclass(frozen=True)
class _Roles:
    """Piece indexes of the numbers read as quantity (always one), unit price and amount."""

    quantity: int
    unit_price: int | None = None
    amount: int | None = None

    def indexes(self) -> set[int]:
        return {i for i in (self.quantity, self.unit_price, self.amount) if i is not None}


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
    if not words or _is_totals(words) or find_date(" ".join(w.text for w in words)):
        return None
    pieces = _pieces(words)
    line_no, body_start = _line_no(pieces, _skip_bullet(pieces))
    cues = _label_cues(words, pieces)
    labels = [i for i in _sku_labels(pieces, cues) if i >= body_start]
    at = _neighbour(pieces, labels[0], 1) if labels and labels[0] == body_start else body_start
    if at is None or at >= len(pieces) or not _code_like(pieces[at], labelled=bool(labels)):
        return None
    if any(p.kind == "cur" or p.text in _AMOUNT_BEFORE | {"@"} for p in pieces[at:]):
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
    if not words or _is_totals(words):
        return None
    pieces = _pieces(words)
    line_no, body_start = _line_no(pieces, _skip_bullet(pieces))
    cues = _label_cues(words, pieces)
    excluded: set[int | None] = {line_no} if line_no is not None else set()
    excluded |= _clock_times(pieces)
    ocr = any(w.confidence < 0.999 for w in words)
    roles = _best_roles(pieces, cues, body_start, excluded, ocr=ocr)
    if roles is None or (arithmetic_only and not _consistent(pieces, roles)):
        return None
    sku = _sku(pieces, cues, roles, body_start)
    if sku is None and roles.unit_price is None:
        return None  # "Please deliver 20 pallets by Friday": a quantity alone is no item
    if find_date(" ".join(w.text for w in words)) and not _consistent(pieces, roles):
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
    return row if _adds_up(pieces, roles, ocr=ocr) else _unsure_numbers(row)


def _clock_times(pieces: list[_Piece]) -> set[int | None]:
    """The numbers of a time of day ("10:06 am", "7:00–14:00"): no quantity, price or amount."""
    times: set[int | None] = set()
    for at in range(len(pieces) - 2):
        hour, colon, minute = pieces[at : at + 3]
        one_word = hour.word == minute.word  # "Pos. 3: 12 Stk" is a position and a quantity
        shape = (hour.kind, colon.text, minute.kind) == ("num", ":", "num")
        if shape and one_word and _TIME.fullmatch(f"{hour.text}:{minute.text}"):
            times |= {at, at + 2}
    return times


_TIME = re.compile(r"(?:[01]?\d|2[0-3]):[0-5]\d")


UNSURE_ROLES = 0.85  # numbers told apart by cue words alone, their arithmetic failing


def _adds_up(pieces: list[_Piece], roles: _Roles, *, ocr: bool) -> bool:
    """No amount or price to check against, or qty × price = amount (OCR: a point lost)."""
    if roles.unit_price is None or roles.amount is None:
        return True
    return _consistent(pieces, roles) or (ocr and _consistent(pieces, roles, shifts=(1, 2)))


def _unsure_numbers(row: dict[str, RawValue]) -> dict[str, RawValue]:
    """A line whose printed quantity × price is not its amount: which number is which was a
    guess from cue words that the arithmetic contradicts, so none of them is sure."""
    return {
        name: replace(value, confidence=min(value.confidence, UNSURE_ROLES))
        if name in _VALUE_LABELS
        else value
        for name, value in row.items()
    }


# --- pieces -----------------------------------------------------------------------------------


def _pieces(words: tuple[Word, ...]) -> list[_Piece]:
    out: list[_Piece] = []
    for index, word in enumerate(words):
        at = 0
        while at < len(word.text):
            text, kind = _piece_at(word.text, at)
            if not text.isspace():
                out.append(_Piece(text, "cur" if _is_currency(text) else kind, index, at))
            at += len(text)
    return out


def _piece_at(text: str, at: int) -> tuple[str, str]:
    """The piece starting at `at`: the longer of a code and a number ("1.234,56" is a number)."""
    code, number = _CODE_AT.match(text, at), _NUMBER_AT.match(text, at)
    if code and not any(c.isdigit() for c in code.group(0)):
        code = None  # "Hi-vis" is words, not a code
    if code and number and re.fullmatch(r"[xX×]", text[number.end() : code.end()]):
        code = None  # "125.5x": a quantity and its "times", as "2x" is
    if number and (code is None or number.end() >= code.end()):
        return number.group(0), "num"
    if code:
        return code.group(0), "code"
    other = _OTHER_AT.match(text, at)
    assert other is not None  # any non-space character matches
    return other.group(0), other.lastgroup or "other"


def _is_currency(text: str) -> bool:
    return text in _SYMBOLS or (text in CURRENCY_CODES)


def _skip_bullet(pieces: list[_Piece]) -> int:
    """Index of the first piece after a list bullet ("-", "•", "*")."""
    index = 0
    while index < len(pieces) - 1 and pieces[index].text in _BULLETS:
        index += 1
    return index


def _line_no(pieces: list[_Piece], start: int) -> tuple[int | None, int]:
    """ "1)", "2.", "#3" opening the line: the position's piece, and where the item starts."""
    if start + 2 >= len(pieces):
        return None, start
    first, mark = pieces[start], pieces[start + 1]
    if first.text == "#" and mark.kind == "num" and re.fullmatch(r"\d{1,3}", mark.text):
        return start + 1, start + 2
    closed = mark.text == ")" or (mark.text == "." and mark.word == first.word)
    if first.kind == "num" and re.fullmatch(r"\d{1,3}", first.text) and closed:
        return start, start + 2
    return None, start


def _is_totals(words: tuple[Word, ...]) -> bool:
    """ "Total: 1,962.60", "Subtotal", "MwSt. 19 %": a totals label opens the line."""
    return any(m.first == 0 for m in find_labels(words, "totals"))


def _label_cues(words: tuple[Word, ...], pieces: list[_Piece]) -> dict[int, str]:
    """Piece index -> column of the item-column label it is part of ("qty", "unit price")."""
    cues: dict[int, str] = {}
    for match in find_labels(words, "column"):
        for index, piece in enumerate(pieces):
            inside = match.first <= piece.word < match.last or (
                piece.word == match.last
                and (match.value_offset == 0 or piece.start < match.value_offset)
            )
            if inside and piece.kind in {"word", "cjk", "other"}:
                cues[index] = match.field
    return cues


# --- which number is which --------------------------------------------------------------------


def _neighbour(pieces: list[_Piece], index: int, step: int) -> int | None:
    """The next piece before/after `index` that is not punctuation or a currency mark."""
    index += step
    while 0 <= index < len(pieces) and (pieces[index].text in _SKIP or pieces[index].kind == "cur"):
        index += step
    return index if 0 <= index < len(pieces) else None


def _has_currency(pieces: list[_Piece], index: int) -> bool:
    near = [index - 1, index + 1]
    return any(0 <= i < len(pieces) and pieces[i].kind == "cur" for i in near)


def _quantity_cue(pieces: list[_Piece], cues: dict[int, str], index: int) -> float:
    """2 for "20 x", "20 pcs", "qty 20"; 1 for "GB-9001 x 20"; 0 for "25 x 3 mm", "2500 kg"
    (sizes in a description; a line opening with "5 kg" gets its quantity from the position)."""
    after, before = _neighbour(pieces, index, 1), _neighbour(pieces, index, -1)
    score = 0.0
    if after is not None and pieces[after].word <= pieces[index].word + 1:
        norm = pieces[after].norm
        if norm in _COUNT_UNITS or (norm in _TIMES and not _size(pieces, after)):
            score = 2.0
        following = _neighbour(pieces, after, 1)
        if norm in _PRICE_AFTER and following is not None and pieces[following].kind == "num":
            score = 2.5  # "10 ea 42.60 426.00": a unit column between quantity and price
    if before is not None and cues.get(before) == "quantity":
        score = max(score, 2.5)
    if before is not None and pieces[before].norm in _TIMES and not _size(pieces, before):
        score = max(score, 1.0)  # "GB-9001 x 20"
    return score


def _size(pieces: list[_Piece], times: int) -> bool:
    """ "25 x 3 mm", "300 x 4.8": numbers either side of the "x" are a size (or qty × price)."""
    left, right = _neighbour(pieces, times, -1), _neighbour(pieces, times, 1)
    return all(i is not None and pieces[i].kind == "num" for i in (left, right))


def _price_cue(pieces: list[_Piece], cues: dict[int, str], index: int) -> float:
    after, before = _neighbour(pieces, index, 1), _neighbour(pieces, index, -1)
    score = 1.0 if _has_currency(pieces, index) else 0.0
    if before is not None and (
        pieces[before].norm in _PRICE_BEFORE or cues.get(before) == "unit_price"
    ):
        score += 2.0
    if after is not None and (pieces[after].norm in _PRICE_AFTER or pieces[after].text == "/"):
        score += 2.0
    return score


def _amount_cue(pieces: list[_Piece], cues: dict[int, str], index: int) -> float:
    before = _neighbour(pieces, index, -1)
    score = 1.0 if _has_currency(pieces, index) else 0.0
    if before is not None and (
        pieces[before].text in _AMOUNT_BEFORE or cues.get(before) == "amount"
    ):
        score += 2.0
    return score


def agrees(quantity: Decimal, price: Decimal, amount: Decimal) -> bool:
    return amount > 0 and abs(quantity * price - amount) <= max(Decimal("0.011"), amount / 500)


def _best_roles(
    pieces: list[_Piece],
    cues: dict[int, str],
    body_start: int,
    excluded: set[int | None],
    *,
    ocr: bool = False,
) -> _Roles | None:
    """The best-scored reading of the line's numbers as quantity, unit price and amount."""
    numbers = [
        i
        for i, p in enumerate(pieces)
        if p.kind == "num" and i not in excluded and p.value is not None and not _percent(pieces, i)
    ]
    if len(numbers) > _MAX_NUMBERS:
        return None  # a row of figures (a rate table, a phone list), not a typed item
    scores = {
        i: (
            _quantity_cue(pieces, cues, i) + (1.0 if i == body_start else 0.0),
            _price_cue(pieces, cues, i),
            _amount_cue(pieces, cues, i),
        )
        for i in numbers
    }
    best: tuple[float, _Roles] | None = None
    for roles in _readings(numbers):
        score = _score(pieces, scores, roles, ocr=ocr)
        if score is not None and (best is None or score > best[0]):
            best = (score, roles)
    return best[1] if best else None


def _percent(pieces: list[_Piece], index: int) -> bool:
    return index + 1 < len(pieces) and pieces[index + 1].text == "%"


def _readings(numbers: list[int]) -> list[_Roles]:
    options: list[int | None] = [*numbers, None]
    out: list[_Roles] = []
    for q in numbers:
        for p, a in permutations(options, 2) if len(options) > 1 else [(None, None)]:
            if q not in {p, a} and (p != a or p is None):
                out.append(_Roles(q, p, a))
        out.append(_Roles(q, None, None))
    return out


def _score(
    pieces: list[_Piece],
    scores: dict[int, tuple[float, float, float]],
    roles: _Roles,
    *,
    ocr: bool = False,
) -> float | None:
    """Cue scores plus 5 when qty × price = amount; None when a number has no reason to be it.
    OCR loses decimal points ("1.92" read "192"): in print order, qty × price = amount with
    one of them off by a power of ten counts almost as much (normalise restores the point)."""
    q, p, a = roles.quantity, roles.unit_price, roles.amount
    placed = [i for i in (q, p, a) if i is not None]
    in_order = placed == sorted(placed)
    exact = _consistent(pieces, roles)
    shifted = not exact and ocr and in_order and _consistent(pieces, roles, shifts=(1, 2))
    arithmetic = exact or shifted
    if not arithmetic and (
        scores[q][0] <= 0
        or (p is not None and scores[p][1] <= 0)
        or (a is not None and scores[a][2] <= 0)
    ):
        return None
    total = (
        scores[q][0]
        + (scores[p][1] if p is not None else 0)
        + (scores[a][2] if a is not None else 0)
    )
    if arithmetic:
        total += 5.0 if exact else 4.9
    elif p is not None and a is not None:
        total -= 1.0  # both printed but they disagree (a discount?): kept only on strong cues
    if in_order:
        total += 0.5
    return total - 0.001 * q  # the earlier quantity when all else is equal


def _consistent(pieces: list[_Piece], roles: _Roles, shifts: tuple[int, ...] = ()) -> bool:
    if roles.unit_price is None or roles.amount is None:
        return False
    q, p, a = (pieces[i].value for i in (roles.quantity, roles.unit_price, roles.amount))
    if q is None or p is None or a is None:
        return False
    if not shifts:
        return agrees(q, p, a)
    return any(agrees(q, p.scaleb(-k), a) or agrees(q, p, a.scaleb(-k)) for k in shifts)


# --- code, unit, description ------------------------------------------------------------------


def _sku(pieces: list[_Piece], cues: dict[int, str], roles: _Roles, body_start: int) -> int | None:
    """The item code: after an "Item"/"Art.-Nr." label, else the first code before the text,
    else a code that cannot be a size ("GB-9001" yes; "20-100", "M8x40" no)."""
    taken = roles.indexes()
    for index in _sku_labels(pieces, cues):
        after = _neighbour(pieces, index, 1)
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


def _sku_labels(pieces: list[_Piece], cues: dict[int, str]) -> list[int]:
    """Pieces that say "a code follows": column labels ("Item", "Art.-Nr.") and "part"."""
    codes = {"sku", "supplier_sku"}
    return sorted(i for i, p in enumerate(pieces) if cues.get(i) in codes or p.norm in _SKU_WORDS)


def _code_like(piece: _Piece, *, labelled: bool) -> bool:
    """A code with letters or separators; a bare number only after a label or when long."""
    if piece.kind == "code":
        return labelled or not _PLAIN_CODE.fullmatch(piece.text)
    digits = re.fullmatch(r"\d{3,}" if labelled else r"\d{5,}", piece.text)
    return piece.kind == "num" and digits is not None


def _starts_text(piece: _Piece) -> bool:
    cue_words = _COUNT_UNITS | _PRICE_BEFORE | _MEASURE_UNITS
    return piece.kind == "word" and len(piece.text) > 2 and piece.norm not in cue_words


def _unit(pieces: list[_Piece], roles: _Roles) -> list[int]:
    """ "2 pcs", "10 Stück", "10 件": a counting unit printed right after the quantity."""
    q = roles.quantity
    if q + 1 >= len(pieces):
        return []
    follower = pieces[q + 1]
    if follower.norm in _COUNT_UNITS and follower.kind in {"word", "cjk"}:
        return [q + 1]
    return []


def _consumed(
    pieces: list[_Piece],
    cues: dict[int, str],
    roles: _Roles,
    sku: int | None,
    body_start: int,
) -> set[int]:
    """Pieces that are not description: bullet, position, code, numbers and their cue words
    (a label counts only beside its value: "2 NO" in "Safety relay 24 V DC, 2 NO" is text)."""
    used = set(range(body_start))
    for index in roles.indexes():
        used |= _cue_pieces(pieces, cues, index, _NUMBER_CUES, _VALUE_LABELS)
    if sku is not None:
        used |= _cue_pieces(pieces, cues, sku, _SKU_WORDS, {"sku"})
    return used


def _cue_pieces(
    pieces: list[_Piece], cues: dict[int, str], index: int, words: set[str], labels: set[str]
) -> set[int]:
    """The piece itself and the cue words, labels and currency marks either side of it
    ("@ 3.20 GBP =", "Art.-Nr. 4711-220:", "unit price 0.42")."""
    out = {index}
    for step in (-1, 1):
        at = index + step
        while 0 <= at < len(pieces) and (
            pieces[at].kind == "cur"
            or pieces[at].norm in words
            or pieces[at].text in _SKIP
            or cues.get(at) in labels
        ):
            out.add(at)
            at += step
    return out


def _description(pieces: list[_Piece], used: set[int], sku: int | None, qty: int) -> list[int]:
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
        before = [r for r in runs if _adjacent(pieces, used, r[-1], sku, loose=False)]
        if after or before:
            return (after or before)[0]
    later = [r for r in runs if r[0] > qty] or runs
    return max(later, key=lambda r: _letters(pieces, r), default=[])


def _adjacent(
    pieces: list[_Piece], used: set[int], left: int, right: int, *, loose: bool = True
) -> bool:
    """Only punctuation and filler words (or, when `loose`, cue words) between the two."""
    between = range(left + 1, right)
    return left < right and all(_trim(pieces, [i]) == [] or (loose and i in used) for i in between)


def _letters(pieces: list[_Piece], run: list[int]) -> int:
    return sum(len(pieces[i].text) for i in run if pieces[i].kind in {"word", "cjk"})


def _trim(pieces: list[_Piece], run: list[int]) -> list[int]:
    """Without punctuation and filler words ("of", "de") at its ends."""
    edge = set("-–—:,;()[]/|=@*•·，、；：")
    while run and (pieces[run[0]].text in edge or pieces[run[0]].norm in _FILLERS):
        run = run[1:]
    while run and (pieces[run[-1]].text in edge or pieces[run[-1]].norm in _FILLERS):
        run = run[:-1]
    return run


def _value(
    words: tuple[Word, ...], pieces: list[_Piece], indexes: list[int], page_no: int
) -> RawValue:
    """The pieces' text as printed (pieces of one word joined without a space), with evidence."""
    text = ""
    previous: _Piece | None = None
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
