"""Lines inside an item table that belong to no item's text: page furniture, an EDI print's
segment tags, and an item's labelled detail lines.

Why apart from `tables`: each is a test of one line's words, whatever the columns; the
table reader skips the first two and keeps the third out of the description above it.

Contract: `page_furniture(line)`, `segment_tags(line)` and `item_details(line)`, each a
bool about one laid-out line.
"""

from __future__ import annotations

import re

from extractors.layout import Line
from extractors.vocabulary import find_labels, labels_in_text

_PAGE_WORD = r"(?:page|seite|página|pagina|strona|pag\.)"
_FOOTER = re.compile(
    rf"\b{_PAGE_WORD}\s*\d+|\bcontinued\b|\bfortsetzung\b|\bsuite\b|"
    r"carried\s+forward|brought\s+forward|\bübertrag\b|\breport\b|\bà\s+reporter\b|"
    r"^-\s*\d+\s*-$|^\d+\s*/\s*\d+$|第\s*\d+\s*页|续",
    re.IGNORECASE,
)
_PAGE_NO = re.compile(rf"{_PAGE_WORD}\s*\d+(\s*(of|von|de|sur|di|z|/)\s*\d+)?", re.IGNORECASE)


def page_furniture(line: Line) -> bool:
    """ "Page 1 of 2", "continued", "Übertrag" opening the line, or a cell that is a page
    number ("PO Nbr 1038197   Page 1 of 2"): a page footer, whatever the cells before say."""
    if _FOOTER.search(line.cells[0].text):
        return True
    return any(_PAGE_NO.fullmatch(cell.text) for cell in line.cells)


_SEGMENT_TAG = re.compile(r"[A-Z]{3}(?:\+[A-Z0-9+:]*)?")
_CENTS = re.compile(r"\d[.,]\d{2}(?!\d)")


def segment_tags(line: Line) -> bool:
    """An EDI print's row of segment tags under the headings ("LIN  PIA+5 SA  QTY+21
    PRI+AAA  MOA+203"): what each column was in the message, no item (OCR may split off a
    tag's qualifier, "QTY  6411", or garble one)."""
    tags = [w.text for w in (c.words[0] for c in line.cells) if _SEGMENT_TAG.fullmatch(w.text)]
    qualified = sum("+" in tag for tag in tags)  # "QTY+21": "PCS  EUR  NET" are no tags
    priced = any(_CENTS.search(w.text) for w in line.words)
    return qualified >= 2 and len(tags) >= 3 and 2 * len(tags) >= len(line.cells) and not priced


def item_details(line: Line) -> bool:
    """A line under an item that holds the order's labels with their values, as an ERP
    prints an item's schedule, account and notes ("Ship To: 1550 Bayshore Blvd  Promised:",
    "Delivery date: 27.02.2026", "Requester J. Miller · Account 6409 · Deliver By …"): no
    description. Labels are those of the order's header, not an item's own ("Colour: red")."""
    words = line.words
    labels = find_labels(words, "header")
    if not labels:
        return False
    paired = sum(w.text.endswith(":") and len(w.text) > 1 for w in words[:-1])
    if paired >= 2 and any(m.colon for m in labels):  # "Customer part no.: X  Rev: B" stays
        return True
    return _opens_labelled(line) or _labelled_parts(line.text) >= 2


def _opens_labelled(line: Line) -> bool:
    """The line opens with order labels up to a colon, a value after it ("Note to Supplier:
    Ship complete", "Delivery date: Day 27.02.2026")."""
    words = line.words
    expected = 0
    for match in find_labels(words, "header"):
        if match.first != expected:
            return False
        if match.colon:
            return match.last < len(words) - 1 or match.ends_inside_word
        expected = match.last + 1
    return False


_PART_SEPARATOR = re.compile(r"\s[·•|–-]\s")  # OCR reads a "·" as "-"


def _labelled_parts(text: str) -> int:
    """Parts of a line split at " · ", " | " or " - " that open with an order label, when
    there are three parts or more ("Req Line 87288-1 · Requester J. Miller · Account …")."""
    parts = _PART_SEPARATOR.split(text)
    if len(parts) < 3:
        return 0
    return sum(any(m.first == 0 for m in labels_in_text(p, "header")) for p in parts)
