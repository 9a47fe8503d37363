"""A date printed earlier than the order date, when no delivery date was read.

An order whose delivery date poflow did not read (under a label it does not know) would be
approved without the `delivery_before_order` check. A date on the page earlier than the
order date is then most often that delivery date, asked for too early, or else a reference
date (a quotation's, a framework contract's). Either way a person should look: it becomes
the delivery date at a low confidence, so the rule fires and the review screen outlines it.

Contract: `printed_dates(layouts)` lists every date on the pages with its box, in reading
order; `earlier_date(dates, order_date, month_first)` picks the first one before the order
date.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from extractors.layout import union_bbox
from extractors.line_dates import words_in
from extractors.normalise_dates import parse_date
from extractors.raw import RawValue
from extractors.value_shapes import find_date

if TYPE_CHECKING:
    from extractors.layout import Layout

EARLIER_DATE_CONFIDENCE = 0.5
"""Under any review threshold: nothing names this date a delivery date."""


def printed_dates(layouts: list[Layout]) -> tuple[RawValue, ...]:
    """Every date printed on the pages, as read, with its words' box."""
    found = []
    for layout in layouts:
        for line in layout.lines:
            text = " ".join(w.text for w in line.words)
            at = 0
            while (span := find_date(text[at:])) is not None:
                begin, end = at + span[0], at + span[1]
                used = words_in(line.words, (begin, end))
                if used:
                    found.append(
                        RawValue(
                            text[begin:end],
                            min(w.confidence for w in used),
                            layout.page_no,
                            union_bbox(used),
                        )
                    )
                at = end
    return tuple(found)


def earlier_date(
    dates: tuple[RawValue, ...], order_date: date, month_first: bool | None
) -> tuple[RawValue, date] | None:
    """The first printed date before the order date, with its value, or None."""
    for value in dates:
        parsed = parse_date(value.text, month_first=month_first)
        if parsed is not None and parsed < order_date:
            return value, parsed
    return None
