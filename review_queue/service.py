"""What the review screens do to the database: list the queue, edit, approve, reject.

Each operation is one transaction. Rules are re-run on every edit with the same rule set and
master-data snapshot the pipeline uses, and approving stores the order with the same
`storage.orders.add_order` and document status change as straight-through processing.
Every change goes to the audit log (old → new, who) and every corrected read value to the
corrections table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Row, String, cast, func, select
from sqlalchemy.orm import Session

from poflow.domain import ExtractedOrder, Finding, MasterData
from review_queue import editing
from review_queue.security import SignedIn
from rules.config import RuleSet
from storage.audit import append_audit
from storage.documents import latest_extraction, set_document_status
from storage.models import ReviewTask, utc_now
from storage.orders import add_order, po_number_taken
from storage.review import (
    ReviewConflict,
    add_correction,
    claim_review_task,
    decide_review_task,
    get_review_task,
    task_findings,
    task_order,
    update_review_task,
)

Edit = Callable[[ExtractedOrder], ExtractedOrder]


class Forbidden(PermissionError):
    """The signed-in user may not do this (role, or someone else's claimed task)."""


@dataclass(frozen=True)
class QueueFilter:
    reason: str | None = None
    customer: str | None = None
    min_age_hours: float | None = None
    sort: str = "age"  # age | total | customer | po


@dataclass(frozen=True)
class QueueRow:
    task_id: int
    customer: str
    po_number: str
    total: Decimal | None
    currency: str | None
    reasons: tuple[str, ...]
    created_at: datetime
    age_hours: float
    overdue: bool
    claimed_by: str | None


def queue(
    *, session: Session, wanted: QueueFilter, sla_hours: float, limit: int = 200
) -> tuple[list[QueueRow], int]:
    """Open tasks matching the filter, sorted, at most `limit`; and how many matched.

    Filtering, sorting and the limit happen in SQL on a few JSON values (never the whole
    order), so the page stays fast with many thousands of open tasks.
    """
    customer = func.coalesce(_json_text("customer_name"), ReviewTask.customer_id, "")
    conditions = [ReviewTask.status == "open"]
    now = utc_now()
    if wanted.min_age_hours:
        conditions.append(ReviewTask.created_at <= now - timedelta(hours=wanted.min_age_hours))
    if wanted.customer:
        conditions.append(func.lower(customer).contains(wanted.customer.lower(), autoescape=True))
    if wanted.reason:  # a cheap text pre-filter; the exact check is on the rows below
        findings = cast(ReviewTask.findings, String)
        conditions.append(findings.contains(f'"{wanted.reason}"', autoescape=True))
    columns = (
        ReviewTask.id,
        customer,
        ReviewTask.po_number,
        _json_text("total"),
        _json_text("currency"),
        ReviewTask.findings,
        ReviewTask.created_at,
        ReviewTask.claimed_by,
    )
    query = select(*columns).where(*conditions).order_by(*_order_by(wanted.sort, customer))
    rows = [_row(row, now, sla_hours) for row in session.execute(query.limit(limit))]
    rows = [row for row in rows if not wanted.reason or wanted.reason in row.reasons]
    matched = session.scalar(select(func.count()).select_from(ReviewTask).where(*conditions))
    return rows, int(matched or 0)


def _json_text(key: str) -> ColumnElement[str]:
    return ReviewTask.order_json[key].as_string()


def _order_by(sort: str, customer: ColumnElement[str]) -> tuple[Any, ...]:
    if sort == "total":
        return (ReviewTask.order_json["total"].as_float().desc(), ReviewTask.id)
    if sort == "customer":
        return (func.lower(customer), ReviewTask.id)
    if sort == "po":
        return (ReviewTask.po_number, ReviewTask.id)
    return (ReviewTask.created_at, ReviewTask.id)


def _row(row: Row[Any], now: datetime, sla_hours: float) -> QueueRow:
    task_id, customer, po_number, total, currency, findings, created_at, claimed_by = tuple(row)
    age = (now - created_at).total_seconds() / 3600
    return QueueRow(
        task_id=task_id,
        customer=str(customer or ""),
        po_number=str(po_number or ""),
        total=Decimal(total) if total else None,
        currency=currency,
        reasons=tuple(sorted({str(f["rule"]) for f in findings})),
        created_at=created_at,
        age_hours=age,
        overdue=age > sla_hours,
        claimed_by=claimed_by,
    )


# --- one task ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Reviewer:
    """What editing needs besides the database: the rule set and a master-data snapshot."""

    rule_set: RuleSet
    master: MasterData

    def findings(
        self, session: Session, document_id: int, order: ExtractedOrder
    ) -> tuple[Finding, ...]:
        def taken(customer_id: str, po: str) -> bool:
            return po_number_taken(
                session=session,
                customer_id=customer_id,
                po_number=po,
                exclude_document_id=document_id,
            )

        return self.rule_set.evaluate(order, master=self.master, po_number_taken=taken)


def require_role(user: SignedIn, *roles: str) -> None:
    if user.role not in roles:
        raise Forbidden(f"{user.role} may not do this")


def claim(*, session: Session, task_id: int, user: SignedIn) -> None:
    require_role(user, "reviewer", "admin")
    claim_review_task(session=session, task_id=task_id, user=user.name)


def release(*, session: Session, task_id: int, user: SignedIn) -> None:
    """Give a claimed task back to the queue (its claimant, or an admin)."""
    require_role(user, "reviewer", "admin")
    task = _own_task(session, task_id, user)
    task.claimed_by = None
    task.claimed_at = None
    append_audit(
        session=session, actor=user.name, action="release", entity="review_task", entity_id=task_id
    )


def _own_task(session: Session, task_id: int, user: SignedIn) -> ReviewTask:
    """The open task, claimed for `user` (claiming it when free); else Forbidden/Conflict."""
    task = get_review_task(session=session, task_id=task_id, for_update=True)
    if task.status != "open":
        raise ReviewConflict(f"review task {task_id} is already {task.status}")
    if task.claimed_by is None:
        claim_review_task(session=session, task_id=task_id, user=user.name)
    elif task.claimed_by != user.name and user.role != "admin":
        raise Forbidden(f"review task {task_id} is claimed by {task.claimed_by}")
    return task


def edit(
    *,
    session: Session,
    reviewer: Reviewer,
    task_id: int,
    user: SignedIn,
    change: Edit,
    field: str | None = None,
) -> tuple[ExtractedOrder, tuple[Finding, ...]]:
    """Apply one edit, re-run the rules, keep both; audit old → new of `field` if given."""
    require_role(user, "reviewer", "admin")
    task = _own_task(session, task_id, user)
    before = task_order(task)
    after = change(before)
    findings = reviewer.findings(session, task.document_id, after)
    update_review_task(
        session=session, task_id=task_id, order=after, findings=findings, actor=user.name
    )
    if field is not None:
        _record_change(session, task, user, field, before, after)
    return after, findings


def _record_change(
    session: Session,
    task: ReviewTask,
    user: SignedIn,
    field: str,
    before: ExtractedOrder,
    after: ExtractedOrder,
) -> None:
    old = editing.shown(editing.field_value(before, field))
    new = editing.shown(editing.field_value(after, field))
    details = {"field": field, "old": old, "new": new, "document_id": task.document_id}
    action = "field_changed" if old != new else "field_confirmed"
    append_audit(
        session=session,
        actor=user.name,
        action=action,
        entity="review_task",
        entity_id=task.id,
        details=details,
    )
    if old == new:
        return
    evidence = before.evidence.get(field)
    add_correction(
        session=session,
        document_id=task.document_id,
        field_path=field,
        read_value=_read_value(session, task.document_id, field, old),
        corrected_value=new or None,
        customer_id=after.customer_id or before.customer_id,
        page=evidence.page if evidence else None,
        bbox=evidence.bbox if evidence else None,
        actor=user.name,
    )


def _read_value(session: Session, document_id: int, field: str, fallback: str) -> str | None:
    """What extraction read at `field` (not a previous correction), if it is known."""
    read = latest_extraction(session=session, document_id=document_id)
    try:
        value = editing.shown(editing.field_value(read, field)) if read else fallback
    except editing.EditError:
        value = fallback
    return value or None


def approve(
    *,
    session: Session,
    reviewer: Reviewer,
    task_id: int,
    user: SignedIn,
    override_reason: str | None = None,
) -> int:
    """Store the order exactly as straight-through processing does; returns the order id.

    With findings left, only an admin with a written reason may approve (an override).
    """
    require_role(user, "reviewer", "admin")
    task = _own_task(session, task_id, user)
    order = task_order(task)
    findings = reviewer.findings(session, task.document_id, order)
    reason = (override_reason or "").strip() or None
    if findings and (user.role != "admin" or reason is None):
        raise ReviewConflict("rules still fail: " + "; ".join(f.message for f in findings))
    order_id = add_order(
        session=session, document_id=task.document_id, order=order, approved_by=user.name
    )
    decide_review_task(
        session=session,
        task_id=task_id,
        status="approved",
        decided_by=user.name,
        reason=reason,
        order_id=order_id,
    )
    if findings:
        rules = sorted({f.rule for f in findings})
        details = {"reason": reason, "rules": rules, "order_id": order_id}
        append_audit(
            session=session,
            actor=user.name,
            action="override",
            entity="review_task",
            entity_id=task_id,
            details=details,
        )
    set_document_status(
        session=session, document_id=task.document_id, status="approved", actor=user.name
    )
    return order_id


def reject(*, session: Session, task_id: int, user: SignedIn, reason: str) -> None:
    require_role(user, "reviewer", "admin")
    if not reason.strip():
        raise ReviewConflict("a rejection needs a reason")
    task = _own_task(session, task_id, user)
    decide_review_task(
        session=session,
        task_id=task_id,
        status="rejected",
        decided_by=user.name,
        reason=reason.strip(),
    )
    set_document_status(
        session=session, document_id=task.document_id, status="rejected", actor=user.name
    )


def current(
    session: Session, task_id: int
) -> tuple[ReviewTask, ExtractedOrder, tuple[Finding, ...]]:
    task = get_review_task(session=session, task_id=task_id)
    return task, task_order(task), task_findings(task)
