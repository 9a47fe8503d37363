"""The second, independent read of an OCR'd PO number (real Tesseract on pages drawn with PIL),
and how `calibrate` weighs it."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from decimal import Decimal

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors import ocr_boxes
from extractors.confidence import calibrate
from extractors.pipeline import extract_document
from extractors.reading import read_pages, text_to_page
from extractors.second_read import reread_item_codes, same_code, second_reads
from poflow.domain import (
    Evidence,
    ExtractedOrder,
    ExtractionContext,
    InputKind,
    MasterData,
    OrderLine,
    PageText,
    Product,
)

CONTEXT = ExtractionContext()
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
TODAY = date(2026, 4, 1)


def _png(lines: list[str]) -> bytes:
    image = Image.new("L", (1275, 1650), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 30)
    for i, line in enumerate(lines):
        draw.text((110, 140 + i * 70), line, fill=0, font=font)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(150, 150))
    return out.getvalue()


@pytest.fixture(scope="module")
def scanned() -> PageText:
    [page] = read_pages(
        _png(["PURCHASE ORDER", "Order Number PO-2026-40815", "Order Date 2026-03-15"]),
        "image",
        CONTEXT,
        name="scan.png",
    )
    return page


def _order_read_as(page: PageText, po_number: str) -> ExtractedOrder:
    """An order whose PO number was read as `po_number` from the printed number's box."""
    word = next(w for w in page.words if w.text.startswith("PO-2026"))
    evidence = {"po_number": Evidence(0.89, page.page_no, word.bbox)}
    return ExtractedOrder(po_number=po_number, kind=InputKind.SCAN, evidence=evidence)


def test_an_ocr_page_keeps_its_pixels_for_a_second_read(scanned: PageText) -> None:
    assert isinstance(scanned.image, np.ndarray)
    assert scanned.image.shape == (1650, 1275)


def test_a_second_read_of_the_box_agrees_with_a_right_reading(scanned: PageText) -> None:
    order = _order_read_as(scanned, "PO-2026-40815")
    assert second_reads(order, [scanned], CONTEXT) == {"po_number": True}


def test_a_second_read_disagrees_with_a_misreading(scanned: PageText) -> None:
    order = _order_read_as(scanned, "PO-2026-40816")  # one digit off what is printed
    assert second_reads(order, [scanned], CONTEXT) == {"po_number": False}


def test_the_box_is_read_on_its_own_with_the_code_alphabet(scanned: PageText) -> None:
    word = next(w for w in scanned.words if w.text.startswith("PO-2026"))
    for preparation in ocr_boxes.SECOND_READS:
        result = ocr_boxes.read_box(
            scanned.image, word.bbox, scale=1.0, preparation=preparation, timeout_s=30
        )
        assert "".join(w.text for w in result.words) == "PO-2026-40815"


def test_a_sure_reading_is_not_re_read(scanned: PageText) -> None:
    order = _order_read_as(scanned, "PO-2026-40816")  # wrong, but read at 0.93: not checked
    sure = replace(order.evidence["po_number"], confidence=0.93)
    assert second_reads(order.with_(evidence={"po_number": sure}), [scanned], CONTEXT) == {}


def test_text_without_pixels_is_not_re_read() -> None:
    page = text_to_page("Order Number PO-2026-40815")
    order = ExtractedOrder(
        po_number="PO-2026-40815",
        evidence={"po_number": Evidence(1.0, 1, page.words[-1].bbox)},
    )
    assert second_reads(order, [page], CONTEXT) == {}


@pytest.mark.parametrize(
    ("second", "first", "same"),
    [
        ("#PO-2026-40815", "PO-2026-40815", True),  # the label's mark caught by the margin
        ("-4500012345_", "4500012345", True),
        ("4500O12345", "4500012345", False),  # O for 0: not the same characters
        ("11784", "1784", False),
        ("", "1784", False),
    ],
)
def test_same_code(second: str, first: str, same: bool) -> None:
    assert same_code(second, first) is same


def _calibrated(po_number: str, agreed: bool | None) -> float:
    order = ExtractedOrder(
        po_number=po_number, kind=InputKind.SCAN, evidence={"po_number": Evidence(0.89)}
    )
    reads = {} if agreed is None else {"po_number": agreed}
    return (
        calibrate(order, CONTEXT, today=TODAY, second_reads=reads).evidence["po_number"].confidence
    )


def test_calibrate_weighs_the_second_read() -> None:
    assert _calibrated("PO-2026-40815", agreed=True) >= 0.95  # confirmed
    assert _calibrated("PO-2026-40815", agreed=False) <= 0.85  # one of two readings is wrong
    assert _calibrated("PO-2026-40815", agreed=None) == 0.89  # no second read: as read
    assert _calibrated("1784", agreed=True) < 0.5  # a fragment stays doubted, however read


def test_a_scanned_po_number_is_confirmed_end_to_end() -> None:
    data = _png(["PURCHASE ORDER", "PO Number: 4500012345", "Date: 2026-03-15"])
    order = extract_document(data, "scan.png", CONTEXT)
    assert order.po_number == "4500012345"
    assert order.evidence["po_number"].confidence >= 0.9  # read surely, or confirmed


def test_a_confirmed_reading_keeps_where_it_was_read(scanned: PageText) -> None:
    order = _order_read_as(scanned, "PO-2026-40815")
    reads = second_reads(order, [scanned], CONTEXT)
    calibrated = calibrate(order, CONTEXT, today=TODAY, second_reads=reads)
    assert calibrated.evidence["po_number"] == replace(
        order.evidence["po_number"], confidence=calibrated.evidence["po_number"].confidence
    )


@pytest.fixture(scope="module")
def item_line() -> PageText:
    [page] = read_pages(_png(["Pos 1  HB.M10X50.Z  250 EA"]), "image", CONTEXT, name="scan.png")
    return page


def _line_read_as(page: PageText, sku: str) -> ExtractedOrder:
    word = next(w for w in page.words if w.text.startswith("HB."))
    return ExtractedOrder(
        lines=(OrderLine(1, sku, None, Decimal("250"), "EA", None, None),),
        kind=InputKind.SCAN,
        evidence={"lines[0].sku": Evidence(0.8, page.page_no, word.bbox)},
    )


def test_an_item_code_one_letter_off_the_catalogue_is_re_read(item_line: PageText) -> None:
    catalogue = {"HB.M10X50.Z": Product("HB.M10X50.Z", "Bolt", "EA", Decimal("0.92"), "EUR")}
    context = ExtractionContext(master=MasterData(products=catalogue))
    misread = _line_read_as(item_line, "HB.M10X50.2")  # Z read as 2
    assert reread_item_codes(misread, [item_line], context).lines[0].sku == "HB.M10X50.Z"
    # A code the catalogue has nothing near to is left as read (no second read at all).
    other = ExtractedOrder(lines=(OrderLine(1, "ZZ-1", None, None, None, None, None),))
    assert reread_item_codes(other, [item_line], context) == other


def test_a_re_read_that_is_no_catalogue_code_changes_nothing(item_line: PageText) -> None:
    catalogue = {"HB.M10X50.X": Product("HB.M10X50.X", "Bolt", "EA", Decimal("0.92"), "EUR")}
    context = ExtractionContext(master=MasterData(products=catalogue))
    read = _line_read_as(item_line, "HB.M10X50.Z")  # one off the catalogue, but as printed
    assert reread_item_codes(read, [item_line], context).lines[0].sku == "HB.M10X50.Z"
