"""Document leases: which worker is extracting a document, and until when.

A worker that claims a document writes its name and a lease end; it renews the lease
while it works. A document left `extracting` with an expired lease (its worker crashed)
can be claimed again, so a restart finishes it exactly once.

Revision ID: 0004_document_lease
Revises: 0003_web_sessions
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_document_lease"
down_revision: str | Sequence[str] | None = "0003_web_sessions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("leased_by", sa.String(length=128), nullable=True))
        batch.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("lease_until")
        batch.drop_column("leased_by")
