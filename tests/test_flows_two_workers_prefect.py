"""Scale-out with Prefect on: two real `poflow worker` processes on one machine report to one
real Prefect server. Each document is decided once and has exactly one flow run, named
after it, completed, with its four tasks."""

from __future__ import annotations

import json
import os
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import select

from flows.service import prefect_server, wait_healthy
from poflow.settings import load_settings
from storage.db import open_database
from storage.models import Document
from tests.test_fault_processes import two_workers_decide, wait_until
from tests.test_flows_run import free_port


def api(url: str, path: str, body: dict[str, object]) -> list[dict[str, object]]:
    request = urllib.request.Request(
        f"{url}{path}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return list(json.load(answer))


def test_two_workers_one_prefect_server_one_flow_run_per_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key in [k for k in os.environ if k.startswith("PREFECT_")] + ["POFLOW_DATABASE_URL"]:
        monkeypatch.delenv(key, raising=False)
    home = tmp_path / "home"
    monkeypatch.setenv("POFLOW_HOME", str(home))
    settings = load_settings(home=home, prefect=True, prefect_port=free_port())
    server = prefect_server(settings)  # sets PREFECT_API_URL, undone by monkeypatch
    assert server is not None
    try:
        url = os.environ["PREFECT_API_URL"]
        wait_healthy(url, server, timeout=180)
        env = {**os.environ, "POFLOW_PREFECT": "true", "OMP_THREAD_LIMIT": "1"}
        with open_database(settings.database) as db:
            logs = two_workers_decide(env, db, 6, sleep=0.5)
            with db.read_session() as session:
                names = dict(session.execute(select(Document.id, Document.original_name)).all())
                workers_seen = set(session.scalars(select(Document.leased_by)).all())
        assert len(workers_seen) == 2, workers_seen  # both took part
        runs = api(url, "/flow_runs/filter", {})
        assert sorted(str(run["name"]) for run in runs) == sorted(
            f"doc-{document}-{name}" for document, name in names.items()
        )
        assert {str(run["state_type"]) for run in runs} == {"COMPLETED"}

        def four_tasks_each() -> bool:  # task runs arrive as events, recorded in batches
            tasks = api(url, "/task_runs/filter", {"limit": 200})
            return len(tasks) == 4 * len(runs)

        wait_until(four_tasks_each, timeout=30)
        assert not any("Traceback" in log or "ERROR" in log for log in logs), logs
    finally:
        server.terminate()
        server.wait(timeout=30)
