"""End to end in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright):
sign in, open a flagged order, correct a field with the keyboard, see the finding go, approve
with the shortcut, then find the order in the store and the change in the audit log."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from poflow.settings import Settings
from review_queue.app import create_app
from storage.audit import audit_trail
from storage.db import open_database
from storage.models import Order
from tests.test_review_support import (
    PASSWORD,
    make_user,
    seed_master_data,
    seed_task,
    settings_for,
)

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The README's screenshots are refreshed only on request (POFLOW_SCREENSHOTS=1), so a test
# run leaves the work tree clean.
README_SCREENSHOTS = Path(__file__).parent.parent / "docs" / "screenshots"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Settings]]:
    settings = settings_for(tmp_path / "home")
    seed_master_data(settings)
    make_user(settings, "rita", "reviewer")
    port = _free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", settings
    server.should_exit = True
    thread.join(timeout=10)


def test_review_with_the_keyboard_and_approve(served: tuple[str, Settings], tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    base, settings = served
    shots = README_SCREENSHOTS if os.environ.get("POFLOW_SCREENSHOTS") else tmp_path
    task_id, _ = seed_task(settings, total="1000.00")
    seed_task(settings, customer="Initech", po_number="PO-2002", total="250.00")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(f"{base}/login")
        page.fill("input[name=name]", "rita")
        page.fill("input[name=password]", PASSWORD)
        page.press("input[name=password]", "Enter")
        page.wait_for_url(f"{base}/queue")
        expect(page.locator("table.queue tbody tr")).to_have_count(2)
        page.screenshot(path=str(shots / "queue.png"))

        page.goto(f"{base}/tasks/{task_id}")
        expect(page.locator("li.finding[data-rule=total_mismatch]")).to_have_count(1)
        page.locator('input[data-field="po_number"]').click()
        page.keyboard.press("Tab")  # Tab goes to the next flagged field: the total
        total = page.locator('input[data-field="total"]')
        expect(total).to_be_focused()
        expect(page.locator('rect.box.active[data-field="total"]')).to_have_count(1)
        page.screenshot(path=str(shots / "review.png"))
        page.keyboard.press("Control+A")
        page.keyboard.type("100.00")
        page.keyboard.press("Enter")
        expect(page.locator("li.finding[data-rule=total_mismatch]")).to_have_count(0)
        expect(page.locator(".findings h2.ok")).to_have_text("All rules pass")
        page.keyboard.press("Control+Enter")
        page.wait_for_url(f"{base}/orders/*")
        expect(page.locator("ul.history")).to_contain_text("field_changed")
        browser.close()
    assert not [e for e in errors if "Content Security Policy" in e], errors
    with open_database(settings.database) as db, db.read_session() as session:
        order = session.query(Order).one()
        assert str(order.total) == "100.0000" and order.approved_by == "rita"
        changes = [
            e.details
            for e in audit_trail(session=session, entity="review_task", entity_id=task_id)
            if e.action == "field_changed"
        ]
    assert changes and changes[0]["field"] == "total" and changes[0]["new"] == "100.00"
