"""Column roles from what the column holds, for headers whose words naplog does not know.

A results framework's columns say what they are in their header ("Activities", "Responsable",
"Budget"); when the header's words are not in the vocabulary (a template naplog never met, a
typo, a header drawn as an image), the cells still say it: a column of ministries and agencies is
the responsible institutions, one of years or "short / medium term" the timeline, one of amounts
the budget, one of "Number of ..." / "% of ..." / "taux de ..." the indicators, one of row numbers
the codes, one of verb-first phrases the actions, one of outcome phrasings ("Improved ...",
"... sont renforcées") a results level. The header decides when it is known; this decides when it
is not (``extractors.columns``). Each cell is given one kind; a column takes the role most of its
filled cells agree on, or none.
"""

from __future__ import annotations

import re
from collections import Counter

from extractors.institutions.types import institution_type
from extractors.values import YEAR_RE, is_mark
from pipeline.text.fold import fold
from pipeline.text.vocabulary import BULLETS, LEVEL_ROLES, SYMBOL_BULLETS

# A cell's kinds, and the role a column of them has.
ROLE_OF_KIND = {"institution": "lead", "time": "timeline", "amount": "budget", "measure": "indicator",
                "code": "code", "action": "activity", "result": "output"}
# Share of a column's filled cells that must agree for the column to take their role.
AGREE = 0.6

_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z0-9&\-./']{1,14}$")
_CODE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[A-Za-z]|[IVXivx]{1,4})[.)]?$")
_AMOUNT = re.compile(r"^(?:[a-z$€£]{0,4}\s*)?\d[\d\s.,'’\u202f\u00a0]*(?:\s*(?:k|m|mn|md|bn|million|millions|milliard|"
                     r"milliards|mil|millones|milhoes|billion|billions))?(?:\s*[a-z$€£]{0,4})?$")
_TERM = re.compile(r"^(?:(?:court|moyen|long|short|medium|mid|corto|mediano|largo|curto|medio|longo)[\s-]*"
                   r"(?:terme|term|plazo|prazo)|ct|mt|lt|continu|continuous|ongoing|en cours|permanent|annuel|annual|"
                   r"trimestriel|quarterly|semestriel|q[1-4]|t[1-4]|s[12]|[,;/\s-])+$")
_MEASURE = re.compile(
    r"^(?:#|%|number of|no\. of|share of|proportion of|percentage of|rate of|ratio of|level of|existence of|"
    r"availability of|amount of|nombre d|nbre d|pourcentage d|taux d|proportion d|part d|niveau d|existence d|"
    r"disponibilite d|montant d|quantite d|superficie d|numero de|porcentaje de|tasa de|cantidad de|"
    r"existencia de|disponibilidad de|nivel de|porcentagem d|percentagem d|taxa de|quantidade de|"
    r"disponibilidade d)")
# Verbs that open an action, in the imperative (en) or the infinitive (fr, es, pt); and the nouns
# of action that francophone and lusophone plans write actions with ("Renforcement des ...").
_ACTION_EN = frozenset(
    "accelerate adopt advocate align allocate analyse analyze apply assess build carry collect complete conduct "
    "consolidate construct continue coordinate create define deliver design develop disseminate document draft "
    "elaborate enable encourage enforce engage enhance ensure establish evaluate expand explore extend facilitate "
    "finalize finalise formulate foster identify implement improve include increase institutionalize integrate "
    "introduce invest involve launch lead maintain manage map mainstream mobilize mobilise monitor operationalize "
    "organize organise plan prepare prioritize produce promote protect provide raise recruit reduce reform "
    "rehabilitate reinforce restore review revise scale secure set share strengthen study support sustain train "
    "undertake update upgrade use validate".split())
_ACTION_NOUN = re.compile(
    r"^(?:mise en|renforcement|amelioration|elaboration|developpement|promotion|appui|organisation|formation|"
    r"sensibilisation|creation|construction|rehabilitation|realisation|mobilisation|integration|evaluation|"
    r"restauration|vulgarisation|installation|acquisition|etablissement|fortalecimiento|elaboracion|promocion|"
    r"implementacion|desarrollo|reforco|fortalecimento|elaboracao|promocao|implementacao|desenvolvimento|"
    r"capacitacao|establishment|development|strengthening|construction|implementation|promotion|provision|"
    r"rehabilitation|creation|preparation|organization|organisation|training|review|assessment)\b")
_INFINITIVE = re.compile(r"^[a-z]{3,}(?:er|ir|re|ar)$")
_RESULT = re.compile(
    r"^(?:improved|increased|strengthened|enhanced|reduced|better|greater|sustainable|effective|resilient|"
    r"ameliore|ameliores|amelioree|ameliorees|accru|accrue|accrus|accrues|renforce|renforcee|renforces|"
    r"renforcees|reduit|reduite|mejorad[oa]s?|fortalecid[oa]s?|aumentad[oa]s?|reducid[oa]s?|melhorad[oa]s?|"
    r"reforcad[oa]s?|fortalecid[oa]s?)\b"
    r"|\b(?:are|is|have been|has been|sont|est|ont ete|a ete|son|es|estan|sao|esta|foram|foi)\s+\w+(?:ed|ee|ees|es|"
    r"e|ado|ada|ados|adas|ido|ida|idos|idas)\b")
# A result stated as a thing and what became of it: "Flood risk maps produced.", "Plan national
# élaboré et validé", "Mapas de risco elaborados" (the participle within the first words).
_DONE = re.compile(
    r"^(?:\S+\s+){1,7}(?:developed|produced|established|updated|adopted|approved|endorsed|conducted|completed|"
    r"prepared|trained|held|launched|installed|implemented|initiated|reviewed|revised|elaborated|created|"
    r"strengthened|improved|increased|reduced|identified|published|operational|functional|available|in place|"
    r"set up|put in place|elabore|elaboree|elabores|elaborees|adopte|adoptee|adoptes|adoptees|valide|validee|"
    r"valides|validees|mis en place|mise en place|realise|realisee|realises|realisees|forme|formes|formee|formees|"
    r"renforce|renforcee|renforces|renforcees|operationnel|operationnelle|operationnels|disponible|disponibles|"
    r"elaborad[oa]s?|adoptad[oa]s?|aprobad[oa]s?|producid[oa]s?|formad[oa]s?|realizad[oa]s?|implementad[oa]s?|"
    r"produzid[oa]s?|aprovad[oa]s?|criad[oa]s?|revist[oa]s?|atualizad[oa]s?|actualizad[oa]s?|iniciad[oa]s?)\b")
_LEAD_IN = re.compile("^[" + re.escape(BULLETS) + SYMBOL_BULLETS + r"\s]*(?:\d{1,3}(?:\.\d{1,3})*[.)]?\s+|[a-z][.)]\s+)?")


def cell_kind(text: str) -> str:
    """What one cell holds: empty, mark, time, amount, code, institution, measure, action, result
    or text."""
    raw = " ".join(text.split())
    if not raw:
        return "empty"
    if is_mark(raw):
        return "mark"
    folded = fold(raw)
    if _CODE.match(raw):
        return "code"
    if _TERM.match(folded) or (YEAR_RE.search(raw) and len(re.sub(r"[\d\s\-–—/,;.]", "", raw)) <= 4):
        return "time"
    if _AMOUNT.match(folded) and re.search(r"\d", raw):
        return "amount"
    body = _LEAD_IN.sub("", folded)
    if _MEASURE.match(body):
        return "measure"
    if _institutions(raw):
        return "institution"
    first = body.split(" ", 1)[0].strip(",;:.") if body else ""
    if first in _ACTION_EN or _ACTION_NOUN.match(body) or (_INFINITIVE.match(first) and len(body.split()) >= 3):
        return "action"
    if _RESULT.search(body) or _DONE.match(body):
        return "result"
    return "text"


# The head noun of a body's name: a ministry, an agency, a directorate ... (not "national", "district").
_BODY = re.compile(
    r"\b(?:ministr|ministe|ministe?rio|minist|department|departement|departamento|direction|directorate|direccion|"
    r"direcao|directora|agency|agence|agencia|office|bureau|oficina|gabinete|commission|comision|comissao|"
    r"council|conseil|consejo|conselho|committee|comite|institute|institut|instituto|authority|autorite|"
    r"autoridad|autoridade|secretariat|secretaria|secretariado|service|servicio|servico|unit|unite|unidad|"
    r"unidade|police|policia|army|armee|forces|ngos?|ong|csos?|osc|university|universite|universidad|"
    r"universidade|chamber|chambre|camara|fund|fonds|fondo|fundo|programme|program|programa|"
    r"municipalit|communes?|mairie|prefecture|governorate|cellule|centre|center|centro|platform|plateforme|"
    r"network|reseau|red|rede|association|asociacion|associacao|partners?|partenaires?|socios|parceiros)")


def _institutions(text: str) -> bool:
    """A list of bodies: every name an acronym or a name headed by a kind of body (ministry,
    agency, directorate ...)."""
    names = [n.strip(" .;:") for n in re.split(r"[,;/\n]|\bet\b|\band\b|\by\b|\be\b", text) if n.strip(" .;:")]
    if not names or len(names) > 12:
        return False
    known = sum(1 for n in names
                if _ACRONYM.match(n) or (len(n.split()) <= 10 and _BODY.search(fold(n)) and institution_type(n) != "other"))
    return known == len(names)


def column_kind(texts: list[str]) -> tuple[str | None, float]:
    """The kind most of a column's filled cells hold, and their share (None when too few agree)."""
    kinds = Counter(cell_kind(t) for t in texts)
    kinds.pop("empty", None)
    filled = sum(kinds.values())
    if filled < 2:
        return None, 0.0
    kind, n = kinds.most_common(1)[0]
    share = n / filled
    return (kind, share) if share >= AGREE and kind in ROLE_OF_KIND else (None, share)


def roles_from_content(columns: list[list[str]], spans: list[float] | None = None) -> list[str | None]:
    """A role for each column from its cells (``columns[i]``: the body cells of column i, top
    down). ``spans``: how many body rows a column's cells cover on average (a merged cell over
    several rows ranks above the cells beside it). Two level-like columns: the one further left,
    or whose cells span more rows, is the level above."""
    roles: list[str | None] = []
    for texts in columns:
        kind, _ = column_kind(texts)
        roles.append(ROLE_OF_KIND.get(kind) if kind else None)
    spans = spans or [1.0] * len(columns)
    # Institutions: the first such column leads, the next ones are partners.
    leads = [i for i, r in enumerate(roles) if r == "lead"]
    for i in leads[1:]:
        roles[i] = "partner"
    levels = [i for i, r in enumerate(roles) if r in LEVEL_ROLES]
    if len(levels) >= 2:
        # Left to right, higher to lower: a column spanning more rows is above the ones it spans.
        order = sorted(levels, key=lambda i: (-round(spans[i], 1), i))
        names = ["goal", "output", "activity"][-len(order):] if len(order) <= 3 else ["goal", "output", "activity"]
        for i, name in zip(order, names):
            roles[i] = name
        for i in order[3:]:
            roles[i] = None
    elif len(levels) == 1 and roles[levels[0]] == "output":
        roles[levels[0]] = "goal"  # one level stated as results: the plan's objectives
    return roles
