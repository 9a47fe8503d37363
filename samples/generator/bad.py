"""Inputs that must fail (contract §1 exit code 3): each with a truth file saying why."""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import numpy as np
from PIL import Image
from reportlab.lib.pdfencrypt import StandardEncryption

from samples.generator.degrade import image_pdf, scan_page
from samples.generator.render import PAGE_A4, Doc


def _order_like_pdf(encrypt: StandardEncryption | None = None) -> bytes:
    doc = Doc(PAGE_A4)
    if encrypt is not None:
        doc.canvas.setEncrypt(encrypt)
    doc.text(40, 40, "Northwind Traders Ltd.", 16, bold=True)
    doc.text(40, 80, "PURCHASE ORDER  P.O. No. NW900001  Order Date 2 March 2026", 10)
    doc.text(40, 100, "GB-7731  LED panel light 600 x 600, 40 W   10   31.50   315.00", 10)
    return doc.finish()


def empty() -> bytes:
    return b""


def truncated_pdf() -> bytes:
    data = _order_like_pdf()
    return data[: len(data) // 3]


def encrypted_pdf() -> bytes:
    return _order_like_pdf(StandardEncryption("secret-po", ownerPassword="owner", strength=128))


def _png(array: np.ndarray) -> bytes:
    buffer = BytesIO()
    Image.fromarray(array).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def png_named_pdf() -> bytes:
    """A real PNG with a .pdf name: the type must come from the bytes, not the extension."""
    return _png(np.full((400, 300), 255, np.uint8))


def text_named_pdf() -> bytes:
    return b"This is not a PDF.\nPlease see the order in the next e-mail.\n"


def random_bytes() -> bytes:
    return random.Random("bad/random").randbytes(40_000)


def blank_scan_png() -> bytes:
    """A scanned blank page: paper texture and specks, no text at all."""
    page = np.full((1650, 1275), 250, np.uint8)
    return _png(scan_page(page, random.Random("bad/blank"))[::2, ::2] // 16 * 16)


def photo_of_nothing() -> bytes:
    """A phone photo of an empty desk: colour noise and a gradient, no document."""
    npr = np.random.default_rng(7)
    ramp = np.linspace(60, 160, 900, dtype=np.float32)[None, :, None]
    image = np.clip(ramp + npr.normal(0, 12, (1200, 900, 3)), 0, 255).astype(np.uint8)
    buffer = BytesIO()
    Image.fromarray(image).save(buffer, "JPEG", quality=60)
    return buffer.getvalue()


def blank_image_pdf() -> bytes:
    page = np.full((1100, 850), 252, np.uint8)
    return image_pdf([scan_page(page, random.Random("bad/blankpdf"))], 100)


BAD_INPUTS: tuple[tuple[str, Callable[[], bytes], str], ...] = (
    ("empty.pdf", empty, "empty file (0 bytes)"),
    ("truncated.pdf", truncated_pdf, "PDF cut off after a third of its bytes: corrupt, no xref"),
    ("encrypted.pdf", encrypted_pdf, "PDF encrypted with a user password ('secret-po')"),
    ("png-named.pdf", png_named_pdf, "a PNG image (blank) with a .pdf extension"),
    ("text-named.pdf", text_named_pdf, "a plain-text file with a .pdf extension"),
    ("random-bytes.pdf", random_bytes, "40 kB of random bytes named .pdf: not a document"),
    ("blank-scan.png", blank_scan_png, "a scanned blank page: an image with no text"),
    ("photo-of-nothing.jpg", photo_of_nothing, "a phone photo of an empty desk: no document"),
    ("blank-scan.pdf", blank_image_pdf, "an image-only PDF of a blank page: no text found"),
)


def write_bad(folder: Path) -> list[Path]:
    """Write every bad input with `NAME.truth.json` = expected failure and the reason."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    written = []
    for name, make, reason in BAD_INPUTS:
        path = folder / name
        path.write_bytes(make())
        truth = {"expected_status": "failed", "kind": "bad", "reason": reason}
        stem = name.rsplit(".", 1)[0]
        (folder / f"{stem}.truth.json").write_text(json.dumps(truth, indent=2) + "\n")
        written.append(path)
    return written
