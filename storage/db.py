"""Opening the order database: engine set-up, migrations, and one-transaction sessions.

SQLite is the embedded default and is shared by several processes (CLI, watcher, mail
poller, web app), so every connection runs in WAL mode with a long busy timeout, and
every transaction starts with `BEGIN IMMEDIATE`: a writer takes the write lock up front,
so it waits (up to the timeout) instead of failing half-way with "database is locked".
PostgreSQL (`postgresql+psycopg://...`) is the production database.

    with open_database(url) as db:
        with db.session() as session:   # one transaction: commit, or roll back on error
            ...
"""

from __future__ import annotations

import fcntl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, exc, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session

from poflow.errors import StorageError

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_S = 30.0
_PG_MIGRATION_LOCK = 0x706F666C6F77  # "poflow": one migrator at a time per server
_PG_CONNECT_TIMEOUT_S = 10  # an unreachable host fails fast instead of hanging
_READ_ONLY = "poflow_read_only"


@dataclass(frozen=True)
class Database:
    """An open database: the engine, and sessions that are one write transaction each."""

    engine: Engine
    url: str
    dialect: str

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session inside ONE transaction: committed on success, rolled back on any error."""
        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                yield session
        except exc.OperationalError as error:
            raise StorageError(f"database {self.url}: {_first_line(error)}") from None

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A session for reading only (pages, lists): one snapshot, never blocks writers.

        On SQLite it starts a deferred transaction instead of `BEGIN IMMEDIATE`, so many
        readers run beside a writer (WAL). Whatever it writes is rolled back.
        """
        engine = self.engine.execution_options(**{_READ_ONLY: True})
        try:
            with Session(engine, expire_on_commit=False) as session:
                session.begin()
                try:
                    yield session
                finally:
                    session.rollback()
        except exc.OperationalError as error:
            raise StorageError(f"database {self.url}: {_first_line(error)}") from None


@contextmanager
def open_database(url: str, *, migrate: bool = True) -> Iterator[Database]:
    """Open (and with `migrate`, create or upgrade) the database at a SQLAlchemy URL.

    Raises `StorageError` with a one-line message when it cannot be reached.
    """
    parsed = _parse_url(url)
    shown = parsed.render_as_string(hide_password=True)
    engine = _create_engine(parsed, shown)
    try:
        db = Database(engine=engine, url=shown, dialect=engine.dialect.name)
        _check_connection(db)
        if migrate:
            upgrade(db)
        yield db
    finally:
        engine.dispose()


def upgrade(db: Database) -> None:
    """Alembic `upgrade head`, safe when several processes start at once on a fresh database."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # SQLite: the begin event makes this BEGIN IMMEDIATE, so migrations are serialised too.
    with _migration_lock(db), db.engine.connect() as connection, connection.begin():
        if db.dialect == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, "head")
        except CommandError as error:  # e.g. a schema newer than this code knows
            raise StorageError(f"database {db.url}: cannot migrate: {_first_line(error)}") from None
        except exc.SQLAlchemyError as error:
            raise StorageError(
                f"database {db.url}: migration failed: {_first_line(error)}"
            ) from None


def _parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except exc.ArgumentError:
        raise StorageError(f"not a database URL: {url!r}") from None
    if parsed.drivername == "postgresql":  # the installed driver is psycopg 3
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _create_engine(url: URL, shown: str) -> Engine:
    try:
        if url.get_backend_name() == "sqlite":
            return _sqlite_engine(url)
        connect_args = (
            {} if "connect_timeout" in url.query else {"connect_timeout": _PG_CONNECT_TIMEOUT_S}
        )
        return create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    except (exc.ArgumentError, exc.NoSuchModuleError, ImportError) as error:
        raise StorageError(f"cannot use database {shown}: {_first_line(error)}") from None


def _sqlite_engine(url: URL) -> Engine:
    """SQLite with WAL, a busy timeout, foreign keys, and `BEGIN IMMEDIATE` transactions."""
    if url.database and url.database != ":memory:":
        try:
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(f"cannot create the folder of {url.database}: {error}") from None
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # SQLAlchemy's documented pysqlite recipe: let SQLAlchemy emit BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        read_only = connection.get_execution_options().get(_READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def _check_connection(db: Database) -> None:
    """One connection made and used. A fresh SQLite file turns to WAL on its first connection,
    under a lock SQLite does not wait for: processes starting at once on it are refused at
    once ("database is locked") until one has done it, so they try again a moment later. A
    refusal after the busy timeout (another process holds the file) is final."""
    for wait in (*_LOCKED_RETRY_WAITS, None):
        started = time.monotonic()
        try:
            with db.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return
        except exc.DBAPIError as error:
            at_once = time.monotonic() - started < _AT_ONCE_S
            locked = db.dialect == "sqlite" and "locked" in str(error.orig)
            if wait is None or not (locked and at_once):
                raise StorageError(f"cannot open database {db.url}: {_first_line(error)}") from None
            time.sleep(wait)


_LOCKED_RETRY_WAITS = (0.05, 0.1, 0.2, 0.5, 1.0, 2.0)
_AT_ONCE_S = 1.0  # refused sooner than this: SQLite did not wait (its busy timeout is 30 s)


@contextmanager
def _migration_lock(db: Database) -> Iterator[None]:
    """A file lock beside a SQLite file, so only one process runs migrations at a time."""
    database = db.engine.url.database
    if db.dialect != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _first_line(error: BaseException) -> str:
    """The driver's message without SQLAlchemy's SQL echo and background link."""
    inner = getattr(error, "orig", None) or error
    lines = str(inner).strip().splitlines()
    return lines[0] if lines else type(inner).__name__
