"""Helpers for the review app tests: a real PDF in the blob store, a queued review task,
users, and signing in through the real login form. (No tests here.)"""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from poflow.domain import Evidence, ExtractedOrder, IntakeDocument, OrderLine
from poflow.settings import Settings, load_settings
from review_queue.security import hash_password
from storage.blobs import BlobStore
from storage.db import open_database
from storage.documents import add_document, record_extraction, set_document_status
from storage.models import Customer, Product
from storage.review import add_review_task
from storage.users import add_user

PASSWORD = "correct horse battery"
PAGE_HEIGHT = A4[1]


def settings_for(home: Path) -> Settings:
    return load_settings(home=home)


def make_pdf(customer: str, po_number: str, total: str) -> bytes:
    """A one-page order PDF; text at known places so evidence boxes can point at it."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.setFont("Helvetica", 11)
    for x, top, text in _texts(customer, po_number, total):
        pdf.drawString(x, PAGE_HEIGHT - top - 9, text)
    pdf.save()
    return out.getvalue()


def _texts(customer: str, po_number: str, total: str) -> list[tuple[float, float, str]]:
    return [
        (72, 72, "PURCHASE ORDER"),
        (72, 100, f"Customer: {customer}"),
        (72, 120, f"PO Number: {po_number}"),
        (72, 200, "SKU-1   Widget   10 pcs   10.00   100.00"),
        (72, 260, f"Total: {total}"),
    ]


def order_for(customer: str, po_number: str, total: str) -> ExtractedOrder:
    sure = 0.99
    evidence = {
        "customer_name": Evidence(sure, 1, (120, 100, 300, 111)),
        "customer_id": Evidence(sure, 1, (120, 100, 300, 111)),
        "po_number": Evidence(sure, 1, (140, 120, 200, 131)),
        "order_date": Evidence(sure, 1, (300, 72, 360, 83)),
        "currency": Evidence(sure, 1, (300, 260, 320, 271)),
        "total": Evidence(sure, 1, (105, 260, 160, 271)),
        "subtotal": Evidence(sure, 1, (105, 240, 160, 251)),
    }
    for name, x in (("sku", 72), ("description", 120), ("quantity", 180), ("unit_price", 230)):
        evidence[f"lines[0].{name}"] = Evidence(sure, 1, (x, 200, x + 40, 211))
    evidence["lines[0].amount"] = Evidence(sure, 1, (280, 200, 320, 211))
    line = OrderLine(
        1, "SKU-1", "Widget", Decimal("10"), "pcs", Decimal("10.00"), Decimal("100.00")
    )
    return ExtractedOrder(
        po_number=po_number,
        order_date=date(2026, 11, 20),
        currency="EUR",
        customer_name=customer,
        customer_id="C001",
        lines=(line,),
        subtotal=Decimal("100.00"),
        total=Decimal(total),
        evidence=evidence,
    )


def seed_master_data(settings: Settings) -> None:
    with open_database(settings.database) as db, db.session() as session:
        if session.get(Customer, "C001") is None:
            session.add(Customer(customer_id="C001", name="Globex", currency="EUR"))
            session.add(
                Product(
                    sku="SKU-1", description="Widget", unit_price=Decimal("10.00"), currency="EUR"
                )
            )


def seed_task(
    settings: Settings,
    *,
    customer: str = "Globex",
    po_number: str = "PO-1001",
    total: str = "1000.00",
) -> tuple[int, int]:
    """A document with a real PDF and a review task with the rules' findings; (task, doc)."""
    from rules.config import load_rule_set
    from storage.master_data import load_master_data

    data = make_pdf(customer, po_number, total)
    sha256, path = BlobStore(settings.blob_dir).put(data)
    intake = IntakeDocument(
        "upload", sha256, f"{po_number}.pdf", path, datetime.now(UTC), len(data)
    )
    order = order_for(customer, po_number, total)
    with open_database(settings.database) as db:
        master = load_master_data(db)
        with db.session() as session:
            document_id, _ = add_document(session=session, intake=intake)
            record_extraction(session=session, document_id=document_id, order=order)
            findings = load_rule_set(settings).evaluate(
                order, master=master, po_number_taken=lambda c, p: False
            )
            task_id = add_review_task(
                session=session, document_id=document_id, order=order, findings=findings
            )
            set_document_status(session=session, document_id=document_id, status="needs_review")
    return task_id, document_id


def make_user(settings: Settings, name: str, role: str, password: str = PASSWORD) -> None:
    with open_database(settings.database) as db, db.session() as session:
        add_user(session=session, name=name, password_hash=hash_password(password), role=role)


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)
