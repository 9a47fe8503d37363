"""Words of a PDF's text layer: letters set in small capitals stay one word."""

from __future__ import annotations

from extractors.pdf_text import join_small_caps, page_words
from poflow.domain import Word


def test_a_tall_initial_and_its_small_capitals_are_one_word() -> None:
    words = [
        Word("S", 147.9, 49.3, 158.1, 64.3),
        Word("UMINISTROS", 158.9, 52.7, 240.6, 63.2),
        Word("I", 246.9, 49.3, 252.8, 64.3),
        Word("NDUSTRIALES", 253.6, 52.7, 343.2, 63.2),
        Word("S.L.", 416.2, 49.3, 447.6, 64.3),
    ]
    assert [w.text for w in join_small_caps(words)] == ["SUMINISTROS", "INDUSTRIALES", "S.L."]
    assert join_small_caps(words)[0].x1 == 240.6
    # Touching exactly, which floating point may put a hair to the left.
    touching = [Word("G", 207.1, 64.7, 220.3, 81.7), Word("REAT", 220.29999, 68.6, 252.8, 80.6)]
    assert [w.text for w in join_small_caps(touching)] == ["GREAT"]


def test_separate_words_stay_apart() -> None:
    words = [
        Word("A", 40, 50, 48, 60),  # an article or a list letter, a space before the next word
        Word("BOLT", 52, 50, 80, 60),
        Word("B", 100, 50, 108, 60),  # same size: two words of one line, not small caps
        Word("OLT", 108.5, 50, 130, 60),
    ]
    assert [w.text for w in join_small_caps(words)] == ["A", "BOLT", "B", "OLT"]


def test_kangxi_radicals_of_a_japanese_font_read_as_their_ideographs() -> None:
    class _Page:
        bbox = (0, 0, 595, 842)

        def extract_words(self, **_options: object) -> list[dict[str, object]]:
            box = {"x0": 40.0, "top": 50.0, "x1": 90.0, "bottom": 60.0}
            return [{"text": "注\u2f42番号", **box}, {"text": "2026年4\u2f4915\u2f47", **box}]

    assert [w.text for w in page_words(_Page())] == ["注文番号", "2026年4月15日"]


def test_simplified_radicals_of_a_chinese_font_read_as_their_ideographs() -> None:
    """The CJK Radicals Supplement has no NFKC mapping: "⻓" (U+2ED3) prints "长"."""

    class _Page:
        bbox = (0, 0, 595, 842)

        def extract_words(self, **_options: object) -> list[dict[str, object]]:
            box = {"x0": 40.0, "top": 50.0, "x1": 90.0, "bottom": 60.0}
            return [
                {"text": "东莞市\u2ed3安镇", **box},
                {"text": "部\u2ed4", **box},
                {"text": "⼈\u2ea0币", **box},
            ]

    assert [w.text for w in page_words(_Page())] == ["东莞市长安镇", "部门", "人民币"]
