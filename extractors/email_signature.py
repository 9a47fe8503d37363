"""The company in an e-mail's signature, for an order that names no buyer.

The body is read without its signature (`email_text.order_text`): its phone numbers,
addresses and legal lines would be taken for the order's. But a typed order often names
its company only there ("--\\nBergmann Maschinenbau GmbH\\nEinkauf\\n…"). So, after the
order is read, a company line of the signature becomes its customer name when it has
none, and its customer when the sender's address named none and the line names exactly
one customer of the master data.
"""

from __future__ import annotations

from extractors.customers import CustomerMatch, match_customer
from extractors.email_text import starts_quoted_message
from extractors.parties import is_company, is_supplier
from extractors.raw import RawOrder, RawValue
from poflow.domain import Evidence, ExtractedOrder, ExtractionContext

SIGNATURE_LINES = 8  # a signature is a few lines; further down is a disclaimer or a quote
SIGNED_NAME_CONFIDENCE = 0.8  # a company line nothing checks
CONFIRMED_NAME_CONFIDENCE = 0.95  # ... that names the customer the sender's address named


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
    """The order with the signature's company as its customer (see the module docstring):
    a company-like line, or one the customer matcher finds a customer's name in."""
    if order.customer_name is not None:
        return order
    suppliers = list(context.supplier_names)
    for line in signature:
        if len(line) >= 70 or is_supplier(line, suppliers):
            continue
        signed = RawOrder(header={"customer_name": RawValue(line)}, full_text=line)
        match = match_customer(signed, context)  # with the sender's address, as for a page
        # The line itself must have named the customer, not the sender's address alone.
        named = match is not None and match.printed is not None and match.by != "email_domain"
        if is_company(line) or named:
            return _named(order, line, match if named else None)
    return order


def _named(order: ExtractedOrder, line: str, match: CustomerMatch | None) -> ExtractedOrder:
    evidence = dict(order.evidence)
    agrees = match is not None and match.customer.customer_id == order.customer_id
    confidence = CONFIRMED_NAME_CONFIDENCE if agrees else SIGNED_NAME_CONFIDENCE
    evidence["customer_name"] = Evidence(confidence=confidence)
    if order.customer_id is None and match is not None and match.confident:
        evidence["customer_id"] = Evidence(confidence=match.score)
        return order.with_(
            customer_name=line, customer_id=match.customer.customer_id, evidence=evidence
        )
    return order.with_(customer_name=line, evidence=evidence)
