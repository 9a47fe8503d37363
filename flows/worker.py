"""Workers: claim a document under a database lease, run it through the stages, route it.

    received ──claim (lease)──▶ extracting ──▶ approved / needs_review / failed

A worker renews its lease while it works (a heartbeat thread). A worker killed with
`kill -9` stops renewing; when the lease runs out another worker (or the restarted one)
claims the document again. Routing checks the lease inside its transaction, so a worker
that lost its lease stores nothing: each document is decided exactly once.

`run_stages` is the plain-Python run of one claimed document; `flows.prefect_flows`
runs the same stages as Prefect tasks, one flow run per document.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from poflow.domain import ExtractedOrder, Finding, Verdict
from poflow.errors import StorageError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from flows.pipeline import Pipeline

log = logging.getLogger(__name__)

DEFAULT_LEASE = timedelta(seconds=60)


class LeaseLost(StorageError):
    """Another worker took the document over (this one was too slow or cut off)."""


@dataclass(frozen=True)
class Job:
    """One claimed document: what the stages need to know about it."""

    document_id: int
    name: str
    sha256: str
    worker: str


RunJob = Callable[["Pipeline", Job], Verdict]
"""How a claimed document is run: `run_stages` (plain) or the Prefect flow."""


def worker_name() -> str:
    """Unique per process and start: host, pid and a random suffix."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


# --- the stages of one claimed document ------------------------------------------------


def read_original(pipeline: Pipeline, job: Job) -> bytes:
    return pipeline.blobs.get(job.sha256)


def extract_order(pipeline: Pipeline, job: Job, data: bytes) -> ExtractedOrder | str:
    """The order, or why the document cannot be read (a str; see `flows.pipeline.extract`)."""
    from flows.pipeline import extract

    return extract(data, job.name, pipeline.context, pipeline.extract)


def validate_order(pipeline: Pipeline, job: Job, order: ExtractedOrder) -> tuple[Finding, ...]:
    from flows.pipeline import record, validate

    record(pipeline.db, job.document_id, order)
    return validate(pipeline.db, job.document_id, order, pipeline.rule_set, pipeline.master)


def route_order(
    pipeline: Pipeline, job: Job, order: ExtractedOrder | str, findings: tuple[Finding, ...]
) -> Verdict:
    """Decide, in one transaction that first checks this worker still holds the lease."""
    from flows.pipeline import mark_failed, route

    guard = lease_guard(job)
    if isinstance(order, str):
        return mark_failed(pipeline.db, job.document_id, order, guard)
    check = "duplicate_po" in pipeline.rule_set.ids
    return route(pipeline.db, job.document_id, order, findings, check_duplicate=check, guard=guard)


def run_stages(pipeline: Pipeline, job: Job) -> Verdict:
    """One claimed document through the stages, in plain Python."""
    data = read_original(pipeline, job)
    order = extract_order(pipeline, job, data)
    findings = () if isinstance(order, str) else validate_order(pipeline, job, order)
    return route_order(pipeline, job, order, findings)


def still_held(pipeline: Pipeline, job: Job) -> bool:
    """Whether the document is still this worker's to decide."""
    from storage.documents import holds_lease

    with pipeline.db.session() as session:
        return holds_lease(session=session, document_id=job.document_id, worker=job.worker)


def lease_guard(job: Job) -> Callable[[Session], None]:
    from storage.documents import holds_lease

    def guard(session: Session) -> None:
        if not holds_lease(session=session, document_id=job.document_id, worker=job.worker):
            raise LeaseLost(f"document {job.document_id}: lease lost, left to its new worker")

    return guard


def warm_up(pipeline: Pipeline) -> None:
    """Extract a small built-in order once and load Tesseract's first-pass languages, so that
    loading the language models and label matchers (seconds) happens at worker start, not on
    the first customer document."""
    from extractors import tesseract_api
    from flows.pipeline import extract

    extract(WARM_UP_PDF, "warm-up.pdf", pipeline.context, pipeline.extract)
    if tesseract_api.available():
        tesseract_api.load(pipeline.context.ocr_languages)


def one_page_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer showing `lines`."""
    import io

    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(612, 792), invariant=True)
    for n, line in enumerate(lines):
        page.drawString(72, 720 - 14 * n, line)
    page.save()
    return out.getvalue()


WARM_UP_PDF = one_page_pdf(
    [
        "Purchase Order",
        "PO Number: WARM-1    Order date: 2026-01-05",
        "Qty  Description  Unit price  Amount",
        "2  Sample part  10.00  20.00",
        "Total  20.00",
    ]
)


# --- the worker loop --------------------------------------------------------------------


@dataclass
class Worker:
    """Claims and runs documents until stopped; one per process (or thread)."""

    pipeline: Pipeline
    run_job: RunJob = run_stages
    name: str = ""
    lease: timedelta = DEFAULT_LEASE
    idle_seconds: float = 0.5
    retry_max_seconds: float = 10.0
    may_claim: Callable[[], bool] = lambda: True  # False while the work pool is paused

    def __post_init__(self) -> None:
        self.name = self.name or worker_name()
        self.stopping = threading.Event()
        self.done = 0

    def claim(self, document_id: int | None = None) -> Job | None:
        """Take the next claimable document (or that one), or None."""
        from storage.documents import claim_leased_document, get_document

        if not self.may_claim():
            return None
        with self.pipeline.db.session() as session:
            taken = claim_leased_document(
                session=session, worker=self.name, lease=self.lease, document_id=document_id
            )
            document = get_document(session=session, document_id=taken) if taken else None
            if document is None:
                return None
            return Job(document.id, document.original_name, document.sha256, self.name)

    def run_once(self, document_id: int | None = None) -> Verdict | None:
        """Claim one document and decide it; None when there was nothing to claim."""
        job = self.claim(document_id)
        if job is None:
            return None
        with self._heartbeat(job):
            try:
                verdict = self.run_job(self.pipeline, job)
            except LeaseLost as exc:
                log.warning("%s", exc)
                return None
        self.done += 1
        log.info("document %d (%s): %s", job.document_id, job.name, verdict.status)
        return verdict

    def run(self, *, until: Callable[[], bool] | None = None) -> None:
        """Work until `stop()`; a database outage is waited out with backoff, never fatal."""
        delay = 0.5
        while not self.stopping.is_set() and not (until and until()):
            try:
                verdict = self.run_once()
                delay = 0.5
            except StorageError as exc:
                log.warning("database trouble, retrying in %.0f s: %s", delay, exc)
                self.stopping.wait(delay)
                delay = min(delay * 2, self.retry_max_seconds)
                continue
            if verdict is None:
                self.stopping.wait(self.idle_seconds)

    def stop(self) -> None:
        self.stopping.set()

    @contextmanager
    def _heartbeat(self, job: Job) -> Iterator[None]:
        """Renew the lease every third of its length while the document is worked on."""
        finished = threading.Event()
        thread = threading.Thread(
            target=self._renew, args=(job, finished), name="lease-heartbeat", daemon=True
        )
        thread.start()
        try:
            yield
        finally:
            finished.set()
            thread.join(timeout=5)

    def _renew(self, job: Job, finished: threading.Event) -> None:
        from storage.documents import renew_lease

        period = self.lease.total_seconds() / 3
        while not finished.wait(period):
            try:
                with self.pipeline.db.session() as session:
                    kept = renew_lease(
                        session=session,
                        document_id=job.document_id,
                        worker=self.name,
                        lease=self.lease,
                    )
            except StorageError as exc:  # the guard decides later; keep trying
                log.warning("cannot renew the lease on document %d: %s", job.document_id, exc)
                continue
            if not kept:
                return


def wait_for(predicate: Callable[[], bool], timeout: float, step: float = 0.1) -> bool:
    """Poll `predicate` until true or `timeout` seconds passed (service start-up, tests)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()
