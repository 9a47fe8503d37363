"""The admin screen: users, master data (CSV import, contract §4) and the active rules.

Admins only; every change is audited by the storage functions it calls. A master-data
import also refreshes the snapshot the review screens check orders against.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func, select

from poflow.errors import ConfigError
from review_queue.app import Changer, User, state_of
from review_queue.security import hash_password
from review_queue.service import require_role
from rules.config import rule_labels
from storage.master_data import import_csvs, load_master_data
from storage.models import ROLES, Customer, Product
from storage.models import User as UserRow
from storage.users import add_user, get_user

router = APIRouter(include_in_schema=False)
MIN_PASSWORD = 8


@router.get("/admin")
def admin_page(request: Request, user: User, message: str | None = None) -> HTMLResponse:
    require_role(user, "admin")
    state = state_of(request)
    with state.db.read_session() as session:
        users = session.scalars(select(UserRow).order_by(UserRow.name)).all()
        counts = (
            int(session.scalar(select(func.count()).select_from(Customer)) or 0),
            int(session.scalar(select(func.count()).select_from(Product)) or 0),
        )
        return state.templates.TemplateResponse(
            request,
            "admin.html",
            {
                "user": user,
                "users": users,
                "roles": ROLES,
                "counts": counts,
                "rules": rule_labels(state.reviewer.rule_set),
                "thresholds": state.reviewer.rule_set.thresholds,
                "message": message,
            },
        )


@router.post("/admin/users")
def add_user_form(
    request: Request,
    user: Changer,
    name: Annotated[str, Form()],
    role: Annotated[str, Form()],
    password: Annotated[str, Form()],
) -> Response:
    require_role(user, "admin")
    name = name.strip()
    if not name or len(password) < MIN_PASSWORD or role not in ROLES:
        raise ConfigError(f"a user needs a name, a role and a password of {MIN_PASSWORD}+ chars")
    with state_of(request).db.session() as session:
        if get_user(session=session, name=name) is not None:
            raise ConfigError(f"user {name!r} exists already")
        add_user(
            session=session,
            name=name,
            password_hash=hash_password(password),
            role=role,
            actor=user.name,
        )
    return RedirectResponse("/admin", status_code=303)


@router.post("/admin/master-data")
def import_master_data(
    request: Request,
    user: Changer,
    customers: Annotated[UploadFile | None, File()] = None,
    products: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Upsert customers and/or products from uploaded CSVs; a bad row imports nothing."""
    require_role(user, "admin")
    state = state_of(request)
    with tempfile.TemporaryDirectory(prefix="poflow-master-") as folder:
        paths = {
            kind: _saved(upload, Path(folder) / f"{kind}.csv")
            for kind, upload in (("customers", customers), ("products", products))
        }
        summary = import_csvs(
            state.db, customers=paths["customers"], products=paths["products"], actor=user.name
        )
    state.reviewer = replace(state.reviewer, master=load_master_data(state.db))
    return admin_page(request, user, message=f"imported: {summary}")


def _saved(upload: UploadFile | None, target: Path) -> Path | None:
    if upload is None or not upload.filename:
        return None
    target.write_bytes(upload.file.read())
    return target
