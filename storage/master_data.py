"""Master data (contract §4): import customer and product CSVs, load a snapshot for the stages.

An import is all or nothing: every row of every given file is read and checked first, and
a bad one raises `MasterDataError` naming file, row and column (rows are counted as a
spreadsheet shows them: the header is row 1), before anything is written. Then each file
is upserted by its id; importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import astuple, dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from poflow.domain import Customer, MasterData, Product
from poflow.errors import MasterDataError
from storage import models
from storage.audit import SYSTEM, append_audit
from storage.db import Database

CUSTOMER_COLUMNS = (
    "customer_id",
    "name",
    "aliases",
    "email_domains",
    "country",
    "currency",
    "credit_limit",
)
PRODUCT_COLUMNS = ("sku", "description", "unit", "unit_price", "currency")

Record = TypeVar("Record", Customer, Product)


@dataclass(frozen=True)
class _Cell:
    """One value of one row, with what it takes to name it in an error message."""

    file: str
    row: int
    column: str
    text: str

    def fail(self, problem: str) -> MasterDataError:
        return MasterDataError(f"{self.file} row {self.row}, column {self.column}: {problem}")

    def required(self) -> str:
        if not self.text:
            raise self.fail("is empty")
        return self.text

    def optional(self) -> str | None:
        return self.text or None

    def code(self, letters: int) -> str | None:
        """An ISO code of `letters` letters (country, currency), upper-cased; empty is None."""
        if not self.text:
            return None
        if len(self.text) != letters or not self.text.isascii() or not self.text.isalpha():
            raise self.fail(f"{self.text!r} is not a {letters}-letter code")
        return self.text.upper()

    def decimal(self) -> Decimal | None:
        """A non-negative plain decimal (`1234.50`); empty is None."""
        if not self.text:
            return None
        try:
            value = Decimal(self.text)
        except InvalidOperation:
            raise self.fail(f"{self.text!r} is not a decimal") from None
        if not value.is_finite() or value < 0:
            raise self.fail(f"{self.text!r} is not a decimal of zero or more")
        return value

    def pipe_list(self, transform: Callable[[str], str] = str) -> tuple[str, ...]:
        return tuple(transform(v.strip()) for v in self.text.split("|") if v.strip())


def read_customers(path: Path) -> tuple[Customer, ...]:
    """Every customer of a contract §4 `customers.csv`, checked; a bad row is an error."""
    return tuple(_read(path, CUSTOMER_COLUMNS, _customer))


def read_products(path: Path) -> tuple[Product, ...]:
    """Every product of a contract §4 `products.csv`, checked; a bad row is an error."""
    return tuple(_read(path, PRODUCT_COLUMNS, _product))


def _customer(cells: dict[str, _Cell]) -> Customer:
    return Customer(
        customer_id=cells["customer_id"].required(),
        name=cells["name"].required(),
        aliases=cells["aliases"].pipe_list(),
        email_domains=cells["email_domains"].pipe_list(_domain),
        country=cells["country"].code(2),
        currency=cells["currency"].code(3),
        credit_limit=cells["credit_limit"].decimal(),
    )


def _domain(value: str) -> str:
    return value.lower().lstrip("@")


def _product(cells: dict[str, _Cell]) -> Product:
    return Product(
        sku=cells["sku"].required(),
        description=cells["description"].optional(),
        unit=cells["unit"].optional(),
        unit_price=cells["unit_price"].decimal(),
        currency=cells["currency"].code(3),
    )


def _read(
    path: Path, columns: Sequence[str], build: Callable[[dict[str, _Cell]], Record]
) -> Iterator[Record]:
    """Rows of a CSV as records; checks the header, each value, and that ids are unique."""
    name = path.name
    seen: dict[str, int] = {}
    for row_no, cells in _rows(path, columns):
        record = build(cells)
        key = astuple(record)[0]
        if key in seen:
            first = columns[0]
            raise cells[first].fail(f"{key!r} is already on row {seen[key]}")
        seen[key] = row_no
        yield record
    if not seen:
        raise MasterDataError(f"{name}: no rows after the header")


def _rows(path: Path, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, _Cell]]]:
    name = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise MasterDataError(f"{name}: no such file ({path})") from None
    except UnicodeDecodeError as error:
        raise MasterDataError(f"{name}: not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise MasterDataError(f"{name}: cannot read: {error.strerror}") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    _check_header(name, header, columns)
    for row_no, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue  # blank line
        if len(values) != len(header):
            raise MasterDataError(
                f"{name} row {row_no}: {len(values)} values for {len(header)} columns"
            )
        yield (
            row_no,
            {h: _Cell(name, row_no, h, v.strip()) for h, v in zip(header, values, strict=True)},
        )


def _check_header(name: str, header: list[str], columns: Sequence[str]) -> None:
    if not header:
        raise MasterDataError(f"{name}: empty file (expected the header {','.join(columns)})")
    missing = [c for c in columns if c not in header]
    unknown = [h for h in header if h not in columns]
    duplicated = sorted({h for h in header if header.count(h) > 1})
    problems = []
    if missing:
        problems.append(f"missing column(s) {', '.join(missing)}")
    if unknown:
        problems.append(f"unknown column(s) {', '.join(unknown)}")
    if duplicated:
        problems.append(f"repeated column(s) {', '.join(duplicated)}")
    if problems:
        raise MasterDataError(f"{name} row 1 (header): {'; '.join(problems)}")


# --- writing and loading ------------------------------------------------------------------


def import_csvs(
    db: Database, *, customers: Path | None, products: Path | None, actor: str = SYSTEM
) -> str:
    """Upsert customers and/or products from contract §4 CSVs; returns a count summary.

    Every file is read and checked before anything is written, so a bad row imports
    nothing. Example result: `customers: 3 added, 12 updated; products: 80 added`.
    """
    if customers is None and products is None:
        raise MasterDataError("nothing to import: give --customers and/or --products")
    customer_records = read_customers(customers) if customers is not None else None
    product_records = read_products(products) if products is not None else None
    parts = []
    with db.session() as session:
        if customer_records is not None:
            counts = _upsert(session, models.Customer, customer_records, _customer_values)
            parts.append(_summary("customers", counts))
        if product_records is not None:
            counts = _upsert(session, models.Product, product_records, _product_values)
            parts.append(_summary("products", counts))
        append_audit(
            session=session,
            actor=actor,
            action="master_import",
            entity="master_data",
            entity_id=None,
            details={"summary": "; ".join(parts)},
        )
    return "; ".join(parts)


def _customer_values(c: Customer) -> dict[str, Any]:
    return {
        "customer_id": c.customer_id,
        "name": c.name,
        "aliases": list(c.aliases),
        "email_domains": list(c.email_domains),
        "country": c.country,
        "currency": c.currency,
        "credit_limit": c.credit_limit,
    }


def _product_values(p: Product) -> dict[str, Any]:
    return {
        "sku": p.sku,
        "description": p.description,
        "unit": p.unit,
        "unit_price": p.unit_price,
        "currency": p.currency,
    }


def _upsert(
    session: Session,
    model: type[models.Customer] | type[models.Product],
    records: Sequence[Record],
    values_of: Callable[[Any], dict[str, Any]],
) -> tuple[int, int, int]:
    """Insert new rows, update changed ones: (added, updated, unchanged)."""
    key = model.__mapper__.primary_key[0].name  # customer_id or sku
    existing = {getattr(row, key): row for row in session.scalars(select(model))}
    added = updated = unchanged = 0
    for record in records:
        values = values_of(record)
        row = existing.get(values[key])
        if row is None:
            session.add(model(**values))
            added += 1
        elif _same(row, values):
            unchanged += 1
        else:
            for column, value in values.items():
                setattr(row, column, value)
            updated += 1
    session.flush()
    return added, updated, unchanged


def _same(row: object, values: dict[str, Any]) -> bool:
    return all(getattr(row, column) == value for column, value in values.items())


def _summary(what: str, counts: tuple[int, int, int]) -> str:
    added, updated, unchanged = counts
    text = f"{what}: {added} added, {updated} updated"
    return f"{text}, {unchanged} unchanged" if unchanged else text


def load_master_data(db: Database) -> MasterData:
    """A read-only snapshot of all customers and products for the pure stages."""
    with db.read_session() as session:
        return master_data_snapshot(session=session)


def master_data_snapshot(*, session: Session) -> MasterData:
    """Like `load_master_data`, inside a caller's transaction."""
    customers = session.scalars(select(models.Customer).order_by(models.Customer.customer_id))
    products = session.scalars(select(models.Product).order_by(models.Product.sku))
    return MasterData(
        customers=tuple(
            Customer(
                customer_id=c.customer_id,
                name=c.name,
                aliases=tuple(c.aliases or ()),
                email_domains=tuple(c.email_domains or ()),
                country=c.country,
                currency=c.currency,
                credit_limit=_plain(c.credit_limit),
            )
            for c in customers
        ),
        products={
            p.sku: Product(
                sku=p.sku,
                description=p.description,
                unit=p.unit,
                unit_price=_plain(p.unit_price),
                currency=p.currency,
            )
            for p in products
        },
    )


def _plain(value: Decimal | None) -> Decimal | None:
    """`12.5000` → `12.50`: drop the storage scale's extra zeros, keep at least cents."""
    if value is None:
        return None
    cents = value.quantize(Decimal("0.01"))
    return cents if cents == value else value.normalize()
