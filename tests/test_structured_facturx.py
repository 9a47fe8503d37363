"""Real Factur-X / ZUGFeRD PDFs: the order is read from the embedded CII XML, not by OCR."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from extractors.structured import embedded_xml_files, read_embedded_order
from poflow.domain import Customer, ExtractedOrder, ExtractionContext, InputKind, MasterData

SHARED = Path(__file__).resolve().parents[2] / "shared"
FACTURX = SHARED / "realdocs" / "facturx_invoices"
CASES = sorted(FACTURX.glob("*.pdf")) if FACTURX.is_dir() else []

pytestmark = pytest.mark.skipif(not CASES, reason=f"no real Factur-X documents under {FACTURX}")


def _money(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def _read(pdf: Path) -> ExtractedOrder:
    order = read_embedded_order(pdf.read_bytes(), ExtractionContext())
    assert order is not None, f"{pdf.name}: embedded XML not found"
    return order


def _expected(pdf: Path) -> dict[str, Any]:
    return json.loads(pdf.with_suffix(".expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("pdf", CASES, ids=[p.stem for p in CASES])
def test_header_and_totals_match_the_embedded_xml(pdf: Path) -> None:
    order, expected = _read(pdf), _expected(pdf)
    assert order.po_number == expected["invoice_number"]
    assert order.order_date is not None
    assert order.order_date.strftime("%Y%m%d") == expected["issue_date"]
    assert order.customer_name == " ".join(expected["buyer"]["name"].split())
    assert order.currency == expected["currency"]
    assert order.subtotal == _money(expected["line_total"])
    assert order.tax == _money(expected["tax_total"])
    assert order.total == _money(expected["grand_total"])
    assert order.kind is InputKind.STRUCTURED


@pytest.mark.parametrize("pdf", CASES, ids=[p.stem for p in CASES])
def test_lines_match_the_embedded_xml(pdf: Path) -> None:
    order, expected = _read(pdf), _expected(pdf)
    assert len(order.lines) == len(expected["lines"])
    for line, want in zip(order.lines, expected["lines"], strict=True):
        assert line.quantity == Decimal(str(want["quantity"]))
        assert line.amount == _money(want["line_amount"])
        assert line.sku == (want["seller_sku"] or want["buyer_sku"] or want["gtin"])
        if want["unit_price_net"] is not None:
            assert line.unit_price == Decimal(str(want["unit_price_net"]))


@pytest.mark.parametrize("pdf", CASES, ids=[p.stem for p in CASES])
def test_every_value_read_has_full_confidence(pdf: Path) -> None:
    order = _read(pdf)
    for name in ("po_number", "order_date", "customer_name", "currency", "total"):
        assert order.evidence[name].confidence == 1.0
        assert order.evidence[name].page == 1
    assert order.evidence["lines[0].amount"].confidence == 1.0
    assert "customer_id" not in order.evidence


def test_the_embedded_file_is_the_xml_shipped_beside_the_pdf() -> None:
    pdf = CASES[0]
    [(name, xml)] = embedded_xml_files(pdf.read_bytes())
    assert name.endswith(".xml")
    assert xml == pdf.with_suffix(".xml").read_bytes()


def test_a_corrective_invoice_comes_out_negative_and_exact() -> None:
    pdf = FACTURX / "EN16931_Rechnungskorrektur.pdf"
    order = _read(pdf)
    assert order.total == Decimal("-8.79")
    assert order.subtotal == Decimal("-7.90")
    assert order.to_json()["total"] == "-8.79"
    assert all(line.amount is not None and line.amount < 0 for line in order.lines)


def test_lines_multiply_out_within_a_cent_where_prices_are_net() -> None:
    order = _read(FACTURX / "EN16931_Einfach.pdf")
    for line in order.lines:
        assert line.quantity is not None and line.unit_price is not None
        assert abs(line.quantity * line.unit_price - (line.amount or 0)) <= Decimal("0.01")


def test_the_buyer_is_matched_to_master_data_and_the_seller_never_is() -> None:
    master = MasterData(
        customers=(
            Customer(customer_id="C0007", name="Kunden AG Mitte", country="DE", currency="EUR"),
            Customer(customer_id="C0099", name="Lieferant GmbH", country="DE"),
        )
    )
    context = ExtractionContext(master=master, supplier_names=("Lieferant GmbH",))
    order = read_embedded_order((FACTURX / "EN16931_Einfach.pdf").read_bytes(), context)
    assert order is not None
    assert order.customer_id == "C0007"


def test_values_printed_verbatim_are_outlined_on_the_page() -> None:
    order = _read(FACTURX / "EN16931_Einfach.pdf")
    box = order.evidence["po_number"].bbox
    assert box is not None
    x0, top, x1, bottom = box
    assert 0 <= x0 < x1 <= 595 and 0 <= top < bottom <= 150  # near the top of an A4 page
    assert order.evidence["customer_name"].bbox is not None
    assert order.pages == 2
