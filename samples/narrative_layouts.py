"""Generate narrative plans and progress reports (reportlab) with their exact expected records.

Samples
-------
en_narrative_plan      English NAP without a logframe table: table of contents (must give no goal),
                       acronym list continued on the next page, "Pillar N:" headings, "Objective N:" /
                       "Strategic outcome N:" goals, numbered priority actions, "Indicators:" bullets,
                       "Lead: ...; Partners: ..." lines, a pillar whose actions are listed directly.
fr_narrative_plan      French NAP: "Pilier 1 : Participation", "Objectif 1 : ...", "Résultat 1.1 : ...",
                       a) b) actions, "Indicateurs :", "Responsable :", "Partenaires :", a sigles page
                       with two pairs per line.
es_informe_progreso    Spanish progress report on the Costa Serena plan 2025-2029
                       (samples/es_unruled_landscape.pdf): observations in two tables and in text,
                       one observation that measures no plan indicator, lessons / challenges /
                       recommendations lists, per-axis progress.
en_report_chart        English progress report on the Tamora plan 2024-2028 whose figures are charts
                       (numbers scattered as text): no observation; lessons, challenges, recommendations.
es_narrative_plan      Spanish NAP whose "Eje N:" / "Objetivo N:" / "Acciones prioritarias:" sit among chapters
                       that are not plan content (context statistics, methodology with the documents
                       consulted, references): those lists give nothing; an action runs on to the next page
                       (one record); "3. Acciones prioritarias de coordinación" gives a null goal of its own.
pt_narrative_plan      The same in Portuguese ("Eixo", "Ações prioritárias", "Responsável", "Parceiros"),
                       with "3. Objetivos específicos" (a numbered list of goals) and "4. Lições aprendidas".

Every sample is drawn from the data that writes its ``<name>.expected.json``; pages are those on
which the writer placed each line. Output is deterministic (``invariant=1``).
"""

from __future__ import annotations

import json
import pathlib

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas as rl_canvas

from samples.reportlab_layouts import TTF_BOLD, TTF_REGULAR, wrap_text

W, H = A4
MARGIN = 56
TOP = H - 60
BOTTOM = 60


class Writer:
    """A flowing page writer that records the page of every paragraph it places."""

    def __init__(self, path: pathlib.Path, title: str, author: str):
        self.c = rl_canvas.Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
        self.c.setTitle(title)
        self.c.setAuthor(author)
        self.c.setCreator("naplog sample generator")
        self.page = 1
        self.y = TOP

    def new_page(self) -> None:
        self.c.showPage()
        self.page += 1
        self.y = TOP

    def space(self, h: float) -> None:
        self.y -= h

    def para(self, text: str, size: float = 10, bold: bool = False, indent: float = 0, after: float = 6,
             marker: str | None = None, flow: bool = False) -> int:
        """Place a paragraph and return the page it starts on; ``flow``: its lines run on to the next
        page where this one is full (else the whole paragraph moves to the next page)."""
        font = TTF_BOLD if bold else TTF_REGULAR
        width = W - 2 * MARGIN - indent - (14 if marker else 0)
        lines = wrap_text(text, width, font, size)
        lead = size * 1.3
        if self.y - lead * (1 if flow else len(lines)) < BOTTOM:
            self.new_page()
        page = self.page
        self.c.setFont(font, size)
        x = MARGIN + indent
        for i, ln in enumerate(lines):
            if self.y - lead < BOTTOM:
                self.new_page()
                self.c.setFont(font, size)
            self.y -= lead
            if marker and i == 0:
                self.c.drawString(x, self.y, marker)
            self.c.drawString(x + (14 if marker else 0), self.y, ln)
        self.y -= after
        return page

    def pairs(self, rows: list[tuple[str, str]], x2: float = 150, size: float = 10) -> int:
        page = self.page
        for acr, long_form in rows:
            if self.y - size * 1.4 < BOTTOM:
                self.new_page()
            self.y -= size * 1.4
            self.c.setFont(TTF_REGULAR, size)
            self.c.drawString(MARGIN, self.y, acr)
            self.c.drawString(MARGIN + x2, self.y, long_form)
        self.y -= 6
        return page

    def table(self, header: list[str], rows: list[list[str]], widths: list[float], size: float = 9) -> int:
        """An unruled table: a bold header, then one line per row (the first cell may wrap)."""
        page = self.page
        x = [MARGIN]
        for w_ in widths[:-1]:
            x.append(x[-1] + w_)
        self.y -= size * 1.5
        self.c.setFont(TTF_BOLD, size)
        for xi, h, w_ in zip(x, header, widths):
            self._cell(xi, h, w_, size, TTF_BOLD, numeric=False)
        self.y -= 4
        for row in rows:
            first = wrap_text(row[0], widths[0] - 8, TTF_REGULAR, size)
            self.y -= size * 1.4
            self.c.setFont(TTF_REGULAR, size)
            for i, (xi, cell, w_) in enumerate(zip(x, row, widths)):
                if i == 0:
                    self.c.drawString(xi, self.y, first[0])
                else:
                    self._cell(xi, cell, w_, size, TTF_REGULAR, numeric=_numeric(cell))
            for ln in first[1:]:
                self.y -= size * 1.25
                self.c.drawString(x[0], self.y, ln)
        self.y -= 10
        return page

    def _cell(self, x: float, text: str, width: float, size: float, font: str, numeric: bool) -> None:
        self.c.setFont(font, size)
        if numeric:
            self.c.drawRightString(x + width - 10, self.y, text)
        else:
            self.c.drawString(x, self.y, text)

    def save(self) -> None:
        self.c.showPage()
        self.c.save()


def _numeric(text: str) -> bool:
    return bool(text) and text.replace(".", "").replace(",", "").replace("%", "").strip().isdigit()


def _write_expected(out: pathlib.Path, name: str, document: dict, goals: list, notes: str, **extra) -> pathlib.Path:
    data = {"file": f"{name}.pdf", "scope_pages": None, "document": document, "goals": goals, **extra,
            "notes": notes}
    path = out / f"{name}.expected.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def _inst(name: str, role: str) -> dict:
    return {"name": name, "role": role}


def _ind(text: str) -> dict:
    return {"text": text}


def _activity(code: str | None, text: str, page: int) -> dict:
    return {"code": code, "text": text, "page": page, "indicators": [], "institutions": [], "years": [],
            "timeline": None, "budget": None}


def _null_output(page: int, activities: list[dict]) -> dict:
    return {"code": None, "text": None, "page": page, "indicators": [], "institutions": [], "activities": activities}


# ---------------------------------------------------------------------------------------------------
# English narrative plan
# ---------------------------------------------------------------------------------------------------

EN_ACRONYMS = [
    ("CSO", "Civil Society Organisation"), ("MNP", "Marenza National Police"),
    ("MoI", "Ministry of Interior"), ("MoWA", "Ministry of Women's Affairs"),
    ("NAP", "National Action Plan"), ("NDMA", "National Disaster Management Authority"),
    ("NCW", "National Commission for Women"), ("SGBV", "Sexual and Gender-Based Violence"),
    ("UNSCR", "United Nations Security Council Resolution"), ("WPS", "Women, Peace and Security"),
]
EN_ACRONYMS_NEXT = [  # continued at the top of the next page, without a title
    ("MoJ", "Ministry of Justice"), ("MoH", "Ministry of Health"), ("MDF", "Marenza Defence Force"),
]

EN_PLAN = [
    {
        "pillar": "Pillar 1: Participation",
        "context": "Women hold 14 per cent of seats in the National Assembly and fewer than one in ten senior "
                   "posts in the security sector. This pillar sets out how the Government will change that.",
        "goal": ("Objective", "1", "Increase women's full and meaningful participation in decision-making on "
                                   "peace and security at national and local levels."),
        "actions": ["Adopt a quota of at least 30 per cent women in the annual recruitment of the Marenza "
                    "National Police.",
                    "Train 200 women leaders in negotiation and mediation for local peace committees.",
                    "Establish a national register of women mediators."],
        "indicators": ["Percentage of women in senior positions of the Marenza National Police",
                       "Number of women mediators trained and registered"],
        "lead": "Lead: Ministry of Women's Affairs (MoWA), MNP; Partners: UN Women, CSOs",
        "leads": ["Ministry of Women's Affairs (MoWA)", "MNP"], "partners": ["UN Women", "CSOs"],
    },
    {
        "pillar": "Pillar 2: Prevention",
        "context": "Land disputes and violent extremism have displaced communities in the north; women are rarely "
                   "consulted before violence breaks out.",
        "goal": ("Strategic outcome", "2", "Communities prevent violent conflict and violent extremism through "
                                           "gender-responsive early warning and dialogue."),
        "actions": ["Integrate sex-disaggregated data into the national early warning system.",
                    "Support women-led dialogue forums in the ten most affected districts."],
        "indicators": ["Number of early warning reports that include sex-disaggregated data"],
        "lead": "Lead: MoI",
        "leads": ["MoI"], "partners": [],
    },
    {
        "pillar": "Pillar 3: Protection",
        "context": None,
        "goal": None,
        "actions": ["Establish one-stop centres for survivors of sexual and gender-based violence in every province.",
                    "Amend the Penal Code to criminalise all forms of technology-facilitated violence against women."],
        "indicators": [], "lead": "Lead: Ministry of Justice (MoJ); Partners: Ministry of Health (MoH)",
        "leads": ["Ministry of Justice (MoJ)"], "partners": ["Ministry of Health (MoH)"],
    },
    {
        "pillar": "Pillar 4: Relief and Recovery",
        "context": "Floods in 2024 showed that relief distribution did not reach women-headed households.",
        "goal": ("Objective", "4", "Ensure that the needs of women and girls are met in humanitarian relief and "
                                   "disaster recovery."),
        "actions": ["Include women's committees in the management of every evacuation centre.",
                    "Provide livelihood grants to women-headed households affected by disasters."],
        "indicators": ["Percentage of evacuation centres with a women's committee"],
        "lead": "Lead: National Disaster Management Authority (NDMA)",
        "leads": ["National Disaster Management Authority (NDMA)"], "partners": [],
    },
]


def build_en_narrative_plan(out: pathlib.Path) -> list[pathlib.Path]:
    name = "en_narrative_plan"
    pdf = out / f"{name}.pdf"
    w = Writer(pdf, "Second National Action Plan on Women, Peace and Security 2026-2030", "Republic of Marenza")
    w.para("Republic of Marenza", size=16, bold=True)
    w.para("Second National Action Plan on Women, Peace and Security 2026-2030", size=18, bold=True, after=18)
    w.para("This second-generation National Action Plan implements United Nations Security Council Resolution "
           "1325 and its follow-up resolutions. It was drafted by the Ministry of Women's Affairs with ministries, "
           "the security sector and civil society organisations, and is organised in four pillars.")
    w.new_page()
    w.para("Table of Contents", size=14, bold=True, after=10)
    for ln in ["Pillar 1: Participation .......................... 4",
               "Objective 1: Increase women's participation ...................... 4",
               "Pillar 2: Prevention .......................... 4",
               "Strategic outcome 2: Communities prevent violent conflict ......... 4",
               "Pillar 3: Protection .......................... 5",
               "Pillar 4: Relief and Recovery .......................... 5"]:
        w.para(ln, after=2)
    w.new_page()
    w.para("List of Acronyms", size=14, bold=True, after=10)
    w.pairs(EN_ACRONYMS)
    w.new_page()
    w.pairs(EN_ACRONYMS_NEXT)
    w.space(10)
    w.para("1. Introduction", size=13, bold=True)
    w.para("The plan is coordinated by the National Gender Machinery Council (NGMC), which reports every year to "
           "the Cabinet on progress in each pillar.")
    goals = []
    for spec in EN_PLAN:
        w.space(6)
        ppage = w.para(spec["pillar"], size=13, bold=True)
        if spec["context"]:
            w.para(spec["context"])
        acts = []
        if spec["goal"]:
            label, code, text = spec["goal"]
            gpage = w.para(f"{label} {code}: {text}", bold=True)
            w.para("Priority actions:", bold=True, after=2)
        else:
            gpage = ppage
        for i, a in enumerate(spec["actions"], 1):
            apage = w.para(a, indent=10, marker=f"{i}.", after=2)
            acts.append(_activity(str(i), a, apage))
        if spec["indicators"]:
            w.space(4)
            w.para("Indicators:", bold=True, after=2)
            for ind in spec["indicators"]:
                w.para(ind, indent=10, marker="\u2022", after=2)
        if spec["lead"]:
            w.space(4)
            w.para(spec["lead"])
        goal = {
            "code": spec["goal"][1] if spec["goal"] else None,
            "text": spec["goal"][2] if spec["goal"] else None,
            "pillar": spec["pillar"], "page": gpage,
            "indicators": [_ind(t) for t in spec["indicators"]],
            "institutions": [_inst(n, "lead") for n in spec["leads"]] + [_inst(n, "partner") for n in spec["partners"]],
            "outputs": [_null_output(acts[0]["page"], acts)],
        }
        goals.append(goal)
    w.save()
    classifications = [
        {"pillar": "participation", "rpa_outcome": "rpa2"},
        {"pillar": "prevention", "rpa_outcome": "rpa3"},
        {"pillar": "protection", "rpa_outcome": "rpa1"},
        {"pillar": "relief_recovery", "rpa_outcome": "rpa5"},
    ]
    acronyms = dict(EN_ACRONYMS + EN_ACRONYMS_NEXT)
    acronyms["NGMC"] = "National Gender Machinery Council"
    exp = _write_expected(
        out, name, {"kind": "nap", "language": "en", "country": "Marenza", "plan_period": {"start": 2026, "end": 2030}},
        goals, "Narrative plan: objectives / strategic outcomes are goals, the output level is missing (null), "
               "numbered priority actions are activities; indicators and institutions stated once for a pillar's "
               "actions go to the goal. Pillar 3 lists actions without an objective: a null goal holds them. The "
               "table of contents and the acronym list give no goal.",
        acronyms=acronyms, classifications=classifications)
    return [pdf, exp]


# ---------------------------------------------------------------------------------------------------
# French narrative plan
# ---------------------------------------------------------------------------------------------------

FR_SIGLES = [
    ("CNF", "Conseil National des Femmes", "MGF", "Ministère du Genre et de la Famille"),
    ("OSC", "Organisations de la Société Civile", "PNV", "Police Nationale de Valmont"),
    ("PAN", "Plan d'Action National", "VBG", "Violences Basées sur le Genre"),
]

FR_PLAN = [
    {
        "pillar": "Pilier 1 : Participation",
        "goal": ("Objectif", "1", "Accroître la participation des femmes aux instances de décision en matière de "
                                  "paix et de sécurité."),
        "outputs": [
            {"code": "1.1", "text": "La représentation des femmes dans les forces de défense et de sécurité est "
                                    "accrue.",
             "actions": ["Réviser les statuts de la Police Nationale de Valmont pour fixer un quota de recrutement "
                         "de femmes.", "Organiser chaque année une campagne de recrutement destinée aux jeunes "
                                       "femmes."],
             "indicators": ["Pourcentage de femmes dans la Police Nationale de Valmont"],
             "lead": "Ministère du Genre et de la Famille (MGF)", "partners": "ONU Femmes, OSC",
             "leads": ["Ministère du Genre et de la Famille (MGF)"], "partner_names": ["ONU Femmes", "OSC"]},
            {"code": "1.2", "text": "Les femmes participent aux processus de médiation et de dialogue "
                                    "communautaire.",
             "actions": ["Former des femmes médiatrices dans chaque province."],
             "indicators": [], "lead": "CNF", "partners": None, "leads": ["CNF"], "partner_names": []},
        ],
    },
    {
        "pillar": "Pilier 2 : Protection",
        "goal": ("Objectif", "2", "Renforcer la protection des femmes et des filles contre les violences basées sur "
                                  "le genre."),
        "outputs": [
            {"code": "2.1", "text": "Les survivantes de violences sexuelles ont accès à une prise en charge "
                                    "holistique.",
             "actions": ["Ouvrir des centres intégrés de prise en charge dans les chefs-lieux de province.",
                         "Former les officiers de police judiciaire à l'accueil des survivantes."],
             "indicators": ["Nombre de survivantes prises en charge par an"],
             "lead": "Ministère de la Santé", "partners": None, "leads": ["Ministère de la Santé"],
             "partner_names": []},
        ],
    },
]


def build_fr_narrative_plan(out: pathlib.Path) -> list[pathlib.Path]:
    name = "fr_narrative_plan"
    pdf = out / f"{name}.pdf"
    w = Writer(pdf, "Plan d'Action National de la Résolution 1325 (2025-2029)", "République de Valmont")
    w.para("République de Valmont", size=16, bold=True)
    w.para("Plan d'Action National de mise en œuvre de la Résolution 1325 du Conseil de Sécurité (2025-2029)",
           size=17, bold=True, after=18)
    w.para("Le présent plan d'action national décline les engagements de l'État pour les femmes, la paix et la "
           "sécurité en deux piliers, avec des objectifs, des résultats et des actions prioritaires pour chacun.")
    w.new_page()
    w.para("Sigles et abréviations", size=14, bold=True, after=10)
    for a1, l1, a2, l2 in FR_SIGLES:
        w.y -= 14
        w.c.setFont(TTF_REGULAR, 10)
        w.c.drawString(MARGIN, w.y, a1)
        w.c.drawString(MARGIN + 50, w.y, l1)
        w.c.drawString(MARGIN + 250, w.y, a2)
        w.c.drawString(MARGIN + 300, w.y, l2)
    w.new_page()
    goals = []
    for spec in FR_PLAN:
        w.space(6)
        w.para(spec["pillar"], size=13, bold=True)
        label, code, text = spec["goal"]
        gpage = w.para(f"{label} {code} : {text}", bold=True)
        outs = []
        for o in spec["outputs"]:
            opage = w.para(f"Résultat {o['code']} : {o['text']}", bold=True, indent=6)
            w.para("Actions prioritaires :", after=2, indent=6)
            acts = []
            for letter, a in zip("abcdefg", o["actions"]):
                apage = w.para(a, indent=16, marker=f"{letter})", after=2)
                acts.append(_activity(None, a, apage))
            if o["indicators"]:
                w.para("Indicateurs :", after=2, indent=6)
                for ind in o["indicators"]:
                    w.para(ind, indent=16, marker="\u2022", after=2)
            w.para(f"Responsable : {o['lead']}", indent=6, after=2)
            if o["partners"]:
                w.para(f"Partenaires : {o['partners']}", indent=6, after=2)
            w.space(4)
            outs.append({"code": o["code"], "text": o["text"], "page": opage,
                         "indicators": [_ind(t) for t in o["indicators"]],
                         "institutions": [_inst(n, "lead") for n in o["leads"]] +
                                         [_inst(n, "partner") for n in o["partner_names"]],
                         "activities": acts})
        goals.append({"code": code, "text": text, "pillar": spec["pillar"], "page": gpage, "indicators": [],
                      "institutions": [], "outputs": outs})
    w.save()
    acronyms = {a: full for a1, l1, a2, l2 in FR_SIGLES for a, full in ((a1, l1), (a2, l2))}
    exp = _write_expected(
        out, name, {"kind": "nap", "language": "fr", "country": "Valmont", "plan_period": {"start": 2025, "end": 2029}},
        goals, "Plan narratif : Objectif = goal, Résultat = output, actions prioritaires a) b) = activities ; "
               "indicateurs et responsables sous un résultat vont au résultat.",
        acronyms=acronyms,
        classifications=[{"pillar": "participation", "rpa_outcome": "rpa2"},
                         {"pillar": "protection", "rpa_outcome": "rpa4"}])
    return [pdf, exp]


# ---------------------------------------------------------------------------------------------------
# Spanish progress report on the Costa Serena plan (samples/es_unruled_landscape.pdf)
# ---------------------------------------------------------------------------------------------------

def _obs(indicator, value, written, unit, period, dis, source, page, matched=None, table=None) -> dict:
    return {"indicator": indicator, "table": table, "value": value, "value_as_written": written, "unit": unit,
            "period": period, "disaggregation": dis, "source": source, "page": page, "matched_indicator": matched}


def build_es_informe_progreso(out: pathlib.Path) -> list[pathlib.Path]:
    name = "es_informe_progreso"
    pdf = out / f"{name}.pdf"
    w = Writer(pdf, "Informe de progreso 2026", "Costa Serena")
    w.para("República de Costa Serena", size=16, bold=True)
    w.para("Informe de progreso 2026", size=18, bold=True)
    w.para("Plan de Acción Nacional sobre Mujeres, Paz y Seguridad 2025-2029", size=13, bold=True, after=14)
    w.para("Este informe presenta los avances de la implementación del Plan de Acción Nacional durante su primer "
           "año, por eje, con los indicadores medidos por las instituciones responsables y los desafíos para los "
           "próximos años.")
    obs = []
    w.space(8)
    p_eje1 = w.para("Eje 1: Participación", size=13, bold=True)
    w.para("El programa de mentoría para mujeres oficiales comenzó en marzo y la red nacional de mediadoras ya "
           "cuenta con capítulos en seis departamentos. Las instituciones de seguridad revisaron sus reglamentos "
           "de ascenso con apoyo de la sociedad civil.")
    w.para("Cuadro 1. Indicadores de participación", bold=True, after=2)
    tpage = w.table(["Indicador", "Hombres", "Mujeres", "% Mujeres", "Año", "Fuente"],
                    [["Porcentaje de mujeres en cargos de mando de la Policía Nacional", "1.240", "186", "13,0",
                      "2026", "Policía Nacional"],
                     ["Número de mujeres oficiales que completan el programa de mentoría", "", "48", "", "2026",
                      "INMUJERES"]],
                    [210, 55, 55, 60, 45, 90])
    m1 = "Porcentaje de mujeres en cargos de mando de la Policía Nacional."
    m2 = "Número de mujeres oficiales que completan el programa de mentoría."
    c1 = "Cuadro 1. Indicadores de participación"
    # A share column ("% Mujeres") is a measure, not a sex: the share is of women among all.
    obs += [
        _obs("Porcentaje de mujeres en cargos de mando de la Policía Nacional", 1240.0, "1.240", "number", "2026",
             {"sex": "men"}, "Policía Nacional", tpage, m1, c1),
        _obs("Porcentaje de mujeres en cargos de mando de la Policía Nacional", 186.0, "186", "number", "2026",
             {"sex": "women"}, "Policía Nacional", tpage, m1, c1),
        _obs("Porcentaje de mujeres en cargos de mando de la Policía Nacional", 13.0, "13,0", "percentage", "2026",
             {"measure": "% Mujeres"}, "Policía Nacional", tpage, m1, c1),
        _obs("Número de mujeres oficiales que completan el programa de mentoría", 48.0, "48", "number", "2026",
             {"sex": "women"}, "INMUJERES", tpage, m2, c1),
    ]
    page = w.para("Número de mujeres mediadoras registradas en la red: mujeres 145, fuente: INMUJERES 2026.")
    obs.append(_obs("Número de mujeres mediadoras registradas en la red", 145.0, "145", "number", "2026",
                    {"sex": "women"}, "INMUJERES 2026", page,
                    "Número de mujeres mediadoras registradas en la red, desagregado por departamento."))
    w.space(8)
    p_eje2 = w.para("Eje 2: Prevención", size=13, bold=True)
    w.para("Las campañas de prevención de la violencia basada en género llegaron a todas las provincias del país "
           "y el sistema de alerta temprana incorporó indicadores de género en su segundo semestre.")
    page = w.para("Número de personas alcanzadas por las campañas: hombres 5.400, mujeres 7.150, fuente: "
                  "Ministerio del Interior 2026.")
    m3 = "Número de personas alcanzadas por las campañas, desagregado por sexo y edad."
    obs += [_obs("Número de personas alcanzadas por las campañas", 5400.0, "5.400", "number", "2026",
                 {"sex": "men"}, "Ministerio del Interior 2026", page, m3),
            _obs("Número de personas alcanzadas por las campañas", 7150.0, "7.150", "number", "2026",
                 {"sex": "women"}, "Ministerio del Interior 2026", page, m3)]
    page = w.para("Número de denuncias de violencia digital: 320, fuente: Fiscalía General 2026.")
    obs.append(_obs("Número de denuncias de violencia digital", 320.0, "320", "number", "2026", {},
                    "Fiscalía General 2026", page, None))
    w.new_page()
    p_eje3 = w.para("Eje 3: Protección", size=13, bold=True)
    w.para("Se abrieron cuatro nuevas casas de acogida y los servicios de atención a sobrevivientes se ampliaron a "
           "las zonas rurales del sur del país.")
    w.para("Cuadro 2. Servicios de protección", bold=True, after=2)
    tpage = w.table(["Indicador", "Valor", "Año", "Fuente"],
                    [["Número de casas de acogida en funcionamiento", "12", "2026", "Ministerio de la Mujer"],
                     ["Número de mujeres atendidas por año", "1.830", "2026", "Ministerio de la Mujer"]],
                    [230, 60, 50, 140])
    c2 = "Cuadro 2. Servicios de protección"
    obs += [_obs("Número de casas de acogida en funcionamiento", 12.0, "12", "number", "2026", {"measure": "Valor"},
                 "Ministerio de la Mujer", tpage, "Número de casas de acogida en funcionamiento.", c2),
            _obs("Número de mujeres atendidas por año", 1830.0, "1.830", "number", "2026", {"measure": "Valor"},
                 "Ministerio de la Mujer", tpage, "Número de mujeres atendidas por año.", c2)]
    w.space(8)
    lists = {}
    for kind, heading, items, numbered in (
        ("lessons", "Lecciones aprendidas", [
            "La participación temprana de las organizaciones de mujeres facilitó la adopción de los reglamentos.",
            "Los datos desagregados por sexo deben recogerse desde el inicio de cada programa."], False),
        ("challenges", "Desafíos", [
            "El presupuesto asignado al plan cubre menos de la mitad de las actividades previstas.",
            "La rotación del personal de enlace en los ministerios retrasa la presentación de informes.",
            "Las zonas rurales carecen de servicios especializados de atención."], False),
        ("recommendations", "Recomendaciones", [
            "Incluir una línea presupuestaria específica para el plan en la ley de presupuesto.",
            "Crear un sistema nacional de indicadores de mujeres, paz y seguridad."], True),
    ):
        w.para(heading, size=12, bold=True, after=4)
        got = []
        for i, it in enumerate(items, 1):
            page = w.para(it, indent=10, marker=f"{i}." if numbered else "\u2022", after=2)
            got.append({"text": it, "page": page})
        lists[kind] = got
        w.space(8)
    w.save()
    exp = _write_expected(
        out, name, {"kind": "report", "language": "es", "country": "Costa Serena",
                    "plan_period": {"start": 2025, "end": 2029}, "report_kind": "progress report",
                    "report_period": {"start": 2026, "end": 2026},
                    "reports_on": "Plan de Acción Nacional sobre Mujeres, Paz y Seguridad 2025-2029"},
        [], "Informe de progreso del plan es_unruled_landscape: observaciones de dos cuadros y del texto; "
            "matched_indicator es el texto del indicador del plan cuando el plan está en el almacén "
            "(ver tests/test_reports.py).",
        observations=obs, **lists,
        progress=[{"pillar": "participation", "heading": "Eje 1: Participación", "page": p_eje1},
                  {"pillar": "prevention", "heading": "Eje 2: Prevención", "page": p_eje2},
                  {"pillar": "protection", "heading": "Eje 3: Protección", "page": p_eje3}])
    return [pdf, exp]


# ---------------------------------------------------------------------------------------------------
# English report whose figures are charts
# ---------------------------------------------------------------------------------------------------

def _bar_chart(w: Writer, title: str, cats: list[str], values: list[int], pct: list[str]) -> None:
    c = w.c
    w.para(title, bold=True, after=4)
    base = w.y - 150
    x0 = MARGIN + 40
    c.setFont(TTF_REGULAR, 8)
    for i, tick in enumerate([0, 1000, 2000, 3000, 4000]):
        c.drawRightString(x0 - 6, base + i * 32, str(tick))
    for i, (cat, v, p) in enumerate(zip(cats, values, pct)):
        x = x0 + 20 + i * 90
        h = v / 4000 * 128
        c.setFillGray(0.6)
        c.rect(x, base, 30, h, stroke=0, fill=1)
        c.setFillGray(0)
        c.drawString(x + 4, base + h + 4, str(v))
        c.drawString(x + 36, base + h / 2 + 10 * (i % 2), p)
        c.drawString(x, base - 12, cat)
    c.drawString(x0 + 60, base - 28, "Men        Women        % women")
    w.y = base - 44


def _hbar_chart(w: Writer, title: str, rows: list[tuple[str, int, int, str]]) -> None:
    c = w.c
    w.para(title, bold=True, after=8)
    c.setFont(TTF_REGULAR, 8)
    for label, men, women, pct in rows:
        w.y -= 22
        c.drawString(MARGIN, w.y, label)
        x = MARGIN + 150
        c.setFillGray(0.7)
        c.rect(x, w.y - 2, men / 3, 9, stroke=0, fill=1)
        c.setFillGray(0)
        c.drawString(x + men / 3 + 4, w.y, str(men))
        c.drawString(x + men / 3 + 40 + women / 2, w.y, str(women))
        c.drawString(x + men / 3 + 80 + women, w.y, pct)
    w.y -= 16
    c.drawString(MARGIN + 150, w.y, "Men    Women    % women")
    w.y -= 14


def build_en_report_chart(out: pathlib.Path) -> list[pathlib.Path]:
    name = "en_report_chart"
    pdf = out / f"{name}.pdf"
    w = Writer(pdf, "Annual Progress Report 2025", "Tamora")
    w.para("Republic of Tamora", size=16, bold=True)
    w.para("Annual Progress Report 2025", size=18, bold=True)
    w.para("National Action Plan on Women, Peace and Security 2024-2028", size=13, bold=True, after=14)
    w.para("This report describes the first two years of implementation of the National Action Plan. Its figures "
           "come from the ministries that lead each pillar and from the Secretary of State for Equality and "
           "Inclusion.")
    w.space(8)
    p1 = w.para("Pillar 1: Participation", size=13, bold=True)
    w.para("Women's representation in the security sector grew slowly. The police recruited more women officers "
           "than in any previous year, but the defence force and parliament changed little.")
    _bar_chart(w, "Figure 1: Women in the security sector", ["Police", "Army", "Parliament"], [3120, 1480, 65],
               ["11.6%", "4.2%", "38%"])
    w.para("Source: Secretary of State for Equality and Inclusion, 2025")
    w.new_page()
    p2 = w.para("Pillar 2: Prevention", size=13, bold=True)
    w.para("Community focal points reported early warning signals in all municipalities. Women made up a third of "
           "the focal points trained in 2025.")
    _hbar_chart(w, "Figure 2: Community focal points trained", [
        ("Bobonaro", 240, 96, "29%"), ("Covalima", 120, 88, "42%"), ("Ermera", 310, 40, "11%")])
    w.space(8)
    lists = {}
    for kind, heading, items, numbered in (
        ("lessons", "Lessons learned", [
            "Joint planning with municipalities made activities easier to deliver.",
            "Sex-disaggregated data must be part of every reporting template."], False),
        ("challenges", "Challenges", [
            "Budget allocations arrived late in both years.",
            "Staff turnover in line ministries delayed reporting."], False),
        ("recommendations", "Recommendations", [
            "Allocate a dedicated budget line to the plan in each ministry.",
            "Train focal points in every ministry on the reporting template.",
            "Publish an annual dashboard of the plan's indicators."], True),
    ):
        w.para(heading, size=12, bold=True, after=4)
        got = []
        for i, it in enumerate(items, 1):
            page = w.para(it, indent=10, marker=f"{i}." if numbered else "\u2022", after=2)
            got.append({"text": it, "page": page})
        lists[kind] = got
        w.space(8)
    w.save()
    exp = _write_expected(
        out, name, {"kind": "report", "language": "en", "country": "Tamora",
                    "plan_period": {"start": 2024, "end": 2028}},
        [], "Charts only: the numbers are scattered text (bar labels, axis ticks, legends), not tables, so the "
            "report has no observation.",
        observations=[], **lists,
        progress=[{"pillar": "participation", "heading": "Pillar 1: Participation", "page": p1},
                  {"pillar": "prevention", "heading": "Pillar 2: Prevention", "page": p2}])
    return [pdf, exp]


# ---------------------------------------------------------------------------------------------------
# Spanish and Portuguese narrative plans: plan content only under the headings that set it out
# ---------------------------------------------------------------------------------------------------

ES_PLAN = {
    "name": "es_narrative_plan", "language": "es", "country": "Miravalle", "author": "República de Miravalle",
    "title": "Plan de Acción Nacional sobre Mujeres, Paz y Seguridad 2026-2030",
    "intro": "Este plan de acción nacional aplica la Resolución 1325 del Consejo de Seguridad en la República de "
             "Miravalle. Se organiza en dos ejes, con objetivos y acciones prioritarias para cada uno.",
    "context": ("1. Contexto nacional", "La violencia armada en las provincias del norte desplazó a miles de familias "
                "durante la última década.", [
                    "Las mujeres ocupan el 18 por ciento de los escaños de la Asamblea Nacional.",
                    "Una de cada tres mujeres declara haber sufrido violencia de pareja."]),
    "method": ("2. Metodología", "Los documentos consultados incluyen:", [
        "La Política Nacional de Igualdad de Género;", "El primer Plan de Acción Nacional y su evaluación final."]),
    "actions_label": "Acciones prioritarias:", "indicators_label": "Indicadores:",
    "pillars": [
        {"pillar": "Eje 1: Participación",
         "goal": ("Objetivo", "1", "Aumentar la participación de las mujeres en la toma de decisiones sobre paz y "
                                   "seguridad."),
         "actions": ["Establecer una cuota mínima de mujeres en las comisiones de paz departamentales.",
                     "Formar a lideresas comunitarias en mediación y negociación."],
         "indicators": ["Porcentaje de mujeres en las comisiones de paz departamentales"],
         "lead": "Responsable: Ministerio de la Mujer; Socios: ONU Mujeres",
         "leads": ["Ministerio de la Mujer"], "partners": ["ONU Mujeres"]},
        {"pillar": "Eje 2: Protección",
         "goal": ("Objetivo", "2", "Proteger a las mujeres y las niñas frente a la violencia basada en género en "
                                   "las zonas afectadas por el conflicto."),
         "actions": ["Abrir casas de acogida para sobrevivientes de violencia basada en género en las cinco "
                     "provincias del norte, con atención psicológica, jurídica y médica gratuita y con personal "
                     "formado en la atención a mujeres desplazadas y a sus hijas e hijos.",
                     "Crear unidades especializadas de la Policía Nacional para la atención de denuncias."],
         "break": 0,  # this action runs on to the next page: still one record, on the page it starts
         "indicators": ["Número de casas de acogida en funcionamiento"],
         "lead": "Responsable: Ministerio de Justicia", "leads": ["Ministerio de Justicia"], "partners": []},
    ],
    "listed": ("3. Acciones prioritarias de coordinación", "activity", [
        "Crear un comité interinstitucional de seguimiento del plan.",
        "Publicar cada año un informe de avance del plan."]),
    "closing": ("4. Referencias", [
        "Naciones Unidas, Resolución 1325 del Consejo de Seguridad, 2000.",
        "ONU Mujeres, Guía para la elaboración de planes de acción nacionales, 2021."]),
}

PT_PLAN = {
    "name": "pt_narrative_plan", "language": "pt", "country": "Ondala", "author": "República de Ondala",
    "title": "Plano de Ação Nacional sobre Mulheres, Paz e Segurança 2026-2030",
    "intro": "Este plano de ação nacional aplica a Resolução 1325 do Conselho de Segurança na República de Ondala. "
             "Organiza-se em dois eixos, com objetivos e ações prioritárias para cada um.",
    "context": ("1. Contexto nacional", "Os conflitos fundiários no interior do país afetam sobretudo as mulheres "
                "rurais e as suas famílias.", [
                    "As mulheres ocupam 21 por cento dos lugares no Parlamento.",
                    "Metade das mulheres rurais não possui título de propriedade da terra."]),
    "method": ("2. Metodologia", "Os documentos consultados incluem:", [
        "A Política Nacional de Género;", "O relatório de avaliação do primeiro plano de ação."]),
    "actions_label": "Ações prioritárias:", "indicators_label": "Indicadores:",
    "pillars": [
        {"pillar": "Eixo 1: Prevenção",
         "goal": ("Objetivo", "1", "Prevenir os conflitos comunitários com a participação das mulheres nos "
                                   "mecanismos de alerta precoce."),
         "actions": ["Integrar pontos focais femininos nos comités distritais de alerta precoce.",
                     "Realizar campanhas de sensibilização sobre a prevenção de conflitos fundiários."],
         "indicators": ["Número de comités distritais com pontos focais femininos"],
         "lead": "Responsável: Ministério da Administração Interna; Parceiros: ONU Mulheres",
         "leads": ["Ministério da Administração Interna"], "partners": ["ONU Mulheres"]},
        {"pillar": "Eixo 2: Proteção",
         "goal": ("Objetivo", "2", "Garantir a proteção das mulheres e raparigas contra a violência baseada no "
                                   "género."),
         "actions": ["Criar centros de atendimento integrado às sobreviventes de violência baseada no género em "
                     "todas as capitais provinciais, com apoio psicológico, jurídico e médico gratuito e com "
                     "pessoal formado no atendimento a mulheres deslocadas e às suas filhas e filhos.",
                     "Formar os agentes da Polícia Nacional no atendimento às vítimas."],
         "break": 0,
         "indicators": ["Número de centros de atendimento integrado em funcionamento"],
         "lead": "Responsável: Ministério da Justiça", "leads": ["Ministério da Justiça"], "partners": []},
    ],
    "listed": ("3. Objetivos específicos", "goal", [
        "Reforçar a coordenação entre os ministérios responsáveis pelo plano.",
        "Assegurar o financiamento das ações prioritárias em cada orçamento anual."]),
    "closing": ("4. Lições aprendidas", [
        "A participação das organizações de mulheres facilitou a validação do plano.",
        "Os dados desagregados por sexo devem ser recolhidos desde o início."]),
}


def _sections_plan(out: pathlib.Path, spec: dict) -> list[pathlib.Path]:
    """A plan whose objectives and actions sit among chapters that are not plan content (context,
    methodology with the documents consulted, references or lessons): only the pillars' objectives
    and actions and the list under a heading that names them are records; one action runs on to the
    next page."""
    name = spec["name"]
    pdf = out / f"{name}.pdf"
    w = Writer(pdf, spec["title"], spec["author"])
    w.para(spec["author"], size=16, bold=True)
    w.para(spec["title"], size=18, bold=True, after=18)
    w.para(spec["intro"])
    heading, text, items = spec["context"]
    w.space(6)
    w.para(heading, size=13, bold=True)
    w.para(text)
    for it in items:
        w.para(it, indent=10, marker="\u2022", after=2)
    heading, lead_in, items = spec["method"]
    w.space(6)
    w.para(heading, size=13, bold=True)
    w.para(lead_in, after=2)
    for it in items:
        w.para(it, indent=10, marker="\u2022", after=2)
    goals = []
    for p in spec["pillars"]:
        w.space(6)
        w.para(p["pillar"], size=13, bold=True)
        label, code, text = p["goal"]
        gpage = w.para(f"{label} {code}: {text}", bold=True)
        w.para(spec["actions_label"], bold=True, after=2)
        acts = []
        for i, a in enumerate(p["actions"], 1):
            if p.get("break") == i - 1:
                w.space(w.y - BOTTOM - 14)  # down to the page's last line, where the action starts
            apage = w.para(a, indent=10, marker=f"{i}.", after=2, flow=True)
            acts.append(_activity(str(i), a, apage))
        w.space(4)
        w.para(spec["indicators_label"], bold=True, after=2)
        for ind in p["indicators"]:
            w.para(ind, indent=10, marker="\u2022", after=2)
        w.space(4)
        w.para(p["lead"])
        goals.append({"code": code, "text": text, "pillar": p["pillar"], "page": gpage,
                      "indicators": [_ind(t) for t in p["indicators"]],
                      "institutions": [_inst(n, "lead") for n in p["leads"]] +
                                      [_inst(n, "partner") for n in p["partners"]],
                      "outputs": [_null_output(acts[0]["page"], acts)]})
    heading, level, items = spec["listed"]
    w.space(6)
    w.para(heading, size=13, bold=True)
    listed = []
    for i, it in enumerate(items, 1):
        page = w.para(it, indent=10, marker=f"{i}." if level == "goal" else "\u2022", after=2)
        listed.append((str(i) if level == "goal" else None, it, page))
    if level == "goal":
        goals += [{"code": c, "text": t, "pillar": None, "page": pg, "indicators": [], "institutions": [],
                   "outputs": []} for c, t, pg in listed]
    else:
        acts = [_activity(c, t, pg) for c, t, pg in listed]
        goals.append({"code": None, "text": None, "pillar": None, "page": acts[0]["page"], "indicators": [],
                      "institutions": [], "outputs": [_null_output(acts[0]["page"], acts)]})
    heading, items = spec["closing"]
    w.space(6)
    w.para(heading, size=13, bold=True)
    for it in items:
        w.para(it, indent=10, marker="\u2022", after=2)
    w.save()
    exp = _write_expected(
        out, name, {"kind": "nap", "language": spec["language"], "country": spec["country"],
                    "plan_period": {"start": 2026, "end": 2030}},
        goals, "Narrative plan among chapters that are not plan content: the context statistics, the documents "
               "consulted and the references / lessons give no record. Each pillar's objective is a goal (output "
               "level missing: null), its numbered priority actions are activities, one of them running on to the "
               "next page (one record, on the page where it starts); the list under the heading that names actions "
               "(es) or objectives (pt) gives a null goal of its own or goals of their own, outside the pillars.")
    return [pdf, exp]


def build_es_narrative_plan(out: pathlib.Path) -> list[pathlib.Path]:
    return _sections_plan(out, ES_PLAN)


def build_pt_narrative_plan(out: pathlib.Path) -> list[pathlib.Path]:
    return _sections_plan(out, PT_PLAN)


def build_all(out_dir: pathlib.Path | str) -> list[pathlib.Path]:
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[pathlib.Path] = []
    for build in (build_en_narrative_plan, build_fr_narrative_plan, build_es_informe_progreso, build_en_report_chart,
                  build_es_narrative_plan, build_pt_narrative_plan):
        written += build(out)
    return written


if __name__ == "__main__":
    for p in build_all(pathlib.Path(__file__).resolve().parent):
        print(p)
