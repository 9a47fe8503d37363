"""The text layer of PDF pages: words with boxes (pdfplumber) and facts for the OCR decision.

Boxes are PDF points from the page's top-left corner (contract §2). `PageFacts` holds what
`reading.needs_ocr` weighs: how much of the page images cover, whether the text is invisible
(a previous OCR's layer) and how many glyphs have no Unicode mapping.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from poflow.domain import Word

if TYPE_CHECKING:
    import pypdfium2

# Tighter than pdfplumber's default (3 pt) so that close table columns stay separate words;
# text flow keeps the reading order of multi-column layouts.
WORD_OPTIONS: dict[str, Any] = {
    "x_tolerance": 2,
    "y_tolerance": 3,
    "keep_blank_chars": False,
    "use_text_flow": True,
}
_INVISIBLE_RENDER_MODE = 3  # PDF text rendering mode 3: neither fill nor stroke

# CJK fonts map some ideographs to the look-alike radical code points ("⽉" U+2F49 for "月",
# "⻓" U+2ED3 for "长"): the same characters as printed, so words and labels read as their
# ideographs. Kangxi radicals have an NFKC mapping; most of the CJK Radicals Supplement has
# none, so the simplified ones Chinese fonts use are mapped here as Unicode's
# EquivalentUnifiedIdeograph.txt does.
_SUPPLEMENT = dict(
    zip(
        "⺠⺦⺰⻅⻆⻈⻉⻋⻐⻓⻔⻙⻚⻛⻜⻠⻢⻥⻦⻧⻨⻩⻪⻬⻮⻰",
        "民丬纟见角讠贝车钅长门韦页风飞饣马鱼鸟卤麦黄黾齐齿龙",
        strict=True,
    )
)
_RADICALS = {
    code: unicodedata.normalize("NFKC", _SUPPLEMENT.get(chr(code), chr(code)))
    for code in (*range(0x2E80, 0x2EFF), *range(0x2F00, 0x2FE0))
    if unicodedata.normalize("NFKC", _SUPPLEMENT.get(chr(code), chr(code))) != chr(code)
}


@dataclass(frozen=True)
class PageFacts:
    """What a page is made of, as far as the OCR decision cares."""

    width: float
    height: float
    char_count: int = 0
    unmapped_chars: int = 0  # "(cid:NN)" glyphs and U+FFFD: the font has no Unicode map
    image_coverage: float = 0.0  # share of the page area under images, 0..1
    text_objects: int = 0
    invisible_text_objects: int = 0


def page_words(page: Any) -> tuple[Word, ...]:
    """The words of one pdfplumber page, in points from top-left, confidence 1.0."""
    words = page.extract_words(**WORD_OPTIONS)
    x_off, y_off = float(page.bbox[0]), float(page.bbox[1])  # pages whose box is not at 0,0
    return join_small_caps(
        [
            Word(
                text=w["text"].translate(_RADICALS),
                x0=float(w["x0"]) - x_off,
                top=float(w["top"]) - y_off,
                x1=float(w["x1"]) - x_off,
                bottom=float(w["bottom"]) - y_off,
            )
            for w in words
            if w["text"].strip()
        ]
    )


def join_small_caps(words: list[Word]) -> tuple[Word, ...]:
    """Small capitals ("SUMINISTROS" printed as a tall "S" and smaller "UMINISTROS") come
    out as two words, their tops too far apart for one line: a lone capital touching the
    capitals after it on the same baseline is the same word."""
    out: list[Word] = []
    for word in words:
        prev = out[-1] if out else None
        if prev is not None and _small_caps_pair(prev, word):
            out[-1] = Word(prev.text + word.text, prev.x0, prev.top, word.x1, prev.bottom)
        else:
            out.append(word)
    return tuple(out)


def _small_caps_pair(initial: Word, rest: Word) -> bool:
    height = initial.bottom - initial.top
    return (
        len(initial.text) == 1
        and initial.text.isupper()
        and rest.text[:1].isupper()
        and rest.text.upper() == rest.text
        and -0.05 * height <= rest.x0 - initial.x1 <= 0.15 * height  # touching, to rounding
        and rest.bottom - rest.top < 0.9 * height  # smaller letters: not two separate words
        and abs(rest.bottom - initial.bottom) <= 0.15 * height  # one baseline (roughly)
    )


def page_facts(plumber_page: Any, pdfium_page: pypdfium2.PdfPage) -> PageFacts:
    """Counts for `needs_ocr`: chars and unmapped glyphs (pdfplumber), images and text modes
    (pdfium, which knows the text rendering mode pdfminer drops)."""
    chars = plumber_page.chars
    unmapped = sum(1 for c in chars if "(cid:" in c["text"] or "\ufffd" in c["text"])
    width, height = float(plumber_page.width), float(plumber_page.height)
    coverage, text_objs, invisible = _object_facts(pdfium_page, width, height)
    return PageFacts(
        width=width,
        height=height,
        char_count=len(chars),
        unmapped_chars=unmapped,
        image_coverage=coverage,
        text_objects=text_objs,
        invisible_text_objects=invisible,
    )


def _object_facts(page: pypdfium2.PdfPage, width: float, height: float) -> tuple[float, int, int]:
    """Image coverage (largest image's clipped area, so stacked strips don't overcount much),
    and the number of text objects, of which invisible."""
    import pypdfium2.raw as pdfium_c

    image_area = 0.0
    text_objs = invisible = 0
    for obj in page.get_objects(
        filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_TEXT), max_depth=2
    ):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            text_objs += 1
            mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw)
            invisible += int(mode == _INVISIBLE_RENDER_MODE)
            continue
        left, bottom, right, top = obj.get_bounds()
        w = max(0.0, min(right, width) - max(left, 0.0))
        h = max(0.0, min(top, height) - max(bottom, 0.0))
        image_area += w * h
    page_area = max(width * height, 1.0)
    return min(image_area / page_area, 1.0), text_objs, invisible
