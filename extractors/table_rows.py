"""Table rows: cleaning cells, and rows by shape alone.

Why apart from `tables`: finding the header and the row boundaries is geometry; what a
row's cells *are* (a code, a phrase, a quantity, OCR specks) is decided from their text,
per table (`table_columns`: "a column of bare numbers is the quantity", "00010, 00020 are
positions") and per row ("1 SZ-M6X20"). Where shapes leave a choice, qty × price = amount
decides (which column is the price, which reading of a cell is the quantity, a price quoted
per 100); a cell whose column only its data named stays below 0.9 until that arithmetic
confirms it.

Contract: `table_columns.resolve_columns(rows)` then `finish_row(row) -> {column: RawValue}`;
`shape_rows(layouts)` finds item rows without any header by qty × price ≈ amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from extractors.label_values import raw_value
from extractors.layout import Layout, Line, union_bbox
from extractors.printed_text import TEXT_LAYER_CONFIDENCE
from extractors.raw import RawValue
from extractors.value_shapes import find_currency, find_date, is_code, is_money
from extractors.value_shapes import number_value as _number
from extractors.vocabulary import find_labels, norm_token
from poflow.domain import Word

NUMERIC = ("quantity", "unit_price", "amount")
UNREAD = "unread"  # a header cell that is no known column label (OCR-garbled, unusual)
_SKU_IN_TEXT = re.compile(
    r"^(?=[A-Z0-9./-]*\d)[A-Z0-9]+(?:[-./][A-Z0-9]+)+$|^[A-Z]{1,5}\d{3,}[A-Z0-9]*$|^\d{5,}$"
)
_UNIT_WORDS = {
    "ea",
    "each",
    "pc",
    "pcs",
    "piece",
    "pieces",
    "stk",
    "stück",
    "st",
    "box",
    "boxes",
    "kg",
    "g",
    "m",
    "mm",
    "cm",
    "l",
    "set",
    "sets",
    "pair",
    "pr",
    "roll",
    "rolls",
    "pk",
    "pack",
    "unit",
    "units",
    "u",
    "ud",
    "uds",
    "unité",
    "pce",
    "pièce",
    "pièces",
    "paquet",
    "karton",
    "ctn",
    "carton",
    "dz",
    "doz",
    "lb",
    "lbs",
    "ft",
    "hr",
    "h",
    "件",
    "个",
    "箱",
    "套",
    "台",
    "只",
    "米",
    "千克",
    "盒",
    "卷",
    "pz",
    "unidad",
    "caja",
    "rolle",
    "paar",
    "satz",
    "lfm",
    "m2",  # m², m³ (NFKD turns the superscript into a digit)
    "m3",
    "qm",
    "liter",
    "litre",
    "ltr",
}


@dataclass
class RowCells:
    page_no: int
    cells: dict[str, list[Word]] = field(default_factory=dict)
    guessed: set[str] = field(default_factory=set)  # columns named by their data, not a heading

    def add(self, column: str, words: list[Word]) -> None:
        self.cells.setdefault(column, []).extend(words)

    def sort_same_line(self, line: Line) -> None:
        """Words lifted off this row's own line go back into reading order."""
        for column, words in self.cells.items():
            if all(abs((w.top + w.bottom) / 2 - line.center) < line.height for w in words):
                self.cells[column] = sorted(words, key=lambda w: w.x0)


def is_unit_word(word: Word) -> bool:
    text = _PLURAL.sub("", word.text)  # "Unit(s)", "Liter(s)"
    return norm_token(text.strip("()")) in _UNIT_WORDS  # "4 (EA)"


_PLURAL = re.compile(r"\([sS]\)?$")  # its ")" may be trimmed as a speck already


def is_currency_word(word: Word) -> bool:
    return bool(find_currency(word.text)) and len(word.text.strip("()[]")) <= 3


# --- rows to raw values -------------------------------------------------------------------------


def adds_up(qty: str, price: str, amount: str) -> bool:
    """Printed quantity × unit price = amount, to the cent (a missing or unread one: no)."""
    q, p, a = _number(qty), _number(price), _number(amount)
    if q is None or p is None or a is None:
        return False
    return abs(q * p - a) <= Decimal("0.01")


def cell_text(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


def finish_row(row: RowCells) -> dict[str, RawValue]:
    row.cells.pop("other", None)  # a per-line date, discount or tax rate: not ours to keep
    _price_with_its_unit(row.cells)
    _price_per_unit(row)
    _misread_numbers(row.cells)
    _code_out_of_quantity(row.cells)
    if _code_over_text(row.cells):
        row.guessed.add("sku")
    cells = {k: _despeckle(k, v) for k, v in row.cells.items()}
    cells = {k: v for k, v in cells.items() if v}
    sku = cells.get("sku", [])
    if "line_no" not in cells and len(sku) > 1 and re.fullmatch(r"\d{1,3}\.?", sku[0].text):
        cells["line_no"], cells["sku"] = sku[:1], sku[1:]  # "1 SZ-M6X20": position, then code
    if "sku" not in cells and "description" in cells:
        _labelled_code(cells)
    if "sku" not in cells and "description" in cells:
        found = _code_in_text(cells["description"])
        if found is not None:
            cells["sku"], cells["description"] = found
            row.guessed.add("sku")  # a code by its shape only
    if "sku" in cells and "description" not in cells:
        words = cells["sku"]
        if len(words) > 1 and not all(is_code(w.text) for w in words):
            cells["sku"], cells["description"] = words[:1], words[1:]
            if not is_code(words[0].text):
                cells["description"] = words
                del cells["sku"]
    _split_quantity_unit(cells)
    _quantity_that_adds_up(cells)
    _quantity_by_arithmetic(cells)
    _amount_that_adds_up(cells)
    row.guessed.update(c for c in NUMERIC if len(_numbers_in(cells.get(c, []))) > 1)
    values = {k: raw_value(v, row.page_no, None) for k, v in cells.items() if v}
    return {k: _guessed(v) if k in row.guessed else v for k, v in values.items()}


def _code_in_text(words: list[Word]) -> tuple[list[Word], list[Word]] | None:
    """The item code a description starts with, and the rest: "AX-1020 Flat washer", or in
    brackets ("[7300-020] Coolant", as Odoo prints it; OCR may split "[8810- 001]")."""
    if len(words) < 2:
        return None
    if words[0].text.startswith("["):
        for end in (1, 2):
            text = "".join(w.text for w in words[:end])
            if text.endswith("]") and is_code(text[1:-1]) and len(words) > end:
                joined = union_bbox(words[:end])
                code = Word(text[1:-1], *joined, min(w.confidence for w in words[:end]))
                return [code], words[end:]
        return None
    return ([words[0]], words[1:]) if _SKU_IN_TEXT.match(words[0].text) else None


def _code_out_of_quantity(cells: dict[str, list[Word]]) -> None:
    """An item code in the quantity's cell ("5,000 Ax-1020": handwriting ran over the ruling,
    or a code written a little higher than its row) opens the description."""
    words = cells.get("quantity", [])
    codes = [w for w in words if is_code(w.text) and sum(c.isalpha() for c in w.text) >= 2]
    if codes and "sku" not in cells:
        cells["quantity"] = [w for w in words if w not in codes]
        cells["description"] = codes + cells.get("description", [])


def _code_over_text(cells: dict[str, list[Word]]) -> bool:
    """ "Part # / Description": the code, then the item's text in the same cell (under it or
    beside it); the text goes before what other columns gave the description. True when
    the code shared its line with that text: then only its shape set it apart."""
    words = trim_specks(cells.get("sku", []))
    if len(words) < 2 or not is_code(words[0].text) or all(is_code(w.text) for w in words):
        return False
    beside = "description" in cells and _same_line(words[1], words[0])
    cells["sku"] = words[:1]
    cells["description"] = words[1:] + cells.get("description", [])
    return beside


def _labelled_code(cells: dict[str, list[Word]]) -> None:
    """ "SKU: AX-3300 · In stock" under the product name: the labelled code is the item code,
    and label, code and the rest of that phrase are no description."""
    words = cells["description"]
    for match in find_labels(words, "column"):
        after = match.last + 1
        code = match.field in {"sku", "supplier_sku"}
        if code and after < len(words) and is_code(words[after].text):
            cells["sku"] = [words[after]]
            label = words[match.first]
            cells["description"] = [
                w for i, w in enumerate(words) if i < match.first or not _same_line(w, label)
            ]
            return


def _same_line(word: Word, other: Word) -> bool:
    return other.top < (word.top + word.bottom) / 2 < other.bottom


GUESSED = 0.85  # a cell whose column its data named: only arithmetic may make it sure


def _guessed(value: RawValue) -> RawValue:
    return replace(value, confidence=min(value.confidence, GUESSED))


_PRICE_PER_UNIT = re.compile(r"^(.*\d)\s*/\s*([^\W\d_]{1,6}\.?)$")  # "9.60/EA", "4,50/Stk"


def _price_with_its_unit(cells: dict[str, list[Word]]) -> None:
    """ "9.60/EA", "9.60 / EA", "9.60 per EA" in the price cell: the price of one unit,
    printed with that unit; the unit is no part of the number (it names the line's unit
    when no unit column does)."""
    words = cells.get("unit_price", [])
    if not words:
        return
    glued = _PRICE_PER_UNIT.match(words[0].text)
    if len(words) == 1 and glued and is_money(glued.group(1)):
        price, unit = glued.group(1), glued.group(2)
    elif len(words) in (2, 3) and is_money(words[0].text):
        rest = " ".join(w.text for w in words[1:])
        per = re.fullmatch(r"(?:/|per)\s*([^\W\d_]{1,6}\.?)", rest, re.IGNORECASE)
        if per is None:
            return
        price, unit = words[0].text, per.group(1)
    else:
        return
    cells["unit_price"] = [replace(words[0], text=price)]
    if not cells.get("unit"):
        cells["unit"] = [replace(words[-1], text=unit)]


_PER = re.compile(r"^(per\s*|pro\s*|/\s*)?(\d+)\s*([^\W\d_]+\.?)?$", re.IGNORECASE)


def _price_per_unit(row: RowCells) -> None:
    """ "12,50 per 100 ST": a price quoted for 100 units is a hundredth of it per unit.

    The price is divided only when quantity × price / 100 = amount and the undivided price
    does not fit; otherwise the printed price stays, and the arithmetic will tell.
    """
    cells = row.cells
    per = _PER.match(" ".join(w.text for w in cells.pop("price_unit", [])))
    price_words = cells.get("unit_price", [])
    if per is None and len(price_words) > 1:
        # "0,92 1 EA" in the price cell: the price, then the quantity it is quoted for.
        per = _PER.match(" ".join(w.text for w in price_words[1:]))
        if per is None or not (per.group(1) or per.group(3)):
            return  # "12.9 $1.35": a description's number ran into the price cell
        price_words = cells["unit_price"] = price_words[:1]
    if per is None or int(per.group(2)) <= 1 or len(price_words) != 1:
        return
    qty = _number(" ".join(w.text for w in cells.get("quantity", [])))
    price = _number(price_words[0].text)
    amount = _number(" ".join(w.text for w in cells.get("amount", [])))
    if qty is None or price is None or amount is None:
        return
    per_unit = price / int(per.group(2))
    if abs(qty * price - amount) > Decimal("0.01") >= abs(qty * per_unit - amount):
        word = price_words[0]
        cells["unit_price"] = [replace(word, text=_decimal_text(per_unit, word.text))]


def _decimal_text(value: Decimal, printed: str) -> str:
    """A computed price written with the decimal mark of the printed one (at least cents)."""
    whole, _, fraction = f"{value.normalize():f}".partition(".")
    marks = [c for c in printed if c in ".,"]
    comma = bool(marks) and marks[-1] == "," and len(printed.rpartition(",")[2].strip()) != 3
    return f"{whole}{',' if comma else '.'}{fraction.ljust(2, '0')}"


def join_torn_rows(rows: list[dict[str, RawValue]]) -> tuple[dict[str, RawValue], ...]:
    """An item torn over two rows is one item: a code without price or amount, then a row of
    numbers without a code (a wrapped description pushed the numbers down a line)."""
    out: list[dict[str, RawValue]] = []
    for row in rows:
        head = out[-1] if out else None
        if head is not None and _torn(head, row):
            out[-1] = _joined(head, row)
        else:
            out.append(row)
    return tuple(out)


def _torn(head: dict[str, RawValue], tail: dict[str, RawValue]) -> bool:
    head_numbers = "unit_price" not in head and "amount" not in head
    tail_numbers = "unit_price" in tail and "amount" in tail
    return "sku" in head and head_numbers and tail_numbers and not {"sku", "line_no"} & set(tail)


def _joined(head: dict[str, RawValue], tail: dict[str, RawValue]) -> dict[str, RawValue]:
    """Numbers from the lower row; of two quantities, the one qty × price = amount holds for."""
    row = {**head, **{k: v for k, v in tail.items() if k not in {"description", "quantity"}}}
    descriptions = [r["description"] for r in (head, tail) if "description" in r]
    if descriptions:
        row["description"] = _together(descriptions)
    quantities = [r["quantity"] for r in (tail, head) if "quantity" in r]
    fitting = [
        q for q in quantities if adds_up(q.text, tail["unit_price"].text, tail["amount"].text)
    ]
    if quantities:
        row["quantity"] = (fitting or quantities)[0]
    return row


def _together(values: list[RawValue]) -> RawValue:
    """One text of several values (a description over two rows), box around them all."""
    boxes = [v.bbox for v in values if v.bbox is not None]
    corners = [Word("", b[0], b[1], b[2], b[3]) for b in boxes]
    return replace(
        values[0],
        text=" ".join(v.text for v in values),
        confidence=min(v.confidence for v in values),
        bbox=union_bbox(corners) if corners else None,
    )


def _fits(qty: Word, cells: dict[str, list[Word]]) -> bool:
    """qty × the row's unit price = its amount."""
    return adds_up(
        qty.text, cell_text(cells.get("unit_price", [])), cell_text(cells.get("amount", []))
    )


def _quantity_that_adds_up(cells: dict[str, list[Word]]) -> None:
    """Several numbers under the quantity heading ("100 100" read twice and taken for one
    grouped number, "M10x50 250" from a description run over): when the cell as printed does
    not add up, the one reading with which qty × price = amount holds is the quantity."""
    words = cells.get("quantity", [])
    if not words or (len(words) == 1 and _fits(words[0], cells)):
        return
    parts = [replace(w, text=part) for w in words if " " in w.text for part in w.text.split()]
    readings = [w for w in [*words, *parts] if _PLAIN_NUMBER.match(w.text) or is_money(w.text)]
    fitting = {w.text: w for w in readings if _fits(w, cells)}
    if len(readings) > 1 and len(fitting) == 1:
        cells["quantity"] = list(fitting.values())


def _amount_that_adds_up(cells: dict[str, list[Word]]) -> None:
    """Several numbers under the amount heading (a tax rate and amount printed close beside
    it, run into its cell): the one that is quantity × price is the amount."""
    numbers = _numbers_in(cells.get("amount", []))
    qty, price = cell_text(cells.get("quantity", [])), cell_text(cells.get("unit_price", []))
    fitting = [w for w in numbers if adds_up(qty, price, w.text)]
    if len(numbers) > 1 and len(fitting) == 1:
        cells["amount"] = fitting


def _numbers_in(words: list[Word]) -> list[Word]:
    """The numbers of a cell, not its unit or currency ("250 EA", "USD 4.60")."""
    return [w for w in words if is_money(w.text) and not is_currency_word(w)]


_OCR_DIGITS = str.maketrans("iIl|!OoSB", "111110058")
_OCR_POINT = re.compile(r"(?<=\d)[:;](?=\d{2}$)")  # "11:40": a faint decimal point


def _misread_numbers(cells: dict[str, list[Word]]) -> None:
    """OCR reads a lone 1 as "i" or "l", a 0 as "O", a decimal point as ":": such a cell is
    read as that number only when qty × price = amount then holds (what was printed is read,
    never a value computed)."""
    for column in NUMERIC:
        words = cells.get(column, [])
        if len(words) != 1 or words[0].confidence >= 1.0:
            continue
        text = words[0].text.strip(_SPECKS)
        repaired = (
            text.translate(_OCR_DIGITS) if column == "quantity" else _OCR_POINT.sub(".", text)
        )
        number = repaired.isdigit() if column == "quantity" else is_money(repaired)
        if repaired == text or not number:
            continue
        trial = {**cells, column: [replace(words[0], text=repaired)]}
        if adds_up(*(cell_text(trial.get(f, [])) for f in NUMERIC)):
            cells[column] = trial[column]


_PLAIN_NUMBER = re.compile(r"^[x×]?(\d+(?:[.,]\d+)?)[x×]?$")


def _quantity_by_arithmetic(cells: dict[str, list[Word]]) -> None:
    """No quantity column: the number in the text with number × price = amount is the quantity.

    "10 x Hex bolt M8" under a description heading, or "10 pcs" under the unit heading.
    """
    if "quantity" in cells or "unit_price" not in cells or "amount" not in cells:
        return
    price = _number(" ".join(w.text for w in cells["unit_price"]))
    amount = _number(" ".join(w.text for w in cells["amount"]))
    if not price or amount is None:
        return
    for column in ("unit", "description", "sku"):
        words = cells.get(column, [])
        for index, word in enumerate(words):
            match = _PLAIN_NUMBER.match(word.text)
            value = _number(match.group(1)) if match else None
            if value and abs(value * price - amount) <= Decimal("0.01"):
                cells["quantity"] = [word]
                rest = [w for i, w in enumerate(words) if i != index]
                while rest and rest[0].text.lower() in _CONNECTORS:
                    rest.pop(0)  # "10 x Hex bolt": the "x" went with the quantity
                cells[column] = rest
                return


_SPECKS = "|'\"`~_:;!,.‘’“”[]{}()"


def _despeckle(column: str, words: list[Word]) -> list[Word]:
    """OCR specks around codes and numbers ("4711-220 ;", "|8801301", "1:") are not text."""
    if column not in {"sku", "line_no", *NUMERIC}:
        heights = sorted(w.bottom - w.top for w in words)
        typical = heights[len(heights) // 2] if heights else 0.0
        return trim_specks([w for w in words if not _squeezed(w, typical)])
    out: list[Word] = []
    for word in words:
        if (
            column in NUMERIC
            and not any(c.isdigit() for c in word.text)
            and not is_currency_word(word)
            and not (column == "quantity" and is_unit_word(word))
        ):
            continue  # a lone "-" or "|" next to an amount
        text = word.text.lstrip(_SPECKS).rstrip(_SPECKS if column != "sku" else _SPECKS + "-")
        if text:
            out.append(Word(text, word.x0, word.top, word.x1, word.bottom, word.confidence))
    return out


def _squeezed(word: Word, typical_height: float) -> bool:
    """An unsure OCR word far too small for its letters ("oie" in half a point): dirt or a
    ruling's edge read as text, not a word."""
    height = word.bottom - word.top
    narrow = word.x1 - word.x0 < 0.2 * height * len(word.text)
    return word.confidence < 0.3 and (narrow or height < 0.3 * typical_height)


def trim_specks(words: list[Word]) -> list[Word]:
    """Text cells: drop leading/trailing "words" without a letter or digit ("©", "-")."""
    start, end = 0, len(words)
    while start < end and not any(c.isalnum() for c in words[start].text):
        start += 1
    while end > start and not any(c.isalnum() for c in words[end - 1].text):
        end -= 1
    return words[start:end]


def _unglued(word: Word) -> list[Word]:
    """ "20Unit(s)": a number and a unit word printed without a space, as two words. Only
    from a text layer: OCR's "25m" may have lost a decimal mark, and a number left unread
    gets the line read again (`second_read`) rather than a wrong quantity."""
    glued = _NUMBER_THEN_WORD.fullmatch(word.text)
    if glued is None or word.confidence < TEXT_LAYER_CONFIDENCE:
        return [word]
    share = (word.x1 - word.x0) * len(glued.group(1)) / len(word.text)
    number = replace(word, text=glued.group(1), x1=word.x0 + share)
    unit = replace(word, text=glued.group(2), x0=word.x0 + share)
    return [number, unit] if is_money(number.text) and is_unit_word(unit) else [word]


_NUMBER_THEN_WORD = re.compile(r"(\d[\d.,]*)([^\W\d_][^\d]*)")


def _unit_text(word: Word) -> Word:
    """The unit as printed, without brackets or a plural "(s)": "(EA)" -> EA, "Unit(s)" -> Unit."""
    text = _PLURAL.sub("", word.text).strip("()")
    return replace(word, text=text)


def _split_quantity_unit(cells: dict[str, list[Word]]) -> None:
    """ "250 EA" under Qty: the number is the quantity, the word the unit; "20Unit(s)",
    "25kg" glued in print are split the same way."""
    words = cells.get("quantity", [])
    if len(words) == 1 and "unit" not in cells:
        words = _unglued(words[0])
    if len(words) < 2 or "unit" in cells:
        return
    numbers = [w for w in words if is_money(w.text)]
    units = [_unit_text(w) for w in words if is_unit_word(w)]
    if numbers and units:
        cells["quantity"], cells["unit"] = numbers[:1], units[:1]


# --- no header: rows by shape ---------------------------------------------------------------------


def shape_rows(layouts: list[Layout]) -> tuple[list[RowCells], tuple[int, int] | None]:
    """Item rows without a header: text then 2-3 trailing numbers where qty × price ≈ amount."""
    rows: list[RowCells] = []
    end: tuple[int, int] | None = None
    for layout in layouts:
        for line in layout.lines:
            row = _shape_row(line, layout.page_no)
            if row is not None:
                rows.append(row)
                end = (layout.page_no, line.index + 1)
    return rows, end


def _shape_row(line: Line, page_no: int) -> RowCells | None:
    """ "AX-1000 Hex bolt 250 0.42 105.00" or "20 x GB-9001 Vest @ 3.20 GBP = 64.00".

    The last two numbers are price and amount; the quantity is the first earlier number
    with quantity × price ≈ amount (descriptions hold numbers too: "M8x40", "25 x 3 mm").
    """
    words = list(line.words)
    if any(find_labels(line.cells[0].words, "totals")) or find_date(line.text):
        return None
    numbers = [i for i, w in enumerate(words) if is_money(w.text) and "%" not in w.text]
    if len(numbers) < 3:
        return None
    price, amount = _number(words[numbers[-2]].text), _number(words[numbers[-1]].text)
    if price is None or amount is None or amount == 0:
        return None
    for index in numbers[:-2]:
        qty = _number(words[index].text)
        if qty and abs(qty * price - amount) <= Decimal("0.02"):
            return _shape_fill(words, (index, numbers[-2], numbers[-1]), page_no)
    return None


def _connector(word: Word) -> bool:
    return word.text.lower() in _CONNECTORS or bool(find_currency(word.text))


_CONNECTORS = {"x", "×", "@", "=", "à", "a", "je", "per", "at", "zu", "-", "–", ":", "/"}


def _shape_fill(words: list[Word], at: tuple[int, int, int], page_no: int) -> RowCells:
    row = RowCells(page_no)
    qty_at, price_at, _ = at
    for column, index in zip(("quantity", "unit_price", "amount"), at, strict=True):
        row.add(column, [words[index]])
    before, between = words[:qty_at], words[qty_at + 1 : price_at]
    if between and norm_token(between[0].text) in _UNIT_WORDS:
        row.add("unit", [between.pop(0)])
    # Connectors and currency around the numbers ("x", "@", "GBP =") are not description.
    while between and _connector(between[0]):
        between.pop(0)
    while between and _connector(between[-1]):
        between.pop()
    text_words = before + between
    if len(text_words) > 1 and re.fullmatch(r"\d{1,3}\.?", text_words[0].text):
        row.add("line_no", [text_words.pop(0)])
    if len(text_words) > 1 and is_code(text_words[0].text):
        row.add("sku", [text_words.pop(0)])
    if text_words:
        row.add("description", text_words)
    return row
