"""The `process-document` Prefect flow: tasks as thin wrappers, retries only when transient,
and one real flow run (ephemeral Prefect server, in a subprocess) named after the document."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from flows.intake import Received, submit_bytes
from flows.pipeline import Pipeline
from flows.prefect_flows import (
    _JOBS,
    _post_soon_retried,
    flow_and_tasks,
    is_transient,
    prefect_environment,
)
from flows.worker import LeaseLost, Worker
from poflow.domain import ExtractedOrder, ExtractionContext, NeedsReview
from poflow.errors import CorruptFile, StorageError
from poflow.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class FailedState:
    error: BaseException

    def result(self, raise_on_failure: bool = True) -> BaseException:
        return self.error


def test_only_transient_failures_are_retried() -> None:
    assert is_transient(None, None, FailedState(StorageError("database is locked")))
    assert is_transient(None, None, FailedState(TimeoutError("tesseract")))
    assert not is_transient(None, None, FailedState(CorruptFile("not a PDF")))
    assert not is_transient(None, None, FailedState(LeaseLost("taken over")))
    assert not is_transient(None, None, FailedState(ValueError("a bug")))


def test_prefect_environment_turns_telemetry_off_and_keeps_operator_choices(
    tmp_path: Path,
) -> None:
    env = prefect_environment(tmp_path)
    assert env["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"
    assert env["PREFECT_HOME"].startswith(str(tmp_path.resolve())) or "PREFECT_HOME" in os.environ


def empty_order(data: bytes, name: str, context: ExtractionContext) -> ExtractedOrder:
    return ExtractedOrder()


def test_the_tasks_are_the_plain_stages(tmp_path: Path) -> None:
    settings = load_settings(home=tmp_path, prefect=False)
    _, (read, extract, validate, route) = flow_and_tasks()
    with Pipeline.open(settings, extract=empty_order) as pipeline:
        taken = submit_bytes(pipeline.db, pipeline.blobs, b"%PDF-1.4 x", "x.pdf", source="test")
        assert isinstance(taken, Received)
        job = Worker(pipeline).claim()
        assert job is not None
        _JOBS[job.document_id] = (pipeline, job)
        try:
            data = read.fn(job.document_id)
            order = extract.fn(job.document_id, data)
            findings = validate.fn(job.document_id, order)
            verdict = route.fn(job.document_id, order, findings)
        finally:
            del _JOBS[job.document_id]
    assert data == b"%PDF-1.4 x"
    assert order == ExtractedOrder()
    assert findings  # an empty order cannot go straight through
    assert isinstance(verdict, NeedsReview)


FLOW_RUN = """
import json, sys
import httpx
from flows.service import open_worker
from flows.intake import submit_bytes
from poflow.domain import ExtractedOrder
from poflow.settings import load_settings

requests = []
send = httpx.Client.send
def counting_send(self, request, *args, **kwargs):
    requests.append(f"{request.method} {request.url.path}")
    return send(self, request, *args, **kwargs)
httpx.Client.send = counting_send

settings = load_settings()
with open_worker(settings, extract=lambda d, n, c: ExtractedOrder()) as worker:
    taken = [submit_bytes(worker.pipeline.db, worker.pipeline.blobs, b"%PDF-1.4 " + name,
                          name.decode() + ".pdf", source="test") for name in (b"x", b"y")]
    worker.run_once()  # the first run registers the flow and the work pool
    requests.clear()
    verdict = worker.run_once()
    second_run_requests = list(requests)
import time
from prefect.client.orchestration import get_client
with get_client(sync_client=True) as client:
    for _ in range(150):  # task runs arrive as events, recorded in batches every 2 s
        runs = client.read_flow_runs()
        tasks = client.read_task_runs()
        if len(tasks) == 8 and all(r.state_type.value == "COMPLETED" for r in runs):
            break
        time.sleep(0.2)
    run = next(r for r in runs if r.name.endswith("y.pdf"))
    history = [s.type.value for s in client.read_flow_run_states(run.id)]
    tasks = [t for t in tasks if t.flow_run_id == run.id]
print(json.dumps({"status": verdict.status, "document": taken[1].document_id,
                  "runs": sorted((r.name, r.state_type.value) for r in runs),
                  "pool": run.work_pool_name, "run_count": run.run_count,
                  "history": history, "requests": second_run_requests,
                  "tasks": sorted(t.task_key.split("-")[0] for t in tasks)}))
"""


def run_worker_script(script: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`script` in a fresh process with Prefect on and no Prefect settings but `env`."""
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")},
            "POFLOW_HOME": str(home),
            "POFLOW_PREFECT": "true",
            **env,
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    return done


def test_one_flow_run_per_document_named_after_it_in_two_requests(tmp_path: Path) -> None:
    """Each run is created named, in the work pool and Running in one request, and
    Completed in a second: the engine's own retry-policy update, Running proposal and
    read-back are not sent, and the run still counts one attempt with the states
    Running → Completed (task runs travel as events)."""
    done = run_worker_script(FLOW_RUN, tmp_path)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["status"] == "needs_review"
    first = result["document"] - 1
    assert result["runs"] == [
        [f"doc-{first}-x.pdf", "COMPLETED"],
        [f"doc-{result['document']}-y.pdf", "COMPLETED"],
    ]
    assert len(result["tasks"]) == 4
    assert result["pool"] == "poflow"
    assert "Traceback" not in done.stderr
    assert (tmp_path / "prefect").is_dir()  # Prefect's state lives under POFLOW_HOME
    api = [r for r in result["requests"] if "/api/" in r]
    assert len(api) == 2, api
    assert api[0].endswith("/flow_runs/") and api[1].endswith("/set_state")
    assert result["history"] == ["RUNNING", "COMPLETED"]
    assert result["run_count"] == 1


DEAD_PREFECT = """
import json
from flows.service import open_worker
from flows.intake import submit_bytes
from poflow.domain import ExtractedOrder
from poflow.settings import load_settings

with open_worker(load_settings(), extract=lambda d, n, c: ExtractedOrder()) as worker:
    for n in range(2):
        submit_bytes(worker.pipeline.db, worker.pipeline.blobs, b"%PDF-1.4 z" + bytes([n]),
                     f"z{n}.pdf", source="test")
    print(json.dumps([worker.run_once().status for _ in range(2)]))
"""


def test_documents_are_decided_while_the_prefect_api_does_not_answer(tmp_path: Path) -> None:
    """Prefect only shows: with no server answering, the worker decides documents by the
    plain stages and says so once, without a traceback."""
    nobody = "http://127.0.0.1:9/api"  # nothing listens there
    done = run_worker_script(DEAD_PREFECT, tmp_path, PREFECT_API_URL=nobody)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == ["needs_review"] * 2
    assert done.stderr.count("decided without flow runs") == 1, done.stderr
    assert "Traceback" not in done.stderr


def test_a_busy_answer_to_creating_a_run_is_retried_at_once_and_others_are_not() -> None:
    """A 503 (a local SQLite server that lost a race for its write lock, having written
    nothing) is sent again within a moment, not after the client's 2 s back-off; any
    other answer goes through the client's own path unchanged."""
    from prefect.client.orchestration import SyncPrefectClient
    from prefect.exceptions import PrefectHTTPStatusError

    answers = [503, 503, 201]
    seen: list[str] = []

    def server(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        return httpx.Response(answers.pop(0), json={"id": "run"})

    transport = httpx.MockTransport(server)
    with SyncPrefectClient(
        "http://prefect.test/api", httpx_settings={"transport": transport}
    ) as client:
        started = time.monotonic()
        answer = _post_soon_retried(client, "/flow_runs/", {"name": "doc-1-a.pdf"})
        assert answer.status_code == 201 and answer.json() == {"id": "run"}
        assert time.monotonic() - started < 1.0
        assert seen == ["/api/flow_runs/"] * 3

        answers[:] = [409, 409]
        seen.clear()
        with pytest.raises(PrefectHTTPStatusError):
            _post_soon_retried(client, "/flow_runs/", {"name": "doc-1-a.pdf"})
        assert len(seen) == 2  # once quickly, once by the client, which raises
