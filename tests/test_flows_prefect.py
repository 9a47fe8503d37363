"""The `process-document` Prefect flow: tasks as thin wrappers, retries only when transient,
and one real flow run (ephemeral Prefect server, in a subprocess) named after the document."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from flows.intake import Received, submit_bytes
from flows.pipeline import Pipeline
from flows.prefect_flows import _JOBS, flow_and_tasks, is_transient, prefect_environment
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
from flows.service import open_worker
from flows.intake import submit_bytes
from flows.prefect_flows import run_in_prefect
from poflow.domain import ExtractedOrder
from poflow.settings import load_settings

settings = load_settings()
with open_worker(settings, extract=lambda d, n, c: ExtractedOrder()) as worker:
    taken = submit_bytes(worker.pipeline.db, worker.pipeline.blobs, b"%PDF-1.4 y", "y.pdf",
                         source="test")
    verdict = worker.run_once()
import time
from prefect.client.orchestration import get_client
with get_client(sync_client=True) as client:
    for _ in range(150):  # task runs arrive as events, recorded in batches every 2 s
        runs = client.read_flow_runs()
        tasks = client.read_task_runs()
        if len(tasks) == 4 and runs[0].state_type.value == "COMPLETED":
            break
        time.sleep(0.2)
print(json.dumps({"status": verdict.status, "document": taken.document_id,
                  "runs": [(r.name, r.state_type.value) for r in runs],
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


def test_one_flow_run_per_document_named_after_it(tmp_path: Path) -> None:
    done = run_worker_script(FLOW_RUN, tmp_path)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["status"] == "needs_review"
    assert result["runs"] == [[f"doc-{result['document']}-y.pdf", "COMPLETED"]]
    assert len(result["tasks"]) == 4
    assert "Traceback" not in done.stderr
    assert (tmp_path / "prefect").is_dir()  # Prefect's state lives under POFLOW_HOME


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
