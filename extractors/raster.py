"""Image-only PDF pages rendered to grayscale pixels for OCR, and OCR boxes mapped back to points.

300 dpi is where Tesseract reads body text best; a page that would exceed the pixel cap is
rendered at the highest resolution under it. OCR boxes on a rendered page are divided by the
render scale so that evidence on a PDF is in PDF points (contract §2).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from poflow.domain import Word

if TYPE_CHECKING:
    import numpy as np
    import pypdfium2

OCR_DPI = 300
MIN_DPI = 72
POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class RenderedPage:
    """A page as grayscale pixels; `scale` is pixels per PDF point."""

    image: np.ndarray
    scale: float
    dpi: float


def render_dpi(width_pt: float, height_pt: float, max_pixels: int, dpi: float = OCR_DPI) -> float:
    """The resolution to render a page at: `dpi`, or lower so width × height stays under the cap."""
    pixels = (width_pt * dpi / POINTS_PER_INCH) * (height_pt * dpi / POINTS_PER_INCH)
    if pixels <= max_pixels:
        return dpi
    return max(MIN_DPI, dpi * math.sqrt(max_pixels / pixels) * 0.999)


def render_page(page: pypdfium2.PdfPage, max_pixels: int) -> RenderedPage:
    """Render one PDF page (with its /Rotate applied) as 8-bit grayscale.

    Rendered in colour and converted by OpenCV: pdfium's own grayscale rendering takes twice
    as long (~100 ms more per 300 dpi page) for the same pixels (same weights, measured
    identical on every scanned sample)."""
    width, height = page.get_size()
    dpi = render_dpi(width, height, max_pixels)
    scale = dpi / POINTS_PER_INCH
    bitmap = page.render(scale=scale)
    try:
        # A new array: owns the pixels, as the bitmap buffer is freed below.
        image = _to_gray(bitmap.to_numpy())
    finally:
        bitmap.close()
    return RenderedPage(image=image, scale=scale, dpi=dpi)


def _to_gray(pixels: np.ndarray) -> np.ndarray:
    """pdfium's BGR (or BGRx) pixels as a new 8-bit grayscale array."""
    import cv2

    code = cv2.COLOR_BGRA2GRAY if pixels.shape[2] == 4 else cv2.COLOR_BGR2GRAY
    return cv2.cvtColor(pixels, code)


def words_to_points(words: tuple[Word, ...], scale: float) -> tuple[Word, ...]:
    """OCR words in pixels of a page rendered at `scale` px/pt, back in PDF points."""
    return tuple(
        replace(
            w,
            x0=w.x0 / scale,
            top=w.top / scale,
            x1=w.x1 / scale,
            bottom=w.bottom / scale,
        )
        for w in words
    )
