"""The HTTP API (JSON, described at /openapi.json): documents, orders, review tasks, master
data, and an upload that feeds the same intake as the watched folder.

Other systems authenticate with `Authorization: Bearer <token>` (`poflow tokens add`); a
signed-in browser may call it too, sending its CSRF token on changes.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, UploadFile
from pydantic import BaseModel
from sqlalchemy import select

from flows.pipeline import Pipeline
from poflow.app import extraction_context
from poflow.domain import Approved, Duplicate, Failed, NeedsReview
from poflow.errors import PoflowError
from review_queue import exports, service
from review_queue.app import Changer, User, state_of
from storage.documents import get_document
from storage.models import Customer, Product, ReviewTask
from storage.orders import get_order
from storage.review import get_review_task, review_tasks, task_findings, task_order

router = APIRouter(prefix="/api", tags=["api"])
MAX_LIST = 500


class Decision(BaseModel):
    reason: str | None = None


def _task_json(task: ReviewTask, *, full: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "task_id": task.id,
        "document_id": task.document_id,
        "status": task.status,
        "customer_id": task.customer_id,
        "po_number": task.po_number,
        "claimed_by": task.claimed_by,
        "created_at": task.created_at.isoformat(),
        "reasons": [f.to_json() for f in task_findings(task)],
        "order_id": task.order_id,
    }
    if full:
        out["order"] = task_order(task).to_json()
    return out


@router.get("/review-tasks")
def list_review_tasks(request: Request, user: User, status: str = "open") -> list[dict[str, Any]]:
    with state_of(request).db.read_session() as session:
        tasks = review_tasks(session=session, status=status or None, limit=MAX_LIST)
        return [_task_json(t) for t in tasks]


@router.get("/review-tasks/{task_id}")
def show_review_task(request: Request, task_id: int, user: User) -> dict[str, Any]:
    with state_of(request).db.read_session() as session:
        return _task_json(get_review_task(session=session, task_id=task_id), full=True)


@router.post("/review-tasks/{task_id}/approve")
def approve_review_task(
    request: Request, task_id: int, user: Changer, decision: Decision | None = None
) -> dict[str, Any]:
    state = state_of(request)
    with state.db.session() as session:
        order_id = service.approve(
            session=session,
            reviewer=state.reviewer,
            task_id=task_id,
            user=user,
            override_reason=decision.reason if decision else None,
        )
    return {"task_id": task_id, "status": "approved", "order_id": order_id}


@router.post("/review-tasks/{task_id}/reject")
def reject_review_task(
    request: Request, task_id: int, user: Changer, decision: Decision
) -> dict[str, Any]:
    with state_of(request).db.session() as session:
        service.reject(session=session, task_id=task_id, user=user, reason=decision.reason or "")
    return {"task_id": task_id, "status": "rejected"}


@router.get("/orders")
def list_orders(
    request: Request, user: User, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    with state_of(request).db.read_session() as session:
        rows = exports.recent_orders(session=session, limit=min(limit, MAX_LIST), offset=offset)
        return [exports.order_json(o) for o in rows]


@router.get("/orders/{order_id}")
def show_order(request: Request, order_id: int, user: User) -> dict[str, Any]:
    with state_of(request).db.read_session() as session:
        order = get_order(session=session, order_id=order_id)
        if order is None:
            raise LookupError(f"no order {order_id}")
        return exports.order_json(order)


@router.get("/documents/{document_id}")
def show_document(request: Request, document_id: int, user: User) -> dict[str, Any]:
    with state_of(request).db.read_session() as session:
        document = get_document(session=session, document_id=document_id)
        if document is None:
            raise LookupError(f"no document {document_id}")
        return {
            "document_id": document.id,
            "sha256": document.sha256,
            "source": document.source,
            "original_name": document.original_name,
            "status": document.status,
            "received_at": document.received_at.isoformat(),
            "failure_reason": document.failure_reason,
            "page_count": document.page_count,
        }


@router.post("/documents", status_code=201)
def upload_document(request: Request, user: Changer, file: UploadFile) -> dict[str, Any]:
    """One file through the same intake and pipeline as the watched folder (source `upload`)."""
    service.require_role(user, "reviewer", "admin")
    state = state_of(request)
    data = file.file.read(state.settings.max_file_bytes + 1)
    if len(data) > state.settings.max_file_bytes:
        raise PoflowError(f"file is larger than {state.settings.max_file_bytes} bytes")
    verdict = _pipeline(request).process_bytes(
        data, file.filename or "upload", source="upload", source_ref=f"upload:{user.name}"
    )
    return _verdict_json(verdict)


def _pipeline(request: Request) -> Pipeline:
    from flows.pipeline import _real_extract

    state = state_of(request)
    master = state.reviewer.master
    return Pipeline(
        settings=state.settings,
        db=state.db,
        blobs=state.blobs,
        rule_set=state.reviewer.rule_set,
        master=master,
        context=extraction_context(state.settings, master),
        extract=state.extract or _real_extract(),
    )


def _verdict_json(verdict: Approved | NeedsReview | Duplicate | Failed) -> dict[str, Any]:
    out: dict[str, Any] = {"status": verdict.status, "document_id": verdict.document_id}
    if isinstance(verdict, Approved):
        out["order_id"] = verdict.order_id
    if isinstance(verdict, NeedsReview):
        out["review_task_id"] = verdict.review_task_id
        out["reasons"] = [f.to_json() for f in verdict.findings]
    if isinstance(verdict, Failed):
        out["reason"] = verdict.reason
    return out


@router.get("/master-data/customers")
def list_customers(request: Request, user: User) -> list[dict[str, Any]]:
    with state_of(request).db.read_session() as session:
        rows = session.scalars(select(Customer).order_by(Customer.customer_id)).all()
        return [
            {
                "customer_id": c.customer_id,
                "name": c.name,
                "aliases": c.aliases,
                "email_domains": c.email_domains,
                "country": c.country,
                "currency": c.currency,
                "credit_limit": None if c.credit_limit is None else str(c.credit_limit),
            }
            for c in rows
        ]


@router.get("/master-data/products")
def list_products(request: Request, user: User) -> list[dict[str, Any]]:
    with state_of(request).db.read_session() as session:
        rows = session.scalars(select(Product).order_by(Product.sku)).all()
        return [
            {
                "sku": p.sku,
                "description": p.description,
                "unit": p.unit,
                "unit_price": None if p.unit_price is None else str(p.unit_price),
                "currency": p.currency,
            }
            for p in rows
        ]
