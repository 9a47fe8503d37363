"""E-mails: the order typed in the body, or a PDF/image attachment."""

from __future__ import annotations

from samples.generator.content import Features, Order

BODY_LAYOUTS: dict[str, Features] = {
    "mail_plain": Features(unit_column=False, tax=False, shipping=False, payment_terms=False),
    "mail_table": Features(tax=False, shipping=False, subtotal=False),
}


def no_pdf(order: Order) -> bytes:
    raise AssertionError("e-mail body layouts are not drawn as PDF")
