"""The sample e-mails through the whole extraction: the right part read, as the right kind.

Field-by-field accuracy is the scoreboard's business; here each e-mail must come out as
its truth's `kind` (body or attachment), with the truth's PO number and customer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extractors.pipeline import extract_document
from poflow.domain import ExtractionContext, MasterData
from storage.master_data import read_customers, read_products

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
CASES = sorted((SAMPLES / "corpus").glob("*.eml")) + sorted((SAMPLES / "holdout").glob("*.eml"))
SUPPLIER = ("Acme Supply Co.", "Acme Supply Company", "Acme Supply GmbH", "Acme")

pytestmark = pytest.mark.skipif(not CASES, reason="no sample e-mails in samples/")


@pytest.fixture(scope="module")
def context() -> ExtractionContext:
    master = MasterData(
        customers=read_customers(SAMPLES / "master" / "customers.csv"),
        products={p.sku: p for p in read_products(SAMPLES / "master" / "products.csv")},
    )
    return ExtractionContext(master=master, supplier_names=SUPPLIER)


def _truth(eml: Path) -> dict[str, Any]:
    return json.loads(eml.with_suffix(".truth.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("eml", CASES, ids=[p.stem for p in CASES])
def test_each_sample_e_mail_is_read_from_the_right_part(
    eml: Path, context: ExtractionContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")
    truth = _truth(eml)
    order = extract_document(eml.read_bytes(), eml.name, context)
    assert order.kind is not None and order.kind.value == truth["kind"]
    assert order.po_number == truth["po_number"]
    if eml.parent.name == "corpus":
        assert order.customer_id == truth["customer_id"]
