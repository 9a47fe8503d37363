"""Printing the scoreboard: a text report for people, or one JSON object for scripts.

Figures come from `poflow.scoreboard_compare`; this module only lays them out. Every
percentage is printed as `NN.N%`, a figure that cannot be computed (nothing to divide by)
as `-`, so the report parses line by line.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from poflow.scoreboard_compare import (
    HIGH_CONFIDENCE,
    CalibrationBin,
    DocScore,
    Totals,
    aggregate,
    calibration_table,
    field_accuracy,
    is_false_accept,
    worst,
)

KIND_ORDER = (
    "text_pdf",
    "scan",
    "photo",
    "email_body",
    "email_attachment",
    "structured",
    "bad",
)


def groups(scores: Sequence[DocScore]) -> dict[str, list[DocScore]]:
    """Scores per kind of input (known kinds in a fixed order), then `all`."""
    rank = {kind: i for i, kind in enumerate(KIND_ORDER)}
    kinds = sorted({s.kind for s in scores}, key=lambda k: (rank.get(k, len(rank)), k))
    out = {k: [s for s in scores if s.kind == k] for k in kinds}
    out["all"] = list(scores)
    return out


def by_layout(scores: Sequence[DocScore]) -> dict[str, list[DocScore]]:
    """Scores per layout (from the truth files), to see which layouts generalise."""
    return {k: [s for s in scores if s.layout == k] for k in sorted({s.layout for s in scores})}


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _frac(pair: tuple[int, int]) -> str:
    part, whole = pair
    return f"{part}/{whole}"


def _num(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


# --- text -----------------------------------------------------------------------------


def print_text(header: dict[str, Any], scores: Sequence[DocScore]) -> None:
    process = header["mode"] == "process"
    master = header["master"] or "none found"
    mode = "whole pipeline, throw-away database" if process else "extraction only"
    print(f"poflow eval {header['directory']}  ({mode}; master data: {master})")
    print()
    by_kind = {k: aggregate(v, routing=process) for k, v in groups(scores).items()}
    _print_extraction_table(by_kind)
    print()
    _print_field_accuracy(scores)
    if process:
        print()
        _print_routing_table(by_kind)
    print()
    _print_calibration([p for s in scores for p in s.calibration])
    print()
    _print_worst(scores)


def _print_extraction_table(by_kind: dict[str, Totals]) -> None:
    print(
        f"{'kind':<18}{'docs':>6}{'pages':>7}{'header':>9}{'line P':>9}{'line R':>9}"
        f"{'line F1':>9}{'perfect':>9}{'s/page':>8}{'refused ok':>12}"
    )
    for kind, t in by_kind.items():
        print(
            f"{kind:<18}{t.documents:>6}{t.pages:>7}{_pct(t.header_accuracy):>9}"
            f"{_pct(t.line_precision):>9}{_pct(t.line_recall):>9}{_pct(t.line_f1):>9}"
            f"{_pct(t.perfect_rate):>9}{_num(t.seconds_per_page, 2):>8}"
            f"{_frac(t.failed_as_expected):>12}"
        )


def _print_field_accuracy(scores: Sequence[DocScore]) -> None:
    print("header fields right (all kinds):")
    figures = [f"{name} {_pct(share)}" for name, share in field_accuracy(scores).items()]
    for start in range(0, len(figures), 4):
        print("  " + ",  ".join(figures[start : start + 4]))


def _print_routing_table(by_kind: dict[str, Totals]) -> None:
    print(
        f"{'kind':<18}{'straight-through':>18}{'false accepts':>15}{'review recall':>15}"
        f"{'rules agree':>13}{'failed ok':>11}"
    )
    for kind, t in by_kind.items():
        r = t.routing
        if r is None:
            continue
        print(
            f"{kind:<18}{_frac(r.straight_through):>18}{r.false_accepts:>15}"
            f"{_frac(r.review_recall):>15}{_frac(r.rule_agreement):>13}"
            f"{_frac(r.failed_as_expected):>11}"
        )


def _print_calibration(points: list[tuple[float, bool]]) -> None:
    print(f"{'confidence':<12}{'values':>8}{'right':>9}")
    for b in calibration_table(points):
        print(f"{b.label:<12}{b.values:>8}{_pct(b.share_right):>9}")
    high = [right for confidence, right in points if confidence >= HIGH_CONFIDENCE]
    share = sum(high) / len(high) if high else None
    print(f"values with confidence >= {HIGH_CONFIDENCE:g}: {len(high)}, right {_pct(share)}")


def _print_worst(scores: Sequence[DocScore], limit: int = 20) -> None:
    listed = worst(scores, limit)
    if not listed:
        print("every document perfect")
        return
    print(
        f"worst documents ({len(listed)} of {sum(1 for s in scores if not s.perfect)} imperfect):"
    )
    for s in listed:
        print(f"  {s.name}  [{s.kind}] {_doc_summary(s)}")
        for mismatch in s.mismatches:
            print(f"      {mismatch}")
        if s.status is not None and s.expected_status != s.status:
            print(f"      status: got {s.status}, want {s.expected_status}")
        if s.status == "needs_review" and set(s.fired_rules) != set(s.expected_rules):
            print(f"      rules: got {list(s.fired_rules)}, want {list(s.expected_rules)}")


def _doc_summary(s: DocScore) -> str:
    if s.expects_failure:
        return f"expected failed, got {s.status or 'an order'}"
    text = (
        f"header {s.header_right}/{s.header_total}, "
        f"lines {s.lines_matched} right of {s.lines_truth} (read {s.lines_predicted})"
    )
    return text + ("  FALSE ACCEPT" if is_false_accept(s) else "")


# --- JSON -----------------------------------------------------------------------------


def print_json(header: dict[str, Any], scores: Sequence[DocScore]) -> None:
    print(json.dumps(report_json(header, scores), ensure_ascii=False, indent=2))


def report_json(header: dict[str, Any], scores: Sequence[DocScore]) -> dict[str, Any]:
    """All figures as one JSON-ready object."""
    process = header["mode"] == "process"
    points = [p for s in scores for p in s.calibration]
    high = [right for confidence, right in points if confidence >= HIGH_CONFIDENCE]
    return {
        **header,
        "by_kind": {
            k: totals_json(aggregate(v, routing=process)) for k, v in groups(scores).items()
        },
        "by_layout": {
            layout: totals_json(aggregate(group, routing=process))
            for layout, group in by_layout(scores).items()
        },
        "header_fields": field_accuracy(scores),
        "calibration": [bin_json(b) for b in calibration_table(points)],
        "high_confidence": {
            "threshold": HIGH_CONFIDENCE,
            "values": len(high),
            "right": sum(high),
            "share_right": sum(high) / len(high) if high else None,
        },
        "documents": [doc_json(s) for s in scores],
    }


def totals_json(t: Totals) -> dict[str, Any]:
    out: dict[str, Any] = {
        "documents": t.documents,
        "pages": t.pages,
        "seconds": round(t.seconds, 3),
        "seconds_per_page": t.seconds_per_page,
        "header_accuracy": t.header_accuracy,
        "line_precision": t.line_precision,
        "line_recall": t.line_recall,
        "line_f1": t.line_f1,
        "perfect_rate": t.perfect_rate,
        "failed_as_expected": list(t.failed_as_expected),
    }
    if t.routing is not None:
        r = t.routing
        out["routing"] = {
            "straight_through": list(r.straight_through),
            "false_accepts": r.false_accepts,
            "review_recall": list(r.review_recall),
            "rule_agreement": list(r.rule_agreement),
            "failed_as_expected": list(r.failed_as_expected),
        }
    return out


def bin_json(b: CalibrationBin) -> dict[str, Any]:
    return {
        "low": b.low,
        "high": min(b.high, 1.0),
        "values": b.values,
        "right": b.right,
        "share_right": b.share_right,
    }


def doc_json(s: DocScore) -> dict[str, Any]:
    return {
        "name": s.name,
        "kind": s.kind,
        "layout": s.layout,
        "pages": s.pages,
        "seconds": round(s.seconds, 3),
        "perfect": s.perfect,
        "header_right": s.header_right,
        "header_total": s.header_total,
        "lines_matched": s.lines_matched,
        "lines_predicted": s.lines_predicted,
        "lines_truth": s.lines_truth,
        "error": s.error,
        "expected_status": s.expected_status,
        "status": s.status,
        "fired_rules": list(s.fired_rules),
        "expected_rules": list(s.expected_rules),
        "false_accept": is_false_accept(s),
        "wrong": [str(m) for m in s.mismatches],
    }
