"""Reading PDFs: text-layer words, OCR of image-only pages in PDF points, and bad PDFs.

Real pdfplumber, pypdfium2 and Tesseract on PDFs drawn with reportlab.
"""

from __future__ import annotations

import io

import numpy as np
import pypdfium2
import pytest
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from extractors.raster import render_page
from extractors.reading import input_kind, read_pages
from poflow.domain import ExtractionContext, PageText, Word
from poflow.errors import CorruptFile, EncryptedFile, NoTextFound

CONTEXT = ExtractionContext()
LINES = [
    (72, 720, "PURCHASE ORDER"),
    (72, 680, "Order Number 4500012345"),
    (72, 650, "Delivery Date 2026-04-01"),
    (300, 600, "Quantity 250 Total 105.00"),
]


def _text_pdf(pages: int = 1, **canvas_options: object) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=letter, **canvas_options)  # type: ignore[arg-type]
    for _ in range(pages):
        pdf.setFont("Helvetica", 16)
        for x, y, text in LINES:
            pdf.drawString(x, y, text)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def _image_only_pdf(source: bytes, dpi: int = 200) -> bytes:
    """The pages of `source` rasterised and put back as full-page images: a 'scanned' PDF."""
    document = pypdfium2.PdfDocument(source)
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=letter)
    for page in document:
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
        pdf.drawImage(ImageReader(image), 0, 0, width=letter[0], height=letter[1])
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def _word(page: PageText, text: str) -> Word:
    return next(w for w in page.words if w.text == text)


def test_text_layer_words_have_boxes_in_points_from_the_top_left() -> None:
    [page] = read_pages(_text_pdf(), "pdf", CONTEXT, name="t.pdf")
    assert (page.method, page.unit, page.width, page.height) == ("text_layer", "pt", 612, 792)
    purchase = _word(page, "PURCHASE")
    assert purchase.x0 == pytest.approx(72, abs=0.5)
    assert purchase.bottom == pytest.approx(792 - 720, abs=5)  # baseline at y=720 from bottom
    assert purchase.confidence == 1.0
    assert _word(page, "4500012345").top < _word(page, "2026-04-01").top
    assert "text layer with" in page.notes[0]
    assert input_kind([page], "pdf").value == "text_pdf"


def test_ocr_boxes_of_a_scanned_pdf_page_are_in_pdf_points() -> None:
    source = _text_pdf()
    [truth] = read_pages(source, "pdf", CONTEXT, name="t.pdf")
    [scanned] = read_pages(_image_only_pdf(source), "pdf", CONTEXT, name="scan.pdf")
    assert (scanned.method, scanned.unit) == ("ocr", "pt")
    assert (scanned.width, scanned.height) == pytest.approx((612, 792))
    assert "no text layer" in scanned.notes
    for text in ("4500012345", "2026-04-01", "105.00", "Quantity"):
        drawn, read = _word(truth, text), _word(scanned, text)
        assert read.bbox == pytest.approx(drawn.bbox, abs=4), text
        assert 0.5 < read.confidence <= 1.0
    assert input_kind([scanned], "pdf").value == "scan"


def _gray_and_pdfiums_gray(source: bytes) -> tuple[np.ndarray, np.ndarray]:
    page = pypdfium2.PdfDocument(source)[0]
    image = render_page(page, max_pixels=80_000_000).image
    return image, page.render(scale=300 / 72, grayscale=True).to_numpy().reshape(image.shape)


def test_a_page_renders_as_the_gray_pixels_of_pdfiums_grayscale_rendering() -> None:
    # Rendered in colour and converted (faster): a gray scan must give the OCR the same pixels,
    scanned, pdfium_gray = _gray_and_pdfiums_gray(_image_only_pdf(_text_pdf()))
    assert scanned.dtype == np.uint8
    assert np.array_equal(scanned, pdfium_gray)
    # and colour the same grey levels but for rounding.
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=letter)
    for i, rgb in enumerate([(1, 0, 0), (0, 1, 0), (0, 0, 1), (0.9, 0.5, 0.1)]):
        pdf.setFillColorRGB(*rgb)
        pdf.rect(50 + 100 * i, 400, 90, 90, fill=1)
    pdf.save()
    coloured, pdfium_gray = _gray_and_pdfiums_gray(out.getvalue())
    assert np.abs(coloured.astype(int) - pdfium_gray.astype(int)).max() <= 2


def test_pages_past_max_pages_are_left_unread_with_a_note() -> None:
    context = ExtractionContext(max_pages=2)
    pages = read_pages(_text_pdf(pages=3), "pdf", context, name="long.pdf")
    assert [p.page_no for p in pages] == [1, 2]
    assert any("3 pages; only the first 2" in n for n in pages[-1].notes)


def test_a_password_protected_pdf_is_an_encrypted_file() -> None:
    data = _text_pdf(encrypt="secret")
    with pytest.raises(EncryptedFile, match=r"enc\.pdf: .*password"):
        read_pages(data, "pdf", CONTEXT, name="enc.pdf")


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 3],
        lambda data: b"%PDF-1.4\n" + b"\x00garbage" * 50,
        lambda data: data.replace(b"/Type /Page", b"/Type /Pxge"),
    ],
    ids=["truncated", "garbage", "no-pages"],
)
def test_a_broken_pdf_is_a_corrupt_file(damage: object) -> None:
    data = damage(_text_pdf())  # type: ignore[operator]
    with pytest.raises(CorruptFile, match=r"broken\.pdf"):
        read_pages(data, "pdf", CONTEXT, name="broken.pdf")


def test_a_pdf_with_only_a_blank_page_has_no_text() -> None:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=letter)
    pdf.showPage()
    pdf.save()
    with pytest.raises(NoTextFound, match=r"blank\.pdf"):
        read_pages(out.getvalue(), "pdf", CONTEXT, name="blank.pdf")


GERMAN = [
    (72, 720, "Bestellung Nr. 4500045073"),
    (72, 690, "Bestelldatum: 24.03.2026 Liefertermin: 07.04.2026"),
    (72, 660, "Lieferadresse: Industriestraße 14, Müllheim"),
    (72, 630, "Menge Einzelpreis Gesamtpreis"),
    (72, 600, "50 Stück Kugellager 6,90 345,00"),
    (72, 570, "Zahlungsbedingungen: 30 Tage netto, Summe 345,00"),
]


def test_a_german_scan_is_re_read_with_deu_and_later_pages_start_in_it() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=letter)
    for _ in range(2):
        pdf.setFont("DejaVu", 14)
        for x, y, text in GERMAN:
            pdf.drawString(x, y, text)
        pdf.showPage()
    pdf.save()
    first, second = read_pages(_image_only_pdf(out.getvalue()), "pdf", CONTEXT, name="de.pdf")
    assert any("German vocabulary" in n and "kept" in n for n in first.notes)
    assert not any(n.startswith("language:") for n in second.notes)  # no second pass needed
    assert any(n.startswith("OCR in deu+eng") for n in second.notes)
    texts = {w.text.strip(",") for w in (*first.words, *second.words)}
    assert {"Industriestraße", "Müllheim", "Stück"} <= texts
