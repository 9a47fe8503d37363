"""Reading a PDF or an image into pages of words with boxes (text layer or OpenCV + Tesseract).

    read_pages ─▶ PDF:   pypdfium2 opens (encrypted/corrupt → typed errors)
                         per page: pdfplumber words + facts ─▶ needs_ocr?
                                   no  ─▶ text-layer words (points)
                                   yes ─▶ raster (300 dpi) ─▶ clean-up ─▶ OCR ─▶ points
               ─▶ image: header size checked before decoding ─▶ clean-up ─▶ OCR (pixels)

A document with more pages than `context.max_pages` is read up to that page, with a note on
the last page read: a user would rather get the order (header and lines come first) than
a refusal. No text at all on any page is `NoTextFound`.
"""

from __future__ import annotations

import io
import logging
import os
import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from extractors import ocr
from extractors.pdf_text import PageFacts
from poflow.domain import ExtractionContext, InputKind, PageText, Word
from poflow.errors import (
    BadDocument,
    CorruptFile,
    EncryptedFile,
    NoTextFound,
    TooLarge,
    UnsupportedType,
)

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

SPARSE_WORDS = 15  # fewer text-layer words than this on a page mostly covered by images
IMAGE_COVERED = 0.5
UNMAPPED_SHARE = 0.1
POOR_MEAN_CONFIDENCE = 0.6  # mean OCR confidence under which a reading counts as poor
GARBLED_SHARE = 0.2  # share of words under 0.6 confidence that marks a garbled reading
CJK_EVIDENCE = 6  # CJK characters the probe must read before a page-wide chi_sim pass
SPECKLED_BELOW = 0.8  # mean OCR confidence under which a despeckled re-read is tried
SPECKS_WORTH_A_READ = 100  # specks a page must have for it (speckled sample scans: 1,700–6,700)
# Capitals among the garbage's letters: measured 0.60–0.84 on Chinese and bilingual pages
# (scans and photos), 0.10–0.29 on poor Latin scans; nearer the Latin side, as a missed
# Chinese pass costs the whole order and a needless probe a fraction of a second.
CJK_CAPITALS = 0.4
CONFIDENT_ORIENTATION = 2.0  # Tesseract OSD orientation confidence worth acting on
PHOTO_NOTE = "input: photo"
SCAN_NOTE = "input: scan"
OCR_NOTE = "OCR in "  # followed by "LANGUAGES: N words, mean confidence C"


# --- the OCR decision ------------------------------------------------------------------------


def needs_ocr(page_words: tuple[Word, ...] | list[Word], page: PageFacts) -> tuple[bool, str]:
    """Whether a PDF page must be OCR'd instead of using its text layer, and why (logged)."""
    decision = _ocr_decision(page_words, page)
    log.info("OCR %s: %s", "required" if decision[0] else "not required", decision[1])
    return decision


def _ocr_decision(words: tuple[Word, ...] | list[Word], page: PageFacts) -> tuple[bool, str]:
    if page.char_count == 0 or not words:
        if page.image_coverage == 0:
            return True, "no text layer and no images (vector drawing or blank page)"
        return True, "no text layer"
    if page.unmapped_chars > UNMAPPED_SHARE * page.char_count:
        share = page.unmapped_chars / page.char_count
        return True, f"text layer has unmapped glyphs (cid:…) for {share:.0%} of characters"
    if page.text_objects and page.invisible_text_objects == page.text_objects:
        return False, "text only in an invisible OCR layer over the page image: using it"
    if page.image_coverage >= IMAGE_COVERED and len(words) < SPARSE_WORDS:
        return True, (
            f"text layer too sparse ({len(words)} words) for a page "
            f"{page.image_coverage:.0%} covered by images"
        )
    return False, f"text layer with {len(words)} words"


# --- entry points ------------------------------------------------------------------------------


def read_pages(data: bytes, fmt: str, context: ExtractionContext, *, name: str) -> list[PageText]:
    """The pages of a PDF or image, each with words in points (PDF) or pixels (image)."""
    try:
        if fmt == "pdf":
            pages = _read_pdf(data, context)
        elif fmt == "image":
            pages = _read_image(data, context)
        else:
            raise UnsupportedType(f"cannot read pages of a {fmt!r} input")
    except BadDocument as exc:
        raise exc.for_file(name) from None
    if not any(p.words for p in pages):
        reasons = "; ".join(n for p in pages for n in p.notes if "timed out" in n)
        raise NoTextFound(
            "no text found on any page" + (f" ({reasons})" if reasons else ""), name=name
        )
    return pages


def input_kind(pages: list[PageText], fmt: str) -> InputKind:
    """TEXT_PDF when every page used the text layer; PHOTO when any page looked like a photo."""
    if fmt == "pdf" and pages and all(p.method == "text_layer" for p in pages):
        return InputKind.TEXT_PDF
    if any(PHOTO_NOTE in p.notes for p in pages):
        return InputKind.PHOTO
    return InputKind.SCAN


def text_to_page(text: str, page_no: int = 1) -> PageText:
    """An e-mail body as a page: one unit per character column and per line (`unit="char"`).

    x0/x1 are the word's first and one-past-last column, top the 0-based line index and
    bottom top + 1; so a word's box has the same geometry a monospace rendering would, and
    the layout code (lines by `top`, columns by `x0`) reads a typed order like a printed one.
    Tabs expand to 8 columns, as a mail client shows them.
    """
    words: list[Word] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for index, raw_line in enumerate(lines):
        line = raw_line.expandtabs(8)
        column = 0
        for token in line.split(" "):
            if token:
                words.append(
                    Word(
                        token,
                        float(column),
                        float(index),
                        float(column + len(token)),
                        float(index + 1),
                        line_key=(1, 1, index),
                    )
                )
            column += len(token) + 1
    width = float(max((len(ln.expandtabs(8)) for ln in lines), default=0))
    return PageText(page_no, width, float(len(lines)), tuple(words), "plain_text", unit="char")


# --- PDF ---------------------------------------------------------------------------------------


def _open_pdfium(data: bytes) -> Any:
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pypdfium2.raw.FPDF_ERR_PASSWORD:
            raise EncryptedFile("the PDF is encrypted with a password") from None
        raise CorruptFile(f"the PDF cannot be opened ({exc})") from None


def _open_plumber(data: bytes) -> Any:
    import pdfplumber

    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        raise CorruptFile(f"the PDF's structure is broken ({type(exc).__name__})") from None


def _read_pdf(data: bytes, context: ExtractionContext) -> list[PageText]:
    document = _open_pdfium(data)
    try:
        total = len(document)
        if total == 0:
            raise CorruptFile("the PDF has no pages")
        with _open_plumber(data) as plumber:
            count = min(total, context.max_pages)
            if _plumber_page_count(plumber) < count:
                raise CorruptFile("the PDF's page tree is broken")
            pages: list[PageText] = []
            for i in range(count):
                pages.append(_read_pdf_page(plumber.pages[i], document[i], context))
                context = _carry_languages(context, pages[-1])
    finally:
        document.close()
    if total > count:
        note = f"document has {total} pages; only the first {count} were read (max_pages)"
        log.warning(note)
        pages[-1] = replace(pages[-1], notes=(*pages[-1].notes, note))
    return pages


def _plumber_page_count(plumber: Any) -> int:
    try:
        return len(plumber.pages)
    except Exception:  # pdfminer walks the page tree lazily and fails in many ways
        return 0


def _read_pdf_page(plumber_page: Any, pdfium_page: Any, context: ExtractionContext) -> PageText:
    from extractors import pdf_text, raster

    start = time.perf_counter()
    page_no = int(plumber_page.page_number)
    try:
        words = pdf_text.page_words(plumber_page)
        facts = pdf_text.page_facts(plumber_page, pdfium_page)
    except Exception as exc:  # pdfminer on a damaged content stream: pdfium may still render it
        log.warning("page %d: text layer unreadable (%s)", page_no, type(exc).__name__)
        width, height = pdfium_page.get_size()
        words, facts = (), pdf_text.PageFacts(width, height, image_coverage=1.0)
    required, reason = needs_ocr(words, facts)
    if not required:
        seconds = time.perf_counter() - start
        return PageText(
            page_no, facts.width, facts.height, words, "text_layer", "pt", seconds, (reason,)
        )
    rendered = raster.render_page(pdfium_page, context.max_image_pixels)
    page = _ocr_page(rendered.image, page_no, context, dpi=round(rendered.dpi))
    return replace(
        page,
        # pdfium's page size applies /Rotate, as its rendering (and so the OCR boxes) does.
        width=float(pdfium_page.get_size()[0]),
        height=float(pdfium_page.get_size()[1]),
        unit="pt",
        words=raster.words_to_points(page.words, rendered.scale),
        seconds=time.perf_counter() - start,
        notes=(reason, f"rendered at {rendered.dpi:.0f} dpi", *page.notes),
    )


# --- images --------------------------------------------------------------------------------------


def _read_image(data: bytes, context: ExtractionContext) -> list[PageText]:
    pages: list[PageText] = []
    for number, (frame, dpi, started) in enumerate(_decode_image(data, context), start=1):
        pages.append(_ocr_page(frame, number, context, dpi=dpi, started=started))
        context = _carry_languages(context, pages[-1])
    return pages


def _carry_languages(context: ExtractionContext, page: PageText) -> ExtractionContext:
    """Later pages of a document start in the languages an earlier page turned out to need:
    one OCR pass per page of a German or Chinese document instead of two."""
    for note in page.notes:
        if note.startswith(OCR_NOTE):
            languages = note.removeprefix(OCR_NOTE).split(":", 1)[0]
            if languages != context.ocr_languages:
                log.info("page %d read as %s: so are the next pages", page.page_no, languages)
                return replace(context, ocr_languages=languages)
    return context


def _decode_image(data: bytes, context: ExtractionContext) -> list[tuple[np.ndarray, int, float]]:
    """Grayscale frames (TIFF pages) with their dpi, checking the pixel count before decoding."""
    os.environ.setdefault("OPENCV_IO_MAX_IMAGE_PIXELS", str(context.max_image_pixels))
    import numpy as np
    from PIL import Image, ImageOps, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = context.max_image_pixels
    try:
        image = Image.open(io.BytesIO(data))  # reads the header only
        frames: list[tuple[np.ndarray, int, float]] = []
        for index in range(min(getattr(image, "n_frames", 1), context.max_pages)):
            started = time.perf_counter()
            image.seek(index)
            _check_pixels(image.size, context.max_image_pixels)
            # Phone photos are stored sideways with an EXIF orientation tag: apply it.
            upright = ImageOps.exif_transpose(image) if index == 0 else image
            frames.append((np.asarray(upright.convert("L")), _dpi(image), started))
        return frames
    except Image.DecompressionBombError:
        raise TooLarge(f"image over the limit of {context.max_image_pixels} pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise CorruptFile(f"the image cannot be decoded ({exc})") from None


def _check_pixels(size: tuple[int, int], cap: int) -> None:
    width, height = size
    if width * height > cap:
        raise TooLarge(f"image of {width}×{height} pixels is over the limit of {cap}")
    if width == 0 or height == 0:
        raise CorruptFile("the image has no pixels")


def _dpi(image: Any) -> int:
    """The image's own resolution when it is plausible, else 300 (typical of scans)."""
    dpi = image.info.get("dpi", (0, 0))[0]
    try:
        value = round(float(dpi))
    except (TypeError, ValueError):
        return 300
    return value if 70 <= value <= 1200 else 300


# --- OCR of one page image ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Reading:
    result: ocr.OcrResult
    notes: tuple[str, ...]
    image: np.ndarray
    turn: np.ndarray  # 3×3: pixels of the cleaned image → pixels of `image` (quarter turns)


def _ocr_page(
    gray: np.ndarray,
    page_no: int,
    context: ExtractionContext,
    *,
    dpi: int,
    started: float | None = None,
) -> PageText:
    """Clean up, OCR, and (when the first reading is poor) orientation/script second pass.
    Boxes are mapped back to the pixels of `gray`. A timeout leaves the page without words
    and with a note, never hangs the document."""
    import numpy as np

    from extractors import image_cleanup

    start = time.perf_counter() if started is None else started
    height, width = (float(n) for n in gray.shape[:2])
    try:
        cleaned = image_cleanup.clean_page(gray)
    except Exception as exc:  # clean-up is an improvement, never a reason to fail a page
        log.exception("page %d: clean-up failed; reading the page as it is", page_no)
        cleaned = image_cleanup.Cleaned(
            gray, (f"cleanup failed: {type(exc).__name__}",), False, False, np.eye(3)
        )
    notes: tuple[str, ...] = (PHOTO_NOTE if cleaned.photo else SCAN_NOTE, *cleaned.notes)
    ocr_dpi = round(dpi * cleaned.enlarged)
    try:
        reading = _best_reading(cleaned.image, cleaned.sideways, context, ocr_dpi)
    except ocr.OcrTimeout as exc:
        log.warning("page %d: %s", page_no, exc)
        notes = (*notes, f"OCR failed: {exc}")
        return PageText(page_no, width, height, (), "ocr", "px", _since(start), notes)
    result = reading.result
    words = image_cleanup.map_words_back(result.words, reading.turn @ cleaned.transform)
    notes = (
        *notes,
        *reading.notes,
        f"{OCR_NOTE}{result.languages}: {len(words)} words, "
        f"mean confidence {result.mean_confidence:.2f}",
    )
    return PageText(page_no, width, height, words, "ocr", "px", _since(start), notes, gray)


def _since(start: float) -> float:
    return time.perf_counter() - start


def _best_reading(
    image: np.ndarray, sideways: bool, context: ExtractionContext, dpi: int
) -> _Reading:
    """First pass in `ocr_languages`, then only what the page calls for: orientation (OSD) when
    lines run vertically or the reading is poor, `deu` for German vocabulary, `chi_sim` when
    many words read as garbage. A second reading replaces the first only when it scores better."""
    import numpy as np

    notes: list[str] = []
    turn = np.eye(3)
    if sideways:
        image, turn = _upright(image, context, dpi, notes)
    reading = _Reading(_ocr(image, context.ocr_languages, context, dpi), (), image, turn)
    if not sideways and _very_poor(reading.result):
        turned, turn = _upright(image, context, dpi, notes)
        if turned is not image:
            second = _ocr(turned, context.ocr_languages, context, dpi)
            reading = _better(reading, _Reading(second, (), turned, turn))
    for pass_languages, why in _extra_passes(reading.result, reading.image, context, dpi):
        second = _ocr(reading.image, pass_languages, context, dpi)
        kept = _better(reading, replace(reading, result=second))
        verdict = "kept" if kept is not reading else "not better, discarded"
        notes.append(f"language: {why}: re-read as {pass_languages}, {verdict}")
        reading = kept
    if "chi_sim" in reading.result.languages:  # fused Latin columns are what re-reading fixes
        return replace(reading, notes=(*notes, *reading.notes))
    reading = _despeckled(reading, context, dpi, notes)
    repaired, regions, unread = ocr.reread_garbled_lines(
        reading.image, reading.result, timeout_s=context.ocr_timeout_s, dpi=dpi
    )
    if regions:
        notes.append(f"layout: {regions} garbled region(s) re-read as sparse text")
    if unread:
        notes.append(f"layout: {unread} line(s) no word covered read as sparse text")
    if regions or unread:
        reading = replace(reading, result=repaired)
    return replace(reading, notes=(*notes, *reading.notes))


def _despeckled(
    reading: _Reading, context: ExtractionContext, dpi: int, notes: list[str]
) -> _Reading:
    """A poor Latin reading re-read with the page's specks taken off
    (`image_cleanup.remove_specks`), kept when it reads better. Only a poor reading pays for
    the second call: the clean-up's noise estimate does not see sparse specks."""
    from extractors import image_cleanup

    first = reading.result
    if first.mean_confidence >= SPECKLED_BELOW:
        return reading
    image, specks = image_cleanup.remove_specks(reading.image)
    if specks < SPECKS_WORTH_A_READ:  # poor for another reason: spare the second call
        return reading
    candidate = replace(reading, result=_ocr(image, first.languages, context, dpi), image=image)
    # Compared by letters and digits read well, not by `score`: specks read as '.', '|' or 'c'
    # at 0.5–0.7 add to a speckled reading's confidence mass.
    kept = candidate if _read_well(candidate.result) > _read_well(first) else reading
    verdict = "kept" if kept is candidate else "not better, discarded"
    notes.append(
        f"cleanup: poor reading (mean confidence {first.mean_confidence:.2f}) re-read with "
        f"{specks} specks removed ({candidate.result.mean_confidence:.2f}), {verdict}"
    )
    return kept


def _read_well(result: ocr.OcrResult) -> int:
    """Letters and digits in words read with confidence ≥ 0.8."""
    return sum(sum(map(str.isalnum, w.text)) for w in result.words if w.confidence >= ocr.WELL_READ)


def _ocr(image: np.ndarray, languages: str, context: ExtractionContext, dpi: int) -> ocr.OcrResult:
    return ocr.ocr_words(image, languages=languages, timeout_s=context.ocr_timeout_s, dpi=dpi)


def _better(current: _Reading, candidate: _Reading) -> _Reading:
    return candidate if candidate.result.score > current.result.score else current


def _looks_garbled(result: ocr.OcrResult) -> bool:
    """Many words under 0.6 confidence: wrong script, wrong orientation or a very poor image."""
    if len(result.words) < 5:
        return True
    low = sum(1 for w in result.words if w.confidence < 0.6)
    return low >= GARBLED_SHARE * len(result.words) or result.mean_confidence < POOR_MEAN_CONFIDENCE


def _very_poor(result: ocr.OcrResult) -> bool:
    """Next to nothing readable: the page may be upside down (worth an OSD call)."""
    return len(result.words) < 5 or result.mean_confidence < POOR_MEAN_CONFIDENCE - 0.1


def _upright(
    image: np.ndarray, context: ExtractionContext, dpi: int, notes: list[str]
) -> tuple[np.ndarray, np.ndarray]:
    """The image turned by OSD's confident quarter turn, and the turn's 3×3 matrix. OSD reads a
    copy at 150 dpi: twice as fast as at 300 dpi, same answer on body text."""
    import cv2
    import numpy as np

    factor = min(1.0, 150 / dpi)
    if min(image.shape[:2]) * factor < 64:  # too small to hold a line of text
        return image, np.eye(3)
    small = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    osd = ocr.detect_orientation(small, timeout_s=context.ocr_timeout_s, dpi=round(dpi * factor))
    if osd is None or not osd.rotate or osd.orientation_confidence < CONFIDENT_ORIENTATION:
        return image, np.eye(3)
    notes.append(
        f"orientation: turned {osd.rotate}° (OSD confidence {osd.orientation_confidence:.1f})"
    )
    return _turn(image, osd.rotate)


_GERMAN_HINTS = frozenset(
    {
        "und",
        "der",
        "die",
        "das",
        "für",
        "bestellung",
        "menge",
        "preis",
        "lieferung",
        "lieferdatum",
        "datum",
        "summe",
        "gesamt",
        "mwst",
        "ust",
        "netto",
        "brutto",
        "bestellnummer",
        "artikel",
        "einzelpreis",
        "gesamtpreis",
        "zahlungsbedingungen",
        "tage",
        "rechnungsadresse",
        "lieferadresse",
        "stück",
        "stk",
        "bitte",
        "liefern",
    }
)


def _extra_passes(
    result: ocr.OcrResult, image: np.ndarray, context: ExtractionContext, dpi: int
) -> list[tuple[str, str]]:
    """Second passes worth their time: German text read in English loses its umlauts
    (ä→a, ß→B); Chinese read in English is low-confidence garbage, but so is a poor Latin
    scan, so the worst lines are first probed for CJK characters. Only on a page poor as a
    whole: a Chinese or bilingual order garbles most of its lines (labels, names, addresses),
    while a Latin page with a few garbled lines is what the sparse re-read repairs."""
    extras = context.ocr_extra_languages.split("+")
    base = context.ocr_languages
    passes: list[tuple[str, str]] = []
    german = sum(1 for w in result.words if w.text.lower().strip(".:,;") in _GERMAN_HINTS)
    if "deu" in extras and "deu" not in base.split("+") and german >= 3:
        passes.append((f"deu+{base}", f"German vocabulary ({german} words)"))
    elif "chi_sim" in extras and "chi_sim" not in base.split("+") and _chinese_suspect(result):
        found = ocr.cjk_characters(image, result, timeout_s=context.ocr_timeout_s, dpi=dpi)
        if found >= CJK_EVIDENCE:
            passes.append((f"chi_sim+{base}", f"CJK characters in the poorly read lines ({found})"))
    return passes


def _chinese_suspect(result: ocr.OcrResult) -> bool:
    """A reading poor enough, on enough of its lines and in the way Chinese read in a Latin
    language is, to be worth a probe for CJK characters."""
    if not _looks_garbled(result):
        return False
    garbled = ocr.garbled_lines(result.words)
    return ocr.most_lines(garbled, result.words) and _capitals_share(garbled) >= CJK_CAPITALS


def _capitals_share(garbled: list[list[Word]]) -> float:
    """The share of capitals among the letters of the garbled lines' poorly read words. A Latin
    recogniser reads a square, dense CJK glyph as capitals ("FRIIS", "KAMA"); a poor Latin
    scan's garbage is mostly lower case, digits and marks, as its text is."""
    letters = [
        c
        for line in garbled
        for w in line
        if w.confidence < POOR_MEAN_CONFIDENCE
        for c in w.text
        if c.isalpha()
    ]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def _turn(image: np.ndarray, rotate: int) -> tuple[np.ndarray, np.ndarray]:
    """Turn clockwise by OSD's `Rotate:` value (90, 180 or 270°), with the pixel mapping."""
    import cv2
    import numpy as np

    h, w = image.shape[:2]
    turns = {
        90: (cv2.ROTATE_90_CLOCKWISE, [[0, -1, h - 1], [1, 0, 0], [0, 0, 1]]),
        180: (cv2.ROTATE_180, [[-1, 0, w - 1], [0, -1, h - 1], [0, 0, 1]]),
        270: (cv2.ROTATE_90_COUNTERCLOCKWISE, [[0, 1, 0], [-1, 0, w - 1], [0, 0, 1]]),
    }
    if rotate not in turns:
        return image, np.eye(3)
    code, matrix = turns[rotate]
    return cv2.rotate(image, code), np.array(matrix, dtype=np.float64)
