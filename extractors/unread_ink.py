"""Lines of print that no OCR word covers: what Tesseract's page layout analysis skipped.

Why: full-page segmentation now and then drops a whole line or block — a line whose letters
touch the ruling under it ("Freight 45.00" over the total's rule), a label column it took
for a picture — and everything downstream then misses a total, a label or a cell without
any sign of it. Ink of letter height, as wide as a word, that lies outside every word box
is such a line; `ocr.reread_garbled_lines` reads it with the garbled lines, in the same call.

Decided on a downscaled copy (long side ≤ 1000 px, like the clean-up), a few milliseconds:
binarise, blank the words read, take away rulings, join letters into lines, keep what has
the size and ink density of text.

Contract: `unread_lines(image, words) -> list[(x0, top, x1, bottom)]` in the image's pixels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from poflow.domain import Word

if TYPE_CHECKING:
    import numpy as np

ANALYSIS_SIDE = 1000
WORD_MARGIN = 0.3  # text heights blanked around each word read (its ascenders, accents)
RULING = 4.0  # text heights: a straight run of ink this long is a ruling, not a letter
LINE_HEIGHT = (0.6, 2.0)  # text heights: a line of print, not a speck or a picture
MIN_WIDTH = 2.0  # text heights: a word or more
INK_DENSITY = (0.1, 0.6)  # share of dark pixels in the box: print, not a smudge or a photo


def unread_lines(image: np.ndarray, words: tuple[Word, ...]) -> list[tuple[int, int, int, int]]:
    """Boxes (full resolution) of lines of ink no word covers; none when no word was read."""
    import cv2
    import numpy as np

    if not words:
        return []
    heights = sorted(w.bottom - w.top for w in words)
    factor = min(1.0, ANALYSIS_SIDE / max(image.shape[:2]))
    small = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    text = heights[len(heights) // 2] * factor
    _blank_words(ink, words, factor, WORD_MARGIN * text)
    ink = cv2.bitwise_and(ink, cv2.bitwise_not(_rulings(ink, max(3, int(RULING * text)))))
    joined = cv2.dilate(ink, np.ones((1, max(3, int(text))), np.uint8))
    _, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    out = []
    for x, y, width, height, _area in stats[1:]:
        if not LINE_HEIGHT[0] * text <= height <= LINE_HEIGHT[1] * text or width < MIN_WIDTH * text:
            continue
        density = float(ink[y : y + height, x : x + width].mean()) / 255
        if INK_DENSITY[0] <= density <= INK_DENSITY[1]:
            out.append(
                (
                    int(x / factor),
                    int(y / factor),
                    int((x + width) / factor),
                    int((y + height) / factor),
                )
            )
    return out


def _blank_words(ink: np.ndarray, words: tuple[Word, ...], factor: float, margin: float) -> None:
    import cv2

    for w in words:
        corner = (int(w.x0 * factor - margin), int(w.top * factor - margin))
        opposite = (int(w.x1 * factor + margin), int(w.bottom * factor + margin))
        cv2.rectangle(ink, corner, opposite, 0, thickness=-1)


def _rulings(ink: np.ndarray, length: int) -> np.ndarray:
    """Horizontal and vertical straight runs of ink at least `length` long."""
    import cv2
    import numpy as np

    across = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, length), np.uint8))
    down = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((length, 1), np.uint8))
    return cv2.bitwise_or(across, down)
