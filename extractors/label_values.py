"""Labels found on laid-out pages, and the candidate values beside or below them.

Why separate: the header fields, the party blocks and the totals all ask the same two
questions — "where are the labels?" and "what is printed right of / under this label?" —
and answer them with the same geometry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property

from extractors.layout import Cell, Layout, Line, overlap, union_bbox
from extractors.raw import RawValue
from extractors.vocabulary import Group, LabelMatch, find_labels, has_cjk, norm_token
from poflow.domain import Word

_SEPARATORS = ":：#-–|"


@dataclass(frozen=True)
class Hit:
    """A label on a page: the line and cell it sits in, and the match within that cell."""

    layout: Layout
    line: Line
    cell_index: int
    match: LabelMatch

    @property
    def cell(self) -> Cell:
        return self.line.cells[self.cell_index]

    @property
    def field(self) -> str:
        return self.match.field

    @cached_property
    def label_words(self) -> tuple[Word, ...]:
        return self.cell.words[self.match.first : self.match.last + 1]

    @property
    def label_text(self) -> str:
        return " ".join(w.text for w in self.label_words)

    @property
    def x0(self) -> float:
        return self.label_words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.label_words)

    @property
    def order(self) -> tuple[int, int, int, int]:
        return (self.layout.page_no, self.line.index, self.cell_index, self.match.first)


def cell_labels(cell: Cell, group: Group) -> list[LabelMatch]:
    """Matches that act as labels: at the start of the cell, or ending with a colon.

    Bilingual labels ("Lieferadresse / Ship To:", "采购方 Buyer:", "Total netto / Net total")
    are merged into one label first, so the value starts after the last of them.
    """
    merged = merge_bilingual(cell.words, find_labels(cell.words, group))
    return [
        m
        for m in merged
        if m.first == 0 or m.colon or _after_modifiers(cell, m, group) or _in_prose(m, group)
    ]


# Fields whose values have a strict shape may be labelled mid-sentence ("our PO number is
# 4500077123, order date 12 March 2026"): the shape check keeps this safe.
_PROSE_FIELDS = {"po_number", "order_date", "delivery_date"}
_FILLERS = {"is", "ist", "est", "es", "was", "lautet", "=", "of", "the", "le", "la", "el", "our"}


def _in_prose(match: LabelMatch, group: Group) -> bool:
    return group == "header" and match.field in _PROSE_FIELDS and match.priority == 2


def merge_bilingual(words: tuple[Word, ...], matches: list[LabelMatch]) -> list[LabelMatch]:
    """Each label with its other language: two labels the vocabulary knows printed as one
    ("Lieferadresse / Ship To") merged, then a translation it does not know taken in."""
    out: list[LabelMatch] = []
    for match in matches:
        prev = out[-1] if out else None
        if prev is not None and _joins(words, prev, match):
            best = max((prev, match), key=lambda m: (m.priority, m is match))
            out[-1] = replace(
                match,
                field=best.field,
                phrase=f"{prev.phrase} / {match.phrase}",
                first=prev.first,
                priority=max(prev.priority, match.priority),
                colon=prev.colon or match.colon,
            )
        else:
            out.append(match)
    return _with_translations(words, out)


def _joins(words: tuple[Word, ...], prev: LabelMatch, match: LabelMatch) -> bool:
    between = [w.text for w in words[prev.last + 1 : match.first]]
    if prev.ends_inside_word or match.first <= prev.last:
        return False
    slash = bool(between) and all(t in {"/", "|", "-", "–"} for t in between)
    if between and not slash:
        return False
    cjk = has_cjk(words[prev.first].text) != has_cjk(words[match.first].text)
    return slash or cjk or prev.field == match.field or prev.priority == 1


def _with_translations(words: tuple[Word, ...], matches: list[LabelMatch]) -> list[LabelMatch]:
    """Each label with the translation printed after a slash ("TERMS / MODALITÉS", "SHIP TO /
    EXPÉDIER À") taken into it, though the vocabulary does not know those words: what
    follows " / " up to the next label, with no digit in it, is the label again in another
    language (a value never starts with a slash)."""
    out: list[LabelMatch] = []
    for i, match in enumerate(matches):
        end = matches[i + 1].first if i + 1 < len(matches) else len(words)
        rest = [w.text for w in words[match.last + 1 : end]]
        translated = (
            not match.ends_inside_word
            and bool(rest)
            and rest[0].startswith("/")
            and len(rest) <= MAX_TRANSLATION_WORDS
            and not any(ch.isdigit() for text in rest for ch in text)
        )
        out.append(
            replace(match, last=end - 1, colon=rest[-1].endswith(":")) if translated else match
        )
    return out


MAX_TRANSLATION_WORDS = 5  # "/ N° DE COMMANDE", "/ DATE DE LIVRAISON" (more: prose)


_MODIFIERS = {
    "zzgl",
    "zzgl.",
    "plus",
    "add",
    "incl",
    "incl.",
    "inkl",
    "inkl.",
    "+",
    "less",
    "ajout",
    "est",
    "est.",
    "estimated",
}


def _after_modifiers(cell: Cell, match: LabelMatch, group: Group) -> bool:
    """ "zzgl. 19 % MwSt.": a totals label after a rate or "plus", or after its Chinese or
    Japanese version, is still the row's label."""
    if group != "totals":
        return False
    if all(_native_label(w) for w in cell.words[: match.first]):
        return True  # "運賃 Freight": the label in Chinese or Japanese first (OCR may misread it)
    # "Add: CGST", and OCR's marks around a word ("‘Add:", "_Add:")
    before = [w.text.lower().strip(":‘’'\"_.,") for w in cell.words[: match.first]]
    return len(before) <= 3 and all(
        t in _MODIFIERS or "%" in t or t.replace(",", "").replace(".", "").isdigit() for t in before
    )


def _native_label(word: Word) -> bool:
    """A word of the Chinese or Japanese version of a label, as read or garbled past reading
    ("/\\et Sub Total" for "小計 Sub Total": a word OCR was unsure of)."""
    return (has_cjk(word.text) and not _has_number(word.text)) or word.confidence < GARBLED_LABEL


GARBLED_LABEL = 0.7  # OCR's confidence in a word it made of glyphs it does not know


def collect_hits(layouts: list[Layout], group: Group) -> list[Hit]:
    hits: list[Hit] = []
    for layout in layouts:
        for line in layout.lines:
            for index, cell in enumerate(line.cells):
                hits.extend(Hit(layout, line, index, m) for m in cell_labels(cell, group))
    return hits


def starts_with_label(cell: Cell, groups: tuple[Group, ...] = ("header",)) -> bool:
    return any(m.first == 0 for g in groups for m in find_labels(cell.words, g))


def bare_label(cell: Cell) -> bool:
    """The cell holds a label and nothing else (no value beside it)."""
    last = len(cell.words) - 1
    return any(
        m.first == 0 and m.last == last and not m.ends_inside_word
        for group in _LABEL_GROUPS
        for m in merge_bilingual(cell.words, find_labels(cell.words, group))
    )


_LABEL_GROUPS: tuple[Group, ...] = ("header", "totals")


def tail_word(word: Word, offset: int) -> Word | None:
    """The part of a word after `offset` characters (a value glued to its label: "PO#4500")."""
    rest = word.text[offset:]
    stripped = rest.lstrip(_SEPARATORS + " ")
    if not stripped:
        return None
    start = offset + len(rest) - len(stripped)
    width = word.x1 - word.x0
    x0 = word.x0 + width * start / max(len(word.text), 1)
    return Word(stripped, x0, word.top, word.x1, word.bottom, word.confidence)


def same_cell_value(hit: Hit) -> tuple[Word, ...]:
    """Words after the label in its own cell, up to the next "Label:" in that cell."""
    words = hit.cell.words
    out: list[Word] = []
    if hit.match.ends_inside_word:
        tail = tail_word(words[hit.match.last], hit.match.value_offset)
        if tail is not None:
            out.append(tail)
    stop = len(words)
    for other in find_labels(words, "header"):
        if other.first > hit.match.last and other.colon:
            stop = min(stop, other.first)
    start = hit.match.last + 1
    if not hit.match.colon and not hit.match.ends_inside_word:
        start += _label_run_on(words[start:stop])
    out.extend(w for w in words[start:stop] if w.text not in _SEPARATORS)
    out = _without_format_hints(out, hit.field)
    # Fillers ("is"), and a "No." cut off its label by a misread mark ("P.O: No.").
    while out and (out[0].text.lower().strip(":") in _FILLERS or _number_word(out[0])):
        out.pop(0)
    if out and stop == len(words):
        out.extend(_run_on_cell(hit, out[-1]))
    return tuple(out)


def _label_run_on(words: tuple[Word, ...]) -> int:
    """How many words after a label are still the label: a word or two and then the colon
    ("Règlement habituel : 45 jours", "Delivery address for this order: …"); the value
    starts after the colon. None of them holds a digit (a value would)."""
    for index, word in enumerate(words[: LABEL_RUN_ON + 1]):
        if any(ch.isdigit() for ch in word.text):
            return 0
        if word.text.endswith((":", "：")) and index <= LABEL_RUN_ON:
            return index + 1
    return 0


LABEL_RUN_ON = 2  # words between a label the vocabulary knows and its colon, at most


_HINT_LETTERS = set("ymdjatg")  # year, month, day in en/fr/de/es/it ("JJ/MM/AAAA", "TT.MM.JJ")


def _format_hint(text: str) -> bool:
    """A date format printed with its label: "(YYYY/MM/DD)", "(TT.MM.JJJJ)"; one letter may
    be an OCR misread of a slash ("(AAAAMIM/D))")."""
    if not (text.startswith("(") or text.endswith(")")) or any(c.isdigit() for c in text):
        return False
    letters = [c for c in text.lower() if c.isalpha()]
    return len(letters) >= 4 and sum(c not in _HINT_LETTERS for c in letters) <= 1


def _without_format_hints(words: list[Word], field: str) -> list[Word]:
    """A date label's words without its format hints, and without the same label again in a
    second language ("DATE (YYYY/MM/DD) / DATE (AAAA/MM/JJ)"): all that is label, no value."""
    if not field.endswith("_date") or not any(_format_hint(w.text) for w in words):
        return words
    kept = [w for w in words if not _format_hint(w.text) and w.text not in _SEPARATORS + "/"]
    again = find_labels(kept, "header")
    if again and again[0].first == 0 and again[0].field == field:
        return kept[again[0].last + 1 :]
    return kept


def _run_on_cell(hit: Hit, last: Word) -> tuple[Word, ...]:
    """An OCR'd value ending with a comma goes on in the next cell just past the cell gap
    ("München, | Deutschland": OCR's word boxes left a wider space), unless that cell is a
    label of its own."""
    after = hit.cell_index + 1
    if not last.text.endswith(",") or last.confidence >= 0.999 or after >= len(hit.line.cells):
        return ()
    following = hit.line.cells[after]
    near = following.x0 - last.x1 < 2 * hit.layout.cell_gap
    return following.words if near and not starts_with_label(following) else ()


def _number_word(word: Word) -> bool:
    return norm_token(word.text.strip(":")) == "no"


def right_cell(hit: Hit) -> Cell | None:
    """The next cell on the label's line, when it is not itself a label (a header label, or
    a cell that is nothing but a label of any kind: "TOTAL" in a row of headings)."""
    cells = hit.line.cells
    if hit.cell_index + 1 >= len(cells):
        return None
    candidate = cells[hit.cell_index + 1]
    if starts_with_label(candidate) or bare_label(candidate):
        return None
    if candidate.x0 - hit.cell.x1 > 0.45 * hit.layout.page.width:
        return None
    return candidate


def heading_row(hit: Hit) -> bool:
    """The label is one of a row of headings with the values in the row below
    (`SHIP VIA | TERMS | EXPECTED` over `UPS | Net 30 | 04/17/2026`): alone in its cell, on a
    line of at least three cells, two of them known labels, no digit, and a value under it.
    Its right neighbour is then the next heading, even one the vocabulary does not know."""
    cells = hit.line.cells
    if len(cells) < 3 or not bare_label(hit.cell) or _has_number(hit.line.text):
        return False
    return sum(bare_label(c) for c in cells) >= 2 and bool(below_cells(hit, max_lines=1))


# A digit OCR read inside a word of letters ("F.0.B." for "F.O.B."): no number.
_DIGIT_IN_WORD = re.compile(r"(?<=[^\W\d_])\.?\d\.?(?=[^\W\d_])")


def _has_number(text: str) -> bool:
    return any(c.isdigit() for c in _DIGIT_IN_WORD.sub("", text))


def beside_cell(hit: Hit) -> Cell | None:
    """The value right of a label that ends its line, when line grouping put it on the line
    above or below (a skewed scan, a taller label box): the first cell right of the label
    on a neighbour line, its middle within about half a line of the label's."""
    lines, page = hit.layout.lines, hit.layout.page
    if hit.cell_index + 1 < len(hit.line.cells):
        return None
    top, bottom = min(w.top for w in hit.label_words), max(w.bottom for w in hit.label_words)
    for line in lines[max(hit.line.index - 1, 0) : hit.line.index + 2]:
        cell = _part_right_of(line, hit.x1)
        if line is hit.line or cell is None or cell.x0 - hit.x1 > 0.45 * page.width:
            continue
        cell_top, cell_bottom = min(w.top for w in cell.words), max(w.bottom for w in cell.words)
        apart = abs((top + bottom) - (cell_top + cell_bottom)) / 2
        if apart <= 0.6 * max(bottom - top, cell_bottom - cell_top):  # a line apart is ≥ 1.2
            return None if starts_with_label(cell) or bare_label(cell) else cell
    return None


def _part_right_of(line: Line, x: float) -> Cell | None:
    """The first cell of a line that reaches right of `x`, without its words left of `x`."""
    for cell in line.cells:
        words = tuple(w for w in cell.words if w.x0 >= x)
        if words:
            return Cell(words)
    return None


def below_cells(hit: Hit, max_lines: int = 2) -> list[Cell]:
    """Cells under the label (aligned columns), nearest first, stopping at another label."""
    layout = hit.layout
    out: list[Cell] = []
    x0, x1 = hit.x0, max(hit.x1, hit.cell.x1)
    slack = 0.5 * layout.word_height
    previous = hit.line
    for line in layout.lines[hit.line.index + 1 :]:
        if line.center - previous.center > 2.2 * layout.line_pitch or len(out) >= max_lines:
            break
        under = [c for c in line.cells if overlap(c.x0, c.x1, x0 - slack, x1 + slack) > 0]
        if not under:
            continue  # a line of another column (a taller letterhead) between label and value
        best = max(under, key=lambda c: overlap(c.x0, c.x1, x0, x1))
        if starts_with_label(best):
            break
        inside = _within_column(best, hit)
        if inside is not None:
            out.append(inside)
        previous = line
    return out


def _within_column(cell: Cell, hit: Hit) -> Cell | None:
    """The words of a cell under the label's own column: between its neighbour labels.

    Values under a row of labels can run together ("Feb 28, 2026 Mar 21, 2026").
    """
    cells = hit.line.cells
    left = cells[hit.cell_index - 1].x1 if hit.cell_index > 0 else float("-inf")
    right = cells[hit.cell_index + 1].x0 if hit.cell_index + 1 < len(cells) else float("inf")
    words = tuple(w for w in cell.words if left < (w.x0 + w.x1) / 2 < right)
    return Cell(words) if words else None


def raw_value(words: tuple[Word, ...] | list[Word], page_no: int, label: str | None) -> RawValue:
    """Words -> a RawValue: text as printed, min confidence, union box."""
    return RawValue(
        text=" ".join(w.text for w in words).strip(),
        confidence=min(w.confidence for w in words),
        page=page_no,
        bbox=union_bbox(words),
        label=label,
    )


def words_in_span(words: tuple[Word, ...], start: int, end: int) -> tuple[Word, ...]:
    """The words of a " "-joined text that overlap the character span [start, end)."""
    out: list[Word] = []
    position = 0
    for word in words:
        word_end = position + len(word.text)
        if word_end > start and position < end:
            out.append(word)
        position = word_end + 1
    return tuple(out)
