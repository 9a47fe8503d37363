"""What a sentence says after the delivery address: when to deliver, and when the dock is open.

Why: a typed order gives the address inside a sentence ("Delivery to Unit 4, Castle Park,
Leeds LS12 6QT by Wed 20 May 2026 please.", "Adresse de livraison : ZI des Chênes, 59160
Lomme (quai 2, ouvert de 7h à 16h)."), and the reader of the address takes the sentence to
its end. An address ends with a town, a postcode or a country: a date and the words that
lead to it are the delivery date, and a remark in brackets that gives clock times is the
receiving hours; neither is part of the address.

Contract: `split_address(ship_to) -> (address, delivery date or None)`; the address's box
is cut where its text is cut (proportionally to the characters), the date's box likewise.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.normalise_dates import parse_date
from extractors.raw import RawValue
from extractors.value_shapes import WEEKDAYS_PATTERN, find_date

_WEEKDAY = re.compile(WEEKDAYS_PATTERN, re.IGNORECASE)
# A clock time: "7h", "16h30", "7:00", "8 am", "14 Uhr".
_CLOCK = re.compile(r"\b\d{1,2}(?:[:.]\d{2}\s?(?:h|uhr|am|pm)?|h\d{0,2}|\s?(?:am|pm|uhr))\b", re.I)
_HOURS_REMARK = re.compile(r"\s*\(([^()]*)\)\W*$")
DATE_IN_ADDRESS_CONFIDENCE = 0.85  # a date led in by "by"/"bis", no label: under review level


def split_address(ship_to: RawValue) -> tuple[RawValue, RawValue | None]:
    """The address without the date clause or hours remark typed after it on its last line,
    and that date (None when there is none)."""
    text = ship_to.text
    head, _, last = text.rpartition("\n")
    start = len(head) + 1 if head else 0
    date_at = _date_clause(last)
    date: RawValue | None = None
    if date_at is not None:
        cut, (d0, d1) = date_at
        confidence = min(ship_to.confidence, DATE_IN_ADDRESS_CONFIDENCE)
        date = replace(_part(ship_to, start + d0, start + d1), confidence=confidence)
        last = last[:cut]
    remark = _HOURS_REMARK.search(last)
    if remark is not None and _CLOCK.search(remark[1]):
        last = last[: remark.start()]
    last = last.rstrip(" ,;:-–")
    if len(last) == len(text) - start or not last:
        return ship_to, None
    return _part(ship_to, 0, start + len(last)), date


def _date_clause(line: str) -> tuple[int, tuple[int, int]] | None:
    """(where the clause starts, the date's span) of a dated clause ending the line: a date
    with a year, only words after it ("please", "au plus tard"), an address before it."""
    span = find_date(line)
    if span is None or parse_date(line[span[0] : span[1]]) is None:
        return None
    if any(ch.isdigit() for ch in line[span[1] :]):
        return None  # more figures follow: the "date" is part of the address
    cut = span[0]
    for word in reversed(re.findall(r"\S+\s*", line[: span[0]])):
        bare = word.strip().strip(",.;:")
        if bare and not (bare[:1].islower() or _WEEKDAY.fullmatch(bare)):
            break
        cut -= len(word)
    if not any(ch.isdigit() for ch in line[:cut]):
        return None  # no house number or postcode before it: not an address's line
    return cut, span


def _part(value: RawValue, start: int, end: int) -> RawValue:
    """text[start:end] of a value, its box cut by the share of characters on one line."""
    text = value.text[start:end].strip()
    box = value.bbox
    if box is None or "\n" in value.text:
        return replace(value, text=text)
    x0, top, x1, bottom = box
    width = (x1 - x0) / max(len(value.text), 1)
    return replace(value, text=text, bbox=(x0 + start * width, top, x0 + end * width, bottom))
