"""A PO number read from an attachment is confirmed only by the same number in the subject."""

from __future__ import annotations

from email.message import EmailMessage

from extractors.email_cover import COVER_CONFIRMED_CONFIDENCE, confirmed_by_cover
from poflow.domain import Evidence, ExtractedOrder


def _message(subject: str, body: str = "Please find our order attached.") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "buyer@northwind.example"
    message["Subject"] = subject
    message.set_content(body)
    return message


def _confirmed(order: ExtractedOrder, message: EmailMessage) -> ExtractedOrder:
    return confirmed_by_cover(order, message["Subject"], message.get_content())


def _order(po_number: str) -> ExtractedOrder:
    evidence = {"po_number": Evidence(confidence=0.85, page=1, bbox=(10.0, 10.0, 60.0, 20.0))}
    return ExtractedOrder(po_number=po_number, evidence=evidence)


def test_same_number_in_subject_confirms_it_and_keeps_its_box() -> None:
    confirmed = _confirmed(_order("NW-374110"), _message("Purchase order NW374110"))
    evidence = confirmed.evidence["po_number"]
    assert evidence.confidence == COVER_CONFIRMED_CONFIDENCE
    assert (evidence.page, evidence.bbox) == (1, (10.0, 10.0, 60.0, 20.0))


def test_other_number_in_subject_confirms_nothing() -> None:
    order = _order("NW374110")
    assert _confirmed(order, _message("Purchase order NW374118")) is order
    assert _confirmed(order, _message("PO NW374118")).evidence["po_number"].confidence == 0.85


def test_number_named_in_the_covering_note_confirms_it() -> None:
    message = _message("Order", body="Hello, attached our PO 4500012345 for May.")
    confirmed = _confirmed(_order("4500012345"), message)
    assert confirmed.evidence["po_number"].confidence == COVER_CONFIRMED_CONFIDENCE
