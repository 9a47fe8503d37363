"""The order's delivery date from its item lines: an ERP's item table often prints the date
on every line ("Deliv. date 23.06.2026") and none in the header.

One date on every item line is the order's delivery date. Lines with different dates (or a
line without one) leave it open: the order has one header date, and which of several a
desk wants is the reviewer's call. The date column is read as an "other" column of the
table; its heading says it is a delivery date.

Contract: `line_delivery_date(rows, columns_by_page) -> RawValue | None`, called with the
table's rows before `finish_row` sets the "other" cells aside; `same_on_every_line(value,
rows, layouts)` holds a delivery date read under a table heading to the same rule.

Why two checks of one rule: they start from different evidence. `line_delivery_date` finds
the date in a column the table itself knows as a delivery column, on every page. The
header's label finder may read a delivery label across two heading lines that the table
split into a generic column ("Date" over "prévue") and take the first row's date under it;
`same_on_every_line` vets that value by the page's words under it, as the table cannot.
It looks at the heading's page only (rows on another page: not known, so no date), which
`line_delivery_date` then makes up for when the table knows the column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from extractors.layout import Layout, nearest_span, overlap, union_bbox
from extractors.raw import RawValue
from extractors.table_rows import UNREAD
from extractors.value_shapes import find_date
from extractors.vocabulary import is_delivery_heading

if TYPE_CHECKING:
    from extractors.table_header import Column
    from extractors.table_rows import RowCells
    from poflow.domain import Word

_ITEM_CELLS = ("quantity", "amount")


def line_delivery_date(
    rows: list[RowCells], columns_by_page: dict[int, list[Column]]
) -> RawValue | None:
    """The one delivery date printed on every item row, or None. A row with an amount but
    no quantity and no date is a sum the table ran on into ("合计  2,378.00"), not an item."""
    items = [row for row in rows if any(row.cells.get(cell) for cell in _ITEM_CELLS)]
    found = [_row_date(row, columns_by_page.get(row.page_no, [])) for row in items]
    dates = [value for value in found if value is not None]
    undated = [
        r for r, d in zip(items, found, strict=True) if d is None and r.cells.get("quantity")
    ]
    if not dates or undated or len({d.text for d in dates}) != 1:
        return None
    first = dates[0]
    return RawValue(
        first.text,
        min(d.confidence for d in dates),
        first.page,
        first.bbox,
        first.label,
    )


def _row_date(row: RowCells, columns: list[Column]) -> RawValue | None:
    """The date in the row's cell under the page's one delivery heading."""
    delivery = [c for c in columns if _dates_column(c) and is_delivery_heading(c.label, slips=1)]
    if len(delivery) != 1:
        return None
    # Under an unknown heading the dates may have been taken for codes: any cell's words.
    cells = (
        row.cells.values() if delivery[0].field.startswith(UNREAD) else [row.cells.get("other", [])]
    )
    words = [w for cell in cells for w in cell if nearest_span(w.x0, w.x1, columns) is delivery[0]]
    text = " ".join(w.text for w in words)
    span = find_date(text)
    if span is None:
        return None
    used = words_in(words, span)
    confidence = min(w.confidence for w in used)
    if not is_delivery_heading(delivery[0].label):
        confidence = min(confidence, SLIPPED_HEADING_CONFIDENCE)
    return RawValue(
        text[span[0] : span[1]],
        confidence,
        row.page_no,
        union_bbox(used),
        delivery[0].label,
    )


SLIPPED_HEADING_CONFIDENCE = 0.85  # the heading read one character off: a person looks


def _dates_column(column: Column) -> bool:
    """A column of other data: named so, or under a heading the vocabulary did not know (OCR
    misread "交货日期" as "交货日其"), whose dates `resolve_columns` set aside as other."""
    return column.field == "other" or column.field.startswith(UNREAD)


def words_in(words: Sequence[Word], span: tuple[int, int]) -> list[Word]:
    """The words of a space-joined text that the character span touches."""
    used, at = [], 0
    for word in words:
        end = at + len(word.text)
        if at < span[1] and end > span[0]:
            used.append(word)
        at = end + 1
    return used


def same_on_every_line(
    value: RawValue,
    rows: tuple[dict[str, RawValue], ...],
    layouts: list[Layout],
    heading: tuple[int, int] | None,
) -> bool:
    """Whether a delivery date read under a heading of the item table at `heading` (page,
    line index) — the first row's "Need By" — is the date every item row prints in that
    column. A date under a label elsewhere has nothing to agree with: True."""
    if heading is None or value.bbox is None or not value.label or len(rows) < 2:
        return True
    page, first = heading
    layout = next(lay for lay in layouts if lay.page_no == page)
    label = value.label.lower()
    if not any(label in line.text.lower() for line in layout.lines[first : first + 2]):
        return True  # stacked headings: the label may be on the heading's second line
    boxes = [_row_box(row) for row in rows if _on_page(row, layout.page_no)]
    if len(boxes) < len(rows):
        return False  # rows on other pages: their dates are not looked at, so not known
    x0, x1 = value.bbox[0], value.bbox[2]
    printed = {_date_in(layout, top, bottom, x0, x1) for top, bottom in boxes}
    return printed == {_date_in(layout, value.bbox[1], value.bbox[3], x0, x1)}


def _on_page(row: dict[str, RawValue], page: int) -> bool:
    return all(cell.page == page for cell in row.values())


def _row_box(row: dict[str, RawValue]) -> tuple[float, float]:
    boxes = [cell.bbox for cell in row.values() if cell.bbox is not None]
    return min(b[1] for b in boxes), max(b[3] for b in boxes)


def _date_in(layout: Layout, top: float, bottom: float, x0: float, x1: float) -> str | None:
    """The first date printed between `top` and `bottom` under the column `x0`-`x1`."""
    words = sorted(
        (
            w
            for line in layout.lines
            for w in line.words
            if top <= (w.top + w.bottom) / 2 <= bottom and overlap(w.x0, w.x1, x0, x1) > 0
        ),
        key=lambda w: (w.top, w.x0),
    )
    text = " ".join(w.text for w in words)
    span = find_date(text)
    return None if span is None else text[span[0] : span[1]]
