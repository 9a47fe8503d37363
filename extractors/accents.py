"""Accented letters of an OCR'd page's names, addresses and payment terms, re-read in the
page's own language.

Why: the first pass reads in English, whose model has no è ô ł ß: "Jaurès" comes out
"Jaurés" or "Jaures", "Wrocław" "Wroctaw", "Hafenstraße" "Hafenstrake". A page-wide pass in
the page's language would cost as much as the first; the free-text values nothing else
corrects are a few lines. So only those lines are cut from the page image and read once
more, all in one Tesseract call, in the language the page's words are written in (when it
is installed). Alone, not with `+eng`: its model reads English words and digits as well, and
a second model doubles the call (measured on the samples: the same words re-read, 0.05
instead of 0.11 s per OCR'd page). A re-read word is taken only when it is the first
reading's word with its accents restored (`same_word`): the re-read may change how a word
is spelt, never which words or numbers were printed. It does not raise a value's
confidence: a changed value keeps the lower of its own and the re-read words'.

Contract: `reread_accents(order, pages, context) -> ExtractedOrder`. Text layers and e-mails
are not touched (only pages read by OCR have an image).
"""

from __future__ import annotations

import logging
import re
import struct
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from extractors import ocr
from extractors.layout import centre_inside, union_bbox
from extractors.vocabulary import BASE_LETTERS, strip_accents
from poflow.domain import Evidence, ExtractedOrder, ExtractionContext, PageText, Word

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

REREAD_FIELDS = ("customer_name", "ship_to", "payment_terms")
LANGUAGE_EVIDENCE = 3  # distinct words of one language a page must print to be read in it
LOOK_ALIKES = 2  # letters a re-read word may differ by once accents are taken off
SURE_WORD = 0.9  # a first reading this sure keeps its letters unless the re-read's are new
TEXT_HEIGHT = 48  # pixels a line's box is scaled to (Tesseract's sweet spot is 30–50)

# Words only one of these languages prints on an order (labels, address words, months),
# compared without accents: an English reading of "Quantité" is "Quantite". Words two
# languages share ("data", "netto", "agosto") say nothing and are left out, and so are short
# function words English names and places hold ("Des Moines", "El Paso", "Van Buren").
_HINTS = {
    "fra": "commande livraison facturation adresse quantite prix unitaire montant ttc "
    "jours mois reglement paiement designation societe rue avenue livrer fournisseur "
    "merci veuillez cedex boulevard delai sarl belgique suisse janvier fevrier mars avril "
    "juin juillet aout septembre octobre novembre decembre",
    "spa": "fecha cantidad precio importe entrega envio facturar direccion dias credito pago "
    "condiciones proveedor orden compra calle descripcion almacen gracias planta colonia "
    "espana enero febrero marzo abril mayo junio julio agosto septiembre octubre "
    "noviembre diciembre",
    "por": "quantidade preco valor endereco faturamento cobranca pagamento condicoes "
    "fornecedor rua descricao obrigado unidade recebimento prazo frete cnpj emissao "
    "brasil ltda janeiro fevereiro marco abril maio junho julho agosto setembro outubro "
    "novembro dezembro",
    "ita": "ordine quantita prezzo importo consegna spedizione fatturazione indirizzo "
    "condizioni fornitore giorni totale descrizione articolo codice cordiali saluti mese "
    "stabilimento italia srl svizzera gennaio febbraio marzo aprile maggio giugno luglio "
    "agosto settembre ottobre novembre dicembre",
    "pol": "zamowienie zamowienia ilosc cena wartosc dostawy dostawa platnosci termin dni "
    "razem towar nazwa jednostkowa przelew dostawca nabywca odbiorca faktury polska "
    "stycznia lutego marca kwietnia maja czerwca lipca sierpnia wrzesnia pazdziernika "
    "listopada grudnia",
    "nld": "bestelling aantal prijs totaal levering leverdatum leveradres factuuradres "
    "betaling betalingsvoorwaarden dagen omschrijving bedrag btw inkooporder leverancier "
    "graag nederland januari februari maart mei juni juli augustus oktober",
    "deu": "bestellung menge preis lieferung lieferdatum summe gesamt mwst ust "
    "bestellnummer einzelpreis gesamtpreis zahlungsbedingungen tage rechnungsadresse "
    "lieferadresse stuck bitte liefern lieferanschrift zahlbar deutschland osterreich "
    "strasse januar februar marz mai juni juli oktober dezember",
    "ces": "objednavka objednavky odberatel dodavatel vystaveni dodani uhrady platebni "
    "podminky splatnost zpusob dopravy nabidka celkem pocet sazba zaklad rekapitulace "
    "oznaceni dodavky prosim potvrdte vystavil razitko ceska republika ledna unora brezna "
    "dubna kvetna cervna cervence srpna rijna prosince",
    "dan": "indkobsordre ordredato leveringsadresse leveringsbetingelse betalingsbetingelse "
    "leveringsdato leverandor modtagelse beskrivelse antal enhed kobspris belob fragt moms "
    "dage hverdage venlig hilsen bedes sendes danmark marts",
    "tur": "siparis tarihi teslim teslimat adresi tedarikci miktar birim fiyat tutar toplam "
    "odeme sekli vadeli vergi dairesi aciklama aciklamasi malzeme kodu adet doviz "
    "hazirlayan onaylayan sayfa nakliye turkiye sanayi ticaret ocak subat nisan mayis "
    "haziran temmuz agustos eylul ekim kasim aralik",
}
# What an English reading writes for letters Unicode does not decompose: the base letters
# the label matcher compares (either case), and the ligatures it has no letter for.
_FOLDED = str.maketrans(
    {
        **BASE_LETTERS,
        **{letter.upper(): base.upper() for letter, base in BASE_LETTERS.items()},
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
    }
)
_WORD = re.compile(r"[^\W\d_]+")
_LSTM_UNICHARSET = 21  # index of the LSTM character set among a traineddata's components


def reread_accents(
    order: ExtractedOrder, pages: list[PageText], context: ExtractionContext
) -> ExtractedOrder:
    """The order with the words of its free-text values re-read in the page's language where
    that only restores accents (or a look-alike letter of an unsure word)."""
    changes: dict[str, list[str]] = {}
    evidence = dict(order.evidence)
    for page in pages:
        language = reread_language(page, context)
        lines = _value_lines(order, page) if language is not None else []
        if language is None or not lines:
            continue
        try:
            rereads = _read_lines(page, [line.words for line in lines], language, context)
        except ocr.OcrTimeout as exc:
            log.warning("page %d: accent re-read: %s", page.page_no, exc)
            continue
        writable = _letters(_languages_read(page))
        if writable is None:
            continue
        for line, second in zip(lines, rereads, strict=True):
            taken = _taken_words(line.words, second, writable)
            if not taken:
                continue
            parts = changes.setdefault(line.field, getattr(order, line.field).split("\n"))
            parts[line.index] = " ".join(_merged(line.words, taken))
            log.info(
                "%s: %r re-read in %s as %r", line.field, line.text, language, parts[line.index]
            )
            old = evidence[line.field]
            surety = min(w.confidence for w in taken.values())
            evidence[line.field] = Evidence(min(old.confidence, surety), old.page, old.bbox)
    if not changes:
        return order
    return order.with_(**{f: "\n".join(p) for f, p in changes.items()}, evidence=evidence)


def _merged(first: tuple[Word, ...], taken: dict[int, Word]) -> list[str]:
    return [taken[i].text if i in taken else w.text for i, w in enumerate(first)]


def reread_language(page: PageText, context: ExtractionContext) -> str | None:
    """The language an OCR'd page's words are written in, when it is one to re-read in, is
    installed, and is not one the page was read in already."""
    if page.method != "ocr" or page.image is None:
        return None
    wanted = [lang for lang in context.ocr_reread_languages.split("+") if lang in _HINTS]
    language = page_language(page.words, wanted)
    if language is None or language in _languages_read(page) or language not in installed():
        return None
    return language


def page_language(words: tuple[Word, ...] | list[Word], languages: list[str]) -> str | None:
    """The one language of `languages` with at least LANGUAGE_EVIDENCE of its hint words on
    the page and twice as many as any other; None when no language stands out."""
    printed = {fold(w.text.lower()).strip(".:,;()") for w in words}
    hits = sorted(((len(printed & _hint_words(lang)), lang) for lang in languages), reverse=True)
    if not hits or hits[0][0] < LANGUAGE_EVIDENCE:
        return None
    if len(hits) > 1 and hits[0][0] < 2 * hits[1][0]:
        return None
    return hits[0][1]


@cache
def _hint_words(language: str) -> frozenset[str]:
    others = {w for lang, text in _HINTS.items() if lang != language for w in text.split()}
    return frozenset(set(_HINTS[language].split()) - others)


def _languages_read(page: PageText) -> frozenset[str]:
    from extractors.reading import OCR_NOTE

    notes = [n.removeprefix(OCR_NOTE) for n in page.notes if n.startswith(OCR_NOTE)]
    return frozenset(lang for note in notes for lang in note.split(":", 1)[0].split("+"))


# --- which words of a re-read are taken ---------------------------------------------------------


def _taken_words(
    first: tuple[Word, ...], second: list[Word], writable: frozenset[str]
) -> dict[int, Word]:
    """The re-read words (by their place in the line) that replace the first reading's: the
    line must read as as many words, and each word taken must be `same_word` as the first."""
    if len(second) != len(first):
        return {}
    return {
        i: s
        for i, (f, s) in enumerate(zip(first, second, strict=True))
        if s.text != f.text and same_word(s, f, writable)
    }


def same_word(second: Word, first: Word, writable: frozenset[str]) -> bool:
    """Whether a re-read word is the first reading's word with its accents restored: the same
    digits, the same letters once accents are taken off (up to a look-alike or two), and
    every change writes a letter the first pass's languages cannot write (`writable` are
    those they can), as "è" for English: it read "Jaures" or "Jaurés" because it had no
    "è", while its sure "des" is evidence against a re-read "dés". Other changes of letters
    ("Bivd." for "Blvd.") are taken only from a surer re-read of an unsure word."""
    from rapidfuzz.distance import Levenshtein

    a, b = second.text, first.text
    if _digits(a) != _digits(b):
        return False
    letters = sum(c.isalpha() for c in b)
    if Levenshtein.distance(fold(a), fold(b)) > min(LOOK_ALIKES, max(1, letters // 3)):
        return False
    edits = Levenshtein.editops(b, a)
    if first.confidence < SURE_WORD and second.confidence > first.confidence:
        return all(_letter_edit(op.tag, b, op.src_pos, a, op.dest_pos) for op in edits)
    return all(
        op.tag != "delete" and a[op.dest_pos].isalpha() and a[op.dest_pos] not in writable
        for op in edits
    )


def _letter_edit(tag: str, first: str, at_first: int, second: str, at_second: int) -> bool:
    """Whether one edit from the first reading to the re-read touches letters only (a digit
    or a mark is never re-read away or into a word)."""
    if tag == "delete":
        return first[at_first].isalpha()
    if tag == "insert":
        return second[at_second].isalpha()
    return first[at_first].isalpha() and second[at_second].isalpha()


def fold(text: str) -> str:
    """Text without accents and with ł→l, ß→ss, ı→i, æ→ae: what an English reading of it can
    be."""
    return strip_accents(text).translate(_FOLDED)


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


@lru_cache(maxsize=1)
def _tessdata() -> tuple[Path, frozenset[str]]:
    """Tesseract's traineddata folder and the languages in it (asked once per process)."""
    import subprocess

    import pytesseract

    command = [pytesseract.pytesseract.tesseract_cmd, "--list-langs"]
    try:
        listing = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError) as exc:  # no re-reads, pages are read still
        log.warning("tesseract --list-langs: %s", exc)
        return Path("."), frozenset()
    head, _, rest = listing.stdout.partition("\n")
    folder = re.search(r'"(.+)"', head)
    languages = frozenset(rest.split())
    return Path(folder.group(1) if folder else "."), languages


def installed() -> frozenset[str]:
    return _tessdata()[1]


@cache
def _letters(languages: frozenset[str]) -> frozenset[str] | None:
    """The letters the LSTM models of these languages can write (their `lstm-unicharset`;
    a letter a model lacks it reads as another); None when that is not known."""
    letters: set[str] = set()
    for language in languages:
        path = _tessdata()[0] / f"{language}.traineddata"
        try:
            letters |= {c for c in _lstm_unicharset(path.read_bytes()) if c.isalpha()}
        except (OSError, ValueError, IndexError, struct.error, UnicodeDecodeError):
            log.warning("cannot read the character set of %s: no re-read", path)
            return None
    return frozenset(letters) if letters else None


def _lstm_unicharset(data: bytes) -> list[str]:
    """The characters of a traineddata file's LSTM character set. The file is a count of
    components, their byte offsets (-1 for an absent one), then the components; the
    character set is a count line, then one line per character, the character first."""
    count = struct.unpack_from("<i", data)[0]
    offsets = struct.unpack_from(f"<{count}q", data, 4)
    start = offsets[_LSTM_UNICHARSET]
    if start < 0:
        raise ValueError("no LSTM model")
    ends = [o for o in offsets[_LSTM_UNICHARSET + 1 :] if o >= 0]
    text = data[start : ends[0] if ends else len(data)].decode("utf-8")
    return [line.split(" ", 1)[0] for line in text.splitlines()[1:] if line]


@dataclass(frozen=True)
class _ValueLine:
    field: str
    index: int  # line of the value
    words: tuple[Word, ...]  # the page's words it was read from

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def _value_lines(order: ExtractedOrder, page: PageText) -> list[_ValueLine]:
    """The lines of the free-text values read on this page that have letters, with the
    page's words each was read from (a line that is not such a run of words, e.g. a name
    spelt as in the master data, is left as it is)."""
    out = []
    for name in REREAD_FIELDS:
        value, evidence = getattr(order, name), order.evidence.get(name)
        if not value or evidence is None or evidence.page != page.page_no or not evidence.bbox:
            continue
        inside = [w for w in page.words if centre_inside(w, evidence.bbox)]
        for index, text in enumerate(value.split("\n")):
            run = _run_of(inside, text.split())
            if run and _WORD.search(text):
                out.append(_ValueLine(name, index, run))
    return out


def _run_of(words: list[Word], tokens: list[str]) -> tuple[Word, ...] | None:
    """The consecutive words of one printed line whose texts are `tokens`."""
    n = len(tokens)
    for start in range(len(words) - n + 1):
        run = words[start : start + n]
        if [w.text for w in run] == tokens and len({w.line_key for w in run}) == 1:
            return tuple(run)
    return None


def _read_lines(
    page: PageText, lines: list[tuple[Word, ...]], language: str, context: ExtractionContext
) -> list[list[Word]]:
    """Each line's words read in `language`, left to right: one call of Tesseract over the
    lines' images stacked one under the other."""
    scale = page.image.shape[1] / page.width  # image pixels per page unit (pt or px)
    crops = [_line_image(page.image, words, scale) for words in lines]
    stack, tops = ocr.stacked(crops, gap=TEXT_HEIGHT, margin=TEXT_HEIGHT)
    result = ocr.ocr_words(stack, languages=language, timeout_s=context.ocr_timeout_s, psm=6)
    return [
        sorted(
            (w for w in result.words if top <= (w.top + w.bottom) / 2 < top + crop.shape[0]),
            key=lambda w: w.x0,
        )
        for top, crop in zip(tops, crops, strict=True)
    ]


def _line_image(image: np.ndarray, words: tuple[Word, ...], scale: float) -> np.ndarray:
    """The line's words on white, each with a margin of a quarter of the line's height for
    its accents, scaled to TEXT_HEIGHT: only the words' own pixels, as a box around the
    whole line of a tilted photo holds parts of the lines above and below."""
    import cv2
    import numpy as np

    x0, top, x1, bottom = (v * scale for v in union_bbox(list(words)))
    pad = 0.25 * max(min((w.bottom - w.top) * scale for w in words), 1.0)
    height, width = image.shape[:2]
    left, upper = max(0, int(x0 - pad)), max(0, int(top - pad))
    right, lower = min(width, int(x1 + pad) + 1), min(height, int(bottom + pad) + 1)
    line = np.full((max(lower - upper, 1), max(right - left, 1)), 255, dtype=np.uint8)
    for w in words:
        a, b = max(left, int(w.x0 * scale - pad)), min(right, int(w.x1 * scale + pad) + 1)
        c, d = max(upper, int(w.top * scale - pad)), min(lower, int(w.bottom * scale + pad) + 1)
        line[c - upper : d - upper, a - left : b - left] = image[c:d, a:b]
    factor = TEXT_HEIGHT / max(bottom - top, 1.0)
    return cv2.resize(line, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
