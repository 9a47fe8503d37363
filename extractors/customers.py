"""Who sent the order: the buyer matched against the customers of the master data.

Evidence comes from three independent places: the buyer name printed on the order, the
text of the buyer's blocks (letterhead, bill-to, ship-to) and the sender's e-mail domain.
Names are compared after folding away what varies between printings of the same company
(legal form, case, punctuation, `&`/`and`/`und`, umlaut spellings), with rapidfuzz.
A match is only confident with a clear margin over the runner-up; our own company (the
supplier the order is addressed to) is never the buyer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Hamming

from extractors.layout import CELL_SEPARATOR
from extractors.raw import RawOrder
from poflow.domain import Customer, ExtractionContext, MasterData

CONFIDENT = 0.85  # a match at or above this score decides customer_id
FULL_TEXT_SCORE = 0.9  # a whole customer name printed elsewhere on the order (a footer)
_MIN_SCORE = 0.6  # below this there is no match at all
_MARGIN = 0.06  # the best must beat the runner-up (another customer) by this much
_SUPPLIER_SIMILARITY = 90.0  # a text this close to our own name is about us, not the buyer

# Legal forms and filler words, in folded (lower-case, ASCII-ish) spelling; multi-word
# forms are matched before their parts.
_LEGAL_FORMS = (
    "co ltd", "co limited", "pty ltd", "pvt ltd", "private limited", "gmbh co kg", "ltd",
    "limited", "gmbh", "mbh", "inc", "incorporated", "llc", "l l c", "llp", "plc", "corp",
    "corporation", "company", "co", "sa", "s a", "sarl", "s a r l", "sas", "s a s", "ag",
    "kg", "ohg", "ug", "bv", "b v", "nv", "n v", "srl", "s r l", "spa", "s p a", "oy", "ab",
    "as", "a s", "aps", "kk", "k k", "sl", "s l", "pte", "the",
)  # fmt: skip
_LEGAL_FORMS_CJK = ("股份有限公司", "有限责任公司", "有限公司", "株式会社", "公司")
_LEGAL_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(f) for f in sorted(_LEGAL_FORMS, key=len, reverse=True)) + r")\b"
)
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "o"})


_CJK = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}\d])|(?<=[{_CJK}\d])\s+(?=[{_CJK}])")


def join_cjk(text: str) -> str:
    """Drop the spaces OCR puts between Chinese/Japanese characters (`深圳 华信` → `深圳华信`)
    or between them and digits (`路 88 号`): those scripts are written without spaces."""
    return _CJK_GAP.sub("", text)


@dataclass(frozen=True)
class CustomerMatch:
    """The customer the order is from, how sure we are (0..1), and what decided it."""

    customer: Customer
    score: float
    by: str  # "name", "alias", "buyer_text", "email_domain", or a "+"-joined combination
    printed: str | None = None  # the printed text that matched (None for the e-mail domain)

    @property
    def confident(self) -> bool:
        return self.score >= CONFIDENT


def normalise_company_name(name: str) -> str:
    """`Kessler & Söhne KG` → `kessler and soehne`: the part of a name that identifies a company."""
    text = join_cjk(unicodedata.normalize("NFKC", name)).lower().translate(_FOLD)
    for form in _LEGAL_FORMS_CJK:
        text = text.replace(form, " ")
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    text = text.replace("&", " and ").replace("+", " and ")
    text = re.sub(r"[^\w\s]", " ", text).replace("_", " ")
    text = re.sub(r"\b(?:und|et|y|en)\b", "and", text)
    text = " ".join(text.split())
    stripped = " ".join(_LEGAL_RE.sub(" ", text).split())
    stripped = re.sub(r"(?:\band\b\s*)+$", "", stripped).strip()  # "Kessler & Co" → "kessler"
    return stripped or text


@dataclass(frozen=True)
class _Name:
    folded: str
    customer: Customer
    is_alias: bool


@dataclass(frozen=True)
class CustomerIndex:
    """Folded names and aliases, and e-mail domains, computed once per master-data snapshot."""

    names: tuple[_Name, ...]
    domains: tuple[tuple[str, Customer], ...]

    @classmethod
    def build(cls, customers: Iterable[Customer]) -> CustomerIndex:
        names: list[_Name] = []
        domains: list[tuple[str, Customer]] = []
        for customer in customers:
            names.append(_Name(normalise_company_name(customer.name), customer, False))
            names.extend(_Name(normalise_company_name(a), customer, True) for a in customer.aliases)
            domains.extend(
                (d.strip().lower().lstrip("@"), customer) for d in customer.email_domains
            )
        return cls(tuple(n for n in names if n.folded), tuple(d for d in domains if d[0]))


_INDEX_CACHE: dict[int, tuple[MasterData, CustomerIndex]] = {}


def customer_index(master: MasterData) -> CustomerIndex:
    """The index of `master`, cached by identity (the snapshot is immutable)."""
    cached = _INDEX_CACHE.get(id(master))
    if cached is not None and cached[0] is master:
        return cached[1]
    if len(_INDEX_CACHE) > 8:
        _INDEX_CACHE.clear()
    index = CustomerIndex.build(master.customers)
    _INDEX_CACHE[id(master)] = (master, index)
    return index


def _similarity(text: str, name: str) -> float:
    """0..1: how well a folded printed text names a folded customer name."""
    score = max(fuzz.ratio(text, name), fuzz.token_sort_ratio(text, name))
    if len(name) >= 5 and len(text) > len(name):
        # The name inside a longer line ("Bill to: Northwind Traders, Portsmouth").
        score = max(score, fuzz.partial_ratio(name, text) * 0.97)
    return score / 100.0


def _is_supplier(folded: str, supplier_names: tuple[str, ...]) -> bool:
    return any(
        fuzz.ratio(folded, s) >= _SUPPLIER_SIMILARITY
        or (len(s) >= 5 and fuzz.partial_ratio(s, folded) >= 95)
        for s in supplier_names
    )


@dataclass
class _Votes:
    """The best score per customer, and which evidence gave it."""

    best: dict[str, tuple[float, str, Customer]]
    printed: dict[str, str]

    def add(self, customer: Customer, score: float, by: str, printed: str | None = None) -> None:
        current = self.best.get(customer.customer_id)
        if current is None or score > current[0]:
            self.best[customer.customer_id] = (score, by, customer)
            if printed is not None:
                self.printed[customer.customer_id] = printed


def _vote_texts(
    votes: _Votes, texts: list[str], index: CustomerIndex, suppliers: tuple[str, ...], by: str
) -> None:
    """Score every text against every name at once (rapidfuzz `cdist`, in C): thousands of
    customers cost milliseconds. Only scores that could matter (≥ 0.5) become votes."""
    kept = [(t.strip(), normalise_company_name(t)) for t in texts]
    kept = [(t, f) for t, f in kept if len(f) >= 3 and not _is_supplier(f, suppliers)]
    if not kept or not index.names:
        return
    scores = _similarities([f for _, f in kept], index)
    for row, (text, _folded) in enumerate(kept):
        for column in np.flatnonzero(scores[row] >= 50.0):
            name = index.names[column]
            label = "alias" if name.is_alias and by == "name" else by
            votes.add(name.customer, float(scores[row, column]) / 100.0, label, text)


def _similarities(folded_texts: list[str], index: CustomerIndex) -> NDArray[np.float64]:
    """`_similarity` of each text (rows) with each name (columns), 0..100."""
    names = [n.folded for n in index.names]
    whole = np.maximum(
        process.cdist(folded_texts, names, scorer=fuzz.ratio, dtype=np.float64),
        process.cdist(folded_texts, names, scorer=fuzz.token_sort_ratio, dtype=np.float64),
    )
    partial = process.cdist(folded_texts, names, scorer=fuzz.partial_ratio, dtype=np.float64)
    text_len = np.array([len(t) for t in folded_texts])[:, None]
    name_len = np.array([len(n) for n in names])[None, :]
    inside = (name_len >= 5) & (text_len > name_len)
    return np.maximum(whole, np.where(inside, partial * 0.97, 0.0))


def _vote_full_text(
    votes: _Votes, full_text: str, index: CustomerIndex, suppliers: tuple[str, ...]
) -> None:
    """Last resort: a customer's name printed anywhere in the document (a signature, a footer).

    Only whole, distinctive names count (folded length ≥ 6, nearly exact), and they count
    less than a name found where the buyer's name belongs.
    """
    lines = [ln.strip() for ln in full_text.splitlines() if ln.strip()][:400]
    folded_lines = [
        (text, folded) for line in lines for text, folded in _not_about_supplier(line, suppliers)
    ]
    for name in index.names:
        if len(name.folded) < 6:
            continue
        for line, folded in folded_lines:
            if re.search(rf"(?<!\w){re.escape(name.folded)}(?!\w)", folded):
                votes.add(name.customer, FULL_TEXT_SCORE, "full_text", line)
                break


def _not_about_supplier(line: str, suppliers: tuple[str, ...]) -> list[tuple[str, str]]:
    """The line, folded; or, when it names our own company, its other cells: boxes side by
    side share a line ("Supplier: Acme Supply   Bill To: Northwind Traders"), and the
    supplier's cell says nothing about the buyer's."""
    folded = normalise_company_name(line)
    if not _is_supplier(folded, suppliers):
        return [(line, folded)]
    cells = [(c, normalise_company_name(c)) for c in line.split(CELL_SEPARATOR) if c.strip()]
    return [(c, f) for c, f in cells if len(cells) > 1 and not _is_supplier(f, suppliers)]


def name_similarity(text: str, customer: Customer) -> float:
    """0..1: how well a printed text names this customer (its name or any alias)."""
    folded = normalise_company_name(text)
    names = (customer.name, *customer.aliases)
    return max((_similarity(folded, normalise_company_name(n)) for n in names), default=0.0)


# Printed around a name but never part of it: a sender line's `·`, `plc, Accounts Payable`'s
# comma, a dash, OCR'd quotes.
_NAME_SEPARATORS = " \t,;:·•|/-–—\"'“”„«»"


def strip_separators(name: str) -> str:
    """The name without the separators around it, nor a bracket around it or left open by
    the text it was cut from ("(Hudson Valley Fabrication)", "Rosa (HVF"); a bracket inside
    ("Alpenwerk AG (Schweiz)") stays."""
    name = name.strip(_NAME_SEPARATORS)
    for opening, closing in ("()", "[]"):
        if name.startswith(opening) and name.endswith(closing) and name.count(opening) == 1:
            name = name[1:-1]
        if name.startswith(opening) and closing not in name:
            name = name[1:]
        if name.endswith(closing) and opening not in name:
            name = name[:-1]
    return name.strip(_NAME_SEPARATORS)


def trim_to_name(text: str, customer: Customer) -> str:
    """The run of words in `text` that best names the customer, when it names it better than
    the whole text does: `ORDER  Acme Corp.` → `Acme Corp.`, `Acme Corp. Purchase Order 7`
    → `Acme Corp.`. Legal forms fold away, so the longest best run keeps them."""
    words = text.split()
    if len(words) > 24:  # a paragraph, not a name with something glued on
        return text
    names = [normalise_company_name(n) for n in (customer.name, *customer.aliases)]

    def score(run: list[str]) -> float:
        folded = normalise_company_name(" ".join(run))
        return max(max(fuzz.ratio(folded, n), fuzz.token_sort_ratio(folded, n)) for n in names)

    whole = score(words)
    best, best_run = whole, words
    for start in range(len(words)):
        for end in range(len(words), start, -1):  # longest first: ties keep the legal form
            run_score = score(words[start:end])
            if run_score > best:
                best, best_run = run_score, words[start:end]
    return strip_separators(" ".join(best_run) if best > whole + 1 else text)


FULL_PRINTING = 95.0  # how closely another printing must spell the customer's whole name


def name_as_printed(text: str, customer: Customer, full_text: str) -> str:
    """The customer's name as `text` prints it (`trim_to_name`); but when trimming left a
    shorter name and dropped words of the whole name beside it ("Maple Ridge ie rola Supply
    Ltd.", "Northwind rreGers Ltd.": OCR garbled a word in between), the document's whole
    printing of the name elsewhere (a footer, the bill-to box) is the better reading."""
    trimmed = _with_misread_legal_form(text, trim_to_name(text, customer), customer)
    if not _garbled_inside(text, trimmed, customer):
        return trimmed
    whole = normalise_company_name(customer.name)
    cells = (cell for line in full_text.splitlines() for cell in line.split(CELL_SEPARATOR))
    for cell in cells:  # a cell, not a line: the supplier's "Company" beside it is no part
        if fuzz.partial_ratio(whole, normalise_company_name(cell)) < FULL_PRINTING:
            continue
        printed = trim_to_name(cell, customer)
        if fuzz.ratio(normalise_company_name(printed), whole) >= FULL_PRINTING:
            return printed
    return trimmed


def _with_misread_legal_form(text: str, trimmed: str, customer: Customer) -> str:
    """Trimming dropped a last word one letter off the legal form that ends the customer's
    registered name ("Pemberton Engineering ple": OCR read c as e): that is the legal form,
    spelled as registered; any other dropped word stays dropped."""
    rest = text.strip()[len(trimmed) :].split() if text.strip().startswith(trimmed) else []
    registered = customer.name.split()[-1] if customer.name.split() else ""
    if len(rest) != 1 or " ".join(_words(registered)) not in _LEGAL_FORMS:
        return trimmed
    printed, form = rest[0].strip(".,").casefold(), registered.strip(".,").casefold()
    misread = len(printed) == len(form) and Hamming.distance(printed, form) == 1
    return f"{trimmed} {registered}" if misread else trimmed


def _garbled_inside(text: str, trimmed: str, customer: Customer) -> bool:
    """Trimming dropped words of the customer's whole name, its legal form too ("Northwind
    rreGers Ltd." → "Northwind"), that the kept part lacks."""
    whole = normalise_company_name(customer.name)
    if fuzz.ratio(normalise_company_name(trimmed), whole) >= FULL_PRINTING:
        return False
    kept = _words(trimmed)
    return bool((_words(text) - kept) & (_words(customer.name) - kept))


def _words(text: str) -> set[str]:
    return set(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _email_customers(sender_email: str | None, index: CustomerIndex) -> list[Customer]:
    """Customers whose registered domain is the sender's domain or a parent of it."""
    if not sender_email or "@" not in sender_email:
        return []
    domain = sender_email.rsplit("@", 1)[1].strip().strip(">").lower()
    found = {c.customer_id: c for d, c in index.domains if domain == d or domain.endswith("." + d)}
    return list(found.values())


def _buyer_lines(raw: RawOrder) -> list[str]:
    lines = [ln.strip() for ln in raw.buyer_text.splitlines() if ln.strip()]
    return [ln for ln in lines if re.search(r"[^\W\d_]{3}", ln)][:40]


def match_customer(raw: RawOrder, context: ExtractionContext) -> CustomerMatch | None:
    """The customer that sent `raw`, or None when nothing matches well enough.

    The score is the best single piece of evidence, raised when independent evidence agrees
    (name and e-mail domain), and lowered below `CONFIDENT` when another customer comes
    within `_MARGIN` of it.
    """
    index = customer_index(context.master)
    if not index.names and not index.domains:
        return None
    suppliers = tuple(normalise_company_name(s) for s in context.supplier_names if s.strip())
    votes = _Votes({}, {})
    printed = raw.header.get("customer_name")
    if printed is not None:
        _vote_texts(votes, [printed.text], index, suppliers, "name")
    _vote_texts(votes, _buyer_lines(raw), index, suppliers, "buyer_text")
    if not votes.best or max(v[0] for v in votes.best.values()) < CONFIDENT:
        _vote_full_text(votes, raw.full_text, index, suppliers)
    for customer in _email_customers(context.sender_email, index):
        _add_email_vote(votes, customer)
    return _decide(votes)


def _add_email_vote(votes: _Votes, customer: Customer) -> None:
    """The e-mail domain alone is good evidence; with a printed name that agrees, strong."""
    text_score, by, _ = votes.best.get(customer.customer_id, (0.0, "", customer))
    if text_score >= 0.75:
        combined = max(text_score, 0.9) + 0.1  # may pass 1.0 for ranking; capped later
        votes.best[customer.customer_id] = (combined, f"{by}+email_domain", customer)
    else:
        votes.best[customer.customer_id] = (0.9, "email_domain", customer)


def _decide(votes: _Votes) -> CustomerMatch | None:
    ranked = sorted(votes.best.values(), key=lambda v: v[0], reverse=True)
    if not ranked or ranked[0][0] < _MIN_SCORE:
        return None
    score, by, customer = ranked[0]
    printed = votes.printed.get(customer.customer_id)
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    if score - runner_up < _MARGIN:
        score = min(score, CONFIDENT - 0.1)  # ambiguous: never decides customer_id
    return CustomerMatch(customer, round(min(score, 1.0), 4), by, printed)
