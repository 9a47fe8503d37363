"""Free text as printed: values' lines cleaned, addresses, and what OCR garbled in them
that the text's own shape or the master data gives back.

Why apart from `normalise`: these are rules about text, not about an order's numbers and
dates; `normalise.build_order` applies them to names, addresses and terms.

Contract: `text_of(value)`, `address_of(value)`, `terms_of(value)`, `terms_cleaned(text)`,
`ocr_misreads_fixed(line)`, `restore_diacritics(text, known)`, `restore_spelling(text, known)`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz.distance import Levenshtein

from extractors.customers import join_cjk
from extractors.header_dates import without_said_date
from extractors.raw import RawValue
from extractors.vocabulary import strip_accents

TEXT_LAYER_CONFIDENCE = 0.999  # a raw value read this surely came from a text layer


def text_of(value: RawValue) -> str | None:
    """A printed text, cleaned; OCR'd text also loses the spaces OCR puts into CJK words
    (a text layer's spaces are as printed)."""
    return _clean_text(value.text, ocr=value.confidence < TEXT_LAYER_CONFIDENCE)


def address_of(value: RawValue) -> str | None:
    """An address, cleaned as any text; an OCR'd one also loses lines of specks and has the
    misreads its shape gives away fixed."""
    text = text_of(value)
    if text is not None:
        # A typed sentence says when after where ("… by 6 April please"): no part of it.
        text = _FULL_STOP.sub("", without_said_date(text))
    if text is None or value.confidence >= TEXT_LAYER_CONFIDENCE:
        return text
    lines = [
        _OCR_LINE_END.sub("", ocr_misreads_fixed(line))
        for line in text.splitlines()
        if not _speck(line)
    ]
    return "\n".join(lines) or None


def terms_of(value: RawValue) -> str | None:
    """Payment terms, cleaned as any text; in OCR'd terms a speck read as a full stop
    between two words is a space ("30 jours fin.de mois"), after a count of days none
    ("30. Days")."""
    terms = text_of(value)
    if terms and value.confidence < TEXT_LAYER_CONFIDENCE:
        terms = _DAYS_STOP.sub("", _SPECK_STOP.sub(" ", terms))
    return terms_cleaned(terms) if terms else None


def terms_cleaned(terms: str) -> str:
    """Payment terms without specks and marks around them (OCR puts them before "Net 30"
    too), but with the full stop of an abbreviation that ends them ("Ri.Ba. 30 gg d.f."),
    and without a remark that points back to an agreement ("Net 30, as agreed", "wie immer
    14 Tage netto")."""
    terms = _AS_AGREED.sub("", terms).strip() or terms
    cleaned = terms.strip(".:;,- ")
    return cleaned + "." if _ABBREVIATION_END.search(terms.rstrip(":;,- ")) else cleaned


# "Net 30, as agreed", "wie immer 14 Tage 2 % Skonto": a remark that points back to an
# agreement is no part of the terms, after them or before them.
_AGREED = (
    r"(?:as\s+(?:agreed|discussed|usual|always|before)|"
    r"zoals\s+(?:afgesproken|besproken|gebruikelijk|altijd)|"
    r"wie\s+(?:vereinbart|besprochen|abgesprochen|immer|üblich)|"
    r"comme\s+(?:convenu|d'habitude|toujours)|como\s+(?:acordado|siempre|de\s+costumbre)|"
    r"come\s+(?:concordato|d'accordo|sempre)|conforme\s+(?:combinado|acordado)|"
    r"enligt\s+överenskommelse)"
)
_AS_AGREED = re.compile(rf"[,;]?\s*{_AGREED}\W*$|^{_AGREED}(?:[,:;]\s*|\s+)(?=\S)", re.IGNORECASE)


# A speck OCR read as a full stop between two words ("30 jours fin.de mois"): a space. An
# abbreviation's stop follows one or two letters ("Ri.Ba.", "d.f."), not three.
_SPECK_STOP = re.compile(r"(?<=[^\W\d_]{3})\.(?=[^\W\d_A-ZÀ-Þ]{2,}\b)")

# "days" in the languages of the vocabularies: terms count in days ("30 Tage netto").
DAY_WORDS = r"(?:days?|tage|jours|d[ií]as|giorni|dagen|dagar|dage|dni|dní|dnů|gün)"

# A speck read as a full stop after a count of days ("30. Days"): a number of days is a
# count, never an ordinal, in the languages that write an ordinal with a stop.
_DAYS_STOP = re.compile(rf"(?<=\d)\.(?=\s+{DAY_WORDS}\b)", re.IGNORECASE)

_ABBREVIATION_END = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]{1,3}\.){2,}$")  # "d.f.", "u.s.w."


# Marks OCR glues onto an address line's end: "Zug:", "Bahnhofstrasse 52.", "Harbour Rd-"
# (an address line never ends with a colon or a hyphen, nor a house number with a dot).
_OCR_LINE_END = re.compile(r"(?<=\w)[:\-–]+$|(?<=\d)\.$")


# An address ends with a town, a postcode or a country, never a sentence's full stop
# ("Lieferadresse: Bahnhofstrasse 52, 6300 Zug, Schweiz.") nor a speck read as one; a short
# last word keeps its dot ("Calif.", "St.": abbreviations).
_FULL_STOP = re.compile(r"(?<=[^\W\d_]{6})\.$")


_LINE_JUNK = " |_~,;»«‘’“”¦"  # rulings, specks and stray quotes at the ends of a line
_TRAILING_DASH = re.compile(r"\s+[-–—]+$")  # `Acme GmbH -`: a ruling, not a hyphen


def _clean_text(text: str, *, ocr: bool = False) -> str | None:
    """Trimmed lines, blank lines dropped; None when nothing is left.

    Chinese and Japanese are written without spaces, so in OCR'd text a space between two
    of their characters (or a character and a digit: `路 88 号`) is dropped.
    """
    lines = [" ".join(line.split()).strip(_LINE_JUNK) for line in text.splitlines()]
    lines = [_TRAILING_DASH.sub("", line).strip(_LINE_JUNK) for line in lines]
    lines = [join_cjk(line) for line in lines] if ocr else lines
    cleaned = "\n".join(line for line in lines if line)
    return cleaned if any(ch.isalnum() for ch in cleaned) else None


# OCR's usual misreads where the shape of the text says what was printed.
_ESZETT = re.compile(r"(?<=[a-zäöü]{2})B(?=e\b|en\b)")  # "HafenstraBe": ß read as B
# "BS2 OQT", "BS20QT": a letter in the digit place, the space lost (the inward code is
# always a digit and two letters, so where the space goes is never in doubt).
_UK_POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9OIl])([A-Z]{2})\b")
_CA_POSTCODE = re.compile(r"\b([A-Z][0-9])([\]|])( ?[0-9][A-Z][0-9])\b")  # "V5] 5K3": J
_DIGIT_FOR = {"O": "0", "I": "1", "l": "1"} | {d: d for d in "0123456789"}
# The glyphs OCR confuses, each way: a postcode's grammar says which one a place holds.
_AS_DIGIT = {"O": "0", "D": "0", "I": "1", "l": "1", "L": "1", "|": "1", "S": "5", "B": "8"}
_AS_DIGIT |= {"Z": "2", "G": "6"}
_AS_LETTER = {"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G"}
# A British outward code with a letter where its digit must be ("POL 2AB" for "PO1 2AB").
_UK_OUTWARD = re.compile(r"\b([A-Z]{1,2})([ODIlLSBZG|])([A-Z]?) ([0-9][A-Z]{2})\b")
# A Canadian postcode after its province: letter-digit-letter digit-letter-digit.
_CA_PROVINCE = r"AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT"
_CA_FULL = re.compile(rf"\b({_CA_PROVINCE})(,? )([A-Z0-9]{{3}}) ([A-Z0-9]{{3}})\b")
# A postcode letter OCR read twice, once in lower case ("BC V2xX 2T7"): the one letter.
_CA_DOUBLED = re.compile(
    rf"\b((?:{_CA_PROVINCE}),? [A-Z0-9]{{2}})([a-z])([A-Z])(?= [A-Z0-9]{{3}}\b)"
)


def ocr_misreads_fixed(line: str) -> str:
    """A line of OCR'd text with the misreads its shape gives away: ß read as B inside a
    German word, a letter in a British postcode's digit place, "]" for J in a Canadian one
    or one of its letters read twice ("V2xX"), a street direction glued on ("Queen StE")."""
    line = _ESZETT.sub("ß", line)
    line = _GLUED_DIRECTION.sub(r"\1 \2", line)
    line = _UK_POSTCODE.sub(lambda m: f"{m[1]} {_DIGIT_FOR[m[2]]}{m[3]}", line)
    line = _UK_OUTWARD.sub(lambda m: f"{m[1]}{_AS_DIGIT[m[2]]}{m[3]} {m[4]}", line)
    line = _CA_POSTCODE.sub(lambda m: f"{m[1]}J{m[3]}", line)
    line = _CA_DOUBLED.sub(lambda m: m[1] + m[3] if m[2] == m[3].lower() else m[0], line)
    return _CA_FULL.sub(_canadian_postcode, line)


# "75 Queen StE": OCR lost the narrow space between a street type and the compass point
# after it (North American addresses). Written in mixed case only, so "STE" (suite) stays.
_GLUED_DIRECTION = re.compile(
    r"\b(St|Ave|Av|Rd|Blvd|Dr|Pkwy|Hwy|Ln|Ct|Pl|Cres|Terr?|Way|Street|Avenue|Road|Drive)"
    r"(N|S|E|W|NE|NW|SE|SW)\b"
)


def _canadian_postcode(match: re.Match[str]) -> str:
    """Each place of "A9A 9A9" read as its kind: "MSC 1R8" → "M5C 1R8"; a code two or more
    misreads away is left as read (then it may be no postcode at all)."""
    code = match[3] + match[4]
    fixed = "".join(
        (_AS_LETTER.get(ch, ch) if i % 2 == 0 else _AS_DIGIT.get(ch, ch))
        for i, ch in enumerate(code)
    )
    shape = all(ch.isalpha() == (i % 2 == 0) for i, ch in enumerate(fixed))
    changes = sum(a != b for a, b in zip(code, fixed, strict=True))
    if not shape or changes > 1:
        return match[0]
    return f"{match[1]}{match[2]}{fixed[:3]} {fixed[3:]}"


def _speck(line: str) -> bool:
    """An OCR'd line of at most two letters or digits among marks ("=m", "/"): specks, a
    stamp or a ruling read as text, not a line of an address."""
    return sum(ch.isalnum() for ch in line) <= 2 and not line.isalnum()


def _strip_accents(text: str) -> str:
    return strip_accents(text).replace("ß", "ss")


def restore_diacritics(ocr_text: str, known: Iterable[str | None]) -> str:
    """An OCR'd text that is a known text (master data) but for its accents and umlauts
    (`Riviere Equipements`, `Riviére` for `Rivière Équipements`) is that text: OCR lost or
    confused them."""
    bare = _strip_accents(" ".join(ocr_text.split()))
    for text in known:
        spaced = " ".join(text.split()) if text else ""
        if spaced and not spaced.isascii() and _strip_accents(spaced) == bare:
            return spaced
    return ocr_text


OCR_SLIPS_PER_LETTER = 1 / 15  # "HupDSON VALLEY" for "HUDSON VALLEY": a slip, not a name


def restore_spelling(ocr_text: str, known: Iterable[str | None]) -> str:
    """An OCR'd name of the matched customer that spells a master-data name but for a
    letter OCR added, dropped or confused (`HupDSON VALLEY FABRICATION INC.`) is that
    name: a different company is not one letter away from the customer the order's own
    evidence matched. A name that differs from it only in case stays as printed."""
    spaced = " ".join(ocr_text.split())
    for text in known:
        name = " ".join(text.split()) if text else ""
        slips = Levenshtein.distance(spaced.casefold(), name.casefold())
        if name and 0 < slips <= max(1, int(len(name) * OCR_SLIPS_PER_LETTER)):
            return name
    return ocr_text
