"""Word plans that sum their results framework up in one table: level banners over numbered lists.

Before detailing its actions, a plan often lists its goals and outcomes in one table (Saint Lucia's
"Table 10. NAP overarching goals, cross-sectoral and sectoral outcomes"): a shaded banner row
naming the level ("Overarching NAP goals"), then the numbered items, two lists side by side in one
cell (Word: two cells with no border between them), or one list a cell; a sectoral banner over a
row of sector names and their lists. No column has a header: each item is a record of the level
its banner names (extractors/level_lists.py). A banner naming outputs ("Resultados setoriais")
lists outputs, under a goal the plan does not print (a null-text goal).

    python -m samples.summary_layouts [OUT_DIR]   (needs LibreOffice's soffice)
"""

from __future__ import annotations

import pathlib
import sys
from dataclasses import dataclass

from docx.shared import Cm

from samples.docx_layouts import (
    _el,
    _footer,
    _margins,
    _new_document,
    _para,
    _shade,
    _table,
    _write,
    write_sample,
)

HERE = pathlib.Path(__file__).resolve().parent
WIDTHS_CM = [8.5, 8.5]
BANNER_FILL = "1F3A5F"


@dataclass
class Section:
    banner: str
    level: str  # goal | output: what the banner's items are
    # Side by side in one cell (no border between the lists), or one list a cell under sub-banners.
    lists: tuple[list[str], list[str]]
    sectors: tuple[str, str] | None = None
    joined: bool = False  # the two lists in one cell, numbered on from the left list


@dataclass
class Plan:
    name: str
    lang: str
    country: str
    title: str
    intro: str
    caption: str
    footer: str
    sections: list[Section]


EN = Plan(
    name="en_docx_summary_goals", lang="en-GB", country="Belize",
    title="Belize National Adaptation Plan 2025-2030",
    intro="The adaptation measures of this National Adaptation Plan serve two overarching goals and the "
          "cross-sectoral and sectoral outcomes below; chapters 5 to 9 set out the measures of each.",
    caption="Table 4. Overarching goals, cross-sectoral and sectoral outcomes of the NAP.",
    footer="Belize National Adaptation Plan - page ",
    sections=[
        Section("Overarching NAP goals", "goal", (
            ["Enhance the national enabling environment for adaptation and risk reduction"],
            ["Accelerate the adaptation actions that safeguard livelihoods and ecosystems"]), joined=True),
        Section("Cross-sectoral outcomes", "goal", (
            ["Improved legal and regulatory framework for adaptation across sectors",
             "Increased use of climate information in sectoral decision-making"],
            ["Increased funding for climate adaptation action"]), joined=True),
        Section("Sectoral outcomes", "goal", (
            ["Increased water access, availability and quality", "Improved water use efficiency"],
            ["Improved public health under a changing climate"]), sectors=("Water", "Health")),
    ],
)

PT = Plan(
    name="pt_docx_resumo_objetivos", lang="pt-PT", country="Mozambique",
    title="República de Moçambique: Plano Nacional de Adaptação 2025-2030",
    intro="As medidas de adaptação deste Plano Nacional de Adaptação contribuem para os objetivos gerais e os "
          "resultados transversais e setoriais do quadro abaixo; os capítulos 5 a 9 detalham as medidas.",
    caption="Quadro 4. Objetivos gerais e resultados do Plano Nacional de Adaptação.",
    footer="Plano Nacional de Adaptação de Moçambique - página ",
    sections=[
        Section("Objetivos gerais do PNA", "goal", (
            ["Reforçar o quadro nacional para a adaptação e a redução de riscos"],
            ["Acelerar as ações de adaptação que protegem os meios de subsistência"]), joined=True),
        Section("Resultados setoriais", "output", (
            ["Maior acesso à água potável nas zonas rurais", "Uso mais eficiente da água na irrigação"],
            ["Saúde pública melhorada face às alterações climáticas"]), sectors=("Água", "Saúde")),
    ],
)


def _numbered(items: list[str], start: int = 1) -> list[str]:
    return [f"{n}. {text}" for n, text in enumerate(items, start)]


def _no_border_between(left, right) -> None:  # noqa: ANN001 - python-docx cells
    """The two cells of a row printed as one: no rule between them."""
    for cell, side in ((left, "w:right"), (right, "w:left")):
        borders = _el("w:tcBorders")
        borders.append(_el(side, **{"w:val": "nil"}))
        cell._tc.get_or_add_tcPr().append(borders)


def _rows(section: Section) -> int:
    return 3 if section.sectors else 2


def _document(plan: Plan):  # noqa: ANN202 - a python-docx Document
    doc = _new_document(plan.lang)
    section = doc.sections[0]
    _margins(section)
    _footer(section, plan.footer)
    _para(doc, plan.title, size=14, bold=True)
    _para(doc, plan.intro)
    _para(doc, plan.caption, bold=True)
    table = _table(doc, WIDTHS_CM, sum(_rows(s) for s in plan.sections))
    r = 0
    for s in plan.sections:
        banner = table.rows[r].cells[0].merge(table.rows[r].cells[1])
        _write(banner, [s.banner], size=9, bold=True, color="FFFFFF")
        _shade(banner, BANNER_FILL)
        r += 1
        if s.sectors:
            for cell, name in zip(table.rows[r].cells, s.sectors):
                _write(cell, [name], size=9, bold=True)
            r += 1
        left, right = table.rows[r].cells
        start = len(s.lists[0]) + 1 if s.joined else 1
        _write(left, _numbered(s.lists[0]), size=9)
        _write(right, _numbered(s.lists[1], start), size=9)
        if s.joined:
            _no_border_between(left, right)
        for cell in (left, right):
            cell.width = Cm(8.5)
        r += 1
    return doc


def _record(code: int, text: str, section: Section, outputs: bool) -> dict:
    record = {"code": str(code), "text": text, "level_name": section.banner, "page": 1, "indicators": [],
              "institutions": []}
    if outputs:
        record.update(pillar=None, outputs=[])
    else:
        record["activities"] = []
    return record


def expected(plan: Plan) -> dict:
    goals: list[dict] = []
    for s in plan.sections:
        start = len(s.lists[0]) + 1 if s.joined else 1
        numbered = [(n, t) for n, t in enumerate(s.lists[0], 1)] + [(n, t) for n, t in enumerate(s.lists[1], start)]
        if s.level == "goal":
            goals += [_record(n, t, s, outputs=True) for n, t in numbered]
        else:
            goals.append({"code": None, "text": None, "level_name": None, "pillar": None, "page": 1,
                          "indicators": [], "institutions": [],
                          "outputs": [_record(n, t, s, outputs=False) for n, t in numbered]})
    return {"file": f"{plan.name}.pdf", "scope_pages": None,
            "document": {"kind": "adaptation_plan", "language": plan.lang[:2], "country": plan.country,
                         "plan_period": {"start": 2025, "end": 2030}},
            "goals": goals,
            "notes": "Generated by samples/summary_layouts.py: a summary table of level banners over numbered "
                     "lists; each item is a record of the level its banner names (an output banner's items "
                     "under a null-text goal); sector sub-banners are not records."}


def build(plan: Plan, out_dir: pathlib.Path) -> pathlib.Path:
    return write_sample(plan.name, _document(plan), expected(plan), out_dir)


def build_all(out_dir: pathlib.Path) -> list[pathlib.Path]:
    return [build(plan, pathlib.Path(out_dir)) for plan in (EN, PT)]


if __name__ == "__main__":
    for p in build_all(pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(p)
