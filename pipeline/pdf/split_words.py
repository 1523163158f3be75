"""Words the text layer cut in pieces: "STREN GTHEN", "ADA P TA TI ON", "augmen ter".

Text set with a little space between its letters (headings in capitals, justified cells in a
small font) has gaps inside its words close to the word builder's tolerance: some come out a
little wider, and the word is cut there although the text layer holds no space. The gap alone
cannot tell such a cut from a tight word space ("of the" is set 1 pt apart in some plans too);
the document can: the pieces joined make a word the document prints whole elsewhere, and one of
the pieces at least is no word of the document. Letter-spaced lines whose every gap is the same
are ``lines.repair_letter_spacing``'s; this joins the cuts it leaves.
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.pdf.lines import joined_word, page_lines
from pipeline.pdf.model import Line, PageLayout, Word
from pipeline.text.fold import fold

# A cut is narrower than this share of the font size: a word space is about a quarter of it.
CUT = 0.2
# The pieces joined are a word the document prints whole this often at least ("ya" from "y a" is not).
WHOLE = 2
# A piece of one letter is a word when it stands whole this often ("a", "à", "y"); a longer piece
# once: the pieces of cut words ("augmen", "STREN", "e t") stand only beside their other pieces.
LETTER_WORD = 10
_EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w]+$")


def _token(text: str) -> str:
    return fold(_EDGE_PUNCTUATION.sub("", text))


def document_words(pages: list[PageLayout]) -> Counter[str]:
    """How often each word stands whole in the document (folded, punctuation at its ends off): away
    from any neighbour it could be a piece of the same word with."""
    # Counted as printed first, then folded once a distinct text: a document prints "the" and "de"
    # thousands of times, and folding every one of its words was most of this count's time.
    printed: Counter[str] = Counter()
    for page in pages:
        for line in page_lines(page):
            ws = line.words
            cuts = [False, *map(_cut, ws, ws[1:]), False]  # cuts[i]: a cut before ws[i]
            printed.update(w.text for i, w in enumerate(ws) if not (cuts[i] or cuts[i + 1]))
    whole: Counter[str] = Counter()
    for text, n in printed.items():
        if t := _token(text):
            whole[t] += n
    return whole


def _is_word(token: str, words: Counter[str]) -> bool:
    return words[token] >= (LETTER_WORD if len(token) == 1 else 1)


def _cut(a: Word, b: Word) -> bool:
    """``b`` may go on the word ``a`` is a piece of: next to it on the line, in the same font size,
    letters on both sides of a gap narrower than a space."""
    return (a.size == b.size and abs(a.top - b.top) < 1 and -0.5 < b.x0 - a.x1 < CUT * (a.size or 10.0)
            and a.text[-1:].isalpha() and b.text[:1].isalpha())


def _join_line(line: Line, words: Counter[str], replace: dict[int, list[Word]]) -> None:
    ws = line.words
    i = 0
    while i < len(ws) - 1:
        end = i + 1
        while end < len(ws) and _cut(ws[end - 1], ws[end]):
            end += 1
        # The longest run of pieces from ws[i] that makes a word of the document, a piece of
        # which is none: "ADA P TA TI ON" is one word, "of the" stays two.
        for j in range(end, i + 1, -1):
            piece = ws[i:j]
            if words[_token("".join(w.text for w in piece))] >= WHOLE and \
                    not all(_is_word(_token(w.text), words) for w in piece):
                replace[id(piece[0])] = [joined_word(piece)]
                replace.update((id(w), []) for w in piece[1:])
                i = j
                break
        else:
            i += 1


def join_split_words(pages: list[PageLayout]) -> int:
    """Join the pieces of words cut by the text layer, on every page; how many words were joined."""
    words = document_words(pages)
    joined = 0
    for page in pages:
        replace: dict[int, list[Word]] = {}
        for line in page_lines(page):
            if len(line.words) > 1:
                _join_line(line, words, replace)
        if replace:
            joined += sum(1 for v in replace.values() if v)
            page.set_words([n for w in page.words for n in replace.get(id(w), [w])])
    return joined
