"""A progress report's sections: lessons learned, challenges and recommendations, and the prose of
each pillar's section.

- **Lessons, challenges, recommendations**: bulleted or numbered items under those headings (en, fr,
  es, pt), continued over lines and pages; prose paragraphs in those sections are not items.
- **Per-pillar progress**: the prose of each pillar section ("Axe Prévention", "Eje 1: Participación").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.cells import BULLET_RE
from pipeline.pdf.lines import page_lines
from pipeline.pdf.model import WORD_SIZE, Line, PageLayout
from pipeline.records import PillarProgress, ReportItem
from pipeline.text import wps_taxonomy as tax
from pipeline.text.fold import fold_same_length

TEXT_CONFIDENCE = 0.6


# ---- report structure: headings, sections -------------------------------------------------------

HEAD_MARK = re.compile(r"^\s*(?:[.\-–]\s*|[a-z]\s*\)\s*\.?\s*|[a-z]\.\s+|\d+(?:\.\d+)*\s*[.)]?\s*|[ivx]+\s*[.)]\s*)?",
                       re.IGNORECASE)
# Heading words of each list, in the four languages; reports name them in many ways ("Leçons
# apprises", "Enseignements tirés", "Bonnes pratiques"; "Défis à relever", "Difficultés rencontrées",
# "Contraintes"; "Recommandations", "Suggestions", "Pistes d'action", "Way forward").
LESSONS = re.compile(r"\b(lecons?( apprises)?|enseignements?( tires)?|bonnes pratiques|acquis|lessons?( learn(ed|t))?|"
                     r"learnings?|good practices|what worked|lecciones aprendidas|aprendizajes|buenas practicas|"
                     r"licoes aprendidas|aprendizados|boas praticas)\b")
CHALLENGES = re.compile(r"\b(defis|challenges|desafios|retos|difficultes|difficulties|contraintes|constraints|obstacles|"
                        r"goulots? d.etranglement|bottlenecks|gaps|lacunes|faiblesses|weaknesses|problemes rencontres|"
                        r"dificultades|dificuldades)\b")
RECOMMENDATIONS = re.compile(r"\b(recommandations?|recommendations?|recomendaciones|recomendacoes|suggestions|"
                             r"propositions|pistes d.action|way forward|the way forward|next steps|prochaines etapes|"
                             r"sugerencias|propuestas|sugestoes|propostas)\b")
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
    as_written = text[len(text) - len(text.lstrip()):].strip()
    first = HEAD_MARK.sub("", as_written, count=1).lstrip(" .:)")
    if (first[:1].islower() and not line.bold) or (as_written.endswith(".") and not as_written.endswith("..")):
        return None  # the end of a sentence ("compte les faiblesses de l'ancien Plan."), not a heading
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


class _SectionReader:
    """Reads the report line by line: which section a line is in, the list item it starts or
    continues, the prose of the pillar section it belongs to."""

    def __init__(self) -> None:
        self.out = ReportText()
        self.section: _Heading | None = None
        self.item: _Item | None = None
        self.prev: Line | None = None
        self.progress: PillarProgress | None = None
        self.chunks: list[str] = []

    @property
    def in_list(self) -> bool:
        return self.section is not None and self.section.kind in ("lessons", "challenges", "recommendations")

    def close_item(self) -> None:
        if self.item is not None and self.in_list:
            getattr(self.out, self.section.kind).append(self.item.record(TEXT_CONFIDENCE))  # type: ignore[union-attr]
        self.item = None

    def close_progress(self) -> None:
        if self.progress is not None:
            self.progress.text = " ".join(self.chunks).strip() or self.progress.heading
            self.out.progress.append(self.progress)
        self.progress, self.chunks = None, []

    def heading(self, h: _Heading, line: Line, page: PageLayout) -> None:
        self.close_item()
        if h.kind == "pillar":
            self.close_progress()
            self.progress = PillarProgress(pillar=h.pillar or "other", heading=h.text, text=h.text,
                                           page=page.number, bbox=line_bbox(line), method="narrative",
                                           confidence=TEXT_CONFIDENCE)
        elif self.progress is not None:
            self.close_progress()
        self.section = h

    def continues_item(self, line: Line, page: PageLayout) -> bool:
        """A line that carries on the open item: right under its last line, or at the top of the
        next page, not left of the item's text."""
        item, prev = self.item, self.prev
        if item is None or prev is None or line.x0 < item.x_text - 40:
            return False
        size = max(map(WORD_SIZE, line.words), default=10.0)
        if prev in item.lines:
            return 0 <= line.top - prev.bottom < 0.9 * size
        return line.top < 0.25 * page.height and item.page == page.number - 1

    def list_line(self, line: Line, text: str, page: PageLayout) -> None:
        body = _strip_item(text)
        if body:
            self.close_item()
            bullet_first = BULLET_RE.match(line.words[0].text) and len(line.words) > 1
            self.item = _Item(body, page.number, [line], line.words[1].x0 if bullet_first else line.x0)
        elif self.continues_item(line, page):
            self.item.text = _join(self.item.text, text)  # type: ignore[union-attr]
            self.item.lines.append(line)  # type: ignore[union-attr]
        else:
            self.close_item()

    def line(self, line: Line, page: PageLayout) -> None:
        text = line.text.strip()
        if not text:
            return
        h = _heading(text, line)
        if h is not None:
            self.heading(h, line, page)
        elif self.in_list:
            self.list_line(line, text, page)
        elif self.progress is not None and _is_prose(text):
            self.chunks.append(text)
        self.prev = line


def read_sections(pages: list[PageLayout], skip: dict[int, list[tuple[float, float, float, float]]]) -> ReportText:
    """Lists under lessons / challenges / recommendations headings and the prose of pillar sections.
    ``skip`` holds, per page, the boxes of tables already read as observations."""
    reader = _SectionReader()
    for page in pages:
        boxes = skip.get(page.number, [])
        section = reader.section
        reader.out.pillar_pages[page.number] = section.pillar if section is not None and section.kind == "pillar" \
            else ""
        for line in page_lines(page):
            if any(b[1] - 2 <= line.top <= b[3] + 2 and line.x0 >= b[0] - 5 and line.x1 <= b[2] + 5 for b in boxes):
                reader.prev = None
                continue
            reader.line(line, page)
    reader.close_item()
    reader.close_progress()
    return reader.out


def line_bbox(line: Line) -> tuple[float, float, float, float]:
    return (line.x0, line.top, line.x1, line.bottom)

