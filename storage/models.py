"""The order database: SQLAlchemy 2.0 typed models, one class per table.

The schema itself is created by the Alembic migrations in `storage/migrations/`; these
classes must match them (a test compares the two). Money and quantities are `Money`
(`NUMERIC(18, 4)`, always read back as `Decimal`); lists and order objects are `JSON`.
Times are stored as UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeEngine

DOCUMENT_STATUSES = (
    "received",
    "extracting",
    "failed",
    "needs_review",
    "approved",
    "duplicate",
    "rejected",
)
REVIEW_STATUSES = ("open", "approved", "rejected")
ROLES = ("admin", "reviewer", "viewer")

# Stable constraint names, so migrations can refer to them on every dialect.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    return datetime.now(UTC)


class Money(TypeDecorator[Decimal]):
    """`NUMERIC(18, 4)` that always reads back as an exact `Decimal`.

    SQLite has no decimal type: SQLAlchemy would go through float and warn. There we
    bind the exact text and parse the stored value back with `Decimal(str(...))`. SQLite
    keeps a number exactly up to 15 significant digits (99,999,999,999.9999); larger
    values are rounded there, PostgreSQL keeps all 18. The order JSON of each order and
    review task keeps the read strings exactly either way.
    """

    impl = Numeric(18, 4)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Numeric(18, 4, asdecimal=False))
        return dialect.type_descriptor(Numeric(18, 4))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        exact = Decimal(str(value)).quantize(Decimal("0.0001"))
        return format(exact, "f") if dialect.name == "sqlite" else exact

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(str(value)).quantize(Decimal("0.0001"))


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC and read back timezone-aware (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy's documented class attribute
        datetime: UtcDateTime(),
        Decimal: Money(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
        str: String(255),
    }


class Document(Base):
    """One original file, by content (SHA-256); its bytes are in the blob store."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(String(32))
    source_ref: Mapped[str | None] = mapped_column(Text, index=True)
    original_name: Mapped[str] = mapped_column(Text)
    blob_path: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    media_kind: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(32), index=True, default="received")
    received_at: Mapped[datetime]
    extracted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    failure_reason: Mapped[str | None] = mapped_column(Text)
    page_count: Mapped[int | None] = mapped_column(Integer)
    # The worker extracting the document and the end of its lease (migration 0004_document_lease).
    leased_by: Mapped[str | None] = mapped_column(String(128))
    lease_until: Mapped[datetime | None]

    pages: Mapped[list[Page]] = relationship(back_populates="document", order_by="Page.page_no")


class Page(Base):
    """How one page of a document was read (text layer or OCR) and its size."""

    __tablename__ = "pages"
    __table_args__ = (UniqueConstraint("document_id", "page_no"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    page_no: Mapped[int] = mapped_column(Integer)
    width: Mapped[float] = mapped_column(Float)
    height: Mapped[float] = mapped_column(Float)
    method: Mapped[str] = mapped_column(String(16))
    unit: Mapped[str] = mapped_column(String(8))

    document: Mapped[Document] = relationship(back_populates="pages")


class Extraction(Base):
    """One extraction result: the contract §2 order object with its per-field evidence."""

    __tablename__ = "extractions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    order_json: Mapped[dict[str, Any]]
    kind: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class Customer(Base):
    """A customer of contract §4."""

    __tablename__ = "customers"

    customer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    email_domains: Mapped[list[Any]] = mapped_column(default=list)
    country: Mapped[str | None] = mapped_column(String(2))
    currency: Mapped[str | None] = mapped_column(String(3))
    credit_limit: Mapped[Decimal | None]


class Product(Base):
    """A catalogue product of contract §4."""

    __tablename__ = "products"

    sku: Mapped[str] = mapped_column(String(128), primary_key=True)
    description: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(32))
    unit_price: Mapped[Decimal | None]
    currency: Mapped[str | None] = mapped_column(String(3))


class Order(Base):
    """An approved sales order: only approved orders are ever stored here."""

    __tablename__ = "orders"
    __table_args__ = (
        Index("ix_orders_customer_id_po_number", "customer_id", "po_number"),
        Index("ix_orders_approved_at", "approved_at"),  # the dashboard's last days
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.customer_id"))
    customer_name: Mapped[str | None] = mapped_column(Text)
    po_number: Mapped[str | None] = mapped_column(String(128))
    order_date: Mapped[date | None] = mapped_column(Date)
    delivery_date: Mapped[date | None] = mapped_column(Date)
    currency: Mapped[str | None] = mapped_column(String(3))
    ship_to: Mapped[str | None] = mapped_column(Text)
    payment_terms: Mapped[str | None] = mapped_column(Text)
    subtotal: Mapped[Decimal | None]
    tax: Mapped[Decimal | None]
    shipping: Mapped[Decimal | None]
    total: Mapped[Decimal | None]
    status: Mapped[str] = mapped_column(String(32), default="approved")
    approved_by: Mapped[str] = mapped_column(String(128))
    approved_at: Mapped[datetime] = mapped_column(default=utc_now)
    order_json: Mapped[dict[str, Any]]

    lines: Mapped[list[OrderLineRow]] = relationship(
        back_populates="order", order_by="OrderLineRow.line_no", cascade="all, delete-orphan"
    )


class OrderLineRow(Base):
    """One line of a stored order; `product_sku` links the catalogue when the sku is known."""

    __tablename__ = "order_lines"
    __table_args__ = (UniqueConstraint("order_id", "line_no"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str | None] = mapped_column(String(128))
    product_sku: Mapped[str | None] = mapped_column(ForeignKey("products.sku"))
    description: Mapped[str | None] = mapped_column(Text)
    quantity: Mapped[Decimal | None]
    unit: Mapped[str | None] = mapped_column(String(32))
    unit_price: Mapped[Decimal | None]
    amount: Mapped[Decimal | None]

    order: Mapped[Order] = relationship(back_populates="lines")


class ReviewTask(Base):
    """An order that needs a person, with the findings that sent it here."""

    __tablename__ = "review_tasks"
    __table_args__ = (Index("ix_review_tasks_customer_id_po_number", "customer_id", "po_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    order_json: Mapped[dict[str, Any]]
    findings: Mapped[list[Any]]
    status: Mapped[str] = mapped_column(String(16), index=True, default="open")
    customer_id: Mapped[str | None] = mapped_column(String(64))
    po_number: Mapped[str | None] = mapped_column(String(128))
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    claimed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[str | None] = mapped_column(String(128))
    reason: Mapped[str | None] = mapped_column(Text)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ApiToken(Base):
    """An HTTP API token; only its hash is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class AuditEntry(Base):
    """Append-only: nothing in poflow updates or deletes a row (PostgreSQL refuses it too)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utc_now, index=True)
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str | None] = mapped_column(String(128))
    details: Mapped[dict[str, Any]]

    __table_args__ = (Index("ix_audit_log_entity_entity_id", "entity", "entity_id"),)


class Correction(Base):
    """A reviewer's correction of a read value: where it was read, what it should have been."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    field_path: Mapped[str] = mapped_column(String(128))
    customer_id: Mapped[str | None] = mapped_column(String(64), index=True)
    read_value: Mapped[str | None] = mapped_column(Text)
    corrected_value: Mapped[str | None] = mapped_column(Text)
    page: Mapped[int | None] = mapped_column(Integer)
    bbox: Mapped[list[Any] | None] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(default=utc_now)
    actor: Mapped[str | None] = mapped_column(String(128))


class WebSession(Base):
    """A signed-in browser of the review app; the cookie holds a token, only its hash is here."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    expires_at: Mapped[datetime]
