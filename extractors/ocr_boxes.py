"""A second, independent reading of single boxes of a page: item codes, numbers in cells.

The box is cut from the page's own pixels, scaled to a fixed text height, maybe binarised,
and read in a code alphabet with no word lists: other pixels, preprocessing, segmentation and
alphabet than the page's reading, so the two agree on a wrong text far less often than one
reading is wrong (`second_read` decides what the agreement means).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from extractors.ocr import OcrResult, ocr_words, stacked
from poflow.domain import Word

if TYPE_CHECKING:
    import numpy as np

CODE_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-/._#"


@dataclass(frozen=True)
class BoxPreparation:
    """How a box is prepared for a second read: the text height it is scaled to, and whether
    it is binarised (Otsu) or kept in gray levels."""

    text_height: int
    binarise: bool


# Two preparations that fail on different images (a faint scan, a blurred photo): the second
# is tried only when the first disagrees with the page's reading.
SECOND_READS = (BoxPreparation(40, binarise=True), BoxPreparation(64, binarise=False))


def read_box(
    image: np.ndarray,
    bbox: tuple[float, float, float, float],
    *,
    scale: float,
    preparation: BoxPreparation,
    timeout_s: float,
    characters: str = CODE_CHARACTERS,
) -> OcrResult:
    """An independent second reading of the text in one box of a page (`bbox` in page units,
    `scale` image pixels per unit): the box, with a small margin, cut from the
    page's own pixels, scaled to a fixed text height, maybe binarised (Otsu), and
    read as a single line (`--psm 7`) restricted to `characters`. Other pixels, other
    preprocessing, segmentation and alphabet than the page's reading, so the two agree on a
    wrong text far less often than one reading is wrong. Word boxes are the crop's pixels."""
    import cv2

    scaled = _prepared_crop(image, bbox, scale, preparation)
    if scaled is None:
        return OcrResult((), "eng")
    framed = cv2.copyMakeBorder(scaled, 20, 20, 20, 20, cv2.BORDER_CONSTANT, value=255)
    # No word lists: a code is no word, and not loading them saves a fifth of the call.
    variables = {"tessedit_char_whitelist": characters, **NO_WORD_LISTS}
    return ocr_words(framed, languages="eng", timeout_s=timeout_s, psm=7, variables=variables)


def read_boxes(
    image: np.ndarray,
    bboxes: list[tuple[float, float, float, float]],
    *,
    scale: float,
    preparation: BoxPreparation,
    timeout_s: float,
    characters: str,
) -> list[str]:
    """`read_box` for many boxes of one page in one Tesseract call (a call's start-up costs
    more than reading a number): the prepared crops, all of one text height, stacked one
    under the other with white between them and read as a column of lines. The text read
    in each box, in the order of `bboxes` ("" where nothing was read)."""
    crops = [_prepared_crop(image, bbox, scale, preparation) for bbox in bboxes]
    present = [c for c in crops if c is not None]
    if not present:
        return ["" for _ in bboxes]
    gap = 2 * preparation.text_height  # white enough that no two crops read as one line
    stack, tops = stacked(present, gap=gap, margin=gap)
    starts = iter(tops)
    strips: list[tuple[int, int] | None] = []
    for crop in crops:
        top = next(starts) if crop is not None else 0
        strips.append(None if crop is None else (top, top + crop.shape[0]))
    variables = {"tessedit_char_whitelist": characters, **NO_WORD_LISTS}
    words = ocr_words(stack, languages="eng", timeout_s=timeout_s, psm=6, variables=variables).words
    return [_strip_text(words, strip) for strip in strips]


def _strip_text(words: tuple[Word, ...], strip: tuple[int, int] | None) -> str:
    if strip is None:
        return ""
    inside = [w for w in words if strip[0] <= (w.top + w.bottom) / 2 < strip[1]]
    return " ".join(w.text for w in sorted(inside, key=lambda w: w.x0))


def _prepared_crop(
    image: np.ndarray,
    bbox: tuple[float, float, float, float],
    scale: float,
    preparation: BoxPreparation,
) -> np.ndarray | None:
    """The box with a thin margin, scaled to the preparation's text height (maybe
    binarised); None when the box lies outside the image."""
    import cv2

    x0, top, x1, bottom = (v * scale for v in bbox)
    height, width = image.shape[:2]
    # A thin margin: neighbour lines' and words' ink would be read with it (the white
    # border added by the callers gives Tesseract its room).
    pad = 0.15 * (bottom - top)
    crop = image[
        max(0, int(top - pad)) : min(height, int(bottom + pad) + 1),
        max(0, int(x0 - pad)) : min(width, int(x1 + pad) + 1),
    ]
    if crop.size == 0:
        return None
    factor = preparation.text_height / max(bottom - top, 1.0)
    scaled = cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    if preparation.binarise:
        _, scaled = cv2.threshold(scaled, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return scaled


NO_WORD_LISTS = {
    f"load_{name}_dawg": "0" for name in ("system", "freq", "punc", "number", "unambig", "bigram")
}
