"""Producers: how one planned job becomes file bytes, by input kind."""

from __future__ import annotations

import random
from collections.abc import Callable

from samples.generator import blind4, blind5, blind6, blind7, blind8, degrade, email_build
from samples.generator.content import Order
from samples.generator.formatting import CH, DE, EN, FR_PLAIN, number
from samples.generator.plan import Job

Render = Callable[[Order], bytes]
Producer = Callable[[Order, Job, Render, random.Random], tuple[str, bytes]]

SCAN_VARIANTS = {  # variant -> (extension, dpi)
    "pdf300": ("pdf", 300),
    "pdf200": ("pdf", 200),
    "png": ("png", 200),
    "tiff": ("tiff", 200),
    "jpeg": ("jpg", 300),
    "smudge200": ("pdf", 200),  # heavy noise and the total smudged: a low_confidence case
}


def extension(job: Job) -> str:
    """The file extension a job's document gets."""
    if job.kind == "scan":
        return SCAN_VARIANTS[job.variant][0]
    return {"text_pdf": "pdf", "photo": "jpg"}.get(job.kind, "eml")


def text_pdf(order: Order, job: Job, render: Render, rng: random.Random) -> tuple[str, bytes]:
    return "pdf", render(order)


def scan(order: Order, job: Job, render: Render, rng: random.Random) -> tuple[str, bytes]:
    """An image-only PDF (all pages) or a single-page image file."""
    ext, dpi = SCAN_VARIANTS[job.variant]
    pdf = render(order)
    pages = degrade.rasterize(pdf, dpi)
    if job.variant.startswith("smudge"):
        box = _total_box(pdf, order)
        assert box is not None, "total not found on the rendered page"
        pages[-1] = degrade.smudge(pages[-1], box, dpi, rng, strength=1.3)
    heavy = job.variant.startswith("smudge")
    pages = [degrade.scan_page(p, rng, heavy=heavy) for p in pages]
    if ext == "pdf":
        return ext, degrade.image_pdf(pages, dpi, quality=45 if dpi == 300 else 55)
    return ext, degrade.image_file(pages, job.variant, dpi)


def photo(order: Order, job: Job, render: Render, rng: random.Random) -> tuple[str, bytes]:
    """A phone photo of page 1; the `smudge` variant smears the total (a low_confidence case:
    the rest of the page stays readable, so only the total's confidence should drop)."""
    pdf = render(order)
    dpi = 150
    page = degrade.rasterize(pdf, dpi)[0]
    if job.variant == "smudge":
        box = _total_box(pdf, order)
        assert box is not None, "total not found on the rendered page"
        page = degrade.smudge(page, box, dpi, rng, strength=1.5)
    return "jpg", degrade.photo(page, rng)


def _total_box(pdf: bytes, order: Order) -> tuple[float, float, float, float] | None:
    for style in (EN, DE, FR_PLAIN, CH):
        box = degrade.find_text_box(pdf, number(order.total, style))
        if box is not None:
            return box
    return None


def email_body(order: Order, job: Job, render: Render, rng: random.Random) -> tuple[str, bytes]:
    tag = f"po-{rng.getrandbits(48):012x}"
    with_date = job.variant != "nodate"
    if job.layout in blind4.MAILS:
        return "eml", blind4.body_email(order, job.layout, with_date=with_date, tag=tag, rng=rng)
    if job.layout in blind5.MAILS:
        return "eml", blind5.body_email(order, job.layout, with_date=with_date, tag=tag, rng=rng)
    if job.layout in blind6.MAILS:
        return "eml", blind6.body_email(order, job.layout, with_date=with_date, tag=tag, rng=rng)
    if job.layout in blind7.MAILS:
        return "eml", blind7.body_email(order, job.layout, with_date=with_date, tag=tag, rng=rng)
    if job.layout in blind8.MAILS:
        return "eml", blind8.body_email(order, job.layout, with_date=with_date, tag=tag, rng=rng)
    return "eml", email_build.body_email(order, job.layout, with_date=with_date, tag=tag, rng=rng)


def email_attachment(
    order: Order, job: Job, render: Render, rng: random.Random
) -> tuple[str, bytes]:
    """The order PDF attached to a mail; the `scan` variant attaches a 200 dpi scan of it,
    the `photo` variant a phone photo (JPEG) of its first page."""
    tag = f"po-{rng.getrandbits(48):012x}"
    pdf = render(order)
    if job.variant == "scan":
        pages = [degrade.scan_page(p, rng) for p in degrade.rasterize(pdf, 200)]
        pdf = degrade.image_pdf(pages, 200, quality=50)
    if job.variant == "photo":
        jpeg = degrade.photo(degrade.rasterize(pdf, 150)[0], rng)
        attachment = email_build.Attachment(jpeg, "image", "jpeg", "IMG_0417.jpg")
    else:
        name = f"PO_{(order.po_number or 'order').replace('/', '-')}.pdf"
        attachment = email_build.Attachment(pdf, "application", "pdf", name)
    return "eml", email_build.attachment_email(order, attachment, extras=job.variant, tag=tag,
                                               rng=rng)  # fmt: skip


PRODUCERS: dict[str, Producer] = {
    "text_pdf": text_pdf,
    "scan": scan,
    "photo": photo,
    "email_body": email_body,
    "email_attachment": email_attachment,
}
