"""Pure comparison of predicted orders with truth files, and the sums over a corpus.

No OCR, no database, no printing: `compare_order` scores one document, `aggregate` sums
many. The scoreboard (`poflow.scoreboard`) runs the stages and prints what this computes.

Comparison rules (the same everywhere, so figures from different days compare):
- decimals compare as `Decimal` ("105.0" == "105.00"), dates as `date`;
- text compares after whitespace normalisation (each line stripped, runs of blanks collapsed,
  empty lines dropped); names, addresses, payment terms, descriptions and units also ignore
  case, while codes (`po_number`, `customer_id`, `currency`, `sku`) are case-sensitive;
- `null` against `null` is right;
- a predicted line is a true positive only when it matches a not yet matched truth line on
  SKU, quantity, unit price and amount all at once (equality of that key, so greedy
  matching is also the maximum matching).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from poflow.domain import HEADER_FIELDS, LINE_FIELDS, ExtractedOrder, OrderLine, line_path

CASELESS_FIELDS = frozenset({"customer_name", "ship_to", "payment_terms", "description", "unit"})
DECIMAL_FIELDS = frozenset(
    {"subtotal", "tax", "shipping", "total", "quantity", "unit_price", "amount"}
)
DATE_FIELDS = frozenset({"order_date", "delivery_date"})
KEY_FIELDS = ("po_number", "customer_id", "total")  # a wrong one of these makes a false accept
CONFIDENCE_BINS: tuple[tuple[float, float], ...] = (
    (0.0, 0.5),
    (0.5, 0.7),
    (0.7, 0.9),
    (0.9, 0.95),
    (0.95, 1.0000001),
)
HIGH_CONFIDENCE = 0.9
_BLANKS = re.compile(r"[ \t\u00a0]+")


# --- values ---------------------------------------------------------------------------


def normalise_value(field_name: str, value: Any) -> Any:
    """The comparable form of one value of `field_name` (predicted or truth)."""
    if value is None or value == "":
        return None
    if field_name in DECIMAL_FIELDS:
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return str(value)
    if field_name in DATE_FIELDS:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            return str(value)
    text = normalise_text(str(value))
    return text.casefold() if field_name in CASELESS_FIELDS else text


def normalise_text(text: str) -> str:
    """Strip each line, collapse runs of blanks, drop empty lines."""
    lines = (_BLANKS.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def same_value(field_name: str, got: Any, want: Any) -> bool:
    return normalise_value(field_name, got) == normalise_value(field_name, want)


def shown(value: Any, limit: int = 120) -> str:
    """A value as the worst-documents list prints it."""
    if value is None:
        return "null"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    text = repr(str(value)) if "\n" in str(value) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- lines ----------------------------------------------------------------------------


def line_key(line: OrderLine | dict[str, Any]) -> tuple[Any, ...]:
    """What must all be equal for a line to count: SKU, quantity, unit price, amount."""
    get = line.get if isinstance(line, dict) else (lambda name: getattr(line, name))
    return tuple(normalise_value(f, get(f)) for f in ("sku", "quantity", "unit_price", "amount"))


def match_lines(
    predicted: Sequence[OrderLine], truth: Sequence[dict[str, Any]]
) -> list[tuple[int, int]]:
    """Pairs (predicted index, truth index) of lines equal on the four key values."""
    free: dict[tuple[Any, ...], list[int]] = {}
    for t_index, t_line in enumerate(truth):
        free.setdefault(line_key(t_line), []).append(t_index)
    pairs = []
    for p_index, p_line in enumerate(predicted):
        slots = free.get(line_key(p_line))
        if slots:
            pairs.append((p_index, slots.pop(0)))
    return pairs


def pair_lines_for_fields(
    predicted: Sequence[OrderLine], truth: Sequence[dict[str, Any]]
) -> dict[int, int]:
    """Predicted index -> truth index for per-field checks: full matches, then by position."""
    pairs = dict(match_lines(predicted, truth))
    free_truth = [t for t in range(len(truth)) if t not in pairs.values()]
    for p_index in range(len(predicted)):
        if p_index not in pairs and free_truth:
            pairs[p_index] = free_truth.pop(0)
    return pairs


def _line_text(line: OrderLine | dict[str, Any]) -> str:
    sku, qty, price, amount = line_key(line)
    return f"[{shown(sku)} {shown(qty)} x {shown(price)} = {shown(amount)}]"


# --- one document ---------------------------------------------------------------------


@dataclass(frozen=True)
class Mismatch:
    """One wrong value: `field: got X, want Y`."""

    field: str
    got: str
    want: str

    def __str__(self) -> str:
        return f"{self.field}: got {self.got}, want {self.want}"


@dataclass(frozen=True)
class DocScore:
    """How one document came out against its truth."""

    name: str
    kind: str
    expected_status: str
    layout: str = "unknown"
    pages: int = 1
    seconds: float = 0.0
    header_right: int = 0
    header_total: int = 0
    mismatches: tuple[Mismatch, ...] = ()
    lines_matched: int = 0
    lines_predicted: int = 0
    lines_truth: int = 0
    calibration: tuple[tuple[float, bool], ...] = ()  # (confidence, right) per evidence path
    keys_right: bool = False  # po_number, customer_id, total and every line right
    error: str | None = None  # the BadDocument reason when extraction refused the file
    status: str | None = None  # pipeline verdict (--process only)
    fired_rules: tuple[str, ...] = ()
    expected_rules: tuple[str, ...] = ()

    @property
    def expects_failure(self) -> bool:
        return self.expected_status == "failed"

    @property
    def lines_perfect(self) -> bool:
        return self.lines_matched == self.lines_truth == self.lines_predicted

    @property
    def perfect(self) -> bool:
        if self.expects_failure:
            return self.status == "failed" if self.status is not None else self.error is not None
        return self.error is None and self.header_right == self.header_total and self.lines_perfect

    @property
    def badness(self) -> float:
        """Share of values wrong (0 for a perfect document), to sort the worst first."""
        if self.expects_failure:
            return 0.0 if self.perfect else 1.0
        total = self.header_total + max(self.lines_truth, self.lines_predicted)
        right = self.header_right + self.lines_matched
        return 1.0 - right / total if total else 0.0


def compare_order(
    predicted: ExtractedOrder,
    truth: dict[str, Any],
    *,
    name: str = "",
    seconds: float = 0.0,
) -> DocScore:
    """Score one extracted order against its truth object (contract §6)."""
    mismatches = [
        Mismatch(f, shown(getattr(predicted, f)), shown(truth.get(f)))
        for f in HEADER_FIELDS
        if not same_value(f, getattr(predicted, f), truth.get(f))
    ]
    header_wrong = len(mismatches)
    truth_lines = list(truth.get("lines") or [])
    matched = match_lines(predicted.lines, truth_lines)
    mismatches.extend(_line_mismatches(predicted.lines, truth_lines, matched))
    lines_ok = len(matched) == len(truth_lines) == len(predicted.lines)
    keys_ok = lines_ok and all(
        same_value(f, getattr(predicted, f), truth.get(f)) for f in KEY_FIELDS
    )
    return DocScore(
        name=name,
        kind=str(truth.get("kind") or "unknown"),
        layout=str(truth.get("layout") or "unknown"),
        expected_status=str(truth.get("expected_status") or "approved"),
        pages=max(predicted.pages, 1),
        seconds=seconds,
        header_right=len(HEADER_FIELDS) - header_wrong,
        header_total=len(HEADER_FIELDS),
        mismatches=tuple(mismatches),
        lines_matched=len(matched),
        lines_predicted=len(predicted.lines),
        lines_truth=len(truth_lines),
        calibration=tuple(calibration_points(predicted, truth)),
        keys_right=keys_ok,
        expected_rules=tuple(truth.get("expected_rules") or ()),
    )


def refused_document(
    truth: dict[str, Any], reason: str, *, name: str = "", seconds: float = 0.0
) -> DocScore:
    """The score of a document the extractors refused: right only if failure was expected."""
    expected = str(truth.get("expected_status") or "approved")
    truth_lines = list(truth.get("lines") or [])
    header_total = 0 if expected == "failed" else len(HEADER_FIELDS)
    mismatches = (
        () if expected == "failed" else (Mismatch("document", f"failed ({reason})", "an order"),)
    )
    return DocScore(
        name=name,
        kind=str(truth.get("kind") or "unknown"),
        layout=str(truth.get("layout") or "unknown"),
        expected_status=expected,
        seconds=seconds,
        header_total=header_total,
        mismatches=mismatches,
        lines_truth=0 if expected == "failed" else len(truth_lines),
        error=reason,
        expected_rules=tuple(truth.get("expected_rules") or ()),
    )


def _line_mismatches(
    predicted: Sequence[OrderLine], truth: Sequence[dict[str, Any]], matched: list[tuple[int, int]]
) -> list[Mismatch]:
    """Wrong lines side by side with the truth line in the same place; then missing, extra."""
    free_p = [p for p in range(len(predicted)) if p not in {p for p, _ in matched}]
    free_t = [t for t in range(len(truth)) if t not in {t for _, t in matched}]
    out = [
        Mismatch(f"lines[{p}]", _line_text(predicted[p]), _line_text(truth[t]))
        for p, t in zip(free_p, free_t, strict=False)
    ]
    out.extend(
        Mismatch(f"missing line {t + 1}", "nothing", _line_text(truth[t]))
        for t in free_t[len(free_p) :]
    )
    out.extend(
        Mismatch(f"lines[{p}]", _line_text(predicted[p]), "no such line")
        for p in free_p[len(free_t) :]
    )
    return out


# --- confidence calibration -----------------------------------------------------------


def calibration_points(
    predicted: ExtractedOrder, truth: dict[str, Any]
) -> list[tuple[float, bool]]:
    """(confidence, right) for each evidence-bearing field path that can be checked."""
    truth_lines = list(truth.get("lines") or [])
    pairing = pair_lines_for_fields(predicted.lines, truth_lines)
    points = []
    for path, evidence in sorted(predicted.evidence.items()):
        right = _path_right(path, predicted, truth, truth_lines, pairing)
        if right is not None:
            points.append((float(evidence.confidence), right))
    return points


def _path_right(
    path: str,
    predicted: ExtractedOrder,
    truth: dict[str, Any],
    truth_lines: list[dict[str, Any]],
    pairing: dict[int, int],
) -> bool | None:
    if path in HEADER_FIELDS:
        return same_value(path, getattr(predicted, path), truth.get(path))
    found = line_path(path)
    if not found or found[1] not in LINE_FIELDS:
        return None  # a path the scoreboard does not know how to check
    index, name = found
    if index >= len(predicted.lines):
        return None
    if index not in pairing:
        return False  # a line the document does not have: its values are wrong
    return same_value(
        name, getattr(predicted.lines[index], name), truth_lines[pairing[index]].get(name)
    )


@dataclass(frozen=True)
class CalibrationBin:
    low: float
    high: float
    values: int
    right: int

    @property
    def share_right(self) -> float | None:
        return self.right / self.values if self.values else None

    @property
    def label(self) -> str:
        if self.low == 0.0:
            return f"<{self.high:g}"
        return f">={self.low:g}" if self.high > 1.0 else f"{self.low:g}-{self.high:g}"


def calibration_table(points: Iterable[tuple[float, bool]]) -> list[CalibrationBin]:
    """How many values fell in each confidence bin and how many of them were right."""
    counts = {b: [0, 0] for b in CONFIDENCE_BINS}
    for confidence, right in points:
        for low, high in CONFIDENCE_BINS:
            if low <= confidence < high:
                counts[(low, high)][0] += 1
                counts[(low, high)][1] += int(right)
                break
    return [CalibrationBin(low, high, n, r) for (low, high), (n, r) in counts.items()]


# --- sums over many documents ---------------------------------------------------------


def ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Totals:
    """The figures of a group of documents (one kind of input, or all)."""

    documents: int
    pages: int
    seconds: float
    header_accuracy: float | None
    line_precision: float | None
    line_recall: float | None
    line_f1: float | None
    perfect_rate: float | None
    failed_as_expected: tuple[int, int]  # (refused, expected to be refused)
    routing: Routing | None = None

    @property
    def seconds_per_page(self) -> float | None:
        return ratio(self.seconds, self.pages)


@dataclass(frozen=True)
class Routing:
    """Pipeline outcomes against expectations (--process only)."""

    straight_through: tuple[int, int]  # (approved, expected approved)
    false_accepts: int
    review_recall: tuple[int, int]  # (sent to review, expected review)
    rule_agreement: tuple[int, int]  # (fired set == expected set, expected review)
    failed_as_expected: tuple[int, int]


def aggregate(scores: Sequence[DocScore], *, routing: bool = False) -> Totals:
    header_right = sum(s.header_right for s in scores)
    header_total = sum(s.header_total for s in scores)
    tp = sum(s.lines_matched for s in scores)
    precision = ratio(tp, sum(s.lines_predicted for s in scores))
    recall = ratio(tp, sum(s.lines_truth for s in scores))
    f1 = None
    if precision is not None and recall is not None:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    bad = [s for s in scores if s.expects_failure]
    return Totals(
        documents=len(scores),
        pages=sum(s.pages for s in scores),
        seconds=sum(s.seconds for s in scores),
        header_accuracy=ratio(header_right, header_total),
        line_precision=precision,
        line_recall=recall,
        line_f1=f1,
        perfect_rate=ratio(sum(1 for s in scores if s.perfect), len(scores)),
        failed_as_expected=(sum(1 for s in bad if s.perfect), len(bad)),
        routing=routing_figures(scores) if routing else None,
    )


def field_accuracy(scores: Sequence[DocScore]) -> dict[str, float | None]:
    """Share right of each header field, over the documents that should yield an order."""
    scored = [s for s in scores if s.header_total]
    out: dict[str, float | None] = {}
    for name in HEADER_FIELDS:
        wrong = sum(1 for s in scored if s.error or any(m.field == name for m in s.mismatches))
        out[name] = ratio(len(scored) - wrong, len(scored))
    return out


def is_false_accept(score: DocScore) -> bool:
    """Approved although a person should have looked, or approved with a wrong key value."""
    if score.status != "approved":
        return False
    return score.expected_status != "approved" or not score.keys_right


def routing_figures(scores: Sequence[DocScore]) -> Routing:
    want_ok = [s for s in scores if s.expected_status == "approved"]
    want_review = [s for s in scores if s.expected_status == "needs_review"]
    bad = [s for s in scores if s.expects_failure]
    return Routing(
        straight_through=(sum(1 for s in want_ok if s.status == "approved"), len(want_ok)),
        false_accepts=sum(1 for s in scores if is_false_accept(s)),
        review_recall=(sum(1 for s in want_review if s.status == "needs_review"), len(want_review)),
        rule_agreement=(
            sum(1 for s in want_review if set(s.fired_rules) == set(s.expected_rules)),
            len(want_review),
        ),
        failed_as_expected=(sum(1 for s in bad if s.status == "failed"), len(bad)),
    )


def worst(scores: Sequence[DocScore], limit: int = 20) -> list[DocScore]:
    """The documents with the largest share of wrong values, worst first (perfect ones left out)."""
    imperfect = [s for s in scores if not s.perfect or is_false_accept(s)]
    return sorted(imperfect, key=lambda s: (-s.badness, s.name))[:limit]


__all__ = [
    "CalibrationBin",
    "DocScore",
    "Mismatch",
    "Routing",
    "Totals",
    "aggregate",
    "calibration_table",
    "compare_order",
    "field_accuracy",
    "is_false_accept",
    "match_lines",
    "refused_document",
    "worst",
]
