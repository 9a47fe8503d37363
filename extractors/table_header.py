"""The item table's header row: which line it is, and the columns its headings name.

Why apart from `tables`: a header row is a line made mostly of column labels
(`label_words.COLUMN_LABELS`) with at least one number column, and what it names is found
from the words and their boxes alone, before any row is read. Headings printed over two
rows ("Unit" over "Price"), in two languages (an English row over a French one) or centred
in a band of three rows are read together; every heading is a column, known or not (what an
unknown one holds, its data decide: `table_columns`).

Contract: `header_columns(line) -> list[Column] | None` (None: no header row);
`page_columns(layout, header) -> (columns, index of the header's last line)`; columns run
left to right, a field named twice keeps its second heading apart (`_TWICE`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from string import ascii_lowercase

from extractors.layout import Layout, Line, overlap
from extractors.table_rows import NUMERIC, UNREAD, is_currency_word
from extractors.value_shapes import is_money
from extractors.vocabulary import LabelMatch, find_labels, norm_token
from poflow.domain import Word


@dataclass(frozen=True)
class Column:
    field: str
    x0: float
    x1: float
    label: str


def page_columns(layout: Layout, header: Line) -> tuple[list[Column], int]:
    """The columns, and the index of the header's last line (items start below it)."""
    columns = header_columns(header) or []
    below = _heading_below(layout, header, columns)
    if below is not None:  # and maybe the same headings in a second language under them
        found = _with_second_header(layout, layout.lines[below[1]], below[0])
    else:
        found = _with_second_header(layout, header, _with_heading_above(layout, header, columns))
    around = _heading_around(layout, header)
    if around is None:
        return found
    better, tied = _heading_score(around[0]), _heading_score(found[0])
    if better > tied or (better == tied and _whole_headings_below(layout, header)):
        return around
    return found


def _whole_headings_below(layout: Layout, header: Line) -> bool:
    """Every word of the row under the header completes a heading of the rows above it into
    one phrase of the vocabulary ("Prix" over "unitaire" beside "Prix HT"): a heading's
    second line, not an item's first words, though it names no column more."""
    above, below = layout.lines[header.index - 1], layout.lines[header.index + 1]
    merged = _stack(_stack(_cells_of(above), _cells_of(header)), _cells_of(below))
    lower = {id(w) for w in below.words}
    touched = [cell for cell in merged if any(id(w) in lower for w in cell)]
    return bool(touched) and all(_one_phrase(cell) for cell in touched)


def _one_phrase(cell: tuple[Word, ...]) -> bool:
    matches = find_labels(cell, "column")
    return len(matches) == 1 and matches[0].first == 0 and matches[0].last == len(cell) - 1


def _heading_score(columns: list[Column]) -> tuple[int, int]:
    """More fields named, then fewer named twice: the better reading of a heading."""
    return _known(columns), -_named_twice(columns)


def _heading_around(layout: Layout, header: Line) -> tuple[list[Column], int] | None:
    """A heading band of three rows: one-row headings centred in it, two-row headings split
    over the rows above and below ("Taxable" over "Value", "Line" over "Total"), and group
    headings over their sub-columns ("CGST" over "%  Amt"): each column reads top to bottom."""
    if header.index == 0 or header.index + 1 >= len(layout.lines):
        return None
    above, below = layout.lines[header.index - 1], layout.lines[header.index + 1]
    if below.center - above.center > 1.6 * layout.line_pitch:
        return None
    if any(is_money(w.text) for w in above.words + below.words):
        return None  # an item or a total, not a heading's row
    top = _stack(_cells_of(above), _cells_of(header))
    columns = _columns_of(_stack(top, _cells_of(below)))
    return (columns, below.index) if columns else None


def _heading_below(
    layout: Layout, header: Line, columns: list[Column]
) -> tuple[list[Column], int] | None:
    """Two-line headings whose top line reads as a header alone ("Unit" over "Cost",
    "Extended" over "Cost", "Quantity" over "Ordered"): read together they name more columns
    and keep every one the top named; a bilingual second row names no more."""
    if header.index + 1 >= len(layout.lines):
        return None
    below = layout.lines[header.index + 1]
    if any(is_money(w.text) for w in below.words):
        return None  # the first item, not a heading's second line
    stacked = _stacked(layout, header, below)
    if stacked is None:
        return None
    named = {c.field for c in stacked}
    if _known(stacked) <= _known(columns) or not {c.field for c in columns} <= named:
        return None
    if _named_twice(stacked) > _named_twice(columns):
        return None  # "Qty" over "Qté": one heading in two languages, a row each
    return stacked, below.index


def _named_twice(columns: list[Column]) -> int:
    return sum(c.field.startswith(_TWICE) for c in columns)


def _stacked(layout: Layout, above: Line, line: Line) -> list[Column] | None:
    """The columns of a heading printed over two lines, each cell with the words over it."""
    close = line.center - above.center <= 1.6 * layout.line_pitch
    if not close or any(is_money(w.text) for w in above.words):
        return None
    return _columns_of(_stack(_cells_of(above), _cells_of(line)))


def _cells_of(line: Line) -> list[tuple[Word, ...]]:
    return [cell.words for cell in line.cells]


def _stack(upper: list[tuple[Word, ...]], lower: list[tuple[Word, ...]]) -> list[tuple[Word, ...]]:
    """Heading cells of two rows as one: each lower cell with the upper words over it, and
    the upper cells over none on their own."""
    merged: list[tuple[Word, ...]] = []
    used: set[int] = set()
    for cell in lower:
        x0, x1 = _span_of(cell)
        over = [i for i, c in enumerate(upper) if overlap(*_span_of(c), x0, x1) > 0]
        used.update(over)
        merged.append(tuple(w for i in over for w in upper[i]) + cell)
    merged.extend(c for i, c in enumerate(upper) if i not in used)
    return merged


def _span_of(words: tuple[Word, ...]) -> tuple[float, float]:
    return words[0].x0, max(w.x1 for w in words)


def header_columns(line: Line) -> list[Column] | None:
    """Columns of a table header row: mostly column labels, at least one numeric column."""
    return _columns_of([cell.words for cell in line.cells])


def _columns_of(cells: list[tuple[Word, ...]]) -> list[Column] | None:
    columns: list[Column] = []
    unread: list[Column] = []
    label_words = 0
    for cell in cells:
        matches = find_labels(cell, "column") or _accent_slip(cell)
        matches = _one_heading_each(cell, matches)
        for match in matches:
            words = cell[match.first : match.last + 1]
            label_words += len(words)
            x0, x1 = min(w.x0 for w in words), max(w.x1 for w in words)
            columns.append(Column(match.field, x0, x1, match.phrase))
        if not matches and "".join(w.text for w in cell) == "%":
            # A heading "%" alone (a tax or discount rate under its group heading) holds
            # rates: no quantity, price or amount.
            columns.append(Column("other", cell[0].x0, cell[-1].x1, "%"))
        if not matches and any(c.isalpha() for w in cell for c in w.text):
            text = " ".join(w.text for w in cell)
            x0, x1 = min(w.x0 for w in cell), max(w.x1 for w in cell)
            unread.append(Column(f"{UNREAD}{len(unread)}", x0, x1, text))
    all_words = [w for cell in cells for w in cell]
    fields = {c.field for c in columns} - {"other"}
    if len(fields) < 2 or not fields & set(NUMERIC) or (len(columns) < 3 and len(all_words) > 4):
        return None
    # Currency codes ("Price CHF", "Amount (EUR)") and specks are not what the header says.
    counted = [w for w in all_words if any(c.isalnum() for c in w.text) and not is_currency_word(w)]
    needed = 0.7 if len(fields) < 3 else 0.6  # more distinct headings: more OCR junk allowed
    if label_words < needed * len(counted):
        return None
    # A heading no vocabulary knows (or OCR garbled) still marks where a column sits; its
    # data decide what it holds (`resolve_columns`).
    columns.extend(unread)
    return _dedupe(sorted(columns, key=lambda c: c.x0))


def _accent_slip(cell: tuple[Word, ...]) -> list[LabelMatch]:
    """A heading OCR read with the wrong accented letter ("Kéd" for "Kód", "Oznaéeni" for
    "Označení"): a diacritic is a few pixels, so the letter under it is the uncertain one.
    Each OCR'd letter with a diacritic may stand for any letter; a heading only when exactly
    one such reading of a word names a column (the row must still be mostly headings)."""
    for index, word in enumerate(cell):
        if word.confidence >= 0.999:  # a text layer's heading is what it says
            continue
        found: dict[str, list[LabelMatch]] = {}
        for position, char in enumerate(word.text):
            if char.isascii() or not char.isalpha():
                continue
            for letter in ascii_lowercase:
                text = word.text[:position] + letter + word.text[position + 1 :]
                variant = (*cell[:index], replace(word, text=text), *cell[index + 1 :])
                matches = find_labels(variant, "column")
                if any(m.first <= index <= m.last for m in matches):
                    found[norm_token(text)] = matches
        if len(found) == 1:
            return found.popitem()[1]
    return []


_QUALIFIERS = {"ohne", "excl", "exkl", "incl", "inkl", "zzgl", "sans", "hors", "ex", "sin", "con"}


def _one_heading_each(cell: tuple[Word, ...], matches: list[LabelMatch]) -> list[LabelMatch]:
    """Labels of one heading cell that name one column: "Qty (Unit)" and "Part # /
    Description" print both in one cell (the first label's field holds them; its cell is
    split later), "Item/Article" says it in two languages, and "Betrag ohne MwSt." only
    qualifies the amount."""
    out: list[LabelMatch] = []
    for match in matches:
        previous = out[-1] if out else None
        between = [w.text for w in cell[previous.last + 1 : match.first]] if previous else []
        joined = all(not any(c.isalnum() for c in text) for text in between)
        bracketed = cell[match.first].text.startswith("(") or between == ["("]
        qualified = bool(between) and norm_token(between[-1]).strip("(.") in _QUALIFIERS
        together = joined and ("/" in "".join(between) or bracketed)
        if previous is not None and (together or (match.field == "other" and qualified)):
            out[-1] = replace(previous, last=match.last)
        else:
            out.append(match)
    return out


def _with_heading_above(layout: Layout, line: Line, columns: list[Column]) -> list[Column]:
    """Two-line headings ("Unit" over "Price", "Order" over "Qty") are read together."""
    if line.index == 0:
        return columns
    above = layout.lines[line.index - 1]
    if header_columns(above):
        return columns
    stacked = _stacked(layout, above, line)
    if stacked is None or _known(stacked) <= _known(columns):
        return columns
    return stacked


def _known(columns: list[Column]) -> int:
    return len({c.field for c in columns if not c.field.startswith(UNREAD)})


def _with_second_header(
    layout: Layout, line: Line, columns: list[Column]
) -> tuple[list[Column], int]:
    """A bilingual header (English row over French row), maybe with a heading's second word
    on a line between ("Item" over "Code"): each column widens to all its labels, a label
    alone is a column of its own; returns the columns and the index of the last header line."""
    last = line
    lowest = line.center  # a heading centred on two rows may sit a little above the header
    for below in layout.lines[line.index + 1 : line.index + 3]:
        if abs(below.center - lowest) > 1.6 * layout.line_pitch:
            break
        full = header_columns(below)
        second = full or _label_line(below)
        if second is None:
            break
        columns, last = _widened(columns, second, any_field=full is None), below
        lowest = max(lowest, below.center)
    return columns, last.index


def _label_line(line: Line) -> list[Column] | None:
    """A line of column labels only (no header by itself: "Code" under "Item")."""
    columns: list[Column] = []
    for cell in line.cells:
        matches = find_labels(cell.words, "column")
        covered = {i for m in matches for i in range(m.first, m.last + 1)}
        if any(
            i not in covered and any(c.isalnum() for c in w.text) for i, w in enumerate(cell.words)
        ):
            return None
        columns.extend(
            Column(m.field, cell.words[m.first].x0, cell.words[m.last].x1, m.phrase)
            for m in matches
        )
    return columns or None


def _widened(columns: list[Column], second: list[Column], *, any_field: bool) -> list[Column]:
    """Columns widened to the labels under them; a label under none is a column too (in a
    full second header only for a field not named yet: OCR lost it in the first)."""
    out: list[Column] = []
    named = {c.field for c in columns}
    for column in columns:
        under = [c for c in second if overlap(c.x0, c.x1, column.x0, column.x1) > 0]
        x0 = min([column.x0, *(c.x0 for c in under)])
        x1 = max([column.x1, *(c.x1 for c in under)])
        field_name = column.field
        # A heading OCR garbled in one language ("aii" for 単価) is what its other
        # language under it names ("Unit Price"), when no other heading names that.
        known = [c.field for c in under if c.field in COLUMN_FIELDS and c.field not in named]
        if _UNREAD_ONE.fullmatch(field_name) and len(known) == 1:
            field_name = known[0]
            named.add(field_name)
        out.append(Column(field_name, x0, x1, column.label))
    for column in second:
        alone = all(overlap(c.x0, c.x1, column.x0, column.x1) == 0 for c in out)
        if alone and (any_field or column.field not in {c.field for c in out}):
            out.append(column)
    return _dedupe(sorted(out, key=lambda c: c.x0))


_TWICE = f"{UNREAD}d"  # a second heading of a field already named
_UNREAD_ONE = re.compile(rf"{UNREAD}\d+")  # a heading no vocabulary knows (not `_TWICE`)
COLUMN_FIELDS = {"line_no", "sku", "supplier_sku", "description", "unit", *NUMERIC}


def _dedupe(columns: list[Column]) -> list[Column]:
    """Two headings read as one field ("Item" and "Part No.", "Price" and "Net price"): the
    data decide the second (its shape, or which column makes qty × price = amount)."""
    seen: set[str] = set()
    out: list[Column] = []
    for index, column in enumerate(columns):
        if column.field in seen and column.field != "other" and not column.field.startswith(UNREAD):
            column = Column(f"{_TWICE}{index}", column.x0, column.x1, column.label)
        seen.add(column.field)
        out.append(column)
    return out
