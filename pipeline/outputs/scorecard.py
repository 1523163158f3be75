"""A plan's scorecard: the elements of a high-impact NAP WPS, each with the evidence found or "not found".

Elements (UN Women / ASEAN, "Elements of a High Impact NAP WPS", from the Localisation Toolkit, and the
Global Study's four key elements; ../shared/seeds/003_*.txt). Evidence comes from the plan's own
structures, never from a keyword somewhere in its text:

- ``results_framework``      goals (outputs when the plan has no goal level) with indicators at or below them;
- ``lead_institutions``      activities with a lead institution (their own or their output's or goal's);
- ``budget``                 activities with a budget; else a costed table on a page: a cost or budget
                             column header above at least three amounts;
- ``timeline``               activities with years, quarters or a timeline (as written in the plan);
- ``monitoring_evaluation``  an M&E framework: indicators with a baseline or a target;
- ``coordination``           a coordination body given a mandate: a sentence naming a body (steering
                             committee, coordination committee, secretariat, working group ...) and what it
                             is to do (coordinates, oversees, monitors, is responsible for, shall meet ...),
                             cited as written;
- ``civil_society``          institutions of type ``cso`` named in the logframe, with their role.

Each element cites the records (codes, pages) or the sentence and page. Sentences need the PDF
(``document.source_path``); when it is not there, ``coordination`` and a costed table are "not found"
with a note saying the text could not be read. A progress report is never scored (``NotAPlanError``).
Words are in en, fr, es and pt.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from extractors.narrative import is_toc_page
from pipeline.errors import NaplogError
from pipeline.outputs.compare import activity_leads, plan_label
from pipeline.pdf import reader
from pipeline.pdf.furniture import strip_running_text
from pipeline.pdf.lines import group_lines, split_line_at_gaps
from pipeline.pdf.model import PageLayout
from pipeline.records import Logframe, is_plan
from pipeline.settings import output_settings
from pipeline.text.fold import fold


@dataclass
class Evidence:
    page: int
    source: str  # records | text (a sentence) | table (a costed table on the page)
    detail: str


@dataclass
class Element:
    id: str
    name: str
    found: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    note: str | None = None

    @property
    def pages(self) -> list[int]:
        return sorted({e.page for e in self.evidence})


@dataclass
class Scorecard:
    document_id: int | None
    label: str
    source_path: str
    elements: list[Element]

    @property
    def score(self) -> tuple[int, int]:
        return sum(1 for e in self.elements if e.found), len(self.elements)

    def as_dict(self) -> dict:
        return {"document_id": self.document_id, "label": self.label, "source_path": self.source_path,
                "score": f"{self.score[0]}/{self.score[1]}",
                "elements": [{**asdict(e), "pages": e.pages} for e in self.elements]}


NAMES = {
    "results_framework": "Results framework with indicators",
    "lead_institutions": "Assigned lead institutions",
    "budget": "Costing / budget",
    "timeline": "Timeline on activities",
    "monitoring_evaluation": "M&E framework: indicators with baselines or targets",
    "coordination": "Coordination body with a mandate",
    "civil_society": "Role of civil society",
}


class NotAPlanError(NaplogError):
    """The scorecard scores plans; a progress report measures one."""


# ---- sentences and tables on the pages -------------------------------------------------------------

@dataclass
class PageText:
    """A page's prose read column by column (two-column pages are common in plans), and its lines."""

    number: int
    prose: str
    lines: list[str]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý“\"(])|;\s+")


def read_page(page: PageLayout) -> PageText:
    """The page's text, a two-column page's left column before its right one: a vertical gutter that
    at least a third of the page's lines have a wide gap across."""
    lines = group_lines(page.words)
    gap = 3 * max(1.0, _median_size(page))
    parts = [split_line_at_gaps(line, gap) for line in lines]
    gutter = _gutter(parts, page.width)
    columns: list[list[str]] = [[], []]
    for segments in parts:
        for seg in segments:
            columns[gutter is not None and seg.x0 >= gutter].append(seg.text)
    prose = " ".join(" ".join(col) for col in columns)
    prose = re.sub(r"(\w)- (\w)", r"\1\2", prose)  # words hyphenated at a line's end
    return PageText(page.number, " ".join(prose.split()), [line.text for line in lines])


def _median_size(page: PageLayout) -> float:
    sizes = sorted(w.size for w in page.words)
    return sizes[len(sizes) // 2] if sizes else 10.0


def _gutter(parts: list, width: float) -> float | None:
    """The x of a gap between two columns of prose shared by a third of the lines, in the page's middle."""
    mids: dict[int, int] = {}
    for segments in parts:
        for a, b in zip(segments, segments[1:]):
            mid = (a.x1 + b.x0) / 2
            if 0.3 * width <= mid <= 0.7 * width:
                mids[round(mid / 10)] = mids.get(round(mid / 10), 0) + 1
    if not mids or not parts:
        return None
    key, n = max(mids.items(), key=lambda kv: kv[1])
    near = n + mids.get(key - 1, 0) + mids.get(key + 1, 0)
    return key * 10.0 if near >= max(4, len(parts) / 3) else None


def sentences(page: PageText) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(page.prose) if 20 <= len(s.strip()) <= 500]


# A coordination body, and a mandate given to it, in one sentence (folded text). The UN Security Council
# of "Resolution 1325 of the Security Council" is not the plan's body.
BODY = re.compile(
    r"\b(steering committee|coordinat\w* (committee|council|body|mechanism|unit|group|platform|team)|"
    r"coordinating (body|ministry|agency)|(government |national |coordinating )?bod(y|ies)|"
    r"(steering|coordination|guidance|institutional) mechanisms?|working group|task ?force|secretariat|committee|"
    r"council|commission|"
    r"comite|conseil|secretariat|cellule de coordination|groupe de travail|plate-?forme|"
    r"comision|consejo|mesa (interinstitucional|tecnica)|secretaria (tecnica|ejecutiva)|grupo de trabajo|"
    r"comite|comissao|conselho|secretariado|grupo de trabalho)\b")
NOT_A_BODY = re.compile(
    r"\b(security council|conseil de securite|consejo de seguridad|conselho de seguranca|human rights council|"
    r"commission on the status of women|council of ministers|conseil des ministres|consejo de ministros|"
    r"conselho de ministros|european commission)\b")
MANDATE = re.compile(
    r"\b(coordinat(es|e|ed|ing)|oversee\w*|supervis\w+|is (responsible|mandated|charged|tasked)|"
    r"(are|will be|shall be) (responsible|mandated|charged|tasked)|responsible for|mandate|monitors|"
    r"(to|will|shall|which|that) monitor|"
    r"(reviewed|approved|monitored|coordinated|overseen|chaired|led|convened) by|"
    r"shall|will (meet|review|report|lead|guide|ensure|approve|track|use)|meets|reports?( \w+){0,3} to|"
    r"est charge|sont charges|sera charge|a pour (mandat|mission|role)|assure\w* (la coordination|le suivi|"
    r"le pilotage)|coordonne\w*|supervise\w*|veille\w*|se reunit|preside\w*|"
    r"sera responsable|es responsable|tendra (a su cargo|el mandato)|coordinara|supervisara|se reunira|"
    r"sera responsavel|e responsavel|cabe ao?|coordenara|supervisionara|reunir-se-a)\b")


def gives_a_mandate(sentence: str) -> bool:
    """A sentence that names a coordination body and, near it (within ``MANDATE_REACH`` characters
    before or after its name), what it is to do: "the Steering Committee will meet ...", "coordinated by
    the National Council", not a committee named in passing in a sentence about something else."""
    folded = NOT_A_BODY.sub(lambda m: " " * len(m.group()), fold(sentence))
    for body in BODY.finditer(folded):
        # The body's own name does not count ("Technical Committee for Monitoring", "coordinating body").
        near = folded[max(0, body.start() - MANDATE_REACH):body.start()] + " | " + \
            folded[body.end():body.end() + MANDATE_REACH]
        if MANDATE.search(near):
            return True
    return False


MANDATE_REACH = 100


def mandate_sentences(pages: list[PageText], limit: int) -> list[Evidence]:
    """Sentences that give a coordination body a mandate, the first on each page, up to ``limit`` pages."""
    found: list[Evidence] = []
    for page in pages:
        for sentence in sentences(page):
            if gives_a_mandate(sentence):
                found.append(Evidence(page.number, "text", f"“{sentence}”"))
                break
        if len(found) >= limit:
            break
    return found


COST_HEADER = re.compile(r"^(estimated |indicative |total )?(cost|costs|budget|cout|couts|cout estimatif|"
                         r"budget estimatif|presupuesto|costo|coste|orcamento|custo)s?\b.{0,25}$")
# A cell holding an amount: "1 313", "101,75", "USD 150,000", "6M", "FCFA 25 000 000", "2.5 million".
AMOUNT_CELL = re.compile(r"^(usd|us\$|\$|eur|€|fcfa|xof|xaf|kes|ksh)?\s*\d[\d\s.,]*\s*(m|k|bn|million|millions|"
                         r"milliards?|mio|usd|fcfa|xof)?$")


def costed_tables(pages: list[PageLayout], limit: int) -> list[Evidence]:
    """Pages with a cost or budget column: a short header cell ("Estimated costs (US$)", "Budget
    (FCFA)") above at least three cells that hold amounts, in the header's column."""
    found: list[Evidence] = []
    for page in pages:
        gap = 3 * max(1.0, _median_size(page))
        header = None
        amounts: list[str] = []
        for line in group_lines(page.words):
            for seg in split_line_at_gaps(line, gap):
                text = seg.text
                if header is None and COST_HEADER.match(fold(text)):
                    header = seg
                elif header is not None and seg.top >= header.bottom and seg.x1 >= header.x0 - 20 \
                        and seg.x0 <= header.x1 + 20 and AMOUNT_CELL.match(fold(text)):
                    amounts.append(text)
        if header is not None and len(amounts) >= 3:
            shown = ", ".join(f"“{a}”" for a in amounts[:3])
            found.append(Evidence(page.number, "table", f"a cost column “{header.text}” above {len(amounts)} "
                                                        f"amounts: {shown}" + (" …" if len(amounts) > 3 else "")))
        if len(found) >= limit:
            break
    return found


def read_pages(source_path: str) -> list[PageLayout] | None:
    """The document's pages without running heads and footers, tables of contents left out; None when
    the PDF is not there or unreadable."""
    path = Path(source_path)
    if not path.is_file():
        return None
    try:
        # A table of contents names chapters ("Coordination and monitoring"), not arrangements.
        pdf_pages = reader.read_pdf(path, triage=False).pages
        strip_running_text(pdf_pages)  # "Page 22" heads and footers are not part of a sentence
        layouts = [p for p in pdf_pages if not is_toc_page(p)]
    except NaplogError:
        return None
    return layouts


# ---- the scorecard ---------------------------------------------------------------------------------

def _grouped(items: list[tuple[int, str]], what: str) -> list[Evidence]:
    by_page: dict[int, list[str]] = {}
    for page, label in items:
        by_page.setdefault(page, []).append(label)
    return [Evidence(page, "records", f"{len(labels)} {what}: {', '.join(labels[:6])}"
                                      + (" …" if len(labels) > 6 else ""))
            for page, labels in sorted(by_page.items())]


def _label(code: str | None, text: str | None, kind: str) -> str:
    if code:
        return f"{kind} {code}"
    return f"{kind} “{(text or '')[:40]}”"


def scorecard(lf: Logframe, pages: list[PageLayout] | None = None, read_pdf: bool = True) -> Scorecard:
    """Score one plan. ``pages``: its pages (``read_pages``); else they are read from the PDF when it
    exists. A report is not scored: ``NotAPlanError``."""
    doc = lf.document
    if not is_plan(doc.kind):
        raise NotAPlanError(f"{doc.source_path}: a progress report, not a plan: it is not scored (the scorecard "
                            f"scores plans; this document's kind is {doc.kind!r}); `naplog compare` shows what "
                            "it reports against its plan's indicators")
    if pages is None and read_pdf:
        pages = read_pages(doc.source_path)
    elements = {key: Element(key, name) for key, name in NAMES.items()}
    _record_evidence(lf, elements)
    limit = output_settings().scorecard_pages
    if pages is None:
        note = f"the PDF text could not be read ({doc.source_path} not found); its sentences and tables not searched"
        elements["coordination"].note = note
        if not elements["budget"].evidence:
            elements["budget"].note = note
    else:
        elements["coordination"].evidence = mandate_sentences([read_page(p) for p in pages], limit)
        if not elements["budget"].evidence:  # budgets on the activities are the evidence that matters
            elements["budget"].evidence = costed_tables(pages, limit)
    for el in elements.values():
        el.found = bool(el.evidence)
    return Scorecard(doc.id, plan_label(lf), doc.source_path, list(elements.values()))


TIME = re.compile(
    r"\b((19|20)\d\d|q[1-4]|years?|months?|quarters?|weeks?|(short|medium|mid|long)[- ]?term|ongoing|continuous|"
    r"annual\w*|yearly|monthly|immediate\w*|phase|ans|annees?|mois|trimestres?|semestres?|(court|moyen|long) terme|"
    r"en continu|permanent|annuel\w*|anos?|meses|(corto|mediano|largo) plazo|(curto|medio|longo) prazo|"
    r"continuo|ct|mt|lt)\b")


def states_a_time(timeline: str | None) -> bool:
    """A timeline cell that says when ("2025-2027", "Short-term (1-6 years)", "Q3", "CT/MT"), not an
    amount or a sentence read into a timeline column."""
    return bool(timeline) and TIME.search(fold(timeline)) is not None


def _record_evidence(lf: Logframe, elements: dict[str, Element]) -> None:
    """The elements the logframe's records show: results framework, leads, budgets, timelines, M&E, CSOs."""
    framework: list[tuple[int, str]] = []
    for g in lf.goals:
        units = [(g.code, g.text, g.page, "goal", [g, *g.outputs, *(a for o in g.outputs for a in o.activities)])]
        if not g.text:
            units = [(o.code, o.text, o.page, "output", [o, *o.activities]) for o in g.outputs]
        for code, text, page, kind, levels in units:
            n = sum(len(lv.indicators) for lv in levels)
            if n:
                framework.append((page, f"{_label(code, text, kind)} ({n} indicators)"))
    elements["results_framework"].evidence = _grouped(framework, "results with indicators")

    leads, budgets, timelines = [], [], []
    for g in lf.goals:
        for o in g.outputs:
            for a in o.activities:
                label = _label(a.code, a.text, "activity")
                if activity_leads(g, o, a):
                    leads.append((a.page, label))
                if a.budget is not None:
                    budgets.append((a.page, f"{label} ({a.budget.as_written})"))
                if a.years or a.quarters or states_a_time(a.timeline):
                    when = a.timeline or ", ".join(map(str, a.years or a.quarters))
                    timelines.append((a.page, f"{label} ({when[:30]})"))
    elements["lead_institutions"].evidence = _grouped(leads, "activities with a lead institution")
    elements["budget"].evidence = _grouped(budgets, "activities with a budget")
    elements["timeline"].evidence = _grouped(timelines, "activities with a timeline")

    measured = []
    for i in lf.indicators():
        if i.baseline or i.target:
            bits = [f"{what} {value[:25]}" for what, value in (("baseline", i.baseline), ("target", i.target)) if value]
            measured.append((i.page, f"“{i.text[:40]}” ({', '.join(bits)})"))
    me = elements["monitoring_evaluation"]
    me.evidence = _grouped(measured, "indicators with a baseline or target")
    verified = sorted({i.page for i in lf.indicators() if i.means_of_verification})
    if not me.evidence and verified:
        me.note = (f"indicators with a means of verification on {_pages(verified)}, none with a baseline or target")

    csos = [(lv.page, f"{inst.name} ({inst.role})") for lv in [*lf.goals, *lf.outputs(), *lf.activities()]
            for inst in lv.institutions if inst.type == "cso"]
    elements["civil_society"].evidence = _grouped(csos, "civil society organisations in the logframe")


def _pages(pages: list[int]) -> str:
    return ", ".join(f"p{p}" for p in pages)


def to_text(card: Scorecard) -> str:
    lines = [f"Plan scorecard: {card.label} (document {card.document_id}) — {card.score[0]}/{card.score[1]} elements"]
    for el in card.elements:
        pages = _pages(el.pages)
        lines.append(f"[{'x' if el.found else ' '}] {el.name}: " + (f"found on {pages}" if el.found else "not found"))
        for ev in el.evidence:
            lines.append(f"      p{ev.page} ({ev.source}) {ev.detail}")
        if el.note:
            lines.append(f"      note: {el.note}")
    return "\n".join(lines)
