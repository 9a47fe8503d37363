"""An attached quote, or an attachment the typed body contradicts, is not taken on trust."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from email.message import EmailMessage

from extractors.email import extract_email
from extractors.email_agreement import DOUBTED, doubt_disagreements, named_as_quote
from poflow.domain import Evidence, ExtractedOrder, ExtractionContext, InputKind, OrderLine

BODY = """Hello,

our order PO 4711 as follows (we changed the quantities of your quote):

AX-1000 Hex bolt M8 - 125 pcs x 0.42 EUR = 52.50 EUR
B-22 Washer - 40 pcs x 0.05 EUR = 2.00 EUR

Total: 54.50 EUR

Kind regards
Jane
"""


def _attached(
    quantities: tuple[int, ...] = (250, 80), codes: tuple[str, ...] = ("AX-1000", "B-22")
) -> ExtractedOrder:
    prices = (Decimal("0.42"), Decimal("0.05"))
    lines = tuple(
        OrderLine(n + 1, sku=code, quantity=Decimal(q), unit_price=p, amount=Decimal(q) * p)
        for n, (code, q, p) in enumerate(zip(codes, quantities, prices, strict=False))
    )
    evidence = {"total": Evidence(0.99), "po_number": Evidence(0.99)}
    for index in range(len(lines)):
        for name in ("sku", "quantity", "unit_price", "amount"):
            evidence[f"lines[{index}].{name}"] = Evidence(0.99, page=1)
    total = sum((line.amount or Decimal(0) for line in lines), Decimal(0))
    return ExtractedOrder(po_number="Q-88", lines=lines, total=total, evidence=evidence)


def _mail(attachment_name: str) -> bytes:
    message = EmailMessage()
    message["From"] = "jane@northwind.example"
    message["Subject"] = "RE: your quote Q-88"
    message.set_content(BODY)
    message.add_attachment(b"%PDF-1.4 stand-in", "application", "pdf", filename=attachment_name)
    return message.as_bytes()


def _reader(order: ExtractedOrder) -> Callable[[bytes, str, ExtractionContext], ExtractedOrder]:
    """The injected seam: the attachment 'reads as' `order` (the body is read for real)."""

    def read(data: bytes, name: str, context: ExtractionContext) -> ExtractedOrder:
        return order

    return read


def test_quote_names_in_several_languages_and_orders_that_cite_a_quote() -> None:
    for name in ("Cotizacion_OF-26-0635.pdf", "Angebot 4711.pdf", "Quotation-88.pdf", "devis.pdf"):
        assert named_as_quote(name), name
    for name in ("PO_4711_per_quote_88.pdf", "Bestellung zu Angebot 12.pdf", "scan0001.pdf"):
        assert not named_as_quote(name), name


def test_items_typed_in_the_body_beat_an_attached_quote() -> None:
    order = extract_email(
        _mail("Cotizacion_OF-26-0635.pdf"), "m.eml", ExtractionContext(), _reader(_attached())
    )
    assert order.kind == InputKind.EMAIL_BODY
    assert [(line.sku, line.quantity) for line in order.lines] == [
        ("AX-1000", Decimal(125)),
        ("B-22", Decimal(40)),
    ]


def test_an_attached_order_the_body_contradicts_is_left_in_doubt() -> None:
    order = extract_email(_mail("PO_4711.pdf"), "m.eml", ExtractionContext(), _reader(_attached()))
    assert order.kind == InputKind.EMAIL_ATTACHMENT
    assert order.evidence["lines[0].quantity"].confidence == DOUBTED
    assert order.evidence["lines[1].amount"].confidence == DOUBTED
    assert order.evidence["lines[0].unit_price"].confidence == 0.99  # the price agrees


def test_a_body_that_agrees_or_types_no_items_changes_nothing() -> None:
    attached = _attached((125, 40))
    read = _reader(attached)
    assert extract_email(_mail("PO_4711.pdf"), "m.eml", ExtractionContext(), read) == attached
    assert doubt_disagreements(attached, ExtractedOrder(po_number="4711")) is attached


def test_an_item_only_one_side_lists_doubts_the_line_or_the_total() -> None:
    attached = _attached((125, 40), codes=("AX-1000", "C-7"))
    body = _attached((125, 40))
    doubted = doubt_disagreements(attached, body)
    assert doubted.evidence["lines[1].sku"].confidence == DOUBTED  # C-7: not typed
    assert doubted.evidence["total"].confidence == DOUBTED  # B-22: not attached
    assert doubted.evidence["lines[0].quantity"].confidence == 0.99
