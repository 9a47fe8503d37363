"""Several real processes on one SQLite file: no "database is locked", one migration."""

from __future__ import annotations

import multiprocessing
import traceback
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select, text

from poflow.domain import IntakeDocument
from storage.audit import append_audit
from storage.db import open_database
from storage.documents import add_document, set_document_status
from storage.models import AuditEntry, Document

FORK = multiprocessing.get_context("fork")
WRITERS = 4
DOCUMENTS_EACH = 15


def _write_many(url: str, worker: int, barrier: object, errors: object) -> None:
    """Each transaction reads then writes (the pattern that deadlocks under deferred BEGIN)."""
    try:
        with open_database(url, migrate=False) as db:
            barrier.wait()  # type: ignore[attr-defined]
            for n in range(DOCUMENTS_EACH):
                sha = f"{worker:02d}{n:062d}"
                with db.session() as session:
                    session.scalar(select(func.count()).select_from(Document))  # read first
                    doc_id, _ = add_document(session=session, intake=_intake(sha))
                    set_document_status(session=session, document_id=doc_id, status="extracting")
    except Exception:
        errors.put(traceback.format_exc())  # type: ignore[attr-defined]
        raise


def _intake(sha: str) -> IntakeDocument:
    return IntakeDocument("folder", sha, f"{sha[:8]}.pdf", Path("/b") / sha, datetime.now(UTC), 1)


def _run(target: object, args_of: object, count: int) -> list[str]:
    barrier = FORK.Barrier(count)
    errors = FORK.Queue()
    workers = [
        FORK.Process(target=target, args=(*args_of(i), barrier, errors))  # type: ignore[arg-type, operator]
        for i in range(count)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    found = []
    while not errors.empty():
        found.append(errors.get())
    assert all(w.exitcode == 0 for w in workers), found
    return found


def test_concurrent_writers_never_see_database_is_locked(sqlite_url: str) -> None:
    with open_database(sqlite_url):
        pass
    errors = _run(_write_many, lambda i: (sqlite_url, i), WRITERS)
    assert errors == []
    with open_database(sqlite_url, migrate=False) as db, db.session() as session:
        documents = session.scalar(select(func.count()).select_from(Document))
        entries = session.scalar(select(func.count()).select_from(AuditEntry))
    assert documents == WRITERS * DOCUMENTS_EACH
    assert entries == 2 * WRITERS * DOCUMENTS_EACH


def _open_fresh(url: str, worker: int, barrier: object, errors: object) -> None:
    try:
        barrier.wait()  # type: ignore[attr-defined]
        with open_database(url) as db, db.session() as session:
            append_audit(
                session=session, actor=f"w{worker}", action="start", entity="test", entity_id=1
            )
    except Exception:
        errors.put(traceback.format_exc())  # type: ignore[attr-defined]
        raise


def test_processes_starting_at_once_on_a_fresh_database_migrate_once(database_url: str) -> None:
    url = database_url  # SQLite: not even its folder exists yet
    errors = _run(_open_fresh, lambda i: (url, i), 3)
    assert errors == []
    with open_database(url, migrate=False) as db, db.session() as session:
        versions = session.execute(text("SELECT version_num FROM alembic_version")).all()
        actors = session.scalars(select(AuditEntry.actor).order_by(AuditEntry.actor)).all()
    assert [v[0] for v in versions] == [_newest_revision()]
    assert actors == ["w0", "w1", "w2"]


def _newest_revision() -> str:
    from alembic.script import ScriptDirectory

    from storage.db import MIGRATIONS

    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head is not None
    return head
