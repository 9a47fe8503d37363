"""From bytes to an `ExtractedOrder`: the composition of the extraction stages.

    sniff ─▶ e-mail? ─▶ parts (attachments / typed body), each back through here
          ─▶ PDF with embedded Order-X / Factur-X / UBL XML? ─▶ read the XML (confidence 1.0)
          ─▶ read_pages (text layer or OpenCV + Tesseract) ─▶ extract_raw (layout, labels, table)
          ─▶ match_customer ─▶ build_order (normalise) ─▶ second reads (number cells of
             lines and totals that do not add up, OCR'd PO number, item codes one letter off the
             catalogue) ─▶ accents of names, addresses and terms re-read in the page's
             language ─▶ calibrate (cross-checks) ─▶ titled as a quote, a cancellation
             or a change: in doubt

Pure: no database, no Prefect. Errors are `BadDocument` subclasses.
"""

from __future__ import annotations

from poflow.domain import ExtractedOrder, ExtractionContext, PageText


def extract_document(data: bytes, name: str, context: ExtractionContext) -> ExtractedOrder:
    """The order in one input file (PDF, image, or .eml)."""
    from extractors import reading, sniff

    fmt = sniff.sniff(data, name)
    if fmt == "eml":
        from extractors import email  # only here: a PDF's start-up need not pay for it

        return email.extract_email(data, name, context, extract_document)
    if fmt == "pdf" and sniff.might_embed_files(data):
        from extractors import structured  # lxml and pdfium: only for a PDF that may embed XML

        embedded = structured.read_embedded_order(data, context)
        if embedded is not None:
            return embedded
    pages = reading.read_pages(data, fmt, context, name=name)
    order = extract_from_pages(pages, context)
    # How the pages were read (text layer, scan, photo) for the scoreboard, unless set already.
    return order if order.kind is not None else order.with_(kind=reading.input_kind(pages, fmt))


def extract_from_pages(pages: list[PageText], context: ExtractionContext) -> ExtractedOrder:
    """Layout, labels and table, then customer, normalisation and confidence."""
    from extractors import (
        accents,
        confidence,
        customers,
        fields,
        normalise,
        not_an_order,
        second_read,
    )

    raw = fields.extract_raw(pages, context)
    customer_match = customers.match_customer(raw, context)
    order = normalise.build_order(raw, customer_match, context)
    order = second_read.reread_line_numbers(order, pages, context)
    order = second_read.reread_totals(order, pages, context)
    order = second_read.reread_item_codes(order, pages, context)
    order = accents.reread_accents(order, pages, context)
    rereads = second_read.second_reads(order, pages, context)
    typed = all(page.unit == "char" for page in pages)  # an e-mail body: no columns
    order = confidence.calibrate(order, context, second_reads=rereads, columns=not typed)
    return not_an_order.doubt_what_is_no_order(order, pages)
