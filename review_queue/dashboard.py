"""The dashboard's numbers: intake, straight-through rate, queue, reasons, value by customer,
cycle time.

Each figure is one small query; the template draws the bars (inline SVG) from these numbers
and shows the numbers themselves beside them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Date, case, cast, func, select
from sqlalchemy.orm import Session

from poflow.stats import nearest_rank
from storage.models import Document, Order, ReviewTask, utc_now


@dataclass(frozen=True)
class DayRate:
    day: date
    orders: int
    straight_through: int

    @property
    def percent(self) -> float:
        return 100.0 * self.straight_through / self.orders if self.orders else 0.0


@dataclass(frozen=True)
class CycleTime:
    """Received → stored in the order store, for the orders of one path (7 days)."""

    path: str
    orders: int
    median_minutes: float
    p90_minutes: float

    @property
    def median(self) -> str:
        return duration_text(self.median_minutes) if self.orders else "–"

    @property
    def p90(self) -> str:
        return duration_text(self.p90_minutes) if self.orders else "–"


def duration_text(minutes: float) -> str:
    """A span as people say it: 40 s, 12 min, 3.5 h, 2.1 d."""
    if minutes < 1:
        return f"{minutes * 60:.0f} s"
    if minutes < 90:
        return f"{minutes:.0f} min"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} h"
    return f"{minutes / 1440:.1f} d"


@dataclass(frozen=True)
class Figures:
    received_today: int
    received_week: int
    queue_size: int
    overdue: int
    oldest_hours: float
    straight_through: tuple[DayRate, ...]
    reasons: tuple[tuple[str, int], ...]
    value_by_customer: tuple[tuple[str, str, Decimal], ...]
    cycle_times: tuple[CycleTime, ...]

    @property
    def max_reason(self) -> int:
        return max((n for _, n in self.reasons), default=1) or 1

    @property
    def max_value(self) -> Decimal:
        return max((v for *_, v in self.value_by_customer), default=Decimal(1)) or Decimal(1)


def figures(*, session: Session, sla: timedelta, days: int = 14) -> Figures:
    now = utc_now()
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    week = today - timedelta(days=today.weekday())
    open_tasks = select(ReviewTask.created_at).where(ReviewTask.status == "open")
    created = list(session.scalars(open_tasks))
    return Figures(
        received_today=_received_since(session, today),
        received_week=_received_since(session, week),
        queue_size=len(created),
        overdue=sum(1 for at in created if now - at > sla),
        oldest_hours=max(((now - at).total_seconds() / 3600 for at in created), default=0.0),
        straight_through=_rates(session, today - timedelta(days=days - 1), days),
        reasons=_reasons(session),
        value_by_customer=_value_by_customer(session),
        cycle_times=_cycle_times(session, now - timedelta(days=7)),
    )


def _received_since(session: Session, since: datetime) -> int:
    query = select(func.count()).select_from(Document).where(Document.received_at >= since)
    return int(session.scalar(query) or 0)


def _rates(session: Session, since: datetime, days: int) -> tuple[DayRate, ...]:
    """Orders per day and how many of them the rules approved alone (grouped in SQL)."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    day = func.date(Order.approved_at) if sqlite else cast(Order.approved_at, Date)
    straight = func.sum(case((Order.approved_by == "rules", 1), else_=0))
    query = select(day, func.count(), straight).where(Order.approved_at >= since).group_by(day)
    found = {str(d): (int(n), int(s or 0)) for d, n, s in session.execute(query)}
    first = since.date()
    return tuple(
        DayRate(day_, *found.get(day_.isoformat(), (0, 0)))
        for day_ in (first + timedelta(days=i) for i in range(days))
    )


def _reasons(session: Session, top: int = 8) -> tuple[tuple[str, int], ...]:
    since = utc_now() - timedelta(days=30)
    query = select(ReviewTask.findings).where(ReviewTask.created_at >= since)
    counts: Counter[str] = Counter()
    for findings in session.scalars(query):
        counts.update({str(f["rule"]) for f in findings})
    return tuple(counts.most_common(top))


def _value_by_customer(session: Session, top: int = 10) -> tuple[tuple[str, str, Decimal], ...]:
    name = func.coalesce(Order.customer_name, Order.customer_id, "(unknown)")
    total = func.sum(Order.total)
    query = (
        select(name, Order.currency, total)
        .group_by(name, Order.currency)
        .order_by(total.desc())
        .limit(top)
    )
    return tuple(
        (str(n), str(c or ""), Decimal(str(v or 0)).quantize(Decimal("0.01")))
        for n, c, v in session.execute(query)
    )


def _cycle_times(session: Session, since: datetime) -> tuple[CycleTime, ...]:
    """How long an order takes from arrival to the order store: alone vs through review.

    The database subtracts the timestamps (plain numbers are cheap to fetch, 50,000
    datetimes are not); the quantiles are nearest-rank.
    """
    seconds = _seconds(session, Document.received_at, Order.approved_at)
    query = (
        select(Order.approved_by == "rules", seconds)
        .join(Document, Order.document_id == Document.id)
        .where(Order.approved_at >= since)
    )
    minutes: dict[bool, list[float]] = {True: [], False: []}
    for alone, span in session.execute(query):
        minutes[bool(alone)].append(max(float(span or 0), 0.0) / 60)
    return tuple(
        CycleTime(path, len(values), nearest_rank(values, 0.5), nearest_rank(values, 0.9))
        for path, values in (("straight through", minutes[True]), ("reviewed", minutes[False]))
    )


def _seconds(session: Session, start: Any, end: Any) -> ColumnElement[Any]:
    """`end - start` in seconds, in the database's own date arithmetic."""
    if session.get_bind().dialect.name == "sqlite":
        return (func.julianday(end) - func.julianday(start)) * 86400
    return func.extract("epoch", end - start)
