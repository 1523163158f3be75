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

import functools
import re
from collections import Counter

from extractors.institutions.types import institution_type
from extractors.lexicon import english_word, only_a_verb, past_participle
from extractors.values import YEAR_RE, is_mark
from pipeline.text.fold import fold
from pipeline.text.vocabulary import (
    BULLETS,
    LEVEL_ROLES,
    PILLAR_BANNER,
    SYMBOL_BULLETS,
    header_role,
    strip_level_label,
)

# A cell's kinds, and the role a column of them has.
ROLE_OF_KIND = {"institution": "lead", "time": "timeline", "amount": "budget", "measure": "indicator",
                "code": "code", "action": "activity", "result": "output",
                # cells that open with their level's name ("Objetivo 1: ...", "Résultat 2.1 : ...")
                "level:goal": "goal", "level:output": "output", "level:activity": "activity"}
# Share of a column's filled cells that must agree for the column to take their role.
AGREE = 0.6

_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z0-9&\-./']{1,14}$")
_CODE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[A-Za-z]|[IVXivx]{1,4})[.)]?$")
_AMOUNT = re.compile(r"^(?:[a-z$€£]{0,4}\s*)?\d[\d\s.,'’\u202f\u00a0]*(?:\s*(?:k|m|mn|md|bn|million|millions|milliard|"
                     r"milliards|mil|millones|milhoes|billion|billions))?(?:\s*[a-z$€£]{0,4})?$")
_TERM = re.compile(r"^(?:(?:court|moyen|long|short|medium|mid|corto|mediano|largo|curto|medio|longo)[\s-]*"
                   r"(?:terme|term|plazo|prazo)|ct|mt|lt|continu|continuous|ongoing|en cours|permanent|annuel|annual|"
                   r"trimestriel|quarterly|semestriel|q[1-4]|t[1-4]|s[12]|[,;/\s-]|(?<=\s)(?:et|and|y|e|to|a|à)(?=\s))+$")
# (Periods joined by a conjunction, "MT et LT", "short and medium term", are one period.)
_MEASURE = re.compile(
    r"^(?:#|%|number of|no\. of|share of|proportion of|percentage of|rate of|ratio of|level of|existence of|"
    r"availability of|amount of|nombre d|nbre d|pourcentage d|taux d|proportion d|part d|niveau d|existence d|"
    r"disponibilite d|montant d|quantite d|superficie d|numero de|porcentaje de|tasa de|cantidad de|"
    r"existencia de|disponibilidad de|nivel de|porcentagem d|percentagem d|taxa de|quantidade de|"
    r"disponibilidade d|"
    # what a share or a size is stated as: "Representation of women in ...", "Area of rehabilitated
    # forest", "Average time between alert and response", "Existence and operation of ..."
    r"representation of|representation d|representacion de|representacao d|average |mean |area of|"
    r"coverage of|couverture d|cobertura de|promedio de|media de|existence and \w+ of|extent of|degree of)")
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


# Cached: the card reader, the header finder and the table reader ask about the same cells, and a
# cell's kind depends on its text alone.
@functools.lru_cache(maxsize=1 << 14)
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
    pillar = PILLAR_BANNER.match(folded)
    if pillar and pillar.group("code"):
        return "banner"  # "Eixo 1: Participação": a pillar's banner in the column, not an entry of it
    label = strip_level_label(raw)[0]
    if label is not None:
        role = header_role(label)[0]
        if role in LEVEL_ROLES:
            return f"level:{role}"
    if _TERM.match(folded) or (YEAR_RE.search(raw) and len(re.sub(r"[\d\s\-–—/,;.]", "", raw)) <= 4):
        return "time"
    if _AMOUNT.match(folded) and re.search(r"\d", raw):
        return "amount"
    # A cell listing items is read by its first one ("• Centres opened • Cases tried").
    body = _FIRST_ITEM_END.split(_LEAD_IN.sub("", folded), 1)[0].strip()
    if _MEASURE.match(body):
        return "measure"
    if _institutions(raw) or _bodies_line_by_line(text):
        return "institution"
    first = body.split(" ", 1)[0].strip(",;:.") if body else ""
    if _action_start(body, first, min_words=3) and not _named_thing(body):
        return "action"
    if _RESULT.search(body) or _DONE.match(body) or _stated_done(body) or _statement(body):
        return "result"
    return "text"


_FIRST_ITEM_END = re.compile("[" + re.escape("".join(c for c in BULLETS if c not in "-‒–—")) + SYMBOL_BULLETS + "]")


def _english_word(word: str) -> bool:
    """A word of the English lexicon: "gender", "water", "border" end like French or Spanish
    infinitives ("renforcer", "fortalecer") but are not."""
    return english_word(word)


def _only_a_verb(word: str) -> bool:
    """An English word that can only be a verb in its base form ("equip", "deploy", "revise"): a
    cell opening with it is an action in the imperative, whichever verb the plan chose. Words that
    are nouns or adjectives too ("water", "support", "gender") are left to the list above."""
    return word.isalpha() and word.isascii() and only_a_verb(word)


# A result stated as a sentence about a thing: a definite article, then at least four more words
# ("Les femmes participent activement ...", "The judiciary handles cases ...", "Las mujeres
# participan ..."). Actions open with a verb, indicators with "Number of", bodies with their kind.
_STATEMENT = re.compile(r"^(?:les|la|le|l'|l’|the|los|las|el|os|as)\s*(?:\S+\s+){4,}\S")


def _statement(body: str) -> bool:
    """One short sentence about a thing, as results are written; descriptions and explanations
    ("Les objectifs stratégiques suivants sont ... : a) ...", several sentences) are not results."""
    return bool(_STATEMENT.match(body)) and len(body.split()) <= 20 and ":" not in body \
        and ". " not in body.rstrip(". ")


# Words that may follow a participle ending a result's clause ("Women mediators deployed in
# counties"); a noun after it would make it an adjective ("conflict affected women").
_AFTER_DONE = frozenset("in at on by for to and with across within through under from as into over "
                        "nationwide nationally locally".split())


# Spanish and Portuguese participles end in -ado/-ada/-ido/-ida (plural -s) whatever the verb:
# "Casos juzgados", "Mulheres capacitadas em mediação".
_IBERIAN_DONE = re.compile(r"^(?:\S+\s+){1,6}\w{2,}(?:ad|id)[oa]s?"
                           r"(?:$|[\s,;.](?:en|em|de|del|do|da|por|para|y|e|a|al|no|na|con|com)?\b)")


# ... or the participle first, then the thing with its article: "Incrementada la representación",
# "Ampliado el acceso", "Reforçada a capacidade".
_IBERIAN_DONE_FIRST = re.compile(r"^\w{3,}(?:ad|id)[oa]s?\s+(?:la|el|los|las|lo|a|o|os|as)\s+\w")


def _stated_done(body: str) -> bool:
    """A result stated as a thing and what became of it, with any English verb: a past participle
    after one to six words, ending the clause ("Survivor centres opened", "Women mediators deployed
    in counties"). ``_DONE`` lists the usual ones in four languages; this takes any English verb."""
    words = [w.strip(",;:.()") for w in body.split()[:8]]
    if len(words) < 2 or _only_a_verb(words[0]) or (words[0] in _ACTION_EN and not _named_thing(body)):
        return False
    if _IBERIAN_DONE.match(body) or _IBERIAN_DONE_FIRST.match(body):
        return True
    for i in range(1, min(7, len(words))):
        if (i + 1 == len(words) or words[i + 1] in _AFTER_DONE) and _past_participle(words[i]):
            return True
    return False


def _past_participle(word: str) -> bool:
    return word.isalpha() and word.isascii() and len(word) >= 4 and past_participle(word)


# Prepositions after a noun that names a piece of work ("Study on ...", "Plan for ...", "Review of ...").
_OF_A_THING = frozenset("of for on about".split())


def _named_thing(body: str) -> bool:
    """A phrase opening with a word that is a noun as well as a verb ("study", "plan", "review") and
    naming the thing, not ordering it: a preposition follows ("Study on coastal flooding", "Plan for
    State acquisition ..."), or a participle that closes the clause ("Study conducted for modelling
    ...", "Review completed")."""
    words = [w.strip(",;:.()") for w in body.split()[:4]]
    if len(words) < 2 or words[0] not in _ACTION_EN or _only_a_verb(words[0]):
        return False
    if words[1] in _OF_A_THING:
        return True
    return (len(words) == 2 or words[2] in _AFTER_DONE) and _past_participle(words[1])


# The head noun of a body's name: a ministry, an agency, a directorate ... (not "national", "district").
_BODY = re.compile(
    r"\b(?:ministr|ministe|ministe?rio|minist|department|departement|departamento|dept|dpto|direction|directorate|direccion|"
    r"direcao|directora|agency|agence|agencia|office|bureau|oficina|gabinete|commission|comision|comissao|"
    r"council|conseil|consejo|conselho|committee|comite|institute|institut|instituto|authority|autorite|"
    r"autoridad|autoridade|secretariat|secretaria|secretariado|service|servicio|servico|unit|unite|unidad|"
    r"unidade|police|policia|army|armee|forces|ngos?|ong|csos?|osc|university|universite|universidad|"
    r"universidade|chamber|chambre|camara|fund|fonds|fondo|fundo|programme|program|programa|"
    r"municipalit|communes?|mairie|prefecture|governorate|cellule|centre|center|centro|platform|plateforme|"
    r"network|reseau|red|rede|association|asociacion|associacao|partners?|partenaires?|socios|parceiros)")


# Bullet glyphs but hyphens and dashes, which join names ("Inter-ministerial Committee").
_NAME_BULLETS = "".join(c for c in BULLETS if c not in "-‒–—*·∙")
_NAME_BREAK = re.compile("[,;/&\n" + re.escape(_NAME_BULLETS) + SYMBOL_BULLETS + r"]|\bet\b|\band\b|\by\b|\be\b")


# Head nouns that name a public body whatever else the name says ("Fiscalía General", "Defensoría
# del Pueblo", "Cohesion Commission"); the weaker ones above ("programme", "network", "fund") only
# with a type the gazetteer recognises.
_STRONG_BODY = re.compile(
    r"\b(?:ministr|ministe|minist|department|departement|departamento|dept|dpto|directorate|direction|direccion|"
    r"direcao|agency|agence|agencia|commission|comision|comissao|comisionado|consejeria|fiscalia|defensoria|"
    r"procuraduria|procuradoria|alcaldia|gobernacion|prefeitura|tribunal|judiciary|parliament|parlement|"
    r"parlamento|assembly|assemblee|asamblea|assembleia|secretariat|secretaria)")


def _institutions(text: str) -> bool:
    """A list of bodies: every name an acronym or a name headed by a kind of body (ministry,
    agency, directorate ...)."""
    # Bullets part names too: "• Women mediators deployed • Committees include women" is a list of
    # results, not one body's name.
    names = [n.strip(" .;:") for n in _NAME_BREAK.split(text) if n.strip(" .;:")]
    if not names or len(names) > 12:
        return False
    if len(text.split()) <= 16 and _STRONG_BODY.match(fold(text)) and _NAMED_ACRONYM.search(text):
        return True  # one body's long name, commas and all: "Ministério da Acção Social, Família e ... (MASFAMU)"
    known = [_names_a_body(n) for n in names]
    # Half the names at least, the first among them: "PNUD, OSC et leaders communautaires" and
    # "MAE & municipal authorities" are lists of bodies though their last names name none.
    return known[0] and 2 * sum(known) >= len(known)


def _bodies_line_by_line(text: str) -> bool:
    """Bodies' acronyms one a line ("DOA\nDAPH\nVRI\nNLDB"): each line names a body."""
    lines = [ln.strip(" ,;.") for ln in text.split("\n") if ln.strip(" ,;.")]
    return len(lines) >= 2 and all(_acronym(ln) for ln in lines)


# A name followed by its acronym in brackets names a body, whatever its words.
_NAMED_ACRONYM = re.compile(r"\((?=(?:[^)]*[A-Z]){2})[A-Z][A-Za-z&\-./]{1,12}\)\s*$")


def _opens_an_action(text: str) -> bool:
    """"Conduire une revue ... (RDP)", "Établissement d'un système ... (SQE)": an action that names
    what it sets up, not a body."""
    body = _LEAD_IN.sub("", fold(text))
    first = body.split(" ", 1)[0].strip(",;:.") if body else ""
    if _BODY.match(first):
        return False  # "Ministère ..." ends like an infinitive ("renforcer") but heads a body's name
    return _action_start(body, first, min_words=0)


def _action_start(body: str, first: str, min_words: int) -> bool:
    """``body`` (folded, lead-in off) opens with an action: a listed verb or noun of action, or,
    in a phrase of ``min_words`` words at least, an infinitive (not an English word) or a word
    that is only an English verb. A body's head noun is none ("Ministère ..." ends like "renforcer")."""
    if _STRONG_BODY.match(first):
        return False
    if first in _ACTION_EN or _ACTION_NOUN.match(body):
        return True
    if len(body.split()) < min_words:
        return False
    return bool((_INFINITIVE.match(first) and not _english_word(first)) or _only_a_verb(first))


def _acronym(word: str) -> bool:
    """An organisation's acronym ("UNDP", "MoWA", "SG/MEDD"), not a word of a heading set in
    capitals ("SHORT-", "MEDIUM", "MEASURES")."""
    if not _ACRONYM.match(word) or word[-1] in "-./":
        return False
    return not (word.isupper() and len(word) >= 4 and _english_word(word.lower()))


def _names_a_body(name: str) -> bool:
    words = name.split()
    if _acronym(name) or (2 <= len(words) <= 8 and _NAMED_ACRONYM.search(name) and not _opens_an_action(name)):
        return True  # "UNDP"; "Ministério da Acção Social ... (MASFAMU)"
    if 2 <= len(words) <= 4 and _acronym(words[0]) and len(words[0]) <= 6 \
            and all(w[:1].isupper() and not w.isupper() for w in words[1:]):
        return True  # "ONU Femmes", "UN Women" (not "NAP process", nor a heading in capitals)
    if len(words) > 10 or not name[:1].isupper():
        return False  # a clause ("inciter chaque SG ...", "l'ACC à l'Assemblée ..."), not a name
    folded = fold(name)
    if _opens_an_action(name):
        return False  # "Deploy mediators to peace committees"
    return bool(_STRONG_BODY.search(folded) or (_BODY.search(folded) and institution_type(name) != "other"))


def column_kind(texts: list[str]) -> tuple[str | None, float]:
    """The kind most of a column's filled cells hold, and their share (None when too few agree)."""
    kinds = Counter(cell_kind(t) for t in texts)
    kinds.pop("empty", None)
    kinds.pop("banner", None)
    filled = sum(kinds.values())
    if filled < 2:
        return None, 0.0
    kind, n = kinds.most_common(1)[0]
    share = n / filled
    if kind == "measure" and share < AGREE:
        share = _measures_and_milestones(kinds, filled)
    if kind in ("action", "result") and _categories(texts):
        return None, share
    return (kind, share) if share >= AGREE and kind in ROLE_OF_KIND else (None, share)


def _categories(texts: list[str]) -> bool:
    """A column that files its rows under a few values printed again and again ("Facilitation",
    "Implementation"): a classification, though its words read as actions; each action or result
    of a plan is stated once."""
    filled = [fold(" ".join(t.split())) for t in texts if t.strip()]
    return len(filled) >= 4 and 3 * len(set(filled)) <= len(filled)


def _measures_and_milestones(kinds: Counter, filled: int) -> float:
    """An indicator column states counts ("Número de ...") and milestones ("Protocolo aprobado")
    alike: when counts lead, the milestones agree with them."""
    return (kinds["measure"] + kinds["result"]) / filled


def roles_from_content(columns: list[list[str]], spans: list[float] | None = None) -> list[str | None]:
    """A role for each column from its cells (``columns[i]``: the body cells of column i, top
    down). ``spans``: how many body rows a column's cells cover on average (a merged cell over
    several rows ranks above the cells beside it). Two level-like columns: the one further left,
    or whose cells span more rows, is the level above."""
    roles: list[str | None] = []
    kinds: list[str | None] = []
    for texts in columns:
        kind, _ = column_kind(texts)
        kinds.append(kind)
        roles.append(ROLE_OF_KIND.get(kind) if kind else None)
    spans = spans or [1.0] * len(columns)
    # Results printed right of actions, row for row, are what each action is to produce: its
    # indicators ("Indicative outputs" beside "Measures"). Results left of the actions, or right
    # of "actions" merged over several of their rows (objectives in the infinitive, "Accroître
    # ..."), are a level of their own.
    actions = [i for i, r in enumerate(roles) if r == "activity"]
    for i, role in enumerate(roles):
        if role == "output" and any(a < i and spans[a] <= spans[i] + 0.05 for a in actions):
            roles[i] = "indicator"
    _products_beside_actions(columns, roles, spans)
    _headings_of_lists(columns, roles)
    _levels_by_place(columns, roles, spans)
    _measured_on_the_left(columns, roles)
    _levels_as_row_labels(columns, roles)
    # Institutions: the first such column leads, the next ones are partners.
    leads = [i for i, r in enumerate(roles) if r == "lead"]
    for i in leads[1:]:
        roles[i] = "partner"
    # A column whose cells name their level keeps it; the others are ranked around it.
    labelled = {i: ROLE_OF_KIND[k] for i, k in enumerate(kinds) if k and k.startswith("level:")}
    levels = [i for i, r in enumerate(roles) if r in LEVEL_ROLES and i not in labelled]
    free = [name for name in ("goal", "output", "activity") if name not in labelled.values()]
    if len(levels) >= 2 or (levels and labelled):
        # Left to right, higher to lower: a column spanning more rows is above the ones it spans.
        order = sorted(levels, key=lambda i: (-round(spans[i], 1), i))
        if labelled:
            # Below a labelled level only lower names, above it only higher ones.
            top = min(("goal", "output", "activity").index(r) for r in labelled.values())
            first = min(labelled)
            free = [n for n in free if ("goal", "output", "activity").index(n) > top] if min(order) > first else free
        names = free[-len(order):] if len(order) <= len(free) else free
        for i, name in zip(order, names):
            roles[i] = name
        for i in order[len(names):]:
            roles[i] = None
    elif len(levels) == 1 and roles[levels[0]] == "output" and not labelled:
        roles[levels[0]] = "goal"  # one level stated as results: the plan's objectives
    return roles


# Kinds a level's cells come in when they agree on none: statements of what is to be achieved.
_STATEMENT_KINDS = frozenset({"result", "text", "action", "level:goal", "level:output", "level:activity"})


def _levels_by_place(columns: list[list[str]], roles: list[str | None], spans: list[float]) -> None:
    """A column of statements that agree on no kind ("Survivors have access to services", "Women's
    organisations are represented ...") is a level when its cells are merged over several rows of
    the actions right of them. It is named "output" here and ranked with the other levels by the
    caller."""
    actions = [i for i, r in enumerate(roles) if r == "activity"]
    for i, texts in enumerate(columns):
        if roles[i] is not None or not actions or not _statements(texts):
            continue
        # (A column of statements first in the table, left of a level, is not enough: a table of
        # titles beside their summaries reads the same.)
        if any(a > i and spans[i] > spans[a] + 0.05 for a in actions):
            roles[i] = "output"


def _products_beside_actions(columns: list[list[str]], roles: list[str | None], spans: list[float]) -> None:
    """A column of statements that agree on no kind, printed right of the actions row for row
    ("Feasibility study establishing river usage zoning", "Riparian buffer zones introduced"):
    what each action is to produce, its indicators, as a column of results there is (above)."""
    actions = [i for i, r in enumerate(roles) if r == "activity"]
    for i, texts in enumerate(columns):
        # (Row for row: a row or two of the actions' holding only a number does not make the
        # column beside them one of merged cells.)
        if roles[i] is None and any(a < i and abs(spans[a] - spans[i]) <= 0.25 for a in actions) \
                and _products(texts):
            roles[i] = "indicator"


# A line that opens an item of a list: a bullet glyph of any font.
_ITEM_START = re.compile("^[" + re.escape("".join(c for c in BULLETS if c not in "-‒–—*·∙")) + SYMBOL_BULLETS + "]")


def _headings_of_lists(columns: list[list[str]], roles: list[str | None]) -> None:
    """A column of short names left of the actions, each beside a list of several of them ("B.
    Improvement of farm water management" | "• Reduce field-level irrigation water losses • Promote
    micro-irrigation ..."): each name heads the actions beside it, a level of its own (named
    "output" here and ranked with the other levels by the caller)."""
    # The actions' column: the last one of actions (an objective in the infinitive may stand left
    # of them), when its cells are lists.
    actions = [i for i, r in enumerate(roles) if r == "activity"]
    if not actions:
        return
    lists = [t for t in columns[actions[-1]] if t.strip()]
    items = [item for t in lists for item in _list_items(t)]
    if len(lists) < 2 or len(items) < 2 * len(lists):
        return  # the actions are one a row: nothing beside them heads a list
    if sum(cell_kind(item) == "action" for item in items) < AGREE * len(items):
        return  # lists of particulars ("Calendrier : ...", "Budget : ..."), not of actions
    for i in range(actions[-1]):
        filled = [t for t in columns[i] if t.strip()]
        if roles[i] is not None or len(filled) < 2 or 2 * len(filled) < len(lists):
            continue
        kinds = [cell_kind(t) for t in filled]
        words = sum(len(t.split()) for t in filled) / len(filled)
        if sum(k in _STATEMENT_KINDS for k in kinds) >= AGREE * len(filled) and words <= 12:
            roles[i] = "output"


def _list_items(text: str) -> list[str]:
    """The items of a cell's bulleted list (each with the lines it runs on to)."""
    items: list[str] = []
    for line in text.split("\n"):
        if _ITEM_START.match(line.strip()):
            items.append(line.strip())
        elif items:
            items[-1] += " " + line.strip()
    return items


def _products(texts: list[str]) -> bool:
    """Most cells are statements of a few words, not names or figures; a quarter of them at least
    read as results and fewer as actions (a product is named as a thing: "Feasibility study
    establishing river usage zoning", "Water resources database")."""
    filled = [t for t in texts if t.strip()]
    if len(filled) < 2:
        return False
    kinds = Counter(cell_kind(t) for t in filled)
    words = sum(len(t.split()) for t in filled) / len(filled)
    return sum(kinds[k] for k in _STATEMENT_KINDS) >= AGREE * len(filled) and 3 <= words <= 40 \
        and 4 * kinds["result"] >= len(filled) and kinds["action"] < kinds["result"]


def _statements(texts: list[str]) -> bool:
    """Most cells are statements of a few words at least, not names or figures, and a third of
    them at least read as results (titles beside summaries do not)."""
    filled = [t for t in texts if t.strip()]
    if len(filled) < 2:
        return False
    kinds = [cell_kind(t) for t in filled]
    words = sum(len(t.split()) for t in filled) / len(filled)
    return sum(k in _STATEMENT_KINDS for k in kinds) >= AGREE * len(filled) and 4 <= words <= 40 \
        and 3 * kinds.count("result") >= len(filled)


def _measured_on_the_left(columns: list[list[str]], roles: list[str | None]) -> None:
    """A table of indicators and no level: what they measure is named in its first column
    ("Community disaster awareness" | baseline | target | "Proportion of population trained ..."),
    the level the indicators belong to. Named "output" here: one level alone is then the plan's
    objectives (see the caller)."""
    if "indicator" not in roles or any(r in LEVEL_ROLES for r in roles):
        return
    first = next((i for i, r in enumerate(roles) if r != "code" and any(t.strip() for t in columns[i])), None)
    if first is None or roles[first] is not None or first >= roles.index("indicator"):
        return
    filled = [t for t in columns[first] if t.strip()]
    if len(filled) < 2 or sum(len(t.split()) for t in filled) > 15 * len(filled):
        return
    named = sum(cell_kind(t) in ("text", "result", "action") for t in filled)
    if named >= AGREE * len(filled):
        roles[first] = "output"


def _levels_as_row_labels(columns: list[list[str]], roles: list[str | None]) -> None:
    """A vertical logframe (the EU's matrix): its first column names each row's level ("Overall
    Objective", "Results", "Activities"), the column beside it states them (the intervention logic)
    and the next one their indicators, whatever the header calls them."""
    filled = [i for i, texts in enumerate(columns) if any(t.strip() for t in texts)]
    if len(filled) < 3 or any(r in LEVEL_ROLES for r in roles):
        return
    first, logic, measures = filled[:3]
    labels = [t for t in columns[first] if t.strip()]
    named = sum(len(t.split()) <= 4 and header_role(t)[0] in LEVEL_ROLES for t in labels)
    if len(labels) < 2 or named < AGREE * len(labels):
        return
    if roles[logic] is not None or roles[measures] not in (None, "indicator"):
        return
    roles[first], roles[logic], roles[measures] = "level", "narrative", "indicator"
