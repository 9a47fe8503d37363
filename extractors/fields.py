"""Words with boxes -> the raw order: header fields, parties, line items and totals.

    pages ─▶ layout (lines, cells) ─▶ labels (vocabulary) ─▶ value right of / under the label,
          accepted only when it has the field's shape (a date, a code, money)
          ─▶ parties (buyer, ship-to) ─▶ line-item table ─▶ totals ─▶ currency hint

Texts stay as printed; `normalise.build_order` turns them into dates and decimals.
Contract: `extract_raw(pages, context) -> RawOrder` (see `extractors/raw.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extractors import parties, tables, totals
from extractors.address_tail import split_address
from extractors.date_guard import printed_dates
from extractors.header_dates import said_delivery_date, title_date, unlabelled_date
from extractors.header_terms import unlabelled_terms
from extractors.label_values import (
    Hit,
    below_cells,
    beside_cell,
    collect_hits,
    heading_row,
    raw_value,
    right_cell,
    same_cell_value,
    starts_with_label,
    words_in_span,
)
from extractors.label_words import DOCUMENT_NUMBER_LABELS
from extractors.layout import Cell, Layout, Line, overlap, page_layout, union_bbox
from extractors.line_dates import same_on_every_line
from extractors.normalise_dates import parse_date
from extractors.raw import RawOrder, RawValue
from extractors.value_shapes import (
    MONTHS_PATTERN,
    find_currency,
    find_date,
    find_yearless_date,
    is_code,
    is_money,
)
from extractors.vocabulary import find_labels, labels_in_text, norm_token, strip_accents
from poflow.domain import ExtractionContext, PageText, Word

Shape = Callable[[tuple[Word, ...]], tuple[Word, ...] | None]


def extract_raw(pages: list[PageText], context: ExtractionContext) -> RawOrder:
    """The raw order of a document's pages (texts as printed, with evidence)."""
    layouts = [page_layout(p) for p in pages]
    hits = collect_hits(layouts, "header")
    header: dict[str, RawValue] = {}
    for field_name, shape in _SHAPES.items():
        value = labelled_value(hits, field_name, shape)
        if value is not None:
            header[field_name] = value
    for field_name, value in paired_values(hits).items():
        header.setdefault(field_name, value)
    if "po_number" not in header and layouts:
        titled = title_number(layouts[0])
        if titled is not None:
            header["po_number"] = titled
    if "order_date" not in header and layouts:
        taken = [v.bbox for v in header.values() if v.bbox is not None]
        dated = letter_date(layouts[0]) or title_date(layouts[0], taken)
        if dated is not None:
            header["order_date"] = unlabelled_date(dated)
    party = parties.find_parties(layouts, hits, context)
    header.update(party.values)
    if "ship_to" in header:
        header["ship_to"], dated = split_address(header["ship_to"])
        if dated is not None and "delivery_date" not in header:
            header["delivery_date"] = dated
    table = tables.find_table(layouts)
    delivery = header.get("delivery_date")
    if delivery and not same_on_every_line(delivery, table.rows, layouts, table.header_at):
        del header["delivery_date"]  # the first of the lines' different dates: no guess
    if "delivery_date" not in header and table.delivery_date is not None:
        header["delivery_date"] = table.delivery_date
    if "delivery_date" not in header and (said := said_delivery_date(layouts)) is not None:
        header["delivery_date"] = said
    if "payment_terms" not in header:
        terms = unlabelled_terms(layouts, table.header_at)
        if terms is not None:
            header["payment_terms"] = terms
    header.update(totals.find_totals(layouts, table))
    for name, value in table.sums.items():
        header.setdefault(name, value)  # a sum row under the items: no totals label read them
    if "currency" not in header:
        hint = currency_hint(layouts)
        if hint is not None:
            header["currency"] = hint
    return RawOrder(
        header=header,
        lines=table.rows,
        buyer_text=party.buyer_text,
        full_text="\n".join(line.text for layout in layouts for line in layout.lines),
        pages=len(pages),
        notes=table.notes,
        dates=printed_dates(layouts),
    )


def labelled_value(hits: list[Hit], field_name: str, shape: Shape) -> RawValue | None:
    """The first value of the field's best labels that has the field's shape.

    Specific labels ("Order Date") beat generic ones ("Date"); then top of the first page wins.
    A PO number of under 5 characters is a last resort: more likely a fragment of the printed
    number (OCR split it) than the whole, so a full-length one under another label wins.
    """
    ranked = sorted(
        (h for h in hits if h.field == field_name), key=lambda h: (-h.match.priority, h.order)
    )
    fragment: RawValue | None = None
    for hit in ranked:
        if _in_totals_label(hit) or _form_number(hit):
            continue
        for words in _candidates(hit):
            accepted = shape(words)
            if not accepted:
                continue
            value = raw_value(accepted, hit.layout.page_no, hit.label_text)
            if field_name != "po_number" or len(value.text) >= MIN_PO_LENGTH:
                return value
            fragment = fragment or value
    return fragment


MIN_PO_LENGTH = 5


def _in_totals_label(hit: Hit) -> bool:
    """The label is part of a longer totals label ("PO Total", "Order Total"): the value
    beside it is a money amount, never the header field's."""
    span = hit.match.last - hit.match.first
    return any(
        m.first <= hit.match.first and m.last >= hit.match.last and m.last - m.first > span
        for m in find_labels(hit.cell.words, "totals")
    )


def _form_number(hit: Hit) -> bool:
    """A document number below the top of the first page is a form's own ("Doc. No.
    QF-PUR-01" in a footer), not the order's: only the document's header names the order."""
    if hit.match.phrase not in DOCUMENT_NUMBER_LABELS:
        return False
    return hit.layout.page_no != 1 or hit.line.center > HEADER_SHARE * hit.layout.page.height


HEADER_SHARE = 0.5


def _candidates(hit: Hit) -> list[tuple[Word, ...]]:
    """Right of the label in its cell, then the next cell (alone, then with the one after it:
    "9." | "Mai 2026"), or one beside it that went to a neighbour line, then under it; a
    label that ends its line of prose, the next line."""
    out: list[tuple[Word, ...]] = []
    own = same_cell_value(hit)
    if own:
        out.extend(own + wrapped.words for wrapped in _wrapped_on(hit, own))
        out.extend(own + year.words for year in _year_on_next_line(hit, own))
        out.append(own)
    right = None if heading_row(hit) else right_cell(hit)
    if right is not None:
        out.append(right.words)
        after = hit.cell_index + 2
        if after < len(hit.line.cells):
            out.append(right.words + hit.line.cells[after].words)
    beside = beside_cell(hit)
    if beside is not None:
        out.append(beside.words)
    # A label with a value beside it is not a column heading; words without a digit beside
    # a PO number label are none of its value ("P.O. NO_/N’" over "P26-54557": OCR's
    # reading of the rest of the label).
    if not own or (hit.field == "po_number" and not any(c.isdigit() for w in own for c in w.text)):
        for cell in below_cells(hit):
            out.extend(_gap_split(hit, cell))
            out.append(cell.words)
        out.extend(_run_on(hit))
    return out


def _gap_split(hit: Hit, cell: Cell) -> list[tuple[Word, ...]]:
    """A value under the label cut after a word that cannot end it ("Net" | "60": set wide,
    OCR's gap made two cells of it), with the next cell of its line when that is a number
    within the label's column."""
    if cell.words[-1].text.lower().strip(",") not in _DANGLING:
        return []
    line = next((ln for ln in hit.layout.lines if cell.words[-1] in ln.words), None)
    if line is None:
        return []
    after = [c for c in line.cells if c.x0 >= cell.words[-1].x1]
    right = (
        hit.line.cells[hit.cell_index + 1].x0 if hit.cell_index + 1 < len(hit.line.cells) else None
    )
    if not after or not after[0].text[:1].isdigit() or (right is not None and after[0].x1 > right):
        return []
    return [cell.words + after[0].words]


# Words that payment terms never end with: "2% 10, Net" is cut by a line wrap before "30".
_DANGLING = {"net", "netto", "within", "innerhalb", "sous", "a"}


def _wrapped_on(hit: Hit, own: tuple[Word, ...]) -> list[Cell]:
    """The rest of a value that a narrow box wrapped onto the next line, flush with the label:
    when the value ends with a word that cannot end it and the next line goes on with a number.
    """
    line, layout = hit.line, hit.layout
    following = layout.lines[line.index + 1 : line.index + 2]
    if own[-1].text.lower().strip(",") not in _DANGLING or not following:
        return []
    start = following[0].cells[0]
    near = following[0].center - line.center <= 1.6 * layout.line_pitch
    flush = abs(start.x0 - hit.x0) <= layout.word_height
    return [start] if near and flush and start.text[:1].isdigit() else []


def _year_on_next_line(hit: Hit, own: tuple[Word, ...]) -> list[Cell]:
    """A date that a line of prose wrapped before its year ("Placed on March 4," / "2026 at
    10:06 am."): the next line's first cell, when it starts with the year."""
    if hit.field not in ("order_date", "delivery_date") or not own[-1].text.endswith(","):
        return []
    following = hit.layout.lines[hit.line.index + 1 : hit.line.index + 2]
    if not following or following[0].center - hit.line.center > 1.6 * hit.layout.line_pitch:
        return []
    start = following[0].cells[0]
    return [start] if _YEAR.match(start.words[0].text) else []


_YEAR = re.compile(r"(?:19|20)\d\d\b")


def paired_values(hits: list[Hit]) -> dict[str, RawValue]:
    """A label naming two fields split by "/" (`Purchase order no./Date`) over a value of as
    many "/"-separated parts (`4500016516 / 06.02.2026`): each part is its field's value,
    when every part has its field's shape."""
    out: dict[str, RawValue] = {}
    for hit in hits:
        names = _paired_fields(hit.cell) if hit.match.first == 0 else None
        if names is None:
            continue
        for cell in below_cells(hit, max_lines=1):
            parts = _value_parts(cell.words, len(names)) or []
            shaped = {n: w for n, p in zip(names, parts, strict=True) if (w := _SHAPES[n](p))}
            if len(shaped) == len(names):
                for name, words in shaped.items():
                    out.setdefault(name, raw_value(words, hit.layout.page_no, hit.cell.text))
    return out


def _paired_fields(cell: Cell) -> tuple[str, ...] | None:
    """The fields of a cell that is two labels joined by "/", each whole, of different fields."""
    parts = [p.split() for p in cell.text.split("/")]
    if len(parts) != 2 or not all(parts):
        return None
    confidence = min(w.confidence for w in cell.words)
    names: list[str] = []
    for texts in parts:
        whole = [
            m.field
            for m in labels_in_text(" ".join(texts), "header", confidence)
            if m.first == 0 and m.last == len(texts) - 1 and not m.ends_inside_word
        ]
        if not whole or whole[0] not in _SHAPES:
            return None
        names.append(whole[0])
    return tuple(names) if len(set(names)) == len(names) else None


def _value_parts(words: tuple[Word, ...], count: int) -> list[tuple[Word, ...]] | None:
    """The words of `count` parts of a value split by " / " (or a bare "/"), as printed."""
    text = " ".join(w.text for w in words)
    for separator in (r"\s+/\s+", r"\s*/\s*"):
        cuts = list(re.finditer(separator, text))
        if len(cuts) != count - 1:
            continue
        bounds = [0, *(b for c in cuts for b in c.span()), len(text)]
        spans = list(zip(bounds[::2], bounds[1::2], strict=True))
        return [_printed(words, text, start, end) for start, end in spans]
    return None


def _printed(words: tuple[Word, ...], text: str, start: int, end: int) -> tuple[Word, ...]:
    """The words of text[start:end]; a word cut by the span becomes one word of the part's
    text in the words' box."""
    found = words_in_span(words, start, end)
    printed = text[start:end]
    return found if " ".join(w.text for w in found) == printed else (_one_word(found, printed),)


def _one_word(found: tuple[Word, ...], printed: str) -> Word:
    """The text exactly as printed, in the box of the words it was cut from."""
    x0, top, x1, bottom = union_bbox(found)
    return Word(printed, x0, top, x1, bottom, min(w.confidence for w in found))


def _run_on(hit: Hit) -> list[tuple[Word, ...]]:
    """The start of the next line, when the label ends a line of prose ("... for delivery
    by" / "16 February 2026:"): the sentence, and so the value, runs on."""
    line, layout = hit.line, hit.layout
    if hit.cell_index + 1 < len(line.cells) or len(line.words) < PROSE_WORDS:
        return []
    following = layout.lines[line.index + 1 : line.index + 2]
    if not following or following[0].center - line.center > 2.2 * layout.line_pitch:
        return []
    start = following[0].cells[0]
    return [] if starts_with_label(start) else [start.words]


PROSE_WORDS = 6  # a line of at least this many words is a sentence, not a label row


# --- field shapes: what a value of each field looks like ---------------------------------


def code_shape(words: tuple[Word, ...]) -> tuple[Word, ...] | None:
    """A PO number: the first word, when it is a code (digits, maybe letters and dashes).
    A separator set apart between label and value ("PO No.  :  PO/25-26/1800") is no word
    of the value, nor is a number word that starts it ("N° 005811")."""
    words = tuple(w for w in words if w.text.strip(_LEAD_MARKS)) or words
    if len(words) > 1 and norm_token(words[0].text.strip(":")) == "no":
        words = words[1:]  # "N° 005811" under a title that names the document
    first = words[0]
    text = first.text.strip(".,;:")
    if not is_code(text) or _is_date(text):
        return None
    if text != first.text:
        first = Word(text, first.x0, first.top, first.x1, first.bottom, first.confidence)
    return (first,)


_LEAD_MARKS = ":：#-–|"


def _is_date(text: str) -> bool:
    """A date and nothing else ("15.03.2026"); a code with a date-like tail
    ("ZZ/0334/05/2026", "PO-2026-03-15") is a number, not a date."""
    span = find_date(text)
    return span is not None and span == (0, len(text))


def date_shape(
    words: tuple[Word, ...], find: Callable[[str], tuple[int, int] | None] = find_date
) -> tuple[Word, ...] | None:
    """The first date of the value's sentence ("Lieferung bis zum Lager erfolgt frei Haus.
    Zahlung bis 20.03.2026": the date is another sentence's, not the label's)."""
    text = " ".join(w.text for w in words)
    end = _SENTENCE_END.search(text)
    span = find(text[: end.start()] if end else text)
    if span is None:
        return None
    return _printed(words, text, *span)


def delivery_date_shape(words: tuple[Word, ...]) -> tuple[Word, ...] | None:
    """A date, or a day and month typed without the year ("Liefertermin: 23.03."): the order
    date gives the year (`normalise_dates.parse_yearless_date`)."""
    return date_shape(words) or date_shape(words, find_yearless_date)


_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{3})\.(?=\s*[^\W\d_a-zà-ÿ][^\W\d_A-ZÀ-Þ])")


# Terms also end after their number ("Net 30. Ship UPS Ground …"; a month name after it is
# a date's: "bis 15. März") and at a Chinese clause mark ("月结30天；乙方须开具…").
_TERMS_END = re.compile(
    rf"(?<=\d)\.(?=\s+(?!(?i:{MONTHS_PATTERN})\b)[^\W\d_a-zà-ÿ][^\W\d_A-ZÀ-Þ])|[；。]"
)


# A clause set off by a middle dot or bar ("Net 15 · payment due March 19, 2026"): when it
# holds a date it is the due date the terms gave, not the terms.
_CLAUSE = re.compile(r"\s[·•|]\s")


def terms_shape(words: tuple[Word, ...]) -> tuple[Word, ...] | None:
    """Payment terms: words with letters ("Net 30", "30 Tage netto"), not a bare date, up to
    the end of their sentence ("… 60 días. Mercancía a portes pagados")."""
    words = _without_specks(words)
    text = " ".join(w.text for w in words)
    due = next((m for m in _CLAUSE.finditer(text) if find_date(text[m.end() :])), None)
    ends = [m for m in (_SENTENCE_END.search(text), _TERMS_END.search(text), due) if m]
    ends = [m for m in ends if any(c.isalpha() for c in text[: m.start()])]  # "30. Days"
    end = min(ends, key=lambda m: m.start(), default=None)
    if end is not None and end.start() > 0:
        words = _printed(words, text, 0, end.start())
        text = text[: end.start()]
    if not any(c.isalpha() for c in text) or len(text) > 80:
        return None
    if len(text) < 14 and _real_date(text):
        return None
    return words


def _without_specks(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """The words without a lone letter or digit half as tall as the text around it ("2 9 %
    Skonto"): a speck OCR read as a glyph, not one of the text's characters."""
    heights = sorted(w.bottom - w.top for w in words)
    least = SPECK_HEIGHT * heights[len(heights) // 2]
    kept = tuple(
        w for w in words if len(w.text) > 1 or not w.text.isalnum() or w.bottom - w.top >= least
    )
    return kept or words


SPECK_HEIGHT = 0.6  # of the value's median word height; a small "º" or "," is no letter


def _real_date(text: str) -> bool:
    """A date-shaped part that is a calendar date: "30/60/90 dias" (instalments) is none."""
    span = find_date(text)
    return span is not None and parse_date(text[span[0] : span[1]]) is not None


def currency_shape(words: tuple[Word, ...]) -> tuple[Word, ...] | None:
    text = " ".join(w.text for w in words)
    span = find_currency(text.upper())
    if span is None:
        alpha = words[0].text.strip(".:")
        return (words[0],) if len(alpha) == 3 and alpha.isalpha() and alpha.isupper() else None
    return words_in_span(words, *span)


_SHAPES: dict[str, Shape] = {
    "po_number": code_shape,
    "order_date": date_shape,
    "delivery_date": delivery_date_shape,
    "payment_terms": terms_shape,
    "currency": currency_shape,
}


def letter_date(layout: Layout) -> RawValue | None:
    """A letter dates itself without a label, and writes the month out: the first cell in the
    top half of the first page that is such a date and nothing else, maybe after the place
    it was written in ("Paterna, 17 de enero de 2026"), on a line that names no field. (A
    bare numeric date there is more likely a value whose label OCR lost.)"""
    for line in layout.lines:
        if line.center > layout.page.height / 2:
            break
        if any(find_labels(cell.words, "header") for cell in line.cells):
            continue
        for cell in line.cells:
            span = find_date(cell.text)
            if span is None or not _month_named(cell.text[span[0] : span[1]]):
                continue
            if _only(cell.text, span):
                return raw_value(cell.words, layout.page_no, None)
            if _PLACE.fullmatch(cell.text[: span[0]]) and _only(cell.text, (0, span[1])):
                return raw_value(_printed(cell.words, cell.text, *span), layout.page_no, None)
    return None


# "Paterna, " / "Berlin, den " / "Lyon, le ": a place name, a comma, maybe an article.
_PLACE = re.compile(
    r"[^\W\d_][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_]+){0,3},\s*(?:den|le|el|a|am|il)?\s*"
)


def _month_named(text: str) -> bool:
    return sum(ch.isalpha() for ch in text) >= 3


def _only(text: str, span: tuple[int, int]) -> bool:
    return not (text[: span[0]] + text[span[1] :]).strip(" .,:;")


def title_number(layout: Layout) -> RawValue | None:
    """The PO number printed in the document's title, in any language: "Zamówienie nr
    ZZ/9426/06/2026", "Purchase Order No. 4711". A title is a known document title, or
    words set larger than the text; then a number word ("No.", "Nr", "#"), then a code
    ending its cell (large type may be set wide, a word a cell). Only asked when no label
    gave a PO number."""
    for line in layout.lines:
        if line.center > TITLE_SHARE * layout.page.height:
            break
        ends = {id(c.words[-1]) for c in line.cells}
        for at in range(len(line.cells)):
            words = tuple(w for c in line.cells[at:] for w in c.words)
            found = _titled_code(words, layout, ends)
            if found is not None:
                title, code = found
                return raw_value(code, layout.page_no, " ".join(w.text for w in title))
        for at in range(len(line.cells)):
            title = tuple(w for c in line.cells[at:] for w in c.words)
            under = _number_under_title(title, line, layout) if _is_title(title, layout) else None
            if under is not None:
                return raw_value(under, layout.page_no, " ".join(w.text for w in title))
    return None


def _is_title(words: tuple[Word, ...], layout: Layout) -> bool:
    heights = sorted(w.bottom - w.top for w in words)
    larger = heights[len(heights) // 2] >= TITLE_SIZE * layout.word_height
    return larger or parties.document_title(strip_accents(" ".join(w.text for w in words)))


def _number_under_title(
    title: tuple[Word, ...], line: Line, layout: Layout
) -> tuple[Word, ...] | None:
    """The code of "Nº 009160" set under the title ("PEDIDO DE COMPRA") within a few lines,
    nothing else under the title on its line: the title's number, a line down."""
    x0, x1 = min(w.x0 for w in title), max(w.x1 for w in title)
    for below in layout.lines[line.index + 1 : line.index + 4]:
        if below.center - line.center > 3.2 * layout.line_pitch:
            break
        words = [w for w in below.words if overlap(w.x0, w.x1, x0, x1) > 0]
        if len(words) != 2 or norm_token(words[0].text.strip(":")) != "no":
            continue
        code = code_shape((words[1],))
        if code is not None and len(code[0].text) >= MIN_PO_LENGTH:
            return code
    return None


TITLE_SHARE = 0.25  # the title is in the top quarter of the first page
TITLE_SIZE = 1.3  # title type is at least this much taller than the page's text


def _titled_code(
    words: tuple[Word, ...], layout: Layout, cell_ends: set[int]
) -> tuple[tuple[Word, ...], tuple[Word, ...]] | None:
    """(title words, code) of words starting "<title> <number word> <code>", the code the
    last word of its cell (`cell_ends`: ids of such words), or None."""
    at = next((i for i, w in enumerate(words) if norm_token(w.text.strip(":")) == "no"), None)
    if at is None or not 1 <= at <= 3 or len(words) < at + 2 or id(words[at + 1]) not in cell_ends:
        return None
    title = words[:at]
    if not all(w.text.strip(".:").isalpha() for w in title):
        return None
    if any(m.field != "po_number" for m in find_labels(words[: at + 1], "header")):
        return None  # "Customer No 4711", "Invoice No 88": another field's number
    code = code_shape(words[at + 1 : at + 2])
    if code is None or len(code[0].text) < MIN_PO_LENGTH:
        return None
    heights = sorted(w.bottom - w.top for w in title)
    larger = heights[len(heights) // 2] >= TITLE_SIZE * layout.word_height
    text = " ".join(w.text for w in title)
    return (title, code) if larger or parties.document_title(strip_accents(text)) else None


def currency_hint(layouts: list[Layout]) -> RawValue | None:
    """A currency code or symbol printed next to an amount (the normaliser decides the code)."""
    for layout in layouts:
        for line in layout.lines:
            for cell in line.cells:
                span = find_currency(cell.text)
                if span is None:
                    continue
                numeric = any(is_money(w.text) for w in line.words) or is_money(cell.text)
                if numeric:
                    words = words_in_span(cell.words, *span)
                    return _currency_value(cell.text[span[0] : span[1]], words, layout.page_no)
    return None


def _currency_value(text: str, words: tuple[Word, ...], page_no: int) -> RawValue:
    value = raw_value(words, page_no, None)
    return RawValue(text, value.confidence, value.page, value.bbox, None)
