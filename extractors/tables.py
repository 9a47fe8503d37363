"""The line-item table: header row from column synonyms, columns from its geometry, rows.

Why: item tables differ in column order, naming and language, but a header row is always
a line made mostly of column labels, and data sit under their headings (text left-aligned,
numbers right-aligned). A row starts with a number in a numeric column; a line with text
only (under the description or SKU) continues the row above. Totals, notes, a wide blank or
the page end close the table; a page with the header repeated continues it. Without any
header, rows are recognised by shape: a code, text, then numbers where qty × price ≈ amount.

Contract: `find_table(layouts) -> Table`; `Table.rows` are `{column: RawValue}` with
columns from `RAW_LINE_FIELDS`; `Table.end` is where the totals block may start.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from extractors.label_values import raw_value, starts_with_label
from extractors.layout import Cell, Layout, Line, overlap
from extractors.raw import RawValue
from extractors.vocabulary import (
    find_currency,
    find_date,
    find_labels,
    is_code,
    is_money,
    norm_token,
)
from extractors.vocabulary import number_value as _number
from poflow.domain import Word

_NUMERIC = ("quantity", "unit_price", "amount")
_UNREAD = "unread"  # a header cell that is no known column label (OCR-garbled, unusual)
_FOOTER = re.compile(
    r"\b(page|seite|página|pagina)\s*\d+|\bcontinued\b|\bfortsetzung\b|\bsuite\b|"
    r"carried\s+forward|brought\s+forward|\bübertrag\b|\breport\b|\bà\s+reporter\b|"
    r"^-\s*\d+\s*-$|^\d+\s*/\s*\d+$|第\s*\d+\s*页|续",
    re.IGNORECASE,
)
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
}


@dataclass(frozen=True)
class Column:
    field: str
    x0: float
    x1: float
    label: str


@dataclass(frozen=True)
class Table:
    rows: tuple[dict[str, RawValue], ...] = ()
    header_at: tuple[int, int] | None = None  # (page, line index) of the first header row
    end: tuple[int, int] | None = None  # (page, line index) of the line that closed it
    notes: tuple[str, ...] = ()


@dataclass
class _Row:
    page_no: int
    cells: dict[str, list[Word]] = field(default_factory=dict)

    def add(self, column: str, words: list[Word]) -> None:
        self.cells.setdefault(column, []).extend(words)

    def sort_same_line(self, line: Line) -> None:
        """Words lifted off this row's own line go back into reading order."""
        for column, words in self.cells.items():
            if all(abs((w.top + w.bottom) / 2 - line.center) < line.height for w in words):
                self.cells[column] = sorted(words, key=lambda w: w.x0)


def find_table(layouts: list[Layout]) -> Table:
    """The item table of the document (all its pages), or the shape fallback."""
    rows: list[_Row] = []
    header_at: tuple[int, int] | None = None
    end: tuple[int, int] | None = None
    for layout in layouts:
        for line in layout.lines:
            columns = header_columns(line)
            if columns is None:
                continue
            header_at = header_at or (layout.page_no, line.index)
            columns = _with_second_header(layout, line, columns)
            page_rows, closed_at = read_rows(layout, line, columns)
            rows.extend(page_rows)
            if closed_at is not None:
                end = (layout.page_no, closed_at)
            break  # one header per page; the rest of the page belongs to that table
        if end is not None:
            break
    if header_at is None:
        return _headerless(layouts)
    resolve_columns(rows)
    return Table(tuple(_finish(r) for r in rows), header_at, end)


def _headerless(layouts: list[Layout]) -> Table:
    """No table header: items typed as running text (free_text), else rows by arithmetic."""
    from extractors.free_text import free_text_lines

    typed = free_text_lines([layout.page for layout in layouts])
    if typed:
        return Table(typed, notes=("line items read as running text (no table header)",))
    rows, end = shape_rows(layouts)
    notes = ("line items found by shape (no table header)",) if rows else ()
    return Table(tuple(_finish(r) for r in rows), None, end, notes)


# --- header row -----------------------------------------------------------------------------


def header_columns(line: Line) -> list[Column] | None:
    """Columns of a table header row: mostly column labels, at least one numeric column."""
    columns: list[Column] = []
    unread: list[Column] = []
    label_words = 0
    for cell in line.cells:
        matches = find_labels(cell.words, "column")
        for match in matches:
            words = cell.words[match.first : match.last + 1]
            label_words += len(words)
            columns.append(Column(match.field, words[0].x0, words[-1].x1, match.phrase))
        if not matches and any(c.isalpha() for c in cell.text):
            unread.append(Column(f"{_UNREAD}{len(unread)}", cell.x0, cell.x1, cell.text))
    fields = {c.field for c in columns}
    if len(fields) < 2 or not fields & set(_NUMERIC) or (len(columns) < 3 and len(line.words) > 4):
        return None
    # Currency codes ("Price CHF", "Amount (EUR)") and specks are not what the header says.
    counted = [w for w in line.words if any(c.isalnum() for c in w.text) and not _currency(w)]
    needed = 0.7 if len(fields) < 3 else 0.6  # more distinct headings: more OCR junk allowed
    if label_words < needed * len(counted):
        return None
    if not fields & {"description", "sku"}:
        columns.extend(unread)  # a heading OCR garbled still marks where text sits
    return _dedupe(sorted(columns, key=lambda c: c.x0))


def _with_second_header(layout: Layout, line: Line, columns: list[Column]) -> list[Column]:
    """A bilingual header (German row over English row): widen each column to both labels."""
    if line.index + 1 >= len(layout.lines):
        return columns
    second = header_columns(layout.lines[line.index + 1])
    if second is None:
        return columns
    out: list[Column] = []
    for column in columns:
        under = [c for c in second if overlap(c.x0, c.x1, column.x0, column.x1) > 0]
        x0 = min([column.x0, *(c.x0 for c in under)])
        x1 = max([column.x1, *(c.x1 for c in under)])
        out.append(Column(column.field, x0, x1, column.label))
    # Headings only the second row names (OCR lost them in the first) are columns too.
    for column in second:
        alone = all(overlap(c.x0, c.x1, column.x0, column.x1) == 0 for c in out)
        if alone and column.field not in {c.field for c in out}:
            out.append(column)
    return sorted(out, key=lambda c: c.x0)


def _currency(word: Word) -> bool:
    return bool(find_currency(word.text)) and len(word.text.strip("()[]")) <= 3


def _dedupe(columns: list[Column]) -> list[Column]:
    """Two headings read as one field ("Item" and "Part No."): the data decide the second."""
    seen: set[str] = set()
    out: list[Column] = []
    for index, column in enumerate(columns):
        if column.field in seen and not column.field.startswith(_UNREAD):
            if column.field in {"amount", "unit_price"}:
                continue
            column = Column(f"{_UNREAD}d{index}", column.x0, column.x1, column.label)
        seen.add(column.field)
        out.append(column)
    return out


# --- rows -------------------------------------------------------------------------------------


def read_rows(layout: Layout, header: Line, columns: list[Column]) -> tuple[list[_Row], int | None]:
    """Rows under a header until totals, notes or a wide blank; returns where it stopped."""
    rows: list[_Row] = []
    pending: list[tuple[str, list[Word]]] = []
    previous = header
    for line in layout.lines[header.index + 1 :]:
        if _FOOTER.search(line.cells[0].text):
            continue  # "Page 1 of 2", "continued", "Übertrag": page furniture, not items
        if line.center - previous.center > 3.5 * layout.line_pitch and rows:
            return rows, line.index
        assigned = _assign(line, columns)
        if _closes_table(line, assigned):
            return rows, line.index
        if _stray_number(assigned):
            # One number alone on a line (OCR split a row): it completes the row above
            # when that row lacks it, else the row below.
            column, words = next(iter(assigned.items()))
            if rows and column not in rows[-1].cells:
                rows[-1].add(column, words)
            else:
                pending.append((column, words))
        elif _has_anchor(assigned):
            row = _Row(layout.page_no)
            for column, words in pending + list(assigned.items()):
                row.add(column, words)
            row.sort_same_line(line)
            pending = []
            rows.append(row)
        elif header_columns(line) is not None:
            continue
        else:
            text_cells = _continuation(assigned)
            if rows and not _belongs_below(layout, line, previous, columns):
                for column, words in text_cells:
                    rows[-1].add(column, words)
            else:
                pending.extend(text_cells)
        previous = line
    return rows, None


def _belongs_below(layout: Layout, line: Line, previous: Line, columns: list[Column]) -> bool:
    """A text line hugging the next row (OCR lifted a word off its row) belongs to that row."""
    if line.index + 1 >= len(layout.lines):
        return False
    below = layout.lines[line.index + 1]
    if not _has_anchor(_assign(below, columns)):
        return False
    return below.center - line.center < 0.4 * (line.center - previous.center)


def _stray_number(assigned: dict[str, list[Word]]) -> bool:
    return len(assigned) == 1 and any(c in assigned for c in _NUMERIC) and _has_anchor(assigned)


def _closes_table(line: Line, assigned: dict[str, list[Word]]) -> bool:
    """Totals ("Subtotal  1,234.00") or a labelled line ("Notes:") without a quantity."""
    if any(is_money(w.text) for w in assigned.get("quantity", [])):
        return False
    if any(any(m.first == 0 for m in find_labels(c.words, "totals")) for c in line.cells):
        return True
    return starts_with_label(line.cells[0])


def _continuation(assigned: dict[str, list[Word]]) -> list[tuple[str, list[Word]]]:
    """A text-only line: its words continue the description (or the SKU when under it)."""
    out: list[tuple[str, list[Word]]] = []
    for column, words in assigned.items():
        target = column if column in {"description", "sku"} else "description"
        out.append((target, words))
    return out


def _has_anchor(assigned: dict[str, list[Word]]) -> bool:
    return any(col in assigned and any(is_money(w.text) for w in assigned[col]) for col in _NUMERIC)


def _assign(line: Line, columns: list[Column]) -> dict[str, list[Word]]:
    """Cells to columns by overlap with the header spans; a cell spanning two is split."""
    out: dict[str, list[Word]] = {}
    for cell in line.cells:
        hits = [c for c in columns if overlap(cell.x0, cell.x1, c.x0, c.x1) > 0]
        if len(hits) > 1 and len(cell.words) > 1 and not _text_over_numbers(cell, hits):
            for word in cell.words:
                column = _nearest(word.x0, word.x1, _fitting(word, columns))
                out.setdefault(column.field, []).append(word)
            continue
        column = _best(cell, hits) if hits else _nearest(cell.x0, cell.x1, columns)
        out.setdefault(column.field, []).extend(cell.words)
    return out


def _fitting(word: Word, columns: list[Column]) -> list[Column]:
    """Columns a word may belong to: text never goes to a numeric column."""
    if is_money(word.text):
        return columns
    text_columns = [c for c in columns if c.field not in _NUMERIC]
    return text_columns or columns


def _text_over_numbers(cell: Cell, hits: list[Column]) -> bool:
    """A long description running under a neighbouring heading is still one description."""
    numeric = sum(is_money(w.text) for w in cell.words)
    return numeric == 0 and any(c.field == "description" for c in hits)


def _best(cell: Cell, hits: list[Column]) -> Column:
    if len(hits) == 1:
        return hits[0]
    if any(c.field == "description" for c in hits) and not is_money(cell.text):
        return next(c for c in hits if c.field == "description")
    return max(hits, key=lambda c: overlap(cell.x0, cell.x1, c.x0, c.x1))


def _nearest(x0: float, x1: float, columns: list[Column]) -> Column:
    def distance(column: Column) -> float:
        if overlap(x0, x1, column.x0, column.x1) > 0:
            return 0.0
        return min(abs(x0 - column.x1), abs(column.x0 - x1))

    return min(columns, key=distance)


# --- rows to raw values -------------------------------------------------------------------------


def resolve_columns(rows: list[_Row]) -> None:
    """Decide from the data what unread columns hold, and repair a misread column.

    A column whose every value is one number is the quantity (when none was found); one
    code per row is the SKU; text is description. A "SKU" column full of phrases is the
    description, and a "description" column of bare numbers the quantity.
    """
    small = _mostly(rows, "sku", lambda ws: all(re.fullmatch(r"\d{1,3}\.?", w.text) for w in ws))
    if small and not any(r.cells.get("line_no") for r in rows):
        _move(rows, "sku", "line_no")  # an "Item" column of 1, 2, 3 numbers the lines
    keys = sorted({k for r in rows for k in r.cells if k.startswith(_UNREAD)})
    for key in keys:
        values = [_trim_specks(r.cells[key]) for r in rows if r.cells.get(key)]
        _move(rows, key, _kind_of([v for v in values if v], rows))
    phrases = _mostly(rows, "sku", lambda ws: len(ws) >= 3 or not any(is_code(w.text) for w in ws))
    if phrases and not any(r.cells.get("description") for r in rows):
        _move(rows, "sku", "description")
    numbers = _mostly(rows, "description", lambda ws: len(ws) == 1 and is_money(ws[0].text))
    if numbers and not any(r.cells.get("quantity") for r in rows):
        _move(rows, "description", "quantity")


def _kind_of(values: list[list[Word]], rows: list[_Row]) -> str:
    def absent(column: str) -> bool:
        return not any(r.cells.get(column) for r in rows)

    if values and all(len(v) == 1 and is_money(v[0].text) for v in values) and absent("quantity"):
        return "quantity"
    if values and all(len(v) == 1 and is_code(v[0].text) for v in values) and absent("sku"):
        return "sku"
    return "description"


def _mostly(rows: list[_Row], column: str, test: Callable[[list[Word]], bool]) -> bool:
    values = [r.cells[column] for r in rows if r.cells.get(column)]
    return bool(values) and sum(test(v) for v in values) * 2 > len(values)


def _move(rows: list[_Row], source: str, target: str) -> None:
    for row in rows:
        words = row.cells.pop(source, [])
        if words:
            row.cells[target] = reading_order(row.cells.get(target, []) + words)


def reading_order(words: list[Word]) -> list[Word]:
    """Words of several columns of one row (maybe over several lines) in reading order."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.top):
        if lines and word.top - lines[-1][0].top < 0.5 * (word.bottom - word.top):
            lines[-1].append(word)
        else:
            lines.append([word])
    return [w for line in lines for w in sorted(line, key=lambda w: w.x0)]


def _finish(row: _Row) -> dict[str, RawValue]:
    cells = {k: _despeckle(k, v) for k, v in row.cells.items()}
    cells = {k: v for k, v in cells.items() if v}
    sku = cells.get("sku", [])
    if "line_no" not in cells and len(sku) > 1 and re.fullmatch(r"\d{1,3}\.?", sku[0].text):
        cells["line_no"], cells["sku"] = sku[:1], sku[1:]  # "1 SZ-M6X20": position, then code
    if "sku" not in cells and "description" in cells:
        first = cells["description"][0].text
        if len(cells["description"]) > 1 and _SKU_IN_TEXT.match(first):
            cells["sku"] = [cells["description"][0]]
            cells["description"] = cells["description"][1:]
    if "sku" in cells and "description" not in cells:
        words = cells["sku"]
        if len(words) > 1 and not all(is_code(w.text) for w in words):
            cells["sku"], cells["description"] = words[:1], words[1:]
            if not is_code(words[0].text):
                cells["description"] = words
                del cells["sku"]
    _split_quantity_unit(cells)
    return {k: raw_value(v, row.page_no, None) for k, v in cells.items() if v}


_SPECKS = "|'\"`~_:;!,.‘’“”[]{}()"


def _despeckle(column: str, words: list[Word]) -> list[Word]:
    """OCR specks around codes and numbers ("4711-220 ;", "|8801301", "1:") are not text."""
    if column not in {"sku", "line_no", *_NUMERIC}:
        return _trim_specks(words)
    out: list[Word] = []
    for word in words:
        if column in _NUMERIC and not any(c.isdigit() for c in word.text) and not _currency(word):
            continue  # a lone "-" or "|" next to an amount
        text = word.text.lstrip(_SPECKS).rstrip(_SPECKS if column != "sku" else _SPECKS + "-")
        if text:
            out.append(Word(text, word.x0, word.top, word.x1, word.bottom, word.confidence))
    return out


def _trim_specks(words: list[Word]) -> list[Word]:
    """Text cells: drop leading/trailing "words" without a letter or digit ("©", "-")."""
    start, end = 0, len(words)
    while start < end and not any(c.isalnum() for c in words[start].text):
        start += 1
    while end > start and not any(c.isalnum() for c in words[end - 1].text):
        end -= 1
    return words[start:end]


def _split_quantity_unit(cells: dict[str, list[Word]]) -> None:
    """ "250 EA" under Qty: the number is the quantity, the word the unit."""
    words = cells.get("quantity", [])
    if len(words) < 2 or "unit" in cells:
        return
    numbers = [w for w in words if is_money(w.text)]
    units = [w for w in words if norm_token(w.text) in _UNIT_WORDS]
    if numbers and units:
        cells["quantity"], cells["unit"] = numbers[:1], units[:1]


# --- no header: rows by shape ---------------------------------------------------------------------


def shape_rows(layouts: list[Layout]) -> tuple[list[_Row], tuple[int, int] | None]:
    """Item rows without a header: text then 2-3 trailing numbers where qty × price ≈ amount."""
    rows: list[_Row] = []
    end: tuple[int, int] | None = None
    for layout in layouts:
        for line in layout.lines:
            row = _shape_row(line, layout.page_no)
            if row is not None:
                rows.append(row)
                end = (layout.page_no, line.index + 1)
    return rows, end


def _shape_row(line: Line, page_no: int) -> _Row | None:
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


def _shape_fill(words: list[Word], at: tuple[int, int, int], page_no: int) -> _Row:
    row = _Row(page_no)
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
