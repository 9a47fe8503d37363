"""An index on orders.approved_at: the dashboard counts and times the orders of its last
days (7 and 14) on every view; without it each view reads the whole order store.

Revision ID: 0005_orders_approved_at_index
Revises: 0004_document_lease
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005_orders_approved_at_index"
down_revision: str | Sequence[str] | None = "0004_document_lease"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_orders_approved_at", "orders", ["approved_at"])


def downgrade() -> None:
    op.drop_index("ix_orders_approved_at", table_name="orders")
