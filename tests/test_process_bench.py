"""`poflow bench process`: unique copies stay valid PDFs; the command prints its figures."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pdfplumber
import pytest

from poflow.benchmarks.process import bench_process, text_pdfs, unique_copies
from poflow.settings import load_settings

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two text PDFs and the master data, copied (the corpus may change meanwhile)."""
    sources = sorted((SAMPLES / "corpus").glob("*text_pdf-01.pdf"))[:2]
    if len(sources) < 2:
        pytest.skip("needs text PDF samples")
    (tmp_path / "corpus").mkdir()
    for path in sources:
        shutil.copy(path, tmp_path / "corpus" / path.name)
    shutil.copytree(SAMPLES / "master", tmp_path / "master")
    (tmp_path / "corpus" / "not-a-pdf.pdf").write_bytes(b"garbage")
    return tmp_path


def test_copies_are_unique_and_still_pdfs(folder: Path) -> None:
    sources = text_pdfs(folder)
    assert len(sources) == 2  # the broken file is not a text PDF
    copies = list(unique_copies(sources, 5))
    assert len({hashlib.sha256(data).hexdigest() for _, data in copies}) == 5
    name, data = copies[2]
    copy = folder / name
    copy.write_bytes(data)
    with pdfplumber.open(copy) as pdf:
        assert pdf.pages[0].extract_text()


def test_bench_prints_rate_and_step_shares(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real_home = tmp_path / "real"
    settings = load_settings(home=real_home)
    assert bench_process(folder, settings, limit=3) == 0
    out = capsys.readouterr().out
    assert "3 documents from 2 text PDFs" in out and "docs/s" in out
    for step in ("intake", "extraction", "rules", "storage"):
        assert step in out
    assert not real_home.exists()  # a throw-away database, never the real order store
