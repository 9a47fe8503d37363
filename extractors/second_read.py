"""A second, independent read of the deciding values that nothing else can confirm.

Arithmetic confirms amounts, the catalogue item codes, master data the customer; nothing on
the page confirms a PO number, and an OCR word confidence says that the glyphs looked clean,
not that they were read right. A second reading of the value's box — cut from the page's
own pixels, prepared differently, read as one line in a code alphabet (`ocr.read_box`) — that
agrees character for character is evidence the first reading could not give itself; one
that disagrees is a reason for doubt. Only OCR'd values are re-read: one box per document
(two when the first preparation disagrees), a small fraction of the time a page takes.

Contract: `second_reads(order, pages, context) -> dict[str, bool]` (field path → the second
read agreed), which `confidence.calibrate` weighs.
"""

from __future__ import annotations

import logging

from extractors import ocr
from extractors.normalise import clean_po_number
from poflow.domain import Evidence, ExtractedOrder, ExtractionContext, PageText

log = logging.getLogger(__name__)

REREAD_FIELDS = ("po_number",)  # deciding, and confirmed by nothing else on the page
_EDGE_JUNK = "-/_."  # rulings and separators the box's margin catches


def second_reads(
    order: ExtractedOrder, pages: list[PageText], context: ExtractionContext
) -> dict[str, bool]:
    """For each re-readable field read by OCR: did a second, independent read agree?"""
    out: dict[str, bool] = {}
    for path in REREAD_FIELDS:
        value = getattr(order, path)
        evidence = order.evidence.get(path)
        page = _ocr_page_of(pages, evidence)
        if value is None or evidence is None or evidence.bbox is None or page is None:
            continue
        try:
            out[path] = _agrees(str(value), page, evidence.bbox, context)
        except ocr.OcrTimeout as exc:  # no second opinion: the value keeps its first reading
            log.warning("second read of %s: %s", path, exc)
    return out


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
    scale = page.image.shape[1] / page.width  # image pixels per page unit (pt or px)
    for preparation in ocr.SECOND_READS:
        result = ocr.read_box(
            page.image,
            bbox,
            scale=scale,
            preparation=preparation,
            timeout_s=context.ocr_timeout_s,
        )
        if same_code("".join(w.text for w in result.words), value):
            return True
    return False


def same_code(second: str, first: str) -> bool:
    """The same code, character for character, but for the label marks ("#", ":") and the
    separators a box's margin catches at either end."""
    a, b = clean_po_number(second), clean_po_number(first)
    return a is not None and b is not None and a.strip(_EDGE_JUNK) == b.strip(_EDGE_JUNK)
