"""Hand-built pages for the field-extraction tests: text placed at (x, y) like a PDF would.

Each `(x, "text")` is split at single spaces into words of `char_width` points per
character, so a phrase stays one cell and separately placed texts are separate cells.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractors.raw import RawValue
from poflow.domain import PageText, Word

Row = tuple[float, Sequence[tuple[float, str]]]


def page(
    rows: Sequence[Row],
    *,
    page_no: int = 1,
    size: float = 10.0,
    char_width: float = 5.5,
    skew: float = 0.0,
    confidence: float = 1.0,
    width: float = 595.0,
    height: float = 842.0,
    unit: str = "pt",
) -> PageText:
    """A page of words; `skew` shifts each word down by skew × x (a slightly rotated scan)."""
    words: list[Word] = []
    for y, cells in rows:
        for x, text in cells:
            position = x
            for token in text.split(" "):
                if token:
                    top = y + skew * position
                    right = position + char_width * len(token)
                    words.append(Word(token, position, top, right, top + size, confidence))
                position += char_width * (len(token) + 1)
    method = "ocr" if unit == "px" else "text_layer"
    return PageText(page_no, width, height, tuple(words), method, unit=unit)  # type: ignore[arg-type]


def texts(rows: Sequence[dict[str, RawValue]], column: str) -> list[str | None]:
    """One column of extracted rows as texts (None where the row has no such cell)."""
    return [r[column].text if column in r else None for r in rows]
