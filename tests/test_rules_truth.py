"""The rules over each sample's truth order: exactly the sample's expected rules fire.

The truth order is what a perfect extractor would read, so this checks the rules alone.
`low_confidence` (truth files carry no evidence) and `duplicate_po` (needs an order
store) are outside this test; the routing tests cover them.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from poflow.domain import Customer, ExtractedOrder, MasterData, Product
from rules.inputs import Thresholds
from rules.registry import DEFAULT_RULES, evaluate

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SETS = ("corpus", "holdout", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7",
        "blind8")  # fmt: skip
TRUTHS = sorted(p for s in SETS for p in (SAMPLES / s).glob("*.truth.json"))
NOT_HERE = {"low_confidence", "duplicate_po"}


def _csv(name: str) -> list[dict[str, str]]:
    with (SAMPLES / "master" / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _split(text: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in text.split("|") if v.strip())


def sample_master() -> MasterData:
    customers = tuple(
        Customer(
            customer_id=row["customer_id"],
            name=row["name"],
            aliases=_split(row["aliases"]),
            email_domains=_split(row["email_domains"]),
            country=row["country"] or None,
            currency=row["currency"] or None,
            credit_limit=Decimal(row["credit_limit"]) if row["credit_limit"] else None,
        )
        for row in _csv("customers.csv")
    )
    products = {
        row["sku"]: Product(
            row["sku"],
            row["description"],
            row["unit"] or None,
            Decimal(row["unit_price"]) if row["unit_price"] else None,
            row["currency"] or None,
        )
        for row in _csv("products.csv")
    }
    return MasterData(customers=customers, products=products)


@pytest.mark.skipif(not TRUTHS, reason="no sample corpus")
@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.name.removesuffix(".truth.json"))
def test_truth_order_fires_exactly_the_expected_rules(truth_path: Path) -> None:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    order = ExtractedOrder.from_json(truth)
    rules = [r for r in DEFAULT_RULES if r.id not in NOT_HERE]
    findings = evaluate(
        order,
        master=sample_master(),
        thresholds=Thresholds(),
        po_number_taken=lambda c, p: False,
        rules=rules,
    )
    assert {f.rule for f in findings} == set(truth["expected_rules"]) - NOT_HERE, findings
