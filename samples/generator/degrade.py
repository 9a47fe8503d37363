"""Turn a rendered PDF into a scan or a phone photo.

Scans: rasterised at 200 or 300 dpi, skewed by 0.5-2 degrees, blurred a little, speckled,
JPEG-compressed, and wrapped as an image-only PDF or saved as PNG/TIFF/JPEG. Photos: the
page warped in perspective onto a desk background with uneven light, ~2000 px, JPEG.
All randomness comes from the caller's seeded generator.
"""

from __future__ import annotations

import random
import time
from io import BytesIO
from typing import Any

import cv2
import numpy as np
import pdfplumber
import pypdfium2 as pdfium
from numpy.typing import NDArray
from PIL import Image

Gray = NDArray[np.uint8]
# PDF metadata dates fixed, so regeneration is byte-identical
FIXED_DATE = time.strptime("2026-01-01", "%Y-%m-%d")


def rasterize(pdf: bytes, dpi: int) -> list[Gray]:
    """Each page of `pdf` as an 8-bit grayscale array at `dpi`."""
    document = pdfium.PdfDocument(pdf)
    pages = []
    for page in document:
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        pages.append(np.array(bitmap.to_pil().convert("L")))
    document.close()
    return pages


def _np_rng(rng: random.Random) -> np.random.Generator:
    return np.random.default_rng(rng.randrange(2**32))


def scan_page(page: Gray, rng: random.Random, *, heavy: bool = False) -> Gray:
    """A flatbed/feeder scan: skew, slight blur, grey paper, speckle noise."""
    npr = _np_rng(rng)
    angle = rng.uniform(0.5, 2.0) * rng.choice((-1, 1))
    h, w = page.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    paper = rng.randint(232, 248)
    out = cv2.warpAffine(page, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=paper)
    out = np.minimum(out, paper).astype(np.uint8)
    out = cv2.GaussianBlur(out, (3, 3), 0.9 if heavy else 0.6)
    noise = npr.normal(0, 8 if heavy else 3, out.shape)
    out = np.clip(out.astype(np.float32) + noise, 0, 255)
    specks = npr.random(out.shape) < (0.002 if heavy else 0.0006)
    out[specks] = 40
    return out.astype(np.uint8)


def image_pdf(pages: list[Gray], dpi: int, quality: int = 60) -> bytes:
    """Wrap page images as an image-only PDF (JPEG-compressed, no text layer)."""
    images = [Image.fromarray(p) for p in pages]
    buffer = BytesIO()
    images[0].save(
        buffer, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:],
        quality=quality, creationDate=FIXED_DATE, modDate=FIXED_DATE,
    )  # fmt: skip
    return buffer.getvalue()


def image_file(pages: list[Gray], fmt: str, dpi: int) -> bytes:
    """Scanned pages as a TIFF (bilevel, CCITT G4, one page per frame, like a fax), or one
    page as a PNG (grey) or JPEG."""
    buffer = BytesIO()
    if fmt == "tiff":
        frames = [Image.fromarray(p).point(lambda v: 255 if v > 150 else 0).convert("1")
                  for p in pages]  # fmt: skip
        frames[0].save(buffer, "TIFF", compression="group4", dpi=(dpi, dpi), save_all=True,
                       append_images=frames[1:])  # fmt: skip
        return buffer.getvalue()
    assert len(pages) == 1, "PNG and JPEG scans are single-page orders"
    image = Image.fromarray(pages[0])
    if fmt == "png":
        # scanner software posterises to few grey levels; it also keeps the PNG small
        levels = (np.asarray(image) // 32 * 32 + 16).astype(np.uint8)
        Image.fromarray(levels).save(buffer, "PNG", optimize=True, dpi=(dpi, dpi))
    else:
        image.save(buffer, "JPEG", quality=50, dpi=(dpi, dpi))
    return buffer.getvalue()


def find_text_box(pdf: bytes, text: str) -> tuple[float, float, float, float] | None:
    """Where `text` is printed on the last page (PDF points, top-left origin); the last match."""
    with pdfplumber.open(BytesIO(pdf)) as document:
        hits = document.pages[-1].search(text, regex=False)
    if not hits:
        return None
    hit = hits[-1]
    return (hit["x0"], hit["top"], hit["x1"], hit["bottom"])


def smudge(
    page: Gray,
    box: tuple[float, float, float, float],
    dpi: int,
    rng: random.Random,
    *,
    strength: float = 1.0,
) -> Gray:
    """Smear ink over part of a printed number (coffee/finger smudge): it stays guessable for a
    person but an OCR engine reads it with low confidence."""
    scale = dpi / 72
    x0, top, x1, bottom = (int(v * scale) for v in box)
    out = page.copy()
    region: Any = out[top - 4 : bottom + 4, x0 - 4 : x1 + 4].astype(np.float32)
    width = max(2, round(6 * strength * dpi / 150))
    kernel = np.full((1, width), 1 / width, np.float32)
    region = cv2.filter2D(region, -1, kernel)
    blob: Any = np.zeros_like(region)
    cx = rng.randint(region.shape[1] // 3, 2 * region.shape[1] // 3)
    cv2.ellipse(blob, (cx, region.shape[0] // 2), (region.shape[1] // 5, region.shape[0] // 2),
                rng.uniform(-20, 20), 0, 360, 45 * strength, -1)  # fmt: skip
    blob = cv2.GaussianBlur(blob, (0, 0), 6)
    out[top - 4 : bottom + 4, x0 - 4 : x1 + 4] = np.clip(region - blob, 0, 255).astype(np.uint8)
    return out


def _desk(h: int, w: int, npr: np.random.Generator) -> NDArray[np.float32]:
    """A wooden/grey desk: a colour gradient with grain."""
    base = np.array(npr.choice([[92, 120, 150], [70, 70, 72], [150, 160, 170]]), np.float32)
    ramp = np.linspace(0.8, 1.15, w, dtype=np.float32)[None, :, None]
    grain: Any = npr.normal(0, 9, (h, w, 1)).astype(np.float32)
    grain = cv2.GaussianBlur(grain, (0, 0), sigmaX=8, sigmaY=1)[..., None]
    return np.clip(base[None, None, :] * ramp + grain, 0, 255)


def photo(page: Gray, rng: random.Random, *, long_side: int = 2000, rough: bool = False) -> bytes:
    """A phone photo of the page lying on a desk: perspective, shading, JPEG."""
    npr = _np_rng(rng)
    h_out, w_out = long_side, int(long_side * 0.75)
    ph, pw = page.shape
    margin_x, margin_y = w_out * 0.08, h_out * 0.06

    def jitter(v: float) -> float:
        return v + rng.uniform(-1, 1) * w_out * (0.05 if rough else 0.03)

    dst = np.array([[jitter(margin_x), jitter(margin_y)],
                      [jitter(w_out - margin_x), jitter(margin_y)],
                      [jitter(w_out - margin_x * 0.6), jitter(h_out - margin_y)],
                      [jitter(margin_x * 0.6), jitter(h_out - margin_y)]], np.float32)  # fmt: skip
    src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst)
    colour_page = cv2.cvtColor(page, cv2.COLOR_GRAY2BGR).astype(np.float32)
    warped = cv2.warpPerspective(colour_page, matrix, (w_out, h_out), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.ones((ph, pw), np.float32), matrix, (w_out, h_out))[..., None]
    image = warped * mask + _desk(h_out, w_out, npr) * (1 - mask)
    image = image * _lighting(h_out, w_out, rng, rough)[..., None]
    image = cv2.GaussianBlur(image, (0, 0), 1.6 if rough else 0.8)
    image = np.clip(image + npr.normal(0, 6 if rough else 3, image.shape), 0, 255).astype(np.uint8)
    ok, jpeg = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 55 if rough else 72])
    assert ok
    return jpeg.tobytes()


def _lighting(h: int, w: int, rng: random.Random, rough: bool) -> NDArray[np.float32]:
    """Uneven light: brighter near a random point, a soft shadow band from the phone."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.1, 0.6) * h
    dist = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / max(h, w)
    light = 1.05 - (0.55 if rough else 0.35) * dist
    band = rng.uniform(0.3, 0.9) * h
    shadow = 1 - (0.25 if rough else 0.12) * np.exp(-(((yy - band) / (0.08 * h)) ** 2))
    return (light * shadow).astype(np.float32)
