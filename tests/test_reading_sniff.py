"""Sniffing by magic bytes, the OCR decision's branches, and e-mail bodies as pages (no OCR)."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.pdf_text import PageFacts
from extractors.reading import input_kind, needs_ocr, text_to_page
from extractors.sniff import sniff
from poflow.domain import InputKind, PageText, Word
from poflow.errors import EmptyFile, UnsupportedType

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
MAIL = (
    b"Received: from mx.example.com by mail.acme.test\r\n"
    b"From: Buyer <buyer@northwind.test>\r\n"
    b"Subject: PO 4711\r\n"
    b"MIME-Version: 1.0\r\n"
    b"Content-Type: text/plain\r\n\r\nPlease deliver...\r\n"
)


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"%PDF-1.7\n...", "order.pdf", "pdf"),
        (b"\xef\xbb\xbf%PDF-1.4\n", "order.bin", "pdf"),  # junk before the header
        (PNG, "order.pdf", "image"),  # a PNG named .pdf is an image
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "scan.png", "image"),
        (b"II*\x00\x08\x00\x00\x00", "fax.tif", "image"),
        (b"MM\x00*\x00\x00\x00\x08", "fax", "image"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "photo.jpg", "image"),
        (MAIL, "message.txt", "eml"),
        (b"From buyer@northwind.test Mon Jan  5 10:00:00 2026\n" + MAIL, "mbox", "eml"),
        (b"\r\nFrom: a@b.test\r\nTo: c@d.test\r\nSubject: x\r\n\r\nbody", "x.pdf", "eml"),
    ],
)
def test_sniff_goes_by_magic_bytes_not_the_name(data: bytes, name: str, expected: str) -> None:
    assert sniff(data, name) == expected


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04 a zip file",
        b"Dear supplier, please deliver 10 bolts.\nFrom: me\n",  # prose, not headers
        b"Subject: only one weak header\r\n\r\nbody",
        b"\x00\x01\x02\x03",
    ],
)
def test_sniff_rejects_what_is_not_a_document(data: bytes) -> None:
    with pytest.raises(UnsupportedType, match="starts with"):
        sniff(data, "thing.pdf")


def test_sniff_of_nothing_is_an_empty_file() -> None:
    with pytest.raises(EmptyFile):
        sniff(b"", "empty.pdf")


# --- needs_ocr: one function, a reason on every branch ----------------------------------------


def _words(n: int) -> tuple[Word, ...]:
    return tuple(Word(f"w{i}", 10.0 * i, 10.0, 10.0 * i + 8, 20.0) for i in range(n))


@pytest.mark.parametrize(
    ("words", "facts", "required", "reason"),
    [
        (0, PageFacts(612, 792, image_coverage=1.0), True, "no text layer"),
        (0, PageFacts(612, 792), True, "no images"),
        (60, PageFacts(612, 792, char_count=400, unmapped_chars=300), True, "unmapped glyphs"),
        (
            200,
            PageFacts(612, 792, 900, image_coverage=1.0, text_objects=5, invisible_text_objects=5),
            False,
            "invisible OCR layer",
        ),
        (3, PageFacts(612, 792, char_count=20, image_coverage=0.95), True, "too sparse"),
        (150, PageFacts(612, 792, char_count=800, image_coverage=0.1), False, "150 words"),
        # A big logo image does not force OCR of a page with a real text layer.
        (150, PageFacts(612, 792, char_count=800, image_coverage=0.7), False, "text layer"),
    ],
)
def test_needs_ocr_decides_and_logs_why(
    words: int,
    facts: PageFacts,
    required: bool,
    reason: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.INFO, logger="extractors.reading"):
        decision, why = needs_ocr(_words(words), facts)
    assert decision is required
    assert reason in why
    assert why in caplog.text


# --- e-mail bodies --------------------------------------------------------------------------


def test_text_to_page_puts_words_on_a_character_grid() -> None:
    page = text_to_page("PO Number:  4711\n\nQty\tItem\n 250  AX-1000", page_no=2)
    assert (page.page_no, page.method, page.unit) == (2, "plain_text", "char")
    by_text = {w.text: w for w in page.words}
    assert by_text["4711"].bbox == (12.0, 0.0, 16.0, 1.0)
    assert by_text["Item"].x0 == 8.0  # the tab expands to column 8
    assert (by_text["250"].x0, by_text["250"].top) == (1.0, 3.0)
    assert by_text["AX-1000"].x0 == 6.0
    assert page.height == 4.0


@given(st.lists(st.text(alphabet="ab1.: -", max_size=30), min_size=1, max_size=8))
def test_text_to_page_boxes_point_back_at_the_text(lines: list[str]) -> None:
    page = text_to_page("\n".join(lines))
    for word in page.words:
        line = lines[int(word.top)]
        assert line[int(word.x0) : int(word.x1)] == word.text
    assert len(page.words) == sum(len(ln.split()) for ln in lines)


def test_input_kind_by_how_pages_were_read() -> None:
    text = PageText(1, 612, 792, (), "text_layer")
    scan = PageText(2, 612, 792, (), "ocr", notes=("input: scan",))
    photo = PageText(1, 900, 1200, (), "ocr", "px", notes=("input: photo",))
    assert input_kind([text], "pdf") is InputKind.TEXT_PDF
    assert input_kind([text, scan], "pdf") is InputKind.SCAN
    assert input_kind([photo], "image") is InputKind.PHOTO
