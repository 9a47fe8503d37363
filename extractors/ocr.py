"""Tesseract: words with boxes and confidences from one page image, and page
orientation/script.

One call per page, in this process through libtesseract (`tesseract_api`: no process start
or model load per call). Where the library does not load, and for orientation (OSD), the
`tesseract` command runs through pytesseract: the page is written as an uncompressed TIFF
and handed over by path, the cheapest image to write and to read (Leptonica decodes a
300 dpi page from TIFF in ~4 ms, from PNG in ~85 ms, from PGM, a byte per read, in ~200 ms).
Tesseract's OpenMP threads make it several times slower on a machine with few cores shared
by several workers, so every call runs with `OMP_THREAD_LIMIT=1`; a call has a time limit.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from extractors.layout import centre_inside, overlap, union_bbox
from poflow.domain import BBox, Word
from poflow.errors import ConfigError, CorruptFile

if TYPE_CHECKING:
    import numpy as np

    from extractors.unread_ink import Corners


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


def run_tesseract(
    image: np.ndarray,
    *,
    osd: bool = False,
    lang: str = "eng",
    psm: int = 3,
    variables: dict[str, str] | None = None,
    timeout_s: float,
    dpi: int,
) -> str:
    """Word data as TSV (or, with `osd`, orientation and script) for a grayscale image:
    in this process through libtesseract (`tesseract_api`) where it loads, else (and for
    OSD) the `tesseract` command through pytesseract, with the same words.

    Raises `OcrTimeout` when the call runs out of time.
    """
    from extractors import tesseract_api

    if not osd and tesseract_api.available():
        try:
            return tesseract_api.tsv(
                image, languages=lang, psm=psm, dpi=dpi, timeout_s=timeout_s, variables=variables
            )
        except tesseract_api.Timeout as exc:
            raise OcrTimeout(str(exc)) from None
        except tesseract_api.MissingLanguages as exc:
            raise ConfigError(str(exc)) from None
        except tesseract_api.Failed as exc:
            raise CorruptFile(f"the OCR engine cannot read the page image ({exc})") from None
    return _run_command(
        image, osd=osd, lang=lang, psm=psm, variables=variables or {}, timeout_s=timeout_s, dpi=dpi
    )


def _run_command(
    image: np.ndarray,
    *,
    osd: bool,
    lang: str,
    psm: int,
    variables: dict[str, str],
    timeout_s: float,
    dpi: int,
) -> str:
    import cv2
    import pytesseract

    # pytesseract runs the binary with this process's environment.
    os.environ["OMP_THREAD_LIMIT"] = "1"
    config = " ".join([f"--dpi {dpi}", *(f"-c {k}={v}" for k, v in variables.items())])
    with tempfile.TemporaryDirectory(prefix="poflow-ocr-") as tmp:
        path = Path(tmp) / "page.tif"
        cv2.imwrite(str(path), image, [cv2.IMWRITE_TIFF_COMPRESSION, 1])  # 1: uncompressed
        try:
            if osd:
                return str(pytesseract.image_to_osd(str(path), config=config, timeout=timeout_s))
            return str(
                pytesseract.image_to_data(
                    str(path),
                    lang=lang,
                    config=f"--oem 1 --psm {psm} {config}",
                    timeout=timeout_s,
                )
            )
        except pytesseract.TesseractNotFoundError:
            raise ConfigError("the tesseract binary is not installed (apt tesseract-ocr)") from None
        except pytesseract.TesseractError as exc:  # the binary runs: the image is the issue
            raise CorruptFile(
                f"the OCR engine cannot read the page image ({exc.message or exc.status})"
            ) from None
        except RuntimeError as exc:  # pytesseract's way of saying the call timed out
            if "timeout" not in str(exc).lower():
                raise
            raise OcrTimeout(f"Tesseract timed out after {timeout_s:g} s") from None


def ocr_words(
    image: np.ndarray,
    *,
    languages: str,
    timeout_s: float,
    dpi: int = 300,
    psm: int = 3,
    variables: dict[str, str] | None = None,
) -> OcrResult:
    """Words with pixel boxes, confidence 0..1, and Tesseract's (block, par, line) key."""
    import time

    start = time.perf_counter()
    tsv = run_tesseract(
        image, lang=languages, psm=psm, variables=variables, timeout_s=timeout_s, dpi=dpi
    )
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
    return join_cjk(_without_repeated_lines(words))


REPEATED_LINE = 0.6  # share of a line's ink area lying on another line's words


def _without_repeated_lines(words: list[Word]) -> list[Word]:
    """Tesseract's layout analysis now and then puts one printed line into two overlapping
    blocks and reads it twice ("Kessler & Söhne KG" over "Kessler & & Söhne"), so a value
    gets its words twice. Of two lines lying on each other, the less confident one goes."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        if word.line_key is not None:
            lines.setdefault(word.line_key, []).append(word)
    boxes = {key: union_bbox(line) for key, line in lines.items()}
    dropped: set[tuple[int, int, int]] = set()
    keys = list(lines)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if a in dropped or b in dropped or a[0] == b[0] or not _area(boxes[a], boxes[b]):
                continue
            if _lies_on(lines[a], lines[b]) or _lies_on(lines[b], lines[a]):
                weaker = min((a, b), key=lambda key: _mean(lines[key]))
                dropped.add(weaker)
    return [w for w in words if w.line_key not in dropped]


def _area(a: BBox, b: BBox) -> float:
    """The area two boxes share (0 when apart)."""
    return overlap(a[0], a[2], b[0], b[2]) * overlap(a[1], a[3], b[1], b[3])


def _lies_on(line: list[Word], other: list[Word]) -> bool:
    """Whether most of `line`'s word area is covered by `other`'s words."""
    area = sum(_area(w.bbox, w.bbox) for w in line)
    shared = sum(_area(w.bbox, o.bbox) for w in line for o in other)
    return area > 0 and shared >= REPEATED_LINE * area


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
        out = run_tesseract(image, osd=True, timeout_s=timeout_s, dpi=dpi)
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


# --- second look at garbled lines ------------------------------------------------------------

GARBLED_LINE = 0.6  # mean confidence under which a printed line is re-read
CLUSTER_PAD = 0.5  # of the line height, around each garbled region
GARBAGE_WORD = 0.35
WELL_READ = 0.8  # a word of a garbled line read this surely is kept unless re-read
BLOB_HEIGHT = 2.5  # text heights: taller than any headline, so a block read as one glyph
BLOB_WIDTH = 1.5  # text heights: wider than a ruling or a tall bracket
MOST_GARBLED = 0.4  # share of garbled lines above which the page is poor as a whole


class _Region(NamedTuple):
    """A box of page pixels (x0, top, x1, bottom) to re-read."""

    x0: int
    top: int
    x1: int
    bottom: int


def garbled_lines(words: tuple[Word, ...]) -> list[list[Word]]:
    """The printed lines (by Tesseract's line numbers) read with a mean confidence under 0.6,
    or holding a garbage word or a block of text read as one glyph."""
    lines: dict[tuple[int, int, int] | None, list[Word]] = {}
    for word in words:
        lines.setdefault(word.line_key, []).append(word)
    heights = sorted(w.bottom - w.top for w in words)
    text_height = heights[len(heights) // 2] if heights else 0.0
    return [
        ln
        for ln in lines.values()
        if _mean(ln) < GARBLED_LINE or _has_garbage(ln) or _has_blob(ln, text_height)
    ]


def _has_garbage(line: list[Word]) -> bool:
    """Two words read at under 0.35 that are more than specks: where fused columns break down
    (one such word is usually a speck or a logo, not worth a re-read)."""
    return sum(1 for w in line if w.confidence < GARBAGE_WORD and len(w.text) >= 2) >= 2


def _has_blob(line: list[Word], text_height: float) -> bool:
    """A "word" of a mark or two in a box several text lines tall and wide ("¥" over a block
    of labels and values): the segmentation took that block for a picture. (A ruling read
    as "|" is as tall, but narrow.)"""
    return any(
        len(w.text) <= 2
        and w.bottom - w.top > BLOB_HEIGHT * text_height
        and w.x1 - w.x0 > BLOB_WIDTH * text_height
        for w in line
    )


def most_lines(garbled: list[list[Word]], words: tuple[Word, ...]) -> bool:
    """More than `MOST_GARBLED` of the printed lines garbled: the page reads poorly as a whole
    (a script the languages read cannot, or a poor image), not in a few lines that
    `reread_garbled_lines` repairs."""
    return len(garbled) > MOST_GARBLED * len({w.line_key for w in words})


def garbled_regions(garbled: list[list[Word]], width: int, height: int) -> list[_Region]:
    """Regions (padded, merged when they touch) around the lines Tesseract read poorly.

    Full-page segmentation (`--psm 3`) sometimes fuses two columns of different type sizes
    into one line — e.g. a letter's address window beside its info block — and the line
    recogniser then returns garbage there; sparse-text segmentation reads them well."""
    boxes = []
    for line in garbled:
        box = union_bbox(line)
        boxes.append(_grown(box, CLUSTER_PAD * (box[3] - box[1]), width, height))
    return _merge_regions(sorted(boxes, key=lambda r: r.top))


def _grown(box: tuple[float, float, float, float], pad: float, width: int, height: int) -> _Region:
    """The box grown by `pad` on every side, inside the image."""
    x0, top, x1, bottom = box
    return _Region(
        max(0, int(x0 - pad)),
        max(0, int(top - pad)),
        min(width, int(x1 + pad)),
        min(height, int(bottom + pad)),
    )


def _merge_regions(regions: list[_Region]) -> list[_Region]:
    merged: list[_Region] = []
    for region in regions:
        last = merged[-1] if merged else None
        if last is not None and region.top <= last.bottom:
            merged[-1] = _Region(
                min(last.x0, region.x0),
                last.top,
                max(last.x1, region.x1),
                max(last.bottom, region.bottom),
            )
        else:
            merged.append(region)
    return merged


def reread_garbled_lines(
    image: np.ndarray, result: OcrResult, *, timeout_s: float, dpi: int
) -> tuple[OcrResult, int, int]:
    """Re-read the poorly read lines, and the lines of ink no word covers (`unread_ink`:
    dark bands are read inverted), with sparse-text segmentation (`--psm 11`) in one call on
    their regions stacked into one image. A garbled region's new words replace its old ones
    only when they read more confidently; an unread line's words are added when they read
    well (mean ≥ 0.6). Returns the result and the numbers of regions replaced and lines added."""
    from extractors.unread_ink import unread

    height, width = image.shape[:2]
    garbled = garbled_lines(result.words)
    if most_lines(garbled, result.words):  # a poor page overall: no local repair
        return result, 0, 0
    regions = garbled_regions(garbled, width, height)
    left_out = unread(image, result.words)
    lines = [
        _grown(box, int(CLUSTER_PAD * (box[3] - box[1])), width, height) for box in left_out.lines
    ]
    bands = [_Region(*box) for box in left_out.bands]
    if not regions and not lines and not bands:
        return result, 0, 0
    bad = {id(w) for line in garbled for w in line}
    crops = [image[r.top : r.bottom, r.x0 : r.x1] for r in regions + lines]
    crops += [_inverted(image, r, c) for r, c in zip(bands, left_out.band_corners, strict=True)]
    stack, offsets = stacked(crops, gap=40)
    sparse = ocr_words(stack, languages=result.languages, timeout_s=timeout_s, dpi=dpi, psm=11)
    words, replaced, added = list(result.words), 0, 0
    for index, (region, offset) in enumerate(zip(regions + lines + bands, offsets, strict=True)):
        old = [w for w in words if id(w) in bad and centre_inside(w, region)]
        # Words of well-read lines that reach into the region stay (a skewed neighbour line
        # crosses the padding); their re-reads, and anything outside the region, are dropped.
        kept = [w for w in words if id(w) not in bad and _touches(w, region)]
        new = [
            w
            for w in _words_from_strip(sparse.words, region, offset, index)
            if centre_inside(w, region)
            and not any(centre_inside(w, _Region(*map(int, k.bbox))) for k in kept)
        ]
        if index >= len(regions):  # a line no word covered: only what reads as print
            new = [w for w in new if w.confidence >= GARBAGE_WORD and _printable(w)]
            if new and _mean(new) >= GARBLED_LINE:
                words = _splice(words, [], _reading_order(new))
                added += 1
        elif new and _mean(new) > _mean(old) + 0.05:
            # A garbled line's well-read words stay where the re-read read nothing: sparse
            # segmentation drops text too ("Qté Prix unitaire HT" beside a garbled "Réf.").
            new += [w for w in old if w.confidence >= WELL_READ and not _covered(w, new)]
            words = _splice(words, old, _reading_order(new))
            replaced += 1
    seconds = result.seconds + sparse.seconds
    return OcrResult(tuple(words), result.languages, seconds), replaced, added


BAND_INK_PERCENTILE = 2  # a band's darkest pixels after inversion: its print
GREY_BAND = 200  # inverted, a black band is paper-white (≈ 250); a grey one is darker


def _inverted(image: np.ndarray, region: _Region, corners: Corners) -> np.ndarray:
    """A dark band's crop as dark print on white; a grey band's contrast stretched (its
    white print, inverted, is grey on grey that sparse segmentation reads as nothing). Its
    rim, and what lies outside the band's corners (a tilted band's box holds paper and the
    print of the rows beside it), is whitened: the paper around the band turns black when
    inverted, and a black frame hides the print (measured: a crisp 'SHIP TO' read as nothing)."""
    import cv2
    import numpy as np

    crop = image[region.top : region.bottom, region.x0 : region.x1]
    band = np.zeros(crop.shape[:2], np.uint8)
    shifted = np.array([(x - region.x0, y - region.top) for x, y in corners], np.int32)
    cv2.fillConvexPoly(band, shifted, 255)
    inverted = 255.0 - crop.astype(np.float32)
    inside = inverted[band > 0]
    paper = float(np.median(inside)) if inside.size else 255.0
    if paper < GREY_BAND:  # a grey band's background to white, its print to black
        ink = np.percentile(inside, BAND_INK_PERCENTILE)
        inverted = (inverted - ink) * 255.0 / max(paper - ink, 1.0)
    out = np.clip(inverted, 0, 255).astype(np.uint8)
    out[band == 0] = 255
    rim = max(3, (crop.shape[0] + 7) // 8)
    out[:rim, :] = out[-rim:, :] = 255
    out[:, :rim] = out[:, -rim:] = 255
    return out


def _covered(word: Word, others: list[Word]) -> bool:
    return any(_touches(word, _Region(*map(int, o.bbox))) for o in others)


def _printable(word: Word) -> bool:
    return any(c.isalnum() for c in word.text)


def _stack(image: np.ndarray, regions: list[_Region]) -> tuple[np.ndarray, list[int]]:
    """The regions cut from the page and stacked (`stacked`), and where each one's strip
    starts."""
    return stacked([image[r.top : r.bottom, r.x0 : r.x1] for r in regions], gap=40)


def stacked(crops: list[np.ndarray], *, gap: int, margin: int = 0) -> tuple[np.ndarray, list[int]]:
    """Crops one under the other on white, `gap` apart and `margin` from the left, for one
    Tesseract call for all of them (a call's start-up costs more than reading a line); and
    the row where each crop starts."""
    import numpy as np

    width = max(c.shape[1] for c in crops) + 2 * margin
    stack = np.full((sum(c.shape[0] + gap for c in crops) + gap, width), 255, dtype=np.uint8)
    offsets, y = [], gap
    for crop in crops:
        stack[y : y + crop.shape[0], margin : margin + crop.shape[1]] = crop
        offsets.append(y)
        y += crop.shape[0] + gap
    return stack, offsets


CJK_PROBE_LINES = 4  # the worst-read lines a CJK probe reads
# ...and at most this much of each from its left end: a few inches hold dozens of Chinese
# characters, and chi_sim's recogniser costs by the width it reads (full lines: +0.2 s).
CJK_PROBE_INCHES = 3.0
# What a Latin page's rules, dashes and specks come out as in chi_sim: no evidence of CJK text.
_NOT_EVIDENCE = "一二，。、：；"


def cjk_characters(image: np.ndarray, result: OcrResult, *, timeout_s: float, dpi: int) -> int:
    """How many CJK characters `chi_sim` alone reads confidently (≥ 0.6) in the page's few
    worst-read lines: a cheap test (a few strips, a fraction of a page's time) of whether
    the poor reading is Chinese text read in a Latin language or a poor Latin scan, which a
    page-wide `chi_sim` pass only makes worse. Measured: Chinese pages give dozens, degraded
    Latin scans none or one or two."""
    height, width = image.shape[:2]
    worst = sorted(garbled_lines(result.words), key=_mean)[:CJK_PROBE_LINES]
    if not worst:
        return 0
    most = round(CJK_PROBE_INCHES * dpi)
    regions = [_grown(union_bbox(line), 8, width, height) for line in worst]
    stack, _ = _stack(image, [r._replace(x1=min(r.x1, r.x0 + most)) for r in regions])
    probe = ocr_words(stack, languages="chi_sim", timeout_s=timeout_s, dpi=dpi, psm=6)
    return sum(
        len(w.text.strip(_NOT_EVIDENCE))
        for w in probe.words
        if w.confidence >= 0.6 and _is_cjk(w.text)
    )


def _reading_order(words: list[Word]) -> list[Word]:
    """Top to bottom by rows of about a letter's height, left to right within a row."""
    heights = sorted(w.bottom - w.top for w in words)
    row = max(heights[len(heights) // 2], 1.0)
    return sorted(words, key=lambda w: (round((w.top + w.bottom) / 2 / row), w.x0))


def _splice(words: list[Word], old: list[Word], new: list[Word]) -> list[Word]:
    """`words` with `old` taken out and `new` put where the first of them was (reading order)."""
    gone = {id(w) for w in old}
    at = next((i for i, w in enumerate(words) if id(w) in gone), len(words))
    kept = [w for w in words if id(w) not in gone]
    at -= sum(1 for w in words[:at] if id(w) in gone)
    return kept[:at] + new + kept[at:]


def _words_from_strip(
    words: tuple[Word, ...], region: _Region, offset: int, index: int
) -> list[Word]:
    """The stacked image's words that lie in this region's strip, in page pixels."""
    height = region.bottom - region.top
    out = []
    for w in words:
        centre = (w.top + w.bottom) / 2
        if not offset <= centre < offset + height:
            continue
        dx, dy = region.x0, region.top - offset
        out.append(
            Word(
                w.text,
                w.x0 + dx,
                w.top + dy,
                w.x1 + dx,
                w.bottom + dy,
                w.confidence,
                # Sparse mode numbers each fragment as a block: keep them apart per region.
                (1000 + index, *(w.line_key or (0, 0, 0))[:2]),
            )
        )
    return out


def _touches(word: Word, region: _Region) -> bool:
    return (
        word.x0 < region.x1
        and region.x0 < word.x1
        and word.top < region.bottom
        and region.top < word.bottom
    )


def _mean(words: list[Word]) -> float:
    return sum(w.confidence for w in words) / len(words) if words else 0.0
