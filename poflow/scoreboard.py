"""`poflow eval DIR [--process] [--json]`: the team's measuring stick.

Every sample under DIR with a `NAME.truth.json` beside it is read (and with `--process`
taken through the whole pipeline into a throw-away database), compared with its truth by
`poflow.scoreboard_compare`, and the figures are printed per kind of input and overall by
`poflow.scoreboard_report`. It is a report, not a gate: exit 0 after printing, exit 3 when
DIR holds no samples.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from poflow.domain import Customer, MasterData, NeedsReview, Product, Verdict
from poflow.errors import BadDocument, CorruptFile, MasterDataError, MissingFile, NotYetAvailable
from poflow.scoreboard_compare import DocScore, compare_order, refused_document
from poflow.settings import Settings

TRUTH_SUFFIX = ".truth.json"


@dataclass(frozen=True)
class Sample:
    """One input file of the corpus and its truth object (contract §6)."""

    name: str  # path relative to the corpus folder, as printed
    path: Path
    truth: dict[str, Any]


def run_eval(directory: Path, settings: Settings, *, process: bool, as_json: bool) -> int:
    """Score every sample under `directory`; print the figures; 0, or 3 without samples."""
    from poflow.scoreboard_report import print_json, print_text

    samples = find_samples(directory)
    if not samples:
        raise MissingFile(f"no samples with a NAME{TRUTH_SUFFIX} beside them", name=str(directory))
    master_dir = find_master_folder(directory)
    if process:
        scores = process_samples(samples, settings, master_dir)
    else:
        master = read_master_folder(master_dir) if master_dir else MasterData()
        scores = [
            progress(extract_sample(s, settings, master), i, len(samples))
            for i, s in enumerate(samples, start=1)
        ]
    header = {
        "directory": str(directory),
        "mode": "process" if process else "extract",
        "master": str(master_dir) if master_dir else None,
    }
    (print_json if as_json else print_text)(header, scores)
    return 0


def progress(score: DocScore, done: int, total: int) -> DocScore:
    """One line per document on a terminal's stderr (a corpus of scans takes minutes)."""
    if sys.stderr.isatty():
        mark = "ok" if score.perfect else "  "
        print(f"[{done}/{total}] {mark} {score.seconds:6.2f}s {score.name}", file=sys.stderr)
    return score


# --- finding the corpus ---------------------------------------------------------------


def find_samples(directory: Path) -> list[Sample]:
    """Samples under `directory` (recursively) that have a truth file, sorted by name."""
    samples: list[Sample] = []
    for truth_path in sorted(directory.rglob(f"*{TRUTH_SUFFIX}")):
        documents = samples_beside(truth_path)  # none: a truth without a sample measures nothing
        truth = read_truth(truth_path) if documents else {}
        samples.extend(Sample(str(d.relative_to(directory)), d, truth) for d in documents)
    return sorted(samples, key=lambda s: s.name)


def read_truth(path: Path) -> dict[str, Any]:
    """A truth file (contract §6); a broken one stops the run, naming the file."""
    try:
        truth = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorruptFile(f"not a valid truth file ({exc})", name=str(path)) from None
    if not isinstance(truth, dict):
        raise CorruptFile("a truth file holds one JSON object", name=str(path))
    return truth


def samples_beside(truth_path: Path) -> list[Path]:
    """The files with the same stem as `NAME.truth.json` and any other extension.

    Several files may share one truth (the same order as `.pdf` and as `.png`).
    """
    stem = truth_path.name.removesuffix(TRUTH_SUFFIX)
    return sorted(
        p
        for p in truth_path.parent.glob(f"{_glob_escape(stem)}.*")
        if p != truth_path and p.is_file() and p.name.rsplit(".", 1)[0] == stem
    )


def sample_beside(truth_path: Path) -> Path | None:
    """The first sample of a truth file, or None."""
    found = samples_beside(truth_path)
    return found[0] if found else None


def _glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


def find_master_folder(directory: Path) -> Path | None:
    """The nearest `master/` folder with customers.csv or products.csv, in DIR or a parent."""
    for folder in (directory.resolve(), *directory.resolve().parents):
        master = folder / "master"
        if (master / "customers.csv").is_file() or (master / "products.csv").is_file():
            return master
    return None


# --- master data CSVs (contract §4), read without a database ---------------------------


def read_master_folder(folder: Path) -> MasterData:
    customers = folder / "customers.csv"
    products = folder / "products.csv"
    return MasterData(
        customers=tuple(_rows(customers, _customer)) if customers.is_file() else (),
        products={p.sku: p for p in _rows(products, _product)} if products.is_file() else {},
    )


def _rows(path: Path, build: Any) -> Iterator[Any]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row_no, row in enumerate(csv.DictReader(handle), start=2):
            try:
                yield build(row)
            except (KeyError, ValueError, InvalidOperation) as exc:
                raise MasterDataError(f"{path}: row {row_no}: {exc!r}") from None


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split("|") if v.strip())


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value.strip()) if value and value.strip() else None


def _customer(row: dict[str, str]) -> Customer:
    return Customer(
        customer_id=row["customer_id"].strip(),
        name=row["name"].strip(),
        aliases=_split(row.get("aliases")),
        email_domains=_split(row.get("email_domains")),
        country=(row.get("country") or "").strip() or None,
        currency=(row.get("currency") or "").strip() or None,
        credit_limit=_decimal(row.get("credit_limit")),
    )


def _product(row: dict[str, str]) -> Product:
    return Product(
        sku=row["sku"].strip(),
        description=(row.get("description") or "").strip() or None,
        unit=(row.get("unit") or "").strip() or None,
        unit_price=_decimal(row.get("unit_price")),
        currency=(row.get("currency") or "").strip() or None,
    )


# --- running --------------------------------------------------------------------------


def extract_sample(sample: Sample, settings: Settings, master: MasterData) -> DocScore:
    """Extraction only; a refused file is right only when its truth expects `failed`."""
    from extractors.pipeline import extract_document
    from poflow.app import extraction_context, read_input_file

    started = time.perf_counter()
    try:
        data = read_input_file(sample.path, settings)
        order = extract_document(data, sample.path.name, extraction_context(settings, master))
    except BadDocument as exc:
        seconds = time.perf_counter() - started
        return refused_document(sample.truth, exc.reason, name=sample.name, seconds=seconds)
    seconds = time.perf_counter() - started
    return compare_order(order, sample.truth, name=sample.name, seconds=seconds)


def throwaway_settings(settings: Settings, home: Path) -> Settings:
    """The same settings, but an embedded database and blob store in `home`."""
    values = settings.model_dump()
    values.update(home=home, database_url=None, watch_dir=None)
    return Settings(**values)


def process_samples(
    samples: list[Sample], settings: Settings, master_dir: Path | None
) -> list[DocScore]:
    """The whole pipeline, in name order, into a database that is deleted afterwards."""
    try:
        return _process_all(samples, settings, master_dir)
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in ("flows", "storage"):
            raise
        raise NotYetAvailable(f"'poflow eval --process' needs the pipeline ({exc})") from None


def _process_all(
    samples: list[Sample], settings: Settings, master_dir: Path | None
) -> list[DocScore]:
    from flows.pipeline import Pipeline
    from poflow.app import import_master_data

    with tempfile.TemporaryDirectory(prefix="poflow-eval-") as home:
        local = throwaway_settings(settings, Path(home))
        if master_dir is not None:
            customers, products = master_dir / "customers.csv", master_dir / "products.csv"
            import_master_data(
                local,
                customers=customers if customers.is_file() else None,
                products=products if products.is_file() else None,
            )
        with Pipeline.open(local) as pipeline:
            return [
                progress(_process_one(pipeline, sample), i, len(samples))
                for i, sample in enumerate(samples, start=1)
            ]


def _process_one(pipeline: Any, sample: Sample) -> DocScore:
    started = time.perf_counter()
    verdict: Verdict = pipeline.process_path(sample.path, source="eval")
    return score_verdict(verdict, sample, seconds=time.perf_counter() - started)


def score_verdict(verdict: Verdict, sample: Sample, *, seconds: float = 0.0) -> DocScore:
    """Fields from the verdict's order (if any), plus its status and fired rule ids."""
    order = getattr(verdict, "order", None)
    if order is None:
        reason = getattr(verdict, "reason", verdict.status)
        score = refused_document(sample.truth, reason, name=sample.name, seconds=seconds)
    else:
        score = compare_order(order, sample.truth, name=sample.name, seconds=seconds)
    fired = (
        tuple(sorted({f.rule for f in verdict.findings}))
        if isinstance(verdict, NeedsReview)
        else ()
    )
    return dataclasses.replace(score, status=verdict.status, fired_rules=fired)
