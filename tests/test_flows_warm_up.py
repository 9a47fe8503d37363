"""A worker's warm-up document is a real text PDF that the real extractor reads as an order,
so the start-up pays for loading the models and matchers that the first customer
document would otherwise pay for."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
from sqlalchemy import func, select

from extractors.pipeline import extract_document
from flows.pipeline import Pipeline
from flows.worker import WARM_UP_PDF, one_page_pdf, warm_up
from poflow.app import extraction_context
from poflow.domain import MasterData
from poflow.settings import load_settings
from storage.models import Document


def test_the_warm_up_document_is_read_from_its_text_layer() -> None:
    settings = load_settings(prefect=False)
    order = extract_document(WARM_UP_PDF, "warm-up.pdf", extraction_context(settings, MasterData()))
    assert order.kind == "text_pdf"
    assert order.po_number == "WARM-1"


def test_one_page_pdf_has_a_valid_cross_reference_table() -> None:
    pdf = one_page_pdf(["Hello", "World"])
    start = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert pdf[start:].startswith(b"xref")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert document.pages[0].extract_text().splitlines() == ["Hello", "World"]


def test_warm_up_stores_nothing_and_loads_the_first_pass_languages(tmp_path: Path) -> None:
    from extractors import tesseract_api

    settings = load_settings(home=tmp_path, prefect=False, ocr_languages="eng+fra")
    with Pipeline.open(settings) as pipeline:
        warm_up(pipeline)
        with pipeline.db.read_session() as session:
            assert session.scalar(select(func.count()).select_from(Document)) == 0
    assert ("eng+fra", ()) in tesseract_api._engines


def test_prefect_warm_up_pays_the_first_runs_imports(tmp_path: Path) -> None:
    """The first flow run would otherwise import FastAPI's JSON encoder (about half a second)
    to serialise its parameters; the warm-up does it, with or without a reachable server."""
    import os
    import subprocess
    import sys

    script = (
        "import sys; from flows.prefect_flows import configure_prefect, warm_up; "
        f"configure_prefect(__import__('pathlib').Path({str(tmp_path)!r})); "
        "assert 'fastapi.encoders' not in sys.modules; warm_up('poflow'); "
        "print('fastapi.encoders' in sys.modules)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_API_URL"] = "http://127.0.0.1:9/api"  # nothing listens: only logged
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
