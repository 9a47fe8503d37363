"""Prefect: one flow run per document (`process-document`), a task per stage.

Prefect schedules and shows; the order database owns state. A worker claims a document
under a database lease (`flows.worker`) and then calls `process_document` in its own
process, so the run appears in the Prefect UI as `doc-<id>-<file name>` with the tasks
read-original, extract, validate and route. Losing the Prefect database loses run
history only, never an order.

Tasks retry with backoff only on transient trouble (the database busy or unreachable, a
timeout); a bad document is an outcome (`failed`), never retried. The tasks are thin
wrappers around `flows.worker`'s stage functions, testable with `.fn()`.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from poflow.errors import StorageError

if TYPE_CHECKING:
    from flows.pipeline import Pipeline
    from flows.worker import Job
    from poflow.domain import ExtractedOrder, Finding, Verdict

log = logging.getLogger(__name__)

TRANSIENT = (StorageError, TimeoutError, ConnectionError)
RETRIES = 3
RETRY_DELAYS = [1.0, 4.0, 16.0]  # backoff: a database restart takes seconds


LOCAL_SERVER = {
    # Task runs reach the server as events; recorded one per transaction (the default),
    # they hold SQLite's write lock so often that creating the next flow run gets "503
    # database is locked" and the client backs off for 2 s. In batches, every 2 s, they
    # don't. (Harmless on PostgreSQL.)
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "200",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_READ_BATCH_SIZE": "200",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL": "2",
    # Services poflow never uses (cron schedules, automations, pauses, global concurrency
    # leases) wake up every few seconds on the 2 cores the workers need. The event log
    # (the UI's Events page; runs, task runs, states and logs don't need it) costs a fifth
    # of the server's CPU per flow run and writes that collide with the API's.
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_PAUSE_EXPIRATIONS_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_REPOSSESSOR_ENABLED": "false",
    # A worker without PREFECT_API_URL starts a temporary server; creating its database
    # takes longer than Prefect's 20 s on a busy 2-core machine.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}
"""Settings for the Prefect server poflow starts (or the temporary one inside a worker)."""


def prefect_environment(home: Path, api_url: str | None = None) -> dict[str, str]:
    """Prefect settings for poflow: telemetry off, state under `$POFLOW_HOME/prefect`.

    Values already set in the environment win, so an operator can point `PREFECT_API_URL`
    at a shared server.
    """
    wanted = {
        "PREFECT_HOME": str((home / "prefect").resolve()),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_UI_ENABLED": "true",
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_CLI_PROMPT": "false",
        **LOCAL_SERVER,
    }
    if api_url:
        wanted["PREFECT_API_URL"] = api_url
    return {key: os.environ.get(key, value) for key, value in wanted.items()}


def configure_prefect(home: Path, api_url: str | None = None) -> None:
    """Set the Prefect environment before Prefect is imported (its settings load once)."""
    os.environ.update(prefect_environment(home, api_url))


def is_transient(task: Any, task_run: Any, state: Any) -> bool:
    """Prefect's retry condition: retry only what may work a moment later."""
    error = state.result(raise_on_failure=False)
    return isinstance(error, TRANSIENT) and not _lease_lost(error)


def _lease_lost(error: BaseException) -> bool:
    from flows.worker import LeaseLost

    return isinstance(error, LeaseLost)


_JOBS: dict[int, tuple[Pipeline, Job]] = {}
"""Claimed documents of this process: flow parameters stay small, JSON-able ids."""


def _job(document_id: int) -> tuple[Pipeline, Job]:
    return _JOBS[document_id]


def _build() -> Any:
    """Define the flow and tasks (importing Prefect only when the flow is wanted)."""
    from prefect import flow, task
    from prefect.cache_policies import NO_CACHE
    from prefect.settings import get_current_settings

    from flows import worker as stages

    options: dict[str, Any] = {
        "retries": RETRIES,
        "retry_delay_seconds": RETRY_DELAYS,
        "retry_condition_fn": is_transient,
        "cache_policy": NO_CACHE,
        "persist_result": False,
    }

    @task(name="read-original", **options)
    def read_original(document_id: int) -> bytes:
        with _stage_timer(document_id):
            return stages.read_original(*_job(document_id))

    @task(name="extract", **options)
    def extract(document_id: int, data: bytes) -> ExtractedOrder | str:
        with _stage_timer(document_id):
            return stages.extract_order(*_job(document_id), data)

    @task(name="validate", **options)
    def validate(document_id: int, order: ExtractedOrder) -> tuple[Finding, ...]:
        with _stage_timer(document_id):
            return stages.validate_order(*_job(document_id), order)

    @task(name="route", **options)
    def route(
        document_id: int, order: ExtractedOrder | str, findings: tuple[Finding, ...]
    ) -> Verdict:
        with _stage_timer(document_id):
            return stages.route_order(*_job(document_id), order, findings)

    @flow(
        name="process-document",
        flow_run_name="doc-{document_id}-{name}",
        persist_result=False,
        # Prefect's own default place, named here: else every run asks the server for a
        # default result storage (twice), though nothing is ever persisted.
        result_storage=get_current_settings().results.local_storage_path,
        validate_parameters=False,
    )
    def process_document(document_id: int, name: str) -> Verdict:
        data = read_original(document_id)
        order = extract(document_id, data)
        findings = () if isinstance(order, str) else validate(document_id, order)
        return route(document_id, order, findings)

    return process_document, (read_original, extract, validate, route)


_built: Any = None


def flow_and_tasks() -> Any:
    """(the `process-document` flow, its four tasks), built once per process."""
    global _built
    if _built is None:
        _built = _build()
    return _built


def warm_up() -> None:
    """Pay Prefect's first-run costs (engine imports, flow objects, the API client) at
    worker start instead of on the first document; an unreachable server is only logged."""
    import importlib

    from prefect.client.orchestration import get_client

    for module in ("prefect.flow_engine", "prefect.task_engine"):  # else the first run does
        importlib.import_module(module)

    process_document, _ = flow_and_tasks()
    # The first run's parameter serialisation imports FastAPI's JSON encoder (≈ 0.5 s).
    process_document.serialize_parameters({"document_id": 0, "name": "warm-up"})
    try:
        with get_client(sync_client=True) as client:
            client.hello()
    except Exception as exc:  # the first flow run will say it properly, or start a server
        log.info("Prefect API not reachable yet: %s", exc)


@contextmanager
def prefect_session() -> Iterator[None]:
    """Settings and API client shared by every flow run of the calling thread.

    Without it each run builds both afresh: a settings copy and a client with its
    handshake requests cost more than the run's own API calls. Flow-run heartbeats are
    off: the database lease already notices a dead worker, and Prefect's heartbeat
    thread costs up to a second per run when it is joined.
    """
    from prefect.context import SyncClientContext
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    no_heartbeat = {PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}
    with temporary_settings(updates=no_heartbeat), SyncClientContext.get_or_create():
        yield


def run_in_prefect(pipeline: Pipeline, job: Job) -> Verdict:
    """`flows.worker.RunJob` that runs the document as one Prefect flow run.

    Call it inside `prefect_session()`. Logs (INFO) the run's wall time and the time
    inside the stages, so Prefect's own share per document can be measured
    (`poflow bench intake` reads it).
    """
    process_document, _ = flow_and_tasks()
    _JOBS[job.document_id] = (pipeline, job)
    _STAGE_SECONDS[job.document_id] = 0.0
    started = time.perf_counter()
    try:
        verdict: Verdict = process_document(job.document_id, job.name)
    finally:
        del _JOBS[job.document_id]
        stages = _STAGE_SECONDS.pop(job.document_id)
        total = time.perf_counter() - started
        log.info(TIMING_LINE, job.document_id, total, stages)
    return verdict


TIMING_LINE = "flow-timing document=%d total=%.4f stages=%.4f"
_STAGE_SECONDS: dict[int, float] = {}


@contextmanager
def _stage_timer(document_id: int) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        if document_id in _STAGE_SECONDS:
            _STAGE_SECONDS[document_id] += time.perf_counter() - started
