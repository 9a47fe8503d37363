"""Prefect: one flow run per document (`process-document`), a task per stage.

Prefect schedules and shows; the order database owns state. A worker claims a document
under a database lease (`flows.worker`), creates its flow run in poflow's work pool
(`flows.work_pool`) and runs it in its own process, so the run appears in the Prefect UI
as `doc-<id>-<file name>` with the tasks read-original, extract, validate and route.
Losing the Prefect database loses run history only, never an order.

Tasks retry with backoff only on transient trouble (the database busy or unreachable, a
timeout); a bad document is an outcome (`failed`), never retried. The tasks are thin
wrappers around `flows.worker`'s stage functions, testable with `.fn()`.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from poflow.errors import StorageError

if TYPE_CHECKING:
    from uuid import UUID

    from prefect.client.orchestration import SyncPrefectClient
    from prefect.client.schemas.objects import FlowRun

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
    # Prefect makes its home without parents and warns when it cannot (a fresh POFLOW_HOME).
    Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)


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
        name="process-document",  # the run is named when it is created: see _new_run
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


def warm_up(pool: str) -> None:
    """Pay Prefect's first-run costs (engine imports, flow objects, the API client, the
    flow and work pool registered) at worker start instead of on the first document; an
    unreachable server is only logged."""
    import importlib

    from prefect.client.orchestration import get_client

    for module in ("prefect.flow_engine", "prefect.task_engine"):  # else the first run does
        importlib.import_module(module)

    process_document, _ = flow_and_tasks()
    # The first run's parameter serialisation imports FastAPI's JSON encoder (≈ 0.5 s).
    process_document.serialize_parameters({"document_id": 0, "name": "warm-up"})
    try:
        with get_client(sync_client=True) as client:
            _register(client, pool)
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
    with temporary_settings(updates=no_heartbeat), ExitStack() as stack:
        try:
            stack.enter_context(SyncClientContext.get_or_create())
        except Exception as exc:
            if not _unreachable(exc):
                raise
            _prefect_answers(False, exc)  # each run asks again, with a client of its own
        yield


def _unreachable(error: BaseException) -> bool:
    """Whether the Prefect API did not answer (down, restarting, cut off)."""
    import httpx

    return isinstance(error, httpx.TransportError) or isinstance(
        error.__cause__, httpx.TransportError
    )


_prefect_down = threading.Event()


def _prefect_answers(answers: bool, error: BaseException | None = None) -> None:
    """Say once when the Prefect API stops answering and once when it is back."""
    if not answers and not _prefect_down.is_set():
        log.warning(
            "Prefect API not reachable (%s): documents are decided without flow runs until "
            "it answers again",
            error,
        )
        _prefect_down.set()
    elif answers and _prefect_down.is_set():
        log.warning("Prefect API answers again: documents run as flow runs")
        _prefect_down.clear()


def run_in_prefect(pipeline: Pipeline, job: Job, *, pool: str) -> Verdict:
    """`flows.worker.RunJob` that runs the document as one Prefect flow run in `pool`.

    Call it inside `prefect_session()`. Logs (INFO) the run's wall time and the time
    inside the stages, so Prefect's own share per document can be measured
    (`poflow bench intake` reads it).

    Prefect only shows: while its API does not answer, the document is decided by the
    plain stages, and a run it dropped half-way is finished so, unless the document was
    decided already.
    """
    from flows.worker import LeaseLost, run_stages, still_held

    process_document, _ = flow_and_tasks()
    parameters = {"document_id": job.document_id, "name": job.name}
    _JOBS[job.document_id] = (pipeline, job)
    _STAGE_SECONDS[job.document_id] = 0.0
    started = time.perf_counter()
    try:
        return cast("Verdict", _run_flow(process_document, parameters, pool))
    except Exception as exc:
        if not _unreachable(exc):
            raise
        _prefect_answers(False, exc)
        if not still_held(pipeline, job):
            raise LeaseLost(f"document {job.document_id}: decided, without its flow run") from exc
        with _stage_timer(job.document_id):  # the time lost before is Prefect's
            return run_stages(pipeline, job)
    finally:
        del _JOBS[job.document_id]
        stages = _STAGE_SECONDS.pop(job.document_id)
        total = time.perf_counter() - started
        log.info(TIMING_LINE, job.document_id, total, stages)


def _run_flow(flow: Any, parameters: dict[str, Any], pool: str) -> Any:
    """Prefect's `run_flow_sync`, with the engine that creates the run as poflow wants it."""
    engine = _engine_type()(flow=flow, parameters=parameters, pool=pool)
    with engine.start():
        while engine.is_running():
            with engine.run_context():
                engine.call_flow_fn()
    return engine.result()


_engine: Any = None


def _engine_type() -> Any:
    """Prefect's flow run engine, less three of its five requests per run.

    Left to itself, the engine creates the run outside any pool, Pending and unnamed, then
    sends its retry policy (PATCH), proposes Running and reads the run back: four round
    trips to the server before the first task. Here one POST creates it named, in the
    work pool, with its policy and already Running (the server applies its run-count and
    start-time rules to a state set at creation too), and the run the server answered
    with stands for the read-back, since nothing else knows of the run yet. Later state
    changes (Completed, Failed, a retry's Running) go through the engine unchanged.
    """
    global _engine
    if _engine is not None:
        return _engine
    from dataclasses import dataclass, field

    from prefect.flow_engine import FlowRunEngine

    @dataclass
    class DocumentRunEngine(FlowRunEngine[Any, Any]):
        pool: str = ""
        _created_running: bool = field(default=False, init=False)

        def create_flow_run(self, client: SyncPrefectClient) -> FlowRun:
            run = _new_run(client, self.flow, self.parameters or {}, self.pool)
            _prefect_answers(True)
            self._created_running = True
            return run

        def set_state(self, state: Any, force: bool = False) -> Any:
            if self._created_running and state.is_running() and self.state.is_running():
                state = self.state  # begin_run's proposal: the run was created Running
                self._telemetry.update_state(state)
                self.call_hooks(state)
                return state
            return super().set_state(state, force)

        @contextmanager
        def setup_run_context(self, client: SyncPrefectClient | None = None) -> Iterator[None]:
            client = client or self.client
            fresh, self._created_running = self._created_running, False
            with ExitStack() as stack:
                with _read_answers(client, self.flow_run if fresh else None):
                    stack.enter_context(super().setup_run_context(client))
                yield

    _engine = DocumentRunEngine
    return _engine


@contextmanager
def _read_answers(client: Any, run: FlowRun | None) -> Iterator[None]:
    """While entered, `client.read_flow_run` answers with `run` (if any) without asking."""
    if run is None:
        yield
        return
    client.read_flow_run = lambda flow_run_id: run
    try:
        yield
    finally:
        del client.read_flow_run


RUN_NAME = "doc-{document_id}-{name}"
_FLOW_IDS: dict[str, UUID] = {}
"""The flow's id on the server, by work pool, registered once per process."""


def _register(client: SyncPrefectClient, pool: str) -> UUID:
    """Make the flow and the work pool known to the server; the flow's id."""
    from flows.work_pool import ensure_pool

    process_document, _ = flow_and_tasks()
    ensure_pool(client, pool)
    _FLOW_IDS[pool] = client.create_flow(process_document)
    return _FLOW_IDS[pool]


def _new_run(
    client: SyncPrefectClient, flow: Any, parameters: dict[str, Any], pool: str
) -> FlowRun:
    """The document's flow run, named after it, created Running in the work pool.

    If the Prefect database was lost since the flow was registered (the server no longer
    knows the flow: 409, or the pool: 404), both are registered again and the run created
    once more.
    """
    from prefect.exceptions import PrefectHTTPStatusError

    try:
        return _post_run(client, flow, parameters, pool)
    except PrefectHTTPStatusError as exc:
        if exc.response.status_code not in (404, 409):
            raise
        _FLOW_IDS.pop(pool, None)
        return _post_run(client, flow, parameters, pool)


def _post_run(
    client: SyncPrefectClient, flow: Any, parameters: dict[str, Any], pool: str
) -> FlowRun:
    from prefect.client.schemas.actions import FlowRunCreate
    from prefect.client.schemas.objects import FlowRun, FlowRunPolicy
    from prefect.states import Running, to_state_create

    body = FlowRunCreate(
        flow_id=_FLOW_IDS.get(pool) or _register(client, pool),
        name=RUN_NAME.format(**parameters),
        parameters=parameters,
        state=to_state_create(Running()),
        empirical_policy=FlowRunPolicy(retries=flow.retries, retry_delay=flow.retry_delay_seconds),
        flow_version=flow.version,
        work_pool_name=pool,
    )
    created = body.model_dump(mode="json", exclude_unset=True)
    answer = _post_soon_retried(client, "/flow_runs/", created)
    run = FlowRun.model_validate(answer.json())
    run.parameters = parameters  # the engine calls the flow with these
    return run


BUSY_RETRY_DELAYS = (0.02, 0.05, 0.1, 0.2)
"""Waits before sending a POST again that a local server refused as busy (503)."""


def _post_soon_retried(client: SyncPrefectClient, path: str, body: dict[str, Any]) -> Any:
    """POST `body`; a 503 is sent again after a few hundredths of a second.

    A SQLite-backed server creates a flow run in a transaction that reads before it
    writes: when another write (the task-run recorder, another worker's run) lands in
    between, SQLite refuses at once ("database is locked", its busy timeout does not
    apply) and the server answers 503. Prefect's client waits 2 s before its first retry;
    a moment is enough, since nothing was written. Any other answer or failure (a dropped
    connection, an error, a server that wants a CSRF token) takes the client's own path
    with its own retries.
    """
    import httpx

    http = client._client  # Prefect's httpx client; its send() is the one that retries
    for delay in BUSY_RETRY_DELAYS:
        try:
            answer = httpx.Client.send(http, http.build_request("POST", path, json=body))
        except httpx.TransportError:
            break
        if answer.is_success:
            return answer
        answer.close()
        if answer.status_code != 503:
            break
        time.sleep(delay)
    return client.request("POST", path, json=body)  # type: ignore[arg-type]


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
