"""Whether an e-mail's attachment is the order its body states.

A buyer may attach the supplier's own quote and type the order, with changed quantities,
in the body ("we return your quote; the order is as follows"). Read as the order, that
quote is a wrong order at full confidence. Two guards:

- an attachment named as a quote or offer ("Cotizacion_OF-26-0635.pdf", "Angebot 4711")
  gives way to items typed in the body;
- when an attachment is taken as the order and the body types items too, every item code
  the two disagree on (a different quantity or price, an item only one of them lists)
  leaves the attachment's values under 0.9, so a person decides.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from extractors.confidence import DOUBTED
from extractors.label_words import ORDER_TITLE_WORDS, QUOTE_TITLE_WORDS
from poflow.domain import ExtractedOrder, OrderLine

_QUOTE_NAME = re.compile(QUOTE_TITLE_WORDS, re.IGNORECASE)
# ... unless the name also calls it the order ("PO_4711_per_quote_88.pdf"), by the words
# that title an order, looked for between the name's non-letters.
_ORDER_NAME = re.compile(rf"\b({ORDER_TITLE_WORDS})\b", re.IGNORECASE)
_NOT_LETTERS = re.compile(r"[\W\d_]+")


def named_as_quote(name: str) -> bool:
    """An attachment whose name says it is a quote or offer, not an order."""
    return bool(_QUOTE_NAME.search(name)) and not _ORDER_NAME.search(_NOT_LETTERS.sub(" ", name))


def doubt_disagreements(order: ExtractedOrder, body: ExtractedOrder) -> ExtractedOrder:
    """`order` (read from an attachment) with the values the body's typed items contradict
    under 0.9; unchanged when the body types no item codes or agrees."""
    typed = _by_code(body.lines)
    if not typed:
        return order
    attached = _by_code(order.lines)
    evidence = dict(order.evidence)
    doubted = False
    for index, line in enumerate(order.lines):
        code = _code(line)
        if code is None:
            continue
        other = typed.get(code)
        fields = ("quantity", "unit_price", "amount") if other else ("sku", "quantity")
        for name in fields:
            if other is not None and not _differs(getattr(line, name), getattr(other, name)):
                continue
            path = f"lines[{index}].{name}"
            if path in evidence:
                evidence[path] = replace(evidence[path], confidence=DOUBTED)
            doubted = True
    if set(typed) - set(attached) and "total" in evidence:  # an item the attachment lacks
        evidence["total"] = replace(evidence["total"], confidence=DOUBTED)
        doubted = True
    return order.with_(evidence=evidence) if doubted else order


def _by_code(lines: tuple[OrderLine, ...]) -> dict[str, OrderLine]:
    return {code: line for line in lines if (code := _code(line)) is not None}


def _code(line: OrderLine) -> str | None:
    return re.sub(r"[\s.\-/]", "", line.sku).upper() if line.sku else None


def _differs(attached: Decimal | None, typed: Decimal | None) -> bool:
    """Both stated and not equal (a value the body leaves out contradicts nothing)."""
    return attached is not None and typed is not None and attached != typed
