"""Tesseract in-process (`tesseract_api`, libtesseract's C API) against the `tesseract`
command (pytesseract): the same words on the same images, a deadline, missing languages,
engines kept per configuration and shared by threads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors import ocr, tesseract_api
from extractors.ocr_boxes import CODE_CHARACTERS, NO_WORD_LISTS
from poflow.errors import ConfigError

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LINES = [
    "PURCHASE ORDER 4500012345",
    "Order Date 2026-03-15   Terms Net 30",
    "AX-1000  Hex bolt zinc plated  250  0.42  105.00",
    "Lieferanschrift: Müllerstraße 7, 80331 München",
]

pytestmark = pytest.mark.skipif(not tesseract_api.available(), reason="no libtesseract 5")


def _page(lines: list[str] = LINES, size: int = 30) -> np.ndarray:
    image = Image.new("L", (1400, 120 + 70 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, size)
    for i, line in enumerate(lines):
        draw.text((60, 60 + i * 70), line, fill=0, font=font)
    return np.asarray(image).copy()


@pytest.mark.parametrize(
    ("languages", "psm", "variables"),
    [
        ("eng", 3, {}),
        ("deu+eng", 6, {}),
        ("eng", 6, {"tessedit_char_whitelist": CODE_CHARACTERS, **NO_WORD_LISTS}),
    ],
)
def test_the_library_reads_what_the_command_reads(
    languages: str, psm: int, variables: dict[str, str]
) -> None:
    image = _page()
    library = tesseract_api.tsv(
        image, languages=languages, psm=psm, dpi=150, timeout_s=30, variables=variables
    )
    command = ocr._run_command(
        image, osd=False, lang=languages, psm=psm, variables=variables, timeout_s=30, dpi=150
    )
    assert library == command
    assert "4500012345" in " ".join(w.text for w in ocr.parse_tsv(library))


def test_whitelists_share_one_engine_and_each_call_reads_with_its_own() -> None:
    """The whitelist is set per call: after a digits-only read, a code read and a read with
    none are what the command reads with theirs, and no further engine is loaded."""
    image = _page(LINES[2:3])
    tesseract_api.tsv(image, languages="eng", psm=7, dpi=150, timeout_s=30, variables=NO_WORD_LISTS)
    loaded = len(tesseract_api._engines)
    for whitelist in ("0123456789.,-", CODE_CHARACTERS, None):
        variables = dict(NO_WORD_LISTS)
        if whitelist is not None:
            variables["tessedit_char_whitelist"] = whitelist
        library = tesseract_api.tsv(
            image, languages="eng", psm=7, dpi=150, timeout_s=30, variables=variables
        )
        command = ocr._run_command(
            image, osd=False, lang="eng", psm=7, variables=variables, timeout_s=30, dpi=150
        )
        assert library == command, whitelist
    assert len(tesseract_api._engines) == loaded


def test_without_the_library_the_command_reads_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    image = _page()
    in_process = ocr.ocr_words(image, languages="eng", timeout_s=30, dpi=150)
    monkeypatch.setattr(tesseract_api, "available", lambda: False)
    by_command = ocr.ocr_words(image, languages="eng", timeout_s=30, dpi=150)
    assert in_process.words == by_command.words
    assert {"4500012345", "AX-1000"} <= {w.text for w in by_command.words}


def test_a_call_past_its_deadline_is_a_timeout() -> None:
    with pytest.raises(ocr.OcrTimeout, match="timed out"):
        ocr.ocr_words(_page(LINES * 6), languages="eng", timeout_s=0.001, dpi=150)
    # The engine is fine afterwards: the next call reads the page.
    assert ocr.ocr_words(_page(), languages="eng", timeout_s=30, dpi=150).words


def test_a_language_tesseract_lacks_is_a_configuration_error() -> None:
    with pytest.raises(ConfigError, match="xyz"):
        ocr.ocr_words(_page(), languages="xyz", timeout_s=30, dpi=150)


def test_an_engine_is_loaded_once_per_configuration_and_the_oldest_is_let_go(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tesseract_api, "KEPT_ENGINES", 2)
    tesseract_api._close_all()
    small = _page(LINES[:1])
    first = tesseract_api._engine("eng", {})
    tesseract_api.tsv(small, languages="eng", psm=7, dpi=150, timeout_s=30)
    assert tesseract_api._engine("eng", {}) is first
    tesseract_api.tsv(small, languages="deu+eng", psm=7, dpi=150, timeout_s=30)
    tesseract_api.tsv(small, languages="fra", psm=7, dpi=150, timeout_s=30)
    assert first.handle is None  # closed when a third configuration came
    assert list(tesseract_api._engines) == [("deu+eng", ()), ("fra", ())]
    # A caller still holding the closed engine gets a freshly loaded one.
    assert "PURCHASE" in tesseract_api.tsv(small, languages="eng", psm=7, dpi=150, timeout_s=30)


def test_threads_share_an_engine_one_call_at_a_time() -> None:
    pages = [_page([line]) for line in LINES]
    alone = [tesseract_api.tsv(p, languages="eng", psm=7, dpi=150, timeout_s=30) for p in pages]
    with ThreadPoolExecutor(4) as pool:
        together = list(
            pool.map(
                lambda p: tesseract_api.tsv(p, languages="eng", psm=7, dpi=150, timeout_s=30),
                pages * 3,
            )
        )
    assert together == alone * 3


def test_leptonica_keeps_its_complaints_out_of_the_terminal(
    capfd: pytest.CaptureFixture[str],
) -> None:
    import ctypes
    import ctypes.util

    assert tesseract_api.available()
    leptonica = ctypes.CDLL(ctypes.util.find_library("lept") or "libleptonica.so.6")
    leptonica.boxClipToRectangle(None, 10, 10)  # "Error in boxClipToRectangle: box not defined"
    assert capfd.readouterr().err == ""
