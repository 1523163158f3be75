"""Women, Peace and Security vocabulary: pillars and ASEAN RPA WPS strategic outcomes, with keywords.

Keyword rules in English, French, Spanish and Portuguese, reused by ``pipeline.outputs.compare`` (pillar
coverage, RPA outcome coverage) and ``pipeline.outputs.scorecard``. Every classification returns the words
that decided it, so an analyst can see why a record was counted. A later classifier (spaCy) can
replace ``categories_in`` and keep the same categories.

Keywords are matched on text folded to lower case without accents, at word starts; a keyword ending
in ``*`` also matches longer words (``particip*`` matches participation, participación, participação,
participer). Multi-word keywords match across any white space.

Sources: the four pillars of UNSCR 1325 (participation, prevention, protection, relief and recovery,
the last often written "peacebuilding"); emerging security issues named in NAPs (climate, cyber,
violent extremism, trafficking); the six ASEAN RPA WPS strategic outcomes (UN Women / ASEAN,
"Figure 2: ASEAN RPA WPS matrix of actions", ../shared/seeds/003_*.txt).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from pipeline.text.fold import keyword_fold


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    keywords: tuple[str, ...]
    kind: str = "pillar"  # pillar | emerging | implementation | rpa_outcome
    description: str = ""


def _kw(*words: str) -> tuple[str, ...]:
    return tuple(words)


PILLARS: tuple[Category, ...] = (
    Category("participation", "Participation", _kw(
        # en
        "particip*", "representation", "leadership", "decision-making", "decision making", "women leaders",
        "elected", "appointed", "mediator*", "negotiat*",
        # fr
        "représentation", "prise de décision*", "prise de decision*", "leadership féminin", "élues", "élue",
        # es
        "representación", "liderazgo", "toma de decisiones", "lideresas",
        # pt
        "representação", "liderança", "tomada de decisão", "tomada de decisões",
    )),
    Category("prevention", "Prevention", _kw(
        "prevent*", "early warning", "conflict prevention", "mediation",
        "prévention", "prévenir", "alerte précoce",
        "prevención", "prevenir", "alerta temprana",
        "prevenção", "alerta precoce",
    )),
    Category("protection", "Protection", _kw(
        "protect*", "survivor*", "gender-based violence", "sexual violence", "sgbv", "gbv", "rights of women",
        "protéger", "survivant*", "violences basées sur le genre", "violence sexuelle", "violences sexuelles", "vbg",
        "protección", "proteger", "sobreviviente*", "violencia sexual", "violencia de género", "violencia basada en género",
        "proteção", "protecção", "sobrevivente*", "violência sexual", "violência baseada no género",
        "violência baseada no gênero", "violência de género", "violência de gênero",
    )),
    Category("relief_recovery", "Relief, recovery and peacebuilding", _kw(
        "relief", "recovery", "peacebuilding", "peace building", "reconstruction", "reintegration",
        "humanitarian", "post-conflict", "transitional justice", "reparation*",
        "relèvement", "secours", "consolidation de la paix", "réintégration", "humanitaire*", "post-conflit",
        "recuperación", "socorro", "consolidación de la paz", "construcción de paz", "reintegración", "humanitari*",
        "recuperação", "consolidação da paz", "construção da paz", "reintegração", "humanitári*",
    )),
)

EMERGING: tuple[Category, ...] = (
    Category("climate_security", "Climate and disaster security", _kw(
        "climate", "disaster*", "environment*",
        "climat*", "catastrophe*",
        "clima*", "desastre*", "medio ambiente",
        "ambiental", "meio ambiente",
    ), kind="emerging"),
    Category("cyber_security", "Cybersecurity and online harm", _kw(
        "cyber*", "online", "digital", "technology-facilitated",
        "cybersécurité", "en ligne", "numérique",
        "ciberseguridad", "en línea", "digitales",
        "cibersegurança", "ciber*",
    ), kind="emerging"),
    Category("violent_extremism", "Preventing violent extremism", _kw(
        "violent extremism", "extremism", "radicali*", "terroris*",
        "extrémisme violent", "extrémisme", "radicalisation",
        "extremismo violento", "extremismo", "radicalización",
        "radicalização",
    ), kind="emerging"),
    Category("human_trafficking", "Human trafficking", _kw(
        "trafficking", "traite des êtres humains", "traite des personnes",
        "trata de personas", "trata de seres humanos", "tráfico de pessoas", "trata de pessoas",
    ), kind="emerging"),
    Category("coordination_me", "Coordination, monitoring and evaluation", _kw(
        "coordinat*", "monitoring", "evaluation", "m&e", "steering committee", "reporting",
        "coordination", "suivi", "évaluation", "comité de pilotage",
        "coordinación", "seguimiento", "monitoreo", "evaluación",
        "coordenação", "monitoria", "monitorização", "avaliação", "acompanhamento",
    ), kind="implementation"),
)

ALL_PILLARS: tuple[Category, ...] = PILLARS + EMERGING

RPA_OUTCOMES: tuple[Category, ...] = (
    Category("rpa1", "1. Protection of the rights of women and girls", _kw(
        "rights", "protect*", "legal aid", "access to justice", "legislation", "discriminat*",
        "droits", "protéger", "protection", "aide juridique", "accès à la justice", "législation",
        "derechos", "protección", "proteger", "asistencia jurídica", "acceso a la justicia", "legislación",
        "direitos", "proteção", "protecção", "assistência jurídica", "acesso à justiça", "legislação",
    ), kind="rpa_outcome",
        description="Protection of the rights of women, young women and girls, including those of marginalized "
                    "groups, in policies, practices and security"),
    Category("rpa2", "2. Women's participation and leadership", _kw(
        "particip*", "leadership", "decision-making", "decision making", "representation", "women leaders",
        "prise de décision*", "prise de decision*", "représentation",
        "liderazgo", "toma de decisiones", "representación",
        "liderança", "tomada de decisão", "tomada de decisões", "representação",
    ), kind="rpa_outcome",
        description="Women's full, meaningful and equal participation in institutions, organisations and "
                    "decision-making processes related to peace and security, including in leadership positions"),
    Category("rpa3", "3. Conflict prevention and prevention of threats", _kw(
        "conflict prevention", "prevent*", "early warning", "mediation", "peacekeep*", "violent extremism",
        "social cohesion", "dialogue",
        "prévention", "prévenir", "alerte précoce", "maintien de la paix", "cohésion sociale",
        "prevención", "prevenir", "alerta temprana", "mantenimiento de la paz", "cohesión social",
        "prevenção", "alerta precoce", "manutenção da paz", "coesão social",
    ), kind="rpa_outcome",
        description="ASEAN bodies and member states contribute to conflict prevention and prevention of violence, "
                    "disasters and other threats to peace and security, with WPS principles central"),
    Category("rpa4", "4. Preventing sexual and gender-based violence", _kw(
        "sexual violence", "gender-based violence", "gender based violence", "sgbv", "gbv", "sexual exploitation",
        "violence sexuelle", "violences sexuelles", "violences basées sur le genre", "violence basée sur le genre", "vbg",
        "violencia sexual", "violencia de género", "violencia basada en género", "vbg",
        "violência sexual", "violência baseada no género", "violência baseada no gênero", "violência de género",
        "violência de gênero",
    ), kind="rpa_outcome",
        description="Peace and security institutions, mechanisms and processes are successfully preventing SGBV"),
    Category("rpa5", "5. Relief and recovery", _kw(
        "relief", "recovery", "humanitarian", "disaster*", "reconstruction", "displaced",
        "relèvement", "secours", "humanitaire*", "catastrophe*", "déplacé*",
        "recuperación", "socorro", "humanitari*", "desastre*", "desplazad*",
        "recuperação", "humanitári*", "deslocad*",
    ), kind="rpa_outcome",
        description="The needs of women and girls are met in relief and recovery processes, with women's "
                    "participation in them"),
    Category("rpa6", "6. Implementation, coordination and M&E", _kw(
        "coordinat*", "monitoring", "evaluation", "m&e", "reporting", "steering committee", "data",
        "coordination", "suivi", "évaluation", "rapport*", "comité de pilotage", "données",
        "coordinación", "seguimiento", "monitoreo", "evaluación", "informe*", "datos",
        "coordenação", "monitoria", "monitorização", "avaliação", "relatório*", "dados",
    ), kind="rpa_outcome",
        description="Implementation, coordination and M&E infrastructure and mechanisms are established and "
                    "operational"),
)


@lru_cache(maxsize=None)
def _pattern(keyword: str) -> re.Pattern[str]:
    prefix = keyword.endswith("*")
    word = keyword_fold(keyword.rstrip("*"))
    body = r"\s+".join(re.escape(part) for part in word.split(" "))
    tail = r"[\w-]*" if prefix else r"(?![\w])"
    return re.compile(r"(?<![\w])" + body + tail)


_WORD_RUN = re.compile(r"\w+")


@lru_cache(maxsize=None)
def _first_run(keyword: str) -> tuple[str, bool] | None:
    """What a text's runs of word characters must hold for the keyword's pattern to match in it:
    a run equal to the keyword's first run, or for a one-word prefix ("coordinat*") a run that
    begins with it (the pattern wants no word character before the keyword, and after its first
    run it has a non-word character or ends, where it wants none, unless it is such a prefix).
    None for a keyword that does not begin with a word character."""
    word = keyword_fold(keyword.rstrip("*"))
    m = _WORD_RUN.match(word)
    if m is None:
        return None
    return m.group(), keyword.endswith("*") and m.end() == len(word)


class _Runs:
    """A folded text's runs of word characters, to say quickly that a keyword cannot match in it
    (most keywords do not: one lookup where a search went through the whole text)."""

    def __init__(self, folded: str):
        self.runs = sorted(set(_WORD_RUN.findall(folded)))
        self.set = frozenset(self.runs)

    def may_match(self, keyword: str) -> bool:
        need = _first_run(keyword)
        if need is None:
            return True
        run, prefix = need
        if not prefix:
            return run in self.set
        i = bisect_left(self.runs, run)
        return i < len(self.runs) and self.runs[i].startswith(run)


def matches(category: Category, text: str | None) -> list[str]:
    """The words of ``text`` (folded) that match the category's keywords, in order of first match."""
    if not text:
        return []
    folded = keyword_fold(text)
    return _matches_folded(category, folded, _Runs(folded))


def _matches_folded(category: Category, folded: str, runs: _Runs) -> list[str]:
    found: list[str] = []
    for kw in category.keywords:
        if not runs.may_match(kw):
            continue
        for m in _pattern(kw).finditer(folded):
            word = m.group(0)
            if word not in found:
                found.append(word)
    return found


def categories_in(text: str | None, categories: tuple[Category, ...] = ALL_PILLARS) -> list[tuple[Category, list[str]]]:
    """Categories whose keywords occur in ``text``, most distinct matched words first."""
    if not text:
        return []
    folded = keyword_fold(text)  # once, not once per category
    runs = _Runs(folded)
    hits = [(c, words) for c in categories if (words := _matches_folded(c, folded, runs))]
    return sorted(hits, key=lambda cw: -len(cw[1]))


def best_pillar(text: str | None) -> tuple[Category, list[str]] | None:
    """The pillar (four pillars first, then emerging ones) a banner or goal text is about, with its words."""
    for group in (PILLARS, EMERGING):
        hits = categories_in(text, group)
        if hits:
            return hits[0]
    return None


def category(category_id: str) -> Category:
    for c in ALL_PILLARS + RPA_OUTCOMES:
        if c.id == category_id:
            return c
    raise KeyError(category_id)
