"""Page furniture: running headers and footers, and page numbers, which belong to no table."""

from __future__ import annotations

import re

from extractors.grid import Line, group_lines, split_line_at_gaps
from extractors.vocabulary import header_role
from pipeline.pdf_reader import PageLayout

PAGE_NUMBER = re.compile(
    r"^[-–—|\s]*(page|página|pagina|p\.)?\s*\d{1,4}(\s*(/|of|de|sur)\s*\d{1,4})?[-–—|\s]*$", re.IGNORECASE
)


def _margin_segments(page: PageLayout, share: float) -> list[Line]:
    words = [w for w in page.words if w.bottom < page.height * share or w.top > page.height * (1 - share)]
    segments: list[Line] = []
    for line in group_lines(words):
        size = max(w.size for w in line.words) or 8.0
        roles = {header_role(s.text)[0] for s in split_line_at_gaps(line, 2 * size)} - {None}
        if len(roles) >= 2:
            continue  # a table's header row near the page edge, not running text
        segments.extend(split_line_at_gaps(line, 2 * size))
    return segments


def _key(segment: Line) -> str:
    return re.sub(r"\d+", "#", segment.text).strip().lower()


def strip_running_text(pages: list[PageLayout], share: float = 0.08) -> None:
    """Drop page numbers and margin text repeated on several pages ("Plan 1325 - Costa Serena")."""
    margins = {p.number: _margin_segments(p, share) for p in pages}
    seen: dict[str, set[int]] = {}
    for number, segments in margins.items():
        for seg in segments:
            seen.setdefault(_key(seg), set()).add(number)
    for page in pages:
        drop: set[int] = set()
        for seg in margins[page.number]:
            if PAGE_NUMBER.match(seg.text) or (len(pages) >= 2 and len(seen[_key(seg)]) >= 2):
                drop.update(id(w) for w in seg.words)
        if drop:
            page.words = [w for w in page.words if id(w) not in drop]
            page._text = None
