"""`poflow eval` end to end on a tiny corpus made here: one text PDF (reportlab) and its truth."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from poflow.scoreboard import find_master_folder, find_samples, read_master_folder

TRUTH: dict[str, Any] = {
    "po_number": "PO-77812",
    "order_date": "2026-03-15",
    "delivery_date": "2026-04-01",
    "currency": "USD",
    "customer_name": "Hudson Valley Fabrication Inc.",
    "customer_id": "C0003",
    "ship_to": "1200 Industrial Pkwy\nDayton, OH 45414\nUSA",
    "payment_terms": "Net 30",
    "lines": [
        {
            "line_no": 1,
            "sku": "AX-1000",
            "description": "Hex bolt M8x40, zinc plated",
            "quantity": "250",
            "unit": "EA",
            "unit_price": "0.42",
            "amount": "105.00",
        },
        {
            "line_no": 2,
            "sku": "AX-1010",
            "description": "Hex nut M8, zinc plated",
            "quantity": "500",
            "unit": "EA",
            "unit_price": "0.12",
            "amount": "60.00",
        },
    ],
    "subtotal": "165.00",
    "tax": "13.20",
    "shipping": "0.00",
    "total": "178.20",
    "expected_status": "approved",
    "expected_rules": [],
    "kind": "text_pdf",
    "layout": "test_plain",
}

CUSTOMERS_CSV = (
    "customer_id,name,aliases,email_domains,country,currency,credit_limit\n"
    "C0003,Hudson Valley Fabrication Inc.,Hudson Valley Fabrication,hvfab.com,US,USD,50000.00\n"
)
PRODUCTS_CSV = (
    "sku,description,unit,unit_price,currency\n"
    'AX-1000,"Hex bolt M8x40, zinc plated",EA,0.42,USD\n'
    'AX-1010,"Hex nut M8, zinc plated",EA,0.12,USD\n'
)


def write_po_pdf(path: Path, truth: dict[str, Any] = TRUTH) -> Path:
    """A plain one-page purchase order with a text layer, printing the values of `truth`."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(50, 790, truth["customer_name"])
    pdf.setFont("Helvetica", 10)
    pdf.drawString(50, 775, "1200 Industrial Pkwy, Dayton, OH 45414, USA")
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(380, 790, "PURCHASE ORDER")
    pdf.setFont("Helvetica", 10)
    header = [
        ("PO Number:", truth["po_number"]),
        ("Order Date:", "03/15/2026"),
        ("Delivery Date:", "04/01/2026"),
        ("Payment Terms:", truth["payment_terms"]),
        ("Currency:", truth["currency"]),
    ]
    for i, (label, value) in enumerate(header):
        pdf.drawString(380, 765 - 14 * i, label)
        pdf.drawString(470, 765 - 14 * i, value)
    pdf.drawString(50, 720, "Vendor:")
    pdf.drawString(50, 706, "Acme Supply Co.")
    pdf.drawString(300, 720, "Ship To:")
    for i, text in enumerate(truth["ship_to"].split("\n")):
        pdf.drawString(300, 706 - 14 * i, text)
    _draw_table(pdf, truth)
    pdf.save()
    return path


def _draw_table(pdf: canvas.Canvas, truth: dict[str, Any]) -> None:
    columns = (50, 100, 160, 350, 400, 450, 520)
    titles = ("Line", "Item", "Description", "Qty", "Unit", "Unit Price", "Amount")
    y = 620
    for x, title in zip(columns, titles, strict=True):
        pdf.drawString(x, y, title)
    for line in truth["lines"]:
        y -= 16
        cells = (
            str(line["line_no"]),
            line["sku"],
            line["description"],
            line["quantity"],
            line["unit"],
            line["unit_price"],
            line["amount"],
        )
        for x, cell in zip(columns, cells, strict=True):
            pdf.drawString(x, y, cell)
    for label, key in (("Subtotal", "subtotal"), ("Tax", "tax"), ("Shipping", "shipping")):
        y -= 16
        pdf.drawString(400, y - 10, label)
        pdf.drawString(520, y - 10, truth[key])
    pdf.drawString(400, y - 26, "Total")
    pdf.drawString(520, y - 26, truth["total"])


def make_corpus(root: Path) -> Path:
    corpus = root / "corpus" / "text"
    corpus.mkdir(parents=True)
    (root / "master").mkdir()
    (root / "master" / "customers.csv").write_text(CUSTOMERS_CSV, encoding="utf-8")
    (root / "master" / "products.csv").write_text(PRODUCTS_CSV, encoding="utf-8")
    write_po_pdf(corpus / "po-1.pdf")
    (corpus / "po-1.truth.json").write_text(json.dumps(TRUTH), encoding="utf-8")
    (corpus / "bad-1.pdf").write_bytes(os.urandom(4096))
    bad = {**TRUTH, "lines": [], "expected_status": "failed", "kind": "bad", "layout": "bad"}
    (corpus / "bad-1.truth.json").write_text(json.dumps(bad), encoding="utf-8")
    (corpus / "orphan.truth.json").write_text(json.dumps(TRUTH), encoding="utf-8")
    (corpus / "blank.png").write_bytes(b"\x89PNG\r\n\x1a\n cut off")  # two files, one truth
    (corpus / "blank.pdf").write_bytes(b"")
    blank = {"expected_status": "failed", "kind": "bad", "reason": "broken"}
    (corpus / "blank.truth.json").write_text(json.dumps(blank), encoding="utf-8")
    return root / "corpus"


def run_eval(directory: Path, *extra: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "POFLOW_HOME": str(home), "OMP_THREAD_LIMIT": "1"}
    env.pop("POFLOW_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "poflow.cli", "eval", str(directory), *extra],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )


def test_samples_are_found_beside_their_truth_and_master_data_in_a_parent(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path)
    assert [s.name for s in find_samples(corpus)] == [
        "text/bad-1.pdf",
        "text/blank.pdf",
        "text/blank.png",
        "text/po-1.pdf",
    ]
    assert find_master_folder(corpus) == (tmp_path / "master").resolve()
    master = read_master_folder(tmp_path / "master")
    assert [c.customer_id for c in master.customers] == ["C0003"]
    assert master.customers[0].aliases == ("Hudson Valley Fabrication",)
    assert sorted(master.products) == ["AX-1000", "AX-1010"]


def test_eval_prints_figures_that_parse(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path)
    done = run_eval(corpus, home=tmp_path / "var")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    rows = {
        m.group(1): m.groups()[1:]
        for m in re.finditer(
            r"^(\w+)\s+(\d+)\s+(\d+)" + r"\s+([\d.]+%|-)" * 5 + r"\s+([\d.]+|-)\s+(\d+)/(\d+)$",
            done.stdout,
            re.MULTILINE,
        )
    }
    assert set(rows) == {"text_pdf", "bad", "all"}, done.stdout
    assert rows["all"][:2] == ("4", "4")
    assert rows["bad"][-2:] == ("3", "3"), "random bytes named .pdf must be refused"
    text_pdf = rows["text_pdf"]
    for pct in text_pdf[2:7]:
        assert pct == "-" or 0.0 <= float(pct.rstrip("%")) <= 100.0
    assert float(text_pdf[2].rstrip("%")) >= 50.0, done.stdout  # header accuracy of a clean PDF
    high = re.search(r"values with confidence >= 0\.9: (\d+), right ([\d.]+%|-)", done.stdout)
    assert high is not None, done.stdout


def test_eval_json_holds_all_figures(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path)
    done = run_eval(corpus, "--json", home=tmp_path / "var")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["mode"] == "extract"
    names = [d["name"] for d in report["documents"]]
    assert names == ["text/bad-1.pdf", "text/blank.pdf", "text/blank.png", "text/po-1.pdf"]
    everything = report["by_kind"]["all"]
    assert everything["documents"] == 4
    assert 0.0 <= everything["header_accuracy"] <= 1.0
    assert everything["failed_as_expected"] == [3, 3]
    assert len(report["calibration"]) == 5
    assert report["by_layout"]["test_plain"]["documents"] == 1
    assert set(report["header_fields"]) >= {"po_number", "total"}
    assert report["high_confidence"]["threshold"] == 0.9
    po = report["documents"][3]
    assert po["lines_truth"] == 2 and po["header_total"] == 12
    assert po["perfect"] == (po["wrong"] == [])


def test_a_broken_truth_file_is_named(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path)
    (corpus / "text" / "po-1.truth.json").write_text("{not json", encoding="utf-8")
    done = run_eval(corpus, home=tmp_path / "var")
    assert done.returncode == 3
    assert "po-1.truth.json" in done.stderr and "Traceback" not in done.stderr


def test_eval_without_samples_exits_3(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    done = run_eval(tmp_path / "empty", home=tmp_path / "var")
    assert done.returncode == 3
    assert "no samples" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("extra", [(), ("--json",)])
def test_eval_with_process_runs_into_a_throwaway_database(
    tmp_path: Path, extra: tuple[str, ...]
) -> None:
    corpus = make_corpus(tmp_path)
    home = tmp_path / "var"
    done = run_eval(corpus, "--process", *extra, home=home)
    assert done.returncode == 0, done.stderr
    assert not (home / "poflow.db").exists(), "--process must not touch the real database"
    if extra:
        routing = json.loads(done.stdout)["by_kind"]["all"]["routing"]
        assert routing["failed_as_expected"] == [3, 3]
        assert routing["straight_through"][1] == 1
    else:
        assert re.search(r"^all\s+\d+/1\s+\d+\s+0/0\s+0/0\s+3/3$", done.stdout, re.M), done.stdout
