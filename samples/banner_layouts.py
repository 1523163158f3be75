"""Action tables whose parents are printed above them, as many national plans lay them out.

Each sample is a plan whose results framework is a series of small tables of measures, one per
strategic objective, each table under its banners: an outcome ("OUTCOME 1. ...") and a strategic
objective ("STRATEGIC OBJECTIVE 1. ..."), set in capitals with space between the letters (the
text layer then gives "STRA TE GI C"). The tables rule their columns in the header only: a body
row is a number and one ruled cell across the rest of the table while its text sits in the
header's columns. Each measure
lists its indicative outputs as dash items beside it. Every page has a running footer that carries
its page number ("Plan ... 3"), and one page a footnote. What they test (tests/test_layouts.py and
the accuracy benchmark): banners above a table become its goal and output, the output column
right of the measures gives each measure's indicators, spanning body cells are split by the
header's columns, letter-spaced words are joined, and footers and footnotes give no record.

    python -m samples.banner_layouts [OUT_DIR]
"""

from __future__ import annotations

import json
import pathlib
import sys
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas

HERE = pathlib.Path(__file__).resolve().parent
W, H = A4
LEFT, RIGHT = 60.0, W - 60.0
BODY, SMALL = 10.0, 8.0
FONT, BOLD = "Helvetica", "Helvetica-Bold"
# Column edges: number | measure | indicative outputs | alignment
COLS = [LEFT, LEFT + 24, LEFT + 220, LEFT + 410, RIGHT]


@dataclass
class Measure:
    text: str
    outputs: list[str]
    alignment: str


@dataclass
class Objective:
    text: str
    measures: list[Measure]


@dataclass
class Outcome:
    text: str
    objectives: list[Objective]


@dataclass
class Language:
    name: str  # file name
    lang: str
    country: str
    republic: str  # the cover's first line, which names the country
    title: str
    footer: str
    outcome: str  # banner labels
    objective: str
    headers: tuple[str, str, str]
    intro: str
    footnote: str
    outcomes: list[Outcome]


def _wrap(text: str, width: float, font: str = FONT, size: float = BODY) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if stringWidth(trial, font, size) <= width:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


class Doc:
    """A page cursor that draws the running footer on every page."""

    def __init__(self, path: pathlib.Path, lang: Language):
        self.c = rl_canvas.Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
        self.c.setTitle(lang.title)
        self.c.setCreator("naplog sample generator")
        self.lang = lang
        self.page = 1
        self.y = H - 60

    def footer(self) -> None:
        self.c.setFont(FONT, SMALL)
        self.c.drawString(LEFT, 30, f"{self.lang.footer} {self.page}")

    def new_page(self) -> None:
        self.footer()
        self.c.showPage()
        self.page += 1
        self.y = H - 60

    def need(self, height: float) -> None:
        if self.y - height < 70:
            self.new_page()

    def text(self, text: str, font: str = FONT, size: float = BODY, gap: float = 6) -> None:
        for ln in _wrap(text, RIGHT - LEFT, font, size):
            self.need(size + 3)
            self.c.setFont(font, size)
            self.c.drawString(LEFT, self.y - size, ln)
            self.y -= size + 3
        self.y -= gap

    def spaced(self, label: str, text: str) -> None:
        """A banner in capitals with space between the letters (1.1 pt: just over the word builder's
        tolerance, as in plans typeset with tracking), wrapped."""
        words = f"{label} {text}".upper().split()
        lines: list[list[str]] = [[]]
        for w in words:
            trial = " ".join(lines[-1] + [w])
            if stringWidth(trial, BOLD, BODY) + 1.1 * len(trial) + 2.5 * trial.count(" ") > RIGHT - LEFT:
                lines.append([w])
            else:
                lines[-1].append(w)
        self.need(len(lines) * (BODY + 4) + 8)
        for words_on_line in lines:
            self.c.saveState()  # the character and word spacing are page state: this line only
            t = self.c.beginText(LEFT, self.y - BODY)
            t.setFont(BOLD, BODY)
            t.setCharSpace(1.1)
            t.setWordSpace(2.5)
            t.textLine(" ".join(words_on_line))
            self.c.drawText(t)
            self.c.restoreState()
            self.y -= BODY + 4
        self.y -= 6

    def header(self) -> None:
        h = 3 * (BODY + 3) + 6
        self.need(h + 60)
        top = self.y
        self.c.setFont(BOLD, BODY)
        for (x0, x1), text in zip(zip(COLS[1:], COLS[2:]), self.lang.headers):
            for k, ln in enumerate(_wrap(text, x1 - x0 - 8, BOLD)):
                self.c.drawString(x0 + 4, top - BODY - 3 - k * (BODY + 2), ln)
        self.c.setLineWidth(0.6)
        self.c.line(LEFT, top, RIGHT, top)
        self.c.line(LEFT, top - h, RIGHT, top - h)
        for x in COLS:  # column rules in the header only
            self.c.line(x, top, x, top - h)
        self.y = top - h

    def row(self, number: int, m: Measure) -> None:
        left = _wrap(m.text, COLS[2] - COLS[1] - 8)
        mid: list[str] = []
        for item in m.outputs:
            wrapped = _wrap(item, COLS[3] - COLS[2] - 18)
            mid += ["- " + wrapped[0]] + ["  " + w for w in wrapped[1:]]
        right = _wrap(m.alignment, COLS[4] - COLS[3] - 8)
        n = max(len(left), len(mid), len(right))
        h = n * (BODY + 3) + 8
        if self.y - h < 70:
            self.new_page()
            self.header()
        top = self.y
        self.c.setFont(FONT, BODY)
        self.c.drawRightString(COLS[1] - 4, top - BODY - 3, str(number))
        for col, lines in ((COLS[1], left), (COLS[2], mid), (COLS[3], right)):
            for k, ln in enumerate(lines):
                self.c.drawString(col + 4, top - BODY - 3 - k * (BODY + 3), ln)
        # A rule under the row, the table's outer border and the number's column: none between
        # the measure, its outputs and the alignment, whose text keeps to the header's columns.
        self.c.line(LEFT, top - h, RIGHT, top - h)
        for x in (LEFT, COLS[1], RIGHT):
            self.c.line(x, top, x, top - h)
        self.y = top - h

    def footnote(self, text: str) -> None:
        self.c.setLineWidth(0.4)
        self.c.line(LEFT, 62, LEFT + 120, 62)
        self.c.setFont(FONT, 7)
        self.c.drawString(LEFT, 52, f"1 {text}")

    def save(self) -> None:
        self.footer()
        self.c.save()


def build(lang: Language, out: pathlib.Path) -> list[pathlib.Path]:
    pdf = out / f"{lang.name}.pdf"
    doc = Doc(pdf, lang)
    doc.text(lang.republic, BOLD, 12, gap=4)
    doc.text(lang.title, BOLD, 16, gap=14)
    doc.text(lang.intro + "1")
    doc.footnote(lang.footnote)
    goals = []
    number = 0
    for i, outcome in enumerate(lang.outcomes, 1):
        doc.y -= 8
        doc.spaced(f"{lang.outcome} {i}.", outcome.text)
        goal = {"code": str(i), "text": outcome.text.upper(), "level_name": lang.outcome.title(), "pillar": None,
                "page": doc.page, "indicators": [], "institutions": [], "outputs": []}
        goals.append(goal)
        for j, objective in enumerate(outcome.objectives, 1):
            doc.spaced(f"{lang.objective} {j}.", objective.text)
            output = {"code": str(j), "text": objective.text.upper(), "level_name": lang.objective.title(),
                      "page": doc.page, "indicators": [], "institutions": [], "activities": []}
            goal["outputs"].append(output)
            doc.header()
            for m in objective.measures:
                number += 1
                doc.row(number, m)
                output["activities"].append({
                    "code": str(number), "text": m.text, "level_name": lang.headers[0], "page": doc.page,
                    "indicators": [{"text": o} for o in m.outputs], "institutions": [], "years": [],
                    "quarters": [], "timeline": None, "budget": None})
            doc.y -= 10
    doc.save()
    expected = {
        "file": pdf.name, "scope_pages": None,
        "document": {"kind": "adaptation_plan", "language": lang.lang, "country": lang.country, "plan_period": None},
        "goals": goals,
        "notes": "Banners above each table: the outcome is the goal, the strategic objective its output, each "
                 "numbered measure an activity whose indicative outputs (an output column right of the measures) "
                 "are its indicators. The running footer with its page number and the footnote give no record.",
    }
    path = out / f"{lang.name}.expected.json"
    path.write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [pdf, path]


EN = Language(
    name="en_banner_action_tables", lang="en", country="Tamora", republic="Republic of Tamora",
    title="Tamora National Adaptation and Resilience Plan: priority measures",
    footer="National Adaptation and Resilience Plan of Tamora", outcome="Outcome",
    objective="Strategic objective", headers=("Adaptation measures", "Indicative outputs", "Alignment with the policy"),
    intro="The measures below are grouped by outcome and strategic objective. Each measure lists the outputs by "
          "which its progress will be followed during the plan's cycle.",
    footnote="Outputs are indicative and will be refined in the annual work plans.",
    outcomes=[
        Outcome("Improved legal and regulatory framework for adaptation across sectors", [
            Objective("Accelerate policy and legislative processes for adaptation planning", [
                Measure("Accelerate the formal approval of the land use policy", [
                    "Land use policy updated with climate adaptation considerations and endorsed."], "Facilitation"),
                Measure("Develop a national land use plan that addresses degradation of critical ecosystems", [
                    "National land use plan developed and endorsed.",
                    "Execution of the revised land use plan initiated."], "Facilitation"),
            ]),
            Objective("Strengthen the coordination of adaptation across ministries", [
                Measure("Set up a technical working group on adaptation within the national climate committee", [
                    "Working group established with terms of reference.",
                    "Quarterly meetings held and reported."], "Coordination"),
            ]),
        ]),
        Outcome("Increased generation and use of climate information in decision-making", [
            Objective("Improve access to climate data for planners and communities", [
                Measure("Develop high resolution climate risk maps for all districts", [
                    "Flood risk maps produced.", "Drought risk maps produced."], "Information"),
                Measure("Establish a public climate data portal maintained by the meteorological service", [
                    "Portal online and updated monthly."], "Information"),
                Measure("Train district planners in the use of climate projections", [
                    "Forty planners trained, at least half of them women."], "Capacity"),
            ]),
        ]),
    ])

PT = Language(
    name="pt_banner_action_tables", lang="pt", country="Tamora", republic="República de Tamora",
    title="Plano Nacional de Adaptação de Tamora: medidas prioritárias",
    footer="Plano Nacional de Adaptação de Tamora", outcome="Objetivo geral",
    objective="Objetivo específico", headers=("Ações", "Produtos indicativos", "Alinhamento com a política"),
    intro="As ações abaixo estão agrupadas por objetivo geral e objetivo específico. Cada ação indica os produtos "
          "pelos quais o seu progresso será acompanhado durante o ciclo do plano.",
    footnote="Os produtos são indicativos e serão revistos nos planos de trabalho anuais.",
    outcomes=[
        Outcome("Reforçar o quadro jurídico da adaptação em todos os setores", [
            Objective("Acelerar os processos legislativos para o planeamento da adaptação", [
                Measure("Acelerar a aprovação formal da política de ordenamento do território", [
                    "Política de ordenamento atualizada e aprovada."], "Facilitação"),
                Measure("Elaborar um plano nacional de uso do solo que trate da degradação dos ecossistemas", [
                    "Plano nacional de uso do solo elaborado e aprovado.",
                    "Execução do plano revisto iniciada."], "Facilitação"),
            ]),
        ]),
        Outcome("Melhorar o uso da informação climática nas decisões", [
            Objective("Facilitar o acesso aos dados climáticos pelos planificadores", [
                Measure("Produzir mapas de risco climático de alta resolução para todos os distritos", [
                    "Mapas de risco de cheias produzidos.", "Mapas de risco de seca produzidos."], "Informação"),
                Measure("Formar os planificadores distritais no uso das projeções climáticas", [
                    "Quarenta planificadores formados, metade dos quais mulheres."], "Capacidade"),
            ]),
        ]),
    ])


def build_all(out: pathlib.Path) -> list[pathlib.Path]:
    return [p for lang in (EN, PT) for p in build(lang, out)]


if __name__ == "__main__":
    for written in build_all(pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(written)
