"""Review tasks: orders that need a person, and the corrections reviewers make.

A task keeps the order object (with evidence) and the findings that sent it here, plus its
customer id and PO number as columns so `duplicate_po` can look queued orders up.
Approving or rejecting is final; the order itself goes to the order store through
`storage.orders.add_order` in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from poflow.domain import BBox, ExtractedOrder, Finding
from storage.audit import SYSTEM, append_audit
from storage.models import REVIEW_STATUSES, Correction, ReviewTask, utc_now


class ReviewConflict(LookupError):
    """The task is not in a state that allows this (already decided, claimed by someone else)."""


def add_review_task(
    *,
    session: Session,
    document_id: int,
    order: ExtractedOrder,
    findings: Sequence[Finding],
) -> int:
    """Queue an order for review with its findings; returns the task id."""
    task = ReviewTask(
        document_id=document_id,
        order_json=order.to_json(),
        findings=[f.to_json() for f in findings],
        status="open",
        customer_id=order.customer_id,
        po_number=_clean(order.po_number),
    )
    session.add(task)
    session.flush()
    append_audit(
        session=session,
        actor=SYSTEM,
        action="review_queued",
        entity="review_task",
        entity_id=task.id,
        details={"document_id": document_id, "rules": sorted({f.rule for f in findings})},
    )
    return task.id


def _clean(po_number: str | None) -> str | None:
    return po_number.strip() if po_number else po_number


def get_review_task(*, session: Session, task_id: int, for_update: bool = False) -> ReviewTask:
    """The task, optionally row-locked; a missing task is a `LookupError`."""
    task = session.get(
        ReviewTask, task_id, with_for_update=for_update, populate_existing=for_update
    )
    if task is None:
        raise LookupError(f"no review task {task_id}")
    return task


def task_order(task: ReviewTask) -> ExtractedOrder:
    return ExtractedOrder.from_json(task.order_json)


def task_findings(task: ReviewTask) -> tuple[Finding, ...]:
    return tuple(Finding(f["rule"], f.get("field"), f["message"]) for f in task.findings)


def review_tasks(
    *, session: Session, status: str | None = "open", limit: int = 200
) -> Sequence[ReviewTask]:
    """Tasks oldest first (the queue order), of one status or all."""
    query = select(ReviewTask).order_by(ReviewTask.created_at, ReviewTask.id)
    if status is not None:
        query = query.where(ReviewTask.status == status)
    return session.scalars(query.limit(limit)).all()


def review_task_for_document(*, session: Session, document_id: int) -> ReviewTask | None:
    """The newest task of a document, if it has one."""
    query = (
        select(ReviewTask)
        .where(ReviewTask.document_id == document_id)
        .order_by(ReviewTask.id.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def claim_review_task(
    *, session: Session, task_id: int, user: str, at: datetime | None = None
) -> None:
    """Mark an open task as being worked on by `user` (another user's claim is a conflict)."""
    task = _open_task(session, task_id)
    if task.claimed_by not in (None, user):
        raise ReviewConflict(f"review task {task_id} is claimed by {task.claimed_by}")
    task.claimed_by = user
    task.claimed_at = at or utc_now()
    append_audit(
        session=session, actor=user, action="claim", entity="review_task", entity_id=task_id
    )


def update_review_task(
    *,
    session: Session,
    task_id: int,
    order: ExtractedOrder,
    findings: Sequence[Finding],
    actor: str,
) -> None:
    """Replace the task's order (after a correction) and the findings of the re-run rules."""
    task = _open_task(session, task_id)
    task.order_json = order.to_json()
    task.findings = [f.to_json() for f in findings]
    task.customer_id = order.customer_id
    task.po_number = _clean(order.po_number)
    details = {"rules": sorted({f.rule for f in findings})}
    append_audit(
        session=session,
        actor=actor,
        action="edit",
        entity="review_task",
        entity_id=task_id,
        details=details,
    )


def decide_review_task(
    *,
    session: Session,
    task_id: int,
    status: str,
    decided_by: str,
    reason: str | None = None,
    order_id: int | None = None,
) -> None:
    """Close an open task as `approved` (with the stored `order_id`) or `rejected`."""
    if status not in REVIEW_STATUSES or status == "open":
        raise ValueError(f"a review decision is 'approved' or 'rejected', not {status!r}")
    task = _open_task(session, task_id)
    task.status = status
    task.decided_by = decided_by
    task.decided_at = utc_now()
    task.reason = reason
    task.order_id = order_id
    append_audit(
        session=session,
        actor=decided_by,
        action=status,
        entity="review_task",
        entity_id=task_id,
        details={"reason": reason, "order_id": order_id, "document_id": task.document_id},
    )


def _open_task(session: Session, task_id: int) -> ReviewTask:
    task = get_review_task(session=session, task_id=task_id, for_update=True)
    if task.status != "open":
        raise ReviewConflict(f"review task {task_id} is already {task.status}")
    return task


def add_correction(
    *,
    session: Session,
    document_id: int,
    field_path: str,
    read_value: str | None,
    corrected_value: str | None,
    customer_id: str | None = None,
    page: int | None = None,
    bbox: BBox | None = None,
    actor: str | None = None,
) -> int:
    """Remember a reviewer's correction of a read value, for learning per customer later."""
    row = Correction(
        document_id=document_id,
        field_path=field_path,
        customer_id=customer_id,
        read_value=read_value,
        corrected_value=corrected_value,
        page=page,
        bbox=list(bbox) if bbox is not None else None,
        actor=actor,
    )
    session.add(row)
    session.flush()
    return row.id


def corrections_for_customer(*, session: Session, customer_id: str) -> Sequence[Correction]:
    query = select(Correction).where(Correction.customer_id == customer_id)
    return session.scalars(query.order_by(Correction.id)).all()
