"""spaCy pipelines that find institutions in any text and normalise them.

``build_pipeline(lang)`` assembles, once per language and process (cached):

- a tokenizer: ``spacy.blank(lang)``, or the trained ``fr_core_news_sm`` for French when it is
  installed (its statistical NER then proposes ORG spans; nothing is ever downloaded);
- ``sentencizer`` (sentences for the report and narrative extractors);
- ``naplog_institution_ruler`` (an ``EntityRuler``): the gazetteer ``extractors/data/institutions.json``
  (canonical names, acronyms and aliases; matched case- and accent-insensitively, acronyms exactly)
  plus token patterns for "Ministry of ...", "Ministère de/du ...", "Ministerio de ...",
  "Ministério de ...", agencies, commissions, councils and secretariats, national police and armed
  forces, parliaments, UN agencies and CSOs. Labels are the institution types of
  ``pipeline.records.InstitutionType``;
- ``naplog_institution_normalizer``: gives every institution span ``span._.canonical``,
  ``span._.acronym``, ``span._.inst_type`` and ``span._.aliases`` (the gazetteer entry when one
  matches, else the name as written with its acronym from the document's own acronym map, which
  is passed in ``doc.user_data["acronyms"]``) and drops statistical ORG spans that name no body.

``normalize_institution(name, acronyms)`` is what table extraction uses for one cell's name; it is
rule-based (blank tokenizer) and memoised, so it costs microseconds per name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extractors.institutions.spacy_import import import_spacy

spacy = import_spacy()  # before spacy.language: see extractors/institutions/spacy_import.py

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, Span  # noqa: E402

from extractors.institutions.types import institution_type  # noqa: E402
from pipeline.settings import run_settings  # noqa: E402
from pipeline.text.fold import fold  # noqa: E402

GAZETTEER_PATH = Path(__file__).parent.parent / "data" / "institutions.json"
TYPES = ("government", "security", "parliament", "cso", "un", "development_partner", "other")
ACRONYM_RE = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z0-9&\-./']{1,14}$")
PAREN_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z0-9&\-./]{1,14})\)\s*$")


# ---- gazetteer -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class GazetteerEntry:
    canonical: str
    acronym: str | None
    type: str
    aliases: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return fold(self.canonical)

    def names(self) -> list[str]:
        return [self.canonical, *([self.acronym] if self.acronym else []), *self.aliases]


@dataclass(frozen=True)
class CanonicalInstitution:
    """One real body: the name every plan's way of writing it maps to."""

    canonical_name: str
    acronym: str | None
    type: str
    aliases: tuple[str, ...] = field(default_factory=tuple)


def _gazetteer_files() -> list[Path]:
    files = [GAZETTEER_PATH]
    extra = run_settings().gazetteer
    if extra:
        files.append(Path(extra))
    return files


@lru_cache(maxsize=1)
def load_gazetteer() -> tuple[GazetteerEntry, ...]:
    entries: dict[str, GazetteerEntry] = {}
    for path in _gazetteer_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        for item in data.get("institutions", []):
            kind = item.get("type") or "other"
            if kind not in TYPES:
                raise ValueError(f"{path}: institution {item.get('canonical')!r} has unknown type {kind!r}")
            entry = GazetteerEntry(item["canonical"], item.get("acronym"), kind, tuple(item.get("aliases") or ()))
            entries[entry.key] = entry
    return tuple(entries.values())


def _is_acronym(text: str) -> bool:
    return bool(ACRONYM_RE.match(text)) and " " not in text


@lru_cache(maxsize=1)
def _alias_index() -> tuple[dict[str, GazetteerEntry], dict[str, GazetteerEntry]]:
    """(folded long names -> entry, acronyms as written -> entry)."""
    names: dict[str, GazetteerEntry] = {}
    acronyms: dict[str, GazetteerEntry] = {}
    for e in load_gazetteer():
        for n in e.names():
            if _is_acronym(n) or (n.isupper() and len(n) <= 12):
                acronyms.setdefault(n.upper(), e)
            names.setdefault(fold(n), e)
    return names, acronyms


def gazetteer_lookup(name: str, acronyms_too: bool = True) -> GazetteerEntry | None:
    """The gazetteer entry a name or acronym (exact, upper case) belongs to."""
    names, acronyms = _alias_index()
    n = " ".join(name.split())
    if acronyms_too and (_is_acronym(n) or (n.isupper() and len(n) <= 12)):
        hit = acronyms.get(n.upper())
        if hit is not None:
            return hit
    return names.get(fold(n))


# ---- patterns ------------------------------------------------------------------------------------

HEADS_GOV = ["ministry", "ministries", "ministère", "ministere", "ministères", "ministerio", "ministerios",
             "ministério", "ministérios", "department", "directorate", "direction", "secretariat", "secrétariat",
             "secretaría", "secretaria", "secretariado", "office", "agency", "agence", "agencia", "agência",
             "commission", "comisión", "comissão", "council", "conseil", "consejo", "conselho", "institute",
             "institut", "instituto", "authority", "autorité", "autoridad", "autoridade", "bureau", "cellule",
             "observatoire", "observatorio", "observatório", "comité", "committee", "comite", "cour", "court",
             "tribunal", "corte"]
HEADS_CSO = ["association", "asociación", "associação", "network", "réseau", "red", "rede", "coalition",
             "coalición", "coligação", "foundation", "fondation", "fundación", "fundação", "forum", "foro",
             "plateforme", "plataforma", "platform", "federation", "fédération", "federación", "federação"]
SECURITY_PHRASES = [
    "national police", "police service", "police force", "armed forces", "defence force", "defense force",
    "police nationale", "forces armées", "forces de défense", "forces de sécurité", "gendarmerie nationale",
    "policía nacional", "fuerzas armadas", "polícia nacional", "forças armadas", "forças de defesa",
]
PARLIAMENT_PHRASES = [
    "national assembly", "parliament", "senate", "house of representatives", "assemblée nationale", "parlement",
    "sénat", "asamblea nacional", "asamblea legislativa", "congreso", "congreso nacional", "senado",
    "assembleia nacional", "assembleia da república", "parlamento", "parlamento nacional",
]
UN_HEADS = ["united nations", "nations unies", "naciones unidas", "nações unidas", "un", "onu"]
GENERIC_CSO = ["civil society organisations", "civil society organizations", "civil society", "women's organisations",
               "women's organizations", "women's groups", "société civile", "organisations de la société civile",
               "organisations féminines", "sociedad civil", "organizaciones de mujeres", "sociedade civil",
               "organizações de mulheres"]


STOP_WORDS = {"police", "policía", "policia", "polícia", "forces", "fuerzas", "forças", "forcas", "armed", "army",
              "armée", "gendarmerie", "assembly", "assemblée", "asamblea", "assembleia", "parliament", "parlement",
              "parlamento", "senate", "sénat", "senado", "united", "nations", "un", "onu", "with", "avec", "con",
              "com", "and the", "which", "who", "qui", "que"}


def _name_tail(head_words: set[str]) -> list[dict]:
    """Tokens continuing a name after its head: capitalised words and the small words between them;
    another institution's head word ends the name ("Ministry of Justice and the National Police")."""
    stop = sorted(head_words | STOP_WORDS)
    part = {"TEXT": {"REGEX": r"^(?:[A-ZÀ-Ý0-9][\w'’\-./]*|[,&\-]|and|et|y|e|of|for|de|du|des|l['’]|d['’]|del|"
                              r"da|do|dos|das|en|pour|para)$"},
            "LOWER": {"NOT_IN": stop}}
    last = {"TEXT": {"REGEX": r"^[A-ZÀ-Ý0-9][\w'’\-./]*$"}, "LOWER": {"NOT_IN": stop}}
    return [dict(part, OP="*"), last]


def _phrase_tokens(phrase: str) -> list[dict]:
    toks = re.findall(r"\w+['’]?|[^\w\s]", phrase)
    return [{"LOWER": t.lower()} for t in toks]


def _acronym_suffix() -> list[dict]:
    return [{"ORTH": "("}, {"TEXT": {"REGEX": r"^[A-Z][A-Za-z0-9&\-./]{1,14}$"}}, {"ORTH": ")"}]


PREP_TOKENS = ["of", "for", "on", "de", "du", "des", "d'", "d’", "del", "do", "da", "dos", "das", "pour", "para"]
ARTICLES = ["the", "la", "l'", "l’", "los", "las", "le", "les"]


def build_patterns() -> list[dict]:
    patterns: list[dict] = []
    for e in load_gazetteer():
        for n in e.names():
            if _is_acronym(n) or (n.isupper() and len(n) <= 12):
                patterns.append({"label": e.type, "id": e.key, "pattern": [{"ORTH": n}]})
            else:
                patterns.append({"label": e.type, "id": e.key, "pattern": _phrase_tokens(n)})
                folded = fold(n)
                if folded != n.lower():
                    patterns.append({"label": e.type, "id": e.key, "pattern": _phrase_tokens(folded)})
    heads = set(HEADS_GOV) | set(HEADS_CSO)
    tail = _name_tail(heads)
    prep = [{"LOWER": {"IN": PREP_TOKENS}}, {"LOWER": {"IN": ARTICLES}, "OP": "?"}]

    def headed(label: str, head: list[dict]) -> None:
        patterns.append({"label": label, "pattern": head + prep + tail})
        patterns.append({"label": label, "pattern": head + prep + tail + _acronym_suffix()})

    headed("government", [{"LOWER": {"IN": HEADS_GOV}}])
    # "National Commission for ...", "Independent Electoral Commission" style names.
    patterns.append({"label": "government", "pattern": [
        {"TEXT": {"REGEX": r"^[A-ZÀ-Ý][\w'’\-]*$"}, "LOWER": {"NOT_IN": sorted(STOP_WORDS | heads)}, "OP": "+"},
        {"LOWER": {"IN": HEADS_GOV}, "IS_TITLE": True}]})
    headed("cso", [{"LOWER": {"IN": HEADS_CSO}}])
    for label, phrases in (("security", SECURITY_PHRASES), ("parliament", PARLIAMENT_PHRASES)):
        for phrase in phrases:
            toks = _phrase_tokens(phrase)
            patterns.append({"label": label, "pattern": toks})
            patterns.append({"label": label, "pattern": toks + [
                {"TEXT": {"REGEX": r"^[A-ZÀ-Ý][\w'’\-]*$"}, "LOWER": {"NOT_IN": sorted(STOP_WORDS | heads)}}]})
            patterns.append({"label": label, "pattern": toks + prep + tail})
    for phrase in UN_HEADS:
        toks = _phrase_tokens(phrase) if phrase not in ("un", "onu") else [{"ORTH": phrase.upper()}]
        patterns.append({"label": "un", "pattern": toks + tail})
    for phrase in GENERIC_CSO:
        patterns.append({"label": "cso", "pattern": _phrase_tokens(phrase)})
    return patterns


# ---- components ----------------------------------------------------------------------------------

def register_components() -> None:
    """Register naplog's spaCy components and span attributes (once; ``build_pipeline`` calls it).

    Explicit rather than a side effect of importing this module, as spaCy's own packages do: a
    program that imports naplog gets no new factories in its spaCy registry until it builds an
    institution pipeline, and one that wants other components can register its own under the same
    names before that."""
    for ext in ("canonical", "acronym", "inst_type"):
        if not Span.has_extension(ext):
            Span.set_extension(ext, default=None)
    if not Span.has_extension("aliases"):
        Span.set_extension("aliases", default=())
    if not Language.has_factory("naplog_institution_ruler"):
        Language.factory("naplog_institution_ruler", default_config={"overwrite_ents": True},
                         func=make_institution_ruler)
    if not Language.has_factory("naplog_institution_normalizer"):
        Language.component("naplog_institution_normalizer", func=institution_normalizer)


def make_institution_ruler(nlp: Language, name: str, overwrite_ents: bool):
    from spacy.pipeline import EntityRuler

    ruler = EntityRuler(nlp, name=name, overwrite_ents=overwrite_ents, phrase_matcher_attr=None)
    ruler.add_patterns(build_patterns())
    return ruler


INSTITUTION_WORDS = re.compile(
    r"\b(ministr|minist|departement|direction|secretariat|agence|agency|commission|comision|comissao|conseil|council|"
    r"police|policia|forces|fuerzas|forcas|armee|assemblee|assembly|asamblea|parlement|parliament|senat|senado|"
    r"institut|office|bureau|autorite|authority|organisation|organization|organizacion|association|fondation|"
    r"foundation|reseau|network|union|nations|programme|fonds|fund|comite|committee|cour|tribunal)"
)


def institution_normalizer(doc: Doc) -> Doc:
    acronyms: dict[str, str] = doc.user_data.get("acronyms") or {}
    kept = []
    for ent in doc.ents:
        label = ent.label_
        if label not in TYPES:
            # Statistical NER (fr_core_news_sm): keep ORG spans that name a body.
            if label != "ORG" or not INSTITUTION_WORDS.search(fold(ent.text)):
                continue
        kept.append(ent)
        norm = normalize_institution(ent.text, acronyms, hint=label if label in TYPES else None)
        ent._.canonical = norm.canonical_name
        ent._.acronym = norm.acronym
        ent._.inst_type = norm.type
        ent._.aliases = norm.aliases
    doc.ents = kept
    return doc


# ---- pipelines -----------------------------------------------------------------------------------

TRAINED = {"fr": "fr_core_news_sm"}


@lru_cache(maxsize=None)
def build_pipeline(lang: str = "en", trained: bool = True) -> Language:
    """The institution pipeline for a language, built once per process."""
    register_components()
    lang = lang if lang in ("en", "fr", "es", "pt") else "en"
    nlp: Language | None = None
    if trained and lang in TRAINED:
        try:
            nlp = spacy.load(TRAINED[lang], exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler",
                                                      "senter"])
        except (OSError, ImportError):
            nlp = None
    if nlp is None:
        nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("naplog_institution_ruler", last=True)
    nlp.add_pipe("naplog_institution_normalizer", last=True)
    return nlp


@lru_cache(maxsize=None)
def _rules_pipeline() -> Language:
    """Tokenizer and rules only (no statistical model): for short names from table cells."""
    return build_pipeline("en", trained=False)


@dataclass(frozen=True)
class FoundInstitution:
    text: str
    canonical_name: str
    acronym: str | None
    type: str
    aliases: tuple[str, ...]
    start: int  # character offsets in the text
    end: int


def find_institutions(text: str, lang: str = "en", acronyms: dict[str, str] | None = None,
                      trained: bool = True) -> list[FoundInstitution]:
    """Institutions named in running text, normalised."""
    nlp = build_pipeline(lang, trained)
    doc = nlp.make_doc(text)
    doc.user_data["acronyms"] = acronyms or {}
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return [FoundInstitution(e.text, e._.canonical, e._.acronym, e._.inst_type, e._.aliases, e.start_char,
                             e.end_char) for e in doc.ents]


def _clean_name(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).strip(" ,;:.")


def _acronym_for(long_form: str, acronyms: dict[str, str]) -> str | None:
    f = fold(long_form)
    for acr, exp in acronyms.items():
        if fold(exp) == f:
            return acr
    return None


def normalize_institution(name: str, acronyms: dict[str, str] | None = None,
                          hint: str | None = None) -> CanonicalInstitution:
    """One canonical institution for a name as written (an acronym, a long form, "Long Form (ACR)")."""
    acronyms = acronyms or {}
    key = tuple(sorted(acronyms.items()))
    return _normalize(_clean_name(name), key, hint)


@lru_cache(maxsize=20000)
def _normalize(name: str, acronyms_key: tuple[tuple[str, str], ...], hint: str | None) -> CanonicalInstitution:
    acronyms = dict(acronyms_key)
    written = name
    acronym: str | None = None
    m = PAREN_ACRONYM.search(name)
    if m:
        acronym = m.group(1)
        name = name[: m.start()].strip()
    long_form = name
    if _is_acronym(name):
        acronym = name
        long_form = acronyms.get(name) or acronyms.get(name.upper()) or name
    if long_form != name:
        # The document's own acronym list says what its acronyms mean: look the long form up only.
        entry = gazetteer_lookup(long_form, acronyms_too=False)
    else:
        entry = gazetteer_lookup(name) or (
            gazetteer_lookup(acronym) if acronym and acronym not in acronyms else None)
    aliases = {written, name, long_form}
    if entry is not None:
        canonical = entry.canonical
        acronym = entry.acronym or acronym
        kind = entry.type
        aliases.update(entry.aliases)
    else:
        canonical = long_form
        acronym = acronym or _acronym_for(long_form, acronyms)
        legacy = institution_type(name, long_form) or "other"
        kind = hint or _rule_type(long_form)
        # Ministries of defence, police and UN bodies belong to the security sector / UN even when a
        # "Ministry of ..." pattern matched them.
        if kind in (None, "government") and legacy in ("security", "un", "parliament"):
            kind = legacy
        kind = kind or legacy
    if acronym:
        aliases.add(acronym)
    aliases.discard(canonical)
    return CanonicalInstitution(canonical, acronym, kind, tuple(sorted(a for a in aliases if a)))


def _rule_type(name: str) -> str | None:
    """The type the pattern rules give a name that is one institution from end to end."""
    if _is_acronym(name) or len(name) > 200:
        return None
    nlp = _rules_pipeline()
    doc = nlp.make_doc(name)
    for pname, proc in nlp.pipeline:
        if pname != "naplog_institution_normalizer":
            doc = proc(doc)
    for ent in doc.ents:
        if ent.start == 0 and ent.end >= len(doc) - 1 and ent.label_ in TYPES:
            return ent.label_
    return None
