"""Users of the review app and their API tokens (hashes only; hashing is the caller's)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.audit import SYSTEM, append_audit
from storage.models import ROLES, ApiToken, User


def add_user(
    *, session: Session, name: str, password_hash: str, role: str, actor: str = SYSTEM
) -> int:
    """Create a user (`role` is admin, reviewer or viewer); returns the id."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    user = User(name=name, password_hash=password_hash, role=role, active=True)
    session.add(user)
    session.flush()
    append_audit(
        session=session,
        actor=actor,
        action="user_added",
        entity="user",
        entity_id=user.id,
        details={"name": name, "role": role},
    )
    return user.id


def get_user(*, session: Session, name: str) -> User | None:
    return session.scalars(select(User).where(User.name == name)).one_or_none()


def add_api_token(*, session: Session, user_id: int, token_hash: str) -> int:
    token = ApiToken(user_id=user_id, token_hash=token_hash)
    session.add(token)
    session.flush()
    return token.id


def user_for_token(*, session: Session, token_hash: str) -> User | None:
    """The active user owning a token hash, or None."""
    query = (
        select(User)
        .join(ApiToken, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == token_hash, User.active.is_(True))
    )
    return session.scalars(query).one_or_none()
