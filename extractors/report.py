"""What a progress report says about a plan's implementation.

- **Observations** from tables: rows with a label and numbers in columns that line up over at least
  two rows under a header ("Nombre de Femmes | Nombre d'Hommes | % de Femmes", "Indicador |
  Hombres | Mujeres | % Mujeres | Año | Fuente"). One observation per value, with the column's sex
  / measure as disaggregation, the row's year and source (or the table's "Source :" line). The
  indicator is the row label when the header calls that column "Indicator", else the table's
  caption, the row label then going to ``disaggregation["group"]``.
- **Observations** from text: "Indicator as written: men 54,210, women 3,210, 5.6 %, source: police 2022".
- Charts whose numbers survive only as scattered text are not tables: their numbers either have no
  row label or do not line up in columns, so they give no observation.
- **Lessons, challenges, recommendations**: bulleted or numbered items under those headings (en, fr,
  es, pt), continued over lines and pages; prose paragraphs in those sections are not items.
- **Per-pillar progress**: the prose of each pillar section ("Axe Prévention", "Eje 1: Participación").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.base import Context, Extraction
from extractors.cells import BULLET_RE
from extractors.values import parse_number
from pipeline.pdf.lines import page_lines, split_line_at_gaps
from pipeline.pdf.model import WORD_SIZE, Line, PageLayout
from pipeline.records import Observation, PillarProgress, ReportItem
from pipeline.text import wps_taxonomy as tax
from pipeline.text.fold import fold_same_length

TABLE_CONFIDENCE = 0.8
TEXT_CONFIDENCE = 0.6

NUM_CELL = re.compile(r"^[±~<>≈]?\s*[,.]?\d[\d\s.,]*\s*%?$|^\d+\s*%$")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
CAPTION = re.compile(r"^\s*(?:\d+[.)]?\s*|[a-z][.)]\s*)?(tableau|table|cuadro|tabla|quadro|tabela)\s*(n\s*[°o]\.?|no\.?|nº)?"
                     r"\s*\d*\s*[.:\-–]?\s*", re.IGNORECASE)
FIGURE = re.compile(r"^\s*(figure|fig\.|graphique|graph|grafico|chart|diagramme|diagram)\b")
SOURCE_LINE = re.compile(r"^\s*(sources?|fuentes?|fontes?)\s*:\s*(?P<text>.+)$", re.IGNORECASE)

WOMEN = re.compile(r"(^|[\s%(.'])(femmes?|women|female|femenino|mujeres?|mulheres?|f|fe|femme|n\.f|nbre de femmes)\b")
MEN = re.compile(r"(^|[\s%(.'])(hommes?|men|male|masculino|hombres?|homens?|h|homme|n\.h)\b")
TOTAL = re.compile(r"\btotal\b")
YEAR_COL = re.compile(r"\b(annee|ano|anio|year|periode|period|periodo)\b")
SOURCE_COL = re.compile(r"\b(sources?|fuentes?|fontes?)\b")
PERCENT_COL = re.compile(r"%|pourcentage|percentage|porcentaje|percentagem|porcentagem|taux|tasa|taxa")
INDICATOR_COL = re.compile(r"\b(indicat\w*|indicador\w*)\b")


# ---- report structure: headings, sections -------------------------------------------------------

HEAD_MARK = re.compile(r"^\s*(?:[.\-–]\s*|[a-z]\s*\)\s*\.?\s*|[a-z]\.\s+|\d+(?:\.\d+)*\s*[.)]?\s*|[ivx]+\s*[.)]\s*)?",
                       re.IGNORECASE)
LESSONS = re.compile(r"\b(lecons?( apprises)?|bonnes pratiques|lessons?( learn(ed|t))?|good practices|"
                     r"lecciones aprendidas|buenas practicas|licoes aprendidas|boas praticas)\b")
CHALLENGES = re.compile(r"\b(defis|challenges|desafios|retos|difficultes|contraintes|constraints|obstacles)\b")
RECOMMENDATIONS = re.compile(r"\b(recommandations?|recommendations?|recomendaciones|recomendacoes)\b")
OTHER_END = re.compile(r"^(perspectives?|conclusions?|annex\w*|introduction|way forward|next steps|bibliograph\w*|"
                       r"references|contexte|methodolog\w*|metodolog\w*|objectifs?)\b")
PILLAR_HEAD = re.compile(r"^(axe|pilier|pillar|eje|eixo|pilar|indicateurs? du pilier|indicators? (for|of) the)\b")
ITEM_MARK = re.compile(r"^\s*(?:\(?\d{1,2}\s*[.)]|[a-z]\))\s+")


@dataclass
class _Heading:
    kind: str  # lessons | challenges | recommendations | pillar | end
    text: str
    pillar: str | None = None


def _heading(text: str, line: Line) -> _Heading | None:
    if BULLET_RE.match(text):
        return None
    body = HEAD_MARK.sub("", fold_same_length(text), count=1).strip(" .:)")
    words = body.split()
    if not words or len(words) > 9 or len(text) > 100:
        return None
    if PILLAR_HEAD.match(body):
        hit = tax.best_pillar(text)
        return _Heading("pillar", text.strip(), hit[0].id if hit else None) if hit else None
    head = body[:50]
    if RECOMMENDATIONS.search(head) and len(words) <= 7:
        return _Heading("recommendations", text.strip())
    if LESSONS.search(head) and len(words) <= 7:
        return _Heading("lessons", text.strip())
    if CHALLENGES.search(head) and len(words) <= 6:
        return _Heading("challenges", text.strip())
    if OTHER_END.match(body) and len(words) <= 6:
        return _Heading("end", text.strip())
    return None


@dataclass
class _Item:
    text: str
    page: int
    lines: list[Line]
    x_text: float

    def record(self, confidence: float) -> ReportItem:
        bbox = (min(ln.x0 for ln in self.lines), min(ln.top for ln in self.lines),
                max(ln.x1 for ln in self.lines), max(ln.bottom for ln in self.lines))
        return ReportItem(text=self.text, page=self.page, bbox=bbox, method="narrative", confidence=confidence)


def _strip_item(text: str) -> str | None:
    if BULLET_RE.match(text):
        return BULLET_RE.sub("", text).strip()
    m = ITEM_MARK.match(text)
    if m:
        return text[m.end():].strip()
    return None


def _join(left: str, right: str) -> str:
    if left.endswith("-") and right[:1].islower():
        return left[:-1] + right
    return f"{left} {right}"


@dataclass
class ReportText:
    lessons: list[ReportItem] = field(default_factory=list)
    challenges: list[ReportItem] = field(default_factory=list)
    recommendations: list[ReportItem] = field(default_factory=list)
    progress: list[PillarProgress] = field(default_factory=list)
    pillar_pages: dict[int, str] = field(default_factory=dict)  # page -> pillar id at the page's start


def _is_prose(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    return len(text.split()) >= 5 and letters >= 0.6 * len(text.replace(" ", ""))


def read_sections(pages: list[PageLayout], skip: dict[int, list[tuple[float, float, float, float]]]) -> ReportText:
    """Lists under lessons / challenges / recommendations headings and the prose of pillar sections.
    ``skip`` holds, per page, the boxes of tables already read as observations."""
    out = ReportText()
    section: _Heading | None = None
    item: _Item | None = None
    prev: Line | None = None
    progress: PillarProgress | None = None
    chunks: list[str] = []

    def close_item() -> None:
        nonlocal item
        if item is not None and section is not None and section.kind in ("lessons", "challenges", "recommendations"):
            getattr(out, section.kind).append(item.record(TEXT_CONFIDENCE))
        item = None

    def close_progress() -> None:
        nonlocal progress, chunks
        if progress is not None:
            progress.text = " ".join(chunks).strip() or progress.heading
            out.progress.append(progress)
        progress, chunks = None, []

    for page in pages:
        boxes = skip.get(page.number, [])
        out.pillar_pages[page.number] = section.pillar if section is not None and section.kind == "pillar" else ""
        for line in page_lines(page):
            if any(b[1] - 2 <= line.top <= b[3] + 2 and line.x0 >= b[0] - 5 and line.x1 <= b[2] + 5 for b in boxes):
                prev = None
                continue
            text = line.text.strip()
            if not text:
                continue
            size = max(map(WORD_SIZE, line.words), default=10.0)
            h = _heading(text, line)
            if h is not None:
                close_item()
                if h.kind == "pillar":
                    close_progress()
                    progress = PillarProgress(pillar=h.pillar or "other", heading=h.text, text=h.text,
                                              page=page.number, bbox=line_bbox(line), method="narrative",
                                              confidence=TEXT_CONFIDENCE)
                elif progress is not None:
                    close_progress()
                section = h
                prev = line
                continue
            body = _strip_item(text)
            if section is not None and section.kind in ("lessons", "challenges", "recommendations"):
                if body is not None and body:
                    close_item()
                    x_text = line.words[1].x0 if BULLET_RE.match(line.words[0].text) and len(line.words) > 1 \
                        else line.x0
                    item = _Item(body, page.number, [line], x_text)
                elif item is not None and prev is not None and (
                        (prev in item.lines and 0 <= line.top - prev.bottom < 0.9 * size) or
                        (prev not in item.lines and line.top < 0.25 * page.height and item.page == page.number - 1)
                ) and line.x0 >= item.x_text - 40:
                    item.text = _join(item.text, text)
                    item.lines.append(line)
                else:
                    close_item()
            elif progress is not None and _is_prose(text):
                chunks.append(text)
            prev = line
    close_item()
    close_progress()
    return out


def line_bbox(line: Line) -> tuple[float, float, float, float]:
    return (line.x0, line.top, line.x1, line.bottom)


# ---- observations from tables --------------------------------------------------------------------

@dataclass
class _Seg:
    text: str
    x0: float
    x1: float
    numeric: bool


@dataclass
class _Row:
    line: Line
    label: str
    label_x1: float
    nums: list[_Seg]
    texts: list[_Seg]  # text cells right of the numbers (a source column)
    extra_label: list[str] = field(default_factory=list)
    section: str | None = None
    year: str | None = None


def _segments(line: Line) -> list[_Seg]:
    size = sorted(w.size for w in line.words)[len(line.words) // 2] or 10.0
    segs: list[_Seg] = []
    for part in split_line_at_gaps(line, 1.0 * size):
        words = list(part.words)
        # Numbers glued to a text cell by justified spacing ("députés 448", "1999 Accord") stand apart.
        lead: list = []
        while len(words) > 1 and NUM_CELL.match(words[0].text) and not NUM_CELL.match(words[1].text):
            lead.append(words.pop(0))
        trail: list = []
        while len(words) > 1 and NUM_CELL.match(words[-1].text) and not NUM_CELL.match(words[-2].text) \
                and not YEAR.fullmatch(words[-1].text) and sum(c.isalpha() for c in " ".join(w.text for w in words[:-1])) >= 2:
            trail.insert(0, words.pop())
        for w in lead:
            segs.append(_Seg(w.text, w.x0, w.x1, True))
        t = " ".join(w.text for w in words).strip()
        segs.append(_Seg(t, words[0].x0, words[-1].x1, bool(NUM_CELL.match(t)) and any(c.isdigit() for c in t)))
        for w in trail:
            segs.append(_Seg(w.text, w.x0, w.x1, True))
    return segs


def _as_row(line: Line) -> _Row | None:
    segs = _segments(line)
    label_i = next((i for i, s in enumerate(segs) if not s.numeric and sum(c.isalpha() for c in s.text) >= 2), None)
    if label_i is None:
        return None
    nums = [s for s in segs[label_i + 1:] if s.numeric]
    if len(nums) < 2:
        return None
    first_num = segs.index(nums[0])
    # Numbers after a text cell right of the values belong to it ("Sénat 2011").
    first_text = next((i for i in range(first_num, len(segs)) if not segs[i].numeric), len(segs))
    nums = [s for s in segs[first_num:first_text] if s.numeric]
    if len(nums) < 2 and not (len(nums) == 1 and first_text < len(segs)):
        return None
    rest = segs[first_text:]
    texts = [_Seg(" ".join(s.text for s in rest), rest[0].x0, rest[-1].x1, False)] if rest else []
    # Text between the label and the first number belongs to the label ("Proportion de femmes députés").
    label = " ".join(s.text for s in segs[label_i:first_num])
    row = _Row(line, label, segs[first_num - 1].x1, nums, texts)
    years = [s.text for s in segs[:label_i] if s.numeric and YEAR.fullmatch(s.text.strip())]
    row.year = years[-1] if years else None
    return row


def _columns(rows: list[_Row]) -> list[tuple[float, float]] | None:
    """Numeric columns as x ranges, or None when the numbers do not line up (a chart)."""
    segs = [(s, i) for i, r in enumerate(rows) for s in r.nums]
    cols: list[list[tuple[_Seg, int]]] = []
    for s, i in sorted(segs, key=lambda t: t[0].x1):
        for col in cols:
            c0 = min(x.x0 for x, _ in col)
            c1 = max(x.x1 for x, _ in col)
            if s.x0 <= c1 + 2 and s.x1 >= c0 - 2 or abs(s.x1 - c1) < 4:
                col.append((s, i))
                break
        else:
            cols.append([(s, i)])
    aligned = sum(len(c) for c in cols if len({i for _, i in c}) >= 2)
    # Cells left blank in some rows leave columns with one value; numbers placed at the ends of
    # bars (a chart) line up in no column at all.
    if aligned < 0.6 * len(segs):
        return None
    return sorted((min(x.x0 for x, _ in c), max(x.x1 for x, _ in c)) for c in cols)


@dataclass
class _Table:
    page: PageLayout
    rows: list[_Row]
    columns: list[tuple[float, float]]
    headers: list[str]
    label_header: str
    caption: str | None
    source: str | None
    text_columns: list[tuple[float, float, str]]  # x0, x1, header
    bbox: tuple[float, float, float, float]


def _role(header: str) -> dict[str, str]:
    f = fold_same_length(header)
    role: dict[str, str] = {}
    if YEAR_COL.search(f):
        role["year"] = "1"
    if PERCENT_COL.search(f):
        role["percent"] = "1"
    if WOMEN.search(f):
        role["sex"] = "women"
    elif MEN.search(f):
        role["sex"] = "men"
    elif TOTAL.search(f):
        role["total"] = "1"
    return role


def find_tables(page: PageLayout) -> list[_Table]:
    lines = page_lines(page)
    rows_at: dict[int, _Row] = {}
    for i, line in enumerate(lines):
        r = _as_row(line)
        if r is not None:
            rows_at[i] = r
    tables: list[_Table] = []
    i = 0
    idx = sorted(rows_at)
    while i < len(idx):
        group = [idx[i]]
        j = i + 1
        while j < len(idx) and idx[j] - group[-1] <= 4 and lines[idx[j]].top - lines[group[-1]].bottom < 70:
            group.append(idx[j])
            j += 1
        i = j
        if len(group) < 2:
            continue
        rows = [rows_at[k] for k in group]
        cols = _columns(rows)
        if not cols:
            continue
        t = _build_table(page, lines, group, rows, cols)
        if t is not None:
            tables.append(t)
    return tables


def _build_table(page: PageLayout, lines: list[Line], group: list[int], rows: list[_Row],
                 cols: list[tuple[float, float]]) -> _Table | None:
    first = group[0]
    label_x1 = cols[0][0] - 2
    # Lines between rows: wrapped labels, section banners, wrapped source cells.
    for a, b in zip(group, group[1:] + [None]):
        stop = b if b is not None else min(len(lines), a + 4)
        for k in range(a + 1, stop):
            ln = lines[k]
            if b is None and (ln.top - lines[k - 1].bottom > 6 or SOURCE_LINE.match(ln.text)):
                break
            if _as_row(ln) is not None:
                break
            row = rows[group.index(a)]
            left = " ".join(w.text for w in ln.words if w.x1 <= label_x1 + 5)
            right = [w for w in ln.words if w.x0 > label_x1 + 5]
            if left and not right and ln.bold and b is not None:
                rows[group.index(b)].section = left
                continue
            if left:
                row.extra_label.append(left)
            extra = [w for w in right if row.texts and w.x0 >= row.texts[-1].x0 - 5]
            if extra:
                row.texts[-1].text += " " + " ".join(w.text for w in sorted(extra, key=lambda w: w.x0))
    # Header: lines just above the first row, up to a caption or a prose line.
    header_lines: list[Line] = []
    caption = None
    k = first - 1
    while k >= 0 and first - k <= 6 and lines[first].top - lines[k].bottom < 90:
        ln = lines[k]
        if CAPTION.match(ln.text) and len(ln.text) > 12:
            caption = CAPTION.sub("", ln.text, count=1).strip(" .:")
            break
        if _is_prose(ln.text) and len(ln.text.split()) > 12:
            break
        header_lines.insert(0, ln)
        k -= 1
    if caption is None and k >= 0 and first - k <= 8:
        for kk in range(k, max(-1, k - 3), -1):
            if CAPTION.match(lines[kk].text) and len(lines[kk].text) > 12:
                caption = CAPTION.sub("", lines[kk].text, count=1).strip(" .:")
                break
    hwords = [w for ln in header_lines for w in ln.words]
    if not hwords or not any(c.isalpha() for w in hwords for c in w.text):
        return None
    # Header words go to the nearest column: boundaries halfway between columns (numbers and text).
    text_spans = []
    for r in rows:
        for s_ in r.texts:
            if s_.x0 > cols[-1][1] and not any(abs(s_.x0 - t[0]) < 15 for t in text_spans):
                text_spans.append((s_.x0, s_.x1))
    spans = sorted([(c0, c1, "num", i) for i, (c0, c1) in enumerate(cols)] +
                   [(t0, t1, "text", i) for i, (t0, t1) in enumerate(sorted(text_spans))])
    max_label = max(r.label_x1 for r in rows)
    bounds = [(max_label + spans[0][0]) / 2 if max_label < spans[0][0] else spans[0][0] - 2]
    bounds += [(a[1] + b[0]) / 2 for a, b in zip(spans, spans[1:])] + [1e9]
    headers = ["" for _ in cols]
    text_headers = ["" for _ in text_spans]
    label_words = []
    # Ruled tables: a header word belongs to the column between the same vertical rules.
    top_y, bottom_y = min(ln.top for ln in header_lines), lines[group[-1]].bottom
    first_top = lines[first].top
    head_rules = {round(e.x0) for e in page.edges if e.orientation == "v" and e.top <= first_top - 2
                  and e.bottom >= top_y + 2}
    body_rules = {round(e.x0) for e in page.edges if e.orientation == "v" and e.bottom >= first_top + 2
                  and e.top <= bottom_y}
    rules = sorted(x for x in head_rules if any(abs(x - y) <= 2 for y in body_rules))
    rules = [x for i, x in enumerate(rules) if i == 0 or x - rules[i - 1] > 3]
    if len(rules) >= 3:
        def cell_of(x: float) -> int:
            return sum(1 for r in rules if r <= x)
        span_cells = {cell_of((a0 + a1) / 2): k for k, (a0, a1, _kind, _i) in enumerate(spans)}
        if len(span_cells) == len(spans):
            centre = {k: (a0 + a1) / 2 for k, (a0, a1, _kind, _i) in enumerate(spans)}
            for k in range(len(spans)):
                c = cell_of(centre[k])
                bounds[k] = rules[c - 1] if c >= 1 else bounds[k]
                bounds[k + 1] = rules[c] if c < len(rules) else bounds[k + 1]
    def put(k: int, text: str) -> None:
        _a0, _a1, kind, i = spans[k]
        if kind == "num":
            headers[i] = f"{headers[i]} {text}".strip()
        else:
            text_headers[i] = f"{text_headers[i]} {text}".strip()

    if len(rules) >= 3:
        for w in hwords:
            xc = (w.x0 + w.x1) / 2
            if xc < bounds[0]:
                label_words.append(w.text)
                continue
            for k, (lo, hi) in enumerate(zip(bounds, bounds[1:])):
                if lo <= xc < hi:
                    put(k, w.text)
    else:
        # Unruled: a header cell (words close together) goes to the column it overlaps most, or
        # the nearest one (headers are often left-aligned over right-aligned numbers).
        for ln in header_lines:
            size = max(w.size for w in ln.words) or 10.0
            for seg in split_line_at_gaps(ln, 0.6 * size):
                if seg.x1 <= bounds[0] or (seg.x0 + seg.x1) / 2 < bounds[0] - 1:
                    label_words.append(seg.text)
                    continue
                def score(k: int) -> tuple[float, float]:
                    a0, a1 = spans[k][0], spans[k][1]
                    overlap = min(a1, seg.x1) - max(a0, seg.x0)
                    return (overlap, -abs((a0 + a1) / 2 - (seg.x0 + seg.x1) / 2))
                put(max(range(len(spans)), key=score), seg.text)
    named = sum(1 for h in headers if sum(c.isalpha() for c in h) >= 2)
    if named == 0 or named * 2 < len(headers):
        return None  # a table continued from the previous page without its header, or a chart's labels
    if any(FIGURE.match(fold_same_length(ln.text)) for ln in header_lines) or (caption and FIGURE.match(fold_same_length(caption))):
        return None
    label_header = " ".join(label_words)
    text_cols = [(t0, t1, text_headers[i]) for i, (t0, t1) in enumerate(sorted(text_spans))]
    # A "Source :" line under the table.
    source = None
    last = group[-1]
    for k in range(last + 1, min(len(lines), last + 6)):
        m = SOURCE_LINE.match(lines[k].text)
        if m:
            source = m.group("text").strip()
            for kk in range(k + 1, min(len(lines), k + 4)):  # a source wrapped over a few lines
                if lines[kk].top - lines[kk - 1].bottom >= 4 or _as_row(lines[kk]) or CAPTION.match(lines[kk].text):
                    break
                source += " " + lines[kk].text.strip()
            break
    top = min(ln.top for ln in header_lines)
    bottom = max(lines[g].bottom for g in group)
    x0 = min(min(ln.x0 for ln in header_lines), min(lines[g].x0 for g in group))
    x1 = max(max(ln.x1 for ln in header_lines), max(lines[g].x1 for g in group))
    return _Table(page, rows, cols, headers, label_header, caption, source, text_cols, (x0, top, x1, bottom))


def observations_from_table(t: _Table, pillar: str | None) -> list[Observation]:
    obs: list[Observation] = []
    roles = [_role(h) for h in t.headers]
    indicator_rows = bool(INDICATOR_COL.search(fold_same_length(t.label_header)))
    for r in t.rows:
        label = " ".join([r.label, *r.extra_label]).strip()
        label = re.sub(r"^\d{1,3}\s+", "", label)
        source = t.source
        period = r.year
        for s in r.texts:
            head = next((h for x0, x1, h in t.text_columns if abs(s.x0 - x0) < 15), "")
            if SOURCE_COL.search(fold_same_length(head)) or not head:
                source = s.text.strip()
        cells: list[tuple[_Seg, dict[str, str], str]] = []
        for s in r.nums:
            ci = next((i for i, (c0, c1) in enumerate(t.columns) if s.x0 <= c1 + 2 and s.x1 >= c0 - 2), None)
            if ci is None:
                continue
            if roles[ci].get("year") and YEAR.fullmatch(s.text.strip()):
                period = s.text.strip()
                continue
            cells.append((s, roles[ci], t.headers[ci]))
        if period is None and source:
            years = YEAR.findall(source)
            period = years[-1] if years else None
        for s, role, header in cells:
            value = parse_number(s.text.replace("±", "").replace("~", ""))
            if value is None:
                continue
            dis: dict[str, str] = {}
            if role.get("sex"):
                dis["sex"] = role["sex"]
            elif role.get("total"):
                dis["sex"] = "total"
            if indicator_rows:
                indicator = label
            else:
                indicator = t.caption or header
                dis["group"] = label
                if t.caption and header and not role.get("sex") and not role.get("total"):
                    dis["measure"] = " ".join(header.split())
                elif t.caption and header and role.get("percent") is None and role.get("sex"):
                    pass
            if r.section:
                dis["section"] = r.section
            if not indicator:
                continue
            unit = "percentage" if role.get("percent") or s.text.strip().endswith("%") else "number"
            bbox = (s.x0, r.line.top, s.x1, r.line.bottom)
            obs.append(Observation(
                indicator=indicator, value=value, value_as_written=s.text.strip(), unit=unit, period=period,
                disaggregation=dis, source=source, pillar=pillar or None, page=t.page.number,
                bbox=t.page.to_page_bbox(bbox), method="ruled_table" if t.page.edges else "unruled_table",
                confidence=TABLE_CONFIDENCE))
    return obs


# ---- observations from text ----------------------------------------------------------------------

TEXT_OBS = re.compile(
    r"(?P<ind>(?:number|percentage|proportion|share|rate|nombre|pourcentage|taux|part|numero|porcentaje|"
    r"proporcion|tasa|percentagem|porcentagem|proporcao|taxa|#|%)\b[^:]{5,200}?)\s*:\s*(?P<vals>[^:]+?"
    r"(?:(?:source|fuente|fonte)\s*:\s*[^.;]+)?)\s*(?:\.(?:\s|$)|$)")
VALUE_ITEM = re.compile(
    r"^(?:(?P<sex>men|women|male|female|hommes|femmes|hombres|mujeres|homens|mulheres|total)\s*:?\s*)?"
    r"(?P<num>[±~]?\s*\d[\d.,\s]*?)\s*(?P<pct>%)?\s*(?:\(?(?:in|en|em)?\s*(?P<year>(?:19|20)\d\d)\)?)?$")
SOURCE_ITEM = re.compile(r"^(source|fuente|fonte)\s*:\s*(?P<src>.+)$")
SEX = {"men": "men", "male": "men", "hommes": "men", "hombres": "men", "homens": "men", "women": "women",
       "female": "women", "femmes": "women", "mujeres": "women", "mulheres": "women", "total": "total"}


def observations_from_text(page: PageLayout, lines: list[Line], pillar: str | None) -> list[Observation]:
    obs: list[Observation] = []
    # Paragraph-ish runs of lines joined, keeping each run's line boxes.
    runs: list[list[Line]] = []
    for ln in lines:
        if runs and 0 <= ln.top - runs[-1][-1].bottom < 0.8 * max(w.size for w in ln.words) \
                and not BULLET_RE.match(ln.text):
            runs[-1].append(ln)
        else:
            runs.append([ln])
    for run in runs:
        text = " ".join(ln.text.strip() for ln in run)
        folded = fold_same_length(text)
        for m in TEXT_OBS.finditer(folded):
            indicator = text[m.start("ind"):m.end("ind")].strip()
            vals = text[m.start("vals"):m.end("vals")]
            items = [v.strip() for v in re.split(r",\s+|;\s*", vals) if v.strip()]
            source = None
            parsed: list[tuple[str | None, str, bool, str | None]] = []
            ok = True
            for it in items:
                fi = fold_same_length(it)
                sm = SOURCE_ITEM.match(fi)
                if sm:
                    source = it[sm.start("src"):].strip()
                    continue
                vm = VALUE_ITEM.match(fi)
                if not vm:
                    ok = False
                    break
                parsed.append((vm.group("sex"), it[vm.start("num"):vm.end("num")].strip(), bool(vm.group("pct")),
                               vm.group("year")))
            if not ok or not parsed:
                continue
            years = YEAR.findall(source or "")
            sexes = [SEX[s] for s, *_ in parsed if s]
            bbox = (min(ln.x0 for ln in run), min(ln.top for ln in run), max(ln.x1 for ln in run),
                    max(ln.bottom for ln in run))
            for sex, num, pct, year in parsed:
                value = parse_number(num.replace("±", "").replace("~", ""))
                if value is None:
                    continue
                dis = {}
                if sex:
                    dis["sex"] = SEX[sex]
                elif pct and "women" in sexes:
                    dis["sex"] = "women"
                obs.append(Observation(
                    indicator=indicator, value=value, value_as_written=num + ("%" if pct else ""),
                    unit="percentage" if pct else "number", period=year or (years[-1] if years else None),
                    disaggregation=dis, source=source, pillar=pillar or None, page=page.number,
                    bbox=page.to_page_bbox(bbox), method="narrative", confidence=TEXT_CONFIDENCE))
    return obs


# ---- the whole report ----------------------------------------------------------------------------

@dataclass
class ReportExtraction:
    observations: list[Observation]
    lessons: list[ReportItem]
    challenges: list[ReportItem]
    recommendations: list[ReportItem]
    progress: list[PillarProgress]


def extract_report(pages: list[PageLayout]) -> ReportExtraction:
    # Tables only where pdfplumber read the page in full (see pipeline/pdf/triage.py).
    tables = {p.number: find_tables(p) if p.full else [] for p in pages}
    skip = {n: [t.bbox for t in ts] for n, ts in tables.items()}
    sections = read_sections(pages, skip)
    observations: list[Observation] = []
    for p in pages:
        for t in tables[p.number]:
            observations.extend(observations_from_table(t, _pillar_at(sections, p.number, t.bbox[1])))
        boxes = skip[p.number]
        free = [ln for ln in page_lines(p)
                if not any(b[1] - 2 <= ln.top <= b[3] + 2 for b in boxes)]
        for ob in observations_from_text(p, free, None):
            ob.pillar = _pillar_at(sections, p.number, ob.bbox[1] if ob.bbox else 0)
            observations.append(ob)
    observations.sort(key=lambda o: (o.page, o.bbox[1] if o.bbox else 0))
    return ReportExtraction(observations, sections.lessons, sections.challenges, sections.recommendations,
                            sections.progress)


def _pillar_at(sections: ReportText, page: int, top: float) -> str | None:
    """The pillar of the section a point is in (the last pillar heading before it)."""
    best = None
    for p in sections.progress:
        if (p.page, p.bbox[1] if p.bbox else 0) <= (page, top):
            best = p.pillar
    return best


class ReportStrategy:
    """A progress report: figures in its tables and text, its lessons, challenges and recommendations."""

    method = "report"

    def extract(self, pages: list[PageLayout], context: Context) -> Extraction:
        rep = extract_report(pages)
        return Extraction(observations=rep.observations, lessons=rep.lessons, challenges=rep.challenges,
                          recommendations=rep.recommendations, progress=rep.progress)
