"""The Prefect work pool poflow's workers belong to: seen in the Prefect UI, paused from it.

The order database stays the queue: a worker claims its next document under a database
lease (`flows.worker`), so a lost Prefect server never loses or repeats a document. The
work pool is the operator's handle on the workers:

- every worker process heartbeats into the pool, so the UI's Work Pools page lists the
  workers online (host:pid) and shows the pool Ready while any is alive;
- every document's flow run is created in the pool (`flows.prefect_flows`), so the
  pool's Runs tab is poflow's run history, from all hosts;
- pausing the pool in the UI stops every worker from claiming new documents; intake goes
  on storing them, and resuming the pool lets the workers take them. A document already
  in hand is finished.

Why runs are not pulled from the pool as Prefect's own workers do: docs/operations.md.
"""

from __future__ import annotations

import logging
import threading
from contextlib import suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prefect.client.orchestration import SyncPrefectClient

log = logging.getLogger(__name__)

POOL_TYPE = "poflow"
"""Not a type Prefect's own workers run: `prefect worker start` never takes these runs."""
HEARTBEAT_SECONDS = 15.0
"""Also how soon a pause in the UI reaches the workers."""


def ensure_pool(client: SyncPrefectClient, name: str) -> None:
    """Create the work pool unless it exists (the first worker, or after the Prefect
    database was lost)."""
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectAlreadyExists

    pool = WorkPoolCreate(
        name=name,
        type=POOL_TYPE,
        description="poflow workers: they claim documents from the order database. "
        "Pause the pool to stop them taking new documents.",
    )
    with suppress(ObjectAlreadyExists):
        client.create_work_pool(pool)


@dataclass
class PoolPresence:
    """One worker process's membership: heartbeats, and whether the pool is paused."""

    pool: str
    worker: str
    interval: float = HEARTBEAT_SECONDS
    paused: bool = False
    _stop: threading.Event = field(default_factory=threading.Event, init=False, repr=False)
    _first_beat: threading.Event = field(default_factory=threading.Event, init=False, repr=False)
    _thread: threading.Thread = field(init=False, repr=False)
    _reachable: bool = field(default=True, init=False, repr=False)
    _pool_known: bool = field(default=False, init=False, repr=False)

    def may_claim(self) -> bool:
        return not self.paused

    def start(self, timeout: float = 10.0) -> None:
        """Beat once before the worker claims anything (a paused pool holds it from the
        start), then every `interval` seconds in the background."""
        self._thread = threading.Thread(target=self._run, name="work-pool", daemon=True)
        self._thread.start()
        self._first_beat.wait(timeout)

    def stop(self, timeout: float = 5.0) -> None:
        """Leave the pool (the UI stops listing this worker at once, not when its
        heartbeats have run out)."""
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        from prefect.client.orchestration import get_client

        with get_client(sync_client=True) as client:
            while True:
                self.beat(client)
                self._first_beat.set()
                if self._stop.wait(self.interval):
                    break
            with suppress(Exception):  # gone anyway once its heartbeats run out
                client.request(
                    "DELETE",
                    "/work_pools/{work_pool_name}/workers/{name}",
                    path_params={"work_pool_name": self.pool, "name": self.worker},
                )

    def beat(self, client: SyncPrefectClient) -> None:
        """Say this worker is alive and learn whether the pool is paused. A Prefect server
        that cannot be reached changes nothing: the database is the queue."""
        try:
            if not self._pool_known:
                ensure_pool(client, self.pool)
                self._pool_known = True
            client.send_worker_heartbeat(
                self.pool, self.worker, heartbeat_interval_seconds=self.interval
            )
            paused = bool(client.read_work_pool(self.pool).is_paused)
        except Exception as exc:  # the API's failures are many types (HTTP, OS, timeouts)
            if self._reachable:
                log.warning("Prefect work pool %r not reachable: %s", self.pool, exc)
            self._reachable = self._pool_known = False
            return
        self._reachable = True
        if paused != self.paused:
            state = "paused: no new documents are claimed" if paused else "resumed"
            log.warning("Prefect work pool %r %s", self.pool, state)
        self.paused = paused
