"""The reviewer's screens: login, queue, review screen, orders, dashboard.

Routes stay thin: who may do what is checked in `review_queue.service`, the database work
is in `storage/`, and every template is autoescaped.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from review_queue import dashboard, editing, exports, pages, service, views
from review_queue.app import SESSION_COOKIE, Changer, User, state_of
from review_queue.security import (
    SESSION_LIFETIME,
    authenticate,
    end_session,
    new_secret,
    same_secret,
    start_session,
)
from rules.config import rule_labels
from storage.audit import audit_trail
from storage.documents import get_document
from storage.orders import get_order
from storage.review import get_review_task

router = APIRouter(include_in_schema=False)
LOGIN_CSRF_COOKIE = "poflow_login_csrf"
LOGIN_FAILED = "Wrong name or password."
LOGIN_THROTTLED = "Too many failed attempts; try again in a few minutes."


def _page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return state_of(request).templates.TemplateResponse(request, name, context, status_code=status)


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


# --- signing in -----------------------------------------------------------------------


@router.get("/login")
def login_form(request: Request) -> HTMLResponse:
    token = new_secret()
    response = _page(request, "login.html", user=None, login_csrf=token, error=None)
    response.set_cookie(
        LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=_secure(request)
    )
    return response


@router.post("/login")
def login(
    request: Request,
    name: Annotated[str, Form()],
    password: Annotated[str, Form()],
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    state = state_of(request)
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not same_secret(csrf_token, expected):
        return _login_again(request, "The form expired; please sign in again.", 403)
    keys = (f"user:{name.strip().casefold()}", f"addr:{_client(request)}")
    if state.throttle.blocked(*keys):
        return _login_again(request, LOGIN_THROTTLED, 429)
    with state.db.session() as session:
        user = authenticate(session=session, name=name.strip(), password=password)
        cookie = start_session(session=session, user=user) if user else None
    if cookie is None:
        state.throttle.failed(*keys)
        return _login_again(request, LOGIN_FAILED, 401)
    state.throttle.succeeded(keys[0])
    response = RedirectResponse("/queue", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=_secure(request),
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


def _login_again(request: Request, error: str, status: int) -> HTMLResponse:
    token = new_secret()
    response = _page(request, "login.html", status, user=None, login_csrf=token, error=error)
    response.set_cookie(
        LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=_secure(request)
    )
    return response


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/logout")
def logout(request: Request, user: Changer) -> Response:
    with state_of(request).db.session() as session:
        end_session(session=session, cookie=request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


# --- queue ------------------------------------------------------------------------------


@router.get("/")
def home(user: User) -> Response:
    return RedirectResponse("/queue", status_code=303)


@router.get("/queue")
def queue_page(
    request: Request,
    user: User,
    reason: Annotated[str | None, Query()] = None,
    customer: Annotated[str | None, Query()] = None,
    min_age: Annotated[float | None, Query()] = None,
    sort: Annotated[str, Query()] = "age",
) -> HTMLResponse:
    state = state_of(request)
    wanted = service.QueueFilter(reason or None, customer or None, min_age, sort)
    with state.db.read_session() as session:
        rows, matched = service.queue(
            session=session, wanted=wanted, sla_hours=state.settings.review_sla_hours
        )
    return _page(
        request,
        "queue.html",
        user=user,
        rows=rows,
        matched=matched,
        wanted=wanted,
        rules=rule_labels(state.reviewer.rule_set),
        sla_hours=state.settings.review_sla_hours,
    )


@router.post("/tasks/{task_id}/claim")
def claim(request: Request, task_id: int, user: Changer) -> Response:
    with state_of(request).db.session() as session:
        service.claim(session=session, task_id=task_id, user=user)
    return RedirectResponse(f"/tasks/{task_id}", status_code=303)


@router.post("/tasks/{task_id}/release")
def release(request: Request, task_id: int, user: Changer) -> Response:
    with state_of(request).db.session() as session:
        service.release(session=session, task_id=task_id, user=user)
    return RedirectResponse("/queue", status_code=303)


# --- review screen ----------------------------------------------------------------------


@router.get("/tasks/{task_id}")
def review_page(request: Request, task_id: int, user: User) -> HTMLResponse:
    state = state_of(request)
    with state.db.read_session() as session:  # rendered inside: rows expire with the snapshot
        task, order, findings = service.current(session, task_id)
        form = views.order_form(order, findings)
        document = get_document(session=session, document_id=task.document_id)
        if document is None:
            raise LookupError(f"no document {task.document_id}")
        page_list = views.page_views(
            session=session, blobs=state.blobs, document=document, form=form, order=order
        )
        history = audit_trail(session=session, entity="review_task", entity_id=task_id)
        return _page(
            request,
            "review.html",
            user=user,
            task=task,
            form=form,
            pages=page_list,
            document=document,
            history=history,
            error=None,
        )


def _form_fragment(
    request: Request, task_id: int, user: Changer, change: service.Edit, field: str | None
) -> HTMLResponse:
    """Apply an edit and answer with the re-rendered order form (HTMX swaps it in)."""
    state = state_of(request)
    error = None
    try:
        with state.db.session() as session:
            order, findings = service.edit(
                session=session,
                reviewer=state.reviewer,
                task_id=task_id,
                user=user,
                change=change,
                field=field,
            )
    except editing.EditError as exc:
        error = str(exc)
    if error is not None:
        with state.db.read_session() as session:
            task, order, findings = service.current(session, task_id)
    form = views.order_form(order, findings)
    status = 422 if error else 200
    with state.db.read_session() as session:
        task = get_review_task(session=session, task_id=task_id)
        return _page(
            request, "_order_form.html", status, user=user, task=task, form=form, error=error
        )


@router.post("/tasks/{task_id}/field")
def edit_field(
    request: Request,
    task_id: int,
    user: Changer,
    field: Annotated[str, Form()],
    value: Annotated[str, Form()] = "",
) -> HTMLResponse:
    def change(order: Any) -> Any:
        return editing.set_field(order, field, value)

    return _form_fragment(request, task_id, user, change, field)


@router.post("/tasks/{task_id}/lines/add")
def add_line(request: Request, task_id: int, user: Changer) -> HTMLResponse:
    return _form_fragment(request, task_id, user, editing.add_line, None)


@router.post("/tasks/{task_id}/lines/{index}/delete")
def delete_line(request: Request, task_id: int, index: int, user: Changer) -> HTMLResponse:
    return _form_fragment(request, task_id, user, lambda o: editing.delete_line(o, index), None)


@router.post("/tasks/{task_id}/lines/{index}/split")
def split_line(request: Request, task_id: int, index: int, user: Changer) -> HTMLResponse:
    return _form_fragment(request, task_id, user, lambda o: editing.split_line(o, index), None)


@router.post("/tasks/{task_id}/approve")
def approve(
    request: Request,
    task_id: int,
    user: Changer,
    override_reason: Annotated[str, Form()] = "",
) -> Response:
    state = state_of(request)
    with state.db.session() as session:
        order_id = service.approve(
            session=session,
            reviewer=state.reviewer,
            task_id=task_id,
            user=user,
            override_reason=override_reason,
        )
    return _go(request, f"/orders/{order_id}")


@router.post("/tasks/{task_id}/reject")
def reject(
    request: Request, task_id: int, user: Changer, reason: Annotated[str, Form()] = ""
) -> Response:
    with state_of(request).db.session() as session:
        service.reject(session=session, task_id=task_id, user=user, reason=reason)
    return _go(request, "/queue")


def _go(request: Request, url: str) -> Response:
    if request.headers.get("HX-Request"):
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


@router.get("/documents/{document_id}/pages/{page_no}.png")
def page_image(request: Request, document_id: int, page_no: int, user: User) -> FileResponse:
    state = state_of(request)
    with state.db.read_session() as session:
        document = get_document(session=session, document_id=document_id)
        if document is None:
            raise LookupError(f"no document {document_id}")
        sha256 = document.sha256
    target = state.page_cache / f"{sha256}-{page_no}.png"
    if not target.exists():
        target = pages.page_png(state.blobs.get(sha256), sha256, page_no, state.page_cache)
    headers = {"Cache-Control": "private, max-age=86400"}
    return FileResponse(target, media_type="image/png", headers=headers)


# --- orders and dashboard ---------------------------------------------------------------


@router.get("/orders")
def orders_page(request: Request, user: User) -> HTMLResponse:
    with state_of(request).db.read_session() as session:
        rows = exports.recent_orders(session=session, limit=200)
        return _page(request, "orders.html", user=user, orders=rows)


@router.get("/orders/{order_id}")
def order_page(request: Request, order_id: int, user: User) -> HTMLResponse:
    with state_of(request).db.read_session() as session:
        order = get_order(session=session, order_id=order_id)
        if order is None:
            raise LookupError(f"no order {order_id}")
        document = get_document(session=session, document_id=order.document_id)
        history = exports.order_history(session=session, order_id=order_id)
        return _page(
            request, "order.html", user=user, order=order, document=document, history=history
        )


@router.get("/export/orders.csv")
def orders_csv(request: Request, user: User) -> Response:
    with state_of(request).db.read_session() as session:
        body = exports.orders_csv(session=session)
    headers = {"Content-Disposition": 'attachment; filename="orders.csv"'}
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/export/orders.json")
def orders_json(request: Request, user: User) -> Response:
    with state_of(request).db.read_session() as session:
        body = exports.orders_json(session=session)
    headers = {"Content-Disposition": 'attachment; filename="orders.json"'}
    return Response(body, media_type="application/json", headers=headers)


@router.get("/dashboard")
def dashboard_page(request: Request, user: User) -> HTMLResponse:
    state = state_of(request)
    with state.db.read_session() as session:
        figures = dashboard.figures(
            session=session, sla=timedelta(hours=state.settings.review_sla_hours)
        )
    return _page(request, "dashboard.html", user=user, figures=figures)
