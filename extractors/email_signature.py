"""The company in an e-mail's signature, for an order that names no buyer.

The body is read without its signature (`email_text.order_text`): its phone numbers,
addresses and legal lines would be taken for the order's. But a typed order often names
its company only there ("--\\nBergmann Maschinenbau GmbH\\nEinkauf\\n…"). So, after the
order is read, a company line of the signature becomes its customer name when it has
none, and its customer when the sender's address named none and the line names exactly
one customer of the master data.
"""

from __future__ import annotations

from extractors.customers import name_similarity
from extractors.email_text import starts_quoted_message
from extractors.parties import is_company, is_supplier
from poflow.domain import Customer, Evidence, ExtractedOrder, ExtractionContext

SIGNATURE_LINES = 8  # a signature is a few lines; further down is a disclaimer or a quote
NAMES_CUSTOMER = 0.9  # a signature line this like a customer's name (or alias) names it
AGREES = 0.75  # as `normalise`: a printed name this like the matched customer's is it
SIGNED_NAME_CONFIDENCE = 0.8  # a company line nothing checks
CONFIRMED_NAME_CONFIDENCE = 0.95  # ... that names the customer the sender's address named
SIGNED_CUSTOMER_CONFIDENCE = 0.9  # as the sender's address alone (`customers`)


def signature_lines(text: str) -> list[str]:
    """The non-empty lines after the sender's signature delimiter (`-- `), up to a quoted
    message; none when the delimiter is only in the quoted message (another's signature)."""
    found: list[str] | None = None
    lines = text.split("\n")
    for i, line in enumerate(lines):
        here = line.strip()
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if here.startswith(">") or starts_quoted_message(here, following):
            break
        if found is None:
            found = [] if here == "--" else None
        elif here:
            found.append(here)
    return (found or [])[:SIGNATURE_LINES]


def with_signature_name(
    order: ExtractedOrder, signature: list[str], context: ExtractionContext
) -> ExtractedOrder:
    """The order with the signature's company as its customer (see the module docstring)."""
    if order.customer_name is not None:
        return order
    suppliers = list(context.supplier_names)
    matched = context.master.customer(order.customer_id) if order.customer_id else None
    for line in signature:
        if len(line) >= 70 or is_supplier(line, suppliers):
            continue
        named = [c for c in context.master.customers if name_similarity(line, c) >= NAMES_CUSTOMER]
        if not (is_company(line) or named):
            continue
        return _named(order, line, matched, named)
    return order


def _named(
    order: ExtractedOrder, line: str, matched: Customer | None, named: list[Customer]
) -> ExtractedOrder:
    evidence = dict(order.evidence)
    agrees = matched is not None and name_similarity(line, matched) >= AGREES
    confidence = CONFIRMED_NAME_CONFIDENCE if agrees else SIGNED_NAME_CONFIDENCE
    evidence["customer_name"] = Evidence(confidence=confidence)
    if matched is None and len(named) == 1:
        evidence["customer_id"] = Evidence(confidence=SIGNED_CUSTOMER_CONFIDENCE)
        return order.with_(customer_name=line, customer_id=named[0].customer_id, evidence=evidence)
    return order.with_(customer_name=line, evidence=evidence)
