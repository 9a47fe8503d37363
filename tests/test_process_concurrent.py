"""Two real `poflow process` runs started at once on the same files: each document once.

The unique SHA-256 decides who takes a document; the loser of the race must report
`duplicate`, not crash. Run on SQLite always and on PostgreSQL when the storage tests'
`database_url` fixture has a server (env POFLOW_TEST_POSTGRES_URL).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FILES = sorted((SAMPLES / "corpus").glob("*text_pdf-01.pdf"))[:5]


def _run_two_at_once(url: str, home: Path, files: list[Path]) -> list[list[dict]]:  # type: ignore[type-arg]
    env = {**os.environ, "POFLOW_HOME": str(home), "POFLOW_DATABASE_URL": url}
    env["OMP_THREAD_LIMIT"] = "1"
    command = [sys.executable, "-m", "poflow.cli", "process", "--json", *map(str, files)]
    runs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = []
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err.decode()
        outputs.append([json.loads(line) for line in out.decode().splitlines() if line.strip()])
    return outputs


def _counts(url: str) -> dict[str, int]:
    from storage.db import open_database
    from storage.models import Document, Order, ReviewTask

    with open_database(url, migrate=False) as db, db.session() as session:
        return {
            model.__tablename__: int(session.scalar(select(func.count()).select_from(model)) or 0)
            for model in (Document, Order, ReviewTask)
        }


def _check_each_once(url: str, home: Path) -> None:
    inbox = home / "in"
    inbox.mkdir()
    files = []
    for path in FILES:  # copies: the runs must not depend on the corpus changing meanwhile
        files.append(inbox / path.name)
        files[-1].write_bytes(path.read_bytes())
    first, second = _run_two_at_once(url, home, files)
    assert len(first) == len(second) == len(FILES)
    for a, b in zip(first, second, strict=True):
        assert a["file"] == b["file"]
        statuses = Counter([a["status"], b["status"]])
        assert statuses["duplicate"] == 1, (a, b)  # exactly one run took it
        assert a["document_id"] == b["document_id"]
    counts = _counts(url)
    assert counts["documents"] == len(FILES)
    decided = [r for r in first + second if r["status"] in ("approved", "needs_review")]
    assert counts["orders"] + counts["review_tasks"] == len(decided)
    assert counts["orders"] == sum(r["status"] == "approved" for r in first + second)


@pytest.mark.skipif(len(FILES) < 2, reason="needs text PDF samples")
def test_two_runs_at_once_take_each_document_once(database_url: str, tmp_path: Path) -> None:
    """On SQLite and on PostgreSQL (the `database_url` fixture of tests/conftest.py)."""
    _check_each_once(database_url, tmp_path)
