"""What a reply takes from the message it quotes: the items of a confirmed offer, or of the
earlier order it repeats.

A reply's own words are the order; the quote below is only history, so it is read in two
cases only: the own words list no items and state no sums (the customer confirms the offer
quoted below), or they say the order repeats the quoted one ("same again as our PO …
below, plus …", "wie letztes Mal", "comme la dernière fois"): then the order is the quoted
items plus any the reply adds, delivered where the quoted order was. Without such words a
reply listing items of its own keeps only those.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import replace

from poflow.domain import Evidence, ExtractedOrder, line_path
from poflow.errors import BadDocument

log = logging.getLogger(__name__)

ReadBody = Callable[[str], ExtractedOrder]

# What a customer may leave to the offer it confirms: the items and what they add up to.
_FROM_QUOTED = ("subtotal", "tax", "shipping", "total")

# Words saying this order repeats an earlier one: English, German, French, Spanish, Italian,
# Dutch. Only the items are meant: "same delivery address as before" does not match.
REPEAT_ORDER = re.compile(
    r"\bsame\s+(?:again|as\s+(?:last\s+time|before|(?:our|the)\s+(?:last|previous)\b))|"
    r"\bsame\s+order\s+as\b|\brepeat\s+(?:of\s+)?(?:our|the|my)\s+(?:last|previous)\s+order|"
    r"\bwie\s+(?:beim\s+)?(?:letzte[sn]?|vorige[sn]?)\s+mal|\bwie\s+zuletzt\b|"
    r"\b(?:gleiche|dieselbe|selbe)\s+bestellung\s+wie\b|"
    r"\bcomme\s+la\s+(?:derni[eè]re|pr[eé]c[eé]dente)\s+fois|"
    r"\bm[eê]me\s+commande\s+que\b|\bla\s+m[eê]me\s+chose\s+que\b|"
    r"\b(?:lo\s+mismo|igual)\s+que\s+la\s+(?:[uú]ltima|vez\s+anterior)|"
    r"\bcome\s+l['’]ultima\s+volta|\bzelfde\s+als\s+(?:de\s+)?vorige\s+keer",
    re.IGNORECASE,
)


def with_quoted_items(
    order: ExtractedOrder, text: str, quoted: Callable[[], str], read: ReadBody
) -> ExtractedOrder:
    """The reply's order with what it takes from the quoted message (`quoted()`: the own
    text `text` followed by the quote; `read`: the body reader). Unchanged unless the reply
    repeats the quoted order or confirms it without items or sums of its own."""
    if REPEAT_ORDER.search(text):
        return _repeated(order, text, quoted(), read)
    if order.lines or any(getattr(order, name) is not None for name in _FROM_QUOTED):
        return order
    full = quoted()
    offer = _read_or_none(full, read) if full and full != text else None
    if offer is None or not offer.lines:
        return order
    names = [*_FROM_QUOTED, *(["currency"] if order.currency is None else [])]
    taken = {name: getattr(offer, name) for name in names}
    evidence = dict(order.evidence)
    for path, found in offer.evidence.items():
        if path.startswith("lines[") or path in names:
            evidence[path] = found
    log.info("the items were read from the quoted message the reply confirms")
    return order.with_(lines=offer.lines, **taken, evidence=evidence)


def _repeated(order: ExtractedOrder, text: str, full: str, read: ReadBody) -> ExtractedOrder:
    """The quoted order's items first, then the reply's own; its address and currency where
    the reply gives none. Its sums only when the reply adds no items (they cover the quote)."""
    quote, row = _quote_of(text, full)
    earlier = _read_or_none(quote, read) if quote else None
    if earlier is None or not earlier.lines:
        return order
    shifted = {path: _moved(found, row) for path, found in earlier.evidence.items()}
    evidence = {
        (_renumbered(path, len(earlier.lines)) if path.startswith("lines[") else path): found
        for path, found in order.evidence.items()
    }
    evidence.update({p: f for p, f in shifted.items() if p.startswith("lines[")})
    lines = (*earlier.lines, *order.lines)
    changes: dict[str, object] = {
        "lines": tuple(replace(line, line_no=i + 1) for i, line in enumerate(lines))
    }
    names = ["ship_to", "currency", *(_FROM_QUOTED if not order.lines else ())]
    for name in names:
        if getattr(order, name) is None and getattr(earlier, name) is not None:
            changes[name] = getattr(earlier, name)
            if name in shifted:
                evidence[name] = shifted[name]
    log.info("the reply repeats the quoted order: %d of its items added", len(earlier.lines))
    return order.with_(**changes, evidence=evidence)


def _quote_of(text: str, full: str) -> tuple[str, int]:
    """The quoted part of `full` and the row it starts on ("" when there is none)."""
    if not full.startswith(text) or len(full) <= len(text):
        return "", 0
    rest = full[len(text) :]
    quote = rest.lstrip("\n")
    return quote.strip(), full[: len(full) - len(quote)].count("\n")


def _read_or_none(text: str, read: ReadBody) -> ExtractedOrder | None:
    try:
        return read(text)
    except BadDocument:
        return None


def _renumbered(path: str, by: int) -> str:
    found = line_path(path)
    return path if found is None else f"lines[{found[0] + by}].{found[1]}"


def _moved(found: Evidence, rows: int) -> Evidence:
    """Evidence read on the quote alone, placed on the body text the quote ends."""
    if found.bbox is None:
        return found
    x0, y0, x1, y1 = found.bbox
    return replace(found, bbox=(x0, y0 + rows, x1, y1 + rows))
