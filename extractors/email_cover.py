"""The PO number an e-mail's subject or covering note names ("PO 4711", "Bestellung Nr. 12").

It fills the number an order lacks, and confirms one read from an attachment: the sender
typed it independently of the attachment, a cross-check OCR confidence alone cannot give.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.confidence import plausible_po_number
from poflow.domain import Evidence, ExtractedOrder, InputKind

# "PO 4711", "Purchase order no. 4500012345", "Bestellung Nr. 123/26", "Commande n° A-77",
# "our ref NW5194", "our PO number for this is NW5194": a subject line or covering note
# naming the order by its number (the buyer's own reference is the number it will quote).
_COVER_PO = re.compile(
    r"\b(?:p\.?\s?o\.?|purchase\s+order|order|bestellung|auftrag|commande|pedido|"
    r"(?P<ref>our\s+ref(?:erence)?\.?|unsere\s+ref(?:erenz)?\.?|notre\s+r[ée]f(?:[ée]rence)?\.?))"
    r"(?:\s*(?:no\.?|nr\.?|number|nummer|n°|#|:)"
    r"(?:\s+(?:for\s+(?:this|it)(?:\s+order)?\s+)?(?:is|will\s+be)\b)?)*\s*"
    r"(?P<number>(?=[\w/.-]*\d)[A-Z0-9][\w/.-]{2,39})",
    re.IGNORECASE,
)
COVER_PO_CONFIDENCE = 0.8  # a number named in the subject or covering note, not on the order
COVER_CONFIRMED_CONFIDENCE = 0.97  # read on the order and named alike in the subject/note
TYPED_PO_CONFIDENCE = 0.9  # named as "PO …"/"Bestellung …" in a typed order: a labelled value


def po_number_in(text: str) -> str | None:
    """The order number a subject or covering note names ("PO 4711"), or None."""
    match = _COVER_PO.search(text)
    return match["number"].rstrip(".-/") if match else None


def with_cover_po_number(order: ExtractedOrder, subject: str, body: str) -> ExtractedOrder:
    """An order without a PO number, with the one the subject or the body names."""
    for text in (subject, body):
        number = po_number_in(text)
        if number is not None:
            typed = order.kind == InputKind.EMAIL_BODY and _labelled_in(body, number)
            confidence = TYPED_PO_CONFIDENCE if typed else COVER_PO_CONFIDENCE
            evidence = {**order.evidence, "po_number": Evidence(confidence=confidence)}
            return order.with_(po_number=number, evidence=evidence)
    return order


def _labelled_in(body: str, number: str) -> bool:
    """The typed order names `number` with an order word ("PO", "Bestellung", not a mere
    "our ref"), and it has a PO number's shape (not "order 250" pieces, not a date)."""
    match = _COVER_PO.search(body)
    return (
        match is not None
        and match["ref"] is None
        and match["number"].rstrip(".-/") == number
        and len(number) >= 5
        and plausible_po_number(number)
    )


def confirmed_by_cover(order: ExtractedOrder, subject: str, body: str) -> ExtractedOrder:
    """The order's PO number confirmed when the subject or covering note names the same one.

    The sender typed that number independently of the attachment it was read from, so
    agreement is a cross-check that OCR confidence alone cannot give.
    """
    printed = _po_key(order.po_number)
    for text in (subject, body):
        number = po_number_in(text)
        if number is not None and _po_key(number) == printed:
            found = order.evidence.get("po_number") or Evidence(confidence=0.0)
            confidence = max(found.confidence, COVER_CONFIRMED_CONFIDENCE)
            evidence = {**order.evidence, "po_number": replace(found, confidence=confidence)}
            return order.with_(evidence=evidence)
    return order


def _po_key(number: str | None) -> str:
    return re.sub(r"[\s-]", "", number or "").upper()
