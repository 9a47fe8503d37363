"""Routing on a real order store (SQLite; PostgreSQL when configured): every outcome.

The extractor is injected at the `Pipeline(extract=...)` seam where the test is about
routing: `TruthExtractor` returns a sample's truth order (what a perfect extractor
would read) with full evidence. One test runs the real extractor end to end.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from flows.pipeline import Pipeline
from poflow.app import import_master_data, process_paths
from poflow.domain import (
    Approved,
    Duplicate,
    Evidence,
    ExtractedOrder,
    ExtractionContext,
    Failed,
    Finding,
    NeedsReview,
    Verdict,
)
from poflow.errors import CorruptFile
from poflow.settings import Settings, load_settings
from storage.models import Document, Order, ReviewTask

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CORPUS = SAMPLES / "corpus"


def truth(name: str) -> dict[str, Any]:
    return json.loads((CORPUS / f"{Path(name).stem}.truth.json").read_text(encoding="utf-8"))


def samples_with(status: str, rules: list[str] | None = None) -> list[Path]:
    found = []
    for path in sorted(CORPUS.glob("*.truth.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["expected_status"] == status and (rules is None or data["expected_rules"] == rules):
            found.append(CORPUS / (path.name.removesuffix(".truth.json") + ".pdf"))
    return [p for p in found if p.is_file()]


class TruthExtractor:
    """Reads nothing: returns the truth order of the sample the file is a copy of."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, data: bytes, name: str, context: ExtractionContext) -> ExtractedOrder:
        self.calls.append(name)
        if data.startswith(b"GARBAGE"):
            raise CorruptFile("not a PDF")
        if data.startswith(b"BUG"):
            raise RuntimeError("boom")
        order = ExtractedOrder.from_json(truth(name.split("__")[-1]))
        sure = Evidence(confidence=1.0, page=1)
        paths = ["po_number", "customer_name", "customer_id", "total"]
        for i in range(len(order.lines)):
            paths += [f"lines[{i}].{f}" for f in ("sku", "quantity", "unit_price", "amount")]
        return order.with_(evidence=dict.fromkeys(paths, sure))


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    """Settings on a fresh database of each dialect, with the sample master data."""
    settings = load_settings(home=tmp_path, database_url=database_url)
    import_master_data(
        settings,
        customers=SAMPLES / "master" / "customers.csv",
        products=SAMPLES / "master" / "products.csv",
    )
    return settings


@pytest.fixture
def pipeline(settings: Settings) -> Iterator[Pipeline]:
    with Pipeline.open(settings, extract=TruthExtractor()) as opened:
        yield opened


def count(settings: Settings, model: type) -> int:
    from storage.db import open_database

    with open_database(settings.database, migrate=False) as db, db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def document_row(settings: Settings, document_id: int | None) -> Document:
    from storage.db import open_database

    with open_database(settings.database, migrate=False) as db, db.session() as session:
        row = session.get(Document, document_id)
        assert row is not None
        return row


def test_clean_order_is_approved_and_stored(settings: Settings, pipeline: Pipeline) -> None:

    path = samples_with("approved")[0]
    verdict = pipeline.process_path(path, source="cli")
    assert isinstance(verdict, Approved), verdict
    assert verdict.order.po_number == truth(path.name)["po_number"]
    assert count(settings, Order) == 1 and count(settings, ReviewTask) == 0
    row = document_row(settings, verdict.document_id)
    assert row.status == "approved"
    assert row.received_at is not None and row.decided_at is not None
    assert Path(row.blob_path).read_bytes() == path.read_bytes()  # the original, kept


def test_the_same_file_again_is_a_duplicate(settings: Settings, pipeline: Pipeline) -> None:
    path = samples_with("approved")[0]
    first = pipeline.process_path(path, source="cli")
    again = pipeline.process_path(path, source="cli")
    assert isinstance(first, Approved) and again == Duplicate(first.document_id)
    assert count(settings, Document) == 1 and count(settings, Order) == 1
    assert isinstance(pipeline.extract, TruthExtractor)
    assert pipeline.extract.calls == [path.name]  # not read twice


def test_a_finding_sends_it_to_review_and_nothing_to_orders(
    settings: Settings,
    pipeline: Pipeline,
) -> None:

    path = samples_with("needs_review", ["price_mismatch"])[0]
    verdict = pipeline.process_path(path, source="cli")
    assert isinstance(verdict, NeedsReview), verdict
    assert {f.rule for f in verdict.findings} == {"price_mismatch"}
    assert count(settings, Order) == 0 and count(settings, ReviewTask) == 1
    assert document_row(settings, verdict.document_id).status == "needs_review"


def test_same_po_in_another_file_is_duplicate_po(
    settings: Settings, tmp_path: Path, pipeline
) -> None:  # type: ignore[no-untyped-def]
    path = samples_with("approved")[0]
    assert isinstance(pipeline.process_path(path, source="cli"), Approved)
    copy = tmp_path / f"resent__{path.name}"
    copy.write_bytes(path.read_bytes() + b"\n% re-sent\n")  # other bytes, same order
    verdict = pipeline.process_path(copy, source="cli")
    assert isinstance(verdict, NeedsReview)
    assert [f.rule for f in verdict.findings] == ["duplicate_po"]


def test_bad_and_buggy_files_fail_and_the_batch_goes_on(
    settings: Settings,
    tmp_path: Path,
    pipeline: Pipeline,
) -> None:
    good = samples_with("approved")[0]
    garbage, buggy, empty = tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "c.pdf"
    garbage.write_bytes(b"GARBAGE, not a document")
    buggy.write_bytes(b"BUG trigger")
    empty.write_bytes(b"")
    verdicts = [
        pipeline.process_path(p, source="cli")
        for p in (garbage, buggy, empty, tmp_path / "missing.pdf", good)
    ]
    bad, bug, nothing, missing, ok = verdicts
    assert isinstance(bad, Failed) and bad.reason == "not a PDF" and bad.document_id
    assert isinstance(bug, Failed) and bug.reason.startswith("internal error: RuntimeError")
    assert isinstance(nothing, Failed) and "empty" in nothing.reason and nothing.document_id
    assert isinstance(missing, Failed) and missing.document_id is None
    assert "missing.pdf" in missing.reason
    assert isinstance(ok, Approved)
    row = document_row(settings, bad.document_id)
    assert row.status == "failed" and row.failure_reason == "not a PDF"
    assert Path(row.blob_path).read_bytes() == garbage.read_bytes()  # the original stays


def test_real_extractor_approves_a_clean_text_pdf(settings: Settings) -> None:
    """End to end through `poflow.app.process_paths`, the real extractor and rules."""
    path = CORPUS / "ca_minimal-text_pdf-01.pdf"
    if not path.is_file():
        pytest.skip("sample missing")
    [(_, verdict)] = list(process_paths([path], settings))
    assert isinstance(verdict, Approved), getattr(verdict, "findings", verdict)
    assert verdict.order.po_number == truth(path.name)["po_number"]


def test_same_po_at_the_same_moment_is_stored_once(settings: Settings, tmp_path: Path) -> None:
    """Two workers finish reading two copies of one order at the same moment: the rule
    check passes for both, so only the re-check inside the routing transaction (under a
    lock on the PO) can keep the second one out of the order store."""
    path = samples_with("approved")[0]
    barrier = threading.Barrier(2, timeout=30)

    class InStep(TruthExtractor):
        def __call__(self, data: bytes, name: str, context: ExtractionContext) -> ExtractedOrder:
            order = super().__call__(data, name, context)
            barrier.wait()  # both validate before either routes
            return order

    def work(n: int) -> Verdict:
        data = path.read_bytes() + f"\n% copy {n}\n".encode()
        with Pipeline.open(settings, extract=InStep()) as pipeline:
            return pipeline.process_bytes(data, path.name, source="cli")

    with ThreadPoolExecutor(max_workers=2) as pool:
        verdicts = list(pool.map(work, [1, 2]))
    assert sorted(v.status for v in verdicts) == ["approved", "needs_review"]
    review = next(v for v in verdicts if isinstance(v, NeedsReview))
    assert [f.rule for f in review.findings] == ["duplicate_po"]
    assert count(settings, Order) == 1


def test_a_document_left_unfinished_by_a_crash_is_finished_by_a_rerun(
    settings: Settings, pipeline: Pipeline
) -> None:
    from flows.pipeline import intake

    path = samples_with("approved")[0]
    crashed = intake(pipeline.db, pipeline.blobs, path.read_bytes(), path.name, source="cli")
    assert not isinstance(crashed, Duplicate)  # taken in, then the process "died"
    assert document_row(settings, crashed.document_id).status == "extracting"
    busy = pipeline.process_path(path, source="cli")  # might still be running elsewhere
    assert busy == Duplicate(crashed.document_id)
    pipeline.resume_after = timedelta(0)  # now it has been quiet for long enough
    finished = pipeline.process_path(path, source="cli")
    assert isinstance(finished, Approved) and finished.document_id == crashed.document_id
    assert count(settings, Document) == 1 and count(settings, Order) == 1
    assert pipeline.process_path(path, source="cli") == Duplicate(crashed.document_id)


def test_the_sites_rules_file_decides(settings: Settings, tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("disable: [price_mismatch]\n", encoding="utf-8")
    site = load_settings(**{**settings.model_dump(), "rules_file": rules})
    path = samples_with("needs_review", ["price_mismatch"])[0]
    with Pipeline.open(site, extract=TruthExtractor()) as pipeline:
        assert isinstance(pipeline.process_path(path, source="cli"), Approved)


def test_a_bad_rules_file_stops_the_command_before_any_work(
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from poflow.cli import main

    rules = tmp_path / "rules.yaml"
    rules.write_text("disable: [no_such_rule]\n", encoding="utf-8")
    monkeypatch.setenv("POFLOW_HOME", str(settings.home))
    monkeypatch.setenv("POFLOW_DATABASE_URL", settings.database)
    monkeypatch.setenv("POFLOW_RULES_FILE", str(rules))
    assert main(["process", str(samples_with("approved")[0])]) == 2
    err = capsys.readouterr().err.strip()
    assert "rules.yaml" in err and "no_such_rule" in err and len(err.splitlines()) == 1
    assert count(settings, Document) == 0


def test_a_file_over_the_size_limit_fails_without_being_read(tmp_path: Path) -> None:
    settings = load_settings(home=tmp_path, database_url=f"sqlite:///{tmp_path / 'p.db'}")
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * 2000)
    small = load_settings(**{**settings.model_dump(), "max_file_bytes": 1000})
    with Pipeline.open(small, extract=TruthExtractor()) as pipeline:
        verdict = pipeline.process_path(big, source="cli")
    assert isinstance(verdict, Failed) and verdict.document_id is None
    assert "over the limit" in verdict.reason
    assert count(settings, Document) == 0


def test_master_data_imported_later_is_seen_after_a_reload(tmp_path: Path) -> None:
    settings = load_settings(home=tmp_path, database_url=f"sqlite:///{tmp_path / 'p.db'}")
    path = samples_with("approved")[0]
    with Pipeline.open(settings, extract=TruthExtractor()) as pipeline:
        before = pipeline.process_path(path, source="cli")
        assert isinstance(before, NeedsReview)  # nothing known yet
        assert "unknown_sku" in {f.rule for f in before.findings}
        import_master_data(
            settings,
            customers=SAMPLES / "master" / "customers.csv",
            products=SAMPLES / "master" / "products.csv",
        )
        pipeline.reload_master_data()
        assert pipeline.master.product(before.order.lines[0].sku) is not None


def test_a_bug_in_a_rule_fails_that_document_only(settings: Settings) -> None:
    from rules.config import RuleSet
    from rules.inputs import RuleInput, Thresholds
    from rules.registry import DEFAULT_RULES, Rule

    def broken(given: RuleInput) -> list[Finding]:
        if given.order.po_number == first_po:
            raise ZeroDivisionError("division by zero")
        return []

    first, second = samples_with("approved")[:2]
    first_po = truth(first.name)["po_number"]
    rule_set = RuleSet((*DEFAULT_RULES, Rule("broken", "a buggy site rule", broken)), Thresholds())
    with Pipeline.open(settings, extract=TruthExtractor(), rule_set=rule_set) as pipeline:
        bad = pipeline.process_path(first, source="cli")
        good = pipeline.process_path(second, source="cli")
    assert isinstance(bad, Failed) and bad.reason.startswith("internal error: ZeroDivisionError")
    assert document_row(settings, bad.document_id).status == "failed"
    assert isinstance(good, Approved)
