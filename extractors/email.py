"""E-mail input: an `.eml` becomes the order in its attachment, or the order typed in its body.

    parse (stdlib `email`, policy.default) ─▶ sender + Date header into the context
      (a message forwarded by someone who is no customer: the forwarded message's)
      ─▶ order attachments: PDF / image / CII-UBL XML by content sniffing, ranked
         (terms, logos, signatures last; tiny images and oversized parts skipped),
         each read by `extract_document` until one yields a PO number and lines
      ─▶ else the body: text/plain (or text/html as text, tables kept as columns),
         quoted replies and the signature stripped (`email_text`) ─▶ `reading.text_to_page`
      ─▶ a PO number still missing: the one the subject or covering note names;
         one read on the order and named alike there is confirmed (a cross-check)

Attachment names are display text chosen by the sender: they are only logged and handed
on as names, never used as paths. One order per e-mail for now (the best attachment).
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from email import errors as email_errors
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime
from functools import partial
from typing import cast

from PIL import Image

from extractors.customers import customer_index
from extractors.email_agreement import doubt_disagreements, named_as_quote
from extractors.email_cover import confirmed_by_cover, with_cover_po_number
from extractors.email_quoted import with_quoted_items
from extractors.email_signature import signature_lines, with_signature_name
from extractors.email_text import (
    FORWARD_SUBJECT,
    forwarded_header,
    html_to_text,
    money_in_text,
    order_text,
    typed_address,
)
from extractors.normalise import MESSAGE_DATE_CONFIDENCE
from extractors.normalise_dates import parse_date
from extractors.normalise_values import parse_money
from extractors.not_an_order import doubt_an_amending_email
from poflow.domain import Evidence, ExtractedOrder, ExtractionContext, InputKind
from poflow.errors import BadDocument, CorruptFile, NoTextFound, UnsupportedType

log = logging.getLogger(__name__)

ExtractDocument = Callable[[bytes, str, ExtractionContext], ExtractedOrder]

DEFAULT_MAX_FILE_BYTES = 50_000_000  # the `POFLOW_MAX_FILE_BYTES` default
MAX_PARTS = 200  # MIME parts looked at, at most (a message is untrusted input)
MAX_ATTEMPTS = 4  # attachments read (OCR'd) per message, at most
MAX_BODY_CHARS = 30_000  # a typed order is far shorter; the rest is not read
MIN_IMAGE_SIDE = 500  # px: smaller images are logos, icons and signature banners

# Attachment names that suggest something other than the order (ranked last, not dropped).
_UNRELATED_NAME = re.compile(
    r"terms|agb|condition|condiciones|cgv|bedingung|logo|signature|signatur|banner|"
    r"privacy|datenschutz|impressum|disclaimer|footer|^image\d{3}\.",
    re.IGNORECASE,
)
_BROKEN_MIME = (
    email_errors.StartBoundaryNotFoundDefect,
    email_errors.NoBoundaryInMultipartDefect,
)
_NO_REPLY = re.compile(r"^(no-?reply|do-?not-?reply|mailer-daemon|notifications?)\b", re.I)
# Bugs in the stdlib header parser on hostile input surface as these.
_HEADER_ERRORS = (ValueError, TypeError, IndexError, LookupError)


@dataclass(frozen=True)
class Attachment:
    """A part that may hold the order; `name` is display text only."""

    name: str
    data: bytes
    fmt: str  # "pdf", "png", "jpeg", "tiff", "xml"
    position: int
    unrelated_hint: bool = False
    quote: bool = False  # named as a quote or offer: typed items in the body come first


def extract_email(
    data: bytes,
    name: str,
    context: ExtractionContext,
    extract_document: ExtractDocument,
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> ExtractedOrder:
    """The order in an e-mail: its best order attachment, else the order typed in the body.

    `kind` says which (`email_attachment` / `email_body`). A malformed message is
    `CorruptFile`; nothing to read at all is `NoTextFound`.
    """
    message = parse_message(data)
    ctx = sender_context(message, context)
    attachments = order_attachments(message, max_file_bytes=max_file_bytes)
    note = body_text(message)  # the order typed, or the covering note (checks either way)
    order = _best_order(
        attachments,
        note,
        ctx,
        extract_document,
        quoted=lambda: body_text(message, keep_quotes=True),
    )
    subject = _header(message, "Subject") or ""
    order = (
        with_cover_po_number(order, subject, note)
        if order.po_number is None
        else confirmed_by_cover(order, subject, note)
    )
    order = doubt_an_amending_email(order, subject, note)
    order = with_signature_name(order, signature_lines(_body_with_quotes(message)), ctx)
    log.info("%s: order read from the %s", name, order.kind)
    return _with_message_date(order, ctx)


def parse_message(data: bytes) -> EmailMessage:
    """The parsed message; `CorruptFile` when the bytes are not a readable e-mail."""
    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
        broken = any(isinstance(d, _BROKEN_MIME) for part in _parts(message) for d in part.defects)
    except RecursionError:
        raise CorruptFile("e-mail nests its parts too deeply to read") from None
    except _HEADER_ERRORS as exc:
        raise CorruptFile(f"not a readable e-mail message ({exc})") from None
    if not message.keys():
        raise CorruptFile("not an e-mail message: no header lines")
    if broken:
        raise CorruptFile("broken e-mail: a multipart boundary is missing")
    return cast(EmailMessage, message)  # policy.default builds EmailMessage objects


def sender_context(message: Message, context: ExtractionContext) -> ExtractionContext:
    """The context with the sender's address (From) and the day the message was sent."""
    sender = _sender_address(_header(message, "From"))
    if sender is None or _NO_REPLY.match(sender):
        # Procurement portals send from a no-reply relay; the buyer is in Reply-To.
        sender = _sender_address(_header(message, "Reply-To")) or sender
    sent = _header_date(_header(message, "Date"))
    if not _is_customer_address(sender, context):
        # Forwarded to the order desk by a colleague or an inbox rule: the customer is the
        # forwarded message's sender, and it ordered the day it sent that message.
        # A forward within one company (a buyer passing on a colleague's list) is that
        # buyer's order, placed when forwarded.
        original_sender, original_date = _forwarded_original(message, sent)
        if original_sender is not None and _domain(original_sender) != _domain(sender):
            sender, sent = original_sender, original_date or sent
    return replace(
        context,
        sender_email=sender or context.sender_email,
        message_date=sent or context.message_date,
    )


def _domain(address: str | None) -> str:
    return (address or "").rpartition("@")[2]


def _is_customer_address(address: str | None, context: ExtractionContext) -> bool:
    """The address is at a customer's registered domain (or a subdomain of it)."""
    domain = _domain(address)
    return bool(domain) and any(
        domain == d or domain.endswith("." + d) for d, _ in customer_index(context.master).domains
    )


def _forwarded_original(
    message: Message, forwarded_on: date | None
) -> tuple[str | None, date | None]:
    """(sender, date sent) of the message this one forwards: an attached message
    (message/rfc822) or a forwarded block in the body; (None, None) when none is."""
    for part in _parts(message):
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            if isinstance(inner, list) and inner and isinstance(inner[0], Message):
                return (
                    _sender_address(_header(inner[0], "From")),
                    _header_date(_header(inner[0], "Date")),
                )
    typed_from, typed_date = forwarded_header(
        _body_with_quotes(message),
        forwarded=bool(FORWARD_SUBJECT.match(_header(message, "Subject") or "")),
    )
    return _typed_address(typed_from), _typed_date(typed_date, forwarded_on)


def _typed_address(value: str | None) -> str | None:
    """The address in a typed From line: "Jane <jane@x.com>", also Outlook's
    "Jane Buyer [mailto:jane@x.com]"."""
    found = re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", value or "")
    return _sender_address(value) or (found[0].lower() if found else None)


def _typed_date(text: str | None, forwarded_on: date | None) -> date | None:
    """A date as a mail client prints it in a forwarded header block ("Sun, Feb 1, 2026 at
    8:47 AM", "Sonntag, 1. Februar 2026 08:47", RFC 5322), never after the forward (a
    message is sent before it is forwarded). A numeric date whose day and month could swap
    is the reading nearest the forward; None without a forward date to settle it."""
    if not text:
        return None
    rfc = _header_date(text)
    readings = {rfc} if rfc else {parse_date(text, month_first=m) for m in (False, True)}
    kept = sorted(d for d in readings if d and (forwarded_on is None or d <= forwarded_on))
    return kept[-1] if len(kept) == 1 or (kept and forwarded_on is not None) else None


def _header(message: Message, name: str) -> str | None:
    try:
        value = message.get(name)
    except _HEADER_ERRORS:
        return None
    return None if value is None else str(value)


def _sender_address(value: str | None) -> str | None:
    address = parseaddr(value or "")[1].strip().lower()
    return address if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", address) else None


def _header_date(value: str | None) -> date | None:
    """The date as the sender's clock showed it (the day the customer sent the order)."""
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date()
    except _HEADER_ERRORS:
        return None


def _parts(message: Message) -> Iterator[Message]:
    for i, part in enumerate(message.walk()):
        if i >= MAX_PARTS:
            log.warning("e-mail has more than %d MIME parts; the rest is ignored", MAX_PARTS)
            return
        yield part


def _leaf_parts(message: Message) -> Iterator[Message]:
    return (part for part in _parts(message) if not part.is_multipart())


def _payload(part: Message) -> bytes:
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


# --- attachments -------------------------------------------------------------------------


def sniff_document(data: bytes, declared_type: str = "", name: str = "") -> str | None:
    """The document format by content (declared types and names lie); None if not one."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    says_xml = "xml" in declared_type or name.lower().endswith(".xml")
    if says_xml and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "xml"
    return None


def order_attachments(message: Message, *, max_file_bytes: int) -> list[Attachment]:
    """Parts that may hold the order, best first: likely orders before terms and logos."""
    found: list[Attachment] = []
    for position, part in enumerate(_leaf_parts(message)):
        attachment = _candidate(part, position, max_file_bytes)
        if attachment is not None:
            found.append(attachment)
    return sorted(found, key=lambda a: (a.unrelated_hint, a.position))


def _candidate(part: Message, position: int, max_file_bytes: int) -> Attachment | None:
    data = _payload(part)
    name = display_name(part.get_filename(), position)
    fmt = sniff_document(data, part.get_content_type(), name)
    if fmt is None:
        return None
    if len(data) > max_file_bytes:
        log.warning("attachment %r skipped: %d bytes is over %d", name, len(data), max_file_bytes)
        return None
    if fmt in ("png", "jpeg", "tiff") and _is_small_image(data):
        log.info("attachment %r skipped: a small image (logo, icon or signature)", name)
        return None
    quote = named_as_quote(name)
    hinted = quote or bool(_UNRELATED_NAME.search(name))
    return Attachment(name, data, fmt, position, unrelated_hint=hinted, quote=quote)


def display_name(raw: str | None, position: int) -> str:
    """A harmless display name: no directories, no control characters, bounded length."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip(" .")
    return name[:120] or f"attachment-{position}"


def _is_small_image(data: bytes) -> bool:
    try:
        with Image.open(io.BytesIO(data)) as image:
            return max(image.size) < MIN_IMAGE_SIDE
    except (OSError, ValueError, Image.DecompressionBombError):
        return False  # unknown size: let the reader decide (and apply its pixel cap)


# --- choosing the order ------------------------------------------------------------------


def is_complete(order: ExtractedOrder) -> bool:
    """An order worth stopping at: it names a PO number and has line items."""
    return order.po_number is not None and bool(order.lines)


def _score(order: ExtractedOrder) -> tuple[bool, bool, bool, int]:
    """Line items count for more than a PO number: they are the order's substance."""
    filled = sum(
        getattr(order, f) is not None for f in ("order_date", "customer_name", "total", "currency")
    )
    return (is_complete(order), bool(order.lines), order.po_number is not None, filled)


# Header values a covering note often states ("attached our PO 4711 of 3 March").
_FROM_COVER_NOTE = ("po_number", "order_date")


def _fill_from_body(order: ExtractedOrder, body: ExtractedOrder) -> ExtractedOrder:
    """An attachment's order, with the PO number or date it lacks taken from the body text."""
    changes: dict[str, object] = {}
    evidence = dict(order.evidence)
    for name in _FROM_COVER_NOTE:
        if getattr(order, name) is None and getattr(body, name) is not None:
            changes[name] = getattr(body, name)
            if name in body.evidence:
                evidence[name] = replace(body.evidence[name], bbox=None, page=None)
    return order.with_(**changes, evidence=evidence) if changes else order


def _best_order(
    attachments: list[Attachment],
    text: str,
    context: ExtractionContext,
    extract_document: ExtractDocument,
    *,
    quoted: Callable[[], str] = str,
) -> ExtractedOrder:
    """The first complete attachment order; else the best of the partial ones and the body's
    (`quoted`: the body with the quoted message, read when the own words list no items).
    An attachment named as a quote gives way to items typed in the body, and items typed in
    the body that contradict the attachment taken leave its values in doubt
    (`email_agreement`)."""
    candidates: list[ExtractedOrder] = []
    quotes: list[ExtractedOrder] = []
    failures: list[BadDocument] = []
    for attachment in attachments[:MAX_ATTEMPTS]:
        try:
            order = _read_attachment(attachment, context, extract_document)
        except BadDocument as exc:
            log.info("attachment %r is not readable as an order: %s", attachment.name, exc)
            failures.append(exc)
            continue
        if is_complete(order) and not attachment.quote:
            return _checked_by_body(order, text, context)
        (quotes if attachment.quote else candidates).append(order)
    body_order: ExtractedOrder | None = None
    if text:
        try:
            body_order = extract_body(text, context)
        except BadDocument as exc:
            failures.append(exc)
        else:
            if not body_order.lines:  # no items typed: a quote attached may be all there is
                candidates += quotes
            if not any(c.lines for c in candidates):  # an attached order's items come first
                read = partial(extract_body, context=context)
                body_order = with_quoted_items(body_order, text, quoted, read)
                body_order = _with_stated_total(body_order, text)
            candidates = [_fill_from_body(c, body_order) for c in candidates] + [body_order]
    else:
        candidates += quotes
    if candidates:
        best = max(candidates, key=_score)  # on a tie the earlier one: attachments first
        if body_order is None or best is body_order:
            return best
        return doubt_disagreements(best, body_order)
    if failures:
        raise failures[0]
    raise NoTextFound("e-mail has no order attachment and no body text")


def _checked_by_body(
    order: ExtractedOrder, text: str, context: ExtractionContext
) -> ExtractedOrder:
    """An attachment's complete order, in doubt where the body's typed items contradict it."""
    try:
        typed = extract_body(text, context) if text else None
    except BadDocument:
        typed = None
    return order if typed is None else doubt_disagreements(order, typed)


def _read_attachment(
    attachment: Attachment, context: ExtractionContext, extract_document: ExtractDocument
) -> ExtractedOrder:
    if attachment.fmt == "xml":
        from extractors.structured import read_order_xml

        order = read_order_xml(attachment.data, context)
        if order is None:
            raise UnsupportedType("XML attachment is not a CII or UBL order", name=attachment.name)
    else:
        order = extract_document(attachment.data, _named_as(attachment), context)
    return order.with_(kind=InputKind.EMAIL_ATTACHMENT)


def _named_as(attachment: Attachment) -> str:
    """The display name, with the extension its content has (so a `.pdf` PNG reads as PNG)."""
    suffix = "." + ("jpg" if attachment.fmt == "jpeg" else attachment.fmt)
    name = attachment.name
    return name if name.lower().endswith(suffix) else name + suffix


def extract_body(text: str, context: ExtractionContext) -> ExtractedOrder:
    """The order typed in a message body, read like a one-page document of plain text."""
    from extractors import pipeline, reading  # type: ignore[attr-defined]

    if len(text) > MAX_BODY_CHARS:
        log.warning("e-mail body cut to %d of %d characters", MAX_BODY_CHARS, len(text))
        text = text[:MAX_BODY_CHARS]
    page = reading.text_to_page(text)
    order = pipeline.extract_from_pages([page], context).with_(kind=InputKind.EMAIL_BODY)
    return _with_stated_total(_with_typed_address(order, text), text)


TYPED_ADDRESS_CONFIDENCE = 0.8  # free text, as any address read (nothing can check it)
STATED_TOTAL_CONFIDENCE = 0.95  # the line amounts add up to it: calibration's "confirmed"


def _with_typed_address(order: ExtractedOrder, text: str) -> ExtractedOrder:
    """An order with no delivery address, with the one typed under "…address:"."""
    found = None if order.ship_to is not None else typed_address(text)
    if found is None:
        return order
    first, lines = found
    box = (0.0, float(first), float(max(len(ln) for ln in lines)), float(first + len(lines)))
    evidence = Evidence(confidence=TYPED_ADDRESS_CONFIDENCE, page=1, bbox=box)
    return order.with_(ship_to="\n".join(lines), evidence={**order.evidence, "ship_to": evidence})


def _with_stated_total(order: ExtractedOrder, text: str) -> ExtractedOrder:
    """ "That's £587.00 all in.": an order with no sums read, whose line amounts add up to
    an amount typed outside its item values (after them on the last item's line too:
    "… = $12.00 - $61.00 in total"), has that amount as its total."""
    sums = ("subtotal", "tax", "shipping", "total")
    amounts = [line.amount for line in order.lines]
    if not amounts or None in amounts or any(getattr(order, n) is not None for n in sums):
        return order
    goods = sum((a for a in amounts if a is not None), Decimal(0))
    stated = [
        (row, start, end)
        for row, start, end, typed in _money_outside_items(order, text)
        if parse_money(typed) == goods
    ]
    if not stated:
        return order
    row, start, end = stated[-1]
    box = (float(start), float(row), float(end), float(row + 1))
    evidence = Evidence(confidence=STATED_TOTAL_CONFIDENCE, page=1, bbox=box)
    return order.with_(total=goods, evidence={**order.evidence, "total": evidence})


def _money_outside_items(order: ExtractedOrder, text: str) -> list[tuple[int, int, int, str]]:
    """The amounts typed in `text` (as `money_in_text`) that are none of the item values read."""
    boxes = [
        found.bbox
        for path, found in order.evidence.items()
        if path.startswith("lines[") and found.bbox is not None
    ]
    return [
        (row, start, end, typed)
        for row, start, end, typed in money_in_text(text)
        if not any(b[1] <= row < b[3] and start < b[2] and b[0] < end for b in boxes)
    ]


def _with_message_date(order: ExtractedOrder, context: ExtractionContext) -> ExtractedOrder:
    """An order that states no date was placed the day it was sent."""
    if order.order_date is not None or context.message_date is None:
        return order
    evidence = {**order.evidence, "order_date": Evidence(confidence=MESSAGE_DATE_CONFIDENCE)}
    return order.with_(order_date=context.message_date, evidence=evidence)


# --- the typed body ----------------------------------------------------------------------


def body_text(message: Message, *, keep_quotes: bool = False) -> str:
    """The customer's own words in the body: plain text (or HTML as text), no quotes or signature.

    HTML is preferred when it holds a table: a plain-text alternative (as Outlook writes
    it) puts each table cell on its own line and loses the columns. A forwarded message
    keeps the forwarded text: that is usually the order. `keep_quotes` adds the quoted
    message after the own words (see `order_text`).
    """
    plain, html = _text_parts(message)
    forwarded = bool(FORWARD_SUBJECT.match(_header(message, "Subject") or ""))
    if _html_preferred(plain, html):
        quoted = "\n\n".join(html_to_text(h, keep_quotes=True) for h in html)
        if keep_quotes:
            return order_text(quoted, forwarded=forwarded, keep_quotes=True)
        text = order_text("\n\n".join(html_to_text(h) for h in html), forwarded=forwarded)
        return text or order_text(quoted, forwarded=forwarded)
    return order_text("\n\n".join(plain), forwarded=forwarded, keep_quotes=keep_quotes)


def _text_parts(message: Message) -> tuple[list[str], list[str]]:
    """The body's plain-text parts and its HTML parts, decoded (attachments left out)."""
    plain: list[str] = []
    html: list[str] = []
    for part in _leaf_parts(message):
        if part.get_content_disposition() == "attachment" or part.get_content_maintype() != "text":
            continue
        if part.get_content_subtype() == "html":
            html.append(_decoded_text(part))
        elif part.get_content_subtype() == "plain":
            plain.append(_decoded_text(part))
    return plain, html


def _html_preferred(plain: list[str], html: list[str]) -> bool:
    has_table = any("<table" in h.lower() for h in html)
    return bool(html) and (has_table or not any(p.strip() for p in plain))


def _body_with_quotes(message: Message) -> str:
    """The whole body as text, quoted and forwarded messages with their header blocks."""
    plain, html = _text_parts(message)
    if _html_preferred(plain, html):
        return "\n\n".join(html_to_text(h, keep_quotes=True) for h in html)
    return "\n\n".join(plain)


def _decoded_text(part: Message) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
    except (LookupError, UnicodeError, ValueError):
        content = None  # an unknown or lying charset: read the bytes as UTF-8 below
    if not isinstance(content, str):
        content = _payload(part).decode("utf-8", errors="replace")
    return content.replace("\r\n", "\n").replace("\r", "\n")
