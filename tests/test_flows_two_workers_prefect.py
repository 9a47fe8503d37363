"""Workers with Prefect on: real `poflow worker` processes report to one real Prefect server.

Two workers on one machine: each document is decided once and has exactly one flow run,
named after it, completed, with its four tasks, in the `poflow` work pool. A worker stopped
with SIGTERM mid-document finishes that document first: decided, its flow run completed
(not crashed). Workers are listed in the work pool while they run, and claim nothing while
an operator has paused it.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from flows.service import prefect_server, wait_healthy
from poflow.settings import load_settings
from storage.db import Database, open_database
from storage.models import Document
from tests.test_fault_processes import (
    all_decided,
    decisions_per_document,
    start,
    statuses,
    stop,
    submit,
    text_pdfs,
    two_workers_decide,
    wait_until,
)
from tests.test_flows_run import free_port


@dataclass
class Service:
    url: str  # the Prefect API
    env: dict[str, str]  # the workers' environment
    db: Database


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """One Prefect server for the module (its start-up is the slow part); each test's
    documents are told apart by id."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        for key in [k for k in os.environ if k.startswith("PREFECT_")] + ["POFLOW_DATABASE_URL"]:
            monkeypatch.delenv(key, raising=False)
        home = tmp_path_factory.mktemp("prefect") / "home"
        monkeypatch.setenv("POFLOW_HOME", str(home))
        settings = load_settings(home=home, prefect=True, prefect_port=free_port())
        server = prefect_server(settings)  # sets PREFECT_API_URL, undone by monkeypatch
        assert server is not None
        try:
            url = os.environ["PREFECT_API_URL"]
            wait_healthy(url, server, timeout=180)
            env = {**os.environ, "POFLOW_PREFECT": "true", "OMP_THREAD_LIMIT": "1"}
            with open_database(settings.database) as db:
                yield Service(url, env, db)
        finally:
            server.terminate()
            server.wait(timeout=30)


def api(
    url: str, path: str, body: dict[str, object], method: str = "POST"
) -> list[dict[str, object]]:
    request = urllib.request.Request(
        f"{url}{path}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method=method,
    )
    for attempt in range(5):
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                text = answer.read()
            break
        except urllib.error.HTTPError as error:
            # A SQLite-backed server answers 503 while its write lock is held (Prefect's own
            # client retries those too).
            if error.code != 503 or attempt == 4:
                raise
            time.sleep(1 + attempt)
    return list(json.loads(text)) if text else []


def flow_runs(service: Service, documents: set[int]) -> dict[int, dict[str, object]]:
    """The flow runs of these documents, by document id (from the run's parameters: its
    name is Prefect's random one until the engine renames it)."""
    runs = api(service.url, "/flow_runs/filter", {})
    found = {}
    for run in runs:
        parameters = run["parameters"]
        assert isinstance(parameters, dict)
        found[int(parameters["document_id"])] = run
    return {d: run for d, run in found.items() if d in documents}


def test_two_workers_one_prefect_server_one_flow_run_per_document(service: Service) -> None:
    # Each document takes a second, so the second worker, slower to start on a busy CI
    # machine (Prefect's imports and warm-up), still finds documents left to take.
    logs = two_workers_decide(service.env, service.db, 6, sleep=1.0)
    with service.db.read_session() as session:
        names = dict(session.execute(select(Document.id, Document.original_name)).all())
        workers_seen = set(session.scalars(select(Document.leased_by)).all())
    assert len(workers_seen) == 2, workers_seen  # both took part
    runs = api(service.url, "/flow_runs/filter", {})
    assert sorted(str(run["name"]) for run in runs) == sorted(
        f"doc-{document}-{name}" for document, name in names.items()
    )
    assert {str(run["state_type"]) for run in runs} == {"COMPLETED"}
    assert {run["work_pool_name"] for run in runs} == {"poflow"}

    def four_tasks_each() -> bool:  # task runs arrive as events, recorded in batches
        tasks = api(service.url, "/task_runs/filter", {"limit": 200})
        return len(tasks) == 4 * len(runs)

    wait_until(four_tasks_each, timeout=30)
    assert not any("Traceback" in log or "ERROR" in log for log in logs), logs


def test_sigterm_mid_document_finishes_it_and_its_flow_run(service: Service) -> None:
    before = set(statuses(service.db))
    (document,) = submit(service.env, service.db, text_pdfs(7)[-1:])
    worker = start(service.env, "worker", "--sleep", "3")
    try:

        def running() -> bool:  # the flow engine has started: its SIGTERM handler is armed
            run = flow_runs(service, {document}).get(document)
            return run is not None and run["state_type"] == "RUNNING"

        wait_until(running, timeout=120)
        worker.send_signal(signal.SIGTERM)
        exit_code = worker.wait(timeout=60)
    except (AssertionError, subprocess.TimeoutExpired):
        worker.kill()
        raise
    log = worker.stderr.read().decode() if worker.stderr else ""
    assert exit_code == 0, log
    assert all_decided(service.db, len(before) + 1)(), statuses(service.db)
    assert decisions_per_document(service.db)[document] == 1
    run = flow_runs(service, {document})[document]
    assert run["state_type"] == "COMPLETED", run["state_name"]
    assert "Traceback" not in log, log


def test_workers_join_the_work_pool_and_claim_nothing_while_it_is_paused(
    service: Service,
) -> None:
    def pool_workers() -> set[str]:
        workers = api(service.url, "/work_pools/poflow/workers/filter", {})
        return {str(w["name"]) for w in workers if w["status"] == "ONLINE"}

    def pause(paused: bool) -> None:
        api(service.url, "/work_pools/poflow", {"is_paused": paused}, method="PATCH")

    before = set(statuses(service.db))
    with contextlib.suppress(urllib.error.HTTPError):  # 409: an earlier test's worker made it
        api(service.url, "/work_pools/", {"name": "poflow", "type": "poflow"})
    pause(True)
    worker = start(service.env, "worker")
    try:
        wait_until(lambda: len(pool_workers()) == 1, timeout=120)
        (document,) = submit(service.env, service.db, text_pdfs(9)[-1:])
        time.sleep(5)  # the worker polls every half second: it would have claimed it
        assert statuses(service.db)[document] == "received"
        pause(False)  # the worker learns it at its next heartbeat (15 s)
        wait_until(all_decided(service.db, len(before) + 1), timeout=60)
    finally:
        pause(False)
        log = stop(worker)
    assert decisions_per_document(service.db)[document] == 1
    assert "paused" in log and "resumed" in log, log
    assert "Warning" not in log and "Traceback" not in log, log  # a fresh home: no noise
    assert not pool_workers()  # a stopped worker leaves the pool at once
