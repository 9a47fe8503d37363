"""E-mail intake: which part holds the order, the sender context, the typed body, bad mail.

`extract_document` is the injected seam: a recording fake stands in for the reading
stages, so these tests pin down the choice of attachment; the body tests read real text.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from email.message import EmailMessage

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from reportlab.pdfgen import canvas

from extractors.email import (
    body_text,
    display_name,
    extract_email,
    order_attachments,
    parse_message,
    sender_context,
)
from extractors.email_cover import po_number_in
from extractors.email_text import html_to_text, strip_reply
from poflow.domain import ExtractedOrder, ExtractionContext, InputKind, OrderLine
from poflow.errors import BadDocument, CorruptFile, NoTextFound

COMPLETE = ExtractedOrder(
    po_number="PO-1",
    order_date=date(2026, 3, 2),
    lines=(OrderLine(line_no=1, sku="AX-1000", quantity=Decimal("5")),),
)


def _pdf(text: str) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, text)
    page.save()
    return out.getvalue()


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, format="PNG")
    return out.getvalue()


ORDER_PDF = _pdf("PURCHASE ORDER PO-1")
TERMS_PDF = _pdf("GENERAL TERMS AND CONDITIONS")
LOGO_PNG = _png(160, 48)
SCAN_PNG = _png(1240, 1754)


class FakeReader:
    """Records what it was asked to read; answers from a table of known bytes."""

    def __init__(self, answers: dict[bytes, ExtractedOrder | Exception]) -> None:
        self.answers = answers
        self.calls: list[tuple[bytes, str, ExtractionContext]] = []

    def __call__(self, data: bytes, name: str, context: ExtractionContext) -> ExtractedOrder:
        self.calls.append((data, name, context))
        answer = self.answers.get(data, ExtractedOrder())
        if isinstance(answer, Exception):
            raise answer
        return answer

    @property
    def names(self) -> list[str]:
        return [name for _, name, _ in self.calls]


def _mail(body: str = "", *, html: str | None = None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Jane Buyer <Jane.Buyer@Northwind.example>"
    message["To"] = "orders@acme.example"
    message["Subject"] = "Purchase order"
    message["Date"] = "Mon, 02 Mar 2026 09:15:00 +0100"
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message


def _attach(message: EmailMessage, data: bytes, name: str, mime: str = "application/pdf") -> None:
    maintype, subtype = mime.split("/")
    message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)


def _extract(
    message: EmailMessage, reader: Callable[..., ExtractedOrder], **kw: int
) -> ExtractedOrder:
    return extract_email(message.as_bytes(), "po.eml", ExtractionContext(), reader, **kw)


def test_the_order_attachment_is_read_and_terms_and_logo_are_passed_over() -> None:
    message = _mail("Please find our order attached.")
    _attach(message, TERMS_PDF, "AGB_terms.pdf")
    _attach(message, LOGO_PNG, "logo.png", "image/png")
    _attach(message, ORDER_PDF, "PO-1.pdf")
    reader = FakeReader({ORDER_PDF: COMPLETE})
    order = _extract(message, reader)
    assert order.kind is InputKind.EMAIL_ATTACHMENT
    assert order.po_number == "PO-1"
    assert reader.names == ["PO-1.pdf"]  # ranked before the terms; the logo never read


def test_sender_and_message_date_reach_the_reading_stages() -> None:
    message = _mail("see attachment")
    _attach(message, ORDER_PDF, "order.pdf")
    reader = FakeReader({ORDER_PDF: COMPLETE})
    _extract(message, reader)
    [(_, _, context)] = reader.calls
    assert context.sender_email == "jane.buyer@northwind.example"
    assert context.message_date == date(2026, 3, 2)


def test_content_decides_the_type_and_hostile_names_stay_names() -> None:
    message = _mail("")
    _attach(message, ORDER_PDF, "../../etc/cron.d/x.bin", "application/octet-stream")
    reader = FakeReader({ORDER_PDF: COMPLETE})
    _extract(message, reader)
    [name] = reader.names
    assert "/" not in name and "\\" not in name
    assert name.endswith(".pdf")


def test_a_phone_photo_is_a_candidate_but_a_tiny_image_is_not() -> None:
    message = _mail("")
    _attach(message, LOGO_PNG, "image001.png", "image/png")
    _attach(message, SCAN_PNG, "IMG_2041.png", "image/png")
    reader = FakeReader({SCAN_PNG: COMPLETE})
    assert _extract(message, reader).po_number == "PO-1"
    assert reader.names == ["IMG_2041.png"]


def test_an_unreadable_attachment_gives_way_to_the_next() -> None:
    message = _mail("")
    broken = _pdf("broken one")
    _attach(message, broken, "first.pdf")
    _attach(message, ORDER_PDF, "second.pdf")
    reader = FakeReader({broken: CorruptFile("bad xref"), ORDER_PDF: COMPLETE})
    assert _extract(message, reader).po_number == "PO-1"
    assert reader.names == ["first.pdf", "second.pdf"]


def test_the_only_attachment_unreadable_and_no_body_is_that_error() -> None:
    message = _mail("")
    _attach(message, ORDER_PDF, "order.pdf")
    with pytest.raises(CorruptFile, match="bad xref"):
        _extract(message, FakeReader({ORDER_PDF: CorruptFile("bad xref")}))


def test_an_oversized_attachment_is_skipped() -> None:
    message = _mail("")
    _attach(message, ORDER_PDF, "order.pdf")
    reader = FakeReader({ORDER_PDF: COMPLETE})
    with pytest.raises(NoTextFound, match="no order attachment and no body text"):
        _extract(message, reader, max_file_bytes=100)
    assert reader.calls == []


def test_a_forwarded_message_s_attachment_is_found() -> None:
    inner = _mail("original order")
    _attach(inner, ORDER_PDF, "order.pdf")
    outer = _mail("FYI, forwarding the order below.")
    outer.add_attachment(inner)
    reader = FakeReader({ORDER_PDF: COMPLETE})
    assert _extract(outer, reader).kind is InputKind.EMAIL_ATTACHMENT
    assert reader.names == ["order.pdf"]


def test_the_message_date_is_the_order_date_when_the_order_states_none() -> None:
    message = _mail("")
    _attach(message, ORDER_PDF, "order.pdf")
    undated = COMPLETE.with_(order_date=None)
    order = _extract(message, FakeReader({ORDER_PDF: undated}))
    assert order.order_date == date(2026, 3, 2)
    assert order.evidence["order_date"].confidence < 1.0


def test_a_ubl_order_attached_as_xml_is_read_directly() -> None:
    xml = (
        b'<Order xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"'
        b' xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">'
        b"<cbc:ID>UBL-9</cbc:ID><cbc:IssueDate>2026-03-01</cbc:IssueDate>"
        b"<cac:OrderLine><cac:LineItem><cbc:ID>1</cbc:ID><cbc:Quantity>2</cbc:Quantity>"
        b"</cac:LineItem></cac:OrderLine></Order>"
    )
    message = _mail("")
    _attach(message, xml, "order.xml", "application/xml")
    reader = FakeReader({})
    order = _extract(message, reader)
    assert (order.po_number, order.kind, len(order.lines)) == (
        "UBL-9", InputKind.EMAIL_ATTACHMENT, 1,
    )  # fmt: skip
    assert reader.calls == []


def test_ranking_puts_likely_orders_first() -> None:
    message = _mail("")
    _attach(message, TERMS_PDF, "Terms_and_Conditions.pdf")
    _attach(message, ORDER_PDF, "4500012345.pdf")
    ranked = order_attachments(parse_message(message.as_bytes()), max_file_bytes=10**7)
    assert [a.name for a in ranked] == ["4500012345.pdf", "Terms_and_Conditions.pdf"]
    assert ranked[1].unrelated_hint


# --- malformed and empty mail -----------------------------------------------------------


def test_bytes_without_headers_are_a_corrupt_file() -> None:
    with pytest.raises(CorruptFile):
        extract_email(b"\x00\x01\x02 not mail", "x.eml", ExtractionContext(), FakeReader({}))


def test_a_multipart_without_its_boundary_is_a_corrupt_file() -> None:
    data = (
        b"From: a@b.example\r\nSubject: PO\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="XYZ"\r\n\r\n'
        b"JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K\r\n"
    )
    with pytest.raises(CorruptFile, match="boundary"):
        extract_email(data, "x.eml", ExtractionContext(), FakeReader({}))


def test_no_attachment_and_no_body_is_no_text_found() -> None:
    with pytest.raises(NoTextFound, match="no order attachment and no body text"):
        _extract(_mail("\n  \n"), FakeReader({}))


# --- the typed body ---------------------------------------------------------------------

REPLY = """Hello Acme team,

PO number: 7781
Please deliver 20 x AX-1000 Hex bolt M8x40 at 0.42

Best regards,
Jane
--\x20
Jane Buyer | Northwind Traders | +44 20 7946 0000

On Fri, 27 Feb 2026 at 16:02, Acme Sales <sales@acme.example> wrote:
> Dear Jane, here is our quote Q-991 for 10 x AX-2000.
> Regards
"""


def test_quoted_reply_and_signature_are_stripped_from_a_plain_body() -> None:
    text = body_text(parse_message(_mail(REPLY).as_bytes()))
    assert "PO number: 7781" in text
    assert "20 x AX-1000" in text
    assert "Q-991" not in text and "AX-2000" not in text
    assert "+44 20" not in text


def test_a_body_that_is_only_quoted_keeps_the_quoted_order() -> None:
    text = body_text(parse_message(_mail("> PO 55\n> 3 x AX-1000\n").as_bytes()))
    assert text == "PO 55\n3 x AX-1000"


def test_outlook_reply_header_ends_the_own_text() -> None:
    body = "Order 12, 4 pcs B-22\n\nFrom: Acme Sales\nSent: Monday\nTo: Jane\nold quote Q-7"
    assert strip_reply(body) == "Order 12, 4 pcs B-22"


GMAIL_FORWARD = """FYI, see the order below.
--\x20
Tom, Northwind purchasing

---------- Forwarded message ---------
From: Jane Buyer <jane@northwind.example>
Date: Mon, 2 Mar 2026 at 09:15
Subject: PO 7781
To: <orders@acme.example>

PO number: 7781
20 x AX-1000 Hex bolt M8x40 at 0.42
"""


def test_a_forwarded_order_is_kept_without_its_header_block() -> None:
    message = _mail(GMAIL_FORWARD)
    text = body_text(parse_message(message.as_bytes()))
    assert text.startswith("FYI, see the order below.")
    assert "PO number: 7781\n20 x AX-1000" in text
    assert "Tom, Northwind" not in text and "Subject:" not in text


def test_an_outlook_forward_is_recognised_by_its_subject() -> None:
    body = (
        "Please process.\n\nFrom: Jane Buyer\nSent: Monday\nTo: Orders\nSubject: PO 12\n\n4 x B-22"
    )
    message = _mail(body)
    message.replace_header("Subject", "FW: PO 12")
    text = body_text(parse_message(message.as_bytes()))
    assert text == "Please process.\n\n4 x B-22"


def test_an_html_reply_that_only_quotes_keeps_the_quote() -> None:
    message = EmailMessage()
    message["From"] = "jane@northwind.example"
    message.set_content("<p></p><blockquote><p>PO 88: 3 x AX-1000</p></blockquote>", subtype="html")
    assert body_text(parse_message(message.as_bytes())) == "PO 88: 3 x AX-1000"


HTML_ORDER = """<html><head><style>td {padding: 2px}</style></head><body>
<p>Dear Acme,</p><p>our order <b>PO&nbsp;4500012345</b> of 02.03.2026:</p>
<table><tr><th>Item</th><th>Description</th><th>Qty</th><th>Unit price</th></tr>
<tr><td>AX-1000</td><td>Hex bolt M8x40, zinc</td><td>250</td><td>0.42</td></tr>
<tr><td>B-22</td><td>Washer</td><td>1,000</td><td>0.05</td></tr></table>
<p>Kind regards<br>Jane</p>
<blockquote>Earlier quote Q-991</blockquote></body></html>"""


def test_an_html_only_body_becomes_text_with_its_table_in_columns() -> None:
    message = EmailMessage()
    message["From"] = "jane@northwind.example"
    message.set_content(HTML_ORDER, subtype="html")
    text = body_text(parse_message(message.as_bytes()))
    lines = text.splitlines()
    assert "our order PO 4500012345 of 02.03.2026:" in lines
    header = next(line for line in lines if line.startswith("Item"))
    row = next(line for line in lines if line.startswith("AX-1000"))
    assert header.index("Qty") == row.index("250")  # the columns line up
    assert "Q-991" not in text and "padding" not in text


def test_html_with_a_table_is_preferred_over_a_cell_per_line_plain_part() -> None:
    outlook_plain = "Item\nDescription\nQty\nAX-1000\nHex bolt\n250\n"
    text = body_text(parse_message(_mail(outlook_plain, html=HTML_ORDER).as_bytes()))
    assert any(line.startswith("AX-1000") and "250" in line for line in text.splitlines())


def test_the_typed_body_is_read_as_an_order_page() -> None:
    for stage in ("reading", "fields", "customers", "normalise", "confidence"):
        pytest.importorskip(f"extractors.{stage}")
    body = "Purchase Order No. 7781\nDate: 02.03.2026\n\nItem  Qty  Price\nAX-1000  20  0.42\n"
    order = _extract(_mail(body), FakeReader({}))
    assert order.kind is InputKind.EMAIL_BODY
    assert order.po_number == "7781"


# --- properties -------------------------------------------------------------------------


@given(st.text(max_size=300))
def test_stripped_text_never_keeps_a_quoted_line(text: str) -> None:
    assert not any(line.lstrip().startswith(">") for line in strip_reply(text).split("\n"))


@given(st.text(max_size=300))
def test_display_names_are_never_paths(raw: str) -> None:
    name = display_name(raw, 3)
    assert name and "/" not in name and "\\" not in name and len(name) <= 120
    assert name not in (".", "..")


@given(st.text(alphabet=st.sampled_from(list("<>/tdr ablex&;#\n")), max_size=200))
def test_any_html_soup_gives_text(html: str) -> None:
    assert isinstance(html_to_text(html), str)


def test_a_no_reply_relay_gives_way_to_reply_to() -> None:
    message = _mail("")
    message.replace_header("From", "Procurement Portal <no-reply@portal.example>")
    message["Reply-To"] = "Jane Buyer <jane@northwind.example>"
    context = sender_context(parse_message(message.as_bytes()), ExtractionContext())
    assert context.sender_email == "jane@northwind.example"


def test_a_deeply_nested_message_is_a_bad_document_not_a_crash() -> None:
    data = b'From: a@b.example\r\nContent-Type: multipart/mixed; boundary="b0"\r\n\r\n'
    for i in range(1, 3000):
        data += b'--b%d\r\nContent-Type: multipart/mixed; boundary="b%d"\r\n\r\n' % (i - 1, i)
    with pytest.raises(BadDocument):
        extract_email(data, "deep.eml", ExtractionContext(), FakeReader({}))


def test_a_po_number_missing_on_the_order_comes_from_the_subject() -> None:
    message = _mail("Please find our order attached.")
    message.replace_header("Subject", "Purchase order no. 4500012345")
    _attach(message, ORDER_PDF, "order.pdf")
    order = _extract(message, FakeReader({ORDER_PDF: COMPLETE.with_(po_number=None)}))
    assert order.po_number == "4500012345"
    assert order.evidence["po_number"].confidence < 0.9  # a person confirms it


def test_the_po_number_on_the_order_wins_over_the_subject() -> None:
    message = _mail("")
    message.replace_header("Subject", "PO 999")
    _attach(message, ORDER_PDF, "order.pdf")
    assert _extract(message, FakeReader({ORDER_PDF: COMPLETE})).po_number == "PO-1"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("PO PO-2026-41283", "PO-2026-41283"),
        ("please find attached our purchase order 77-1200.", "77-1200"),
        ("Bestellung Nr. 123/2026", "123/2026"),
        ("P.O. #: 88123", "88123"),
        ("Re: order confirmation", None),
        ("New order", None),
    ],
)
def test_po_numbers_named_in_subjects_and_notes(text: str, number: str | None) -> None:
    assert po_number_in(text) == number


def test_a_preformatted_table_keeps_its_columns() -> None:
    html = "<p>Order 12</p><pre>Item      Qty  Price\nAX-1000    20   0.42\n</pre>"
    assert "Item      Qty  Price\nAX-1000    20   0.42" in html_to_text(html)
