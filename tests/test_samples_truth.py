"""The sample corpus is a product: every sample has a truth file that is itself right.

Each truth file (contract §6) is its own case: its sample is beside it, it is a valid order
object, its expected outcome is consistent, its arithmetic agrees with the rules it expects,
and the scoreboard scores it as perfect against itself (so the measuring stick is sound).
Whether the rule *code* fires exactly the expected rules is `test_rules_truth.py`'s business.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from poflow.domain import ExtractedOrder
from poflow.scoreboard import TRUTH_SUFFIX, read_master_folder, sample_beside
from poflow.scoreboard_compare import compare_order

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SHARED = Path(__file__).resolve().parents[2] / "shared"
ORDER_SCHEMA = SHARED / "contract" / "order.schema.json"
NOT_SAMPLES = ("generator", "master", "__pycache__")
CORPORA = sorted(
    d.name for d in SAMPLES.iterdir() if d.is_dir() and d.name not in NOT_SAMPLES
)  # corpus, holdout, bad, ...
TRUTHS = sorted(p for c in CORPORA for p in (SAMPLES / c).rglob(f"*{TRUTH_SUFFIX}"))
CONTRACT_RULES = frozenset(
    {
        "missing_field",
        "unknown_customer",
        "unknown_sku",
        "price_mismatch",
        "line_arithmetic",
        "subtotal_mismatch",
        "total_mismatch",
        "currency_mismatch",
        "credit_limit",
        "delivery_before_order",
        "duplicate_po",
        "low_confidence",
    }
)
KINDS = frozenset(
    {"text_pdf", "scan", "photo", "email_body", "email_attachment", "structured", "bad"}
)
CENT = Decimal("0.01")


def _id(path: Path) -> str:
    return str(path.relative_to(SAMPLES)).removesuffix(TRUTH_SUFFIX)


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


ORDER_TRUTHS = [p for p in TRUTHS if load(p).get("expected_status") != "failed"]


def test_there_are_samples() -> None:
    assert TRUTHS, f"no {TRUTH_SUFFIX} files under {SAMPLES}/corpus"


def test_every_sample_set_is_checked() -> None:
    """The sets are found by listing samples/; a set that went missing would pass unseen."""
    expected = {"corpus", "holdout", "blind", "blind2", "blind3", "blind4", "blind5", "blind6",
                "blind7", "blind8", "bad"}  # fmt: skip
    assert expected <= set(CORPORA), CORPORA


def test_every_sample_file_has_a_truth_file() -> None:
    orphans = [
        str(p.relative_to(SAMPLES))
        for c in CORPORA
        for p in (SAMPLES / c).rglob("*")
        if p.is_file()
        and not p.name.endswith(TRUTH_SUFFIX)
        and p.name.lower() not in ("readme.md", ".gitkeep", "__init__.py")
        and "__pycache__" not in p.parts
        and not p.with_name(p.name.rsplit(".", 1)[0] + TRUTH_SUFFIX).is_file()
    ]
    assert orphans == []


@pytest.mark.parametrize("truth_path", TRUTHS, ids=_id)
def test_truth_file_is_a_valid_order_with_a_consistent_outcome(truth_path: Path) -> None:
    truth = load(truth_path)
    assert sample_beside(truth_path) is not None, "the sample is not beside its truth file"
    assert truth.get("kind") in KINDS
    status = truth.get("expected_status")
    if status == "failed":  # a bad input: no order, so no layout or rules needed
        assert truth["kind"] == "bad" and not truth.get("expected_rules")
        return
    assert truth.get("layout"), "every sample names its layout"
    rules = truth.get("expected_rules")
    assert isinstance(rules, list) and set(rules) <= CONTRACT_RULES, rules
    assert status in ("approved", "needs_review", "failed")
    assert (status == "needs_review") == bool(rules), "review exactly when rules are expected"
    assert (status == "failed") == (truth["kind"] == "bad")
    if ORDER_SCHEMA.is_file():
        import jsonschema

        schema = json.loads(ORDER_SCHEMA.read_text(encoding="utf-8"))
        jsonschema.validate({**truth, "evidence": {}}, schema)


@pytest.mark.parametrize("truth_path", ORDER_TRUTHS, ids=_id)
def test_truth_scores_perfect_against_itself(truth_path: Path) -> None:
    truth = load(truth_path)
    score = compare_order(ExtractedOrder.from_json(truth), truth, name=truth_path.name)
    assert score.perfect, [str(m) for m in score.mismatches]


@pytest.mark.parametrize("truth_path", ORDER_TRUTHS, ids=_id)
def test_truth_arithmetic_agrees_with_the_expected_rules(truth_path: Path) -> None:
    truth = load(truth_path)
    rules = set(truth["expected_rules"])
    lines = truth["lines"]
    line_off = any(
        abs(dec(ln["quantity"]) * dec(ln["unit_price"]) - dec(ln["amount"])) > CENT  # type: ignore[operator]
        for ln in lines
        if None not in (ln["quantity"], ln["unit_price"], ln["amount"])
    )
    assert line_off == ("line_arithmetic" in rules)
    subtotal = dec(truth["subtotal"])
    if subtotal is not None and all(ln["amount"] is not None for ln in lines):
        off = abs(sum((dec(ln["amount"]) for ln in lines), Decimal(0)) - subtotal) > CENT  # type: ignore[misc]
        assert off == ("subtotal_mismatch" in rules)
    total = dec(truth["total"])
    if subtotal is not None and total is not None:
        parts = subtotal + (dec(truth["tax"]) or 0) + (dec(truth["shipping"]) or 0)
        assert (abs(parts - total) > CENT) == ("total_mismatch" in rules)


@pytest.mark.parametrize("truth_path", ORDER_TRUTHS, ids=_id)
def test_truth_customer_is_in_the_master_data(truth_path: Path) -> None:
    truth = load(truth_path)
    master = read_master_folder(SAMPLES / "master")
    customer_id = truth["customer_id"]
    assert (customer_id is None) == ("unknown_customer" in truth["expected_rules"])
    if customer_id is not None:
        assert master.customer(customer_id) is not None, customer_id


@pytest.mark.parametrize("truth_path", TRUTHS, ids=_id)
def test_each_sample_is_described_in_the_samples_readme(truth_path: Path) -> None:
    readme = SAMPLES / "README.md"
    assert readme.is_file(), "samples/README.md says what each sample exercises"
    text = readme.read_text(encoding="utf-8")
    truth = load(truth_path)
    stem = truth_path.name.removesuffix(TRUTH_SUFFIX)
    said = stem in text or str(truth.get("layout", stem)) in text
    assert said, f"{stem} (layout {truth.get('layout')}) is not in samples/README.md"
