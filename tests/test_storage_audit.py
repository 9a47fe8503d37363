"""The audit log is append-only (the database refuses UPDATE/DELETE); users and tokens."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import exc, text

from storage.audit import append_audit, audit_trail
from storage.db import open_database
from storage.users import add_api_token, add_user, get_user, user_for_token
from tests.conftest import POSTGRES_ENV, fresh_postgres_database


def test_audit_rows_cannot_be_updated_or_deleted(database_url: str) -> None:
    with open_database(database_url) as db:
        with db.session() as session:
            entry_id = append_audit(
                session=session,
                actor="ann",
                action="approved",
                entity="review_task",
                entity_id=7,
                details={"order_id": 3, "note": "Größe 数量"},
            )
        for statement in ("UPDATE audit_log SET actor = 'mallory'", "DELETE FROM audit_log"):
            with pytest.raises(exc.DBAPIError, match="append-only"), db.session() as session:
                session.execute(text(statement))
        with db.session() as session:
            trail = audit_trail(session=session, entity="review_task", entity_id=7)
    assert [(e.id, e.actor, e.details) for e in trail] == [
        (entry_id, "ann", {"order_id": 3, "note": "Größe 数量"})
    ]
    assert trail[0].at.tzinfo is not None


@pytest.mark.postgres
def test_postgres_refuses_truncate_of_the_audit_log() -> None:
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        pytest.skip(f"{POSTGRES_ENV} is not set (TRUNCATE is PostgreSQL's)")
    with fresh_postgres_database(server) as url, open_database(url) as db:
        with db.session() as session:
            append_audit(session=session, actor="a", action="x", entity="y", entity_id=None)
        with pytest.raises(exc.DBAPIError, match="append-only"), db.session() as session:
            session.execute(text("TRUNCATE audit_log"))
        with db.session() as session:
            assert session.execute(text("SELECT count(*) FROM audit_log")).scalar_one() == 1


def test_users_and_tokens(database_url: str) -> None:
    with open_database(database_url) as db:
        with db.session() as session:
            user_id = add_user(session=session, name="ann", password_hash="h", role="reviewer")
            add_api_token(session=session, user_id=user_id, token_hash="t" * 64)
        with pytest.raises(exc.IntegrityError), db.session() as session:
            add_user(session=session, name="ann", password_hash="h2", role="admin")
        with pytest.raises(ValueError, match="role"), db.session() as session:
            add_user(session=session, name="bob", password_hash="h", role="boss")
        with db.session() as session:
            ann = get_user(session=session, name="ann")
            owner = user_for_token(session=session, token_hash="t" * 64)
            assert get_user(session=session, name="bob") is None
            assert user_for_token(session=session, token_hash="nope") is None
            actions = [e.action for e in audit_trail(session=session, entity="user")]
    assert ann is not None and ann.role == "reviewer" and ann.active
    assert owner is not None and owner.id == ann.id
    assert actions == ["user_added"]
