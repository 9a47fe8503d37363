"""Table columns decided from their data: what an unread heading holds, a misread one repaired.

Why apart from `table_rows`: a row's cells are cleaned one row at a time, but what a column
*is* shows only over the whole table ("a column of bare numbers is the quantity", "00010,
00020 are positions", "a 'SKU' column full of phrases is the description"). Where shapes
leave a choice, the order of the number columns under which qty × price = amount holds on
more rows decides. A column named by its data, not its heading, is marked `guessed`.

Contract: `resolve_columns(rows)` renames the columns of `RowCells` in place, before
`table_rows.finish_row`; a second code column becomes `OTHER_CODE`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise, permutations

from extractors.table_rows import (
    NUMERIC,
    UNREAD,
    RowCells,
    adds_up,
    cell_text,
    is_currency_word,
    is_unit_word,
    trim_specks,
)
from extractors.value_shapes import find_currency, is_code, is_money
from poflow.domain import Word


def resolve_columns(rows: list[RowCells]) -> None:
    """Decide from the data what unread columns hold, and repair a misread column.

    A column whose every value is one number is the quantity (when none was found); one
    code per row is the SKU; text is description. A "SKU" column full of phrases is the
    description, and a "description" column of bare numbers the quantity.
    """
    small = _mostly(rows, "sku", lambda ws: all(re.fullmatch(r"\d{1,3}\.?", w.text) for w in ws))
    if (small or _counts_up(rows, "sku")) and not any(r.cells.get("line_no") for r in rows):
        _move(rows, "sku", "line_no")  # an "Item" column of 1, 2, 3 or 00010, 00020 numbers lines
    codes = _mostly(rows, "line_no", lambda ws: len(ws) == 1 and _code_not_position(ws[0]))
    if codes and not any(r.cells.get("sku") for r in rows):
        _move(rows, "line_no", "sku")  # "Nr." over 8810-001, HB.M10X50.Z: the item number
    _supplier_codes_first(rows)
    keys = sorted({k for r in rows for k in r.cells if k.startswith(UNREAD)})
    for key in keys:
        if _mostly(rows, key, _rate):
            _move(rows, key, "other")  # "19 %", "7%": a tax or discount rate, no amount
            continue
        values = [trim_specks(r.cells[key]) for r in rows if r.cells.get(key)]
        kind = "line_no" if _positions(rows, key) else _kind_of([v for v in values if v], rows)
        _move(rows, key, _role_by_arithmetic(rows, key) if kind == _TAKEN else kind)
    phrases = _mostly(rows, "sku", lambda ws: len(ws) >= 3 or not any(is_code(w.text) for w in ws))
    if phrases and not any(r.cells.get("description") for r in rows):
        _move(rows, "sku", "description")
    numbers = _mostly(rows, "description", lambda ws: len(ws) == 1 and is_money(ws[0].text))
    if numbers and not any(r.cells.get("quantity") for r in rows):
        _move(rows, "description", "quantity")
    _numbers_by_arithmetic(rows)


def _rate(words: list[Word]) -> bool:
    """A number with a percent sign ("19 %", "10%"): a rate, never a quantity or money."""
    text = "".join(w.text for w in words)
    return bool(_RATE.fullmatch(text))


_RATE = re.compile(r"[-+]?\d{1,3}(?:[.,]\d{1,4})?%")


def _code_not_position(word: Word) -> bool:
    return is_code(word.text) and not _POSITION.fullmatch(word.text)


# A second code column: the buyer's own item number beside the supplier's code, or
# codes under a heading the vocabulary does not know; the catalogue may prefer it.
OTHER_CODE = "other_code"


def _supplier_codes_first(rows: list[RowCells]) -> None:
    """The supplier's code ("Vendor #", "Your item no.") is the item code the order desk
    knows; the buyer's own number beside it ("Item": ITM-43428) is kept aside, for the
    catalogue to choose when the supplier's code is not one of ours."""
    for row in rows:
        supplier = row.cells.pop("supplier_sku", [])
        if not any(is_code(w.text) for w in supplier):
            if supplier and "sku" not in row.cells:
                row.cells["sku"] = supplier  # the only code column, whatever it holds
            continue
        buyer = row.cells.pop("sku", [])
        if buyer:
            row.cells[OTHER_CODE] = buyer
        row.cells["sku"] = supplier


def _numbers_by_arithmetic(rows: list[RowCells]) -> None:
    """Price and amount headings swapped or misleading ("Amount" over the unit price, "Total"
    over the line total): the order of the three number columns under which qty × price =
    amount holds on more rows wins. Quantity and price trade places in that product, so a
    tie goes to the order whose quantity column prints no currency ("Amount" over 1.00 and
    400.00 beside "Price" over 160.00 €: the currency marks the price); otherwise only a
    strict gain counts and the headings keep a tie."""
    best: tuple[str, ...] = NUMERIC
    best_fits = (_adding_up(rows, {}), -_priced(rows, "quantity"))
    for order in permutations(NUMERIC):
        read_from = dict(zip(NUMERIC, order, strict=True))
        fits = (_adding_up(rows, read_from), -_priced(rows, read_from["quantity"]))
        if fits > best_fits:
            best, best_fits = order, fits
    if best == NUMERIC:
        return
    for row in rows:
        taken = {source: row.cells.pop(source, []) for source in NUMERIC}
        for field_name, source in zip(NUMERIC, best, strict=True):
            if taken[source]:
                row.cells[field_name] = taken[source]
                row.guessed.add(field_name)


# "10." and JD Edwards' "10.000" (a decimal for sub-lines, 10.001) number lines too.
_POSITION = re.compile(r"\d{1,6}(?:\.0{0,3})?")


def _counts_up(rows: list[RowCells], column: str) -> bool:
    """Item positions: whole numbers rising by one step (1, 2, 3 or 00010, 00020, 00030).

    Item codes that are numbers are not printed in steps; a single row is a position only
    when it is the first step (1 or 10).
    """
    values = [r.cells.get(column, []) for r in rows]
    if not values or not all(len(v) == 1 and _POSITION.fullmatch(v[0].text) for v in values):
        return False
    numbers = [int(v[0].text.partition(".")[0]) for v in values]
    steps = {b - a for a, b in pairwise(numbers)}
    if not steps:
        return numbers[0] in {1, 10}
    return len(steps) == 1 and steps.pop() in {numbers[0], 1} and numbers[0] > 0


def _positions(rows: list[RowCells], key: str) -> bool:
    """An unnamed column of 1, 2, 3 on every row, no position column named: it numbers the
    lines (quantities seldom count up by one; on two rows only when the quantity is named)."""
    quantity = any(r.cells.get("quantity") for r in rows)
    if len(rows) < (2 if quantity else 3) or any(r.cells.get("line_no") for r in rows):
        return False
    return all(r.cells.get(key) for r in rows) and _counts_up(rows, key)


def _kind_of(values: list[list[Word]], rows: list[RowCells]) -> str:
    def absent(column: str) -> bool:
        return not any(r.cells.get(column) for r in rows)

    values = [[w for w in v if not is_currency_word(w)] or v for v in values]  # "£117.60 GBP"
    if values and all(len(v) == 1 and is_unit_word(v[0]) for v in values) and absent("unit"):
        return "unit"
    if values and all(len(v) == 1 and _is_number(v[0].text) for v in values):
        # A number column the headings did not name fills the numeric field still missing:
        # money marks say price or amount; bare numbers are more likely the quantity.
        money = any(find_currency(v[0].text) for v in values)
        order = ("amount", "unit_price", "quantity") if money else NUMERIC
        return next((column for column in order if absent(column)), _TAKEN)
    if values and all(len(v) == 1 and is_code(v[0].text) for v in values):
        if absent("sku"):
            return "sku"
        if absent(OTHER_CODE):
            return OTHER_CODE
    return "description"


_TAKEN = "numbers"  # a number column for a field another column already fills


def _is_number(text: str) -> bool:
    """A quantity or money: letters only as a currency ("CH.100.210" is an item code)."""
    return is_money(text) and (not any(c.isalpha() for c in text) or bool(find_currency(text)))


def _role_by_arithmetic(rows: list[RowCells], key: str) -> str:
    """A second price or amount column ("Price", "Disc. %", "Net price"): the one with which
    qty × price = amount holds on more rows takes the field, the other is set aside."""
    best, best_fits = "other", _adding_up(rows, {})
    for role in NUMERIC:
        fits = _adding_up(rows, {role: key})
        if fits > best_fits:
            best, best_fits = role, fits
    if best != "other":
        _move(rows, best, "other")
    return best


def _priced(rows: list[RowCells], column: str) -> int:
    """Rows whose `column` cell prints a currency: money, so no quantity."""
    return sum(bool(find_currency(cell_text(r.cells.get(column, [])))) for r in rows)


def _adding_up(rows: list[RowCells], read_from: dict[str, str]) -> int:
    """Rows where qty × price = amount, each field read from `read_from`'s column if named."""
    return sum(
        adds_up(*(cell_text(row.cells.get(read_from.get(f, f), [])) for f in NUMERIC))
        for row in rows
    )


def _mostly(rows: list[RowCells], column: str, test: Callable[[list[Word]], bool]) -> bool:
    values = [r.cells[column] for r in rows if r.cells.get(column)]
    return bool(values) and sum(test(v) for v in values) * 2 > len(values)


def _move(rows: list[RowCells], source: str, target: str) -> None:
    for row in rows:
        words = row.cells.pop(source, [])
        if words:
            row.cells[target] = reading_order(row.cells.get(target, []) + words)
            row.guessed.add(target)


def reading_order(words: list[Word]) -> list[Word]:
    """Words of several columns of one row (maybe over several lines) in reading order."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        # Same line when its middle is within the line's first word (OCR boxes of one line
        # differ in height: "ji" is half as tall as "plated").
        if lines and (word.top + word.bottom) / 2 < lines[-1][0].bottom:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [w for line in lines for w in sorted(line, key=lambda w: w.x0)]
