"""The append-only audit log: who did what to which document, order, task or setting.

There are deliberately no update or delete functions here; on PostgreSQL a trigger also
refuses UPDATE, DELETE and TRUNCATE of `audit_log`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import AuditEntry

SYSTEM = "system"


def append_audit(
    *,
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | str | None,
    details: dict[str, Any] | None = None,
) -> int:
    """Append one entry in the caller's transaction; returns its id. `details` must be JSON."""
    entry = AuditEntry(
        actor=actor or SYSTEM,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        details=dict(details or {}),
    )
    session.add(entry)
    session.flush()
    return entry.id


def audit_trail(
    *,
    session: Session,
    entity: str | None = None,
    entity_id: int | str | None = None,
    limit: int = 500,
) -> Sequence[AuditEntry]:
    """Entries oldest first, optionally of one entity (e.g. `("document", 17)`)."""
    query = select(AuditEntry).order_by(AuditEntry.id)
    if entity is not None:
        query = query.where(AuditEntry.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == str(entity_id))
    return session.scalars(query.limit(limit)).all()
