"""The headings right above a table: its caption and the banners that name its parent levels.

Plans often print a table's parents outside it: "OUTCOME 1. IMPROVED NATIONAL ... FRAMEWORK" and
"STRATEGIC OBJECTIVE 1. ACCELERATE POLICY ..." above a table of measures, or "Tableau 13 : Options
d'adaptation du secteur de l'agriculture" as its caption. These lines are read here, from the
table's top up to the first line that is neither such a heading nor a heading's second line, and
given to the table as banner rows above its first row (``extractors.logframe``), where banners
already become pillars and parent levels.
"""

from __future__ import annotations

import re

from pipeline.pdf.lines import page_lines
from pipeline.pdf.model import BBox, Line, PageLayout
from pipeline.text.fold import fold
from pipeline.text.vocabulary import GOAL_BANNER, PILLAR_BANNER

# "Table 3:", "Tableau n° 13 :", "Tabla 2.", "Quadro 4 -", "Figure" is never a table's caption.
CAPTION = re.compile(r"^(table|tableau|tabla|quadro)\s*(n\s*[°o]\s*)?\d+[a-z]?\s*[:.\-–—]\s*\S", re.IGNORECASE)
# How far above a table its headings may start, in line heights of the line nearest it.
REACH = 3.0


def heading_kind(text: str) -> str | None:
    """"caption", "level" (a goal-like or pillar-like banner) or None for any other line."""
    folded = fold(text)
    if CAPTION.match(folded):
        return "caption"
    if GOAL_BANNER.match(folded) or (PILLAR_BANNER.match(folded) and _has_code_or_colon(folded)):
        return "level"
    return None


def _has_code_or_colon(folded: str) -> bool:
    m = PILLAR_BANNER.match(folded)
    return bool(m and (m.group("code") or ":" in folded[: m.end("label") + 6]))


def _continues(line: Line, head: Line) -> bool:
    """A heading's next line: set like it (size, case or weight) and right under it."""
    size = max(w.size for w in head.words)
    same_size = abs(max(w.size for w in line.words) - size) <= 0.5
    upper = head.text.isupper() and line.text.isupper()
    return same_size and (upper or (head.bold and line.bold)) and line.top - head.bottom <= 0.8 * size


def headings_above(page: PageLayout, box: BBox, floor: float = 0.0) -> list[tuple[str, BBox]]:
    """The caption and level banners printed right above the table at ``box``, top first, each
    with its box; ``floor``: nothing above it (the foot of a table above this one) is looked at."""
    x0, top, x1, _ = box
    lines = [ln for ln in page_lines(page)
             if floor <= ln.top and ln.bottom <= top + 1 and ln.x1 >= x0 - 5 and ln.x0 <= x1 + 5]
    lines.sort(key=lambda ln: ln.top)
    blocks: list[list[Line]] = []  # headings, bottom first, each its lines top first
    edge = top
    i = len(lines) - 1
    while i >= 0:
        # A heading's lines: the run of lines that opens with a heading and its continuations.
        j = i
        while j >= 0 and heading_kind(lines[j].text) is None:
            j -= 1
        if j < 0:
            break
        run = lines[j:i + 1]
        if not all(_continues(b, a) for a, b in zip(run, run[1:])):
            break
        height = max(ln.height for ln in run) or 10.0
        if edge - run[-1].bottom > REACH * height:
            break
        blocks.append(run)
        edge = run[0].top
        i = j - 1
    out = []
    for run in reversed(blocks):
        text = " ".join(ln.text for ln in run)
        out.append((text, (min(ln.x0 for ln in run), run[0].top, max(ln.x1 for ln in run), run[-1].bottom)))
    return out
