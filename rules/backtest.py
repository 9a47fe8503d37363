"""`poflow rules backtest`: what a candidate threshold or rules file would have done.

Replays every stored extraction (the `extractions` table: no re-reading of documents)
through the current rule set and a candidate, and prints a table: documents replayed,
straight-through rate now vs candidate, how many would change status, and the estimated
false accepts: documents a reviewer corrected (a row in `corrections`, or a review task
whose approved order differs from what was read) that the candidate would have approved
unchanged. Read-only: nothing is written to the database.

`duplicate_po` is replayed against the stored orders and review tasks of *earlier*
documents, as it was when each document came in; master data is today's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from poflow.domain import ExtractedOrder, MasterData
from poflow.settings import Settings
from rules.config import RuleSet, load_rule_set, load_rules_file
from rules.inputs import Thresholds

if TYPE_CHECKING:
    from storage.db import Database


@dataclass(frozen=True)
class Replayed:
    """One stored extraction, and what reviewers made of it."""

    document_id: int
    order: ExtractedOrder
    corrected: bool


@dataclass(frozen=True)
class BacktestResult:
    documents: int
    approved_now: int
    approved_candidate: int
    to_review: int  # approved now, needs review with the candidate
    to_approved: int  # needs review now, approved with the candidate
    corrected: int  # documents reviewers corrected
    false_accepts_now: int
    false_accepts_candidate: int


def candidate_rule_set(
    settings: Settings, *, threshold: float | None, rules_file: Path | None
) -> RuleSet:
    """The current rule set with the candidate rules file and/or confidence threshold."""
    if rules_file is None:
        candidate = load_rule_set(settings)
    else:
        candidate = load_rules_file(rules_file, Thresholds.from_settings(settings))
    return candidate if threshold is None else candidate.with_threshold(threshold)


def compare(
    replays: Iterable[Replayed],
    *,
    master: MasterData,
    current: RuleSet,
    candidate: RuleSet,
    po_taken_before: Callable[[int], Callable[[str, str], bool]],
) -> BacktestResult:
    """Count outcomes of both rule sets over the replayed documents (pure)."""
    counts = dict.fromkeys(BacktestResult.__dataclass_fields__, 0)
    for item in replays:
        taken = po_taken_before(item.document_id)
        now = not current.evaluate(item.order, master=master, po_number_taken=taken)
        then = not candidate.evaluate(item.order, master=master, po_number_taken=taken)
        counts["documents"] += 1
        counts["approved_now"] += now
        counts["approved_candidate"] += then
        counts["to_review"] += now and not then
        counts["to_approved"] += then and not now
        counts["corrected"] += item.corrected
        counts["false_accepts_now"] += item.corrected and now
        counts["false_accepts_candidate"] += item.corrected and then
    return BacktestResult(**counts)


def format_table(result: BacktestResult, current: RuleSet, candidate: RuleSet) -> str:
    def rate(n: int) -> str:
        return f"{n / result.documents:.1%}" if result.documents else "-"

    def rules_of(rule_set: RuleSet) -> str:
        source = str(rule_set.source) if rule_set.source else "defaults"
        return f"{source}, threshold {rule_set.thresholds.confidence_threshold:.2f}"

    rows = [
        ("rule set", rules_of(current), rules_of(candidate)),
        ("documents replayed", str(result.documents), str(result.documents)),
        ("approved straight through", str(result.approved_now), str(result.approved_candidate)),
        ("straight-through rate", rate(result.approved_now), rate(result.approved_candidate)),
        ("would change to needs_review", "", str(result.to_review)),
        ("would change to approved", "", str(result.to_approved)),
        ("corrected by reviewers", str(result.corrected), str(result.corrected)),
        (
            "est. false accepts",
            str(result.false_accepts_now),
            str(result.false_accepts_candidate),
        ),
    ]
    width = max(len(r[0]) for r in rows)
    col = max(len(r[1]) for r in rows) + 2
    lines = [f"{'':<{width}}  {'now':<{col}}candidate"]
    lines += [f"{name:<{width}}  {now:<{col}}{cand}" for name, now, cand in rows]
    return "\n".join(lines)


def run_backtest(settings: Settings, *, threshold: float | None, rules_file: Path | None) -> int:
    """The CLI command: load, replay, print the table; 0 when done."""
    from storage.db import open_database
    from storage.master_data import load_master_data

    current = load_rule_set(settings)
    candidate = candidate_rule_set(settings, threshold=threshold, rules_file=rules_file)
    url = settings.database
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        print(f"no database at {url}: nothing to replay")
        return 0
    with open_database(url, migrate=False) as db:
        master = load_master_data(db)
        replays, earlier = load_replays(db)
    result = compare(
        replays, master=master, current=current, candidate=candidate, po_taken_before=earlier
    )
    print(format_table(result, current, candidate))
    return 0


# --- reading the store (read-only) -------------------------------------------------------


def load_replays(
    db: Database,
) -> tuple[list[Replayed], Callable[[int], Callable[[str, str], bool]]]:
    """The newest extraction per document, whether reviewers corrected it, and a PO index."""
    from sqlalchemy import select

    from storage.models import Correction, Extraction, Order, ReviewTask

    with db.session() as session:
        latest: dict[int, dict[str, Any]] = {}
        for row in session.scalars(select(Extraction).order_by(Extraction.id)):
            latest[row.document_id] = row.order_json
        corrected = set(session.scalars(select(Correction.document_id)))
        reviewed = select(ReviewTask.document_id, Order.order_json).join(
            Order, ReviewTask.order_id == Order.id
        )
        approved_after_review = {doc: data for doc, data in session.execute(reviewed)}
        orders = select(Order.document_id, Order.customer_id, Order.po_number)
        tasks = select(ReviewTask.document_id, ReviewTask.customer_id, ReviewTask.po_number)
        stored = [
            (doc, cust, po) for query in (orders, tasks) for doc, cust, po in session.execute(query)
        ]
    replays = [
        Replayed(doc_id, ExtractedOrder.from_json(data), corrected=was)
        for doc_id, data in sorted(latest.items())
        for was in [_was_corrected(doc_id, data, corrected, approved_after_review)]
    ]
    return replays, _po_index(stored)


def _was_corrected(
    document_id: int,
    extracted: dict[str, Any],
    corrections: set[int],
    approved_after_review: dict[int, dict[str, Any]],
) -> bool:
    if document_id in corrections:
        return True
    approved = approved_after_review.get(document_id)
    return approved is not None and _content(approved) != _content(extracted)


def _content(order_json: dict[str, Any]) -> ExtractedOrder:
    """The order's values, without evidence (ExtractedOrder equality ignores evidence)."""
    return ExtractedOrder.from_json(order_json)


def _po_index(
    stored: list[tuple[int, str | None, str | None]],
) -> Callable[[int], Callable[[str, str], bool]]:
    first_document: dict[tuple[str, str], int] = {}
    for document_id, customer_id, po_number in stored:
        if customer_id and po_number:
            key = (customer_id, po_number)
            first_document[key] = min(document_id, first_document.get(key, document_id))

    def before(document_id: int) -> Callable[[str, str], bool]:
        def taken(customer_id: str, po_number: str) -> bool:
            return first_document.get((customer_id, po_number), document_id) < document_id

        return taken

    return before
