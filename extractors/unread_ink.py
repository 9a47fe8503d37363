"""Lines of print that no OCR word covers: what Tesseract's page layout analysis skipped.

Why: full-page segmentation now and then drops a whole line or block — a line whose letters
touch the ruling under it ("Freight 45.00" over the total's rule), a label column it took
for a picture — and everything downstream then misses a total, a label or a cell without
any sign of it. Ink of letter height, as wide as a word, that lies outside every word box
is such a line; `ocr.reread_garbled_lines` reads it with the garbled lines, in the same call.
So is a filled dark band with (almost) no word read in it: a heading bar or a table's header row
printed white on black or colour ("SHIP TO", "VENDOR"), which layout analysis takes for a
picture. That one is read inverted.

Decided on a downscaled copy (long side ≤ 1000 px, like the clean-up), a few milliseconds:
binarise, blank the words read, take away rulings, join letters into lines, keep what has
the size and ink density of text.

Contract: `unread(image, words) -> Unread(lines, bands, band_corners)`: lines and bands
each a list of `(x0, top, x1, bottom)` in the image's pixels, and each band's corners (its
rectangle, tilted as the page is); all from one downscaled copy of the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from poflow.domain import Word

if TYPE_CHECKING:
    import numpy as np

ANALYSIS_SIDE = 1000
WORD_MARGIN = 0.3  # text heights blanked around each word read (its ascenders, accents)
RULING = 4.0  # text heights: a straight run of ink this long is a ruling, not a letter
LINE_HEIGHT = (0.6, 2.0)  # text heights: a line of print, not a speck or a picture
MIN_WIDTH = 2.0  # text heights: a word or more
INK_DENSITY = (0.1, 0.6)  # share of dark pixels in the box: print, not a smudge or a photo
# A band: dark around every point (a text height square) as print on paper never is (0.1–0.4),
# tall enough to hold a line with a margin, wide enough for a word, and filling most of its
# least rectangle at any angle (a scan skewed by a degree makes its upright box far taller).
BAND_DENSITY = 0.55
BAND_HEIGHT = 1.2  # text heights
BAND_FILL = 0.5
BAND_MOST = 0.2  # of the page: larger is a dark background or a photo, not a band
BAND_READ = 0.5  # of its width covered by words read: read already (a word or two is not)


Box = tuple[int, int, int, int]


Corners = tuple[tuple[float, float], ...]


class Unread(NamedTuple):
    lines: list[Box]  # lines of ink no word covers
    bands: list[Box]  # filled dark bands mostly unread (the odd word read in one stays)
    # Each band's corners (its least rectangle, tilted as the page is): what lies in its
    # upright box outside them is paper and the print of the rows beside it.
    band_corners: list[Corners]


def unread(image: np.ndarray, words: tuple[Word, ...]) -> Unread:
    """What the reading left out, in boxes at full resolution; nothing when no word was read."""
    if not words:
        return Unread([], [], [])
    ink, factor, text = _small_ink(image, words)
    bands = _bands(ink, words, factor, text)
    return Unread(
        _lines(ink.copy(), words, factor, text), [b for b, _ in bands], [c for _, c in bands]
    )


def _lines(ink: np.ndarray, words: tuple[Word, ...], factor: float, text: float) -> list[Box]:
    import cv2
    import numpy as np

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
            out.append(_full_size((x, y, width, height), factor))
    return out


def _bands(
    ink: np.ndarray, words: tuple[Word, ...], factor: float, text: float
) -> list[tuple[Box, Corners]]:
    import cv2
    import numpy as np

    side = max(3, int(text))
    dense = cv2.blur(ink.astype(np.float32) / 255, (side, side)) >= BAND_DENSITY
    _, labels, stats, _ = cv2.connectedComponentsWithStats(dense.astype(np.uint8), connectivity=8)
    out = []
    for label, (x, y, width, height, area) in enumerate(stats[1:], start=1):
        if height < BAND_HEIGHT * text or width < MIN_WIDTH * text:
            continue
        if width * height > BAND_MOST * ink.size:
            continue
        rect = _tilted_box(labels[y : y + height, x : x + width] == label)
        if area < BAND_FILL * rect[1][0] * rect[1][1]:
            continue
        corners = tuple(
            ((cx + x) / factor, (cy + y) / factor) for cx, cy in cv2.boxPoints(rect).tolist()
        )
        read = sum(w.x1 - w.x0 for w in words if _inside(w, corners))
        if read < BAND_READ * max(rect[1]) / factor:
            out.append((_full_size((x, y, width, height), factor), corners))
    return out


def _tilted_box(component: np.ndarray) -> tuple[Any, Any, float]:
    """The least rectangle, at any angle, around a component (cv2.minAreaRect: centre, size,
    angle): a band on a page tilted by a degree or two fills it, though not its upright box
    (a band as wide as the page rises by more than its own height)."""
    import cv2
    import numpy as np

    ys, xs = np.nonzero(component)
    return cv2.minAreaRect(np.column_stack([xs, ys]).astype(np.float32))  # type: ignore[no-any-return]


def _inside(word: Word, corners: Corners) -> bool:
    """The word's centre lies in the band's (maybe tilted) rectangle."""
    import cv2
    import numpy as np

    centre = ((word.x0 + word.x1) / 2, (word.top + word.bottom) / 2)
    return cv2.pointPolygonTest(np.array(corners, np.float32), centre, False) >= 0


def _small_ink(image: np.ndarray, words: tuple[Word, ...]) -> tuple[np.ndarray, float, float]:
    """The page's ink (255) on a downscaled copy, the copy's factor, and the median height of
    the words read, in the copy's pixels."""
    import cv2

    heights = sorted(w.bottom - w.top for w in words)
    factor = min(1.0, ANALYSIS_SIDE / max(image.shape[:2]))
    small = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink, factor, heights[len(heights) // 2] * factor


def _full_size(stat: tuple[int, int, int, int], factor: float) -> Box:
    x, y, width, height = stat
    return int(x / factor), int(y / factor), int((x + width) / factor), int((y + height) / factor)


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
