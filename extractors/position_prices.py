"""Prices typed apart from their items, by item number: "#1 at $11.40/m ($1,430.70), #2 at
$0.42/ea ($2,100.00)".

Why: a customer who types a numbered list of items ("1. 125.5 m - 10023456 Hydraulic hose")
may give the prices in a sentence of their own, each naming its item by its number ("#1",
"item 2", "Pos. 3", "ligne 1"). The item lines hold no price, so the price sentence is
matched to them by that number. A price is taken only with a reason to be one: the amount
after it that the item's quantity × price gives (the arithmetic confirms both), else a
price cue ("at", "@", "à", "each", a currency mark) and a confidence under review.

Contract: `with_position_prices(rows, pages) -> rows`, the rows with a line number and no
price or amount given those the text states for their number; other rows as they were.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.free_text_roles import agrees
from extractors.label_values import raw_value, words_in_span
from extractors.layout import page_layout
from extractors.raw import RawValue
from extractors.value_shapes import NUMBER_PATTERN, number_value
from poflow.domain import PageText, Word

Row = dict[str, RawValue]

# "#1", "item 2", "Pos. 3", "line no. 4", "ligne 1", "Position 2": an item named by number.
_REFERENCE = re.compile(
    r"(?:(?<![\w#])#\s?|\b(?:item|pos|position|line|ligne|l[íi]nea|riga|regel|zeile|"
    r"posici[óo]n|posizione|positie)\.?\s*(?:no\.?|nr\.?|n[°º]\.?)?\s*)(?P<no>\d{1,3})"
    r"(?![\d.,]\d)(?!\s?(?:x|×|pcs|ea|m|kg)\b)",
    re.IGNORECASE,
)
_MONEY = re.compile(rf"(?<![\w.,])(?:{NUMBER_PATTERN})")  # not a code's or a date's digits
_PRICE_CUE = re.compile(
    r"(?:\b(?:at|a|à|zu|je|per|for|por)\s*|@\s*)[$€£¥]?\s*$|[$€£¥]\s*$", re.IGNORECASE
)
MAX_LEAD = 20  # characters between the item's number and its price (" at US$ ")
UNCHECKED_PRICE_CONFIDENCE = 0.85  # a price by its cue alone, no amount to check it


def with_position_prices(rows: tuple[Row, ...], pages: list[PageText]) -> tuple[Row, ...]:
    """The rows, those named by number in a price sentence given its price and amount."""
    waiting = {
        row["line_no"].text: index
        for index, row in enumerate(rows)
        if "line_no" in row and "quantity" in row and not {"unit_price", "amount"} & set(row)
    }
    if not waiting:
        return rows
    out = list(rows)
    used: set[tuple[int, float, float]] = set()  # (page, top, bottom) of price sentences
    for page in pages:
        for line in page_layout(page).lines:
            for number, prices in _priced_references(line.words, page.page_no):
                index = waiting.pop(number, None)
                if index is not None:
                    out[index] = _priced(out[index], prices)
                    used.add((page.page_no, line.top, line.bottom))
    return tuple(row for row in out if not _read_from(row, used))


def _read_from(row: Row, lines: set[tuple[int, float, float]]) -> bool:
    """A row without an item code read from a price sentence: the sentence's numbers, no item."""
    found = row.get("quantity")
    if "sku" in row or found is None or found.page is None or found.bbox is None:
        return False
    middle = (found.bbox[1] + found.bbox[3]) / 2
    return any(page == found.page and top <= middle <= bottom for page, top, bottom in lines)


def _priced_references(words: tuple[Word, ...], page_no: int) -> list[tuple[str, list[RawValue]]]:
    """(item number, [price, maybe its amount]) of each item a line names by number and
    prices; nothing for a line naming fewer than one item with a price after it."""
    text = " ".join(w.text for w in words)
    found = list(_REFERENCE.finditer(text))
    out: list[tuple[str, list[RawValue]]] = []
    for at, ref in enumerate(found):
        end = found[at + 1].start() if at + 1 < len(found) else len(text)
        prices = [
            (m, raw_value(words_in_span(words, m.start(), m.end()), page_no, None))
            for m in _MONEY.finditer(text, ref.end(), end)
        ][:2]
        lead = text[ref.end() : prices[0][0].start()] if prices else ""
        if prices and len(lead) <= MAX_LEAD and _PRICE_CUE.search(lead):
            out.append((ref["no"], [replace(v, text=m.group(0)) for m, v in prices]))
    return out


def _priced(row: Row, prices: list[RawValue]) -> Row:
    """The row with the price (and the amount when qty × price gives it)."""
    quantity = number_value(row["quantity"].text)
    price = number_value(prices[0].text)
    amount = number_value(prices[1].text) if len(prices) > 1 else None
    if quantity is None or price is None:
        return row
    if amount is not None and agrees(quantity, price, amount):
        return {**row, "unit_price": prices[0], "amount": prices[1]}
    unsure = min(prices[0].confidence, UNCHECKED_PRICE_CONFIDENCE)
    return {**row, "unit_price": replace(prices[0], confidence=unsure)}
