"""Opening the database: migrations on both dialects, connection errors, SQLite settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from poflow.errors import StorageError
from storage.db import open_database
from storage.models import Base

INSERT_USER = (
    "INSERT INTO users (name, password_hash, role, created_at, active)"
    " VALUES ('{name}', 'x', 'admin', CURRENT_TIMESTAMP, true)"
)
TABLES = {
    "documents",
    "pages",
    "extractions",
    "orders",
    "order_lines",
    "review_tasks",
    "customers",
    "products",
    "users",
    "api_tokens",
    "audit_log",
    "corrections",
    "web_sessions",
}


def test_migrations_create_every_table(database_url: str) -> None:
    with open_database(database_url) as db:
        tables = set(inspect(db.engine).get_table_names())
    assert tables >= TABLES
    assert set(Base.metadata.tables) == TABLES


def test_migrations_match_the_models(database_url: str) -> None:
    """Autogenerate against the migrated schema finds nothing to change."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with open_database(database_url) as db, db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_opening_twice_is_a_no_op(database_url: str) -> None:
    with open_database(database_url) as db, db.session() as session:
        session.execute(
            text(
                "INSERT INTO users (name, password_hash, role, created_at, active)"
                " VALUES ('ann', 'x', 'admin', CURRENT_TIMESTAMP, true)"
            )
        )
    with open_database(database_url) as db, db.session() as session:
        assert session.execute(text("SELECT count(*) FROM users")).scalar_one() == 1


def test_session_rolls_back_on_error(database_url: str) -> None:
    with open_database(database_url) as db:
        with pytest.raises(RuntimeError), db.session() as session:
            session.execute(
                text(
                    "INSERT INTO users (name, password_hash, role, created_at, active)"
                    " VALUES ('bob', 'x', 'admin', CURRENT_TIMESTAMP, true)"
                )
            )
            raise RuntimeError("boom")
        with db.session() as session:
            assert session.execute(text("SELECT count(*) FROM users")).scalar_one() == 0


def test_sqlite_file_gets_its_folder_and_wal(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "poflow.db"
    with open_database(f"sqlite:///{path}") as db, db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
        assert db.dialect == "sqlite"
    assert path.is_file()


def test_unreachable_postgres_is_one_line_storage_error() -> None:
    url = "postgresql+psycopg://nobody:secret@127.0.0.1:1/none?connect_timeout=2"
    with pytest.raises(StorageError) as raised, open_database(url):
        pass
    message = str(raised.value)
    assert "\n" not in message
    assert "secret" not in message
    assert "127.0.0.1" in message


def test_bad_url_is_storage_error() -> None:
    with pytest.raises(StorageError, match="not a database URL"), open_database("::nope::"):
        pass


def test_unwritable_sqlite_folder_is_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError), open_database(f"sqlite:///{blocker / 'sub' / 'p.db'}"):
        pass


def test_read_session_does_not_wait_for_a_writer(sqlite_url: str) -> None:
    """A reader runs beside an open write transaction (WAL), and its own writes are undone."""
    with open_database(sqlite_url) as db:
        with db.session() as writer:
            writer.execute(text(INSERT_USER.format(name="ann")))
            with db.read_session() as reader:  # the writer still holds the write lock
                assert reader.execute(text("SELECT count(*) FROM users")).scalar_one() == 0
        with db.read_session() as reader:
            assert reader.execute(text("SELECT count(*) FROM users")).scalar_one() == 1
            reader.execute(text("DELETE FROM users"))
        with db.read_session() as reader:
            assert reader.execute(text("SELECT count(*) FROM users")).scalar_one() == 1


def test_schema_newer_than_the_code_is_a_storage_error(database_url: str) -> None:
    with open_database(database_url) as db, db.session() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StorageError, match="cannot migrate"), open_database(database_url):
        pass
