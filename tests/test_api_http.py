"""The HTTP API through the HTTP client: token auth, review tasks, orders, master data,
upload into the same intake as the watched folder, CSV/JSON export, the CLI commands."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from poflow.cli import main
from poflow.domain import Evidence, ExtractedOrder, ExtractionContext, OrderLine
from poflow.settings import Settings
from review_queue.app import create_app
from review_queue.exports import safe_cell
from review_queue.security import new_secret, secret_hash
from storage.db import open_database
from storage.models import Document, Order
from storage.users import add_api_token, get_user
from tests.test_review_support import make_user, seed_master_data, seed_task, settings_for


def _token(settings: Settings, name: str) -> str:
    token = new_secret()
    with open_database(settings.database) as db, db.session() as session:
        user = get_user(session=session, name=name)
        assert user is not None
        add_api_token(session=session, user_id=user.id, token_hash=secret_hash(token))
    return token


def _fake_extract(data: bytes, name: str, context: ExtractionContext) -> ExtractedOrder:
    """The extraction seam: a clean order read from a text file 'PO;TOTAL'."""
    po, total = data.decode().strip().split(";")
    line = OrderLine(1, "SKU-1", "Widget", Decimal("1"), "pcs", Decimal(total), Decimal(total))
    sure = Evidence(0.99, 1, (1, 1, 2, 2))
    fields = ["po_number", "order_date", "customer_name", "customer_id", "total", "currency"]
    evidence = {f: sure for f in fields} | {
        f"lines[0].{f}": sure for f in ("sku", "quantity", "unit_price", "amount")
    }
    from datetime import date

    return ExtractedOrder(
        po_number=po,
        order_date=date(2026, 11, 1),
        currency="EUR",
        customer_name="Globex",
        customer_id="C001",
        lines=(line,),
        total=Decimal(total),
        evidence=evidence,
    )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = settings_for(tmp_path / "home")
    seed_master_data(s)
    make_user(s, "erp", "reviewer")
    make_user(s, "dash", "viewer")
    return s


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, extract=_fake_extract)) as c:
        yield c


def test_token_reads_and_decides_review_tasks(settings: Settings, client: TestClient) -> None:
    task_id, _ = seed_task(settings, total="100.00", po_number="PO-7")
    headers = {"Authorization": f"Bearer {_token(settings, 'erp')}"}
    tasks = client.get("/api/review-tasks", headers=headers).json()
    assert [t["task_id"] for t in tasks] == [task_id]
    detail = client.get(f"/api/review-tasks/{task_id}", headers=headers).json()
    assert detail["order"]["po_number"] == "PO-7"
    done = client.post(f"/api/review-tasks/{task_id}/approve", headers=headers)
    assert done.status_code == 200, done.text
    order_id = done.json()["order_id"]
    stored = client.get(f"/api/orders/{order_id}", headers=headers).json()
    assert stored["order"]["total"] == "100.00" and stored["approved_by"] == "erp"


def test_bad_token_and_viewer_token(settings: Settings, client: TestClient) -> None:
    task_id, _ = seed_task(settings, total="100.00")
    assert client.get("/api/orders", headers={"Authorization": "Bearer nope"}).status_code == 401
    viewer = {"Authorization": f"Bearer {_token(settings, 'dash')}"}
    assert client.get("/api/orders", headers=viewer).status_code == 200
    assert client.post(f"/api/review-tasks/{task_id}/approve", headers=viewer).status_code == 403
    missing = client.get("/api/orders/999", headers=viewer)
    assert missing.status_code == 404 and missing.json() == {"detail": "no order 999"}


def test_upload_goes_through_the_pipeline(settings: Settings, client: TestClient) -> None:
    headers = {"Authorization": f"Bearer {_token(settings, 'erp')}"}
    files = {"file": ("po.txt", io.BytesIO(b"PO-55;10.00"), "text/plain")}
    answer = client.post("/api/documents", headers=headers, files=files)
    assert answer.status_code == 201, answer.text
    assert answer.json()["status"] == "approved"
    again = client.post(
        "/api/documents", headers=headers, files={"file": ("x.txt", b"PO-55;10.00", "text/plain")}
    )
    assert again.json()["status"] == "duplicate"
    document = client.get(f"/api/documents/{answer.json()['document_id']}", headers=headers)
    assert document.json()["source"] == "upload"
    with open_database(settings.database) as db, db.read_session() as session:
        assert session.query(Document).count() == 1
        assert session.query(Order).one().po_number == "PO-55"


def test_master_data_and_openapi(settings: Settings, client: TestClient) -> None:
    headers = {"Authorization": f"Bearer {_token(settings, 'dash')}"}
    customers = client.get("/api/master-data/customers", headers=headers).json()
    assert customers[0]["customer_id"] == "C001"
    products = client.get("/api/master-data/products", headers=headers).json()
    assert products[0]["unit_price"] == "10.0000"
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/review-tasks" in paths and "/api/documents" in paths
    assert "/queue" not in paths


@pytest.mark.parametrize("cell", ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx"])
def test_csv_cells_are_not_formulas(cell: str) -> None:
    assert safe_cell(cell) == "'" + cell
    assert safe_cell("Globex =1") == "Globex =1"


def test_csv_and_json_export(settings: Settings, client: TestClient) -> None:
    headers = {"Authorization": f"Bearer {_token(settings, 'erp')}"}
    task_id, _ = seed_task(settings, customer="=HYPERLINK(evil)", total="100.00")
    assert client.post(f"/api/review-tasks/{task_id}/approve", headers=headers).status_code == 200
    csv_text = client.get("/export/orders.csv", headers=headers).text
    assert "'=HYPERLINK(evil)" in csv_text and ",=HYPERLINK" not in csv_text
    data = json.loads(client.get("/export/orders.json", headers=headers).text)
    assert data[0]["order"]["customer_name"] == "=HYPERLINK(evil)"


def test_cli_users_and_tokens(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("POFLOW_HOME", str(settings.home))
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    assert main(["users", "add", "ann", "--role", "admin", "--password-stdin"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["users", "add", "bob", "--role", "viewer", "--password-stdin"]) == 2
    assert main(["tokens", "add", "erp-system"]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    with TestClient(create_app(settings)) as client:
        ok = client.get("/api/orders", headers={"Authorization": f"Bearer {token}"})
        assert ok.status_code == 200


def test_cli_roles_are_the_storage_roles() -> None:
    from review_queue.commands import ROLES as CLI_ROLES
    from storage.models import ROLES

    assert CLI_ROLES == ROLES
