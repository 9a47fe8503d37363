"""`poflow bench review`: server time of the review app's heavy pages on a big database.

Seeds a throw-away SQLite database with 10,000 open review tasks and 50,000 stored orders
(bulk inserts), then serves requests in-process (FastAPI TestClient, so the figures include
the client's small overhead) and prints the p95 of the queue page and the review screen,
and the time of a page image rendered the first time and served from the cache after.
Targets (issue #6): ≤ 300 ms p95 for the pages, ≤ 500 ms for a first page image.
"""

from __future__ import annotations

import hashlib
import io
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from poflow.domain import Evidence, ExtractedOrder, OrderLine
from poflow.settings import Settings, load_settings
from poflow.stats import nearest_rank

TASKS = 10_000
ORDERS = 50_000
REQUESTS = 40
BATCH = 5_000
RULES = ("total_mismatch", "unknown_sku", "price_mismatch", "low_confidence", "unknown_customer")


def bench_review(_settings: Settings, *, tasks: int = TASKS, orders: int = ORDERS) -> int:
    with tempfile.TemporaryDirectory(prefix="poflow-bench-review-") as folder:
        settings = load_settings(home=Path(folder))
        started = time.perf_counter()
        pdf_document = _seed(settings, tasks, orders)
        print(f"seeded {tasks} review tasks, {orders} orders in {_s(started)}")
        _measure(settings, tasks, pdf_document)
    return 0


def _s(started: float) -> str:
    return f"{time.perf_counter() - started:.1f} s"


def _order(i: int, rng: random.Random) -> ExtractedOrder:
    lines = tuple(
        OrderLine(
            n + 1,
            f"SKU-{rng.randint(1, 500)}",
            f"Item {n}",
            Decimal(n + 1),
            "pcs",
            Decimal("12.50"),
            Decimal("12.50") * (n + 1),
        )
        for n in range(rng.randint(1, 6))
    )
    evidence = {
        f"lines[{n}].amount": Evidence(0.8, 1, (400.0, 300.0 + 14 * n, 460.0, 311.0 + 14 * n))
        for n in range(len(lines))
    }
    evidence["total"] = Evidence(0.7, 1, (400.0, 500.0, 460.0, 511.0))
    return ExtractedOrder(
        po_number=f"PO-{i:06d}",
        order_date=date(2026, 11, 1) + timedelta(days=i % 25),
        currency="EUR",
        customer_name=f"Customer {i % 300}",
        customer_id=f"C{i % 300:04d}",
        lines=lines,
        total=sum((ln.amount or Decimal(0) for ln in lines), Decimal(0)),
        evidence=evidence,
    )


def _seed(settings: Settings, tasks: int, orders: int) -> int:
    """Bulk rows straight into the tables; returns a document id that has a real PDF."""
    from sqlalchemy import insert

    from review_queue.security import hash_password
    from storage.blobs import BlobStore
    from storage.db import open_database
    from storage.models import Document, Order, Page, ReviewTask
    from storage.users import add_user

    rng = random.Random(6)
    now = datetime.now(UTC)
    pdf = _pdf()
    sha, path = BlobStore(settings.blob_dir).put(pdf)
    with open_database(settings.database) as db:
        with db.session() as session:
            add_user(
                session=session,
                name="bench",
                password_hash=hash_password("benchmark!"),
                role="reviewer",
            )
        docs = [
            _document_row(i, now, sha if i == 1 else None, path)
            for i in range(1, tasks + orders + 1)
        ]
        _bulk(db, insert(Document), docs)
        pages = [_page_row(i) for i in range(1, tasks + 1)]
        _bulk(db, insert(Page), pages)
        _bulk(db, insert(ReviewTask), [_task_row(i, now, rng) for i in range(1, tasks + 1)])
        _bulk(db, insert(Order), [_order_row(i, tasks + i, now, rng) for i in range(1, orders + 1)])
    return 1


def _bulk(db: Any, statement: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), BATCH):
        with db.session() as session:
            session.execute(statement, rows[start : start + BATCH])


def _document_row(i: int, now: datetime, sha: str | None, path: Path) -> dict[str, Any]:
    return {
        "id": i,
        "sha256": sha or hashlib.sha256(str(i).encode()).hexdigest(),
        "source": "folder",
        "original_name": f"po-{i}.pdf",
        "blob_path": str(path),
        "size": 1000,
        "status": "needs_review",
        "received_at": now - timedelta(minutes=i),
        "page_count": 1,
    }


def _page_row(document_id: int) -> dict[str, Any]:
    return {
        "document_id": document_id,
        "page_no": 1,
        "width": 595.0,
        "height": 842.0,
        "method": "text_layer",
        "unit": "pt",
    }


def _task_row(i: int, now: datetime, rng: random.Random) -> dict[str, Any]:
    order = _order(i, rng)
    findings = [
        {"rule": rule, "field": "total", "message": f"{rule} on the total"}
        for rule in rng.sample(RULES, rng.randint(1, 2))
    ]
    return {
        "id": i,
        "document_id": i,
        "order_json": order.to_json(),
        "findings": findings,
        "status": "open",
        "customer_id": order.customer_id,
        "po_number": order.po_number,
        "created_at": now - timedelta(minutes=7 * i),
    }


def _order_row(i: int, document_id: int, now: datetime, rng: random.Random) -> dict[str, Any]:
    order = _order(document_id, rng)
    return {
        "id": i,
        "document_id": document_id,
        "customer_name": order.customer_name,
        "po_number": order.po_number,
        "order_date": order.order_date,
        "currency": order.currency,
        "total": order.total,
        "status": "approved",
        "approved_by": "rules" if i % 4 else "bench",
        "approved_at": now - timedelta(minutes=i),
        "order_json": order.to_json(),
    }


def _pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    for n in range(40):
        page.drawString(72, 800 - 18 * n, f"Line {n}  SKU-{n:04d}  Widget  {n} pcs  12.50")
    page.save()
    return out.getvalue()


def _measure(settings: Settings, tasks: int, pdf_document: int) -> None:
    from fastapi.testclient import TestClient

    from review_queue.app import create_app

    rng = random.Random(7)
    with TestClient(create_app(settings)) as client:
        page = client.get("/login")
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        client.post("/login", data={"name": "bench", "password": "benchmark!", "csrf_token": token})
        _report("queue page", lambda: client.get("/queue"))
        _report("queue page, filtered", lambda: client.get("/queue?reason=unknown_sku&sort=total"))
        _report("review screen", lambda: client.get(f"/tasks/{rng.randint(2, tasks)}"))
        _report("dashboard", lambda: client.get("/dashboard"), requests=10)
        url = f"/documents/{pdf_document}/pages/1.png"
        first = _time(lambda: client.get(url))
        cached = [_time(lambda: client.get(url)) for _ in range(10)]
        print(f"page image: first {first:.0f} ms, cached median {statistics.median(cached):.0f} ms")


def _time(request: Callable[[], Any]) -> float:
    started = time.perf_counter()
    response = request()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"benchmark request failed: {response.status_code}")
    return elapsed


def _report(name: str, request: Callable[[], Any], requests: int = REQUESTS) -> None:
    times = [_time(request) for _ in range(requests)]
    p95 = nearest_rank(times, 0.95)
    print(
        f"{name}: p95 {p95:.0f} ms, median {statistics.median(times):.0f} ms ({requests} requests)"
    )
