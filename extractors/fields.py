"""Words with boxes -> the raw order: header fields, parties, line items and totals.

    pages ─▶ layout (lines, cells) ─▶ labels (vocabulary) ─▶ value right of / under the label,
          accepted only when it has the field's shape (a date, a code, money)
          ─▶ parties (buyer, ship-to) ─▶ line-item table ─▶ totals ─▶ currency hint

Texts stay as printed; `normalise.build_order` turns them into dates and decimals.
Contract: `extract_raw(pages, context) -> RawOrder` (see `extractors/raw.py`).
"""

from __future__ import annotations

from collections.abc import Callable

from extractors import parties, tables, totals
from extractors.label_values import (
    Hit,
    below_cells,
    beside_cell,
    collect_hits,
    raw_value,
    right_cell,
    same_cell_value,
    starts_with_label,
    words_in_span,
)
from extractors.layout import Layout, page_layout
from extractors.raw import RawOrder, RawValue
from extractors.vocabulary import find_currency, find_date, find_labels, is_code, is_money
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
    if "order_date" not in header and layouts:
        dated = letter_date(layouts[0])
        if dated is not None:
            header["order_date"] = dated
    party = parties.find_parties(layouts, hits, context)
    header.update(party.values)
    table = tables.find_table(layouts)
    header.update(totals.find_totals(layouts, table))
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


def _candidates(hit: Hit) -> list[tuple[Word, ...]]:
    """Right of the label in its cell, then the next cell (alone, then with the one after it:
    "9." | "Mai 2026"), or one beside it that went to a neighbour line, then under it; a
    label that ends its line of prose, the next line."""
    out: list[tuple[Word, ...]] = []
    own = same_cell_value(hit)
    if own:
        out.append(own)
    right = right_cell(hit)
    if right is not None:
        out.append(right.words)
        after = hit.cell_index + 2
        if after < len(hit.line.cells):
            out.append(right.words + hit.line.cells[after].words)
    beside = beside_cell(hit)
    if beside is not None:
        out.append(beside.words)
    if not own:  # a label with a value beside it is not a column heading
        out.extend(cell.words for cell in below_cells(hit))
        out.extend(_run_on(hit))
    return out


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
    """A PO number: the first word, when it is a code (digits, maybe letters and dashes)."""
    first = words[0]
    text = first.text.strip(".,;:")
    if not is_code(text) or (find_date(text) and "-" not in text[:4]):
        return None
    if text != first.text:
        first = Word(text, first.x0, first.top, first.x1, first.bottom, first.confidence)
    return (first,)


def date_shape(words: tuple[Word, ...]) -> tuple[Word, ...] | None:
    text = " ".join(w.text for w in words)
    span = find_date(text)
    if span is None:
        return None
    found = words_in_span(words, *span)
    printed = text[span[0] : span[1]]
    if " ".join(w.text for w in found) == printed:
        return found
    box = found[0]  # keep the words' box, but the text exactly as the date was printed
    x1 = max(w.x1 for w in found)
    bottom = max(w.bottom for w in found)
    conf = min(w.confidence for w in found)
    return (Word(printed, box.x0, box.top, x1, bottom, conf),)


def terms_shape(words: tuple[Word, ...]) -> tuple[Word, ...] | None:
    """Payment terms: words with letters ("Net 30", "30 Tage netto"), not a bare date."""
    text = " ".join(w.text for w in words)
    if not any(c.isalpha() for c in text) or len(text) > 80:
        return None
    if find_date(text) and len(text) < 14:
        return None
    return words


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
    "delivery_date": date_shape,
    "payment_terms": terms_shape,
    "currency": currency_shape,
}


def letter_date(layout: Layout) -> RawValue | None:
    """A letter dates itself without a label, and writes the month out: the first cell in the
    top half of the first page that is such a date and nothing else, on a line that names no
    field. (A bare numeric date there is more likely a value whose label OCR lost.)"""
    for line in layout.lines:
        if line.center > layout.page.height / 2:
            break
        if any(find_labels(cell.words, "header") for cell in line.cells):
            continue
        for cell in line.cells:
            span = find_date(cell.text)
            if span is not None and _only(cell.text, span) and _month_named(cell.text):
                return raw_value(cell.words, layout.page_no, None)
    return None


def _month_named(text: str) -> bool:
    return sum(ch.isalpha() for ch in text) >= 3


def _only(text: str, span: tuple[int, int]) -> bool:
    return not (text[: span[0]] + text[span[1] :]).strip(" .,:;")


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
