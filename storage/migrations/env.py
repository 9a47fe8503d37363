"""Alembic environment, run in code by `storage.db.upgrade` (no alembic.ini).

The caller passes an open connection inside a transaction in `config.attributes`; the
whole upgrade then runs in that one transaction (SQLite and PostgreSQL DDL is transactional).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from storage.models import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("run migrations through storage.db.open_database(url), not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
