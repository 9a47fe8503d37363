"""Header values as a person states them in a note or on an ERP form, or as OCR reads them:
a remark pointing back to an agreement before the terms, a "Need Date" label, a speck read
as a full stop after a count of days (blind6)."""

from __future__ import annotations

from extractors.fields import terms_shape
from extractors.printed_text import terms_cleaned, terms_of
from extractors.raw import RawValue
from extractors.vocabulary import labels_in_text
from poflow.domain import Word


def test_a_remark_before_the_terms_is_no_part_of_them() -> None:
    assert terms_cleaned("wie immer 14 Tage 2 % Skonto, 30 Tage netto") == (
        "14 Tage 2 % Skonto, 30 Tage netto"
    )
    assert terms_cleaned("As usual, Net 30") == "Net 30"
    assert terms_cleaned("comme d'habitude 30 jours fin de mois") == "30 jours fin de mois"
    assert terms_cleaned("as usual") == "as usual"  # nothing else: the remark is the terms
    assert terms_cleaned("Net 30 as usual") == "Net 30"


def test_need_date_labels_the_delivery_date() -> None:
    found = labels_in_text("Need Date: 3/13/2026", "header")
    assert [(m.field, m.first, m.last) for m in found] == [("delivery_date", 0, 1)]


def _words(*texts: str) -> tuple[Word, ...]:
    return tuple(Word(t, i * 60.0, 0, i * 60.0 + 50, 10) for i, t in enumerate(texts))


def test_terms_with_a_stop_read_after_their_count_of_days() -> None:
    shaped = terms_shape(_words("30.", "Days"))
    assert shaped is not None and [w.text for w in shaped] == ["30.", "Days"]
    assert terms_of(RawValue("30. Days", confidence=0.8)) == "30 Days"
    assert terms_of(RawValue("Zahlbar am 15. Tag des Folgemonats", confidence=0.8)) == (
        "Zahlbar am 15. Tag des Folgemonats"  # an ordinal day keeps its stop
    )
    shaped = terms_shape(_words("Net", "30.", "Ship", "UPS"))  # after letters: still an end
    assert shaped is not None and " ".join(w.text for w in shaped) == "Net 30"
