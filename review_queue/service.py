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

from sqlalchemy import select
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
    """Open tasks matching the filter, sorted, at most `limit`; and how many matched."""
    query = select(ReviewTask).where(ReviewTask.status == "open")
    now = utc_now()
    if wanted.min_age_hours:
        query = query.where(ReviewTask.created_at <= now - timedelta(hours=wanted.min_age_hours))
    rows = [_row(task, now, sla_hours) for task in session.scalars(query)]
    rows = [row for row in rows if _matches(row, wanted)]
    rows.sort(key=_sort_key(wanted.sort))
    return rows[:limit], len(rows)


def _row(task: ReviewTask, now: datetime, sla_hours: float) -> QueueRow:
    order = task.order_json
    total = order.get("total")
    age = (now - task.created_at).total_seconds() / 3600
    return QueueRow(
        task_id=task.id,
        customer=str(order.get("customer_name") or task.customer_id or ""),
        po_number=str(task.po_number or ""),
        total=Decimal(total) if total else None,
        currency=order.get("currency"),
        reasons=tuple(sorted({str(f["rule"]) for f in task.findings})),
        created_at=task.created_at,
        age_hours=age,
        overdue=age > sla_hours,
        claimed_by=task.claimed_by,
    )


def _matches(row: QueueRow, wanted: QueueFilter) -> bool:
    if wanted.reason and wanted.reason not in row.reasons:
        return False
    return not wanted.customer or wanted.customer.casefold() in row.customer.casefold()


def _sort_key(sort: str) -> Callable[[QueueRow], tuple[object, ...]]:
    if sort == "total":
        return lambda r: (-(r.total or Decimal(0)), r.task_id)
    if sort == "customer":
        return lambda r: (r.customer.casefold(), r.task_id)
    if sort == "po":
        return lambda r: (r.po_number, r.task_id)
    return lambda r: (r.created_at, r.task_id)


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
