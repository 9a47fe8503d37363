"""`poflow rules backtest`: replay stored extractions with a candidate threshold or rules file."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from flows.pipeline import Pipeline
from poflow.domain import Evidence, ExtractedOrder, ExtractionContext, NeedsReview
from poflow.settings import Settings, load_settings
from rules.backtest import run_backtest
from storage.models import AuditEntry, Extraction
from tests.test_process_routing import SAMPLES, TruthExtractor, samples_with


class UnsureExtractor(TruthExtractor):
    """The truth order, but files named `unsure__*` have the total read at 0.7."""

    def __call__(self, data: bytes, name: str, context: ExtractionContext) -> ExtractedOrder:
        order = super().__call__(data, name, context)
        if name.startswith("unsure__"):
            return order.with_(evidence={**order.evidence, "total": Evidence(0.7, page=1)})
        return order


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    from poflow.app import import_master_data

    settings = load_settings(home=tmp_path, database_url=f"sqlite:///{tmp_path / 'poflow.db'}")
    import_master_data(
        settings,
        customers=SAMPLES / "master" / "customers.csv",
        products=SAMPLES / "master" / "products.csv",
    )
    approved = samples_with("approved")
    with Pipeline.open(settings, extract=UnsureExtractor()) as pipeline:
        for path in approved[:3]:
            pipeline.process_path(path, source="cli")
        unsure = [
            pipeline.process_bytes(p.read_bytes() + b"\n%x\n", f"unsure__{p.name}", source="cli")
            for p in approved[3:5]
        ]
        assert isinstance(unsure[0], NeedsReview) and isinstance(unsure[1], NeedsReview)
        _correct(pipeline, unsure[0])  # a reviewer fixed what was read
    return settings


def _correct(pipeline: Pipeline, verdict: NeedsReview) -> None:
    from storage.review import add_correction

    with pipeline.db.session() as session:
        add_correction(
            session=session,
            document_id=verdict.document_id,
            field_path="total",
            read_value=str(verdict.order.total),
            corrected_value="1.00",
        )


def _rows(settings: Settings, model: type) -> int:
    from storage.db import open_database

    with open_database(settings.database, migrate=False) as db, db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _table(capsys: pytest.CaptureFixture[str]) -> dict[str, list[str]]:
    lines = capsys.readouterr().out.splitlines()
    return {line[:30].strip(): line[30:].split() for line in lines[1:]}


def test_lower_threshold_shows_more_straight_through_and_the_false_accept(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    audit_before = _rows(settings, AuditEntry)
    assert run_backtest(settings, threshold=0.5, rules_file=None) == 0
    table = _table(capsys)
    assert table["documents replayed"] == ["5", "5"]
    assert table["approved straight through"] == ["3", "5"]
    assert table["straight-through rate"] == ["60.0%", "100.0%"]
    assert table["would change to approved"] == ["2"]
    assert table["corrected by reviewers"] == ["1", "1"]
    assert table["est. false accepts"] == ["0", "1"]
    assert _rows(settings, AuditEntry) == audit_before  # read-only
    assert _rows(settings, Extraction) == 5


def test_candidate_rules_file_with_a_site_rule(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "candidate.yaml"
    rules.write_text("custom:\n  - {id: tiny_orders, field: total, max: 1}\n", encoding="utf-8")
    assert run_backtest(settings, threshold=None, rules_file=rules) == 0
    table = _table(capsys)
    assert table["approved straight through"] == ["3", "0"]
    assert table["would change to needs_review"] == ["3"]
    assert table["est. false accepts"] == ["0", "0"]


def test_no_database_nothing_to_replay(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = load_settings(home=tmp_path / "empty")
    assert run_backtest(settings, threshold=0.5, rules_file=None) == 0
    assert "nothing to replay" in capsys.readouterr().out
