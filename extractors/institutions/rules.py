"""Institutions named in a cell: split lists, expand plural ministries and acronyms, classify.

"SEI, MAE & CSOs" gives three institutions; "Ministries of Interior, Justice and Defence" gives
three ministries; "Ministry of Gender, Children and Social Protection" stays one (a part that does
not look like an institution on its own is glued back to the one before it).
"""

from __future__ import annotations

import re

from extractors.cells import BULLET_RE, clean, join_lines, strip_marker
from extractors.institutions.nlp import normalize_institution
from extractors.institutions.types import UN_BODIES
from pipeline.records import MAX_NAME_CHARS, Institution
from pipeline.text.fold import fold

# Heads that start an institution's name, folded. A list part starting with one stands alone.
HEADS = (
    "ministry", "ministries", "minister", "ministere", "ministeres", "ministerio", "ministerios", "ministro",
    "national", "nation", "office", "department", "dept", "directorate", "direction", "division", "commission",
    "council", "conseil", "consejo", "conselho", "secretariat", "secretary", "secretaria", "secretariado",
    "secretariado", "agency", "agence", "agencia", "authority", "autorite", "autoridad", "autoridade",
    "police", "policia", "army", "armed", "forces", "force", "gendarmerie", "military", "defence", "defense",
    "parliament", "parlement", "assembly", "assemblee", "asamblea", "assembleia", "congress", "congreso",
    "senate", "senat", "senado", "government", "gouvernement", "gobierno", "governo", "cabinet", "presidency",
    "presidence", "presidencia", "prime", "primature", "civil", "cso", "csos", "ngo", "ngos", "osc", "ong",
    "ongs", "oscs", "un", "united", "onu", "world", "banque", "bank", "banco", "eu", "european", "union",
    "development", "donors", "donor", "partners", "partenaires", "socios", "parceiros", "local", "municipal",
    "municipalities", "municipalites", "municipios", "county", "counties", "district", "provincial",
    "province", "provinces", "regional", "communities", "community", "communautes", "comunidades", "media",
    "medias", "private", "academia", "universities", "university", "universite", "universidad",
    "universidade", "institute", "institut", "instituto", "centre", "center", "centro", "committee", "comite",
    "comision", "comissao", "women's", "women", "womens", "youth", "religious", "traditional", "faith",
    "court", "courts", "tribunal", "tribunaux", "judiciary", "judicial", "prosecutor", "state", "etat",
    "estado", "cellule", "unit", "unite", "unidad", "unidade", "service", "services", "servicio", "servico",
    "programme", "program", "programa", "platform", "plateforme", "plataforma", "network", "reseau", "red",
    "rede", "association", "associations", "asociacion", "associacao", "federation", "federacion",
    "coordination", "coordinacion", "coordenacao", "observatoire", "observatorio", "fund", "fonds", "fondo",
    "fundo", "red cross", "croix", "cruz", "governor", "governors", "chief", "chiefs", "mayor", "mayors",
    "all", "other", "others", "relevant", "line", "sectoral", "technical", "stakeholders", "ptf", "agencies",
)
PLURAL_MINISTRY = re.compile(
    r"^(?P<head>ministries|ministères|ministeres|ministerios|ministérios|ministers|secretariats)\s+"
    r"(?P<prep>of the|of|de la|de l'|des|du|de|del|de los|de las|do|da|dos|das)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
SINGULAR = {"ministries": "Ministry", "ministères": "Ministère", "ministeres": "Ministère",
            "ministerios": "Ministerio", "ministérios": "Ministério", "ministers": "Minister",
            "secretariats": "Secretariat"}
LEADING_PREP = re.compile(r"^(of the|of|de la|de l'|des|du|de|del|de los|de las|do|da|dos|das)\s+", re.IGNORECASE)
STRONG_HEAD = re.compile(
    r"^(Ministry|Ministries|Minist[èe]re|Ministerio|Minist[ée]rio|Coordination|Coordinaci[óo]n|Coordena[çc][ãa]o|"
    r"Direction|Directorate|Direcci[óo]n|Dire[çc][ãa]o|Department|D[ée]partement|Departamento|Agency|Agence|"
    r"Agencia|Ag[êe]ncia|Office|Commission|Comisi[óo]n|Comiss[ãa]o|Secr[ée]tariat|Secretar[íi]a|Secretariado|"
    r"Cellule|Institut|Instituto|Conseil|Council)\b"
)
CONNECTORS = {"of", "for", "and", "the", "de", "du", "des", "la", "le", "l'", "et", "en", "del", "y", "da", "do",
              "e", "ou", "or", "à", "a"}
_CONJ = r"\s*(?:,|;|(?<=\s)&|&(?=\s)|/|\bou\b|\bor\b|\band\b|\bet\b|\by\b|\be\b|\bas well as\b|\bainsi que\b|\bwith\b|\bavec\b|\bcon\b|\bcom\b)\s*"
SPLIT_RE = re.compile(_CONJ, re.IGNORECASE)
SPLIT_CAPTURE_RE = re.compile("(" + _CONJ + ")", re.IGNORECASE)
ACRONYM_RE = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z0-9&\-./']{1,14}$")
PAREN_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z0-9&\-./]{1,14})\)\s*$")

def _looks_standalone(part: str, acronyms: dict[str, str]) -> bool:
    p = part.strip()
    if not p:
        return False
    if ACRONYM_RE.match(p.split()[0]) and (len(p.split()) == 1 or p.split()[0] in acronyms):
        return True
    if p in acronyms or p.upper() in UN_BODIES:
        return True
    first = fold(p).split()[0].strip("'’")
    last = fold(p).split()[-1].strip(".")
    return first in HEADS or (len(p.split()) >= 2 and last in {h.strip(".") for h in END_HEADS})


COMPLEMENT = re.compile(r"\b(of|for|on|de|du|des|del|de la|do|da|dos|das|pour|para|en charge)\b", re.IGNORECASE)


def _continues_complement(previous: str, part: str, acronyms: dict[str, str]) -> bool:
    """"Ministry of Gender, Children and Social Protection": a part that is no institution on its
    own continues the complement of the name before it ("of ..."); otherwise it is a new name
    ("PNUD, Barreau et cliniques juridiques" lists three)."""
    if _looks_standalone(part, acronyms):
        return False
    return bool(COMPLEMENT.search(previous)) or bool(LEADING_PREP.match(part))


END_HEADS = {"office", "department", "dept", "dept.", "unit", "directorate", "division", "services", "service",
             "committee", "commission", "agency", "secretariat", "bureau", "authority", "council", "institute",
             "centre", "center", "section", "desk", "cell", "cellule", "direction", "departement", "servicio",
             "servico", "unidad", "unidade", "comite", "comision", "comissao"}


def _shares_head(previous: str, part: str, sep: str) -> bool:
    """"County ICT and Communication Office", "Gender & Social Services Dept": a short name without
    a head of its own, joined by "and" to one ending in a head noun, shares that head."""
    if sep.strip().lower() not in ("and", "&", "et", "y", "e"):
        return False
    words = previous.split()
    if not words or len(words) > 3 or ACRONYM_RE.match(previous) or STRONG_HEAD.match(previous):
        return False
    return fold(words[-1]) not in END_HEADS and fold(part.split()[-1]).strip(".") in {h.strip(".") for h in END_HEADS}


def _continues_plural(previous: str, part: str) -> bool:
    """"Ministries of Interior, Justice and Defence": the parts after a plural head belong to it."""
    if not PLURAL_MINISTRY.match(previous):
        return False
    words = part.split()
    return len(words) <= 4 and not ACRONYM_RE.match(words[0]) and fold(words[0]) not in {
        "ministry", "ministere", "ministerio", "police", "policia", "national", "civil"}


def _expand_plural(text: str) -> list[str] | None:
    m = PLURAL_MINISTRY.match(text)
    if not m:
        return None
    head = SINGULAR.get(m.group("head").lower(), m.group("head"))
    if m.group("head")[0].islower():
        head = head.lower()
    names = []
    for part in SPLIT_RE.split(m.group("rest")):
        part = part.strip()
        if not part:
            continue
        if LEADING_PREP.match(part):
            names.append(f"{head} {part}")
        else:
            names.append(f"{head} {m.group('prep')} {part}")
    return names if len(names) >= 2 else None


# "Ministères sectoriels (MINADER, MINEPAT, MINEE)", "secteur privé (SODECOTON, SEMRY, etc.)": a
# collective name and, in brackets, the bodies it stands for.
MEMBERS = re.compile(r"^(?P<group>[^()]+?)\s*\((?P<members>[^()]+)\)$")
ETC = re.compile(r"^(etc\.?|and others|et autres|entre otros|entre outros)$", re.IGNORECASE)


def _members(text: str) -> list[str] | None:
    """The bodies a collective name lists in brackets, when they are two acronyms or more: the
    institutions the plan means are those named. One acronym in brackets is the name's own
    ("National Disaster Management Authority (NDMA)"), and prose in brackets describes it."""
    m = MEMBERS.match(text)
    if not m:
        return None
    parts = [p.strip(" .") for p in SPLIT_RE.split(m.group("members")) if p.strip(" .")]
    parts = [p for p in parts if not ETC.match(p)]
    if len(parts) < 2 or not all(ACRONYM_RE.match(p) for p in parts):
        return None
    return parts


def _separate_acronym_lines(lines: list[str]) -> str:
    """A comma forgotten at a line break: "MINAT" / "MINPE" on two lines are two institutions."""
    out = lines[0] if lines else ""
    for nxt in lines[1:]:
        last = out.split()[-1] if out.split() else ""
        first = nxt.split()[0] if nxt.split() else ""
        if ACRONYM_RE.match(last.strip(":")) and ACRONYM_RE.match(first.strip(",;")) and not last.endswith((",", ";")):
            out = f"{out.rstrip(':')}; {nxt}"
        else:
            out = f"{out}\n{nxt}"
    return out


def _close_parenthesis(text: str) -> str:
    """ "National Seed Service (SENASEM, DIAF": a bracket the PDF never closed ends after its acronym."""
    if text.count("(") <= text.count(")"):
        return text
    return re.sub(r"\(([A-Z][A-Za-z0-9&\-]{1,14})(?=\s*[,;])(?![^(]*\))", r"(\1)", text, count=1)


def split_names(text: str, acronyms: dict[str, str] | None = None) -> list[str]:
    """Split a cell naming institutions into one name per body, as written."""
    acronyms = acronyms or {}
    raw_lines = [ln for ln in text.split("\n") if ln.strip()]
    # One acronym per line, or bulleted lines, list institutions without separators.
    if len(raw_lines) > 1 and all(
        ACRONYM_RE.match(strip_marker(clean(ln))[1].strip(" ,;")) or BULLET_RE.match(ln.strip()) for ln in raw_lines
    ):
        text = "; ".join(strip_marker(clean(ln))[1].strip(" ,;") for ln in raw_lines)
    else:
        text = _separate_acronym_lines(raw_lines)
    lines = [strip_marker(clean(ln))[1] for ln in re.split(r"\n|(?<=\))\s*(?=[A-Z])", text) if ln.strip()]
    # A line starting with a body's head ("Coordination nationale", "Ministère de ...") after a
    # complete line names a new institution even without a comma.
    marked = [lines[0]] if lines else []
    for ln in lines[1:]:
        prev_last = marked[-1].split()[-1].lower() if marked[-1].split() else ""
        complete = len(marked[-1].split()) >= 2 and len(ln.split()) >= 2  # not a name wrapped word by word
        if complete and STRONG_HEAD.match(ln) and not prev_last.endswith((",", ";", "-")) \
                and prev_last not in CONNECTORS:
            marked.append("; " + ln)
        else:
            marked.append(ln)
    text = _close_parenthesis(join_lines(marked))
    text = re.sub(r"\b(etc\.?|and others|et autres|entre otros|entre outros)\s*$", "", text, flags=re.I).strip(" ,.;")
    if not text:
        return []
    # (part, separator before it); commas inside parentheses do not separate institutions.
    parts: list[tuple[str, str]] = []
    depth, buf, sep_before = 0, "", ""
    for chunk in re.split(r"(\(|\))", text):
        if chunk in ("(", ")"):
            depth = depth + 1 if chunk == "(" else max(0, depth - 1)
            buf += chunk
            continue
        if depth:
            buf += chunk
            continue
        pieces = SPLIT_CAPTURE_RE.split(chunk)
        buf += pieces[0]
        for i in range(1, len(pieces), 2):
            word = pieces[i].strip()
            if len(word) >= 2 and word.isalpha() and word.isupper() and not buf.strip() \
                    and not pieces[i + 1].strip():
                # "ET", "OR" alone between separators (or the cell's edges) join nothing: an acronym
                # (it was dropped: found by tests/test_fuzz.py).
                buf += word + pieces[i + 1]
                continue
            parts.append((buf, sep_before))
            sep_before, buf = pieces[i], pieces[i + 1]
    parts.append((buf, sep_before))
    names: list[str] = []
    list_closed = False  # "A, B and C": a coordinated list ends with the part after its "and"
    for raw, sep in parts:
        part = raw.strip(" .;:-")
        if not part:
            continue
        glue = False
        if names and not list_closed:
            glue = (_continues_plural(names[-1], part) or _continues_complement(names[-1], part, acronyms)
                    or _shares_head(names[-1], part, sep))
            if glue and sep.strip().lower() not in (",", ";", "/", ""):
                list_closed = True
        if not glue:
            list_closed = False
        if glue:
            # "Ministry of Gender, Children and Social Protection": glue back with its separator.
            names[-1] = re.sub(r"\s+", " ", f"{names[-1]}{sep}{part}").replace(" ,", ",")
            continue
        names.append(part)
    out: list[str] = []
    for name in names:
        out.extend(_members(name) or _expand_plural(name) or [name])
    return out


def make_institution(name: str, role: str, acronyms: dict[str, str] | None = None) -> Institution:
    """One institution as written, with its canonical name, acronym, type and aliases from the spaCy
    normaliser (``extractors.institutions.nlp``: gazetteer, the document's acronym map, name patterns)."""
    norm = normalize_institution(name, acronyms or {})
    return Institution(name=name, canonical_name=norm.canonical_name, acronym=norm.acronym,
                       type=norm.type, role=role, aliases=list(norm.aliases))  # type: ignore[arg-type]


# A body's part written after its name, in brackets ("MTE (lead) PMO (involved)", "UNDP (lead agency),
# UNICEF (support)"), as joint programmes and action plans mark who leads; or a label before the
# bodies that support ("MTE Support: relevant donors", "Partenaires : ...").
_LEAD_MARK = r"lead|lead agency|leading|chef de file|pilote|responsable|lider|líder"
_PART_MARK = (r"involved|support|supporting|partner|partners|associated|appui|associe|associé|partenaire|"
              r"partenaires|apoyo|apoio|socio|parceiro")
ROLE_MARK = re.compile(r"\(\s*(?:(?P<lead>" + _LEAD_MARK + r")|(?P<part>" + _PART_MARK + r"))\s*\)", re.IGNORECASE)
SUPPORT_LABEL = re.compile(r"(?:^|(?<=\s))(?:support|supported by|partners?|appui|partenaires?|apoyo|apoio)\s*:\s*",
                           re.IGNORECASE)


def _marked_roles(text: str) -> list[tuple[str, str]] | None:
    """The cell cut into (names, role) where it marks who leads and who takes part: the names
    before a "(lead)" lead, those before "(involved)" or "(support)", or after "Support:", take
    part (partner), and so do unmarked names beside a marked lead. None when nothing is marked."""
    marks = list(ROLE_MARK.finditer(text))
    label = SUPPORT_LABEL.search(text)
    if not marks and label is None:
        return None
    pieces: list[tuple[str, str]] = []
    at = 0
    for m in marks:
        pieces.append((text[at:m.start()], "lead" if m.group("lead") else "partner"))
        at = m.end()
    pieces.append((text[at:], "partner"))
    out: list[tuple[str, str]] = []
    for piece, role in pieces:
        label = SUPPORT_LABEL.search(piece)
        if label is not None:  # "MTE Support: relevant donors": the names before it lead
            out += [(piece[:label.start()], "lead" if not marks else role), (piece[label.end():], "partner")]
        else:
            out.append((piece, role))
    return [(names, role) for names, role in out if names.strip(" ,;/\n")]


def institutions_from_cell(text: str, role: str, acronyms: dict[str, str] | None = None) -> list[Institution]:
    seen: set[str] = set()
    result = []
    marked = _marked_roles(text)
    pieces = marked if marked is not None else [(text, role)]
    for piece, piece_role in pieces:
        for name in split_names(piece, acronyms):
            if name.lower() in seen or len(name) < 2:
                continue
            if len(name) > MAX_NAME_CHARS:
                continue  # a paragraph in a column taken for institutions (headers unknown), not a name
            seen.add(name.lower())
            result.append(make_institution(name, piece_role, acronyms))
    return result
