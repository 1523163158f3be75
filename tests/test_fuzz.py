"""Property-based tests (hypothesis) of the text parsers every cell goes through (issue 7).

Cell text (``extractors.cells``): cleaning, joining wrapped lines, splitting a cell into
items; hierarchy codes ("1.1.2", "BI.8", "A."); years and year marks (``extractors.values``);
institution lists (``extractors.institutions.rules``). The properties: no exception on any text; no
character invented beyond the documented normalisation (ligatures, NFC, soft hyphens, a hyphen
dropped at a line break, a bracket closed after an acronym); none lost where nothing is
documented to drop it; codes round-trip; years stay in the declared range.

Bounded: each property runs a fixed number of examples with no deadline, the file in seconds.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extractors.cells import (
    LIGATURES,
    Vocabulary,
    clean,
    join_lines,
    split_items,
    starts_item,
    strip_marker,
)
from extractors.institutions.rules import split_names
from extractors.logframe import _by_code_prefix, _code
from extractors.values import is_mark, parse_budget, parse_number, years_in
from pipeline.pdf.model import Line, Word
from pipeline.records import Goal

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any text a PDF may give, with the characters that matter to these parsers made likely.
ANY_TEXT = st.text(alphabet=st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from(list("0123456789.-–—/():;,&•*·") + list(LIGATURES) + ["\u00ad", "\u0301", "\n", " ", "\t"]),
), max_size=120)
WORD = st.text(alphabet=st.characters(categories=["Ll", "Lu"], max_codepoint=0x24F), min_size=2, max_size=10)
WORDS = st.lists(WORD, min_size=1, max_size=8).map(" ".join)


def no_space(text: str) -> str:
    return "".join(text.split())


def is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


def documented_clean(text: str) -> str:
    """What ``clean`` is documented to do: expand ligatures, NFC, drop soft hyphens, one space."""
    for lig, rep in LIGATURES.items():
        text = text.replace(lig, rep)
    return unicodedata.normalize("NFC", text.replace("\u00ad", ""))


def make_line(text: str, top: float, x0: float = 50.0, size: float = 10.0) -> Line:
    words, x = [], x0
    for token in text.split() or ["·"]:
        width = size * 0.5 * len(token)
        words.append(Word(token, x, top, x + width, top + size, size, False))
        x += width + size * 0.3
    return Line(words)


# ---- cell text ------------------------------------------------------------------------------


@FAST
@given(ANY_TEXT)
@example("e\u00ad\u0301")  # regression: a soft hyphen between a letter and its accent
def test_clean_is_idempotent_and_only_normalises(text):
    once = clean(text)
    assert clean(once) == once
    assert once == once.strip() and "  " not in once
    assert no_space(once) == no_space(documented_clean(text))


@FAST
@given(st.lists(ANY_TEXT, max_size=6), st.lists(WORD, max_size=6))
def test_join_lines_never_invents_characters(lines, vocabulary_words):
    vocab = Vocabulary([" ".join(vocabulary_words)])
    joined = join_lines(lines, vocab)
    source = no_space("".join(clean(ln) for ln in lines))
    # Joining may drop a hyphen at a line break and the spaces of a word split in two; nothing else.
    assert no_space(joined).replace("-", "") == source.replace("-", "")
    assert is_subsequence(no_space(joined), source)


@SLOW
@given(st.lists(st.tuples(st.sampled_from(["", "• ", "- ", "1. ", "2) ", "(a) ", "A. "]), WORDS,
                          st.sampled_from(["", ".", ";", ":", ","]), st.floats(2, 30)), min_size=1, max_size=10))
def test_split_items_keeps_every_word_in_order(spec):
    lines, top = [], 100.0
    for marker, words, end, gap in spec:
        lines.append(make_line(f"{marker}{words}{end}", top))
        top += 10.0 + gap
    items = split_items(lines)
    out = " ".join(f"{it.code or ''} {it.text}" for it in items)
    # Markers (bullets, item letters) and a cell's trailing ";" / "," go; words never do.
    words_in = [w for _, words, _, _ in spec for w in words.split()]
    words_out = re.findall(r"[^\W\d_]+", out)
    assert [w for w in words_out if w not in ("a", "A")] == [w for w in words_in if w not in ("a", "A")]
    assert all(it.text == it.text.strip() for it in items)


@SLOW
@given(st.lists(ANY_TEXT, min_size=1, max_size=6), st.lists(st.floats(-50, 50), min_size=6, max_size=6))
def test_split_items_survives_any_text(texts, offsets):
    lines = [make_line(t, 100.0 + 14 * i + offsets[i % 6] / 10, x0=50 + offsets[i % 6]) for i, t in enumerate(texts)]
    for item in split_items(lines):
        assert isinstance(item.text, str) and item.text == item.text.strip()
        assert is_subsequence(no_space(item.text).replace("-", ""),
                              no_space("".join(clean(ln.text) for ln in lines)).replace("-", ""))


# ---- hierarchy codes --------------------------------------------------------------------------

NUMBER = st.integers(1, 99).map(str)
NUMERIC_CODE = st.lists(NUMBER, min_size=1, max_size=5).map(".".join)
PREFIXED_CODE = st.tuples(st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=3), st.sampled_from(["", "."]),
                          st.lists(NUMBER, min_size=1, max_size=4).map(".".join)).map("".join)
CODE = st.one_of(NUMERIC_CODE, PREFIXED_CODE)


@FAST
@given(CODE, st.sampled_from(["", ".", ")", ":", " -", " –"]), WORDS)
def test_codes_round_trip(code, separator, text):
    line = f"{code}{separator} {text}"
    assert strip_marker(line) == (code, text)
    assert starts_item(line)
    assert _code(code + ".") == code


@FAST
@given(st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=1), WORDS)
def test_a_capital_letter_with_a_dot_is_a_code(letter, text):
    assert strip_marker(f"{letter}. {text}") == (letter, text)


@FAST
@given(st.lists(NUMERIC_CODE, min_size=2, max_size=12, unique=True), NUMERIC_CODE)
def test_a_code_finds_its_longest_coded_parent(codes, code):
    records = [Goal(code=c, text=f"goal {c}", page=1) for c in codes]
    parent = _by_code_prefix(code, records)
    prefixes = [".".join(code.split(".")[:n]) for n in range(1, code.count(".") + 1)]
    candidates = [p for p in prefixes if p in codes]
    if candidates:
        assert parent is not None and parent.code == max(candidates, key=len)
    else:
        assert parent is None


@FAST
@given(ANY_TEXT)
def test_strip_marker_never_invents_text(text):
    code, rest = strip_marker(text)
    assert rest == rest.strip()
    assert no_space(rest) in no_space(text)
    if code is not None:
        assert code in text


# ---- years and year marks ---------------------------------------------------------------------

YEAR = st.integers(1990, 2100)


@FAST
@given(ANY_TEXT)
def test_years_are_sorted_unique_and_in_range(text):
    years = years_in(text)
    assert years == sorted(set(years))
    assert all(1990 <= y <= 2100 for y in years)
    assert isinstance(is_mark(text), bool)
    parse_number(text)
    parse_budget(text)


@FAST
@given(st.text(alphabet=st.characters(categories=["L", "P", "Zs"]), max_size=20), YEAR,
       st.text(alphabet=st.characters(categories=["L", "P", "Zs"]), max_size=20))
@example("", 2100, "")  # regression: 2100 is in the declared range, and was never read
def test_a_year_in_text_is_found(before, year, after):
    assert year in years_in(f"{before} {year} {after}")


@FAST
@given(YEAR, st.integers(0, 30), st.sampled_from(["-", "–", "—", "/", " to ", " à ", " au ", " a ", " al ", " até ",
                                                    " hasta "]), st.booleans())
@example(2070, 30, "-", False)  # regression: a range ending in 2100
def test_a_range_gives_every_year_in_it(start, span, dash, two_digit_end):
    end = min(start + span, 2100)
    written_end = f"{end % 100:02d}" if two_digit_end and end // 100 == start // 100 else str(end)
    years = years_in(f"Calendrier : {start}{dash}{written_end}")
    assert years == [y for y in range(start, end + 1) if y <= 2100]


@FAST
@given(st.sampled_from(["x", "X", "✓", "✔", "√", "●", "•", "■", "▪", " x ", "X X"]))
def test_marks_are_marks(mark):
    assert is_mark(mark)


@FAST
@given(WORDS)
def test_words_are_not_marks(text):
    assert not is_mark(text) or set(text) <= set("xX ")


# ---- institutions -------------------------------------------------------------------------------

HEADS = ["Ministry of", "Ministère de la", "National", "Office of the", "Department of", "Agence", "Police", "UN"]
# Words that join two names ("A and B", "A et B", "A y B") are separators, as documented: kept out of
# the words of names here, but an acronym spelled like one ("ET", "OR") stands for a body.
CONJUNCTIONS = {"and", "et", "y", "e", "ou", "or", "with", "avec", "con", "com", "as", "que", "ainsi", "etc", "others",
                "autres", "otros", "outros"}
NAME_WORDS = st.lists(WORD.filter(lambda w: w.lower() not in CONJUNCTIONS), min_size=1, max_size=6).map(" ".join)
ACRONYM = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=6)
NAME = st.one_of(ACRONYM, st.tuples(st.sampled_from(HEADS), NAME_WORDS).map(" ".join), NAME_WORDS)


@SLOW
@given(st.lists(NAME, min_size=1, max_size=6), st.lists(st.sampled_from([", ", "; ", "\n"]), min_size=6, max_size=6))
@example(["ET"], [", "] * 6)  # regression: an acronym spelled like "et" was dropped
@example(["SEI", "ET", "MAE"], [", "] * 6)
def test_a_list_split_on_commas_keeps_every_name_and_letter(names, separators):
    text = "".join(n + (separators[i] if i < len(names) - 1 else "") for i, n in enumerate(names))
    out = split_names(text)
    assert all(n and n == n.strip() for n in out)
    # Names may be glued back together ("Ministry of Gender, Children ..."), never lose a letter.
    letters = lambda s: re.sub(r"[\W\d_]", "", s)  # noqa: E731
    assert letters("".join(out)) == letters(text)


@SLOW
@given(ANY_TEXT)
@example("Ministries of Interior, Justice and Defence")
@example("National Seed Service (SENASEM, DIAF")
def test_split_names_survives_any_text_and_invents_nothing(text):
    out = split_names(text)
    assert all(n and n == n.strip() for n in out)
    if not re.search(r"(?i)minist|secretariats", text):  # plural heads are expanded, as documented
        source = no_space(clean(text.replace("\n", " ")))
        for name in out:
            # Closing a bracket and a ";" between two acronyms are the only additions.
            assert is_subsequence(no_space(name).replace(")", "").replace(";", ""),
                                  source.replace(")", "").replace(";", "")), (text, out)
