"""Typed records that travel between the stages.

One document, one typed record, many stages: an `IntakeDocument` enters, the
extractors return `PageText` pages and an `ExtractedOrder`, the rules return
`Finding`s, and routing returns a `Verdict`. All are immutable; a stage that
changes something returns a new record (`dataclasses.replace`).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom from the page's top-left


class InputKind(enum.StrEnum):
    """What kind of input a document (or one part of an e-mail) is; the scoreboard groups by it."""

    TEXT_PDF = "text_pdf"
    SCAN = "scan"  # image-only PDF or a flat scanned image
    PHOTO = "photo"  # phone photo: perspective, shading
    EMAIL_BODY = "email_body"
    EMAIL_ATTACHMENT = "email_attachment"
    STRUCTURED = "structured"  # embedded Order-X / Factur-X / UBL XML


@dataclass(frozen=True)
class IntakeDocument:
    """A document as taken in: its bytes are already in the blob store under `sha256`."""

    source: str  # "cli", "folder", "mail", "upload"
    sha256: str
    original_name: str
    blob_path: Path
    received_at: datetime
    size: int
    source_ref: str | None = None  # e.g. "imap:INBOX:uidvalidity:uid" or the folder path


@dataclass(frozen=True)
class Word:
    """One word with its box on the page, in page units (PDF points, or pixels for images)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float = 1.0  # 0..1; text-layer words are 1.0
    # Tesseract's (block, paragraph, line) numbers: words of one printed line share it.
    line_key: tuple[int, int, int] | None = None

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(frozen=True)
class PageText:
    """The words of one page and how they were read."""

    page_no: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]
    method: Literal["text_layer", "ocr", "plain_text"]
    unit: Literal["pt", "px", "char"] = "pt"
    seconds: float = 0.0  # time spent reading this page (render + clean-up + OCR)
    notes: tuple[str, ...] = ()  # why OCR was (not) used, clean-up steps applied, warnings
    # An OCR'd page's grayscale pixels (numpy array, the words' pixel space): kept for a
    # second, independent read of the few values nothing else can confirm.
    image: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Evidence:
    """Where a value was read and how sure we are of it (contract §2)."""

    confidence: float
    page: int | None = None
    bbox: BBox | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"confidence": round(float(self.confidence), 4)}
        if self.page is not None:
            out["page"] = self.page
        if self.bbox is not None:
            out["bbox"] = [round(float(v), 1) for v in self.bbox]
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Evidence:
        bbox = data.get("bbox")
        return cls(
            confidence=float(data["confidence"]),
            page=data.get("page"),
            bbox=tuple(float(v) for v in bbox) if bbox else None,  # type: ignore[arg-type]
        )


@dataclass(frozen=True)
class OrderLine:
    line_no: int
    sku: str | None = None
    description: str | None = None
    quantity: Decimal | None = None
    unit: str | None = None
    unit_price: Decimal | None = None
    amount: Decimal | None = None


HEADER_FIELDS = (
    "po_number",
    "order_date",
    "delivery_date",
    "currency",
    "customer_name",
    "customer_id",
    "ship_to",
    "payment_terms",
    "subtotal",
    "tax",
    "shipping",
    "total",
)
LINE_FIELDS = ("sku", "description", "quantity", "unit", "unit_price", "amount")
MONEY_FIELDS = ("subtotal", "tax", "shipping", "total")
_LINE_PATH = re.compile(r"^lines\[(\d+)\]\.([a-z_]+)$")


def line_path(path: str) -> tuple[int, str] | None:
    """(line index, field name) of an evidence path `lines[i].name`; None for a header path."""
    found = _LINE_PATH.match(path)
    return (int(found.group(1)), found.group(2)) if found else None


@dataclass(frozen=True)
class ExtractedOrder:
    """The order object of contract §2, with per-field evidence keyed by field path."""

    po_number: str | None = None
    order_date: date | None = None
    delivery_date: date | None = None
    currency: str | None = None
    customer_name: str | None = None
    customer_id: str | None = None
    ship_to: str | None = None
    payment_terms: str | None = None
    lines: tuple[OrderLine, ...] = ()
    subtotal: Decimal | None = None
    tax: Decimal | None = None
    shipping: Decimal | None = None
    total: Decimal | None = None
    evidence: dict[str, Evidence] = field(default_factory=dict, compare=False)
    # Not part of the contract object: how the order was read (for the scoreboard and UI).
    kind: InputKind | None = field(default=None, compare=False)
    pages: int = field(default=0, compare=False)

    def with_(self, **changes: Any) -> ExtractedOrder:
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        """The contract §2 object: every key present, decimals as strings, dates ISO."""
        out: dict[str, Any] = {}
        for name in HEADER_FIELDS:
            out[name] = _jsonable(getattr(self, name))
        out["lines"] = [
            {"line_no": ln.line_no, **{f: _jsonable(getattr(ln, f)) for f in LINE_FIELDS}}
            for ln in self.lines
        ]
        # Keep the documented key order: lines before the totals.
        ordered = {k: out[k] for k in HEADER_FIELDS if k not in MONEY_FIELDS}
        ordered["lines"] = out["lines"]
        ordered.update({k: out[k] for k in MONEY_FIELDS})
        ordered["evidence"] = {k: v.to_json() for k, v in sorted(self.evidence.items())}
        return ordered

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ExtractedOrder:
        """Read a contract §2 object (or a truth file) back; unknown keys are ignored."""

        def dec(v: Any) -> Decimal | None:
            return None if v is None or v == "" else Decimal(str(v))

        def day(v: Any) -> date | None:
            return None if not v else date.fromisoformat(str(v))

        lines = tuple(
            OrderLine(
                line_no=int(ln.get("line_no") or i + 1),
                sku=ln.get("sku"),
                description=ln.get("description"),
                quantity=dec(ln.get("quantity")),
                unit=ln.get("unit"),
                unit_price=dec(ln.get("unit_price")),
                amount=dec(ln.get("amount")),
            )
            for i, ln in enumerate(data.get("lines") or [])
        )
        return cls(
            po_number=data.get("po_number"),
            order_date=day(data.get("order_date")),
            delivery_date=day(data.get("delivery_date")),
            currency=data.get("currency"),
            customer_name=data.get("customer_name"),
            customer_id=data.get("customer_id"),
            ship_to=data.get("ship_to"),
            payment_terms=data.get("payment_terms"),
            lines=lines,
            subtotal=dec(data.get("subtotal")),
            tax=dec(data.get("tax")),
            shipping=dec(data.get("shipping")),
            total=dec(data.get("total")),
            evidence={k: Evidence.from_json(v) for k, v in (data.get("evidence") or {}).items()},
        )


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


# --- master data (contract §4) -------------------------------------------------------


@dataclass(frozen=True)
class Customer:
    customer_id: str
    name: str
    aliases: tuple[str, ...] = ()
    email_domains: tuple[str, ...] = ()
    country: str | None = None
    currency: str | None = None
    credit_limit: Decimal | None = None


@dataclass(frozen=True)
class Product:
    sku: str
    description: str | None = None
    unit: str | None = None
    unit_price: Decimal | None = None
    currency: str | None = None


@dataclass(frozen=True)
class MasterData:
    """A read-only snapshot of customers and products that pure stages can look things up in."""

    customers: tuple[Customer, ...] = ()
    products: dict[str, Product] = field(default_factory=dict)

    def customer(self, customer_id: str | None) -> Customer | None:
        if customer_id is None:
            return None
        return next((c for c in self.customers if c.customer_id == customer_id), None)

    def product(self, sku: str | None) -> Product | None:
        return None if sku is None else self.products.get(sku)


# --- extraction context and results of rules and routing -------------------------------


@dataclass(frozen=True)
class ExtractionContext:
    """What an extractor may know besides the bytes: master data and the e-mail it came in."""

    master: MasterData = field(default_factory=MasterData)
    supplier_names: tuple[str, ...] = ()  # our own company: never the customer
    sender_email: str | None = None
    message_date: date | None = None
    ocr_languages: str = "eng"
    ocr_timeout_s: float = 60.0
    max_pages: int = 50
    max_image_pixels: int = 80_000_000
    ocr_extra_languages: str = "deu+chi_sim"  # added on a second pass when a page needs them
    # languages a page's names, addresses and terms may be re-read in (extractors.accents)
    ocr_reread_languages: str = "deu+fra+spa+por+ita+pol+nld+ces+dan+tur"


@dataclass(frozen=True)
class Finding:
    """One reason an order needs a person (contract §3 `reasons`)."""

    rule: str
    field: str | None
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "field": self.field, "message": self.message}


@dataclass(frozen=True)
class Approved:
    document_id: int
    order_id: int
    order: ExtractedOrder
    status: Literal["approved"] = "approved"


@dataclass(frozen=True)
class NeedsReview:
    document_id: int
    review_task_id: int
    order: ExtractedOrder
    findings: tuple[Finding, ...]
    status: Literal["needs_review"] = "needs_review"


@dataclass(frozen=True)
class Duplicate:
    document_id: int
    status: Literal["duplicate"] = "duplicate"


@dataclass(frozen=True)
class Failed:
    reason: str
    document_id: int | None = None
    status: Literal["failed"] = "failed"


Verdict = Approved | NeedsReview | Duplicate | Failed
