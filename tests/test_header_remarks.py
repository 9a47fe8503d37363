"""Header values as a person states them in a note or on an ERP form: a remark pointing back
to an agreement before the terms, a "Need Date" label (blind6's e-mails)."""

from __future__ import annotations

from extractors.printed_text import terms_cleaned
from extractors.vocabulary import labels_in_text


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
