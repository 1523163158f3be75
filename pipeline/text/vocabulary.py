"""Words that name logframe columns, banners and results-framework titles, in English, French,
Spanish and Portuguese. Matching is done on text folded by ``fold`` (lower case, no accents)."""

from __future__ import annotations

import functools
import re

from pipeline.text.fold import fold

# Column roles. Order matters where phrases overlap: longer, more specific phrases first.
# Where the words come from: the logframe matrix of the EU's Project Cycle Management guidelines
# and its French, Spanish and Portuguese editions (intervention logic, objectively verifiable
# indicators, sources / means of verification, assumptions); UNDP's Results and Resources Framework
# (outcome, output, indicative activities, responsible party, planned budget); the World Bank's
# results frameworks (PDO and intermediate results indicators, baseline, end target, frequency,
# data source, responsibility for data collection); the Green Climate Fund's funding-proposal
# logframe (project outcomes and outputs, activities and sub-activities, deliverables, executing
# entity); IATI's activity standard (result, indicator, baseline, target, period); and the plans of
# the corpus and the samples, which use the rest.
ROLE_PHRASES: list[tuple[str, tuple[str, ...]]] = [
    ("mov", (
        "means of verification", "means of verif", "source of verification", "sources of verification",
        "verification", "source de verification", "sources de verification", "moyens de verification",
        "medios de verificacion", "medio de verificacion", "fuente de verificacion", "fuentes de verificacion",
        "meios de verificacao", "fonte de verificacao", "fontes de verificacao",
        # The World Bank's "Data Source/Methodology" column, as plans word it in the four languages.
        "data source", "data sources", "data source/methodology", "data collection method",
        "data collection methods", "source des donnees", "sources des donnees", "methode de collecte",
        "fuente de datos", "fuentes de datos", "metodo de recoleccion", "fonte de dados", "fontes de dados",
        "metodo de coleta",
    )),
    ("funding", (
        "source of funding", "sources of funding", "funding source", "source de financement",
        "sources de financement", "financement", "fuente de financiamiento", "fuente de financiacion",
        "fonte de financiamento",
    )),
    ("assumption", ("assumptions", "assumption", "hypothesis", "hypotheses", "risks", "hypothese", "supuestos",
                    "riesgos", "pressupostos", "riscos")),
    ("baseline", ("baseline", "base line", "situation de reference", "valeur de reference", "reference",
                  "linea de base", "linea base", "valor de referencia", "linha de base", "valor de base")),
    ("target", ("targets", "target", "cible", "cibles", "valeur cible", "metas", "meta", "valor meta", "alvo")),
    ("indicator", (
        "objectively verifiable indicators", "performance indicators", "performance indicator",
        "intermediate results indicators", "pdo indicators", "results indicators",
        "monitoring indicator", "indicators of achievement", "kpis", "kpi",
        "indicators", "indicator", "indicateurs", "indicateur", "indicadores de desempenho",
        "indicadores de desempeno", "indicadores", "indicador",
    )),
    ("partner", (
        "partner institutions", "partners", "partner", "supporting institutions", "support institutions",
        "collaborating", "partenaires", "partenaire", "structures d'appui", "socios", "aliados",
        "instituciones de apoyo", "parceiros", "parceiro", "entidades de apoio", "other actors",
        "co-responsible", "acteurs associes",
    )),
    ("lead", (
        "lead institution", "lead institutions", "lead agency", "lead", "responsible institution",
        "responsible agency", "responsible institutions", "responsibility", "responsible", "institutions",
        "institution", "implementing agency", "implementing agencies", "implementing partners",
        "agence tete de file", "structure responsable", "responsables", "responsable", "chef de file",
        "acteurs", "institution responsable", "entite responsable", "responsabilite",
        "entidad responsable", "institucion responsable", "instituciones responsables",
        "entidade responsavel", "entidades responsaveis", "responsavel", "responsaveis",
        "ownership", "owner", "key actors", "acteurs cles",
        # UNDP RRF, GCF, and their French, Spanish and Portuguese forms.
        "responsible party", "responsible parties", "executing entity", "executing entities",
        "implementing entity", "entite d'execution", "acteurs de mise en oeuvre", "entidad ejecutora",
        "entidades ejecutoras", "entidad implementadora", "entidade executora", "entidades executoras",
        "entidade implementadora", "responsibility for data collection",
        "entity responsible for data collection", "entity responsible", "responsible entity",
        "responsable de la collecte", "responsable de la recoleccion", "responsavel pela coleta",
    )),
    ("budget", (
        "estimated budget", "estimated cost", "indicative budget", "budget", "budgets", "cost", "costs",
        "budget previsionnel", "cout", "couts", "montant", "presupuesto", "costo", "coste",
        "orcamento", "custo", "custos",
        "cout estimatif", "couts estimatifs", "cout total", "planned budget", "total cost", "costo total",
        "custo total", "amount", "amount (usd)",
    )),
    ("timeline", (
        "implementation year", "implementation years", "implementation period", "timeline", "timeframe",
        "time frame", "timing", "period", "schedule", "deadline", "deadlines", "duration", "years", "year",
        "calendrier de mise en oeuvre", "calendrier", "periode", "echeance", "echeancier", "chronogramme",
        "delai", "annee", "plazo", "plazos", "cronograma", "periodo", "calendario", "ano", "anos", "prazo",
        "prazos",
        "plazo de ejecucion", "periodo de ejecucion", "prazo de execucao", "frequency", "frequence",
        "frecuencia", "frequencia",
    )),
    ("activity", (
        "specific activities", "key activities", "main activities", "activities", "activity", "actions",
        "action", "interventions", "intervention", "measures", "measure", "initiatives", "activites",
        "activite", "mesures", "mesure", "actividades", "actividad", "acciones", "accion", "acoes",
        "acao", "atividades", "atividade", "medidas", "medida", "actions prioritaires",
        "description of activities", "description des activites",
        "sub-activities", "sous-activites", "subactividades", "subatividades", "acoes prioritarias",
        "indicative activities", "activites indicatives", "actividades indicativas", "atividades indicativas",
        # The UNFCCC NAP technical guidelines (LEG 2012) and the NAPs written after them list their
        # "adaptation measures" ("mesures d'adaptation", "medidas de adaptacion/adaptacao"): the
        # qualifier makes "measures" too short a share of the header for the bare word.
        "adaptation measures", "adaptation measure", "mesures d'adaptation", "mesure d'adaptation",
        "medidas de adaptacion", "medidas de adaptacao",
    )),
    ("output", (
        "expected outputs", "expected results", "expected result", "outputs", "output", "results", "result",
        "produits", "produit", "extrants", "extrant", "resultats attendus", "resultat attendu",
        "resultats", "resultat", "productos", "producto", "resultados esperados", "resultado esperado",
        "resultados", "resultado", "produtos", "produto", "adaptation options", "adaptation option", "options",
        "deliverables", "livrables", "entregables", "entregaveis", "resultats intermediaires",
        "resultados intermedios", "resultados intermediarios",
    )),
    ("goal", (
        "strategic objectives", "strategic objective", "specific objectives", "specific objective",
        "expected outcomes", "expected outcome", "outcomes", "outcome", "objectives", "objective", "goals",
        "goal", "objectifs specifiques", "objectif specifique", "objectifs strategiques",
        "objectif strategique", "objectifs", "objectif", "effets", "effet", "objetivos especificos",
        "objetivo especifico", "objetivos estrategicos", "objetivo estrategico", "objetivos", "objetivo",
        "efectos", "efecto", "eixo/objetivo", "eje/objetivo", "impact", "impacto", "programme", "program",
        "programmes", "component", "components", "composante", "componente", "adaptation needs", "adaptation need",
        "needs",
        "focus area", "focus areas", "strategic area", "barrier", "barriers", "constraint", "constraints",
        "obstacle", "obstacles", "contrainte", "contraintes", "entrave", "entraves", "phase", "phases",
    )),
    ("narrative", ("intervention logic", "logique d'intervention", "logica de intervencion", "logica de intervencao",
                   "narrative summary", "resume narratif", "resumen narrativo", "resumo narrativo",
                   "project description")),
    # A table that reports where projects stand (started, completed, status) lists what exists,
    # not what a plan sets out to do: its tables are inventories, never results frameworks.
    ("status", ("status", "statut", "estado", "situacao", "etat d'avancement", "state of play", "completed",
                "date of completion", "acheve", "termine", "concluido", "concluida", "implementation status")),
    # A table keyed by the laws in force (the legal framework: "Secteurs | Lois | Institution
    # responsable | Objectifs") states what those laws aim at, not what the plan will do.
    ("legal", ("laws", "law", "legal texts", "legal instruments", "legislation", "lois", "loi", "textes juridiques",
               "textes legislatifs", "instruments juridiques", "leyes", "ley", "instrumentos juridicos",
               "legislacion", "leis", "lei", "legislacao", "diplomas legais")),
    ("level", ("level", "niveau", "nivel", "nivel de resultado")),
    ("code", ("no.", "n°", "no", "#", "ref", "ref.", "code", "id", "numero", "num", "n.")),
    ("pillar", ("pillar", "pilier", "eje", "eixo", "axe", "axis", "area", "thematic area", "domaine",
                "cross-cutting area", "cross-cutting areas", "sector", "secteur", "sector tematico",
                "priority area", "area prioritaria", "area tematica",
                "pillars", "piliers", "ejes", "eixos", "axes", "areas", "thematic areas", "domaines", "sectors",
                "secteurs", "sectores", "setor", "setores", "priority areas", "areas prioritarias",
                "areas tematicas", "areas affected", "affected areas",
                # The "development sectors" a NAP is organised by (the LEG's NAP technical guidelines,
                # 2012, plan adaptation by development sector; Burkina Faso's summary tables head
                # their sector column so): "sector" alone is too short a share of the phrase.
                "development sector", "development sectors",
                # The row label of a table of measures by climate risk (adaptation plans' "Climate
                # risks | Vulnerability | Potential impacts | Adaptation measures"): the measures'
                # theme, not a logframe's assumptions column ("Risks").
                "climate risks", "climate risk", "climate hazards", "climate hazard", "hazards", "hazard",
                "risques climatiques", "risque climatique", "aleas climatiques", "aleas", "riesgos climaticos",
                "amenazas climaticas", "amenazas", "riscos climaticos", "perigos climaticos")),
]

LEVEL_ROLES = ("goal", "output", "activity")

# A pillar column naming climate risks or hazards: its rows say what a measure responds to, never an
# objective (an area or a sector column without a goal column is the goal level; this one is not).
HAZARD_HEADER = re.compile(r"\b(risks?|risques?|riesgos?|riscos?|hazards?|aleas|amenazas?|perigos?)\b")

# A banner that names a pillar: "Pillar 1: Participation", "PILIER 2 - PRÉVENTION", "Eje 3: Protección".
PILLAR_BANNER = re.compile(
    r"^(?P<label>pillar|pilier|eje|eixo|axe|axis|thematic area|area tematica|domaine|priority area|"
    r"strategic area|priority|priorite|prioridad|prioridade)\s*(?P<code>[0-9IVX]+[a-z]?)?\s*[:.\-–—]?\s*(?P<name>.*)$",
    re.IGNORECASE,
)
# A banner that states a goal: "Goal: ...", "Objectif 1 : ...", "Objetivo estratégico 2: ...".
GOAL_BANNER = re.compile(
    r"^(?P<label>(strategic |specific |overall )?(goal|objective|outcome|objectif( strategique| specifique| general)?|"
    r"objetivo( estrategico| especifico| general| geral)?|resultado estrategico|effet|impact))"
    r"\s*(?P<code>[0-9IVX]+(\.[0-9]+)*)?\s*[:.\-–—]\s*(?P<name>.+)$",
    re.IGNORECASE,
)

BULLETS = "•●○◦▪▫■□‣⁃∙·‒–—-*➢➤►▶✓✔❖◆◇→" + "\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8\uf0e0\uf09f"
# Bullets drawn with a symbol font (Wingdings, Symbol): their glyphs map to the private-use code
# points U+F000-U+F0FF, whichever glyph the plan chose; at a line's start any of them is a bullet.
SYMBOL_BULLETS = "\uf000-\uf0ff"
YES_MARKS = {"x", "X", "✓", "✔", "√", "✗", "✘", "●", "•", "■", "▪", "+", "*", "\uf0fc", "\uf0fe", "\uf0b7",
             "\uf0a8", "\uf06e", "yes", "oui", "si", "sí", "sim"}


# Within a role, longer phrases are tried first at each place ("cout estimatif" before "cout").
_ROLE_PATTERNS = [
    (role, re.compile(r"(?<![a-z])(" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
                      + r")(?![a-z])"))
    for role, phrases in ROLE_PHRASES
]
# Any role's phrase: most short cells name none, and one search says so where each role's would.
_ANY_ROLE = re.compile(
    r"(?<![a-z])(?:" + "|".join(re.escape(p) for _, phrases in ROLE_PHRASES for p in phrases) + r")(?![a-z])"
)
# What a folded cell must hold before _ANY_ROLE can find anything in it (a set lookup per run of
# letters, where the search tries every phrase at every position). A phrase that begins with
# letters matches where a run of letters is exactly its first run: the pattern wants no letter
# before it, and after that run the phrase has a non-letter or ends, where the pattern wants no
# letter. A phrase that begins otherwise needs at least its first character.
_LETTERS = re.compile(r"[a-z]+")
_FIRST_RUNS = frozenset(m.group() for _, phrases in ROLE_PHRASES for p in phrases if (m := _LETTERS.match(p)))
_FIRST_OTHERS = tuple(sorted({p[0] for _, phrases in ROLE_PHRASES for p in phrases if not _LETTERS.match(p)}))


def may_name_a_role(folded: str) -> bool:
    """False only when no role's phrase can be in ``folded`` (``_ANY_ROLE`` would find none)."""
    return not _FIRST_RUNS.isdisjoint(_LETTERS.findall(folded)) or any(c in folded for c in _FIRST_OTHERS)


_NOT_LETTERS = re.compile(r"\(.*?\)|[^a-z ]")
# A time horizon: "short-, medium- and long-term", "court, moyen ou long terme", "a corto, mediano y
# largo plazo", "curto, medio e longo prazo" (folded: no accents).
_HORIZON = re.compile(
    r"(?<![a-z])(?:(?:short|medium|mid|long|court|moyen|corto|mediano|largo|curto|medio|longo)"
    r"[\s,/-]*(?:(?:and|or|et|ou|y|o|e)(?![a-z])[\s,/-]*)?)+(?:term|terme|plazo|prazo)s?(?![a-z])")
YEAR_HEADER = re.compile(r"^(?:(?:19|20)\d\d)(?:\s*[/\-]\s*(?:19|20)?\d\d)?$")
QUARTER_HEADER = re.compile(r"^(?:q|t|trim\.?\s*)([1-4])$", re.IGNORECASE)


@functools.lru_cache(maxsize=1 << 14)
def header_role(text: str) -> tuple[str | None, str | None]:
    """The role a header cell names, and the phrase that decided it (None when unknown)."""
    folded = fold(text)
    if not folded or len(folded) > 60:  # too long for a header, whatever it names (see below)
        return None, None
    if YEAR_HEADER.match(folded):
        return "year", folded
    # Headers are short: over eight words is body text, whatever it names. Tested before looking
    # for every role's phrases, which is what costs (most cells that reach here are prose).
    if len(folded.split()) > 8:
        return None, None
    horizon = _HORIZON.search(folded)
    if horizon is not None:
        # "Short-, medium- or long-term" alone heads the timeline column; before a role's name
        # ("Short-, medium- and long-term adaptation objectives") it only qualifies that role.
        rest = " ".join(_NOT_LETTERS.sub(" ", (folded[:horizon.start()] + " " + folded[horizon.end():])).split())
        if rest in ("", "a", "au", "horizon", "time horizon", "horizon temporel", "horizonte"):
            return "timeline", horizon.group()
        folded = rest
    if not may_name_a_role(folded) or not _ANY_ROLE.search(folded):
        return None, None
    best: tuple[int, str, str] | None = None
    for role, pattern in _ROLE_PATTERNS:
        for m in pattern.finditer(folded):
            # Prefer the phrase that starts earliest, then the longest: "Indicateurs de résultat" is
            # an indicator column, "Résultats attendus" an output column.
            key = (m.start(), -len(m.group(1)))
            if best is None or key < (best[0], -len(best[2])):
                best = (m.start(), role, m.group(1))
    if best is None:
        return None, None
    # Headers are mostly the role's name; a cell that merely contains a word like "needs" or
    # "action" ("the needs and priorities of women") is body text.
    core = " ".join(_NOT_LETTERS.sub(" ", folded).split())
    if len(best[2]) < 0.35 * max(len(core), 1):
        return None, None
    return best[1], best[2]

# A level's label written inside its cell: "Outcome 1: Women participate ...", "Output 2 - ...".
# "Programme N:" is the top level of programme-based frameworks (the GCF's programme funding
# proposals, the programmes of national adaptation and development plans: "Programme national 3 :").
LEVEL_LABEL = re.compile(
    r"^(?P<label>(?:strategic |specific |overall |immediate |expected )?(?:goal|objective|outcome|output|result|"
    r"programme(?: national)?|program|programa(?: nacional)?|"
    r"activity|action|objectif(?: strat[ée]gique| sp[ée]cifique| g[ée]n[ée]ral)?|r[ée]sultat(?: attendu)?|"
    r"produit|effet|activit[ée]|objetivo(?: estrat[ée]gico| espec[íi]fico| general| geral)?|"
    r"resultado(?: esperado)?|producto|produto|actividad|atividade|a[çc][ãa]o|acci[óo]n|medida|mesure|"
    r"indicator|indicateur|indicador|kpi)"
    # "SO 1:", "OS 2 :": specific objective / objectif (objetivo) específico as logframes abbreviate
    # them (EU and UNDP results frameworks number their "SO1", "SO2"; French plans their "OS 1");
    # an abbreviation is a label only before its number.
    r"|(?:so|os)(?=\s*[0-9]))"
    # After the separator a space, or none before a capital ("SO 2:Improve ...", "Mesure 7.1.Élaborer"
    # as typed): a capital opens the text, where "1.2" would go on with the code.
    r"\s*(?P<code>[0-9]+(?:\.[0-9]+)*|[A-Z])?\s*[:.\-–—](?:\s+|(?-i:(?=[A-ZÀ-Ý])))(?=\S)",
    re.IGNORECASE,
)


def strip_level_label(text: str) -> tuple[str | None, str | None, str]:
    """Split "Outcome 1: Women ..." into (label, code, rest); (None, None, text) when unlabelled."""
    m = LEVEL_LABEL.match(text)
    if not m or (not m.group("code") and ":" not in m.group(0)):
        return None, None, text
    return m.group("label"), m.group("code"), text[m.end():].strip()


def names_logframe(roles: set[str] | frozenset[str]) -> bool:
    """A results framework's header names a level (goal, output or activity) and something about
    it, and no status (an inventory of projects says how far each got)."""
    if "status" in roles or "legal" in roles:
        return False
    if "narrative" in roles and "indicator" in roles:
        return True  # a vertical logframe: levels are row labels, text in "Intervention logic"
    levels = [r for r in LEVEL_ROLES if r in roles]
    # A level under a pillar column (measures by sector or by climate risk) is a plan's list of what
    # it will do, as much as a level with its indicators or institutions.
    others = roles & {"indicator", "lead", "partner", "timeline", "year", "budget", "target", "baseline", "mov",
                      "pillar"}
    return bool(levels) and (len(levels) >= 2 or bool(others))


# What a document's cover calls it: a report on a plan's implementation, or the plan itself.
REPORT_WORDS = re.compile(
    r"\b(progress report|implementation report|annual report|country report|monitoring report|"
    r"accomplishment report|evaluation report|rapport (pays|annuel|de mise en oeuvre|d'etape|de suivi)|"
    r"rapport (national|sur la mise en oeuvre)|rapport|informe (de progreso|anual|de avance|de seguimiento)|"
    r"relatorio (de progresso|anual|de implementacao)|progress (made|achieved)|report on)\b"
)
PLAN_WORDS = re.compile(
    r"\b(national action plan|action plan|plan d'action|plan de accion|plano de acao|plano nacional|"
    r"adaptation plan|plan national|preparedness plan|logframe|logical framework|strategic plan|"
    r"plan estrategico|plano estrategico)\b"
)
STRONG_REPORT = re.compile(
    r"\b(progress report|report date|reporting period|achievement analysis|accomplishment report|"
    r"annual report|midline|endline|rapport pays|etat d'avancement|informe de (progreso|avance)|"
    r"relatorio de progresso)\b"
)


def cover_names_report(front_text: str) -> bool:
    """A report talks about a plan's implementation on its cover; a plan names itself."""
    folded = fold(front_text)
    if STRONG_REPORT.search(folded):
        return True
    report = REPORT_WORDS.search(folded)
    plan = PLAN_WORDS.search(folded)
    return bool(report) and (not plan or report.start() < plan.start())


# ---- Plan-content sections (issue 19: prose only where it is plan content) ----------------------
# The words of a heading (or of the lead-in line ending in ":" right above a list) that say
# whether the list below it sets out the plan's objectives and actions, and at which level its
# items stand. Where the words come from: the section titles of the UNFCCC NAP technical
# guidelines (LEG 2012: "priority adaptation actions", "strategic objectives", "programmes"), the
# French, Spanish and Portuguese NAPs of the corpus and of the samples ("axes stratégiques",
# "mesures d'adaptation", "ejes estratégicos", "ações prioritárias"), and the WPS action plans'
# "pillars / piliers / pilares" (UN Women's NAP guide). Folded text (``fold``), matched as words.
SECTION_GOAL_WORDS = (
    "objective", "objectives", "goal", "goals", "axis", "axes", "strategic axis", "pillar", "pillars",
    "priority", "priorities", "programme", "programmes", "program", "programs", "outcome", "outcomes",
    "objectif", "objectifs", "axe", "pilier", "piliers", "priorite", "priorites", "orientation strategique",
    "orientations strategiques", "effets", "effet", "programme national", "programmes nationaux",
    "objetivo", "objetivos", "eje", "ejes", "pilar", "pilares", "prioridad", "prioridades", "programa",
    "programas", "eixo", "eixos", "prioridade", "prioridades", "metas",
)
SECTION_OUTPUT_WORDS = (
    "expected results", "results", "outputs", "resultats attendus", "resultats", "produits",
    "resultados esperados", "resultados", "produtos",
)
SECTION_ACTIVITY_WORDS = (
    "action", "actions", "activities", "measures", "interventions", "adaptation options", "options",
    "initiatives", "activites", "mesures", "interventions", "options d'adaptation", "acciones", "actividades",
    "medidas", "intervenciones", "opciones", "acoes", "accoes", "atividades", "intervencoes", "opcoes",
)
# Never plan content, whatever else the heading says: context and diagnosis, methodology and
# consultation, references, glossaries, statistics, lessons (the inventories' rules,
# docs/inventories.md). Diagnosis words only count when no plan-content word is there too.
SECTION_NOT_CONTENT = (
    "context", "background", "introduction", "methodology", "methodologie", "method", "methode",
    "approach", "demarche", "metodologia", "metodo", "references", "reference", "bibliography",
    "bibliographie", "bibliografia", "referencias", "acronyms", "abbreviations", "acronymes", "sigles",
    "siglas", "abreviaturas", "glossary", "glossaire", "glosario", "glossario", "statistics", "statistiques",
    "estadisticas", "estatisticas", "consultation", "consultations", "consultes", "consulted", "consultados",
    "stakeholders", "parties prenantes", "lessons", "lecons", "enseignements", "lecciones", "licoes",
    "contexte", "contexto", "antecedentes", "documents", "documentos", "sources", "fuentes", "fontes",
    "footnotes", "annex", "annexe", "anexo", "acknowledgements", "remerciements", "agradecimientos",
    "agradecimentos", "foreword", "preface", "avant-propos", "prologo", "prefacio",
    # how the plan was drafted ("activities conducted for the elaboration of this document")
    "elaboration", "drafting", "preparation process", "elaboracion", "elaboracao",
)
SECTION_DIAGNOSIS = (
    "vulnerability", "vulnerabilite", "vulnerabilidad", "vulnerabilidade", "impacts", "diagnosis",
    "diagnostic", "diagnostico", "situation analysis", "etat des lieux", "profile", "profil", "perfil",
    "trends", "tendances", "tendencias", "achievements", "acquis", "logros", "realizacoes",
)


def _words_rx(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z])(?:" + "|".join(sorted(map(re.escape, set(words)), key=len, reverse=True))
                      + r")(?![a-z])")


_SECTION_GOAL = _words_rx(SECTION_GOAL_WORDS)
_SECTION_OUTPUT = _words_rx(SECTION_OUTPUT_WORDS)
_SECTION_ACTIVITY = _words_rx(SECTION_ACTIVITY_WORDS)
_SECTION_NOT = _words_rx(SECTION_NOT_CONTENT)
_SECTION_DIAGNOSIS = _words_rx(SECTION_DIAGNOSIS)
_PRIORITY_ONLY = re.compile(r"priorit(?:y|ies|e|es)|prioridad(?:es)?|prioridades?")


LEAD_IN_WORDS = 8


def section_kind(heading: str, lead_in: bool = False) -> str | None:
    """What a heading (or a list's lead-in line) says of the section under it: "excluded" (context,
    methodology, references ...), "goal", "output" or "activity" (plan content, and the level its
    list's items stand at), or None (it does not say). A heading names its level first ("Mesures
    d'adaptation aux impacts", "Axe 2 : ... programmes"); a lead-in sentence names the list last,
    right before its colon ("measures contribute to ... two overarching adaptation goals, namely:")."""
    folded = fold(heading)
    if _SECTION_NOT.search(folded):
        return "excluded"
    if lead_in:
        # Only its last words name the list ("... difficulties, during both formulation and
        # implementation:" names none, whatever "programmes of action" stood earlier).
        folded = " ".join(folded.split()[-LEAD_IN_WORDS:])
    found = [(m.start(), level) for level, rx in (("goal", _SECTION_GOAL), ("output", _SECTION_OUTPUT),
                                                  ("activity", _SECTION_ACTIVITY)) for m in rx.finditer(folded)]
    if found:
        goal_words = {m.group() for m in _SECTION_GOAL.finditer(folded)}
        if any(level == "activity" for _, level in found) and goal_words and all(
                _PRIORITY_ONLY.fullmatch(w) for w in goal_words):
            return "activity"  # "priority actions": priority qualifies the actions
        return (max(found) if lead_in else min(found))[1]
    return "excluded" if _SECTION_DIAGNOSIS.search(folded) else None


# The parts of an action card or programme sheet (a two-column table, or a box of labelled
# paragraphs, per sector, programme or action: the left column or a bold line names the part, the
# right column or the lines below give it). Role -> phrases a label begins with, folded. Where the
# words come from: the project-sheet templates of the Green Climate Fund's and the Adaptation Fund's
# concept notes (project title, objective, activities, expected results, indicators, executing
# entity, partners, budget, duration), the EU's action-document ("fiche action") template and its
# French, Spanish and Portuguese editions (objectif global, objectifs spécifiques, résultats
# attendus, activités, acteurs, coût, calendrier), and the plans of the corpus (Liberia's strategy
# cards, Cameroon's "fiches projets", Madagascar's "fiches programme", Albania's priority-action
# cards, Benin's "fiches signalétiques sectorielles", Burkina Faso's project sheets).
CARD_PART_PHRASES: dict[str, tuple[str, ...]] = {
    # A card's own name ("Project 2:", "Fiche action n° 3"): the title row, not a part.
    "title": (
        "priority action", "project", "programme", "program", "fiche action", "fiche projet", "fiche programme",
        "projet", "programme national", "ficha de accion", "ficha de proyecto", "proyecto", "programa",
        "ficha de acao", "ficha de projeto", "projeto", "action card", "action sheet", "secteur", "sector",
        "name of priority action", "name of the action", "action name", "project name", "project title",
        "title of the project", "intitule", "intitule du projet", "titre du projet", "nom du projet",
        "nombre del proyecto", "titulo del proyecto", "nome do projeto", "titulo do projeto",
    ),
    "goal": (
        "overall objective", "general objective", "main objective", "objective", "objectives", "goal", "goals",
        "goal(s)", "objective(s)", "vision and objectives", "purpose",
        "objectif global", "objectif general", "objectif principal", "objectif(s)", "objectifs", "objectif",
        "vision et objectifs", "objectif sectoriel", "objetivo general", "objetivo global", "objetivos",
        "objetivo", "objetivo geral",
    ),
    "output": (
        "specific objectives", "specific objective", "expected results", "expected result", "expected outcomes",
        "expected outcome", "short-term outcomes", "medium-term outcomes", "long-term outcomes", "outcomes",
        "short-term results", "medium-term results", "long-term results",  # Burkina Faso NAP project sheets
        "outcome", "results", "outputs", "objectifs specifiques", "objectif specifique", "resultats attendus",
        "resultat attendu", "resultats", "effets attendus", "effets", "produits attendus", "axes strategiques",
        "objetivos especificos", "objetivo especifico", "resultados esperados", "resultado esperado",
        "resultados", "productos esperados", "produtos esperados",
    ),
    "activity": (
        "activities", "activity", "actions", "action", "main actions", "main action", "strategies",
        "key activities", "substantial elements", "measures", "initiatives", "strategy", "recommendations",
        "recommandations", "recomendaciones", "recomendacoes", "sub-actions", "interventions",
        "activites du programme", "activites", "activite", "actions prioritaires", "mesures", "mesure",
        "sous-actions", "actividades", "actividad", "acciones", "accion", "medidas", "subacciones",
        "atividades", "atividade", "acoes", "acao", "subacoes",
    ),
    "indicator": (
        "indicators", "indicator", "key performance indicators", "performance indicators", "indicateurs",
        "indicateur", "indicateurs de resultat", "indicateurs d'atteinte", "indicadores", "indicador",
    ),
    "lead": (
        "responsible", "responsibility", "responsible institution", "responsible lead agency",
        "lead agency", "lead institution", "lead", "implementing agency", "key actors",
        "responsable", "responsables", "responsabilites", "responsabilite", "structure responsable",
        "chef de file", "chef(s) de file", "pilote de l'action", "maitre d'oeuvre", "acteurs cles",
        "acteur responsable", "entidad responsable", "responsavel", "entidade responsavel", "responsaveis",
    ),
    "partner": (
        "partners", "partner", "partner institutions", "supporting institutions", "partenaires",
        "partenaire", "structures associees", "socios", "aliados", "instituciones de apoyo", "parceiros",
        "parceiro",
    ),
    "budget": (
        "budget", "estimated budget", "estimated cost", "cost", "costs", "resources", "budget et source",
        "cout", "couts", "cout estimatif", "presupuesto", "costo", "coste", "orcamento", "custo",
    ),
    "timeline": (
        "timeframe", "time frame", "timeline", "period", "duration", "deadline", "implementation period",
        "calendrier", "duree", "echeance", "periode", "echeancier", "plazo", "periodo", "calendario",
        "duracion", "prazo", "duracao", "cronograma",
        # Court, moyen, long terme as French plans abbreviate them over a column of terms.
        "ct, mt, lt", "ct mt lt", "ct/mt/lt",
    ),
    # Parts a card has that are not records: context, rationale, gaps, risks, location.
    "other": (
        "context", "contexte", "contexto", "rationale", "justification", "justificacion", "justificativa",
        "gaps", "existing situation", "situation actuelle", "localisation", "location", "localizacion",
        "localizacao", "alignment", "alignement", "source", "sources", "risks", "risques", "riesgos", "riscos",
        "resume", "summary", "resumen", "resumo", "defis", "challenges", "desafios", "outils",
        "lutte contre", "projets et initiatives", "ongoing projects", "sources potentielles",
        "risques pouvant", "beneficiaries", "beneficiaires", "beneficiarios",
    ),
}
# The parts that make records (a card names at least two of them; "other" parts are not records).
CARD_RECORD_ROLES = frozenset({"goal", "output", "activity", "indicator", "lead", "partner", "budget", "timeline"})
# A term written after a part's name ("Actions à court terme", "Short-term outcomes"): the timeline
# of what the part lists.
CARD_TERM = re.compile(
    r"(?:a |au )?(court|moyen|long) terme|(short|medium|long)[- ]term|a (corto|mediano|largo) plazo|"
    r"a (curto|medio|longo) prazo")
_CARD_PATTERN = re.compile(
    r"^(" + "|".join(re.escape(p) for p in sorted({p for ps in CARD_PART_PHRASES.values() for p in ps},
                                                   key=len, reverse=True)) + r")(?![a-z])")
_CARD_ROLE = {p: role for role, phrases in CARD_PART_PHRASES.items() for p in phrases}


def card_part_role(text: str, max_words: int = 9) -> str | None:
    """The part of a card a label names ("Indicateurs :", "Actions à court terme", "Project 2:"), or
    None. A label is short and begins with the part's name; a colon may end it."""
    folded = fold(text).strip(" :.-–—*")
    if not folded or len(folded) > 80 or len(folded.split()) > max_words:
        return None
    m = _CARD_PATTERN.match(folded)
    return _CARD_ROLE[m.group(1)] if m else None
