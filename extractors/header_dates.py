"""The order date printed without a label: under the document's title and PO number.

Why: NetSuite and many other ERPs print "Purchase Order / #PO10811 / 5/18/2026" in the top
corner and no "Date:" label at all; the date under the title is the order's date. Found
only by position, it is less sure than a labelled one (`UNLABELLED_DATE`).

Contract: `title_date(layout, taken) -> RawValue | None`, asked only when no label gave an
order date; `taken` are the boxes of values other fields have read already.
`unlabelled_date(value)` caps the confidence of any date found without a label.
"""

from __future__ import annotations

import re

from extractors.label_values import raw_value, words_in_span
from extractors.layout import Layout, Line, overlap
from extractors.raw import RawValue
from extractors.value_shapes import WEEKDAYS_PATTERN, find_date, find_yearless_date
from extractors.vocabulary import find_labels
from poflow.domain import BBox, Word

UNLABELLED_DATE = 0.85  # a date found by position alone stays under the usual review threshold
_TITLE_REACH = 3.5  # line pitches below the title where its date may stand
_HEADER_SHARE = 0.4  # the title block is in the top part of the first page
_DATE_WORDS = ("date", "datum", "fecha", "data")  # short labels OCR may garble beyond reading


def title_date(layout: Layout, taken: list[BBox]) -> RawValue | None:
    """The one lone date under or beside the title ("Purchase Order"), or None."""
    title = _title(layout)
    if title is None:
        return None
    line, (x0, x1) = title
    found: list[RawValue] = []
    for below in layout.lines[line.index :]:
        if below.center - line.center > _TITLE_REACH * layout.line_pitch:
            break
        if below is not line and any(find_labels(c.words, "header") for c in below.cells):
            continue
        for cell in below.cells:
            beside = below is line and cell.x0 >= x1
            under = below is not line and overlap(cell.x0, cell.x1, x0, x1) > 0
            words = _lone_date(cell.words) if beside or under else None
            if words and not any(_same_box(words, box) for box in taken):
                found.append(raw_value(words, layout.page_no, None))
    if len(found) != 1:
        return None  # two dates there (order and delivery?): which is which is no guess
    return found[0]


def unlabelled_date(value: RawValue) -> RawValue:
    """A date that no label names: its reading, but never above `UNLABELLED_DATE`."""
    confidence = min(value.confidence, UNLABELLED_DATE)
    return RawValue(value.text, confidence, value.page, value.bbox, value.label)


def _title(layout: Layout) -> tuple[Line, tuple[float, float]] | None:
    """The first line in the top of the page with the document's title: a PO-number label
    ("Purchase Order", "Bon de commande") that fills whole cells and has no value."""
    for line in layout.lines:
        if line.center > _HEADER_SHARE * layout.page.height:
            return None
        for match in find_labels(line.words, "header"):
            words = line.words[match.first : match.last + 1]
            if match.field == "po_number" and not match.ends_inside_word and _whole(line, words):
                return line, (words[0].x0, max(w.x1 for w in words))
    return None


def _whole(line: Line, words: tuple[Word, ...]) -> bool:
    """The words are all of the cells they are in (a title, not a label before its value)."""
    cells = [c for c in line.cells if set(c.words) & set(words)]
    return sum(len(c.words) for c in cells) == len(words) and not any(
        ch.isdigit() for w in words for ch in w.text
    )


def _lone_date(words: tuple[Word, ...]) -> tuple[Word, ...] | None:
    """The words of a cell that is a date and nothing else; OCR may have made one short word
    of a "Date" label before it."""
    text = " ".join(w.text for w in words)
    span = find_date(text)
    if span is None:
        return None
    before, after = text[: span[0]].strip(" .,:;"), text[span[1] :].strip(" .,:;")
    if after or (before and not _garbled_label(words[0], before)):
        return None
    return words[1:] if before else words


def _garbled_label(word: Word, before: str) -> bool:
    """An OCR'd word two letters at most off a short date label ("pate", "pare": "DATE")."""
    from rapidfuzz.distance import Levenshtein

    if word.confidence >= 0.999 or before != word.text or not 4 <= len(before) <= 5:
        return False
    return any(Levenshtein.distance(before.lower(), label) <= 2 for label in _DATE_WORDS)


def _same_box(words: tuple[Word, ...], box: BBox) -> bool:
    x0, top, x1, bottom = box
    return any(
        overlap(w.x0, w.x1, x0, x1) > 0 and overlap(w.top, w.bottom, top, bottom) > 0 for w in words
    )


# --- a delivery date said in a sentence ------------------------------------------------------

# "We need these on site by Saturday 6/13/2026", "bitte bis Freitag, 20.03.2026 liefern",
# "livrer pour le samedi 14 mars 2026": a word of delivery in the sentence, and a date led in
# by "by"/"bis"/"avant le" (maybe a weekday between) is when to deliver.
_DELIVERY_WORD = re.compile(
    r"\b(?:need\w*|requir\w*|deliver\w*|ship\w*|dispatch\w*|on\s+site|arriv\w*|"
    r"liefer\w*|anliefer\w*|livr\w*|entreg\w*|env[ií]\w*|consegn\w*|spedi\w*|lever\w*)\b",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(
    r"\b(?:by|before|until|no\s+later\s+than|bis(?:\s+(?:zum|sp[äa]testens))?|"
    r"sp[äa]testens(?:\s+(?:am|bis))?|avant(?:\s+le)?|pour\s+le|d'ici\s+(?:au|le)|"
    r"antes\s+del?|para\s+el|a\s+m[áa]s\s+tardar\s+el|entro(?:\s+il)?|uiterlijk(?:\s+op)?|"
    rf"v[oó]{{1,2}}r)\s+(?:(?:{WEEKDAYS_PATTERN})\.?,?\s+)?(?:the\s+|den\s+|le\s+|el\s+|il\s+)?$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZÀ-Þ])")
SAID_DELIVERY_CONFIDENCE = 0.8  # a sentence's words, no label: a person confirms


def said_delivery_date(layouts: list[Layout]) -> RawValue | None:
    """The first date a sentence asks delivery by, or None (asked when no label gave one)."""
    for layout in layouts:
        for line in layout.lines:
            text = " ".join(w.text for w in line.words)
            for start, end in _dates(text):
                sentence = _SENTENCE_END.split(text[:start])[-1]
                lead = _LEAD_IN.search(sentence)
                if lead is not None and _DELIVERY_WORD.search(sentence[: lead.start()]):
                    value = raw_value(words_in_span(line.words, start, end), layout.page_no, None)
                    return RawValue(
                        text[start:end],
                        min(value.confidence, SAID_DELIVERY_CONFIDENCE),
                        value.page,
                        value.bbox,
                        lead.group(0).strip(),
                    )
    return None


# What may follow the date a sentence asks for: "… by 6 April please."
_COURTESY = re.compile(
    r"\s*(?:please|pls|thanks|thank you|bitte|merci|svp|grazie)?\s*[.!]?\s*", re.I
)


def without_said_date(text: str) -> str:
    """`text` without the clause that ends it asking for a date ("Goods In, Bay 7, Bristol
    BS2 0QT by 6 April please"): what `said_delivery_date` reads as when, not where."""
    spans = _dates(text)
    if not spans or not _COURTESY.fullmatch(text[spans[-1][1] :]):
        return text
    lead = _LEAD_IN.search(text[: spans[-1][0]])
    return text[: lead.start()].rstrip(" ,") if lead else text


def _dates(text: str) -> list[tuple[int, int]]:
    """The spans of the date-shaped texts in `text`, left to right; without a full date, of
    days and months typed without a year ("by March 23")."""
    for find in (find_date, find_yearless_date):
        spans: list[tuple[int, int]] = []
        at = 0
        while (found := find(text[at:])) is not None:
            spans.append((at + found[0], at + found[1]))
            at += found[1]
        if spans:
            return spans
    return []
