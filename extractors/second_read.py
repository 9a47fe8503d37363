"""A second, independent read of the deciding values that nothing else can confirm.

Arithmetic confirms amounts, the catalogue item codes, master data the customer; nothing on
the page confirms a PO number, and an OCR word confidence says that the glyphs looked clean,
not that they were read right. A second reading of the value's box — cut from the page's
own pixels, prepared differently, read as one line in a code alphabet (`ocr.read_box`) — that
agrees character for character is evidence the first reading could not give itself; one
that disagrees is a reason for doubt. Only OCR'd values read less than surely are re-read:
at most one box per document (two when the first preparation disagrees), each a Tesseract
call on a few hundred pixels, about 5 % of the time a page takes.

An OCR'd item code one letter off a catalogue code (`HB.M10X50.2`, `TL+-7781`) is re-read
the same way; when the second read is that catalogue code, the two readings and the master
data together say what was printed, and the line takes it (`calibrate` still confirms it
only with the line's own price or arithmetic).

Contract: `second_reads(order, pages, context) -> dict[str, bool]` (field path → the second
read agreed), which `confidence.calibrate` weighs; `reread_item_codes(order, pages, context)
-> ExtractedOrder` (item codes corrected where a second read finds the catalogue's).
"""

from __future__ import annotations

import logging
from dataclasses import replace

from extractors import ocr
from extractors.confidence import near_known_sku
from extractors.normalise import clean_po_number
from poflow.domain import Evidence, ExtractedOrder, ExtractionContext, OrderLine, PageText

log = logging.getLogger(__name__)

REREAD_FIELDS = ("po_number",)  # deciding, and confirmed by nothing else on the page
SURE_READING = 0.9  # a reading this sure is not re-read: the call costs ~5 % of a page
_EDGE_JUNK = "-/_."  # rulings and separators the box's margin catches


def second_reads(
    order: ExtractedOrder, pages: list[PageText], context: ExtractionContext
) -> dict[str, bool]:
    """For each re-readable field read by OCR less than surely: did a second, independent
    read agree? (A sure reading keeps its own confidence, capped by `calibrate`.)"""
    out: dict[str, bool] = {}
    for path in REREAD_FIELDS:
        value = getattr(order, path)
        evidence = order.evidence.get(path)
        page = _ocr_page_of(pages, evidence)
        if value is None or evidence is None or evidence.bbox is None or page is None:
            continue
        if evidence.confidence >= SURE_READING:
            continue
        try:
            out[path] = _agrees(str(value), page, evidence.bbox, context)
        except ocr.OcrTimeout as exc:  # no second opinion: the value keeps its first reading
            log.warning("second read of %s: %s", path, exc)
    return out


def reread_item_codes(
    order: ExtractedOrder, pages: list[PageText], context: ExtractionContext
) -> ExtractedOrder:
    """The order with each OCR'd item code that is one letter off a catalogue code replaced
    by that code, when a second read of its box reads exactly it."""
    lines = tuple(
        _catalogue_code(i, line, order, pages, context) for i, line in enumerate(order.lines)
    )
    return order if lines == order.lines else order.with_(lines=lines)


def _catalogue_code(
    index: int,
    line: OrderLine,
    order: ExtractedOrder,
    pages: list[PageText],
    context: ExtractionContext,
) -> OrderLine:
    evidence = order.evidence.get(f"lines[{index}].sku")
    page = _ocr_page_of(pages, evidence)
    sku = line.sku
    if sku is None or page is None or evidence is None or evidence.bbox is None:
        return line
    if context.master.product(sku) is not None or not near_known_sku(sku, context):
        return line
    try:
        second = _read(page, evidence.bbox, ocr.SECOND_READS[0], context)
    except ocr.OcrTimeout as exc:
        log.warning("second read of item code %s: %s", sku, exc)
        return line
    return replace(line, sku=second) if context.master.product(second) is not None else line


def _read(
    page: PageText,
    bbox: tuple[float, float, float, float],
    preparation: ocr.BoxPreparation,
    context: ExtractionContext,
) -> str:
    scale = page.image.shape[1] / page.width  # image pixels per page unit (pt or px)
    result = ocr.read_box(
        page.image, bbox, scale=scale, preparation=preparation, timeout_s=context.ocr_timeout_s
    )
    return "".join(w.text for w in result.words)


def _ocr_page_of(pages: list[PageText], evidence: Evidence | None) -> PageText | None:
    if evidence is None:
        return None
    for page in pages:
        if page.page_no == evidence.page and page.method == "ocr" and page.image is not None:
            return page
    return None


def _agrees(
    value: str, page: PageText, bbox: tuple[float, float, float, float], context: ExtractionContext
) -> bool:
    return any(
        same_code(_read(page, bbox, preparation, context), value)
        for preparation in ocr.SECOND_READS
    )


def same_code(second: str, first: str) -> bool:
    """The same code, character for character, but for the label marks ("#", ":") and the
    separators a box's margin catches at either end."""
    a, b = clean_po_number(second), clean_po_number(first)
    return a is not None and b is not None and a.strip(_EDGE_JUNK) == b.strip(_EDGE_JUNK)
