"""The label matcher: finds the label vocabularies (`label_words`) in a line of words.

Why a vocabulary rather than per-layout templates: the system meets layouts it has never
seen, but the words printed beside a value ("P.O. No.", "Bestell-Nr.", "订单号") come from a
small, stable set. Matching is token-level with spaCy's `PhraseMatcher` over our own
normalised token forms (`token.norm_`), so "PO #", "P.O. No." and "PO Number" are one
pattern family; Chinese labels are found by character substring, because a blank spaCy
pipeline does not segment Chinese.

Contract: `find_labels(words, group)` returns `LabelMatch`es (longest match wins, no overlaps)
with the word span and, when a label ends inside a word ("PO#4500"), the character offset
where the value starts.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import pairwise
from types import ModuleType
from typing import TYPE_CHECKING, Literal

from rapidfuzz.distance import Levenshtein

from extractors.label_words import (
    COLON_ONLY,
    COLUMN_LABELS,
    DELIVERY_COLUMN_LABELS,
    GENERIC,
    HEADER_LABELS,
    TOTALS_LABELS,
)
from extractors.value_shapes import CURRENCY_CODES

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    from poflow.domain import Word

Group = Literal["header", "column", "totals"]

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# A rate glued to its label ("MWST8.1%", "VAT20%": OCR lost the space) is a token apart.
_TOKEN = re.compile(
    r"[#:：/()\[\]|;,]|[^\s#:：/()\[\]|;,\d]*[^\W\d_](?=\d[\d.,]*%)|[^\s#:：/()\[\]|;,]+"
)
_NUMBER_WORDS = {
    "no",
    "nr",
    "n°",
    "nº",
    "no°",
    "n",
    "num",
    "number",
    "numero",
    "número",
    "nummer",
    "#",
    "n.º",
    "nro",
    "nbr",  # US ERPs (Lawson, JD Edwards): "PO Nbr", "Item Nbr"
}


@dataclass(frozen=True)
class LabelMatch:
    """A label found in a line: word indexes [first, last], and where the value may start."""

    field: str
    phrase: str
    first: int  # index of the first word of the label
    last: int  # index of the last word that holds label characters
    value_offset: int  # characters of words[last] taken by the label (and its ":" / "#")
    priority: int  # 2 = a specific phrase, 1 = a generic one ("Date", "Total")
    colon: bool = False  # the label ends with ":" (so it is a label even inside a cell)

    @property
    def ends_inside_word(self) -> bool:
        return self.value_offset > 0


_OCR_QUOTES = "‚‘’“”„'\"`|"


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Letters Unicode does not decompose into a base letter and a mark, which OCR and
# plain-ASCII prints write as their base letter (Turkish "Sayın" as "Sayin", Danish
# "Købspris" as "Kobspris", Polish "Wrocław" as "Wroclaw").
BASE_LETTERS = {"ı": "i", "ø": "o", "ł": "l", "đ": "d"}
_BASE_LETTERS = str.maketrans(BASE_LETTERS)
# Czech "č." (číslo, number): a number word only with its háček, "c." is no such word.
_ACCENTED_NUMBER_WORDS = {"č", "čís", "číslo"}


def norm_token(token: str) -> str:
    """The comparable form of one token: "P.O." -> "po", "Nr." -> "no", "Qté" -> "qte"."""
    if token.lower().rstrip(".:") in _ACCENTED_NUMBER_WORDS:
        return "no"
    low = strip_accents(token.lower().translate(_BASE_LETTERS))
    low = low.replace("º", "°").strip(_OCR_QUOTES) or token.lower()
    if low in _NUMBER_WORDS or low.rstrip(".") in _NUMBER_WORDS:
        return "no"
    cleaned = low.replace(".", "").replace("-", "").replace("'", "").replace("’", "")
    if cleaned in _NUMBER_WORDS:
        return "no"
    return cleaned or low


def _split_tokens(text: str) -> list[tuple[int, int]]:
    """Character spans of the tokens of one word: punctuation that separates is its own token."""
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=1)
def _nlp() -> Language:
    """A blank spaCy pipeline whose vocabulary computes no lexical attributes: matching is on
    NORM, which `_latin_matches` and `_matcher` set on every token themselves, so a word's
    shape, prefix, suffix … (a fifth of building the matchers, and more per page) are unused.
    Its tokenizer splits on spaces: poflow hands spaCy words it has split itself, and the
    default one's punctuation rules cost ~0.1 s of compiled expressions at every start."""
    spacy = _spacy_without_its_cli()
    spacy.registry.tokenizers.register(_WORDS_TOKENIZER, func=_words_tokenizer)
    nlp = spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": _WORDS_TOKENIZER}}})
    nlp.vocab.lex_attr_getters = {}
    return nlp


_WORDS_TOKENIZER = "poflow.words.v1"


def _words_tokenizer() -> Callable[[Language], Callable[[str], Doc]]:
    from spacy.tokens import Doc

    def create(nlp: Language) -> Callable[[str], Doc]:
        return lambda text: Doc(nlp.vocab, words=text.split())

    return create


def _spacy_without_its_cli() -> ModuleType:
    """spaCy, imported without its command line.

    spaCy's `__init__` imports its CLI (typer, weasel, httpx: a third of spaCy's import
    time, paid by every `poflow extract`) only to export `spacy.info`, which poflow never
    calls. Placeholders stand in for the CLI modules while spaCy loads and are removed
    after, so a later `import spacy.cli` loads the real one.
    """
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    cli, info = ModuleType("spacy.cli"), ModuleType("spacy.cli.info")
    cli.__path__ = []  # a package, so that `spacy.cli.info` resolves
    info.info = None  # type: ignore[attr-defined]
    placeholders = {"spacy.cli": cli, "spacy.cli.info": info}
    sys.modules.update(placeholders)
    try:
        import spacy
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    return spacy


@cache  # each phrase is normalised for its matcher and for its word set
def _pattern_norms(phrase: str) -> tuple[str, ...]:
    norms: list[str] = []
    for word in phrase.split():
        for start, end in _split_tokens(word):
            norm = norm_token(word[start:end])
            if norm not in {":"}:
                norms.append(norm)
    return tuple(norms)


def _vocab_for(group: Group) -> dict[str, tuple[str, ...]]:
    return {"header": HEADER_LABELS, "column": COLUMN_LABELS, "totals": TOTALS_LABELS}[group]


@lru_cache(maxsize=3)
def _matcher(group: Group) -> tuple[PhraseMatcher, dict[str, str], list[tuple[str, str]]]:
    """The spaCy matcher of a group (built once), phrase keys, and the CJK phrases aside."""
    nlp = _nlp()  # first: spaCy is imported there
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    matcher = PhraseMatcher(nlp.vocab, attr="NORM")
    keys: dict[str, str] = {}
    cjk: list[tuple[str, str]] = []
    for field_name, phrases in _vocab_for(group).items():
        for phrase in phrases:
            if _CJK.search(phrase):
                cjk.append((field_name, phrase))
                continue
            norms = _pattern_norms(phrase)
            doc = Doc(nlp.vocab, words=list(norms))
            for token, norm in zip(doc, norms, strict=True):
                token.norm_ = norm
            key = f"{field_name}|{phrase}"
            keys[key] = field_name
            matcher.add(key, [doc])
    cjk.sort(key=lambda item: -len(item[1]))
    return matcher, keys, cjk


@lru_cache(maxsize=3)
def _label_words(group: Group) -> frozenset[str]:
    """Every token form that occurs in a label of the group (a cheap pre-filter)."""
    return frozenset(
        norm
        for phrases in _vocab_for(group).values()
        for phrase in phrases
        if not _CJK.search(phrase)
        for norm in _pattern_norms(phrase)
    )


FUZZY_MIN_LENGTH = 8  # label words this long are distinctive enough to match one letter off


@lru_cache(maxsize=8192)
def _ocr_label_word(norm: str, group: Group) -> str:
    """An OCR'd token one letter off a long label word is that word ("estelldatum",
    "bestelinummer"): OCR drops, adds and confuses single letters, and a long label word
    is not one letter away from an ordinary word. (Two label words one letter off each
    other, "bestellnummer"/"bestelnummer", name the same field.)"""
    known = _label_words(group)
    if len(norm) < FUZZY_MIN_LENGTH or norm in known:
        return norm
    from rapidfuzz.distance import Levenshtein

    distances = {
        w: Levenshtein.distance(w, norm, score_cutoff=1)
        for w in known
        if len(w) >= FUZZY_MIN_LENGTH
    }
    close = sorted((d, w) for w, d in distances.items() if d <= 1)
    return close[0][1] if close else norm  # nearest (exact is handled above), then a-z


def _priority(phrase: str) -> int:
    # NFC: Hangul, which stripping the accents decomposed, composed again.
    low = unicodedata.normalize("NFC", strip_accents(phrase.lower())).rstrip(".")
    return 1 if low in GENERIC else 2


def find_labels(words: tuple[Word, ...] | list[Word], group: Group) -> list[LabelMatch]:
    """Labels of `group` in a cell's words (in reading order), longest first, no overlaps.
    A form's box number before a label ("1. ORDER NO.", "17(h). TOTAL": US government and
    other standard forms number every box) belongs to the label: it starts at the box."""
    if not words:
        return []
    found = list(_find_labels(tuple(words), group))
    if found and found[0].first == 1 and is_box_number(words[0].text):
        found[0] = replace(found[0], first=0)
    return found


_BOX_NUMBER = re.compile(r"\d{1,2}[a-z]?(?:\([a-z]\))?\.|\([a-z]\)\.")


def is_box_number(text: str) -> bool:
    """A form's box number: "1.", "10a.", "17(h).", or "(b)." after a "17(a)." before it."""
    return bool(_BOX_NUMBER.fullmatch(text.lower()))


def labels_in_text(text: str, group: Group, confidence: float = 1.0) -> list[LabelMatch]:
    """Labels of `group` in plain text (a part of a cell, a description): its words split at
    spaces, with no box; `confidence` under 1 lets OCR misspellings match as in a page."""
    from poflow.domain import Word

    return find_labels(tuple(Word(t, 0.0, 0.0, 1.0, 1.0, confidence) for t in text.split()), group)


@lru_cache(maxsize=8192)
def _find_labels(words: tuple[Word, ...], group: Group) -> tuple[LabelMatch, ...]:
    """Cached: the same cell is asked about by the header, party, table and totals finders."""
    found = _latin_matches(words, group) + _cjk_matches(words, group)
    # Most words, then most of the last word: "Order Date" in "orderDate" beats "Order".
    found.sort(key=lambda m: (-(m.last - m.first), -_reach(words[m.last], m), m.first))
    chosen: list[LabelMatch] = []
    taken: set[int] = set()
    for match in found:
        span = set(range(match.first, match.last + 1))
        if span & taken:
            continue
        chosen.append(match)
        taken |= span
    return tuple(sorted(chosen, key=lambda m: m.first))


def _reach(word: Word, match: LabelMatch) -> int:
    """Characters of its last word the label takes (all of them when it ends with the word)."""
    return match.value_offset or len(word.text)


def _latin_matches(words: tuple[Word, ...] | list[Word], group: Group) -> list[LabelMatch]:
    matcher, keys, _ = _matcher(group)
    from spacy.tokens import Doc

    token_firsts: list[int] = []  # the word a token starts in (two for a word OCR split)
    token_words: list[int] = []
    token_ends: list[int] = []
    norms: list[str] = []
    for index, word in enumerate(words):
        if group == "totals" and index and word.text.strip("().:") in CURRENCY_CODES:
            continue  # "Summe EUR ohne MwSt.", "Total (CAD)": the currency is not the label's
        ocr = word.confidence < 0.999 and group != "column"  # columns: the table finder's call
        for start, end in _split_tokens(word.text):
            norm = norm_token(word.text[start:end])
            if ocr and start == 0 and _split_label_word(norms, token_words, index, norm, group):
                norms[-1] += norm
                token_words[-1], token_ends[-1] = index, end
                continue
            fused = _fused_pairs(group).get(norm) if ocr else None
            if fused is not None:  # "decommande": two label words, one token each
                token_firsts.append(index)
                token_words.append(index)
                piece = word.text[start:end]
                quotes = len(piece) - len(piece.lstrip(_OCR_QUOTES))  # "““orderDate"
                token_ends.append(min(start + quotes + len(fused[0]), end))
                norms.append(fused[0])
                norm = fused[1]
            token_firsts.append(index)
            token_words.append(index)
            token_ends.append(end)
            norms.append(_ocr_label_word(norm, group) if ocr else norm)
    if not norms or not _label_words(group) & set(norms):
        return []  # most cells (names, numbers) share no word with any label: skip spaCy
    doc = Doc(_nlp().vocab, words=norms)
    for token, norm in zip(doc, norms, strict=True):
        token.norm_ = norm
    matches: list[LabelMatch] = []
    for key_id, start, end in matcher(doc):
        key = _nlp().vocab.strings[key_id]
        phrase = key.split("|", 1)[1]
        last_token = end - 1
        # A ":" right after the label belongs to it (so the value starts after it).
        while last_token + 1 < len(norms) and norms[last_token + 1] in {":", "："}:
            last_token += 1
        match = _latin_match(
            words, keys[key], phrase, token_words, token_ends, token_firsts[start], last_token
        )
        colon = norms[last_token] in {":", "："} or words[match.last].text.endswith(":")
        if colon or phrase not in COLON_ONLY:
            matches.append(replace(match, colon=colon))
    return matches


def _split_label_word(
    norms: list[str], token_words: list[int], index: int, norm: str, group: Group
) -> bool:
    """OCR split a label word in two ("refe rence"): the token before, the last of the word
    before, and this one, the first of its word, are no label words, but together one is."""
    if not norms or token_words[-1] != index - 1:
        return False
    known = _label_words(group)
    joined = norms[-1] + norm
    return len(joined) >= FUZZY_MIN_LENGTH and joined in known and not {norms[-1], norm} & known


@lru_cache(maxsize=8)
def _fused_pairs(group: Group) -> dict[str, tuple[str, str]]:
    """Two words of a label that OCR ran together ("N° decommande" for "N° de commande"),
    by their joined form; only forms that are no label word themselves."""
    known = _label_words(group)
    pairs: dict[str, tuple[str, str]] = {}
    for phrases in _vocab_for(group).values():
        for phrase in phrases:
            if _CJK.search(phrase):
                continue
            norms = _pattern_norms(phrase)
            for first, second in pairwise(norms):
                joined = first + second
                words = first.isalpha() and second.isalpha()
                if words and len(joined) >= FUZZY_MIN_LENGTH and joined not in known:
                    pairs.setdefault(joined, (first, second))
                if second == "no" and first.isalpha() and len(first) >= 2:
                    # A label word glued to its number word ("PONbr", "OrderNo"): short, but
                    # the number word's spellings make it a label's and nothing else's.
                    for spelling in _GLUED_NUMBER_WORDS:
                        if first + spelling not in known:
                            pairs.setdefault(first + spelling, (first, second))
    return pairs


_GLUED_NUMBER_WORDS = ("no", "nr", "nbr", "num")


def _latin_match(
    words: tuple[Word, ...] | list[Word],
    field_name: str,
    phrase: str,
    token_words: list[int],
    token_ends: list[int],
    first_word: int,
    last_token: int,
) -> LabelMatch:
    last_word = token_words[last_token]
    offset = token_ends[last_token]
    if offset >= len(words[last_word].text):
        offset = 0  # the label ends with the word: the value starts at the next word
    return LabelMatch(field_name, phrase, first_word, last_word, offset, _priority(phrase))


def _cjk_matches(words: tuple[Word, ...] | list[Word], group: Group) -> list[LabelMatch]:
    """Chinese labels by substring of the joined line text (OCR splits CJK words anywhere)."""
    if not any(_CJK.search(w.text) for w in words):
        return []
    _, _, cjk = _matcher(group)
    owner: list[tuple[int, int]] = []  # (word index, char index in word) per joined char
    for index, word in enumerate(words):
        owner.extend((index, pos) for pos in range(len(word.text)))
    joined = "".join(w.text for w in words)
    matches: list[LabelMatch] = []
    used: set[int] = set()
    for field_name, phrase in cjk:
        for hit in re.finditer(re.escape(phrase), joined):
            chars = set(range(hit.start(), hit.end()))
            if chars & used:
                continue
            used |= chars
            end = _past_aside(joined, hit.end())
            while end < len(joined) and joined[end] in ":：#":
                end += 1
            if _mid_sentence(joined, owner, hit.start(), end):
                continue
            first_word = owner[hit.start()][0]
            last_word, last_pos = owner[end - 1]
            offset = last_pos + 1
            if offset >= len(words[last_word].text):
                offset = 0
            colon = joined[end - 1] in ":："
            matches.append(
                LabelMatch(
                    field_name, phrase, first_word, last_word, offset, _priority(phrase), colon
                )
            )
    return matches


def _mid_sentence(joined: str, owner: list[tuple[int, int]], start: int, end: int) -> bool:
    """Label characters inside a word of running Chinese text ("月结30天；乙方须开具…") and
    no colon after them: words of a sentence, not a label. A section number before a
    heading ("四、结算方式") is no sentence, nor are marks OCR glued on ("。含税单价")."""
    in_word = owner[start][1]
    if in_word == 0 or joined[end - 1] in ":：":
        return False
    before = joined[start - in_word : start]
    return not (_NUMBERING.fullmatch(before) or not any(c.isalnum() for c in before))


_NUMBERING = re.compile(r"[（(]?[\d一二三四五六七八九十]{1,3}[、.．)）]?")


_ASIDE = re.compile(r"[（(][^（()）]{1,12}[)）](?=\s*[:：])")


def _past_aside(joined: str, end: int) -> int:
    """The end of a label with its aside in brackets before the colon ("甲方（需方）：",
    "收货地址(Ship to):"): the aside is label too, not the start of the value."""
    aside = _ASIDE.match(joined, end)
    return aside.end() if aside else end


def is_delivery_heading(label: str, slips: int = 0) -> bool:
    """Whether a column heading names a per-line delivery date (`DELIVERY_COLUMN_LABELS`),
    allowing `slips` OCR misreads in a heading long enough to tell them (`_slip_free`)."""
    key = _heading_key(label)
    if key in _delivery_keys():
        return True
    return slips > 0 and any(
        len(known) >= _slip_free(known) and Levenshtein.distance(key, known) <= slips
        for known in _delivery_keys()
    )


def _slip_free(key: str) -> int:
    """How long a heading must be to tell one misread from another word: 4 Chinese or
    Japanese characters ("交货日期"), 8 letters ("Lieferdatum")."""
    return 4 if has_cjk(key) else 8


def _heading_key(text: str) -> str:
    return "".join(norm_token(token) for token in text.split())


@lru_cache(maxsize=1)
def _delivery_keys() -> frozenset[str]:
    return frozenset(_heading_key(label) for label in DELIVERY_COLUMN_LABELS)


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))
