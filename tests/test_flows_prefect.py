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


def test_one_flow_run_per_document_named_after_it(tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")},
        "POFLOW_HOME": str(tmp_path),
        "POFLOW_PREFECT": "true",
    }
    done = subprocess.run(
        [sys.executable, "-c", FLOW_RUN],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["status"] == "needs_review"
    assert result["runs"] == [[f"doc-{result['document']}-y.pdf", "COMPLETED"]]
    assert len(result["tasks"]) == 4
    assert "Traceback" not in done.stderr
    assert (tmp_path / "prefect").is_dir()  # Prefect's state lives under POFLOW_HOME
