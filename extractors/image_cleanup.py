"""OpenCV clean-up of a page image before OCR: each step small, decided cheaply, and noted.

Every decision is taken on a downscaled copy (long side ≤ 1000 px) so that clean-up costs a
small fraction of the OCR call; only the chosen corrections touch the full-resolution image.
Steps, in order: page outline + perspective warp (phone photos), shading removal (uneven light),
deskew (small angles), light denoise. Binarisation is available but off: Tesseract 5's LSTM
reads clean grayscale at least as well (measured in the benchmark notes of the report).
Quarter-turn orientation is Tesseract OSD's job (`ocr.detect_orientation`), called by
`reading` only when this module says the lines run vertically or the first reading is poor.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

ANALYSIS_SIDE = 1000
MIN_SKEW_DEG = 0.3
MAX_SKEW_DEG = 15.0
SHADING_SPREAD = 0.2  # background brightness range (share of 255) that counts as uneven light
NOISE_SIGMA = 10.0  # estimated grey-level noise above which a median filter is applied


@dataclass(frozen=True)
class Cleaned:
    """The cleaned page and what was done to it (`notes`), with whether it looks like a photo."""

    image: np.ndarray
    notes: tuple[str, ...]
    photo: bool
    sideways: bool  # text lines run vertically: orientation detection is worth its cost


def analysis_copy(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """A copy with long side ≤ ANALYSIS_SIDE and the factor small/original."""
    import cv2

    factor = min(1.0, ANALYSIS_SIDE / max(gray.shape[:2]))
    if factor >= 1.0:
        return gray, 1.0
    small = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    return small, factor


# --- page outline and perspective ---------------------------------------------------------


def find_page_outline(gray: np.ndarray) -> np.ndarray | None:
    """The four corners (tl, tr, br, bl; full-resolution px) of a sheet of paper lying on a
    darker background, or None unless one clear quadrilateral covers 20–97 % of the image."""
    import cv2
    import numpy as np

    small, factor = analysis_copy(gray)
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
    import numpy as np

    tl, tr, br, bl = quad
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]])
    matrix = cv2.getPerspectiveTransform(quad, target.astype(np.float32))
    return cv2.warpPerspective(
        gray, matrix, (width, height), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )


# --- shading -------------------------------------------------------------------------------


def background(gray: np.ndarray) -> np.ndarray:
    """The paper's brightness without the print: a large closing removes dark strokes."""
    import cv2

    small, _ = analysis_copy(gray)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (31, 31))
    closed = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    return cv2.medianBlur(closed, 31)


def shading_spread(gray: np.ndarray) -> float:
    """How uneven the light is: the 2nd–98th percentile range of the background, as 0..1."""
    import numpy as np

    bg = background(gray)
    low, high = np.percentile(bg, (2, 98))
    return float(high - low) / 255.0


def remove_shading(gray: np.ndarray) -> np.ndarray:
    """Divide by the background estimate so paper is evenly white and print keeps its contrast."""
    import cv2

    bg = cv2.resize(
        background(gray), (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR
    )
    return cv2.divide(gray, bg, scale=255)


# --- skew and orientation ------------------------------------------------------------------


def _ink(small: np.ndarray) -> np.ndarray:
    import cv2

    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink


def _profile_score(ink: np.ndarray, angle: float) -> float:
    """Sharpness of the row projection after rotating by `angle`: text lines aligned with rows
    give alternating full and empty rows, i.e. large differences between neighbours."""
    import cv2
    import numpy as np

    h, w = ink.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rotated = cv2.warpAffine(ink, matrix, (w, h), flags=cv2.INTER_NEAREST)
    rows = rotated.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(rows)).sum())


def skew_angle(gray: np.ndarray) -> float:
    """The angle (degrees, counter-clockwise positive as OpenCV) that levels the text lines:
    a coarse 0.5° search over ±15°, refined to 0.1°."""
    return _skew_of_ink(_ink(analysis_copy(gray)[0]))


def _skew_of_ink(ink: np.ndarray) -> float:
    import numpy as np

    coarse = np.arange(-MAX_SKEW_DEG, MAX_SKEW_DEG + 0.01, 0.5)
    best = max(coarse, key=lambda a: _profile_score(ink, float(a)))
    fine = np.arange(best - 0.5, best + 0.51, 0.1)
    return round(float(max(fine, key=lambda a: _profile_score(ink, float(a)))), 2)


def _best_profile(ink: np.ndarray) -> float:
    """The sharpest row projection over a 1.5° grid of small angles (skew-tolerant)."""
    import numpy as np

    return max(_profile_score(ink, float(a)) for a in np.arange(-15.0, 15.01, 1.5))


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    """Rotate about the centre on a canvas large enough to keep the corners, paper-coloured."""
    import cv2
    import numpy as np

    h, w = gray.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = int(h * sin + w * cos), int(h * cos + w * sin)
    matrix[0, 2] += new_w / 2 - w / 2
    matrix[1, 2] += new_h / 2 - h / 2
    paper = int(np.percentile(gray[:: max(1, h // 200), :: max(1, w // 200)], 90))
    return cv2.warpAffine(gray, matrix, (new_w, new_h), flags=cv2.INTER_LINEAR, borderValue=paper)


def looks_sideways(gray: np.ndarray) -> bool:
    """Text lines run top-to-bottom (page turned by 90°): projected along columns the ink is
    much more sharply structured than along rows, even allowing for a few degrees of skew.
    Cheap (on the small copy); decides whether OSD runs before the first OCR."""
    import numpy as np

    ink = _ink(analysis_copy(gray)[0])
    return bool(_best_profile(np.ascontiguousarray(ink.T)) > 1.5 * _best_profile(ink))


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
    """Apply the steps a page needs, each only when its cheap test says so; note each."""
    notes: list[str] = []
    photo = False
    image = gray
    quad = find_page_outline(image)
    if quad is not None and is_perspective(quad):
        photo = True
        image, ms = _timed(lambda: warp_to_page(gray, quad))
        notes.append(f"cleanup: perspective corrected from page outline ({ms:.0f} ms)")
    spread = shading_spread(image)
    if spread > SHADING_SPREAD:
        photo = photo or spread > 1.75 * SHADING_SPREAD
        image, ms = _timed(lambda: remove_shading(image))
        notes.append(f"cleanup: shading removed (background range {spread:.2f}, {ms:.0f} ms)")
    sideways = looks_sideways(image)
    if not sideways:
        angle = skew_angle(image)
        if MIN_SKEW_DEG < abs(angle) < MAX_SKEW_DEG:
            image, ms = _timed(lambda: rotate(image, angle))
            notes.append(f"cleanup: deskewed by {angle:.1f}° ({ms:.0f} ms)")
    sigma = noise_sigma(image)
    if sigma > NOISE_SIGMA:
        image, ms = _timed(lambda: denoise(image))
        notes.append(f"cleanup: median denoise (noise σ≈{sigma:.0f}, {ms:.0f} ms)")
    if binarise_output:
        image = binarise(image)
        notes.append("cleanup: binarised")
    return Cleaned(image=image, notes=tuple(notes), photo=photo, sideways=sideways)
