"""Payment terms printed where their label could not be read.

A photo's label column may come out as noise ("nn" for "Liefertermin: / Zahlungsbedingungen:")
or not at all (a heading row in white on a dark band), while the values beside or under it
read cleanly. A header cell that is nothing but the standard wording of payment terms ("Net
30", "30 Tage netto", "30 days net") says what it is without a label; nothing else on an
order is worded so. Taken only when no label gave the terms, above the item table, and at a
confidence under review: the shape is evidence, not a reading of the label.

Contract: `unlabelled_terms(layouts, header_at) -> RawValue | None`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from extractors.label_values import raw_value
from extractors.printed_text import DAY_WORDS

if TYPE_CHECKING:
    from extractors.layout import Layout
    from extractors.raw import RawValue

UNLABELLED_TERMS_CONFIDENCE = 0.6  # the wording alone: a person confirms

_NET = r"(?:net|netto|neto|netti)"
_TERMS = re.compile(
    rf"{_NET}\s?\d{{1,3}}(?:\s{DAY_WORDS})?|\d{{1,3}}\s{DAY_WORDS}\s{_NET}", re.IGNORECASE
)


def unlabelled_terms(layouts: list[Layout], header_at: tuple[int, int] | None) -> RawValue | None:
    """The first header cell worded as payment terms, above the item table."""
    for layout in layouts[:1]:
        for line in layout.lines:
            if header_at is not None and (layout.page_no, line.index) >= header_at:
                return None
            for cell in line.cells:
                if _TERMS.fullmatch(cell.text.strip(".,;:")):
                    value = raw_value(cell.words, layout.page_no, None)
                    confidence = min(value.confidence, UNLABELLED_TERMS_CONFIDENCE)
                    return replace(value, confidence=confidence)
    return None
