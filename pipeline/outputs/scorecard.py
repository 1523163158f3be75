"""A NAP scorecard: the elements of a high-impact NAP WPS, each with the evidence found or "not found".

Elements (UN Women / ASEAN, "Elements of a High Impact NAP WPS", from the Localisation Toolkit, and the
Global Study's four key elements; ../shared/seeds/003_*.txt):

- ``results_framework``      a results framework with indicators: pages of goals (outputs when the plan
                             has no goal level) that have indicators at or below them;
- ``lead_institutions``      assigned lead institutions: pages of activities with a lead (their own or
                             their output's or goal's);
- ``budget``                 costing / budget: pages of activities with a budget; else pages whose text
                             speaks of costing, budget or funding;
- ``timeline``               pages of activities with years, quarters or a timeline;
- ``monitoring_evaluation``  an M&E arrangement: pages whose text names monitoring and evaluation,
                             plus pages of indicators with a means of verification;
- ``coordination``           a coordination arrangement (coordinating body, steering committee, secretariat);
- ``civil_society``          a role for civil society: pages naming civil society / women's organisations,
                             plus pages of records naming an institution of type ``cso``.

Text evidence needs the PDF (``document.source_path``); when it is not there, text-only elements are
"not found" with a note saying the text could not be read. Keywords are in en, fr, es and pt.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from extractors.acronyms import is_list_page
from pipeline.errors import NaplogError
from pipeline.outputs.compare import activity_leads, plan_label
from pipeline.pdf.reader import read_pdf
from pipeline.records import Logframe
from pipeline.settings import output_settings
from pipeline.text.fold import fold_with_positions
from pipeline.text.wps_taxonomy import Category, _pattern


@dataclass
class Evidence:
    page: int
    source: str  # records | text
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
    "timeline": "Timeline",
    "monitoring_evaluation": "Monitoring and evaluation arrangements",
    "coordination": "Coordination arrangements",
    "civil_society": "Role of civil society",
}

TEXT_KEYWORDS: dict[str, Category] = {
    "budget": Category("budget", NAMES["budget"], (
        "budget*", "costing", "costed", "cost estimate*", "funding", "financing", "resource mobili*",
        "coût*", "chiffrage", "financement*", "budgétisation",
        "presupuest*", "costeo", "financiamiento", "financiación",
        "orçament*", "custeio", "financiamento",
    ), kind="nap_element"),
    "monitoring_evaluation": Category("monitoring_evaluation", NAMES["monitoring_evaluation"], (
        "monitoring and evaluation", "monitoring & evaluation", "m&e", "monitoring framework", "evaluation plan",
        "mid-term review", "progress report*", "results-based monitoring",
        "suivi et évaluation", "suivi-évaluation", "suivi et l'évaluation", "rapport d'étape", "revue à mi-parcours",
        "seguimiento y evaluación", "monitoreo y evaluación", "informe de progreso", "evaluación de medio término",
        "monitoria e avaliação", "monitorização e avaliação", "acompanhamento e avaliação", "seguimento e avaliação",
        "relatório de progresso",
    ), kind="nap_element"),
    "coordination": Category("coordination", NAMES["coordination"], (
        "coordinating body", "coordination mechanism*", "coordination committee", "steering committee",
        "secretariat", "technical working group", "coordination group", "national committee",
        "comité de pilotage", "comité de coordination", "mécanisme de coordination", "secrétariat", "comité national",
        "comité directivo", "comité de coordinación", "mecanismo de coordinación", "secretaría", "comité nacional",
        "comissão de coordenação", "comité de coordenação", "comitê de coordenação", "mecanismo de coordenação",
        "secretariado", "comité de pilotagem", "comissão nacional",
    ), kind="nap_element"),
    "civil_society": Category("civil_society", NAMES["civil_society"], (
        "civil society", "cso", "csos", "women's organi*", "womens organi*", "women's rights organi*",
        "non-governmental organi*", "ngo", "ngos", "community-based organi*",
        "société civile", "osc", "organisations de femmes", "organisations féminines", "ong",
        "sociedad civil", "organizaciones de mujeres", "organizaciones de la sociedad civil",
        "sociedade civil", "organizações de mulheres", "organizações da sociedade civil",
    ), kind="nap_element"),
}


def search_pages(pages: list[tuple[int, str]], cat: Category, limit: int | None = None) -> list[Evidence]:
    """Pages whose text matches the category's keywords, with a snippet around the first match."""
    found: list[Evidence] = []
    for number, text in pages:
        folded, idx = fold_with_positions(text)
        first = None
        for kw in cat.keywords:
            m = _pattern(kw).search(folded)
            if m and (first is None or m.start() < first.start()):
                first = m
        if first is None:
            continue
        start, end = idx[first.start()], idx[first.end() - 1] + 1
        lo, hi = max(0, start - 70), min(len(text), end + 70)
        snippet = " ".join(text[lo:hi].split())
        found.append(Evidence(number, "text", f"“{text[start:end]}”: …{snippet}…"))
        if len(found) >= (output_settings().scorecard_pages if limit is None else limit):
            break
    return found


def page_texts(source_path: str) -> list[tuple[int, str]] | None:
    """(page number, text) of the document's PDF, or None when the PDF is not there or unreadable."""
    path = Path(source_path)
    if not path.is_file():
        return None
    try:
        # An abbreviations page names "M&E" or "CSOs" without saying anything about arrangements.
        return [(p.number, p.text()) for p in read_pdf(path, triage=False).pages if not is_list_page(p)]
    except NaplogError:
        return None


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


def scorecard(lf: Logframe, pages: list[tuple[int, str]] | None = None, read_pdf: bool = True) -> Scorecard:
    """Score one plan. ``pages`` gives the page texts; else they are read from the PDF when it exists.
    A progress report is not a plan: ``NaplogError``."""
    if lf.document.kind == "report":
        raise NaplogError(f"{lf.document.source_path}: a progress report, not a plan: it is not scored "
                          "(`naplog compare` shows what it reports against its plan's indicators)")
    if pages is None and read_pdf:
        pages = page_texts(lf.document.source_path)
    elements = {key: Element(key, name) for key, name in NAMES.items()}

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
                if a.years or a.quarters or a.timeline:
                    timelines.append((a.page, label))
    elements["lead_institutions"].evidence = _grouped(leads, "activities with a lead institution")
    elements["budget"].evidence = _grouped(budgets, "activities with a budget")
    elements["timeline"].evidence = _grouped(timelines, "activities with a timeline")

    mov = [(i.page, f"“{i.text[:40]}”") for i in lf.indicators() if i.means_of_verification]
    elements["monitoring_evaluation"].evidence = _grouped(mov, "indicators with a means of verification")
    csos = []
    levels = [*lf.goals, *lf.outputs(), *lf.activities()]
    for lv in levels:
        for inst in lv.institutions:
            if inst.type == "cso":
                csos.append((lv.page, f"{inst.name} ({inst.role})"))
    elements["civil_society"].evidence = _grouped(csos, "civil society institutions named")

    for key, cat in TEXT_KEYWORDS.items():
        el = elements[key]
        if key == "budget" and el.evidence:
            continue  # budgets read from the logframe are the evidence that matters
        if pages is None:
            el.note = (f"the PDF text could not be read ({lf.document.source_path} not found); "
                       "text evidence not searched")
            continue
        el.evidence.extend(search_pages(pages, cat))
        el.evidence.sort(key=lambda e: (e.page, e.source))
    for el in elements.values():
        el.found = bool(el.evidence)
    return Scorecard(lf.document.id, plan_label(lf), lf.document.source_path, list(elements.values()))


def to_text(card: Scorecard) -> str:
    lines = [f"NAP scorecard: {card.label} (document {card.document_id}) — {card.score[0]}/{card.score[1]} elements"]
    for el in card.elements:
        pages = ", ".join(f"p{p}" for p in el.pages)
        lines.append(f"[{'x' if el.found else ' '}] {el.name}: " + (f"found on {pages}" if el.found else "not found"))
        for ev in el.evidence:
            lines.append(f"      p{ev.page} ({ev.source}) {ev.detail}")
        if el.note:
            lines.append(f"      note: {el.note}")
    return "\n".join(lines)
