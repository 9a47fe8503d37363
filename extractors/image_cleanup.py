"""OpenCV clean-up of a page image before OCR: each step small, decided cheaply, and noted.

Every decision is taken on a downscaled copy (long side ≤ 1000 px) so that clean-up costs a
small fraction of the OCR call; only the chosen corrections touch the full-resolution image.
Steps, in order: page outline + perspective warp (phone photos), shading removal (uneven light),
deskew (small angles), light denoise. Binarisation is available but off: Tesseract 5's LSTM
reads clean grayscale at least as well (measured in the benchmark notes of the report).
Quarter-turn orientation is Tesseract OSD's job (`ocr.detect_orientation`), called by
`reading` only when this module says the lines run vertically or the first reading is poor.
Speck removal (`remove_specks`) is likewise `reading`'s call, on a poor first reading only.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from poflow.domain import Word

if TYPE_CHECKING:
    import numpy as np

ANALYSIS_SIDE = 1000
MIN_SIDE = 32
MIN_SKEW_DEG = 2.0  # below this Tesseract copes itself; measured: deskewing 0.5–1.9° is as
# likely to cost header values (OCR noise of the rotated pixels) as to gain table rows
MAX_SKEW_DEG = 15.0
SHADING_SPREAD = 0.2  # background brightness range (share of 255) that counts as uneven light
NOISE_SIGMA = 10.0  # estimated grey-level noise above which a median filter is applied
SMALL_TEXT_PX = 18.0  # median letter height under which the page is enlarged for Tesseract
TARGET_TEXT_PX = 22.0
MAX_ENLARGE = 1.5  # enlarging costs OCR time in proportion to the pixels: 1.5× → 2.25× pixels


@dataclass(frozen=True)
class Cleaned:
    """The cleaned page and what was done to it (`notes`), with whether it looks like a photo."""

    image: np.ndarray
    notes: tuple[str, ...]
    photo: bool
    sideways: bool  # text lines run vertically: orientation detection is worth its cost
    transform: np.ndarray  # 3×3: pixels of the input image → pixels of `image`
    enlarged: float = 1.0  # factor the text was enlarged by (the OCR dpi grows with it)


Small = tuple["np.ndarray", float]  # an analysis copy and its factor small/original


def analysis_copy(gray: np.ndarray) -> Small:
    """A copy with long side ≤ ANALYSIS_SIDE and the factor small/original."""
    import cv2

    factor = min(1.0, ANALYSIS_SIDE / max(gray.shape[:2]))
    if factor >= 1.0:
        return gray, 1.0
    small = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    return small, factor


# --- page outline and perspective ---------------------------------------------------------


def find_page_outline(gray: np.ndarray, copy: Small | None = None) -> np.ndarray | None:
    """The four corners (tl, tr, br, bl; full-resolution px) of a sheet of paper lying on a
    darker background, or None unless one clear quadrilateral covers 20–97 % of the image."""
    import cv2
    import numpy as np

    small, factor = copy or analysis_copy(gray)
    blur = cv2.GaussianBlur(small, (7, 7), 0)
    _, mask = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    largest = max(contours, key=cv2.contourArea)
    image_area = float(small.shape[0] * small.shape[1])
    area = cv2.contourArea(largest)
    if not 0.2 <= area / image_area <= 0.97:
        return None
    hull = cv2.convexHull(largest)
    quad = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
    if len(quad) != 4 or cv2.contourArea(quad) < 0.9 * cv2.contourArea(hull):
        return None
    return order_corners(quad.reshape(4, 2).astype(np.float32) / factor)


def order_corners(points: np.ndarray) -> np.ndarray:
    """Corners in the order top-left, top-right, bottom-right, bottom-left."""
    import numpy as np

    sums = points.sum(axis=1)
    diffs = np.diff(points, axis=1).ravel()
    ordered = [points[sums.argmin()], points[diffs.argmin()], points[sums.argmax()]]
    ordered.append(points[diffs.argmax()])
    return np.array(ordered, dtype=np.float32)


def is_perspective(quad: np.ndarray, tolerance: float = 0.03) -> bool:
    """Opposite sides of unequal length: a camera looked at the page at an angle."""
    import numpy as np

    tl, tr, br, bl = quad
    top, bottom = np.linalg.norm(tr - tl), np.linalg.norm(br - bl)
    left, right = np.linalg.norm(bl - tl), np.linalg.norm(br - tr)
    return bool(
        abs(top - bottom) / max(top, bottom) > tolerance
        or abs(left - right) / max(left, right) > tolerance
    )


def warp_to_page(gray: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The quadrilateral `quad` warped to a flat upright rectangle (perspective correction)."""
    import cv2

    matrix, size = page_warp(quad)
    return cv2.warpPerspective(
        gray, matrix, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )


def page_warp(quad: np.ndarray) -> tuple[np.ndarray, tuple[int, int]]:
    """The 3×3 perspective matrix taking `quad` to an upright rectangle, and that size (w, h)."""
    import cv2
    import numpy as np

    tl, tr, br, bl = quad
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]])
    matrix = cv2.getPerspectiveTransform(quad, target.astype(np.float32))
    return matrix.astype(np.float64), (width, height)


# --- shading -------------------------------------------------------------------------------

BACKGROUND_SIDE = 400  # the paper's brightness varies slowly: a coarse estimate is enough


def background(gray: np.ndarray, small: Small | None = None) -> np.ndarray:
    """The paper's brightness without the print (coarse): a closing removes dark strokes, a
    median smooths what is left. Computed at ≤ 400 px, so it costs a few milliseconds."""
    import cv2

    source = (small or analysis_copy(gray))[0]
    factor = min(1.0, BACKGROUND_SIDE / max(source.shape[:2]))
    tiny = cv2.resize(source, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (13, 13))
    return cv2.medianBlur(cv2.morphologyEx(tiny, cv2.MORPH_CLOSE, kernel), 15)


def shading_spread(gray: np.ndarray, bg: np.ndarray | None = None) -> float:
    """How uneven the light is: the 2nd–98th percentile range of the background, as 0..1."""
    import numpy as np

    low, high = np.percentile(background(gray) if bg is None else bg, (2, 98))
    return float(high - low) / 255.0


def remove_shading(gray: np.ndarray, bg: np.ndarray | None = None) -> np.ndarray:
    """Divide by the background estimate so paper is evenly white and print keeps its contrast."""
    import cv2

    bg = background(gray) if bg is None else bg
    full = cv2.resize(bg, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(gray, full, scale=255)


# --- skew and orientation ------------------------------------------------------------------


@dataclass(frozen=True)
class InkPoints:
    """Dark pixels of the analysis copy, centred (x, y), subsampled: projections of them at any
    angle are a `bincount`, far cheaper than rotating an image per candidate angle."""

    x: np.ndarray
    y: np.ndarray


def ink_points(gray: np.ndarray, small: Small | None = None, most: int = 60_000) -> InkPoints:
    import cv2
    import numpy as np

    copy = (small or analysis_copy(gray))[0]
    _, ink = cv2.threshold(copy, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    ys, xs = np.nonzero(ink)
    step = max(1, len(xs) // most)
    h, w = copy.shape[:2]
    return InkPoints(xs[::step] - w / 2.0, ys[::step] - h / 2.0)


def _profile_score(points: InkPoints, angle: float, *, columns: bool = False) -> float:
    """Sharpness of the projection after rotating by `angle` (OpenCV's sense): text lines
    aligned with rows give alternating full and empty rows, i.e. large neighbour differences."""
    import numpy as np

    rad = np.deg2rad(angle)
    if columns:
        coord = np.cos(rad) * points.x + np.sin(rad) * points.y
    else:
        coord = -np.sin(rad) * points.x + np.cos(rad) * points.y
    if coord.size == 0:
        return 0.0
    profile = np.bincount(np.round(coord - coord.min()).astype(np.int64))
    return float(np.square(np.diff(profile.astype(np.float64))).sum())


def skew_angle(gray: np.ndarray, points: InkPoints | None = None) -> float:
    """The angle (degrees, counter-clockwise positive as OpenCV) that levels the text lines:
    a coarse 0.5° search over ±15°, refined to 0.1°."""
    import numpy as np

    pts = ink_points(gray) if points is None else points
    coarse = np.arange(-MAX_SKEW_DEG, MAX_SKEW_DEG + 0.01, 0.5)
    best = max(coarse, key=lambda a: _profile_score(pts, float(a)))
    fine = np.arange(best - 0.5, best + 0.51, 0.1)
    return round(float(max(fine, key=lambda a: _profile_score(pts, float(a)))), 2)


def looks_sideways(gray: np.ndarray, points: InkPoints | None = None) -> bool:
    """Text lines run top-to-bottom (page turned by 90°): projected onto columns the ink is much
    more sharply structured than onto rows, allowing for skew. Decides whether OSD runs first."""
    import numpy as np

    pts = ink_points(gray) if points is None else points
    angles = np.arange(-15.0, 15.01, 1.5)
    rows = max(_profile_score(pts, float(a)) for a in angles)
    cols = max(_profile_score(pts, float(a), columns=True) for a in angles)
    return bool(cols > 1.5 * rows)


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    """Rotate about the centre on a canvas large enough to keep the corners, paper-coloured."""
    import cv2
    import numpy as np

    h, w = gray.shape[:2]
    matrix, size = rotation(gray.shape, angle)
    paper = int(np.percentile(gray[:: max(1, h // 200), :: max(1, w // 200)], 90))
    return cv2.warpAffine(gray, matrix[:2], size, flags=cv2.INTER_LINEAR, borderValue=paper)


def rotation(shape: tuple[int, ...], angle: float) -> tuple[np.ndarray, tuple[int, int]]:
    """The 3×3 matrix of `rotate` (about the centre, canvas enlarged) and the new size (w, h)."""
    import cv2
    import numpy as np

    h, w = shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = int(h * sin + w * cos), int(h * cos + w * sin)
    matrix[0, 2] += new_w / 2 - w / 2
    matrix[1, 2] += new_h / 2 - h / 2
    return np.vstack([matrix, [0.0, 0.0, 1.0]]), (new_w, new_h)


def scaling(factor: float) -> np.ndarray:
    import numpy as np

    return np.diag([factor, factor, 1.0])


def map_words_back(words: tuple[Word, ...], transform: np.ndarray) -> tuple[Word, ...]:
    """Words read on the cleaned image, with boxes in the pixels of the image before clean-up:
    each box's corners through the inverse of `transform`, then their bounding box."""
    import numpy as np

    if not words or np.allclose(transform, np.eye(3)):
        return words
    inverse = np.linalg.inv(transform)
    out = []
    for w in words:
        corners = np.array(
            [[w.x0, w.top, 1], [w.x1, w.top, 1], [w.x1, w.bottom, 1], [w.x0, w.bottom, 1]]
        )
        mapped = corners @ inverse.T
        xs, ys = mapped[:, 0] / mapped[:, 2], mapped[:, 1] / mapped[:, 2]
        out.append(
            replace(
                w,
                x0=float(xs.min()),
                top=float(ys.min()),
                x1=float(xs.max()),
                bottom=float(ys.max()),
            )
        )
    return tuple(out)


# --- text size -------------------------------------------------------------------------------


def char_height(gray: np.ndarray) -> float:
    """Median height (px) of letter-sized dark components in a central crop at full resolution;
    0 when there are none."""
    import cv2
    import numpy as np

    h, w = gray.shape[:2]
    crop = gray[h // 8 : h // 8 + 1200, w // 8 : w // 8 + 1200]
    _, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights, widths = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH]
    letters = (heights > 4) & (heights < 100) & (widths > 1) & (widths < 100)
    return float(np.median(heights[letters])) if letters.sum() >= 20 else 0.0


def upscale(gray: np.ndarray, factor: float) -> np.ndarray:
    import cv2

    return cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)


# --- noise and contrast -----------------------------------------------------------------------


def noise_sigma(gray: np.ndarray) -> float:
    """Immerkær's fast estimate of Gaussian noise, on a central crop at full resolution."""
    import cv2
    import numpy as np

    h, w = gray.shape[:2]
    crop = gray[h // 4 : h // 4 + 512, w // 4 : w // 4 + 512].astype(np.float64)
    kernel = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], dtype=np.float64)
    response = np.abs(cv2.filter2D(crop, -1, kernel))[1:-1, 1:-1]
    ch, cw = response.shape
    if ch < 3 or cw < 3:
        return 0.0
    return float(response.sum() * np.sqrt(0.5 * np.pi) / (6.0 * ch * cw))


def denoise(gray: np.ndarray) -> np.ndarray:
    """A 3×3 median: removes speckle and sensor noise without thinning strokes (and is fast)."""
    import cv2

    return cv2.medianBlur(gray, 3)


SPECK_AREA = 8  # px at 300 dpi: a speck of dust or toner; a full stop in 6-pt type is larger
SPECK_ALONE = 12  # px: no other ink this near (a full stop sits beside its digits)


def remove_specks(gray: np.ndarray) -> tuple[np.ndarray, int]:
    """The page with specks taken off, and how many: dots of ink of a few pixels with no other
    ink near. A worn scanner or a fax scatters them, and beside light or small print they make
    Tesseract's line finder read garbage (measured on such pages: mean confidence 0.57–0.78
    → 0.88–0.94, the same gain as a median filter, which also thins every stroke).
    Found from the components' boxes and an integral image, about 60 ms a page at 300 dpi."""
    import cv2
    import numpy as np

    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    x, y, w, h, area = (stats[1:, i] for i in range(5))
    small = np.flatnonzero(area <= SPECK_AREA)
    if not small.size:
        return gray, 0
    rest = ink // 255
    for i in small:
        rest[y[i] : y[i] + h[i], x[i] : x[i] + w[i]] = 0
    total = cv2.integral(rest)
    height, width = ink.shape
    x0 = np.clip(x[small] - SPECK_ALONE, 0, width)
    y0 = np.clip(y[small] - SPECK_ALONE, 0, height)
    x1 = np.clip(x[small] + w[small] + SPECK_ALONE, 0, width)
    y1 = np.clip(y[small] + h[small] + SPECK_ALONE, 0, height)
    near = total[y1, x1] - total[y0, x1] - total[y1, x0] + total[y0, x0]
    alone = small[near == 0]
    out = gray.copy()
    for i in alone:
        box = (slice(y[i], y[i] + h[i]), slice(x[i], x[i] + w[i]))
        out[box][ink[box] > 0] = 255
    return out, len(alone)


def binarise(gray: np.ndarray) -> np.ndarray:
    """Adaptive (local) threshold; not applied by default — see the module docstring."""
    import cv2

    return cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, 31, 15
    )


# --- the sequence ----------------------------------------------------------------------------


def _timed(step: Callable[[], np.ndarray]) -> tuple[np.ndarray, float]:
    start = time.perf_counter()
    out = step()
    return out, (time.perf_counter() - start) * 1000


def clean_page(gray: np.ndarray, *, binarise_output: bool = False) -> Cleaned:
    """Apply the steps a page needs, each only when its cheap test says so; note each. The
    geometry steps compose into `transform`, so OCR boxes can be mapped back to the input."""
    import numpy as np

    if min(gray.shape[:2]) < MIN_SIDE:  # nothing to analyse (and too small to hold a page)
        return Cleaned(gray, (), False, False, np.eye(3))
    notes: list[str] = []
    small = analysis_copy(gray)  # the one downscale (it is most of the analysis cost)
    image, transform = _flatten(gray, small, notes)
    photo = transform is not None
    if transform is None:
        transform = np.eye(3)
    else:
        small = analysis_copy(image)
    bg = background(image, small)
    spread = shading_spread(image, bg)
    if spread > SHADING_SPREAD:
        photo = photo or spread > 1.75 * SHADING_SPREAD
        image, ms = _timed(lambda: remove_shading(image, bg))
        small = (remove_shading(small[0], bg), small[1])  # the analysis copy too, cheaply
        notes.append(f"cleanup: shading removed (background range {spread:.2f}, {ms:.0f} ms)")
    points = ink_points(image, small)
    sideways = looks_sideways(image, points)
    if not sideways:
        angle = skew_angle(image, points)
        # Only a clear optimum: text lines at `angle` much sharper than as the page lies.
        sharper = _profile_score(points, angle) > 1.2 * _profile_score(points, 0.0)
        if MIN_SKEW_DEG <= abs(angle) < MAX_SKEW_DEG and sharper:
            transform = rotation(image.shape, angle)[0] @ transform
            image, ms = _timed(lambda: rotate(image, angle))
            notes.append(f"cleanup: deskewed by {angle:.1f}° ({ms:.0f} ms)")
    sigma = noise_sigma(image)
    if sigma > NOISE_SIGMA:
        image, ms = _timed(lambda: denoise(image))
        notes.append(f"cleanup: median denoise (noise σ≈{sigma:.0f}, {ms:.0f} ms)")
    image, factor = _enlarge_small_text(image, notes)
    transform = scaling(factor) @ transform
    if binarise_output:
        image = binarise(image)
        notes.append("cleanup: binarised")
    return Cleaned(image, tuple(notes), photo, sideways, transform, factor)


def _flatten(
    gray: np.ndarray, small: Small, notes: list[str]
) -> tuple[np.ndarray, np.ndarray | None]:
    """The page warped flat when a photo's page outline is found, with the warp's matrix."""
    quad = find_page_outline(gray, small)
    if quad is None or not is_perspective(quad):
        return gray, None
    image, ms = _timed(lambda: warp_to_page(gray, quad))
    notes.append(f"cleanup: perspective corrected from page outline ({ms:.0f} ms)")
    return image, page_warp(quad)[0]


def _enlarge_small_text(image: np.ndarray, notes: list[str]) -> tuple[np.ndarray, float]:
    """Tesseract's LSTM reads letters about 20–30 px high best; phone photos of a whole page
    give ~14 px. Enlarging them (≤ 1.5×) raised recall of order values on such photos (see the
    benchmark notes); it costs OCR time roughly in proportion to the pixels added."""
    height = char_height(image)
    if not 0 < height < SMALL_TEXT_PX:
        return image, 1.0
    factor = min(MAX_ENLARGE, TARGET_TEXT_PX / height)
    enlarged, ms = _timed(lambda: upscale(image, factor))
    notes.append(f"cleanup: enlarged {factor:.2f}× (letters {height:.0f} px, {ms:.0f} ms)")
    return enlarged, factor
