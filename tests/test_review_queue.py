"""The queue page (filters, sort, SLA), claim/release, line editing over HTTP, the dashboard,
and Secure cookies under TLS."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from poflow.settings import Settings
from review_queue import dashboard
from review_queue.app import create_app
from review_queue.service import QueueFilter, queue
from storage.db import open_database
from storage.models import Document, ReviewTask, utc_now
from tests.test_review_support import (
    PASSWORD,
    csrf_of,
    make_user,
    seed_master_data,
    seed_task,
    settings_for,
)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = settings_for(tmp_path / "home")
    seed_master_data(s)
    make_user(s, "rita", "reviewer")
    make_user(s, "rob", "reviewer")
    return s


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


def _sign_in(client: TestClient, name: str) -> str:
    page = client.get("/login")
    client.post(
        "/login", data={"name": name, "password": PASSWORD, "csrf_token": csrf_of(page.text)}
    )
    return csrf_of(client.get("/queue").text)


def _age(settings: Settings, task_id: int, hours: float) -> None:
    """Make the task, and the document it came from, `hours` old."""
    then = utc_now() - timedelta(hours=hours)
    with open_database(settings.database) as db, db.session() as session:
        task = session.get(ReviewTask, task_id)
        assert task is not None
        session.execute(update(ReviewTask).where(ReviewTask.id == task_id).values(created_at=then))
        session.execute(
            update(Document).where(Document.id == task.document_id).values(received_at=then)
        )


@pytest.fixture
def both_settings(tmp_path: Path, database_url: str) -> Settings:
    """Settings on SQLite and on PostgreSQL (the queue and dashboard use dialect SQL)."""
    from poflow.settings import load_settings

    s = load_settings(home=tmp_path / "both", database_url=database_url)
    seed_master_data(s)
    return s


def test_queue_filters_sorts_and_marks_overdue(both_settings: Settings) -> None:
    settings = both_settings
    old, _ = seed_task(settings, customer="Globex", po_number="PO-1", total="1000.00")
    new, _ = seed_task(settings, customer="Initech", po_number="PO-2", total="100.00")
    _age(settings, old, 30)
    with open_database(settings.database) as db, db.read_session() as session:
        rows, matched = queue(session=session, wanted=QueueFilter(), sla_hours=24)
        assert [r.task_id for r in rows] == [old, new] and matched == 2
        assert [r.overdue for r in rows] == [True, False]
        assert rows[0].reasons == ("total_mismatch",) and str(rows[0].total) == "1000.00"
        by_reason = QueueFilter(reason="total_mismatch")
        assert [r.task_id for r in queue(session=session, wanted=by_reason, sla_hours=24)[0]] == [
            old
        ]
        by_customer = QueueFilter(customer="initech")
        assert [r.task_id for r in queue(session=session, wanted=by_customer, sla_hours=24)[0]] == [
            new
        ]
        by_age = QueueFilter(min_age_hours=12)
        assert [r.task_id for r in queue(session=session, wanted=by_age, sla_hours=24)[0]] == [old]
        by_total = QueueFilter(sort="total")
        rows, _ = queue(session=session, wanted=by_total, sla_hours=24)
        assert [r.task_id for r in rows] == [old, new]
        rows, _ = queue(session=session, wanted=QueueFilter(sort="customer"), sla_hours=24)
        assert [r.customer for r in rows] == ["Globex", "Initech"]


def test_queue_page_shows_overdue(settings: Settings, client: TestClient) -> None:
    task_id, _ = seed_task(settings)
    _age(settings, task_id, 48)
    _sign_in(client, "rita")
    html = client.get("/queue").text
    assert 'class="overdue"' in html and "overdue</span>" in html


def test_claim_and_release(settings: Settings, client: TestClient) -> None:
    task_id, _ = seed_task(settings)
    csrf = _sign_in(client, "rita")
    client.post(f"/tasks/{task_id}/claim", data={"csrf_token": csrf})
    assert "<td>rita</td>" in client.get("/queue").text
    client.post("/logout", data={"csrf_token": csrf})
    csrf_rob = _sign_in(client, "rob")
    taken = client.post(f"/tasks/{task_id}/claim", data={"csrf_token": csrf_rob})
    assert taken.status_code == 409
    assert (
        client.post(f"/tasks/{task_id}/release", data={"csrf_token": csrf_rob}).status_code == 403
    )
    client.post("/logout", data={"csrf_token": csrf_rob})
    csrf = _sign_in(client, "rita")
    client.post(f"/tasks/{task_id}/release", data={"csrf_token": csrf})
    assert "<td>rita</td>" not in client.get("/queue").text


def test_lines_add_split_delete_over_http(settings: Settings, client: TestClient) -> None:
    task_id, _ = seed_task(settings, total="100.00")
    headers = {"X-CSRF-Token": _sign_in(client, "rita")}
    added = client.post(f"/tasks/{task_id}/lines/add", headers=headers)
    assert added.status_code == 200 and 'data-field="lines[1].sku"' in added.text
    split = client.post(f"/tasks/{task_id}/lines/0/split", headers=headers)
    assert 'data-field="lines[2].sku"' in split.text
    deleted = client.post(f"/tasks/{task_id}/lines/2/delete", headers=headers)
    assert 'data-field="lines[2].sku"' not in deleted.text
    assert 'data-field="lines[1].sku"' in deleted.text


def test_dashboard_shows_the_numbers(both_settings: Settings) -> None:
    settings = both_settings
    make_user(settings, "rita", "reviewer")
    task_id, _ = seed_task(settings, total="100.00")
    _age(settings, task_id, 48)
    seed_task(settings, po_number="PO-9")
    with TestClient(create_app(settings)) as client:
        csrf = _sign_in(client, "rita")
        client.post(f"/tasks/{task_id}/approve", data={"csrf_token": csrf})
        html = client.get("/dashboard").text
    assert "in the review queue" in html and "total_mismatch" in html
    assert html.count('<rect class="bar"') >= 15
    assert "<td>1</td>" in html  # one order today
    assert "Globex" in html and "100.00 EUR" in html
    # The approved task's order waited 48 h in the queue: the reviewed path's cycle time.
    assert "<th>reviewed</th><td>1</td><td>2.0 d</td>" in html
    assert "<th>straight through</th><td>0</td><td>–</td>" in html


def test_duration_reads_as_people_say_it() -> None:
    assert [dashboard.duration_text(m) for m in (0.5, 12, 210, 3000)] == [
        "30 s",
        "12 min",
        "3.5 h",
        "2.1 d",
    ]


def test_cookies_are_secure_under_tls(settings: Settings) -> None:
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        page = client.get("/login")
        response = client.post(
            "/login",
            data={"name": "rita", "password": PASSWORD, "csrf_token": csrf_of(page.text)},
            follow_redirects=False,
        )
    assert response.status_code == 303
    assert "Secure" in response.headers["set-cookie"]


def test_admin_adds_users_and_imports_master_data(settings: Settings, client: TestClient) -> None:
    make_user(settings, "ada", "admin")
    csrf = _sign_in(client, "rita")
    assert client.get("/admin").status_code == 403
    client.post("/logout", data={"csrf_token": csrf})
    csrf = _sign_in(client, "ada")
    page = client.get("/admin").text
    assert "total_mismatch" in page and "1 customers, 1 products" in page
    added = client.post(
        "/admin/users",
        data={"name": "neo", "role": "viewer", "password": "long enough pw", "csrf_token": csrf},
    )
    assert added.status_code == 200 and "<td>neo</td><td>viewer</td>" in added.text
    csv = "customer_id,name,aliases,email_domains,country,currency,credit_limit\n"
    csv += "C002,Initech,,initech.example,US,USD,5000\n"
    imported = client.post(
        "/admin/master-data",
        data={"csrf_token": csrf},
        files={"customers": ("customers.csv", csv.encode(), "text/csv")},
    )
    assert imported.status_code == 200, imported.text
    assert "2 customers" in imported.text and "customers: 1 added" in imported.text
    bad = client.post(
        "/admin/master-data",
        data={"csrf_token": csrf},
        files={"customers": ("customers.csv", b"nope\n1\n", "text/csv")},
    )
    assert bad.status_code == 400
