"""Page furniture: running headers and footers, and page numbers, which belong to no table."""

from __future__ import annotations

import re

from pipeline.pdf.lines import group_lines, lines_without, split_line_at_gaps
from pipeline.pdf.model import Line, PageLayout
from pipeline.text.vocabulary import header_role

PAGE_NUMBER = re.compile(
    r"^[-–—|\s]*(page|página|pagina|p\.)?\s*\d{1,4}(\s*(/|of|de|sur)\s*\d{1,4})?[-–—|\s]*$", re.IGNORECASE
)


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


def _key(segment: Line) -> tuple[str, int, int]:
    # Running text repeats word for word at the same place; a table cell that happens to repeat
    # near the page edge ("agency", "MFFE") sits elsewhere or is too short to be a running title.
    text = "#" if PAGE_NUMBER.match(segment.text) else segment.text.strip().lower()
    return text, round(segment.x0 / 6), round(segment.top / 6)


def strip_running_text(pages: list[PageLayout], share: float = 0.12) -> None:
    """Drop page numbers and margin text repeated on several pages ("Plan 1325 - Costa Serena").

    A number is a page number when it stands alone on its line at the page edge, or when numbers
    stand at the same place on other pages; a "0" in a table's first row is neither, nor a figure
    in a row of figures that a table on another page happens to print at the same place (its line
    splits in three segments or more: a page number stands alone, or beside a running title)."""
    margins = {p.number: _margin_segments(p, share) for p in pages}
    seen: dict[tuple[str, int, int], set[int]] = {}
    for number, segments in margins.items():
        for seg, _parts in segments:
            seen.setdefault(_key(seg), set()).add(number)
    for page in pages:
        drop: set[int] = set()
        for seg, parts in margins[page.number]:
            recurring = len(seen[_key(seg)]) >= 2
            if PAGE_NUMBER.match(seg.text):
                at_edge = seg.bottom < page.height * 0.06 or seg.top > page.height * 0.94
                if (recurring and parts <= 2) or (parts == 1 and at_edge):
                    drop.update(id(w) for w in seg.words)
            elif recurring and len(seg.text) >= 10:
                drop.update(id(w) for w in seg.words)
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
