"""`poflow bench process DIR`: the whole pipeline over text PDFs, into a throw-away database.

The text PDFs under DIR are cycled up to `limit` documents (default 100). Byte-identical
repeats would be duplicates, so each copy gets a PDF comment with a counter after
`%%EOF` (still a valid PDF, a new SHA-256). Master data is imported from `master/` beside
the samples when there is one. Prints documents per second and the share of time spent
in intake, extraction, rules and storage.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from itertools import cycle, islice
from pathlib import Path

from poflow.settings import Settings, load_settings

DEFAULT_DOCUMENTS = 100


def text_pdfs(directory: Path) -> list[Path]:
    """PDFs under `directory` whose first page has a text layer (no OCR in this benchmark)."""
    import pdfplumber

    found = []
    for path in sorted(directory.rglob("*.pdf")):
        try:
            with pdfplumber.open(path) as pdf:
                if pdf.pages and pdf.pages[0].chars:
                    found.append(path)
        except Exception:  # a broken sample is simply not a text PDF here
            continue
    return found


def unique_copies(paths: list[Path], count: int) -> Iterator[tuple[str, bytes]]:
    """`count` documents cycling over `paths`, each with a distinct trailing PDF comment."""
    for n, path in enumerate(islice(cycle(paths), count), start=1):
        yield f"{n:04d}-{path.name}", path.read_bytes() + f"\n%poflow-bench {n}\n".encode()


def bench_process(directory: Path, settings: Settings, *, limit: int | None) -> int:
    from flows.pipeline import Pipeline

    sources = text_pdfs(directory)
    if not sources:
        print(f"no text PDFs under {directory}")
        return 1
    count = limit or DEFAULT_DOCUMENTS
    with tempfile.TemporaryDirectory(prefix="poflow-bench-") as tmp:
        bench_settings = _throwaway(settings, Path(tmp))
        _import_master(directory, bench_settings)
        statuses: Counter[str] = Counter()
        with Pipeline.open(bench_settings) as pipeline:
            started = time.perf_counter()
            for name, data in unique_copies(sources, count):
                statuses[pipeline.process_bytes(data, name, source="bench").status] += 1
            elapsed = time.perf_counter() - started
            times = pipeline.times
    print(
        f"{count} documents from {len(sources)} text PDFs in {elapsed:.1f} s: "
        f"{count / elapsed:.2f} docs/s, {elapsed / count * 1000:.0f} ms/doc"
    )
    print("statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    if count > len(sources):
        print("  (copies after the first round carry a PO already stored: duplicate_po review)")
    steps = {
        "intake": times.intake,
        "extraction": times.extraction,
        "rules": times.rules,
        "storage": times.storage,
    }
    for step, seconds in steps.items():
        print(f"  {step:<11} {seconds:7.2f} s  {seconds / elapsed:6.1%}")
    return 0


def _throwaway(settings: Settings, home: Path) -> Settings:
    """The same settings, but data and database in `home` (never the real order store)."""
    values = settings.model_dump()
    values.update(home=home, database_url=f"sqlite:///{home / 'bench.db'}", watch_dir=None)
    return load_settings(**values)


def _import_master(directory: Path, settings: Settings) -> None:
    from poflow.app import import_master_data

    for folder in (directory / "master", directory.parent / "master"):
        customers, products = folder / "customers.csv", folder / "products.csv"
        if customers.is_file() or products.is_file():
            import_master_data(
                settings,
                customers=customers if customers.is_file() else None,
                products=products if products.is_file() else None,
            )
            return
