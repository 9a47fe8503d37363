"""`poflow bench extract`: poflow's whole extraction against raw Tesseract on the same page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from poflow.benchmarks.extract import bench_extract
from poflow.settings import load_settings

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def test_bench_times_a_scan_against_raw_tesseract(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scan = SAMPLES / "corpus" / "ca_minimal-scan-01.png"
    if not scan.is_file():
        pytest.skip("needs the corpus scan")
    (tmp_path / "set").mkdir()
    for path in (scan, scan.with_name("ca_minimal-scan-01.truth.json")):
        shutil.copy(path, tmp_path / "set" / path.name)
    shutil.copytree(SAMPLES / "master", tmp_path / "master")
    (tmp_path / "set" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")

    assert bench_extract(tmp_path / "set", load_settings(home=tmp_path / "home"), limit=None) == 0
    out = capsys.readouterr().out
    number = r"\s+([\d.]+)"
    row = re.search(rf"^scan\s+1\s+1\s+1{number * 5}", out, re.MULTILINE)
    assert row, out
    poflow, raw, ratio, engine, over = map(float, row.groups())
    assert poflow > 0 and raw > 0 and engine > 0
    assert ratio == pytest.approx(poflow / raw, rel=0.1)
    assert over == pytest.approx(poflow / engine, rel=0.1)
    assert "skipped broken.png" in out


def test_bench_times_a_whole_extract_command_on_a_one_page_text_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text_pdf = SAMPLES / "corpus" / "ca_minimal-text_pdf-01.pdf"
    if not text_pdf.is_file():
        pytest.skip("needs the corpus text PDF")
    for path in (text_pdf, text_pdf.with_name("ca_minimal-text_pdf-01.truth.json")):
        shutil.copy(path, tmp_path / path.name)

    assert bench_extract(tmp_path, load_settings(home=tmp_path / "home"), limit=None) == 0
    out = capsys.readouterr().out
    line = re.search(r"^poflow extract ca_minimal-text_pdf-01\.pdf .* median ([\d.]+) s", out, re.M)
    assert line, out
    assert 0.1 < float(line.group(1)) < 60
