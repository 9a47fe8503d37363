"""A document that titles itself a quote or offer is not an order: a person confirms it.

A buyer forwards the supplier's own quote ("please proceed as per the attached") with the
PO number in the subject. Read as an order, every value is there and agrees with the
catalogue, so it would go straight through on the supplier's terms, unconfirmed. When
page 1 carries a quote title ("QUOTATION", "Angebot Nr. 4711", "OFERTA / COTIZACIÓN
OF-26-0635") and no cell on it starts with an order's title words ("Purchase Order",
"Bestellung", "PO …"), the PO number and total are left under every approval bar.
A purchase order that quotes a quote ("Quotation ref: Q-88") names itself an order
somewhere on its first page, so it is not touched.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from extractors.confidence import DOUBTED
from extractors.label_words import QUOTE_TITLE_WORDS
from extractors.layout import page_layout
from extractors.parties import document_title
from poflow.domain import ExtractedOrder, PageText

log = logging.getLogger(__name__)

_NUMBER_LABEL = r"(no\.?|nr\.?|n[°º]\.?|#|n[uú]m\.?|number|nummer|num[ée]ro)"
_TITLE = re.compile(
    rf"^({QUOTE_TITLE_WORDS})(\s*[/|·–-]\s*({QUOTE_TITLE_WORDS}))*"
    rf"(\s+{_NUMBER_LABEL})?\s*:?\s*([\w][\w./-]*)?$",
    re.IGNORECASE,
)
TOP_SHARE = 0.5  # a title stands in the upper half of the page


def titled_as_quote(pages: list[PageText]) -> bool:
    """Page 1 has a quote title in its upper half and no cell that starts as an order's
    title. Typed e-mail bodies are orders in words, never titled: not looked at."""
    if not pages or pages[0].unit == "char" or not pages[0].words:
        return False
    layout = page_layout(pages[0])
    cells = [(line.top, cell.text.strip()) for line in layout.lines for cell in line.cells]
    if any(document_title(text) for _, text in cells):
        return False
    limit = TOP_SHARE * layout.page.height
    return any(top <= limit and _TITLE.match(text) for top, text in cells)


def doubt_a_quote(order: ExtractedOrder, pages: list[PageText]) -> ExtractedOrder:
    """`order` with its PO number and total under 0.9 when its pages title it a quote."""
    if not titled_as_quote(pages):
        return order
    log.info("page 1 is titled as a quote or offer, not an order: a person confirms it")
    evidence = dict(order.evidence)
    for name in ("po_number", "total"):
        if name in evidence:
            confidence = min(evidence[name].confidence, DOUBTED)
            evidence[name] = replace(evidence[name], confidence=confidence)
    return order.with_(evidence=evidence)
