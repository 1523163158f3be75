"""Words put in visual lines: ``group_lines`` (in C when ``pipeline/pdf/_lines.c`` was built),
a page's lines computed once (``page_lines``), lines split at column gaps, and the words inside a box.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import attrgetter

from pipeline.pdf.model import BBox, Line, PageLayout, Word
from pipeline.pdf.model import compiled_lines as compiled


def words_in(words: list[Word], bbox: BBox, *, pad: float = 1.0) -> list[Word]:
    """Words whose centre lies inside the box."""
    x0, top, x1, bottom = bbox
    return [w for w in words if x0 - pad <= w.xc <= x1 + pad and top - pad <= w.yc <= bottom + pad]


class WordIndex:
    """``words_in`` for many boxes over the same words (a table's cells): words sorted by their
    centre's height once, each box then looks only at the band of words at its height."""

    def __init__(self, words: list[Word]):
        self.words = words
        self.order = sorted(range(len(words)), key=lambda i: words[i].yc)
        self.ycs = [words[i].yc for i in self.order]

    def within(self, bbox: BBox, *, pad: float = 1.0) -> list[Word]:
        """The words ``words_in(words, bbox, pad=pad)`` gives, in the same order."""
        x0, top, x1, bottom = bbox
        band = sorted(self.order[bisect_left(self.ycs, top - pad):bisect_right(self.ycs, bottom + pad)])
        words = self.words
        return [words[i] for i in band if x0 - pad <= words[i].xc <= x1 + pad]


_BY_TOP_X0 = attrgetter("top", "x0")
_BY_X0 = attrgetter("x0")


def _line_order(line: Line) -> tuple[float, float]:
    return line.top, line.x0


def group_lines(words: list[Word]) -> list[Line]:
    """Group words into visual lines (same baseline within a fraction of the font size):
    ``py_group_lines``, by its compiled half (``pipeline/pdf/_lines.c``) when that was built and the
    words are ``Word`` tuples of finite floats."""
    if compiled is not None:
        lines = compiled.group_lines(words, Word, Line)
        if lines is not None:
            return lines
    return py_group_lines(words)


def py_group_lines(words: list[Word]) -> list[Line]:
    """``group_lines`` in Python: its definition, and what runs without the compiled half."""
    lines: list[list[Word]] = []
    # Each line's first word's top and bottom: what a word is compared with.
    tops: list[float] = []
    bottoms: list[float] = []
    for w in sorted(words, key=_BY_TOP_X0):
        _, _, top, _, bottom, size, _ = w
        tol = 0.45 * (size or (bottom - top))
        if tol < 1.5:
            tol = 1.5
        # The three most recent lines, newest first.
        j = len(lines) - 1
        stop = j - 3 if j > 2 else -1
        while j > stop:
            if abs(tops[j] - top) <= tol or abs(bottoms[j] - bottom) <= tol:
                lines[j].append(w)
                break
            j -= 1
        else:
            lines.append([w])
            tops.append(top)
            bottoms.append(bottom)
    result = []
    for line, top in zip(lines, tops):
        # Words came in order of their tops, so a line's first word has its smallest top; once
        # sorted left to right, its first word has its smallest x0. Both are set now (they are
        # what Line would compute) because the lines are sorted by them.
        line.sort(key=_BY_X0)
        ln = Line(line)
        ln.__dict__.update(top=top, x0=line[0][1])
        result.append(ln)
    result.sort(key=_line_order)
    return result


def page_lines(page: PageLayout) -> list[Line]:
    """``group_lines(page.words)``, computed once per page (until its words are replaced)."""
    cached = page._lines
    if cached is None or cached[0] is not page.words:
        cached = page._lines = (page.words, group_lines(page.words))
    return list(cached[1])


def lines_without(words: list[Word], lines: list[Line], dropped: set[int]) -> list[Line] | None:
    """``group_lines`` of ``words`` less those whose id is in ``dropped``, from ``lines`` (the
    lines of all ``words``) when that is provably the same, else None.

    It is when the dropped words are the first and the last ones in reading order (a running
    head, a footer, a page number) and make whole lines: ``group_lines`` then built every other
    line before any line of the last ones, and looked back only at lines of the first ones where
    it now finds none, so each remaining word joins the same line as before.
    """
    order = sorted(words, key=_BY_TOP_X0)
    n = len(order)
    head = 0
    while head < n and id(order[head]) in dropped:
        head += 1
    tail = 0
    while tail < n - head and id(order[n - 1 - tail]) in dropped:
        tail += 1
    if head + tail != len(dropped):
        return None  # a dropped word among the others
    kept = []
    for line in lines:
        gone = sum(id(w) in dropped for w in line.words)
        if not gone:
            kept.append(line)
        elif gone != len(line.words):
            return None
    return kept


def median_height(lines: list[Line], default: float = 10.0) -> float:
    """The height of the lines' middle line by height (``default`` without lines)."""
    heights = sorted(ln.height for ln in lines)
    return heights[len(heights) // 2] if heights else default


def split_line_at_gaps(line: Line, min_gap: float) -> list[Line]:
    """Split a line where words are further apart than ``min_gap`` (columns of an unruled table)."""
    parts: list[list[Word]] = [[line.words[0]]]
    for w in line.words[1:]:
        if w.x0 - parts[-1][-1].x1 > min_gap:
            parts.append([w])
        else:
            parts[-1].append(w)
    return [Line(p) for p in parts]


# Letter-spaced text (tracking): headings set with space between their letters come out of the text
# layer as fragments ("STRA TE GI C O B JE CTIVE 1."): the gaps inside a word a little wider than the
# word builder's tolerance, the gaps between words much wider. A line is letter-spaced when its gaps
# fall in two groups, the wider at least TRACKING_JUMP times the narrower, the narrower a third of
# them or more, and most fragments are short; fragments closer than the split are one word. The
# narrower gaps are less than TRACKED times the font size: letter spacing, not word spacing (about
# 0.25 of the size) nor the gaps between a table's columns.
TRACKING_JUMP = 2.0
TRACKED = 0.2


def _tracking_split(line: Line) -> float | None:
    """The gap below which two fragments of a letter-spaced line are one word, or None."""
    ws = line.words
    if len(ws) < 6 or sum(1 for w in ws if len(w.text) <= 3) * 2 < len(ws):
        return None
    gaps = sorted(max(b.x0 - a.x1, 0.0) for a, b in zip(ws, ws[1:]))
    size = max(w.size for w in ws) or 10.0
    if gaps[-1] < TRACKED * size and all(len(w.text) <= 2 for w in ws):
        return TRACKED * size  # one letter-spaced word alone on its line ("D E C I S Õ E S")
    # The widest jump between consecutive gaps separates inside-word gaps from word spaces.
    k = max(range(1, len(gaps)), key=lambda i: gaps[i] - gaps[i - 1])
    small, big = gaps[k - 1], gaps[k]
    if k * 3 < len(gaps) or big < TRACKING_JUMP * max(small, 0.1) or small >= TRACKED * size:
        return None
    return (small + big) / 2


def joined_word(ws: list[Word]) -> Word:
    """One word of pieces next to each other on a line: bold when most of its letters are."""
    bold = sum(len(w.text) for w in ws if w.bold) * 2 > sum(len(w.text) for w in ws)
    return Word("".join(w.text for w in ws), min(w.x0 for w in ws), min(w.top for w in ws),
                max(w.x1 for w in ws), max(w.bottom for w in ws), ws[0].size, bold)


def repair_letter_spacing(page: PageLayout) -> bool:
    """Join the fragments of letter-spaced lines into their words, from the gaps between them;
    True when the page's words changed (its lines are then computed again)."""
    changed = False
    replace: dict[int, list[Word]] = {}
    for line in page_lines(page):
        split = _tracking_split(line)
        if split is None:
            continue
        groups: list[list[Word]] = [[line.words[0]]]
        for a, b in zip(line.words, line.words[1:]):
            if b.x0 - a.x1 < split:
                groups[-1].append(b)
            else:
                groups.append([b])
        for g in groups:
            # Fragments of a letter-spaced word are a few letters each; whole words set tight
            # ("Number of survivors referred to") are not joined.
            if len(g) > 1 and sum(len(w.text) for w in g) <= 3.5 * len(g):
                replace[id(g[0])] = [joined_word(g)]
                for w in g[1:]:
                    replace[id(w)] = []
                changed = True
    if changed:
        page.set_words([n for w in page.words for n in replace.get(id(w), [w])])
    return changed
