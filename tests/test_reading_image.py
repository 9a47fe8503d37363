"""Reading images: OpenCV clean-up (deskew, perspective, shading, orientation) and real Tesseract
on pages rendered with PIL, plus the resource and corruption guards."""

from __future__ import annotations

import io
import struct
import zlib

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors import image_cleanup, ocr
from extractors.reading import input_kind, read_pages
from extractors.sniff import sniff
from poflow.domain import ExtractionContext, PageText, Word
from poflow.errors import CorruptFile, NoTextFound, TooLarge

CONTEXT = ExtractionContext()
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
TEXT = [
    "PURCHASE ORDER",
    "Order Number 4500012345",
    "Order Date 2026-03-15",
    "Ship to Harbour Road 12, Portsmouth",
    "Item AX-1000 Hex bolt zinc plated",
    "Quantity 250 Unit price 0.42",
    "Amount 105.00",
    "Subtotal 105.00 Tax 21.00",
    "Total 126.00 Payment terms Net 30",
]
EXPECTED = {"4500012345", "2026-03-15", "AX-1000", "105.00", "126.00", "Portsmouth"}


def _page(width: int = 1275, height: int = 1650) -> np.ndarray:
    """A letter page at 150 dpi with text lines in 12-pt-ish type (grayscale)."""
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 30)
    for i, line in enumerate(TEXT):
        draw.text((110, 140 + i * 70), line, fill=0, font=font)
    return np.asarray(image).copy()


def _png(gray: np.ndarray, dpi: int = 150) -> bytes:
    out = io.BytesIO()
    Image.fromarray(gray).save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()


def _found(page: PageText) -> set[str]:
    return {w.text for w in page.words} & EXPECTED


def _photo(page: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The page as a phone would see it: on a dark desk, at an angle, lit from one side."""
    h, w = page.shape
    corners = np.float32([[230, 160], [1320, 260], [1380, 1900], [150, 1840]])
    matrix = cv2.getPerspectiveTransform(np.float32([[0, 0], [w, 0], [w, h], [0, h]]), corners)
    desk = cv2.warpPerspective(page, matrix, (1550, 2050), borderValue=50)
    light = np.linspace(0.75, 1.0, desk.shape[1], dtype=np.float32)[None, :]
    return (desk * light).astype(np.uint8), corners


def test_a_clean_scan_is_read_with_pixel_boxes() -> None:
    [page] = read_pages(_png(_page()), "image", CONTEXT, name="scan.png")
    assert (page.method, page.unit, page.width, page.height) == ("ocr", "px", 1275, 1650)
    assert _found(page) == EXPECTED
    number = next(w for w in page.words if w.text == "4500012345")
    assert 300 < number.x0 < 420 and 200 < number.top < 230  # drawn at y=210, after "Order Number"
    assert number.line_key is not None
    assert not any(n.startswith("cleanup:") for n in page.notes)  # nothing to clean
    assert input_kind([page], "image").value == "scan"


def test_deskew_levels_a_rotated_page_so_ocr_reads_it() -> None:
    skewed = image_cleanup.rotate(_page(), 4.0)
    assert image_cleanup.skew_angle(skewed) == pytest.approx(-4.0, abs=0.3)
    [page] = read_pages(_png(skewed), "image", CONTEXT, name="skewed.png")
    assert any("deskewed by -4" in n for n in page.notes)
    assert _found(page) == EXPECTED


def test_an_upright_page_is_not_deskewed() -> None:
    assert abs(image_cleanup.skew_angle(_page())) < image_cleanup.MIN_SKEW_DEG


def test_a_tilt_of_the_threshold_itself_is_levelled_and_one_under_it_is_left() -> None:
    """The threshold is the least tilt deskewed: the angle search runs in 0.1° steps, so a
    tilt measured as exactly 2.0° is a common value, not an edge case."""
    at = image_cleanup.MIN_SKEW_DEG
    for tilt in (at, -at):
        notes = image_cleanup.clean_page(image_cleanup.rotate(_page(), tilt)).notes
        assert any(n.startswith(f"cleanup: deskewed by {-tilt:.1f}°") for n in notes)
    under = image_cleanup.clean_page(image_cleanup.rotate(_page(), at - 0.1)).notes
    assert not any("deskewed" in n for n in under)


def test_perspective_correction_finds_the_page_and_flattens_it() -> None:
    photo, corners = _photo(_page())
    quad = image_cleanup.find_page_outline(photo)
    assert quad is not None
    assert np.abs(quad - corners).max() < 15
    assert image_cleanup.is_perspective(quad)
    flat = image_cleanup.warp_to_page(photo, quad)
    assert abs(flat.shape[1] / flat.shape[0] - 1275 / 1650) < 0.08
    [page] = read_pages(_png(photo), "image", CONTEXT, name="photo.png")
    assert any("perspective corrected" in n for n in page.notes)
    assert input_kind([page], "image").value == "photo"
    assert len(_found(page)) >= len(EXPECTED) - 1
    # Boxes are in the photo's pixels: inside the sheet, not on the flattened copy.
    number = next(w for w in page.words if w.text == "4500012345")
    inside = cv2.pointPolygonTest(corners, ((number.x0 + number.x1) / 2, number.top), False)
    assert inside > 0 and number.x0 > 230


def test_no_outline_is_claimed_on_a_flat_scan() -> None:
    assert image_cleanup.find_page_outline(_page()) is None


def test_shading_is_removed_from_an_unevenly_lit_page() -> None:
    shade = np.linspace(0.35, 1.0, 1275, dtype=np.float32)[None, :]
    dark = (_page() * shade).astype(np.uint8)
    assert image_cleanup.shading_spread(dark) > image_cleanup.SHADING_SPREAD
    flat = image_cleanup.remove_shading(dark)
    assert image_cleanup.shading_spread(flat) < image_cleanup.SHADING_SPREAD / 2


def test_a_page_turned_a_quarter_is_turned_back() -> None:
    sideways = cv2.rotate(_page(), cv2.ROTATE_90_COUNTERCLOCKWISE)
    assert image_cleanup.looks_sideways(sideways)
    assert not image_cleanup.looks_sideways(_page())
    [page] = read_pages(_png(sideways), "image", CONTEXT, name="turned.png")
    assert any(n.startswith("orientation: turned 90") for n in page.notes)
    assert len(_found(page)) >= len(EXPECTED) - 1
    # Boxes are in the pixels of the image as given: the number now runs up the page.
    assert (page.width, page.height) == (1650, 1275)
    number = next(w for w in page.words if w.text == "4500012345")
    assert number.bottom - number.top > 3 * (number.x1 - number.x0)
    assert 200 < number.x0 < 240  # drawn at y≈210 of the upright page


def test_a_png_named_pdf_is_read_as_an_image() -> None:
    data = _png(_page())
    assert sniff(data, "order.pdf") == "image"


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims `width`×`height` pixels and has no pixel data at all."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", b"") + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def test_a_pixel_bomb_is_refused_from_its_header() -> None:
    with pytest.raises(TooLarge, match="over the limit"):
        read_pages(_png_header(60_000, 60_000), "image", CONTEXT, name="bomb.png")


def test_an_image_over_the_configured_pixel_cap_is_too_large() -> None:
    context = ExtractionContext(max_image_pixels=1_000_000)
    with pytest.raises(TooLarge, match="over the limit"):
        read_pages(_png(_page()), "image", context, name="big.png")


@pytest.mark.parametrize("size", [(1, 1), (40, 2), (300, 200)])
def test_a_blank_or_tiny_image_has_no_text(size: tuple[int, int]) -> None:
    with pytest.raises(NoTextFound, match="no text found"):
        read_pages(_png(np.full(size, 255, np.uint8)), "image", CONTEXT, name="blank.png")


@pytest.mark.parametrize(
    "data", [b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 20, _png_header(100, 100)]
)
def test_an_undecodable_image_is_a_corrupt_file(data: bytes) -> None:
    with pytest.raises(CorruptFile, match=r"bad\.png"):
        read_pages(data, "image", CONTEXT, name="bad.png")


def test_an_ocr_timeout_is_reported_not_hung_on() -> None:
    context = ExtractionContext(ocr_timeout_s=0.01)
    with pytest.raises(NoTextFound, match="timed out"):
        read_pages(_png(_page()), "image", context, name="slow.png")


def test_a_garbled_line_is_re_read_as_sparse_text() -> None:
    from extractors import ocr
    from poflow.domain import Word

    page = _page()
    good = Word("PURCHASE", 110, 140, 330, 175, 0.95, (1, 1, 1))
    garbage = Word("ee:n", 110, 210, 600, 245, 0.12, (2, 1, 1))  # over "Order Number 4500012345"
    others = tuple(  # well-read lines further down (most of a page reads well)
        Word(f"w{i}", 110, 560 + 70 * i, 200, 590 + 70 * i, 0.9, (3 + i, 1, 1)) for i in range(3)
    )
    reading = ocr.OcrResult((good, garbage, *others), "eng")
    repaired, regions, _ = ocr.reread_garbled_lines(page, reading, timeout_s=30, dpi=150)
    assert regions == 1
    texts = [w.text for w in repaired.words]
    assert texts[0] == "PURCHASE" and "ee:n" not in texts
    assert "4500012345" in texts
    number = next(w for w in repaired.words if w.text == "4500012345")
    assert 200 < number.top < 230  # back in page pixels


def test_a_re_read_does_not_double_a_well_read_word_reaching_into_the_region() -> None:
    from extractors import ocr
    from poflow.domain import Word

    page = _page()
    garbled = (
        Word("ee:n", 110, 210, 330, 245, 0.12, (2, 1, 1)),  # over "Order Number"
        Word("0rder", 110, 270, 420, 305, 0.12, (3, 1, 1)),  # over "Order Date 2026-"
    )
    number = Word("4500012345", 345, 210, 600, 245, 0.95, (2, 1, 2))  # read well, half inside
    others = tuple(
        Word(f"w{i}", 110, 560 + 70 * i, 200, 590 + 70 * i, 0.9, (4 + i, 1, 1)) for i in range(4)
    )
    reading = ocr.OcrResult((*garbled, number, *others), "eng")
    repaired, regions, _ = ocr.reread_garbled_lines(page, reading, timeout_s=30, dpi=150)
    assert regions == 1
    assert number in repaired.words
    doubled = [w for w in repaired.words if w is not number and w.x1 > 345 and 200 < w.top < 245]
    assert doubled == []


def test_a_block_read_as_one_glyph_is_a_garbled_line() -> None:
    from extractors import ocr
    from poflow.domain import Word

    body = [Word(f"w{i}", 110, 300 + 40 * i, 300, 330 + 40 * i, 0.95, (i, 1, 1)) for i in range(6)]
    title = Word("PURCHASE", 110, 100, 500, 160, 0.95, (10, 1, 1))  # twice the text height
    blob = Word("¥", 600, 300, 900, 420, 0.87, (0, 1, 1))  # three lines tall: a block missed
    ruling = Word("|", 1000, 300, 1010, 420, 0.87, (1, 1, 1))  # as tall, but a ruling
    garbled = ocr.garbled_lines((title, *body, blob, ruling))
    assert garbled == [[body[0], blob]]


@pytest.mark.parametrize(
    ("name", "chinese"),
    [("cn_bilingual-scan-02.png", True), ("fr_bon-scan-02.pdf", False)],
)
def test_a_poor_reading_is_re_read_in_chinese_only_when_its_worst_lines_are_chinese(
    name: str, chinese: bool
) -> None:
    """Chinese read in English and a degraded Latin scan both read poorly; a page-wide
    chi_sim pass costs two to three first passes and makes the Latin page worse."""
    from pathlib import Path

    data = (Path(__file__).resolve().parents[1] / "samples" / "corpus" / name).read_bytes()
    (page,) = read_pages(data, sniff(data, name), CONTEXT, name=name)
    language_notes = [n for n in page.notes if n.startswith("language:")]
    if chinese:
        assert any("CJK characters" in n and "chi_sim+eng" in n for n in language_notes)
        assert any("采购" in w.text for w in page.words)
    else:
        assert language_notes == []
        assert page.notes[-1].startswith("OCR in eng:")


def test_a_line_no_word_covers_is_read_and_added() -> None:
    from extractors import ocr

    page = _page()
    full = ocr.ocr_words(page, languages="eng", timeout_s=30, dpi=150)
    skipped = [w for w in full.words if 480 < w.top < 520]  # "Quantity 250 Unit price 0.42"
    assert [w.text for w in skipped][:2] == ["Quantity", "250"]
    reading = ocr.OcrResult(tuple(w for w in full.words if w not in skipped), "eng")
    repaired, regions, added = ocr.reread_garbled_lines(page, reading, timeout_s=30, dpi=150)
    assert (regions, added) == (0, 1)
    assert {"Quantity", "250", "0.42"} <= {w.text for w in repaired.words}
    assert len(repaired.words) == len(full.words)


def test_a_page_read_whole_has_no_unread_lines() -> None:
    from extractors import ocr
    from extractors.unread_ink import unread

    page = _page()
    assert (
        unread(page, ocr.ocr_words(page, languages="eng", timeout_s=30, dpi=150).words).lines == []
    )


def _page_with_bands() -> np.ndarray:
    """`_page()` with a bold black title and two heading bars printed white on black, as many
    ERP forms print 'SHIP TO' over the address box."""
    image = Image.fromarray(_page(height=1900))
    draw = ImageDraw.Draw(image)
    bold = ImageFont.truetype(FONT.replace("Sans.ttf", "Sans-Bold.ttf"), 40)
    draw.text((110, 60), "SALES ORDER FORM", fill=0, font=bold)
    for x0, label in ((110, "VENDOR"), (640, "SHIP TO")):
        draw.rectangle((x0, 1500, x0 + 480, 1555), fill=30)
        draw.text((x0 + 14, 1508), label, fill=255, font=ImageFont.truetype(FONT, 30))
        draw.text((x0 + 14, 1575), "Harbour Road 12", fill=0, font=ImageFont.truetype(FONT, 30))
    return np.asarray(image).copy()


def test_a_heading_bar_printed_white_on_black_is_read_inverted() -> None:
    from extractors import ocr
    from extractors.unread_ink import unread

    page = _page_with_bands()
    full = ocr.ocr_words(page, languages="eng", timeout_s=30, dpi=150)
    # Tesseract reads these crisp bars itself; on real scans its layout analysis often takes
    # a bar for a picture, and the first reading has nothing there (`nd_lawson_us` scans).
    first = ocr.OcrResult(tuple(w for w in full.words if not 1495 < w.top < 1560), "eng")
    bands = unread(page, first.words).bands
    assert [(x0 // 10, top // 10) for x0, top, _, _ in bands] == [(11, 150), (64, 150)]
    repaired, _, added = ocr.reread_garbled_lines(page, first, timeout_s=30, dpi=150)
    assert added == 2
    in_bars = [w.text for w in repaired.words if 1495 < w.top < 1560]
    assert in_bars == ["VENDOR", "SHIP", "TO"]


def test_print_on_paper_and_a_bold_title_are_no_dark_bands() -> None:
    from extractors import ocr
    from extractors.unread_ink import unread

    page = _page_with_bands()
    page[1490:1565, :] = 255  # the bars gone
    words = ocr.ocr_words(page, languages="eng", timeout_s=30, dpi=150).words
    assert unread(page, words).bands == []


def test_a_grey_heading_bar_on_a_tilted_page_is_found_and_read() -> None:
    """A table's header row printed light on mid-grey across the page, scanned 1.5° off
    level: its upright box is half paper, and inverted it is grey on grey; found by its
    tilted rectangle and read with its contrast stretched (`nf_sheet_ca` scans)."""
    from extractors import ocr
    from extractors.unread_ink import unread

    image = Image.fromarray(_page(height=1900))
    draw = ImageDraw.Draw(image)
    draw.rectangle((110, 1500, 1170, 1550), fill=95)
    for x, heading in ((130, "ITEM"), (420, "DESCRIPTION"), (820, "QTY"), (1000, "TOTAL")):
        draw.text((x, 1508), heading, fill=225, font=ImageFont.truetype(FONT, 30))
    page = image_cleanup.rotate(np.asarray(image).copy(), 1.5)
    full = ocr.ocr_words(page, languages="eng", timeout_s=30, dpi=150)
    headings = {"ITEM", "DESCRIPTION", "QTY", "TOTAL"}
    first = ocr.OcrResult(tuple(w for w in full.words if w.text not in headings), "eng")
    assert len(unread(page, first.words).bands) == 1
    repaired, _, added = ocr.reread_garbled_lines(page, first, timeout_s=30, dpi=150)
    assert added >= 1
    assert {w.text for w in repaired.words} >= headings


def _speckled(page: np.ndarray, specks: int) -> np.ndarray:
    """The page at 300 dpi in light print, with 2×2 specks of toner scattered over it."""
    rng = np.random.default_rng(7)
    page = cv2.resize(page, None, fx=2, fy=2, interpolation=cv2.INTER_LINEAR)
    page = np.where(page < 160, 120, 245).astype(np.uint8)
    ys = rng.integers(0, page.shape[0] - 2, specks)
    xs = rng.integers(0, page.shape[1] - 2, specks)
    for y, x in zip(ys, xs, strict=True):
        page[y : y + 2, x : x + 2] = 20
    return page


def test_specks_go_and_a_full_stop_stays() -> None:
    image = Image.new("L", (600, 200), 255)
    ImageDraw.Draw(image).text((40, 60), "0.42", fill=0, font=ImageFont.truetype(FONT, 24))
    page = np.asarray(image).copy()
    stop = page.copy()
    page[20:22, 300:302] = page[150:152, 500:502] = 0  # specks, away from the print
    cleaned, count = image_cleanup.remove_specks(page)
    assert count == 2
    assert (cleaned == stop).all()


def test_a_speckled_page_read_poorly_is_re_read_with_the_specks_removed() -> None:
    page = _speckled(_page(), 5000)
    (read,) = read_pages(_png(page, dpi=300), "image", CONTEXT, name="speckled.png")
    assert "specks removed" in read.notes[1] and read.notes[1].endswith(", kept")
    assert _found(read) >= {"4500012345", "2026-03-15", "AX-1000", "126.00"}


def test_a_page_read_poorly_without_specks_is_not_read_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from extractors import ocr, reading
    from poflow.domain import Word

    def no_second_call(*_: object) -> ocr.OcrResult:
        raise AssertionError("a page without specks was read again")

    monkeypatch.setattr(reading, "_ocr", no_second_call)
    poor = ocr.OcrResult(tuple(Word("x", 0, 0, 9, 9, 0.3, (1, 1, 1)) for _ in range(9)), "eng")
    first = reading._Reading(poor, (), _speckled(_page(), 50), np.eye(3))
    notes: list[str] = []
    assert reading._despeckled(first, CONTEXT, 300, notes) is first
    assert notes == []


def test_a_garbled_lines_well_read_words_stay_where_the_re_read_reads_nothing() -> None:
    from extractors import ocr
    from poflow.domain import Word

    page = _page()
    garbage = Word("ee:n", 110, 210, 600, 245, 0.12, (2, 1, 1))  # over "Order Number 4500012345"
    well_read = Word("Qty", 900, 210, 960, 245, 0.95, (2, 1, 1))  # faint ink the re-read misses
    others = tuple(
        Word(f"w{i}", 110, 560 + 70 * i, 200, 590 + 70 * i, 0.9, (3 + i, 1, 1)) for i in range(3)
    )
    reading = ocr.OcrResult((garbage, well_read, *others), "eng")
    repaired, regions, _ = ocr.reread_garbled_lines(page, reading, timeout_s=30, dpi=150)
    assert regions == 1
    texts = [w.text for w in repaired.words]
    assert "4500012345" in texts and "Qty" in texts and "ee:n" not in texts


def _lines_of_words(count: int, garbled: int, garbage: str = "FRIIS") -> tuple[Word, ...]:
    """`count` printed lines of four words, the first `garbled` of them read as `garbage` at 0.2."""
    return tuple(
        Word(text, 110 + 120 * j, 100 + 50 * i, 200 + 120 * j, 130 + 50 * i, conf, (i, 1, 1))
        for i in range(count)
        for j in range(4)
        for text, conf in [(garbage, 0.2) if i < garbled else (f"w{i}{j}", 0.95)]
    )


@pytest.mark.parametrize(
    ("garbled", "garbage", "probed"),
    [(3, "FRIIS", False), (6, "FRIIS", True), (6, "ee:n", False), (6, "—4,85.€", False)],
)
def test_only_a_page_garbled_on_most_lines_in_capitals_is_probed_for_chinese(
    garbled: int, garbage: str, probed: bool
) -> None:
    """3 of 10 lines garbled is a Latin page's local trouble (the sparse re-read's); 6 of 10
    may be Chinese read in English, when the garbage is in capitals as such a reading is, not
    in lower case and marks as a poor Latin scan's is. The probe is a Tesseract call: with no
    time for one, a probe shows as a timeout."""
    from extractors import ocr
    from extractors.reading import _extra_passes

    result = ocr.OcrResult(_lines_of_words(10, garbled, garbage), "eng")
    no_time = ExtractionContext(ocr_timeout_s=0.001)
    if probed:
        with pytest.raises(ocr.OcrTimeout):
            _extra_passes(result, _page(), no_time, 150)
    else:
        assert _extra_passes(result, _page(), no_time, 150) == []


def _tsv_word(block: int, line: int, x: int, y: int, text: str, conf: float) -> str:
    return f"5\t1\t{block}\t1\t{line}\t1\t{x}\t{y}\t{20 * len(text)}\t30\t{conf}\t{text}"


def test_a_line_tesseract_read_twice_in_overlapping_blocks_is_kept_once() -> None:
    columns = "level page_num block_num par_num line_num word_num left top width height conf text"
    header = columns.replace(" ", "\t")
    rows = [
        _tsv_word(3, 1, 200, 546, "Kessler", 95),
        _tsv_word(3, 1, 360, 546, "&", 93),
        _tsv_word(4, 1, 197, 554, "Kessier", 71),  # the same print, read again a bit lower
        _tsv_word(4, 1, 357, 554, "&", 60),
        _tsv_word(5, 1, 200, 600, "Söhne", 90),  # the next printed line stays
    ]
    words = ocr.parse_tsv("\n".join([header, *rows]))
    assert [w.text for w in words] == ["Kessler", "&", "Söhne"]
