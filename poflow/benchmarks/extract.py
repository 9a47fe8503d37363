"""`poflow bench extract DIR`: extraction speed per kind of input against raw Tesseract.

For every PDF and image under DIR (recursively; `.truth.json` files give the kind, else the
way the pages were read does), time poflow's whole extraction in-process: reading the pages
(`reading.read_pages`) and finding the order in them (`pipeline.extract_from_pages`, with its
second reads of doubtful cells and names, against the master data beside DIR; Tesseract runs
in this process with its language models loaded once, as in a worker); and for the pages
that were OCR'd time the bare `tesseract IMAGE - --oem 1 --psm 3` command on the same
rasterised page (300 dpi, `OMP_THREAD_LIMIT=1`), which loads its models on every call, and
the same single call in this process (`tesseract_api`, models loaded): poflow's own cost
over one Tesseract reading is the second ratio. Prints a small table; bad inputs are
counted and skipped. Last, the wall time of a whole `poflow extract FILE --json` command on
the first one-page text PDF, start-up included.
Targets: OCR pages ≤ 1.3 × raw Tesseract, text-layer pages ≤ 0.3 s, peak RSS ≤ 500 MB,
`poflow extract` on a one-page text PDF ≤ 1.5 s.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from poflow.domain import ExtractionContext
from poflow.errors import BadDocument
from poflow.settings import Settings

if TYPE_CHECKING:
    import numpy as np

SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"}


@dataclass
class KindFigures:
    files: int = 0
    pages: int = 0
    ocr_pages: int = 0
    poflow_seconds: float = 0.0
    poflow_ocr_seconds: float = 0.0  # poflow's time on the OCR'd pages only
    raw_seconds: float = 0.0
    engine_seconds: float = 0.0  # the same Tesseract call in this process, models loaded
    peak_rss_mb: float = 0.0
    notes: dict[str, int] = field(default_factory=dict)


def bench_extract(directory: Path, settings: Settings, *, limit: int | None) -> int:
    """Read every sample, print the per-kind table; 0 when done (bad files are reported)."""
    from extractors.pipeline import extract_from_pages
    from extractors.reading import text_to_page
    from poflow.app import extraction_context
    from poflow.domain import MasterData
    from poflow.scoreboard import find_master_folder, read_master_folder

    master = find_master_folder(directory)
    context = extraction_context(settings, read_master_folder(master) if master else MasterData())
    extract_from_pages([text_to_page("PO 1")], context)  # imports: not the first file's cost
    files = sample_files(directory)[:limit]
    figures: dict[str, KindFigures] = {}
    skipped: list[str] = []
    one_page_text: Path | None = None
    for path in files:
        try:
            kind, result = _bench_one(path, context)
        except BadDocument as exc:
            skipped.append(f"{path.name}: {exc.reason}")
            continue
        _merge(figures.setdefault(kind, KindFigures()), result)
        if one_page_text is None and kind == "text_pdf" and result.pages == 1:
            one_page_text = path
    print(format_table(figures))
    for line in skipped:
        print(f"skipped {line}")
    if one_page_text is not None:
        print(startup_line(one_page_text))
    return 0


STARTUP_RUNS = 5


def startup_line(path: Path) -> str:
    """Wall seconds of `poflow extract PATH --json` as a new process (median and fastest)."""
    walls = []
    for _ in range(STARTUP_RUNS):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "poflow.cli", "extract", str(path), "--json"],
            capture_output=True,
            check=False,
        )
        walls.append(time.perf_counter() - start)
        if done.returncode != 0:
            return f"poflow extract {path.name}: failed (exit {done.returncode})"
    return (
        f"poflow extract {path.name} (one text page, start-up included): median "
        f"{statistics.median(walls):.2f} s, fastest {min(walls):.2f} s of {STARTUP_RUNS} runs"
    )


def sample_files(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.rglob("*")
        if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.endswith(".truth.json")
    )


def _bench_one(path: Path, context: ExtractionContext) -> tuple[str, KindFigures]:
    from extractors import reading, sniff
    from extractors.pipeline import extract_from_pages

    data = path.read_bytes()
    fmt = sniff.sniff(data, path.name)
    if fmt == "eml":
        raise BadDocument("an e-mail (not benchmarked here)")
    start = time.perf_counter()
    pages = reading.read_pages(data, fmt, context, name=path.name)
    read = time.perf_counter()
    extract_from_pages(pages, context)
    extracting = time.perf_counter() - read
    figures = KindFigures(files=1, pages=len(pages))
    figures.poflow_seconds = time.perf_counter() - start
    ocr_numbers = [p.page_no for p in pages if p.method == "ocr"]
    figures.ocr_pages = len(ocr_numbers)
    # The order is found once per document: each OCR'd page bears its share.
    figures.poflow_ocr_seconds = sum(p.seconds for p in pages if p.method == "ocr") + (
        extracting * len(ocr_numbers) / len(pages)
    )
    figures.raw_seconds, figures.engine_seconds = _raw_tesseract_seconds(
        data, fmt, ocr_numbers, path
    )
    figures.peak_rss_mb = _peak_rss_mb()
    for page in pages:
        for note in page.notes:
            if note.startswith(("cleanup:", "orientation:", "language:", "layout:")):
                step = note.split("(")[0].split(":")[1].strip()
                figures.notes[step] = figures.notes.get(step, 0) + 1
    kind = _truth_kind(path) or reading.input_kind(pages, fmt).value
    # Pages read twice for their language are their own row: the ratio differs by design.
    if any(n.startswith("language:") for p in pages for n in p.notes):
        kind += " +lang pass"
    return kind, figures


def _truth_kind(path: Path) -> str | None:
    truth = path.with_name(path.name.rsplit(".", 1)[0] + ".truth.json")
    if not truth.is_file():
        return None
    try:
        kind = json.loads(truth.read_text(encoding="utf-8")).get("kind")
    except (ValueError, OSError):
        return None
    return str(kind) if kind else None


def _raw_tesseract_seconds(
    data: bytes, fmt: str, page_numbers: list[int], path: Path
) -> tuple[float, float]:
    """Bare Tesseract on the same pages (the image file itself, or PDF pages at 300 dpi): as
    a command, and as one call in this process."""
    if not page_numbers:
        return 0.0, 0.0
    import numpy as np

    if fmt == "image":
        from PIL import Image

        with Image.open(path) as image:
            gray = np.asarray(image.convert("L"))
        return _time_tesseract(path), _time_engine(gray)
    import pypdfium2

    raw = engine = 0.0
    document = pypdfium2.PdfDocument(data)
    try:
        with tempfile.TemporaryDirectory(prefix="poflow-bench-") as tmp:
            for number in page_numbers:
                image = document[number - 1].render(scale=300 / 72, grayscale=True).to_pil()
                png = Path(tmp) / f"page{number}.png"
                image.save(png, dpi=(300, 300))
                raw += _time_tesseract(png)
                engine += _time_engine(np.asarray(image.convert("L")))
    finally:
        document.close()
    return raw, engine


def _time_engine(gray: np.ndarray) -> float:
    from extractors import tesseract_api

    if not tesseract_api.available():
        return 0.0
    start = time.perf_counter()
    tesseract_api.tsv(gray, languages="eng", psm=3, dpi=300, timeout_s=600)
    return time.perf_counter() - start


def _time_tesseract(image: Path) -> float:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    start = time.perf_counter()
    subprocess.run(
        ["tesseract", str(image), "-", "--oem", "1", "--psm", "3"],
        env=env,
        capture_output=True,
        check=False,
    )
    return time.perf_counter() - start


def _peak_rss_mb() -> float:
    """Peak resident memory of this process (Tesseract's loaded models included) or of its
    largest child (a raw `tesseract` run), in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # Linux reports kilobytes


def _merge(total: KindFigures, one: KindFigures) -> None:
    total.files += one.files
    total.pages += one.pages
    total.ocr_pages += one.ocr_pages
    total.poflow_seconds += one.poflow_seconds
    total.poflow_ocr_seconds += one.poflow_ocr_seconds
    total.raw_seconds += one.raw_seconds
    total.engine_seconds += one.engine_seconds
    total.peak_rss_mb = max(total.peak_rss_mb, one.peak_rss_mb)
    for step, count in one.notes.items():
        total.notes[step] = total.notes.get(step, 0) + count


def format_table(figures: dict[str, KindFigures]) -> str:
    header = (
        f"{'kind':<18}{'files':>6}{'pages':>6}{'ocr pg':>7}{'poflow s/pg':>12}"
        f"{'raw tess s/pg':>14}{'ratio':>7}{'in-process s/pg':>16}{'ratio':>7}{'peak MB':>9}"
        "  steps applied"
    )
    rows = [header, "-" * len(header)]
    for kind, f in sorted(figures.items()):
        per_page = f.poflow_seconds / f.pages if f.pages else 0.0
        raw = f"{f.raw_seconds / f.ocr_pages:.2f}" if f.ocr_pages else "-"
        ratio = f"{f.poflow_ocr_seconds / f.raw_seconds:.2f}" if f.raw_seconds else "-"
        engine = f"{f.engine_seconds / f.ocr_pages:.2f}" if f.engine_seconds else "-"
        over = f"{f.poflow_ocr_seconds / f.engine_seconds:.2f}" if f.engine_seconds else "-"
        steps = ", ".join(f"{k} ×{v}" for k, v in sorted(f.notes.items()))
        rows.append(
            f"{kind:<18}{f.files:>6}{f.pages:>6}{f.ocr_pages:>7}{per_page:>12.2f}"
            f"{raw:>14}{ratio:>7}{engine:>16}{over:>7}{f.peak_rss_mb:>9.0f}  {steps}"
        )
    return "\n".join(rows)
