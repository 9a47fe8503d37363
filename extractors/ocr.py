"""Tesseract: words with boxes and confidences from one page image, and page orientation/script.

The binary is run directly (one call per page, TSV output) rather than through pytesseract so
that its environment carries `OMP_THREAD_LIMIT=1` — Tesseract's OpenMP threads make it several
times slower on a machine with few cores shared by several workers — and so a timeout kills it.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from poflow.domain import Word
from poflow.errors import ConfigError, CorruptFile

if TYPE_CHECKING:
    import numpy as np

TESSERACT = "tesseract"


class OcrTimeout(Exception):
    """Internal: one Tesseract call ran out of time; the caller notes it on the page."""


@dataclass(frozen=True)
class OcrResult:
    words: tuple[Word, ...]
    languages: str
    seconds: float = 0.0

    @property
    def mean_confidence(self) -> float:
        return sum(w.confidence for w in self.words) / len(self.words) if self.words else 0.0

    @property
    def score(self) -> float:
        """Confidence mass of the readable words: compares two readings of the same page."""
        return sum(w.confidence for w in self.words if w.confidence >= 0.5)


@dataclass(frozen=True)
class Osd:
    """Tesseract's orientation and script detection (`--psm 0`)."""

    rotate: int  # degrees clockwise that make the page upright
    orientation_confidence: float
    script: str
    script_confidence: float


def tesseract_env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def run_tesseract(image: np.ndarray, args: list[str], *, timeout_s: float, dpi: int) -> str:
    """Run the binary on a grayscale image; stdout as text. Raises `OcrTimeout` on timeout."""
    import cv2

    with tempfile.TemporaryDirectory(prefix="poflow-ocr-") as tmp:
        path = Path(tmp) / "page.pgm"  # PGM: no compression, the cheapest to write and read
        cv2.imwrite(str(path), image)
        cmd = [TESSERACT, str(path), "stdout", "--dpi", str(dpi), *args]
        try:
            done = subprocess.run(
                cmd, capture_output=True, timeout=timeout_s, env=tesseract_env(), check=False
            )
        except subprocess.TimeoutExpired:
            raise OcrTimeout(f"Tesseract timed out after {timeout_s:g} s") from None
        except FileNotFoundError:
            raise ConfigError("the tesseract binary is not installed (apt tesseract-ocr)") from None
    if done.returncode != 0:  # the binary runs (else FileNotFoundError): the image is the issue
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise CorruptFile(
            f"the OCR engine cannot read the page image ({message[-1] if message else 'exit'}"
            f" {done.returncode})"
        )
    return done.stdout.decode("utf-8", errors="replace")


def ocr_words(
    image: np.ndarray, *, languages: str, timeout_s: float, dpi: int = 300, psm: int = 3
) -> OcrResult:
    """Words with pixel boxes, confidence 0..1, and Tesseract's (block, par, line) key."""
    import time

    start = time.perf_counter()
    args = ["--oem", "1", "--psm", str(psm), "-l", languages, "tsv"]
    tsv = run_tesseract(image, args, timeout_s=timeout_s, dpi=dpi)
    return OcrResult(parse_tsv(tsv), languages, time.perf_counter() - start)


def parse_tsv(tsv: str) -> tuple[Word, ...]:
    """Tesseract TSV rows of level 5 (words) with text and a confidence, as `Word`s."""
    words: list[Word] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        conf = float(row.get("conf") or -1)
        if row.get("level") != "5" or not text or conf < 0:
            continue
        left, top = int(row["left"]), int(row["top"])
        words.append(
            Word(
                text=text,
                x0=float(left),
                top=float(top),
                x1=float(left + int(row["width"])),
                bottom=float(top + int(row["height"])),
                confidence=round(min(conf, 100.0) / 100.0, 4),
                line_key=(int(row["block_num"]), int(row["par_num"]), int(row["line_num"])),
            )
        )
    return join_cjk(words)


def _is_cjk(text: str) -> bool:
    return all("\u3000" <= ch <= "\u9fff" or "\uf900" <= ch <= "\uffef" for ch in text)


def join_cjk(words: list[Word]) -> tuple[Word, ...]:
    """Tesseract's chi_sim splits CJK text into single-character "words"; rejoin neighbours on
    one line with a gap under half the text height (or overlapping), so that names and labels
    are one word as in a text layer. The joined word's confidence is the lowest of its parts."""
    out: list[Word] = []
    for word in words:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.line_key == word.line_key
            and _is_cjk(prev.text[-1])
            and _is_cjk(word.text[0])
            # Overlapping boxes are common here (LSTM character boxes are loose): join them too.
            and word.x0 - prev.x1 < 0.5 * max(word.bottom - word.top, prev.bottom - prev.top)
        ):
            out[-1] = Word(
                text=prev.text + word.text,
                x0=min(prev.x0, word.x0),
                top=min(prev.top, word.top),
                x1=max(prev.x1, word.x1),
                bottom=max(prev.bottom, word.bottom),
                confidence=min(prev.confidence, word.confidence),
                line_key=prev.line_key,
            )
        else:
            out.append(word)
    return tuple(out)


_OSD_FIELDS = {
    "rotate": re.compile(r"Rotate:\s*(\d+)"),
    "orientation_confidence": re.compile(r"Orientation confidence:\s*([\d.]+)"),
    "script": re.compile(r"Script:\s*(\S+)"),
    "script_confidence": re.compile(r"Script confidence:\s*([\d.]+)"),
}


def detect_orientation(image: np.ndarray, *, timeout_s: float, dpi: int = 300) -> Osd | None:
    """Orientation and script, or None when Tesseract cannot tell (too little text)."""
    try:
        out = run_tesseract(image, ["--psm", "0"], timeout_s=timeout_s, dpi=dpi)
    except CorruptFile:  # "Too few characters" is a failing exit code, not a broken page
        return None
    found = {k: rx.search(out) for k, rx in _OSD_FIELDS.items()}
    if not all(found.values()):
        return None
    return Osd(
        rotate=int(found["rotate"].group(1)),  # type: ignore[union-attr]
        orientation_confidence=float(found["orientation_confidence"].group(1)),  # type: ignore[union-attr]
        script=found["script"].group(1),  # type: ignore[union-attr]
        script_confidence=float(found["script_confidence"].group(1)),  # type: ignore[union-attr]
    )
