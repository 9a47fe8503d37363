"""What the layout stage reads before normalising: text as printed, with where it was found.

`fields.extract_raw` fills a `RawOrder`; `normalise.build_order` turns it into an
`ExtractedOrder` once the customer (and so the date order and currency) is known.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from poflow.domain import BBox, Evidence, InputKind


@dataclass(frozen=True)
class RawValue:
    """A value as printed (e.g. "1.234,56 €", "03/04/26"), its OCR confidence and its box."""

    text: str
    confidence: float = 1.0
    page: int | None = None
    bbox: BBox | None = None
    label: str | None = None  # the label it was found by, e.g. "P.O. No." (for the logs and UI)

    def evidence(self, confidence: float | None = None) -> Evidence:
        return Evidence(
            confidence=self.confidence if confidence is None else confidence,
            page=self.page,
            bbox=self.bbox,
        )


RAW_HEADER_FIELDS = (
    "po_number",
    "order_date",
    "delivery_date",
    "currency",
    "customer_name",
    "ship_to",
    "bill_to",
    "payment_terms",
    "subtotal",
    "tax",
    "shipping",
    "total",
)
RAW_LINE_FIELDS = ("line_no", "sku", "description", "quantity", "unit", "unit_price", "amount")


@dataclass(frozen=True)
class RawOrder:
    """Header values by field name (see RAW_HEADER_FIELDS), and line rows by column name."""

    header: dict[str, RawValue] = field(default_factory=dict)
    lines: tuple[dict[str, RawValue], ...] = ()
    # Text of the buyer's blocks (letterhead, bill-to, ship-to) for customer matching.
    buyer_text: str = ""
    # All text of the document, for currency and language hints.
    full_text: str = ""
    kind: InputKind | None = None
    pages: int = 0
    notes: tuple[str, ...] = ()
    # Every date printed on the pages, for the one before the order date (date_guard).
    dates: tuple[RawValue, ...] = ()
