"""Word plans whose rows list two or three results side by side (issue 19).

A common way to save space in a Word results framework: one row per outcome, the outcome's results
as bullets in one cell, and each result's indicators and activities as bullets in the cells beside
it, starting at the result's height (the author pads with empty paragraphs so they line up), its
lead institution on the same line, and the outcome's period stated once at the top of the row.
Each row is read as n logframe rows, one per result (extractors/aligned_rows.py). One row of each
plan does not line up (its indicators run on past the second result): it stays one row, its
results under the outcome, its indicators on the outcome.

    python -m samples.side_by_side_layouts [OUT_DIR]   (needs LibreOffice's soffice)
"""

from __future__ import annotations

import pathlib
import sys
from dataclasses import dataclass, field

from samples.docx_layouts import (
    WINGDINGS_BULLET,
    _footer,
    _margins,
    _new_document,
    _para,
    _table,
    _write,
    write_sample,
)

HERE = pathlib.Path(__file__).resolve().parent
WIDTHS_CM = [4.0, 5.2, 6.0, 5.5, 4.2, 1.8]


@dataclass
class Result:
    text: str
    indicators: list[str]
    activities: list[str]
    lead: str


@dataclass
class Outcome:
    text: str
    period: str
    results: list[Result]
    aligned: bool = True  # False: the indicators run on past the results (nothing says whose they are)


@dataclass
class Plan:
    name: str
    lang: str
    country: str
    title: str
    intro: str
    footer: str
    headers: list[str]
    outcome_label: str
    outcomes: list[Outcome] = field(default_factory=list)


EN = Plan(
    name="en_docx_side_by_side_results", lang="en-GB", country="Kenya",
    title="Republic of Kenya: Women, Peace and Security National Action Plan 2025-2029",
    intro="Annex 1 sets out the results framework: each outcome with its results, their indicators, "
          "the activities that deliver them and the institution that leads them.",
    footer="Kenya National Action Plan on UNSCR 1325 - page ",
    headers=["Outcome", "Results", "Indicators", "Activities", "Lead institution", "Period"],
    outcome_label="Outcome",
    outcomes=[
        Outcome("1. Women take part in peace processes at every level", "2025-2027", [
            Result("Women mediators deployed", ["Number of women mediators deployed"],
                   ["Train county women mediators", "Deploy mediators to committees"], "Gender Department"),
            Result("Committees include women",
                   ["% of committee members who are women", "Committees with a woman chair"],
                   ["Revise committee guidelines"], "Cohesion Commission"),
        ]),
        Outcome("2. Survivors of sexual violence receive care and justice", "2026-2029", [
            Result("Survivor centres opened", ["Number of survivor centres open"],
                   ["Equip survivor centres", "Train health workers in care"], "Ministry of Health"),
            Result("Cases reach the courts", ["Number of cases prosecuted"],
                   ["Set up police gender desks"], "National Police Service"),
            Result("Legal aid for survivors", ["Survivors given legal aid"],
                   ["Fund legal aid clinics"], "Judiciary"),
        ]),
        Outcome("3. Security institutions respond to women's needs", "2025-2029", [
            Result("Gender units set up", [], [], ""),
            Result("Women recruited as police", [], [], ""),
        ], aligned=False),
    ],
)

ES = Plan(
    name="es_docx_resultados_lado_a_lado", lang="es-ES", country="Colombia",
    title="República de Colombia: Plan de Acción Nacional de la Resolución 1325, 2025-2029",
    intro="El anexo 1 presenta el marco de resultados: cada efecto con sus resultados, sus indicadores, "
          "las actividades que los producen y la institución responsable.",
    footer="Plan de Acción Nacional 1325 - página ",
    headers=["Efecto", "Resultados", "Indicadores", "Actividades", "Institución responsable", "Período"],
    outcome_label="Efecto",
    outcomes=[
        Outcome("1. Las mujeres participan en los procesos de paz", "2025-2027", [
            Result("Mediadoras formadas", ["Número de mediadoras formadas"],
                   ["Formar mediadoras comunitarias", "Crear redes de mediadoras"], "Consejería para la Mujer"),
            Result("Mujeres en las mesas de paz", ["% de mujeres en las mesas de paz"],
                   ["Reformar el reglamento"], "Alto Comisionado de Paz"),
        ]),
        Outcome("2. Las sobrevivientes de violencia sexual acceden a la justicia", "2026-2029", [
            Result("Casos juzgados", ["Número de casos juzgados", "Tasa de condenas"],
                   ["Crear unidades fiscales"], "Fiscalía General"),
            Result("Asistencia jurídica", ["Sobrevivientes asistidas"],
                   ["Financiar consultorios jurídicos", "Formar defensoras públicas"], "Defensoría del Pueblo"),
        ]),
    ],
)

# The row that does not line up: its indicators are written as one list for both results.
UNALIGNED_INDICATORS = {
    # The first wraps to a second line, where the second result starts: no item starts there.
    "en_docx_side_by_side_results": ["Number of gender units set up in the police, the army and the prison service",
                                     "Women officers promoted"],
}


def _blocks(outcome: Outcome) -> list[int]:
    """Lines each result takes: its longest list, at least one."""
    return [max(1, len(r.indicators), len(r.activities)) for r in outcome.results]


def _column(outcome: Outcome, values: list[list[str]], bullet: bool) -> list:
    """A cell's paragraphs: each result's items, padded to its block, a blank line between blocks."""
    paras: list = []
    for k, (items, lines) in enumerate(zip(values, _blocks(outcome))):
        if k:
            paras.append("")
        for text in items:
            paras.append((WINGDINGS_BULLET, "Wingdings", text) if bullet else text)
        paras.extend([""] * (lines - len(items)))
    return paras


def _unaligned_row(plan: Plan, outcome: Outcome) -> list[list]:
    indicators = UNALIGNED_INDICATORS[plan.name]
    return [[outcome.text],
            [(WINGDINGS_BULLET, "Wingdings", r.text) for r in outcome.results],
            [(WINGDINGS_BULLET, "Wingdings", t) for t in indicators], [], [], [outcome.period]]


def _row_cells(plan: Plan, outcome: Outcome) -> list[list]:
    if not outcome.aligned:
        return _unaligned_row(plan, outcome)
    results = outcome.results
    return [[outcome.text],
            _column(outcome, [[r.text] for r in results], bullet=True),
            _column(outcome, [r.indicators for r in results], bullet=True),
            _column(outcome, [r.activities for r in results], bullet=True),
            _column(outcome, [[r.lead] for r in results], bullet=False),
            [outcome.period]]


def _document(plan: Plan):
    doc = _new_document(plan.lang)
    section = doc.sections[0]
    _margins(section, landscape=True, left=1.5, right=1.5)
    _footer(section, plan.footer)
    _para(doc, plan.title, size=14, bold=True)
    _para(doc, plan.intro)
    table = _table(doc, WIDTHS_CM, 1 + len(plan.outcomes))
    for cell, text in zip(table.rows[0].cells, plan.headers):
        _write(cell, [text], bold=True)
    for row, outcome in zip(table.rows[1:], plan.outcomes):
        for cell, paras in zip(row.cells, _row_cells(plan, outcome)):
            if paras:
                _write(cell, paras)
    return doc


def _institution(name: str) -> list[dict]:
    return [{"name": name, "role": "lead"}] if name else []


def _years(period: str) -> list[int]:
    start, end = (int(y) for y in period.split("-"))
    return list(range(start, end + 1))


def _activity(text: str, result: Result, outcome: Outcome, plan: Plan) -> dict:
    return {"code": None, "text": text, "level_name": plan.headers[3], "page": 1, "indicators": [],
            "institutions": _institution(result.lead), "quarters": [],
            "timeline": outcome.period, "budget": None, "years": _years(outcome.period)}


def _output(result: Result, outcome: Outcome, plan: Plan) -> dict:
    # The indicators and lead go to the result when it has no activity of its own to carry them;
    # with activities, the lead is each activity's (naplog gives a row's institutions to its
    # activities' owner: one activity, that activity; several, the result above them).
    acts = [_activity(t, result, outcome, plan) for t in result.activities]
    out = {"code": None, "text": result.text, "level_name": plan.headers[1], "page": 1,
           "indicators": [{"text": t} for t in result.indicators], "institutions": [], "activities": acts}
    if len(acts) == 1:
        acts[0]["indicators"], out["indicators"] = out["indicators"], []
    else:
        out["institutions"] = _institution(result.lead)
        for act in acts:
            act["institutions"] = []
    return out


def _goal(outcome: Outcome, plan: Plan) -> dict:
    code, text = outcome.text.split(". ", 1)
    goal = {"code": code, "text": text, "level_name": plan.headers[0], "pillar": None, "page": 1,
            "indicators": [], "institutions": [],
            "outputs": [_output(r, outcome, plan) for r in outcome.results]}
    if not outcome.aligned:
        goal["indicators"] = [{"text": t} for t in UNALIGNED_INDICATORS[plan.name]]
    return goal


def expected(plan: Plan) -> dict:
    return {"file": f"{plan.name}.pdf", "scope_pages": None,
            "document": {"kind": "nap", "language": plan.lang[:2], "country": plan.country,
                         "plan_period": {"start": 2025, "end": 2029}},
            "goals": [_goal(o, plan) for o in plan.outcomes],
            "notes": "Rows listing results side by side, their indicators, activities and leads at the "
                     "results' heights: one logframe row per result."}


def build(plan: Plan, out_dir: pathlib.Path) -> pathlib.Path:
    return write_sample(plan.name, _document(plan), expected(plan), out_dir)


def build_all(out_dir: pathlib.Path) -> list[pathlib.Path]:
    return [build(plan, pathlib.Path(out_dir)) for plan in (EN, ES)]


if __name__ == "__main__":
    for p in build_all(pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(p)
