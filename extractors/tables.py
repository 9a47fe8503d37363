"""The line-item table: header row from column synonyms, columns from its geometry, rows.

Why: item tables differ in column order, naming and language, but a header row is always
a line made mostly of column labels (`table_header`), and data sit under their headings
(text left-aligned, numbers right-aligned), or right of a heading set left. Every heading is
a column, known or not; what an unknown one holds, and which of two price columns is the
price, their data decide (`table_columns`). A row starts with numbers in the number columns;
a line with text only continues the row above, or opens the next item when it brings a new
code; an item's lines of order labels ("Ship To: …  Requester: …") are no part of it
(`not_items`). Totals, notes, a wide blank or the page end close the table; the next page
continues it, with or without the header repeated. Without any header, items typed as
running text (`free_text`) or rows by shape (`table_rows`) are used.

Contract: `find_table(layouts) -> Table`; `Table.rows` are `{column: RawValue}` with
columns from `RAW_LINE_FIELDS`, and `other_code` where a row prints a second item code
(`table_columns.OTHER_CODE`); `Table.end` is where the totals block may start.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from extractors.label_values import starts_with_label
from extractors.layout import Cell, Layout, Line, nearest_span, overlap
from extractors.line_dates import line_delivery_date
from extractors.not_items import item_details, page_furniture, segment_tags
from extractors.raw import RawValue
from extractors.table_columns import resolve_columns
from extractors.table_header import Column, header_columns, page_columns
from extractors.table_rows import (
    NUMERIC,
    UNREAD,
    RowCells,
    adds_up,
    cell_text,
    finish_row,
    is_currency_word,
    is_unit_word,
    join_torn_rows,
    shape_rows,
)
from extractors.value_shapes import find_currency, find_date, is_code, is_money, number_value
from extractors.vocabulary import find_labels
from poflow.domain import Word


@dataclass(frozen=True)
class Table:
    rows: tuple[dict[str, RawValue], ...] = ()
    header_at: tuple[int, int] | None = None  # (page, line index) of the first header row
    end: tuple[int, int] | None = None  # (page, line index) of the line that closed it
    notes: tuple[str, ...] = ()
    delivery_date: RawValue | None = None  # one date on every item line (`line_dates`)
    sums: dict[str, RawValue] = dataclasses.field(
        default_factory=dict
    )  # a sum row's totals (`_sum_row`)


def find_table(layouts: list[Layout]) -> Table:
    """The item table of the document (all its pages), or the shape fallback."""
    rows: list[RowCells] = []
    header_at: tuple[int, int] | None = None
    end: tuple[int, int] | None = None
    columns: list[Column] | None = None
    columns_by_page: dict[int, list[Column]] = {}
    for layout in layouts:
        header = next((line for line in layout.lines if header_columns(line)), None)
        if header is not None:  # one header per page; the rest of the page is that table's
            header_at = header_at or (layout.page_no, header.index)
            columns, last = page_columns(layout, header)
            page_rows, closed_at = read_rows(layout, header, columns, first=last + 1)
        elif columns is not None:
            page_rows, closed_at = _continued_rows(layout, columns)
        else:
            continue
        columns_by_page[layout.page_no] = columns
        rows.extend(page_rows)
        end = None if closed_at is None else (layout.page_no, closed_at)
        if closed_at is not None and not _goes_on(layouts, layout, closed_at):
            break
    if header_at is None:
        return _headerless(layouts)
    resolve_columns(rows)
    delivery = line_delivery_date(rows, columns_by_page)  # before finish_row drops "other"
    lines = join_torn_rows([finish_row(r) for r in rows])
    return Table(lines, header_at, end, delivery_date=delivery, sums=_sum_row(layouts, end, lines))


def _sum_row(
    layouts: list[Layout], end: tuple[int, int] | None, lines: tuple[dict[str, RawValue], ...]
) -> dict[str, RawValue]:
    """The totals in a sum row that closed the table ("合计  2,275.00 … 1,545.50  200.92
    1,746.42"), known by the sum of the quantities in it: the sum of the line amounts is the
    subtotal; two numbers right of it, the first added to it giving the second, are the tax
    and the total. Arithmetic alone says which is which: the headings name the columns."""
    if end is None:
        return {}
    layout = next(lay for lay in layouts if lay.page_no == end[0])
    line = layout.lines[end[1]]
    if not any(m.first == 0 for m in find_labels(line.cells[0].words, "totals")):
        return {}
    amounts = [number_value(row["amount"].text) if "amount" in row else None for row in lines]
    counts = [number_value(row["quantity"].text) if "quantity" in row else None for row in lines]
    if len(lines) < 2 or None in amounts or None in counts:
        return {}
    net = sum(a or 0 for a in amounts)
    numbers = [(w, v) for w in line.words if is_money(w.text) and (v := number_value(w.text))]
    if not any(v == sum(c or 0 for c in counts) for _, v in numbers):
        return {}  # no quantity sum: a totals line ("Total net value  105.00"), `totals` reads it
    subtotal = next((w for w, v in reversed(numbers) if v == net), None)
    if subtotal is None:
        return {}
    out = {"subtotal": _sum_value(subtotal, layout.page_no)}
    right = [(w, v) for w, v in numbers if w.x0 > subtotal.x1]
    for (tax, t), (total, g) in combinations(right, 2):
        if t > 0 and abs(net + t - g) <= Decimal("0.011"):
            out |= {
                "tax": _sum_value(tax, layout.page_no),
                "total": _sum_value(total, layout.page_no),
            }
            break
    return out


def _sum_value(word: Word, page_no: int) -> RawValue:
    return RawValue(word.text, word.confidence, page_no, (word.x0, word.top, word.x1, word.bottom))


def _goes_on(layouts: list[Layout], layout: Layout, closed_at: int) -> bool:
    """A note closed the table at the foot of a page ("Note to Supplier: ..." under the
    last item), but the next page repeats the heading: the items go on there. Totals close
    it for good."""
    following = [other for other in layouts if other.page_no > layout.page_no]
    if not following or not any(header_columns(line) for line in following[0].lines):
        return False
    return not any(_totals_line(line) for line in layout.lines[closed_at:])


def _continued_rows(layout: Layout, columns: list[Column]) -> tuple[list[RowCells], int | None]:
    """A page without the heading repeated: the table runs on under the same columns, from
    the first line with numbers under two number headings (a page header is no item)."""
    for line in layout.lines:
        assigned = _assign(line, columns)
        if _closes_table(line, assigned):
            return [], line.index
        if _item_numbers(assigned):
            return read_rows(layout, line, columns, first=line.index)
    return [], None


def _headerless(layouts: list[Layout]) -> Table:
    """No table header: items typed as running text (free_text), else rows by arithmetic."""
    from extractors.free_text import free_text_lines
    from extractors.position_prices import with_position_prices

    pages = [layout.page for layout in layouts]
    typed = with_position_prices(free_text_lines(pages), pages)
    if typed:
        typed_note = "line items read as running text (no table header)"
        return Table(join_torn_rows(list(typed)), notes=(typed_note,))
    rows, end = shape_rows(layouts)
    notes = ("line items found by shape (no table header)",) if rows else ()
    return Table(join_torn_rows([finish_row(r) for r in rows]), None, end, notes)


# --- rows -------------------------------------------------------------------------------------


def read_rows(
    layout: Layout, header: Line, columns: list[Column], first: int | None = None
) -> tuple[list[RowCells], int | None]:
    """Rows under a header (or from line `first` on a continued page) until totals, notes
    or a wide blank; returns where it stopped."""
    rows: list[RowCells] = []
    pending: list[tuple[str, list[Word]]] = []
    previous = header
    spacing = 0.0  # the widest step between the table's lines so far
    opener: Line | None = None  # the line that opened the last row
    for line in layout.lines[header.index + 1 if first is None else first :]:
        if page_furniture(line) or segment_tags(line):
            continue  # page furniture and EDI segment tags, not items
        step = line.center - previous.center
        if rows and _wide_blank(step, spacing, layout, _assign(line, columns)):
            return rows, line.index
        spacing = max(spacing, step)
        if rows and header_columns(line) is not None:
            continue  # the heading repeated above the next item (a block per item)
        if not rows and _qualifiers(line.words):
            continue  # "(Art)", "(EUR)" under the headings: what a heading's values are
        assigned = _assign(line, columns)
        closes = _closes_table(line, assigned) or _sums_rows(line, assigned, rows)
        if closes and not _items_below(layout, line, columns):
            return rows, line.index
        paragraph = rows and _paragraph(line, previous, layout, columns)
        if paragraph and not _items_below(layout, line, columns):
            return rows, line.index
        if _stray_number(assigned):
            # One number alone on a line (OCR split a row): it completes the row above
            # when that row lacks it, else the row below.
            column, words = next(iter(assigned.items()))
            if rows and column not in rows[-1].cells:
                rows[-1].add(column, words)
            else:
                pending.append((column, words))
        elif rows and _completes_amount(assigned, rows[-1]):
            # The row's amount printed on its second line, under its heading (an ERP print
            # with the code, then the GTIN, then the amount): it completes the row above.
            rows[-1].add("amount", assigned.pop("amount"))
            for column, words in _continuation(assigned):
                rows[-1].add("other" if column == "sku" else column, words)
        elif _has_anchor(assigned) and _same_row(line, opener, rows, assigned, layout):
            for column, words in assigned.items():
                rows[-1].add(column, words)
            rows[-1].sort_same_line(line)
        elif _has_anchor(assigned):
            opener = line
            row = RowCells(layout.page_no)
            for column, words in pending + list(assigned.items()):
                row.add(column, words)
            row.sort_same_line(line)
            pending = []
            rows.append(row)
        elif header_columns(line) is not None:
            continue
        elif item_details(line):
            pass  # "Ship To: … Requester: …" under an item: the order's labels, no description
        else:
            text_cells = _continuation(assigned)
            opened = any(column == "sku" for column, _ in pending)
            opens = opened or (bool(rows) and _opens_item(assigned, rows[-1]))
            if rows and not opens and not _belongs_below(layout, line, previous, columns):
                for column, words in text_cells:
                    rows[-1].add(column, words)
            else:
                pending.extend(text_cells)
        previous = line
    return rows, None


def _same_row(
    line: Line,
    opener: Line | None,
    rows: list[RowCells],
    assigned: dict[str, list[Word]],
    layout: Layout,
) -> bool:
    """OCR split one row into two lines at the same height (a skewed scan): the second
    brings what the first lacks ("Kugellager 6205-  ...  82,80" beside "2RS  12 Stk  6,90")."""
    if opener is None or not rows or abs(line.center - opener.center) > 0.25 * layout.line_pitch:
        return False
    numbers = [c for c in assigned if c in NUMERIC or c in {"line_no", "sku"}]
    return not any(rows[-1].cells.get(c) for c in numbers)


def _completes_amount(assigned: dict[str, list[Word]], last: RowCells) -> bool:
    """A line whose only number is an amount, no position, under a row with a quantity but
    no amount: the row's amount, a line lower. When the row prints a price, qty × price =
    that amount must hold (else the line is read as before: its own row or a stray number)."""
    if "amount" in last.cells or "line_no" in assigned or "quantity" not in last.cells:
        return False
    if any(c in assigned for c in NUMERIC if c != "amount") or "amount" not in assigned:
        return False
    if "unit_price" not in last.cells:
        return True
    quantity = [w for w in last.cells["quantity"] if is_money(w.text)][:1]
    return adds_up(
        cell_text(quantity), cell_text(last.cells["unit_price"]), cell_text(assigned["amount"])
    )


def _wide_blank(
    step: float, spacing: float, layout: Layout, assigned: dict[str, list[Word]]
) -> bool:
    """A blank that ends the table; a grid of tall boxed rows spaces its items wide, so an
    item's line no further below than the table's own steps (from the heading on) goes on."""
    if step <= 3.5 * layout.line_pitch:
        return False
    return step > 1.5 * spacing or not _item_numbers(assigned)


def _items_below(layout: Layout, line: Line, columns: list[Column]) -> bool:
    """More items within three lines below (before any totals line): a labelled line
    ("Delivery date: 27.02.2026") or a title over them is part of the table, not a note."""
    if _totals_line(line):
        return False
    for below in layout.lines[line.index + 1 : line.index + 4]:
        if header_columns(below) is not None:
            continue  # the headings repeated over the next item
        assigned = _assign(below, columns)
        if _totals_line(below):
            return False
        if _item_numbers(assigned) or _coded_amount(assigned):
            return True
    return False


def _coded_amount(assigned: dict[str, list[Word]]) -> bool:
    """An item code alone in its column and an amount under the amount heading: an item's
    line whose other numbers OCR lost or pushed onto a line of their own."""
    amounts = assigned.get("amount", [])
    return _lone_code(assigned.get("sku", [])) and any(is_money(w.text) for w in amounts)


def _item_numbers(assigned: dict[str, list[Word]]) -> bool:
    """Numbers under at least two number headings: an item's line, not a stray figure."""
    return sum(any(is_money(w.text) for w in assigned.get(c, [])) for c in NUMERIC) >= 2


def _totals_line(line: Line) -> bool:
    """A totals label, the amount last ("Freight 25.00"); "Delivery date: 07.07.2026" and
    "Delivery date ...  Price per 1 M" are details of an item."""
    labelled = any(any(m.first == 0 for m in find_labels(c.words, "totals")) for c in line.cells)
    amounts = [w.text for w in line.words if not is_currency_word(w)]  # "1 377,70 $"
    return labelled and bool(amounts) and is_money(amounts[-1]) and not find_date(amounts[-1])


def _paragraph(line: Line, previous: Line, layout: Layout, columns: list[Column]) -> bool:
    """A sentence after a blank line or running across the number columns ("Please confirm
    receipt of this order and ...") is a note after the table, not a description's next line."""
    numbers = [c for c in columns if c.field in NUMERIC]
    if len(line.cells) != 1 or len(line.words) < 6 or not numbers:
        return False
    if any(is_money(w.text) for w in line.words[-2:]):
        return False
    blank_before = line.center - previous.center > 1.8 * layout.line_pitch
    return blank_before or line.cells[0].x1 > min(c.x0 for c in numbers)


def _opens_item(assigned: dict[str, list[Word]], last: RowCells) -> bool:
    """An item code (or position) while the row above has one already: the next item begins
    here, its numbers printed a line lower (centred on a cell of two lines)."""
    code = _lone_code(assigned.get("sku", [])) and _lone_code(last.cells.get("sku", []))
    position = any(w.text.rstrip(".").isdigit() for w in assigned.get("line_no", []))
    return code or (position and "line_no" in last.cells)


def _lone_code(words: list[Word]) -> bool:
    return len(words) == 1 and is_code(words[0].text)


def _belongs_below(layout: Layout, line: Line, previous: Line, columns: list[Column]) -> bool:
    """A text line hugging the next row (OCR lifted a word off its row) belongs to that row."""
    if line.index + 1 >= len(layout.lines):
        return False
    below = layout.lines[line.index + 1]
    if not _has_anchor(_assign(below, columns)):
        return False
    return below.center - line.center < 0.4 * (line.center - previous.center)


def _stray_number(assigned: dict[str, list[Word]]) -> bool:
    return len(assigned) == 1 and any(c in assigned for c in NUMERIC) and _has_anchor(assigned)


def _closes_table(line: Line, assigned: dict[str, list[Word]]) -> bool:
    """Totals ("Subtotal  1,234.00", "VAT at 20 %") or a labelled line ("Notes:") without
    a quantity (a rate is no quantity). A tax label in a later cell of a line with an item's
    numbers ("Bolt M10   TVA 20%   09/05/2026   2,15   51,60") is the item's tax column."""
    quantities = [w.text for w in assigned.get("quantity", [])]
    if any(is_money(q) and "%" not in q and not find_currency(q) for q in quantities):
        return False  # ("¥812.47" under the quantity heading is an amount, not a quantity)
    labelled = [
        index
        for index, cell in enumerate(line.cells)
        if any(m.first == 0 for m in find_labels(cell.words, "totals"))
    ]
    # "Carriage bolt 1/2 x 6 in, galvanized": a description's next line, not "Carriage".
    worded = labelled == [0] and _item_text(line)
    if labelled and not worded and (labelled[0] == 0 or not _item_numbers(assigned)):
        return True
    return starts_with_label(line.cells[0])


def _sums_rows(line: Line, assigned: dict[str, list[Word]], rows: list[RowCells]) -> bool:
    """A totals label over the sums of the rows above ("合计  2,275.00 … 1,545.50"): the
    quantities were summed too, so the number under the quantity heading is no item's."""
    if len(rows) < 2 or not any(m.first == 0 for m in find_labels(line.cells[0].words, "totals")):
        return False
    for column in ("quantity", "amount"):
        printed = _number(assigned.get(column, []))
        above = [_number(row.cells.get(column, [])) for row in rows]
        if printed is not None and None not in above and printed == sum(a or 0 for a in above):
            return True
    return False


def _number(words: list[Word]) -> Decimal | None:
    """The one number a cell holds, else None."""
    return number_value(words[0].text) if len(words) == 1 and is_money(words[0].text) else None


def _item_text(line: Line) -> bool:
    """A line that starts with a totals word but goes on in words, with no amount anywhere:
    an item's text ("Freight" is a label, "Carriage bolt, galvanized" an item)."""
    first = line.cells[0]
    label = find_labels(first.words, "totals")[0]
    if label.colon:
        return False  # "Freight: by truck, prepaid" is labelled
    rest = first.words[label.last + 1 :]
    worded = [w for w in rest if sum(c.isalpha() for c in w.text) >= 3]
    return len(worded) >= 2 and not any(_CENTS.search(w.text) for w in line.words)


_CENTS = re.compile(r"\d[.,]\d{2}(?!\d)")


def _continuation(assigned: dict[str, list[Word]]) -> list[tuple[str, list[Word]]]:
    """A text-only line: its words continue the description (or the SKU when under it)."""
    out: list[tuple[str, list[Word]]] = []
    for column, words in assigned.items():
        target = column if column in {"description", "sku", "other"} else "description"
        if target == "sku" and _qualifiers(words):
            target = "other"  # "(GTIN)" under a code names the code's kind, it is no code
        out.append((target, words))
    return out


def _qualifiers(words: list[Word] | tuple[Word, ...]) -> bool:
    """Words in brackets without a digit ("(GTIN)", "(Art)", "(EUR)"): what the value or
    the heading above is, not a value."""
    return bool(words) and all(_QUALIFIER.fullmatch(w.text) for w in words)


_QUALIFIER = re.compile(r"\([^\d()]+\)")


def _has_anchor(assigned: dict[str, list[Word]]) -> bool:
    return any(col in assigned and any(is_money(w.text) for w in assigned[col]) for col in NUMERIC)


def _assign(line: Line, columns: list[Column]) -> dict[str, list[Word]]:
    """Cells to columns by overlap with the header spans; a cell spanning two is split."""
    out: dict[str, list[Word]] = {}
    for cell in line.cells:
        for field, words in _cell_fields(cell, columns):
            out.setdefault(field, []).extend(words)
    return out


def _cell_fields(cell: Cell, columns: list[Column]) -> list[tuple[str, list[Word]]]:
    hits = [c for c in columns if overlap(cell.x0, cell.x1, c.x0, c.x1) > 0]
    if len(hits) > 1 and len(cell.words) > 1:
        if _phrase(cell) and not any(c.field == "description" for c in hits):
            return [("description", list(cell.words))]  # an item's title across the headings
        if not _text_over_numbers(cell, hits):
            # Only among the headings the cell sits under: a description's last word
            # ("... steel A2") is not the quantity beside it.
            split = [(nearest_span(w.x0, w.x1, _fitting(w, hits)).field, [w]) for w in cell.words]
            if not _sentence(split):
                return split
            return [("description", list(cell.words))]
    numbers = not _has_words(cell.words) and not is_money(cell.text)
    if len(hits) == 1 and len(cell.words) > 1 and numbers:
        # Numbers the text layer joined into one cell ("79.50 9" under "Taxable Value" and
        # "%"; not one number grouped "1 377,70"): a number nearer another heading than its
        # own is that heading's.
        nearest = [nearest_span(w.x0, w.x1, columns) for w in cell.words]
        if any(column is not hits[0] for column in nearest):
            return [(c.field, [w]) for c, w in zip(nearest, cell.words, strict=True)]
    if len(hits) == 1 and len(cell.words) > 1:
        edge = _number_beside(cell, hits[0], columns)
        if edge is not None:
            return edge
    if hits:
        return [(_best(cell, hits).field, list(cell.words))]
    outside = _outside_field(cell, columns)
    if outside is not None:
        return [(outside, list(cell.words))]
    if not _has_words(cell.words):
        return [(_heading_left_of(cell, columns).field, list(cell.words))]
    return [(nearest_span(cell.x0, cell.x1, _fitting(cell, columns)).field, list(cell.words))]


def _sentence(split: list[tuple[str, list[Word]]]) -> bool:
    """Words after a number spread under headings no text belongs to ("Avisierung 24 h vorher
    unter obiger Telefonnummer" under "Menge", "ME", "Preis"): a note running across the
    table, one sentence, not an item's cells. After a quantity an item prints a unit only."""
    numbered = [i for i, (f, ws) in enumerate(split) if f in NUMERIC and _bare_number(ws[0])]
    if not numbered:
        return False
    after = [
        ws[0]
        for field, ws in split[numbered[0] + 1 :]
        if field != "description"
        and sum(c.isalpha() for c in ws[0].text) >= 2
        and not is_unit_word(ws[0])
        and not is_currency_word(ws[0])
    ]
    return len(after) >= 2


def _number_beside(
    cell: Cell, hit: Column, columns: list[Column]
) -> list[tuple[str, list[Word]]] | None:
    """A number at a cell's edge, under no heading and nearest a number heading, is that
    column's, though the text layer joined it to its neighbour ("6 TL-7781": a quantity set
    right under "Cant.", then the code under "Código")."""
    if hit.field == "description":
        return None
    for word in (cell.words[0], cell.words[-1]):
        if not _bare_number(word) or overlap(word.x0, word.x1, hit.x0, hit.x1) > 0:
            continue
        near = nearest_span(word.x0, word.x1, columns)
        if near.field in NUMERIC and near is not hit:
            rest = [w for w in cell.words if w is not word]
            return [(near.field, [word]), (hit.field, rest)]
    return None


def _bare_number(word: Word) -> bool:
    """Digits alone ("6", "2.000"), no letter: "A2" ends a description, though money-shaped."""
    return is_money(word.text) and not any(c.isalpha() for c in word.text)


def _phrase(cell: Cell) -> bool:
    """Words, not an item code with its numbers run together ("MRP-80010 10 pair")."""
    worded = [
        w
        for w in cell.words
        if sum(c.isalpha() for c in w.text) >= 3 and not is_code(w.text) and not is_unit_word(w)
    ]
    numbers = [w for w in cell.words if is_money(w.text)]
    return len(worded) >= 2 and len(worded) >= len(numbers)


def _heading_left_of(cell: Cell, columns: list[Column]) -> Column:
    """A number under no heading: headings set left over numbers set right put each number
    right of its own heading, so the last heading starting left of the number's end."""
    before = [c for c in columns if c.x0 <= cell.x1]
    return max(before, key=lambda c: c.x0) if before else nearest_span(cell.x0, cell.x1, columns)


def _outside_field(cell: Cell, columns: list[Column]) -> str | None:
    """A cell outside every heading's span is in a column whose heading OCR lost: numbers
    right of them all ("Amount"), codes left of them all ("Réf."); their data will say what.
    Other text right of the table is no cell of it. Between headings: None, nearest decides."""
    margin = 2 * max(w.bottom - w.top for w in cell.words)  # clear of the last, not abutting
    left = cell.x1 < min(c.x0 for c in columns)
    right = cell.x0 > max(c.x1 for c in columns) + margin
    numbers = not _has_words(cell.words) and any(is_money(w.text) for w in cell.words)
    if left:
        return None if numbers else _BEFORE
    if right:
        return _BEYOND if numbers else "other"
    return None


_BEYOND = f"{UNREAD}beyond"  # numbers right of the last heading: a column whose heading was lost
_BEFORE = f"{UNREAD}before"  # text left of the first heading: likewise


def _fitting(words: Word | Cell, columns: list[Column]) -> list[Column]:
    """Columns a word or cell may belong to: text never goes to a numeric column."""
    if not _has_words(words.words if isinstance(words, Cell) else (words,)):
        return columns
    text_columns = [c for c in columns if c.field not in NUMERIC]
    return text_columns or columns


def _has_words(words: tuple[Word, ...]) -> bool:
    """Text, not a number: "6mm, 6m length" has words, "10 pcs" and "EUR 4.60" have none."""
    if len(words) == 1:
        return not is_money(words[0].text)
    return any(
        sum(c.isalpha() for c in w.text) >= 2 and not is_unit_word(w) and not is_currency_word(w)
        for w in words
    )


def _text_over_numbers(cell: Cell, hits: list[Column]) -> bool:
    """A long description running under a neighbouring heading is still one description;
    under headings no vocabulary knows, even with numbers in it ("Flat washer 8 mm")."""
    if not any(c.field == "description" for c in hits):
        return False
    unknown = all(c.field == "description" or c.field.startswith(UNREAD) for c in hits)
    return unknown or not any(is_money(w.text) for w in cell.words)


def _best(cell: Cell, hits: list[Column]) -> Column:
    if len(hits) == 1:
        return hits[0]
    if any(c.field == "description" for c in hits) and not is_money(cell.text):
        return next(c for c in hits if c.field == "description")
    return max(hits, key=lambda c: overlap(cell.x0, cell.x1, c.x0, c.x1))
