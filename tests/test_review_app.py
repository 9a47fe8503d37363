"""The review web app through FastAPI's TestClient on a real SQLite database: sign-in,
CSRF, roles, throttling, escaping of hostile OCR text, editing with rules re-run, approval
into the order store, audit and corrections."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from poflow.settings import Settings
from review_queue.app import create_app
from storage.audit import audit_trail
from storage.db import open_database
from storage.models import Correction, Document, Order
from storage.review import get_review_task
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
    for name, role in (
        ("rita", "reviewer"),
        ("vic", "viewer"),
        ("ada", "admin"),
        ("rob", "reviewer"),
    ):
        make_user(s, name, role)
    return s


@pytest.fixture
def app_client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), base_url="http://testserver") as client:
        yield client


def login(client: TestClient, name: str, password: str = PASSWORD) -> int:
    page = client.get("/login")
    response = client.post(
        "/login",
        data={"name": name, "password": password, "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    return response.status_code


def signed_in(client: TestClient, name: str) -> str:
    assert login(client, name) == 303
    return csrf_of(client.get("/queue").text)


def test_pages_need_a_session(app_client: TestClient) -> None:
    response = app_client.get("/queue", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert app_client.get("/api/orders").status_code == 401


def test_session_cookie_and_security_headers(app_client: TestClient) -> None:
    page = app_client.get("/login")
    csrf = csrf_of(page.text)
    response = app_client.post(
        "/login",
        data={"name": "rita", "password": PASSWORD, "csrf_token": csrf},
        follow_redirects=False,
    )
    cookie = response.headers["set-cookie"]
    assert "poflow_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    csp = app_client.get("/queue").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_post_without_csrf_token_is_refused(settings: Settings, app_client: TestClient) -> None:
    task_id, _ = seed_task(settings)
    signed_in(app_client, "rita")
    response = app_client.post(f"/tasks/{task_id}/claim", follow_redirects=False)
    assert response.status_code == 403
    response = app_client.post(
        f"/tasks/{task_id}/claim", data={"csrf_token": "forged"}, follow_redirects=False
    )
    assert response.status_code == 403
    with open_database(settings.database) as db, db.read_session() as session:
        assert get_review_task(session=session, task_id=task_id).claimed_by is None


def test_login_form_needs_its_csrf_token(app_client: TestClient) -> None:
    app_client.get("/login")
    response = app_client.post("/login", data={"name": "rita", "password": PASSWORD})
    assert response.status_code == 403


def test_ten_wrong_passwords_are_throttled_without_user_enumeration(
    app_client: TestClient,
) -> None:
    statuses = [login(app_client, "rita", "wrong password") for _ in range(10)]
    assert statuses[:5] == [401] * 5
    assert statuses[5:] == [429] * 5
    assert login(app_client, "rita") == 429  # the right password does not help now
    unknown = app_client.get("/login")
    answer = app_client.post(
        "/login",
        data={"name": "nobody", "password": "x", "csrf_token": csrf_of(unknown.text)},
    )
    assert "Wrong name or password." in answer.text or answer.status_code == 429


def test_unknown_and_known_names_get_the_same_answer(app_client: TestClient) -> None:
    answers = []
    for name in ("rita", "nobody"):
        page = app_client.get("/login")
        answers.append(
            app_client.post(
                "/login",
                data={"name": name, "password": "nope", "csrf_token": csrf_of(page.text)},
            )
        )
    assert answers[0].status_code == answers[1].status_code == 401
    assert "Wrong name or password." in answers[0].text
    assert "Wrong name or password." in answers[1].text


def test_viewer_cannot_approve(settings: Settings, app_client: TestClient) -> None:
    task_id, _ = seed_task(settings, total="100.00")
    csrf = signed_in(app_client, "vic")
    response = app_client.post(f"/tasks/{task_id}/approve", data={"csrf_token": csrf})
    assert response.status_code == 403
    with open_database(settings.database) as db, db.read_session() as session:
        assert get_review_task(session=session, task_id=task_id).status == "open"
        assert session.query(Order).count() == 0


def test_someone_elses_claimed_task_cannot_be_edited(
    settings: Settings, app_client: TestClient
) -> None:
    task_id, _ = seed_task(settings)
    csrf = signed_in(app_client, "rita")
    assert app_client.post(f"/tasks/{task_id}/claim", data={"csrf_token": csrf}).status_code == 200
    app_client.post("/logout", data={"csrf_token": csrf})
    csrf = signed_in(app_client, "rob")
    response = app_client.post(
        f"/tasks/{task_id}/field",
        data={"field": "total", "value": "100.00", "csrf_token": csrf},
    )
    assert response.status_code == 403
    response = app_client.post(f"/tasks/{task_id}/approve", data={"csrf_token": csrf})
    assert response.status_code == 403


@pytest.mark.parametrize("hostile", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'])
def test_hostile_ocr_text_renders_inert(
    settings: Settings, app_client: TestClient, hostile: str
) -> None:
    task_id, _ = seed_task(settings, customer=hostile, po_number=hostile)
    signed_in(app_client, "rita")
    for url in ("/queue", f"/tasks/{task_id}"):
        html = app_client.get(url).text
        assert hostile not in html
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;" in html or "&#34;&gt;" in html or "&quot;&gt;" in html


def test_edit_reruns_rules_and_approve_stores_the_order(
    settings: Settings, app_client: TestClient
) -> None:
    task_id, document_id = seed_task(settings, total="1000.00")
    csrf = signed_in(app_client, "rita")
    page = app_client.get(f"/tasks/{task_id}").text
    assert "total_mismatch" in page
    refused = app_client.post(f"/tasks/{task_id}/approve", data={"csrf_token": csrf})
    assert refused.status_code == 409
    fragment = app_client.post(
        f"/tasks/{task_id}/field",
        data={"field": "total", "value": "100.00"},
        headers={"X-CSRF-Token": csrf, "HX-Request": "true"},
    )
    assert fragment.status_code == 200
    assert "total_mismatch" not in fragment.text and "All rules pass" in fragment.text
    done = app_client.post(
        f"/tasks/{task_id}/approve", data={"csrf_token": csrf}, follow_redirects=False
    )
    assert done.status_code == 303 and done.headers["location"].startswith("/orders/")
    with open_database(settings.database) as db, db.read_session() as session:
        order = session.query(Order).one()
        order_id = order.id
        assert str(order.total) == "100.0000" and order.approved_by == "rita"
        assert session.get(Document, document_id).status == "approved"  # type: ignore[union-attr]
        correction = session.query(Correction).one()
        assert (correction.field_path, correction.read_value, correction.corrected_value) == (
            "total",
            "1000.00",
            "100.00",
        )
        assert correction.page == 1 and correction.customer_id == "C001"
        changes = [
            e.details
            for e in audit_trail(session=session, entity="review_task", entity_id=task_id)
            if e.action == "field_changed"
        ]
        assert changes[0]["old"] == "1000.00" and changes[0]["new"] == "100.00"
    history = app_client.get(f"/orders/{order_id}").text
    assert "field_changed" in history and "rita" in history


def test_bad_value_is_explained_and_changes_nothing(
    settings: Settings, app_client: TestClient
) -> None:
    task_id, _ = seed_task(settings)
    csrf = signed_in(app_client, "rita")
    response = app_client.post(
        f"/tasks/{task_id}/field",
        data={"field": "order_date", "value": "yesterday"},
        headers={"X-CSRF-Token": csrf},
    )
    assert response.status_code == 422 and "YYYY-MM-DD" in response.text


def test_admin_overrides_only_with_a_reason(settings: Settings, app_client: TestClient) -> None:
    task_id, _ = seed_task(settings, total="1000.00")
    csrf = signed_in(app_client, "ada")
    no_reason = app_client.post(f"/tasks/{task_id}/approve", data={"csrf_token": csrf})
    assert no_reason.status_code == 409
    ok = app_client.post(
        f"/tasks/{task_id}/approve",
        data={"csrf_token": csrf, "override_reason": "customer confirmed by phone"},
        follow_redirects=False,
    )
    assert ok.status_code == 303
    with open_database(settings.database) as db, db.read_session() as session:
        actions = [e.action for e in audit_trail(session=session, entity="review_task")]
    assert "override" in actions


def test_reject_needs_a_reason(settings: Settings, app_client: TestClient) -> None:
    task_id, document_id = seed_task(settings)
    csrf = signed_in(app_client, "rita")
    assert app_client.post(f"/tasks/{task_id}/reject", data={"csrf_token": csrf}).status_code == 409
    ok = app_client.post(
        f"/tasks/{task_id}/reject",
        data={"csrf_token": csrf, "reason": "not our customer"},
        follow_redirects=False,
    )
    assert ok.status_code == 303
    with open_database(settings.database) as db, db.read_session() as session:
        assert session.get(Document, document_id).status == "rejected"  # type: ignore[union-attr]


def test_page_image_is_rendered_once_and_cached(settings: Settings, app_client: TestClient) -> None:
    _, document_id = seed_task(settings)
    signed_in(app_client, "vic")
    first = app_client.get(f"/documents/{document_id}/pages/1.png")
    assert first.status_code == 200 and first.content[:8] == b"\x89PNG\r\n\x1a\n"
    cached = list((settings.home / "page-cache").glob("*.png"))
    assert len(cached) == 1
    assert app_client.get(f"/documents/{document_id}/pages/1.png").content == first.content


def test_review_screen_draws_a_box_per_value_and_flags_failures(
    settings: Settings, app_client: TestClient
) -> None:
    task_id, _ = seed_task(settings, total="1000.00")
    signed_in(app_client, "vic")
    html = app_client.get(f"/tasks/{task_id}").text
    assert html.count('<rect class="box') >= 10
    assert '<rect class="box flagged" data-field="total"' in html
    assert 'viewBox="0 0 595.' in html  # page in PDF points; the browser scales to pixels


def test_htmx_refusal_names_the_failing_rules_in_the_message_area(
    settings: Settings, app_client: TestClient
) -> None:
    task_id, _ = seed_task(settings, total="1000.00")
    csrf = signed_in(app_client, "rita")
    refused = app_client.post(
        f"/tasks/{task_id}/approve", headers={"X-CSRF-Token": csrf, "HX-Request": "true"}
    )
    assert refused.status_code == 409
    assert refused.headers["HX-Retarget"] == "#messages"
    assert "rules still fail" in refused.text and "<html" not in refused.text
