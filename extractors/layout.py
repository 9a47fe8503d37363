"""Words with boxes -> lines -> cells, in units that work for points, pixels and char grids.

Why: every later step (labels, values, table columns) reasons about "the same line",
"to the right, after a gap" and "directly below". Those need a line grouping that
tolerates a little skew left after deskew, and a gap threshold relative to the text size
rather than absolute, because a PDF is in points, a scan in pixels and a typed e-mail body
in character columns (`unit="char"`: x = column, top = line index).

Contract: `page_lines(page)` returns the page's `Line`s top to bottom; each line's words are
in reading order and split into `Cell`s at gaps wider than `Layout.cell_gap`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from statistics import median
from typing import Protocol, TypeVar

from poflow.domain import BBox, PageText, Word

# A gap wider than this many word heights separates cells (columns); a normal space is
# about 0.25-0.4 of a (PDF font-size) word height, and about 0.4-0.5 of an OCR glyph box.
_CELL_GAP_BY_UNIT = {"pt": 0.85, "px": 1.1, "char": 1.5}


def union_bbox(words: tuple[Word, ...] | list[Word]) -> BBox:
    return (
        min(w.x0 for w in words),
        min(w.top for w in words),
        max(w.x1 for w in words),
        max(w.bottom for w in words),
    )


def centre_inside(word: Word, box: BBox) -> bool:
    """The word's centre lies in the box (x0, top, x1, bottom), right and bottom edges out."""
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return box[0] <= cx < box[2] and box[1] <= cy < box[3]


@dataclass(frozen=True)
class Cell:
    """Words of one line with no wide gap between them: a phrase, a value, a table cell."""

    words: tuple[Word, ...]

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def bbox(self) -> BBox:
        return union_bbox(self.words)

    @property
    def confidence(self) -> float:
        return min(w.confidence for w in self.words)


CELL_SEPARATOR = "   "  # between the cells of `Line.text` (a cell's words: one space)


@dataclass(frozen=True)
class Line:
    """One text line of a page: words left to right, split into cells."""

    page_no: int
    words: tuple[Word, ...]
    cells: tuple[Cell, ...]
    index: int  # position on its page, top to bottom

    @cached_property
    def text(self) -> str:
        return CELL_SEPARATOR.join(c.text for c in self.cells)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def center(self) -> float:
        return median((w.top + w.bottom) / 2 for w in self.words)

    @property
    def height(self) -> float:
        return median(w.bottom - w.top for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)


@dataclass(frozen=True)
class Layout:
    """A page's lines and the measures the field finder uses to judge distances."""

    page: PageText
    lines: tuple[Line, ...]
    word_height: float  # median word height, the page's unit of "near"
    cell_gap: float  # a gap wider than this separates cells

    @property
    def page_no(self) -> int:
        return self.page.page_no

    @cached_property
    def line_pitch(self) -> float:
        """Typical distance between consecutive line centres (for "a blank line" decisions)."""
        steps = [
            b.center - a.center
            for a, b in zip(self.lines, self.lines[1:], strict=False)
            if 0 < b.center - a.center < 4 * self.word_height
        ]
        return median(steps) if steps else 1.4 * self.word_height


def page_layout(page: PageText) -> Layout:
    """Group a page's words into lines and cells."""
    ocr = page.method == "ocr"
    words = [
        w
        for w in page.words
        if w.text.strip() and not _RULING.match(w.text) and not (ocr and is_speck(w))
    ]
    height = median(w.bottom - w.top for w in words) if words else 1.0
    height = max(height, 1e-6)
    cell_gap = _CELL_GAP_BY_UNIT.get(page.unit, 1.0) * height
    groups = _group_lines(words, height, estimate_slope(words, height))
    lines = tuple(
        Line(page.page_no, tuple(g), _split_cells(g, cell_gap), i) for i, g in enumerate(groups)
    )
    return Layout(page, lines, height, cell_gap)


def estimate_slope(words: list[Word], height: float) -> float:
    """The page's text slope (dy/dx) from neighbouring words; 0 for straight text.

    A photo or a scan that deskew could not fully straighten leaves lines sloping; grouping
    words by their height *corrected for the slope* keeps such lines whole.
    """
    by_x = sorted(words, key=lambda w: w.x0)
    slopes: list[float] = []
    for i, word in enumerate(by_x):
        right = None
        for other in by_x[i + 1 :]:
            if other.x0 > word.x1 + 2 * height:
                break
            close = abs(_mid_y(other) - _mid_y(word)) < height
            if (
                close
                and other.x0 >= word.x1 - 0.2 * height
                and (right is None or other.x0 < right.x0)
            ):
                right = other
        if right is not None:
            dx = (right.x0 + right.x1 - word.x0 - word.x1) / 2
            slopes.append((_mid_y(right) - _mid_y(word)) / max(dx, 1e-6))
    if len(slopes) < 5:
        return 0.0
    slope = median(slopes)
    return slope if abs(slope) > 0.004 else 0.0


def _mid_y(word: Word) -> float:
    return (word.top + word.bottom) / 2


def _group_lines(words: list[Word], height: float, slope: float = 0.0) -> list[list[Word]]:
    """Words -> lines, left to right, each word joining the line whose last word it continues.

    Following a line's most recent word (not a fixed y) keeps slightly skewed lines whole;
    heights are compared after removing the page's slope.
    """

    def level(w: Word) -> float:
        return _mid_y(w) - slope * (w.x0 + w.x1) / 2

    open_lines: list[list[Word]] = []
    tails: list[tuple[float, float, float]] = []  # per open line: last word's level, x1, height
    for word in sorted(words, key=lambda w: (w.x0, w.top)):
        center = level(word)
        word_height = word.bottom - word.top
        best = -1
        best_distance = float("inf")
        for index, (last_level, last_x1, last_height) in enumerate(tails):
            distance = abs(last_level - center)
            if distance >= best_distance or distance > 0.5 * max(height, last_height, word_height):
                continue
            # Large type (a letterhead) may sit further off the line's centre than body text.
            allowed = 0.5 * max(height, min(word_height, last_height))
            # Words of one line barely overlap: a word starting inside the last one at a
            # different height is on another line (a small label beside a tall letterhead);
            # at the same height it is OCR's loose box (CJK glyphs next to digits).
            overlapping = word.x0 < last_x1 - 0.2 * height and distance > 0.25 * height
            if distance < allowed and not overlapping:
                best, best_distance = index, distance
        if best < 0:
            open_lines.append([word])
            tails.append((center, word.x1, word_height))
        else:
            open_lines[best].append(word)
            tails[best] = (center, word.x1, word_height)
    open_lines = _merge_stacked(open_lines, height, level)
    return sorted(open_lines, key=lambda ws: median(level(w) for w in ws))


def _merge_stacked(
    lines: list[list[Word]], height: float, level: Callable[[Word], float]
) -> list[list[Word]]:
    """Join line fragments at the same height that do not overlap horizontally.

    Greedy left-to-right grouping can split one line when a taller word (a bold label)
    shifts the running centre; fragments on the same baseline belong together.
    """
    lines.sort(key=lambda ws: median(level(w) for w in ws))
    merged: list[list[Word]] = []
    for line in lines:
        center = median(level(w) for w in line)
        target = None
        for other in merged[-3:]:
            other_center = median(level(w) for w in other)
            if abs(other_center - center) < 0.35 * height and _disjoint(other, line):
                target = other
                break
        if target is None:
            merged.append(list(line))
        else:
            target.extend(line)
            target.sort(key=lambda w: w.x0)
    return merged


def _disjoint(a: list[Word], b: list[Word]) -> bool:
    return max(w.x1 for w in a) <= min(w.x0 for w in b) or max(w.x1 for w in b) <= min(
        w.x0 for w in a
    )


def _split_cells(words: list[Word], cell_gap: float) -> tuple[Cell, ...]:
    words = join_digit_groups(words, cell_gap)
    cells: list[list[Word]] = [[words[0]]]
    for prev, word in pairwise(words):
        if word.x0 - prev.x1 > cell_gap and not _letter_spaced(prev, word, cell_gap):
            cells.append([word])
        else:
            cells[-1].append(word)
    return tuple(Cell(tuple(c)) for c in cells)


def _letter_spaced(prev: Word, word: Word, cell_gap: float) -> bool:
    """Two single Chinese characters a little apart: one word set letter-spaced to fill
    its box ("合   计", "税   额"), not two cells."""
    single = all(len(w.text) == 1 and _CJK_CHAR.match(w.text) for w in (prev, word))
    return single and word.x0 - prev.x1 <= 2.5 * cell_gap


# Table rulings and scan specks that OCR reads as "words" ("|", "___", "—").
_RULING = re.compile(r"^(?:[|_~—=¦\[\]{}]+|-{2,})$")
_MEANINGFUL_MARKS = set(":#/-–€$£¥%&@+=×Ø·(")


def is_speck(word: Word) -> bool:
    """An OCR'd speck of dirt: punctuation on its own, or a tiny unsure non-word."""
    text = word.text.strip()
    if not any(c.isalnum() for c in text):
        return not any(c in _MEANINGFUL_MARKS for c in text)
    tiny = len(text) <= 2 and not any(c.isdigit() for c in text)
    return tiny and word.confidence < 0.3 and not _CJK_CHAR.search(text)


_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
_GROUP_HEAD = re.compile(r"^[^\d\s]{0,3}-?\d{1,3}$")
_GROUP_TAIL = re.compile(r"^\d{3}(?:[.,]\d{1,4})?[^\d\s]{0,3}$")


def join_digit_groups(words: list[Word], cell_gap: float) -> list[Word]:
    """ "1 217,00" printed with a space as thousands separator is one number, not two."""
    out: list[Word] = []
    for word in words:
        prev = out[-1] if out else None
        if (
            prev is not None
            and _GROUP_HEAD.match(prev.text.split(" ")[-1])
            and _GROUP_TAIL.match(word.text)
            and word.x0 - prev.x1 <= cell_gap
        ):
            text = f"{prev.text} {word.text}"
            conf = min(prev.confidence, word.confidence)
            top, bottom = min(prev.top, word.top), max(prev.bottom, word.bottom)
            out[-1] = Word(text, prev.x0, top, word.x1, bottom, conf)
        else:
            out.append(word)
    return out


def blocks(layout: Layout) -> list[list[Line]]:
    """Runs of lines with no blank line between them (paragraphs, address blocks)."""
    runs: list[list[Line]] = []
    for line in layout.lines:
        if runs and line.center - runs[-1][-1].center < 1.7 * layout.line_pitch:
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """Length of the overlap of two x-ranges (0 when apart)."""
    return max(0.0, min(a1, b1) - max(a0, b0))


class Span(Protocol):
    """Anything with an x-range (a column, a cell)."""

    @property
    def x0(self) -> float: ...
    @property
    def x1(self) -> float: ...


S = TypeVar("S", bound=Span)


def nearest_span(x0: float, x1: float, spans: Sequence[S]) -> S:
    """The span [x0, x1] shares most of (under two headings: the one it shares more of),
    else the closest one."""

    def distance(span: S) -> float:
        shared = overlap(x0, x1, span.x0, span.x1)
        if shared > 0:
            return -shared
        return min(abs(x0 - span.x1), abs(span.x0 - x1))

    return min(spans, key=distance)
