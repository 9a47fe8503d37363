"""Shared pytest fixtures.

`database_url` runs a test on SQLite (a fresh file) and on PostgreSQL (a fresh, uniquely
named database on the server of `POFLOW_TEST_POSTGRES_URL`, dropped afterwards). Without
that variable the PostgreSQL case is skipped; start a throw-away server with
`export POFLOW_TEST_POSTGRES_URL=$(tests/start_postgres.sh 55432)`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from storage.db import Database

POSTGRES_ENV = "POFLOW_TEST_POSTGRES_URL"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A SQLAlchemy URL of an empty database, on each dialect."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'db' / 'poflow.db'}"
        return
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        pytest.skip(f"{POSTGRES_ENV} is not set (start one with tests/start_postgres.sh)")
    with fresh_postgres_database(server) as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite file URL (for tests about SQLite's own behaviour: locking, WAL)."""
    return f"sqlite:///{tmp_path / 'db' / 'poflow.db'}"


class fresh_postgres_database:
    """Context manager: CREATE DATABASE poflow_test_<random> on the server, DROP it after."""

    def __init__(self, server_url: str) -> None:
        from sqlalchemy.engine import make_url

        self.server = make_url(server_url).set(drivername="postgresql+psycopg")
        self.name = f"poflow_test_{uuid.uuid4().hex[:12]}"

    def _admin(self, sql: str) -> None:
        import psycopg

        conninfo = self.server.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute(sql)  # type: ignore[arg-type]

    def __enter__(self) -> str:
        self._admin(f'CREATE DATABASE "{self.name}"')
        return self.server.set(database=self.name).render_as_string(hide_password=False)

    def __exit__(self, *exc: object) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """An open, migrated `storage.db.Database` on each dialect (SQLite and PostgreSQL)."""
    from storage.db import open_database

    with open_database(database_url) as db:
        yield db
