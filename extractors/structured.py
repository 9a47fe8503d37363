"""Orders that carry their own data: a PDF with embedded Order-X / Factur-X / ZUGFeRD / UBL XML.

Such a PDF is read from its XML with confidence 1.0 instead of by OCR guesswork.
`read_embedded_order` runs on every PDF, so it first looks for the `/EmbeddedFile`
token in the raw bytes and returns None at once when it is absent. The XML is parsed
without network access and without resolving entities (no XXE, no entity bombs).
"""

from __future__ import annotations

import logging

import pypdfium2
from lxml import etree

from extractors import sniff
from extractors import structured_xml as x
from extractors.raw import RawOrder, RawValue
from extractors.structured_cii import CII_ROOTS, read_cii
from extractors.structured_ubl import UBL_ROOTS, read_ubl
from poflow.domain import (
    HEADER_FIELDS,
    LINE_FIELDS,
    BBox,
    Evidence,
    ExtractedOrder,
    ExtractionContext,
    InputKind,
)

log = logging.getLogger(__name__)

# Names the standards give the embedded file; any other `.xml` attachment is tried after them.
KNOWN_XML_NAMES = (
    "order-x.xml",
    "factur-x.xml",
    "zugferd-invoice.xml",
    "xrechnung.xml",
    "zugferd_invoice.xml",
)
MAX_XML_BYTES = 20_000_000  # an embedded XML larger than this is not an order: skip it


def read_embedded_order(data: bytes, context: ExtractionContext) -> ExtractedOrder | None:
    """The order read from a PDF's embedded CII or UBL XML, or None when it carries none.

    None also for PDFs pdfium cannot open (encrypted, corrupt): the regular reader then
    reports those with the proper `BadDocument` error.
    """
    if not sniff.might_embed_files(data):
        return None
    for name, xml in embedded_xml_files(data):
        order = read_order_xml(xml, context)
        if order is not None:
            log.info("read the order from embedded XML %r", name)
            return with_boxes(data, order)
        log.info("embedded file %r is not a CII or UBL order/invoice", name)
    return None


def embedded_xml_files(data: bytes) -> list[tuple[str, bytes]]:
    """(name, bytes) of the PDF's embedded XML files, the standards' names first."""
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        log.info("no embedded XML read: pdfium cannot open the PDF (%s)", exc)
        return []
    try:
        found = [_attachment(pdf, i) for i in range(pdf.count_attachments())]
    finally:
        pdf.close()
    xml_files = [(name, body) for name, body in found if _looks_like_xml(name, body)]
    return sorted(xml_files, key=lambda item: item[0].lower() not in KNOWN_XML_NAMES)


def _attachment(pdf: pypdfium2.PdfDocument, index: int) -> tuple[str, bytes]:
    attachment = pdf.get_attachment(index)
    name = attachment.get_name() or ""
    try:
        body = bytes(attachment.get_data())
    except pypdfium2.PdfiumError:
        body = b""
    return name, body


def _looks_like_xml(name: str, body: bytes) -> bool:
    if not body or len(body) > MAX_XML_BYTES:
        return False
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return name.lower().endswith(".xml") or head.startswith(b"<")


def read_order_xml(xml: bytes, context: ExtractionContext) -> ExtractedOrder | None:
    """An order from CII (Factur-X, ZUGFeRD 2, Order-X) or UBL XML bytes; None for other XML."""
    root = parse_xml(xml)
    if root is None:
        return None
    kind = x.local_name(root)
    if kind in CII_ROOTS:
        reading = read_cii(root)
    elif kind in UBL_ROOTS:
        reading = read_ubl(root)
    else:
        return None
    order = reading.order.with_(
        customer_id=_customer_id(reading, context),
        kind=InputKind.STRUCTURED,
        pages=1,
    )
    return order.with_(evidence=full_evidence(order))


def parse_xml(xml: bytes) -> x.Element | None:
    """The root element, parsed safely (no DTD loading, entities, or network); None if broken."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        return etree.fromstring(xml, parser=parser)
    except etree.XMLSyntaxError as exc:
        log.info("embedded XML is not well-formed: %s", exc)
        return None


def full_evidence(order: ExtractedOrder) -> dict[str, Evidence]:
    """Confidence 1.0 for every value read from the XML (page 1, no box: the XML has none)."""
    sure = Evidence(confidence=1.0, page=1)
    evidence = {
        name: sure
        for name in HEADER_FIELDS
        if name != "customer_id" and getattr(order, name) is not None
    }
    for i, line in enumerate(order.lines):
        for name in LINE_FIELDS:
            if getattr(line, name) is not None:
                evidence[f"lines[{i}].{name}"] = sure
    return evidence


# Values printed verbatim on the page, so a search finds their box for the review UI.
# (Amounts and dates are printed in local formats and appear more than once: not searched.)
_LOCATED_HEADER = ("po_number", "customer_name")
_LOCATED_LINE = ("sku", "description")
MAX_SEARCHED_PAGES = 5


def with_boxes(data: bytes, order: ExtractedOrder) -> ExtractedOrder:
    """The order with its page count, and boxes on the page for the values printed verbatim."""
    wanted = dict(_searched_values(order))
    evidence = dict(order.evidence)
    pdf = pypdfium2.PdfDocument(data)
    try:
        pages = len(pdf)
        for index in range(min(pages, MAX_SEARCHED_PAGES)):
            for path, box in _boxes_on_page(pdf[index], wanted).items():
                evidence[path] = Evidence(confidence=1.0, page=index + 1, bbox=box)
                del wanted[path]
    finally:
        pdf.close()
    return order.with_(evidence=evidence, pages=pages)


def _searched_values(order: ExtractedOrder) -> list[tuple[str, str]]:
    values = [(name, getattr(order, name)) for name in _LOCATED_HEADER]
    for i, line in enumerate(order.lines):
        values += [(f"lines[{i}].{name}", getattr(line, name)) for name in _LOCATED_LINE]
    return [(path, value) for path, value in values if value and "\n" not in value]


def _boxes_on_page(page: pypdfium2.PdfPage, wanted: dict[str, str]) -> dict[str, BBox]:
    height = page.get_height()
    textpage = page.get_textpage()
    try:
        found = {path: _find_box(textpage, text, height) for path, text in wanted.items()}
    finally:
        textpage.close()
        page.close()
    return {path: box for path, box in found.items() if box is not None}


def _find_box(textpage: pypdfium2.PdfTextPage, text: str, height: float) -> BBox | None:
    """The first occurrence's box, from the top-left corner (PDF points, contract §2)."""
    searcher = textpage.search(text, match_case=False)
    try:
        hit = searcher.get_next()
    finally:
        searcher.close()
    if hit is None:
        return None
    rects = [textpage.get_rect(i) for i in range(textpage.count_rects(*hit))]
    if not rects:
        return None
    left, bottom = min(r[0] for r in rects), min(r[1] for r in rects)
    right, top = max(r[2] for r in rects), max(r[3] for r in rects)
    return (left, height - top, right, height - bottom)


def _customer_id(reading: x.XmlOrder, context: ExtractionContext) -> str | None:
    """The buyer's master-data id, matched like any other order's (name, alias, e-mail domain)."""
    if not context.master.customers:
        return None  # nothing to match against
    from extractors.customers import match_customer

    header: dict[str, RawValue] = {}
    if reading.order.customer_name:
        header["customer_name"] = RawValue(reading.order.customer_name, page=1)
    raw = RawOrder(
        header=header,
        buyer_text=reading.buyer_text,
        full_text=reading.buyer_text,
        kind=InputKind.STRUCTURED,
        pages=1,
    )
    match = match_customer(raw, context)
    return match.customer.customer_id if match is not None and match.confident else None
