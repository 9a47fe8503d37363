"""Print HTML to PDF with headless Chromium (Playwright), reproducibly.

Chromium stamps the print time into the PDF's CreationDate/ModDate; those are overwritten
with a fixed date of the same length, so the byte offsets of the file stay valid and
regeneration gives the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CHROMIUM = "/usr/bin/chromium"
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}([^)]*)\)")


# Chromium fills these in a running footer: "Page 1 of 2", "1 / 2".
PAGES = '<span class="pageNumber"></span> / <span class="totalPages"></span>'
PAGE_OF = PAGES.replace(" / ", " of ")


@dataclass(frozen=True)
class PageSetup:
    """Paper and the running footer a system prints on every page (e.g. "Page 1 of 2")."""

    paper: str = "A4"  # or "Letter"
    landscape: bool = False
    footer: str = ""  # HTML; Chromium fills <span class="pageNumber"> and "totalPages"
    margin_mm: tuple[int, int, int, int] = (14, 14, 16, 14)  # top, right, bottom, left


def _fixed_dates(pdf: bytes) -> bytes:
    def fix(match: re.Match[bytes]) -> bytes:
        return b"/" + match[1] + b" (D:20260101000000" + match[2] + b")"

    return _PDF_DATE.sub(fix, pdf)


def print_pdf(html: str, page: PageSetup) -> bytes:
    """The PDF Chromium prints for `html` (one browser per call: slow but stateless)."""
    from playwright.sync_api import sync_playwright

    top, right, bottom, left = (f"{v}mm" for v in page.margin_mm)
    footer = f'<div style="width:100%;font-size:7pt;padding:0 12mm">{page.footer}</div>'
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            tab = browser.new_page()
            tab.set_content(html, wait_until="load")
            pdf = tab.pdf(
                format=page.paper, landscape=page.landscape, print_background=True,
                display_header_footer=bool(page.footer), header_template="<span></span>",
                footer_template=footer,
                margin={"top": top, "right": right, "bottom": bottom, "left": left},
            )  # fmt: skip
        finally:
            browser.close()
    return _fixed_dates(pdf)
