"""Page furniture: running headers and footers, page numbers and footnotes, which belong to no
table and to no list of the plan. Found from what repeats across pages and where it sits, not from
any document's words."""

from __future__ import annotations

import re
from collections import Counter

from pipeline.pdf.lines import group_lines, lines_without, split_line_at_gaps
from pipeline.pdf.model import WORD_SIZE, WORD_TEXT, Line, PageLayout
from pipeline.text.vocabulary import header_role

PAGE_NUMBER = re.compile(
    r"^[-–—|\s]*(page|página|pagina|p\.)?\s*\d{1,4}(\s*(/|of|de|sur)\s*\d{1,4})?[-–—|\s]*$", re.IGNORECASE
)


# Front matter is numbered in roman numerals ("XVI"), alone at the page edge as a number is.
ROMAN = re.compile(r"^[-–—|\s]*(?=[ivxlc]+[-–—|\s]*$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})[-–—|\s]*$", re.IGNORECASE)
_ROMAN_WORD = re.compile(r"\b(?=[ivxlc]+\b)c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})(?<=[ivxlc])\b")


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER.match(text) or ROMAN.match(text))


def _margin_segments(page: PageLayout, share: float) -> list[tuple[Line, int]]:
    """Segments of the lines near the top and bottom edges, each with the number of segments of its line."""
    head, foot = page.height * share, page.height * (1 - share)  # once: this runs over every word
    words = [w for w in page.words if w.bottom < head or w.top > foot]
    segments: list[tuple[Line, bool]] = []
    for line in group_lines(words):
        size = max(w.size for w in line.words) or 8.0
        parts = split_line_at_gaps(line, 2 * size)
        roles = {header_role(s.text)[0] for s in parts} - {None}
        if len(roles) >= 2:
            continue  # a table's header row near the page edge, not running text
        segments.extend((seg, len(parts)) for seg in parts)
    return segments


_DIGITS = re.compile(r"\d+")
# A running title found at the page's edge wherever it sits is this long at least: a short cell at
# the foot of several pages of a table ("MINADER") may be the last line of each.
EDGE_TEXT = 20


def _key(segment: Line) -> tuple[str, int, int]:
    # Running text repeats word for word at the same place; a table cell that happens to repeat
    # near the page edge ("agency", "MFFE") sits elsewhere or is too short to be a running title.
    text = "#" if is_page_number(segment.text) else segment.text.strip().lower()
    return text, round(segment.x0 / 6), round(segment.top / 6)


def _aligned_keys(segment: Line) -> list[tuple[str, int, int]]:
    """A page number's keys by its right end and by its middle as well: right-aligned or centred,
    "I" and "VIII" (or "9" and "10") start at different places on their pages."""
    if not is_page_number(segment.text):
        return []
    top = round(segment.top / 6)
    return [("#>", round(segment.x1 / 6), top), ("#|", round((segment.x0 + segment.x1) / 12), top)]


def _loose_key(segment: Line) -> tuple[str, int, int]:
    """``_key`` with every number as "#": a running footer that carries its page number in the
    same line ("12 PLAN NATIONAL ... CENTRAFRICAINE", "... de Madagascar XVII") is the same text on
    every page."""
    text, x, top = _key(segment)
    return _ROMAN_WORD.sub("#", _DIGITS.sub("#", text)), x, top


def _outermost(page: PageLayout, seg: Line) -> bool:
    """No word of the page lies between the segment and the page's edge (top or bottom)."""
    if seg.top > page.height / 2:
        return all(w.top <= seg.bottom for w in page.words)
    return all(w.bottom >= seg.top for w in page.words)


def _edge_texts(pages: list[PageLayout], margins: dict[int, list[tuple[Line, int]]]) -> dict[str, set[int]]:
    """The pages on which each text (numbers masked) is the page's first or last line: a running
    title that moves from page to page (set lower on a landscape page, or after a page of another
    layout) is the same text at the edge of each."""
    found: dict[str, set[int]] = {}
    for page in pages:
        for seg, parts in margins[page.number]:
            if parts <= 2 and _outermost(page, seg):
                found.setdefault(_loose_key(seg)[0], set()).add(page.number)
    return found


def strip_running_text(pages: list[PageLayout], share: float = 0.12) -> None:
    """Drop page numbers and margin text repeated on several pages ("Plan 1325 - Costa Serena").

    A number is a page number when it stands alone on its line at the page edge, or when numbers
    stand at the same place on other pages; a "0" in a table's first row is neither, nor a figure
    in a row of figures that a table on another page happens to print at the same place (its line
    splits in three segments or more: a page number stands alone, or beside a running title)."""
    margins = {p.number: _margin_segments(p, share) for p in pages}
    seen: dict[tuple[str, int, int], set[int]] = {}
    loose: dict[tuple[str, int, int], set[int]] = {}
    for number, segments in margins.items():
        for seg, _parts in segments:
            for key in (_key(seg), *_aligned_keys(seg)):
                seen.setdefault(key, set()).add(number)
            loose.setdefault(_loose_key(seg), set()).add(number)
    edges = _edge_texts(pages, margins)
    body = body_size(pages)
    for page in pages:
        drop: set[int] = set()
        numbers: list[tuple[Line, int]] = []
        for seg, parts in margins[page.number]:
            # Word for word on two pages, or the same but for its numbers on three, or a long text
            # at the page's edge on three pages wherever it sits.
            recurring = len(seen[_key(seg)]) >= 2 or len(loose[_loose_key(seg)]) >= 3 or (
                len(seg.text) >= EDGE_TEXT and len(edges.get(_loose_key(seg)[0], ())) >= 3 and _outermost(page, seg))
            if is_page_number(seg.text):
                at_edge = seg.bottom < page.height * 0.06 or seg.top > page.height * 0.94
                if (recurring and parts <= 2) or (parts == 1 and at_edge):
                    drop.update(id(w) for w in seg.words)
                else:
                    numbers.append((seg, parts))
            elif recurring and len(seg.text) >= 10 and header_role(seg.text)[0] is None:
                # A column heading repeated at the top of each page of a table ("Adaptation
                # measures", over "Indicative outputs" a line lower) is the table's, not the page's.
                drop.update(id(w) for w in seg.words)
        for seg, parts in numbers:
            # Right-aligned or centred at the same place as on other pages, on the page's outermost
            # line, alone or beside running text: a table of contents' page numbers stand beside its
            # entries, a chart's figure above the page number.
            beside = [o for o, _ in margins[page.number] if o is not seg and abs(o.top - seg.top) < 2]
            if any(len(seen[k]) >= 2 for k in _aligned_keys(seg)) and parts <= 2 and _outermost(page, seg) \
                    and all(id(o.words[0]) in drop for o in beside):
                drop.update(id(w) for w in seg.words)
        drop |= _footnotes(page, drop, body)
        if drop:
            words = [w for w in page.words if id(w) not in drop]
            cached = page._lines
            if cached is not None and cached[0] is page.words:
                # The page's lines (triage grouped them) less the dropped ones, when that is what
                # grouping the remaining words gives: the prose readers then group no page again.
                kept = lines_without(page.words, cached[1], drop)
                page._lines = (words, kept) if kept is not None else None
            page.words = words
            page._text = None


# A footnote starts with its mark: a number or a symbol, then its text ("12 MTTM/ Direction ...").
FOOTNOTE_MARK = re.compile(r"^(\d{1,3}|[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})\s*[^\W\d]")
# Footnotes are set smaller than the body text; headings and captions are not below it all.
FOOTNOTE_SIZE = 0.9


def body_size(pages: list[PageLayout]) -> float:
    """The font size most of the document's characters are set in (its body text)."""
    # Summed by size as printed, then rounded once a size: a document has a few dozen sizes and
    # hundreds of thousands of words.
    printed: dict[float, int] = {}
    for page in pages:
        for size, text in zip(map(WORD_SIZE, page.words), map(WORD_TEXT, page.words)):
            printed[size] = printed.get(size, 0) + len(text)
    sizes: Counter[float] = Counter()
    for size, chars in printed.items():
        sizes[round(size, 1)] += chars
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _footnotes(page: PageLayout, dropped: set[int], body: float) -> set[int]:
    """The words of the block of footnotes at the foot of the page, if it has one: the lines below
    the last line set in body size, all smaller than it, none split in columns (a table's rows at
    the foot of a page are), none crossed by a ruling line, the first one starting with a mark."""
    if not body:
        return set()
    lines = [ln for ln in group_lines([w for w in page.words if id(w) not in dropped])]
    block: list[Line] = []
    for line in reversed(lines):
        size = max(w.size for w in line.words)
        if size >= FOOTNOTE_SIZE * body or _in_columns(line, size) or _crossed(page, line):
            break
        block.append(line)
    # The block is read from its first line down: it must open with a footnote's mark.
    while block and not FOOTNOTE_MARK.match(block[-1].text):
        block.pop()
    return {id(w) for line in block for w in line.words}


def _in_columns(line: Line, size: float) -> bool:
    return len(split_line_at_gaps(line, 2 * (size or 8.0))) > 1


def _crossed(page: PageLayout, line: Line) -> bool:
    """A vertical ruling line runs through the line's height within its width: a table cell."""
    return any(e.orientation == "v" and e.top <= line.bottom and e.bottom >= line.top
               and line.x0 - 2 <= e.x0 <= line.x1 + 2 for e in page.edges)
