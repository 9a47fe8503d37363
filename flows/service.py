"""The long-running commands: `poflow watch`, `mail`, `worker` and `run`.

    inbox / mailbox ──intake──▶ documents row (received) ──worker (lease)──▶ decided
                                      ▲ the order database owns state

`watch` and `mail` decide each document themselves right after intake unless told to
leave that to workers (`--intake-only`, which `run` uses). `worker` is a process that
claims documents under a lease; start several, on one machine or many, against one
PostgreSQL database. `run` starts all of it on one machine, plus a local Prefect server
and the review web app, and stops it cleanly on SIGINT/SIGTERM.
"""

from __future__ import annotations

import contextvars
import logging
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from flows.intake import Received, submit_bytes, submit_path
from flows.worker import RunJob, Worker, run_stages, warm_up
from poflow.domain import Verdict
from poflow.settings import Settings

if TYPE_CHECKING:
    from flows.pipeline import ExtractFn, Pipeline
    from flows.watch import FolderIntake

log = logging.getLogger(__name__)


def job_runner(settings: Settings) -> RunJob:
    """The Prefect flow when Prefect is on (the default), else the plain stages."""
    if not settings.prefect:
        return run_stages
    import os
    from functools import partial

    from flows.prefect_flows import configure_prefect, run_in_prefect, warm_up

    configure_prefect(settings.home)
    if os.environ.get("PREFECT_API_URL"):  # else the first run starts a temporary server
        warm_up(settings.prefect_work_pool)
    return partial(run_in_prefect, pool=settings.prefect_work_pool)


@contextmanager
def open_worker(
    settings: Settings, *, extract: ExtractFn | None = None, run_job: RunJob | None = None
) -> Iterator[Worker]:
    """A worker over an open pipeline (database, master data, rules loaded once)."""
    from flows.pipeline import Pipeline

    runner = run_job or job_runner(settings)  # first: it sets Prefect's environment up
    with Pipeline.open(settings, extract=extract) as pipeline, _runner_session(settings):
        worker = Worker(
            pipeline,
            run_job=runner,
            lease=timedelta(seconds=settings.worker_lease_seconds),
        )
        with _in_work_pool(settings, worker):
            yield worker


@contextmanager
def _runner_session(settings: Settings) -> Iterator[None]:
    """Prefect's settings and API client, kept for every run of this thread (Prefect on)."""
    if not settings.prefect:
        yield
        return
    from flows.prefect_flows import prefect_session

    with prefect_session():
        yield


@contextmanager
def _in_work_pool(settings: Settings, worker: Worker) -> Iterator[None]:
    """The worker heartbeats into the Prefect work pool and stops claiming while it is
    paused (Prefect on, with a server of its own: a temporary one has no UI to see it)."""
    import os

    if not settings.prefect or not os.environ.get("PREFECT_API_URL"):
        yield
        return
    from flows.work_pool import PoolPresence

    presence = PoolPresence(settings.prefect_work_pool, worker.name)
    worker.may_claim = presence.may_claim
    presence.start()
    try:
        yield
    finally:
        presence.stop()


def decide_now(worker: Worker | None, taken: Received | Verdict) -> Received | Verdict:
    """Decide a just-received document in this process, unless workers are meant to."""
    if worker is None or not isinstance(taken, Received):
        return taken
    verdict = worker.run_once(taken.document_id)
    return verdict if verdict is not None else taken  # a worker was quicker


def folder_intake(settings: Settings, pipeline: Pipeline, worker: Worker | None) -> FolderIntake:
    from flows.watch import FolderIntake

    def process(path: Path, name: str) -> Received | Verdict:
        taken = submit_path(pipeline.db, pipeline.blobs, settings, path, source="folder", name=name)
        return decide_now(worker, taken)

    return FolderIntake(
        settings.inbox,
        process,
        stable_seconds=settings.watch_stable_seconds,
        rescan_seconds=settings.watch_rescan_seconds,
        polling=settings.watch_polling,
    )


def poll_mail_once(settings: Settings, pipeline: Pipeline, worker: Worker | None) -> int:
    """One pass over the configured mailbox; returns how many messages were taken."""
    from flows.mail import MailboxConfig, poll_mailbox
    from poflow.errors import ConfigError
    from storage.documents import DatabaseMailLedger

    if not settings.imap_host or not settings.imap_user or settings.imap_password is None:
        raise ConfigError("mail intake needs POFLOW_IMAP_HOST, POFLOW_IMAP_USER, _PASSWORD")
    config = MailboxConfig(
        host=settings.imap_host,
        port=settings.imap_port,
        user=settings.imap_user,
        password=settings.imap_password.get_secret_value(),
        folder=settings.imap_folder,
        tls=settings.imap_tls,
        max_message_bytes=settings.max_message_bytes,
    )

    def process(raw: bytes, name: str, source_ref: str) -> Received | Verdict:
        taken = submit_bytes(
            pipeline.db, pipeline.blobs, raw, name, source="mail", source_ref=source_ref
        )
        return decide_now(worker, taken)

    lock_dir = settings.home / "locks"
    lock_dir.mkdir(parents=True, exist_ok=True)
    result = poll_mailbox(config, process, DatabaseMailLedger(pipeline.db), lock_dir=lock_dir)
    return result.taken


def stop_on_signals(*stoppers: Callable[[], None]) -> None:
    """SIGINT/SIGTERM call the stoppers: loops finish the document in hand, then return."""

    def handler(signum: int, frame: object) -> None:
        log.warning("signal %d: stopping after the current document", signum)
        for stop in stoppers:
            stop()

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)


def off_the_main_thread(loop: Callable[[], None]) -> None:
    """Run `loop` in a thread that carries this thread's context; the main thread waits.

    On the main thread Prefect's flow engine swaps in its own SIGTERM handler, which
    crashes the flow run in hand; off it, SIGTERM reaches `stop_on_signals` and the
    document in hand finishes (decided, its flow run completed).
    """
    failures: list[BaseException] = []

    def guarded() -> None:
        try:
            loop()
        except BaseException as exc:  # re-raised on the main thread, where the CLI reports it
            failures.append(exc)

    context = contextvars.copy_context()  # Prefect's settings and client live in it
    thread = threading.Thread(target=context.run, args=(guarded,), name="documents")
    thread.start()
    while thread.is_alive():
        thread.join(timeout=0.5)  # short waits keep the main thread free for signals
    if failures:
        raise failures[0]


def prefect_server(settings: Settings) -> subprocess.Popen[bytes] | None:
    """Start `prefect server start` on loopback unless PREFECT_API_URL names a server."""
    import os

    from flows.prefect_flows import prefect_environment

    if os.environ.get("PREFECT_API_URL") or not settings.prefect:
        return None
    url = f"http://127.0.0.1:{settings.prefect_port}/api"
    env = {**os.environ, **prefect_environment(settings.home, api_url=None)}
    # The UI in the browser asks this URL; without it, it asks the default port 4200.
    env.update(PREFECT_UI_API_URL=url, PREFECT_SERVER_API_PORT=str(settings.prefect_port))
    logs = settings.home / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    command = [
        str(Path(sys.executable).with_name("prefect")),
        "server",
        "start",
        "--host",
        "127.0.0.1",
        "--port",
        str(settings.prefect_port),
    ]
    with (logs / "prefect-server.log").open("ab") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    os.environ["PREFECT_API_URL"] = url
    log.warning("Prefect UI: http://127.0.0.1:%d (log: %s)", settings.prefect_port, logs)
    return server


def wait_healthy(api_url: str, server: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
    """Wait until the Prefect API answers; a server that exits or never answers is an error."""
    import urllib.request

    from flows.worker import wait_for
    from poflow.errors import ConfigError

    def healthy() -> bool:
        if server.poll() is not None:
            raise ConfigError(f"the Prefect server stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as answer:
                return bool(answer.status == 200)
        except OSError:
            return False

    if not wait_for(healthy, timeout, step=0.5):
        raise ConfigError(f"the Prefect server at {api_url} did not start in {timeout:.0f} s")


# --- the commands -----------------------------------------------------------------------


def watch(
    settings: Settings, *, intake_only: bool = False, extract: ExtractFn | None = None
) -> int:
    """`poflow watch`: the folder until SIGINT/SIGTERM."""
    with open_worker(settings, extract=extract) as worker:
        intake = folder_intake(settings, worker.pipeline, None if intake_only else worker)
        stop_on_signals(intake.stop)

        def loop() -> None:
            if not intake_only:
                warm_up(worker.pipeline)
            log.warning("watching %s", settings.inbox.resolve())
            intake.run()

        off_the_main_thread(loop)
    return 0


def mail(settings: Settings, *, once: bool = False, intake_only: bool = False) -> int:
    """`poflow mail`: one poll with `once`, else a poll every `imap_poll_seconds`."""
    stopping = threading.Event()
    with open_worker(settings) as worker:
        stop_on_signals(stopping.set)

        def loop() -> None:
            while True:
                taken = poll_mail_once(settings, worker.pipeline, None if intake_only else worker)
                log.info("mail: %d message(s) taken", taken)
                if once or stopping.wait(settings.imap_poll_seconds):
                    return

        off_the_main_thread(loop)
    return 0


def work(settings: Settings, *, extract: ExtractFn | None = None) -> int:
    """`poflow worker`: claim and decide documents until SIGINT/SIGTERM."""
    with open_worker(settings, extract=extract) as worker:
        stop_on_signals(worker.stop)

        def loop() -> None:
            warm_up(worker.pipeline)
            log.warning("worker %s ready", worker.name)
            worker.run()

        off_the_main_thread(loop)
    return 0


def run(settings: Settings, *, workers: int = 2) -> int:
    """`poflow run`: Prefect server, N worker processes, folder and mail intake, web app."""
    server = prefect_server(settings)
    children: list[subprocess.Popen[bytes]] = []
    stopping = threading.Event()
    try:
        if server is not None:
            import os

            wait_healthy(os.environ["PREFECT_API_URL"], server)
        children = [_start_worker() for _ in range(workers)]
        with open_worker(settings) as worker:
            intake = folder_intake(settings, worker.pipeline, None)
            stop_on_signals(stopping.set, intake.stop)
            threads = [threading.Thread(target=intake.run, name="folder", daemon=True)]
            if settings.imap_host:
                threads.append(_mail_thread(settings, worker.pipeline, stopping))
            threads.extend(_web_app_thread(settings))
            for thread in threads:
                thread.start()
            log.warning("poflow is running: inbox %s, %d worker(s)", settings.inbox, workers)
            stopping.wait()
            intake.stop()
    finally:
        _stop_children(children, server)
    return 0


def _start_worker() -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "poflow.cli", "worker"])


def _mail_thread(
    settings: Settings, pipeline: Pipeline, stopping: threading.Event
) -> threading.Thread:
    from poflow.errors import PoflowError

    def loop() -> None:
        while not stopping.is_set():
            try:
                poll_mail_once(settings, pipeline, None)
            except PoflowError as exc:  # the mailbox is away for a while: say so, try later
                log.warning("mail: %s", exc)
            stopping.wait(settings.imap_poll_seconds)

    return threading.Thread(target=loop, name="mail", daemon=True)


def _web_app_thread(settings: Settings) -> list[threading.Thread]:
    """The review web app, when `review_queue.app` is there."""
    try:
        import uvicorn

        from review_queue.app import create_app
    except ImportError as exc:
        log.warning("review web app not available (%s)", exc)
        return []
    config = uvicorn.Config(
        create_app(settings), host=settings.web_host, port=settings.web_port, log_level="warning"
    )
    server = uvicorn.Server(config)
    log.warning("review app: http://%s:%d", settings.web_host, settings.web_port)
    return [threading.Thread(target=server.run, name="web", daemon=True)]


def _stop_children(
    children: list[subprocess.Popen[bytes]], server: subprocess.Popen[bytes] | None
) -> None:
    """SIGTERM each worker (it finishes its document), then the Prefect server."""
    for child in children:
        child.terminate()
    for child in children:
        try:
            child.wait(timeout=60)
        except subprocess.TimeoutExpired:
            child.kill()  # its lease expires; another worker finishes the document
    if server is not None:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
