"""Page images for the review screen: PDF pages rendered with pypdfium2, images as PNG.

Rendered pages are cached on disk under `$POFLOW_HOME/page-cache/` by the original's
SHA-256 and page number, so a page is rendered once. Boxes are not drawn into the image:
the review screen lays an SVG over it whose viewBox is the page in the evidence's own unit
(PDF points, or pixels for images), so the browser does the points → pixels scaling.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium

from poflow.errors import CorruptFile

RENDER_SCALE = 1.5  # 108 dpi: sharp enough to read on screen, small enough to send fast


@dataclass(frozen=True)
class PageSize:
    """A page's size in the unit its evidence boxes use (PDF points or image pixels)."""

    width: float
    height: float


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF")


def page_count(data: bytes) -> int:
    """Pages that can be shown: a PDF's pages, one for an image, none for anything else."""
    if is_pdf(data):
        return len(pdfium.PdfDocument(data))
    return 1 if _decode_image(data) is not None else 0


def page_size(data: bytes, page_no: int) -> PageSize:
    if is_pdf(data):
        width, height = pdfium.PdfDocument(data)[page_no - 1].get_size()
        return PageSize(float(width), float(height))
    image = _decode_image(data)
    if image is None:
        raise CorruptFile("not a PDF or an image")
    return PageSize(float(image.shape[1]), float(image.shape[0]))


def page_png(data: bytes, sha256: str, page_no: int, cache_dir: Path) -> Path:
    """The PNG of one page (1-based), rendered on first use and cached."""
    target = cache_dir / f"{sha256}-{page_no}.png"
    if target.exists():
        return target
    png = _render(data, page_no)
    cache_dir.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=cache_dir, suffix=".part")
    with os.fdopen(handle, "wb") as out:
        out.write(png)
    os.replace(temp, target)  # atomic: a concurrent reader never sees half a file
    return target


def _render(data: bytes, page_no: int) -> bytes:
    if is_pdf(data):
        document = pdfium.PdfDocument(data)
        if not 1 <= page_no <= len(document):
            raise CorruptFile(f"no page {page_no}")
        image = document[page_no - 1].render(scale=RENDER_SCALE).to_pil()
        pixels = cv2.cvtColor(np.asarray(image.convert("RGB")), cv2.COLOR_RGB2BGR)
    else:
        decoded = _decode_image(data)
        if decoded is None or page_no != 1:
            raise CorruptFile(f"no page {page_no}")
        pixels = decoded
    ok, encoded = cv2.imencode(".png", pixels, [cv2.IMWRITE_PNG_COMPRESSION, 3])
    if not ok:
        raise CorruptFile("page could not be encoded as PNG")
    return bytes(encoded.tobytes())


def _decode_image(data: bytes) -> np.ndarray | None:
    buffer = np.frombuffer(data, dtype=np.uint8)
    image = cv2.imdecode(buffer, cv2.IMREAD_COLOR) if buffer.size else None
    return image if image is not None and image.size else None
