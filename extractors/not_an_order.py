"""Documents that arrive as orders do but are no new order: a person confirms them.

- A quote or offer. A buyer forwards the supplier's own quote ("please proceed as per the
  attached") with the PO number in the subject: every value is there and agrees with the
  catalogue, so it would go straight through on the supplier's terms, unconfirmed. Page 1
  carries a quote title ("QUOTATION", "Angebot Nr. 4711", "OFERTA / COTIZACIÓN
  OF-26-0635") and no cell on it starts with an order's title words ("Purchase Order",
  "Bestellung", "PO …"): a purchase order that quotes a quote ("Quotation ref: Q-88")
  names itself an order somewhere on its first page.
- A cancellation or a change of an earlier order ("PURCHASE ORDER CANCELLATION",
  "Stornierung der Bestellung 4711", "Change Order No. 2 to PO 4500012345"): read as a
  new order it would be delivered twice, or cancelled goods shipped. Its title says so in
  a short line of page 1's upper part; a field such as "Cancel date" (US retail POs) or a
  clause on cancellation terms is no title. An e-mail says so in its subject ("Cancel PO
  4711", "Änderung Bestellung 4711") or in the first lines of its note ("please cancel the
  following", "bitte stornieren Sie").

The PO number and total of such a document are left under every approval bar, so
`low_confidence` sends it to review with everything else read as usual.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from extractors.confidence import DOUBTED
from extractors.label_words import QUOTE_TITLE_WORDS
from extractors.layout import Layout, page_layout
from extractors.parties import document_title
from poflow.domain import ExtractedOrder, PageText

log = logging.getLogger(__name__)

_NUMBER_LABEL = r"(no\.?|nr\.?|n[°º]\.?|#|n[uú]m\.?|number|nummer|num[ée]ro)"
_QUOTE_TITLE = re.compile(
    rf"^({QUOTE_TITLE_WORDS})(\s*[/|·–-]\s*({QUOTE_TITLE_WORDS}))*"
    rf"(\s+{_NUMBER_LABEL})?\s*:?\s*([\w][\w./-]*)?$",
    re.IGNORECASE,
)
# Words that title a cancellation or a change of an order, in the languages orders come in.
_AMENDING = re.compile(
    r"\b(cancell?ation|cancell?ed|storno|stornierung|annulation|annul[ée]e?|anulaci[oó]n|"
    r"cancelaci[oó]n|annullamento|anulowanie|change\s*order|order\s*change|po\s*change|"
    r"amendment|(bestell)?änderung|[äa]nderungsbestellung|modification|modificaci[oó]n|"
    r"wijziging|annulering|anula[cç][aã]o|cancelamento|altera[cç][aã]o|annullering|"
    r"[äa]ndring|peruutus|peruttu|muutos|zm[eě]na|storno|iptal|de[gğ]i[sş]iklik|"
    r"variazione|modifica|İptal\w*)\b|取消|变更|更改|취소|변경",
    re.IGNORECASE,
)
# ... but not as a field or a clause: "Cancel date", "Cancellation policy", "if not shipped".
_AMENDING_FIELD = re.compile(
    r"\b(date|datum|fecha|by|if|policy|terms|conditions|bedingungen|fee|charges?|fristen?)\b",
    re.IGNORECASE,
)
# A cancellation asked for in words, in the first lines of an e-mail's note.
_CANCELLING = re.compile(
    r"\b(cancel(l?ed|l?ing|l?ation)?|storn\w*|annul\w*|anul\w*|cancelar|cancelaci[oó]n|"
    r"annulla\w*|annuleer\w*|annulering|anula\w*|cancelamento|annuller\w*|"
    r"peru(?:ut|tt|amme|kaa)\w*|"  # Finnish, not Peru
    r"stornuj\w*|iptal)\b|취소",
    re.IGNORECASE,
)
NOTE_LINES = 4  # a request comes first: "Hello, / please cancel …"
TOP_SHARE = 0.5  # a quote's title stands in the upper half of the page
AMENDING_TOP_SHARE = 0.35  # a cancellation's title, in the upper third (below the letterhead)
TITLE_WORDS = 10  # a title is a short line, not a sentence of the terms


def what_it_is(pages: list[PageText]) -> str | None:
    """ "a quote", "a cancellation or change of an order", or None for an order. Typed
    e-mail bodies are orders in words, never titled: not looked at."""
    if not pages or pages[0].unit == "char" or not pages[0].words:
        return None
    layout = page_layout(pages[0])
    if _amending_title(layout):
        return "a cancellation or change of an order"
    if _quote_title(layout):
        return "a quote"
    return None


def _quote_title(layout: Layout) -> bool:
    cells = [(line.top, cell.text.strip()) for line in layout.lines for cell in line.cells]
    if any(document_title(text) for _, text in cells):
        return False
    limit = TOP_SHARE * layout.page.height
    return any(top <= limit and _QUOTE_TITLE.match(text) for top, text in cells)


def _amending_title(layout: Layout) -> bool:
    limit = AMENDING_TOP_SHARE * layout.page.height
    for line in layout.lines:
        if line.top > limit:
            break
        for cell in line.cells:
            text = cell.text.strip()
            if (
                len(text.split()) <= TITLE_WORDS
                and _AMENDING.search(text)
                and not _AMENDING_FIELD.search(text)
            ):
                return True
    return False


def doubt_what_is_no_order(order: ExtractedOrder, pages: list[PageText]) -> ExtractedOrder:
    """`order` with its PO number and total under 0.9 when its first page titles it a quote,
    a cancellation or a change of an order."""
    kind = what_it_is(pages)
    if kind is None:
        return order
    log.info("page 1 is titled as %s, not a new order: a person confirms it", kind)
    return _doubted(order)


def said_to_amend(subject: str, note: str) -> bool:
    """An e-mail whose subject titles a cancellation or change, or whose note asks for a
    cancellation in its first lines."""
    amending = _AMENDING.search(subject) or _CANCELLING.search(subject)
    if amending and not _AMENDING_FIELD.search(subject):
        return True
    first = [line for line in note.splitlines() if line.strip()][:NOTE_LINES]
    return any(_CANCELLING.search(line) and not _AMENDING_FIELD.search(line) for line in first)


def doubt_an_amending_email(order: ExtractedOrder, subject: str, note: str) -> ExtractedOrder:
    """`order` (from an e-mail) in doubt when the message cancels or changes an order."""
    if not said_to_amend(subject, note):
        return order
    log.info("the e-mail cancels or changes an order, not a new one: a person confirms it")
    return _doubted(order)


def _doubted(order: ExtractedOrder) -> ExtractedOrder:
    evidence = dict(order.evidence)
    for name in ("po_number", "total"):
        if name in evidence:
            confidence = min(evidence[name].confidence, DOUBTED)
            evidence[name] = replace(evidence[name], confidence=confidence)
    return order.with_(evidence=evidence)
