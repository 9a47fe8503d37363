"""extract_raw on the text-PDF samples of the corpus, against their truth files.

Only the raw layer is checked here (texts as printed, before normalisation), so a failure
points at layout and labels: the PO number, the number of item rows, each row's SKU and
amount, and the printed total.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.fields import extract_raw
from extractors.normalise import clean_po_number, parse_money
from extractors.reading import read_pages
from poflow.domain import ExtractionContext

CORPUS = Path(__file__).resolve().parent.parent / "samples" / "corpus"
SAMPLES = sorted(CORPUS.glob("*-text_pdf-*.pdf"))
CONTEXT = ExtractionContext(supplier_names=("Acme Supply Co.", "Acme Supply Company", "Acme"))


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_text_pdf_sample_raw_fields(path: Path) -> None:
    truth_path = path.with_name(path.stem + ".truth.json")
    if not truth_path.exists():
        pytest.skip("no truth file beside the sample")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    raw = extract_raw(read_pages(path.read_bytes(), "pdf", CONTEXT, name=path.name), CONTEXT)
    po = raw.header.get("po_number")
    assert (clean_po_number(po.text) if po else None) == truth["po_number"]
    assert len(raw.lines) == len(truth["lines"])
    for row, line in zip(raw.lines, truth["lines"], strict=True):
        assert (row["sku"].text if "sku" in row else None) == line["sku"]
        assert parse_money(row["amount"].text) == parse_money(line["amount"])
    total = raw.header["total"]
    assert parse_money(total.text) == parse_money(truth["total"])
    assert total.page is not None and total.bbox is not None
