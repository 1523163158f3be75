"""Document metadata from the text: language, kind (plan or report), country, title, plan period,
generation."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from pipeline.pdf.lines import page_lines
from pipeline.pdf.model import PageLayout
from pipeline.records import PlanPeriod
from pipeline.text.fold import fold
from pipeline.text.vocabulary import cover_names_report

STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "for", "is", "on", "with", "by", "that", "are", "be", "as", "this",
           "from", "women", "which", "will", "at", "an", "their", "have"},
    "fr": {"le", "la", "les", "des", "du", "et", "de", "en", "pour", "dans", "une", "un", "est", "sur", "par",
           "au", "aux", "que", "qui", "femmes", "avec", "ces", "sont"},
    "es": {"el", "la", "los", "las", "del", "y", "de", "en", "para", "por", "una", "un", "es", "con", "que",
           "se", "al", "mujeres", "como", "sus", "su", "entre"},
    "pt": {"o", "a", "os", "as", "do", "da", "dos", "das", "e", "de", "em", "para", "por", "uma", "um", "com",
           "que", "no", "na", "nos", "mulheres", "ao", "sao", "pela", "pelo"},
}
_TOKEN = re.compile(r"[a-zà-ÿ]+")

GENERATION = re.compile(
    r"\b(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|premier|deuxieme|second|troisieme|quatrieme|"
    r"primer|segundo|tercer|cuarto|primeiro|segundo|terceiro|quarto)\b[\s-]+(generation|nap|plan|"
    r"national action plan|plan d'action|plan de accion|plano)"
)
GEN_NUMBER = {"first": 1, "1st": 1, "premier": 1, "primer": 1, "primeiro": 1, "second": 2, "2nd": 2,
              "deuxieme": 2, "segundo": 2, "third": 3, "3rd": 3, "troisieme": 3, "tercer": 3, "terceiro": 3,
              "fourth": 4, "4th": 4, "quatrieme": 4, "cuarto": 4, "quarto": 4, "fifth": 5, "5th": 5}
PERIOD = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:-|–|—|/|to|à|a|al|au|até|hasta)\s*((?:19|20)\d\d)(?!\d)")

def detect_language(text: str) -> str | None:
    counts: Counter[str] = Counter()
    for tok in _TOKEN.findall(fold(text)):
        for lang, words in STOPWORDS.items():
            if tok in words:
                counts[lang] += 1
    if not counts:
        return None
    lang, n = counts.most_common(1)[0]
    return lang if n >= 5 else None




def detect_period(front_text: str) -> PlanPeriod | None:
    for m in PERIOD.finditer(front_text):
        start, end = int(m.group(1)), int(m.group(2))
        if start < end <= start + 20:
            return PlanPeriod(start=start, end=end)
    return None


def detect_generation(front_text: str) -> int | None:
    m = GENERATION.search(fold(front_text))
    return GEN_NUMBER.get(m.group(1)) if m else None


def detect_title(first_page: PageLayout) -> str | None:
    """The largest text on the first page, as the cover's title: its first lines, up to a wide gap
    (a date or a publisher further down the cover is not the title)."""
    words = [w for w in first_page.words if w.text.strip()]
    if not words:
        return None
    biggest = max(w.size for w in words)
    lines: list[list] = []
    for w in sorted((w for w in words if w.size >= biggest * 0.85), key=lambda w: (round(w.top), w.x0)):
        if lines and abs(lines[-1][-1].top - w.top) < biggest * 0.6:
            lines[-1].append(w)
        elif lines and w.top - lines[-1][-1].bottom > biggest * 2.5:
            break
        else:
            lines.append([w])
    title = " ".join(" ".join(w.text for w in _without_overprints(line)) for line in lines[:6])
    return " ".join(title.split())[:300] or None


def _without_overprints(line: list) -> list:
    """A line's words left to right, without the words a cover prints again over part of another
    ("National" drawn over "ational", "Changements" over "hangements"): a word lying inside another
    word's box whose text is part of that word's text."""
    ordered = sorted(line, key=lambda w: (w.x0, -(w.x1 - w.x0)))
    kept: list = []
    for w in ordered:
        if not any(k.x0 - 0.5 <= w.x0 and w.x1 <= k.x1 + 0.5 and w.text in k.text for k in kept):
            kept = [k for k in kept if not (w.x0 - 0.5 <= k.x0 and k.x1 <= w.x1 + 0.5 and k.text in w.text)]
            kept.append(w)
    return kept


def front_text(pages: list[PageLayout], n: int = 2) -> str:
    return "\n".join(p.text() for p in pages[:n])


def cover_page(pages: list[PageLayout]) -> PageLayout:
    """The cover: the first of the first three pages that has text (a cover drawn as an image
    leaves an empty first page, and the title page follows it)."""
    return next((p for p in pages[:3] if len(p.words) >= 5), pages[0])


# --- Plan periods -----------------------------------------------------------------------------------
# A plan states its period on its cover ("2022-2026", "2018–2028"); years further on belong to other
# plans and strategies it cites, to climate projections or to tables of contents.
_TOC_LINE = re.compile(r"(\.\s*){4,}|(_\s*){4,}|…{2,}")


def detect_plan_period(pages: list[PageLayout]) -> PlanPeriod | None:
    """The period a plan's cover states, from its lines that are not table-of-contents entries."""
    if not pages:
        return None
    lines = cover_page(pages).text().splitlines()
    return detect_period("\n".join(line for line in lines if not _TOC_LINE.search(line)))


# --- Plan kinds ---------------------------------------------------------------------------------------
# What kind of document it is, from its cover and first pages, in en/fr/es/pt (folded text). The
# values are ``pipeline.records.Kind``'s: WPS plans (national, regional, local), other plans with a
# results framework (climate adaptation, development, other), a project logframe, a report.
_WPS = re.compile(
    r"\b(1325|wps|women,?\s*peace,?\s*(and|&)\s*security|(les )?femmes,?\s*(la )?paix,?\s*et (la )?securite|"
    r"mujeres,?\s*(la )?paz\s*y\s*(la )?seguridad|mulheres,?\s*(a )?paz\s*e\s*(a )?seguranca)\b")
_WPS_REGIONAL = re.compile(
    r"\b(regional action plan|plan d'action regional|plan de accion regional|plano de acao regional|asean|ecowas|"
    r"cedeao|sadc|igad|eccas|ceeac|icglr|cirgl|african union|union africaine|union africana|uniao africana|"
    r"european union|union europeenne|osce|nato|otan|pacific islands forum|league of arab states)\b")
_WPS_LOCAL = re.compile(
    r"\b((local|county|provincial|municipal|district|city|state) (level )?action plan|"
    r"plan d'action (local|provincial|communal|municipal|departemental)|"
    r"plan (local|provincial|municipal|departamental) de accion|plan de accion (local|provincial|municipal|"
    r"departamental)|plano (local|provincial|municipal|distrital|estadual) de acao|"
    r"plano de acao (local|provincial|municipal|distrital|estadual))\b")
_ADAPTATION = re.compile(
    r"\b(national adaptation|adaptation plan\w*|climate (change )?adaptation|adaptation (to|aux|au|a la) "
    r"(the )?(climate|changements?)|plan national d'adaptation|pnacc|plan nacional de adaptacion|"
    r"adaptacion al cambio|plano nacional de adaptacao|adaptacao (as|a) mudancas?)\b")
_DEVELOPMENT = re.compile(
    r"\b((national |integrated )?development plan|plan (national )?de developpement|plan (nacional )?de desarrollo|"
    r"plano (nacional )?de desenvolvimento)\b")
_LOGFRAME = re.compile(
    r"\b(logframe|log frame|logical framework|cadre logique|marco logico|quadro logico|intervention logic|"
    r"logique d'intervention|logica de intervencion|logica de intervencao)\b")
_PLAN_TITLE = re.compile(r"\b(plan|plano|strategy|strategie|estrategia)\b")


def detect_kind(cover_text: str, front: str = "") -> str:
    """The document's kind (``pipeline.records.Kind``): a report when its cover says so; else the kind
    of plan its cover names (its first pages when the cover names none), a WPS plan first."""
    if cover_names_report(cover_text[:800]):
        return "report"
    return plan_kind(cover_text) or plan_kind(front) or "other_plan"


def plan_kind(text: str) -> str | None:
    """The kind of plan a text names, or None: WPS (regional, local, else national), then climate
    adaptation, development, then a project logframe named in its first lines."""
    folded = fold(text)
    if _WPS.search(folded):
        if _WPS_REGIONAL.search(folded):
            return "wps_regional_plan"
        return "wps_local_plan" if _WPS_LOCAL.search(folded) else "nap"
    if _ADAPTATION.search(folded):
        return "adaptation_plan"
    if _DEVELOPMENT.search(folded):
        return "development_plan"
    head = folded[:200]
    if (m := _LOGFRAME.search(head)) and not _PLAN_TITLE.search(head[:m.start()]):
        return "project_logframe"
    return None


# --- Countries ----------------------------------------------------------------------------------------
# ISO 3166-1 countries from pycountry, named as in English, French, Spanish and Portuguese (pycountry's
# translations of each short, official and common name), plus the few names plans use that ISO does
# not give: abbreviations, former names, and regions that name their country (a project logframe for
# Puntland is Somalia's). The country stored is the ISO code and its English short name.

@dataclass(frozen=True)
class Country:
    name: str
    code: str | None  # ISO 3166-1 alpha-2; None for a name read from "Republic of X" that ISO does not know


COUNTRY_LANGUAGES = ("fr", "es", "pt")
# Names ISO 3166-1 does not give, each with the code of its country. Kosovo has no ISO code: XK is
# the user-assigned code the European Commission, the IMF and IATI use.
EXTRA_NAMES = {
    "DRC": "CD", "RDC": "CD", "Congo-Kinshasa": "CD", "Congo-Brazzaville": "CG", "RCA": "CF", "Ivory Coast": "CI",
    "Cape Verde": "CV", "Swaziland": "SZ", "Burma": "MM", "East Timor": "TL", "Lao PDR": "LA", "Turkey": "TR",
    "Macedonia": "MK", "Russia": "RU", "UK": "GB", "USA": "US", "Kosovo": "XK", "Puntland": "SO",
    "Somaliland": "SO", "Jubaland": "SO", "Galmudug": "SO", "Bangsamoro": "PH", "BARMM": "PH", "Zanzibar": "TZ",
    "Bougainville": "PG", "Kurdistan Region": "IQ",
}
EXTRA_COUNTRIES = {"XK": "Kosovo"}
_WORDS = re.compile(r"[a-z0-9]+")


def _name_tokens(name: str) -> tuple[str, ...]:
    return tuple(_WORDS.findall(fold(name)))


def _english_name(country) -> str:  # noqa: ANN001 - a pycountry record
    """A short English name to store: "Democratic Republic of the Congo", "Tanzania", "Saint Lucia"."""
    if getattr(country, "common_name", None):
        return country.common_name
    return _inverted(country.name) or country.name


def _inverted(name: str) -> str | None:
    """"Congo, The Democratic Republic of the" -> "Democratic Republic of the Congo"; None when the
    name is not written that way ("Saint Helena, Ascension and Tristan da Cunha")."""
    head, sep, tail = name.partition(", ")
    if not sep or not _OF_TAIL.search(tail):
        return None
    return _LEADING_ARTICLE.sub("", f"{tail} {head}".replace("' ", "'"))


_OF_TAIL = re.compile(r"\b(of|of the|the|British|U\.S\.|del|de|de la|do|da|du|des|d')$")
_LEADING_ARTICLE = re.compile(r"^(The|La|Le|Les|El|Los|Las|O|A|Os|As) ")
_SHORT_FORMS = (re.compile(r"^([^,(]+),"), re.compile(r"^([^,(]+)\("))


def _variants(name: str) -> tuple[list[str], list[str]]:
    """A name's full forms, and its short forms ("Bolivia" of "Bolivia (Estado Plurinacional de)")."""
    full, short = [name], []
    if inverted := _inverted(name):
        full.append(inverted)
    for pattern in _SHORT_FORMS:
        if m := pattern.match(name):
            short.append(m.group(1).strip())
    if name.startswith("Saint "):
        short.append("St " + name[6:])
    return full, short


@functools.cache
def country_table() -> tuple[dict[tuple[str, ...], str], dict[str, str], frozenset[str]]:
    """(folded name tokens -> code, code -> English name, first tokens of every name). A short form
    that names two countries ("Korea") or is another country's full name ("Congo") is left out."""
    import gettext

    import pycountry  # deferred: only classification needs the ISO tables (a few milliseconds)

    translations = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
                    for lang in COUNTRY_LANGUAGES]
    full: dict[tuple[str, ...], str] = {}
    short: dict[tuple[str, ...], set[str]] = {}
    english = dict(EXTRA_COUNTRIES)
    for c in pycountry.countries:
        english[c.alpha_2] = _english_name(c)
        names = {n for n in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)) if n}
        for name in sorted(names | {t.gettext(n) for t in translations for n in names}):
            f, s = _variants(name)
            for v in f:
                full.setdefault(_name_tokens(v), c.alpha_2)
            for v in s:
                short.setdefault(_name_tokens(v), set()).add(c.alpha_2)
    for name, code in EXTRA_NAMES.items():
        full.setdefault(_name_tokens(name), code)
    for tokens, codes in short.items():
        if len(codes) == 1 and tokens not in full:
            full[tokens] = next(iter(codes))
    full.pop((), None)
    return full, english, frozenset(t[0] for t in full)


def find_country(text: str) -> Country | None:
    """The country a text names first (the longest name where several start at the same word), else
    the name in "Republic of X" / "République de X" / "República de X" (no ISO code)."""
    names, english, firsts = country_table()
    tokens = _WORDS.findall(fold(text))
    longest = max(map(len, names))
    for i, token in enumerate(tokens):
        if token not in firsts:
            continue
        for n in range(min(longest, len(tokens) - i), 0, -1):
            code = names.get(tuple(tokens[i:i + n]))
            if code is not None:
                return Country(english[code], code)
    if m := REPUBLIC_OF.search(text):
        name = " ".join(m.group("name").split())
        return Country(name.title() if name.isupper() else name, None)
    return None


def detect_country(front_text: str) -> str | None:
    """The name of the country a text names first (``find_country``)."""
    found = find_country(front_text)
    return found.name if found else None


REPUBLIC_OF = re.compile(
    r"\b(?i:Republic|Kingdom|State|Federal Republic|Union|R[ée]publique|Rep[úu]blica|Reino|Royaume|Estado)"
    r"[ \t]+(?i:of the|of|du|de la|de l'|de|d'|del|da|do|dos)[ \t]?"
    r"(?P<name>[A-ZÀ-Ý][\wÀ-ÿ'\-]+(?:[ \t]+[A-ZÀ-Ý][\wÀ-ÿ'\-]+)?)"
)


# ---- reports: the kind of report, the years it covers, the plan it reports on --------------------
# Kept apart from the plan's metadata above: a report's own cover names the plan it reports on
# (whose period and generation go to ``plan_period`` and ``generation``, which link it to the plan in
# the store) and its own years ("Rapport pays 2022", "20 ans de mise en oeuvre", "Aout 2022").

REPORT_KINDS = [
    (re.compile(r"\b(midline|mid-line)\b"), "midline report"),
    (re.compile(r"\b(baseline)\b"), "baseline report"),
    (re.compile(r"\b(endline|end-line|final report|rapport final|informe final)\b"), "final report"),
    (re.compile(r"\b(mid-term review|midterm review|revue a mi-parcours|evaluation a mi-parcours)\b"), "mid-term review"),
    (re.compile(r"\b(country report|rapport pays|informe pais|relatorio pais)\b"), "country report"),
    (re.compile(r"\b(annual (progress )?report|rapport annuel|informe anual|relatorio anual)\b"), "annual report"),
    (re.compile(r"\b(accomplishment report)\b"), "accomplishment report"),
    (re.compile(r"\b(progress report|etat d'avancement|rapport d'avancement|rapport de mise en oeuvre|"
                r"implementation report|informe de (progreso|avance|seguimiento)|relatorio de (progresso|"
                r"implementacao)|logframe (& |and )?indicators|achievement analysis)\b"), "progress report"),
]
MONTH_YEAR = re.compile(r"^\W*(?:[a-z0]{3,10}\.?\s+)?((?:19|20)\d\d)\W*$")  # a cover's "Aout 2022" ("0ctobre" too)
REPORT_DATE = re.compile(r"\b(?:report date|date du rapport|fecha del informe|data do relatorio|date)\s*:\s*"
                         r"[^\n]{0,20}?((?:19|20)\d\d)\b")
SIGNED_ON = re.compile(r"\b(?:fait|done|signed|hecho)\b[^\n]{0,40}?\b\d{1,2}[/.-]\d{1,2}[/.-]((?:19|20)\d\d)\b")
YEARS_OF = re.compile(r"(?<!\d)(\d{1,2})\s+(?:ans|years|anos|años)\b")
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
GENERATION_OF = re.compile(r"\b(i{1,3}|iv|v|[1-5])\s*(?:e|eme|ieme|er|ere|nd|rd|th)?\s+generation\b|"
                           r"\b(?:pan|nap)\s*(?:1325\s+)?(i{1,3}|iv|v)\b")
PLAN_NAMED = re.compile(r"\b(?:mise en (?:oeuvre|œuvre)|implementation|implementacion|implementacao|progress|avancement)"
                        r"\s+(?:of|du|de la|de l'|des|on|del|de|da|do)\s+(?P<name>(?:plan|national action plan|pan|"
                        r"resolution|agenda|strategie|strategy|programme|program)\b[^\n]{3,160})", re.IGNORECASE)
PLAN_RANGE = re.compile(r"\b(?:plan|pan|nap|plan d'action|action plan|plan de accion|plano)\b[^.\n]{0,80}?"
                        r"((?:19|20)\d\d)\s*(?:-|–|—|/|to|à|a|al|au)\s*((?:19|20)\d\d)")


def detect_report_kind(front_text: str) -> str | None:
    """What sort of report: "country report", "progress report", "midline report" ..."""
    folded = fold(front_text)
    return next((label for pattern, label in REPORT_KINDS if pattern.search(folded)), None)


def report_date_year(pages: list[PageLayout]) -> int | None:
    """The year a report is dated: its cover's date ("Aout 2022", "Report Date: March 2026"), else
    where it is signed at the end ("Fait Kinshasa, le 17/08/2022")."""
    if not pages:
        return None
    lines = pages[0].text().splitlines()
    found = REPORT_DATE.search(fold(pages[0].text()))
    if found:
        return int(found.group(1))
    for line in reversed(lines):
        m = MONTH_YEAR.match(fold(line))
        if m:
            return int(m.group(1))
    for page in reversed(pages[-2:]):
        m = SIGNED_ON.search(fold(page.text()))
        if m:
            return int(m.group(1))
    return None


def detect_report_period(title: str | None, front_text: str, pages: list[PageLayout]) -> PlanPeriod | None:
    """The years a report covers: a period or a year its title names ("Informe de progreso 2026",
    "Rapport pays de 20 ans ..." dated 2020: 2000-2020), else the year it is dated."""
    named = fold(title or "")
    dated = report_date_year(pages)
    span = detect_period(named)
    if span is not None:
        return span
    years = YEARS_OF.search(named)
    if years and dated:
        return PlanPeriod(start=dated - int(years.group(1)), end=dated)
    one = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", named)
    year = int(one.group(1)) if one else dated
    return PlanPeriod(start=year, end=year) if year else None


def reported_plan_period(front_text: str) -> PlanPeriod | None:
    """The period of the plan a report reports on, where the text names it next to the plan
    ("Le PAN 1325 de 2010 – 2017", "Plan de Acción Nacional ... 2025-2029")."""
    for m in PLAN_RANGE.finditer(fold(front_text)):
        start, end = int(m.group(1)), int(m.group(2))
        if start < end <= start + 20:
            return PlanPeriod(start=start, end=end)
    return None


def reported_generation(title: str | None, front_text: str) -> int | None:
    """The generation of the plan a report reports on, as its title or cover says it ("Plan
    d'Action National de IIème génération", "PAN 1325 II", "second-generation NAP")."""
    for text in (title or "", front_text[:1500]):
        folded = fold(text)
        m = GENERATION_OF.search(folded)
        if m:
            return ROMAN[m.group(1) or m.group(2)]
        generation = detect_generation(folded)
        if generation:
            return generation
    return None


REPORT_TITLE_START = re.compile(r"^(rapport|report|informe|relatorio|progress|annual|country|mid-?term|midline)\b")


def report_title(first_page: PageLayout) -> str | None:
    """A report's own title on its cover: from the line that names a report ("RAPPORT PAYS DE ...")
    through the lines set in the same type under it; None when no line names one."""
    lines = page_lines(first_page)
    start = next((i for i, ln in enumerate(lines) if REPORT_TITLE_START.match(fold(ln.text))), None)
    if start is None:
        return None
    return _set_together(lines, start)


def _set_together(lines: list, start: int, most: int = 6) -> str:
    """The line at ``start`` and the lines under it set in the same type, as one text."""
    size = max(w.size for w in lines[start].words)
    parts = [lines[start]]
    for ln in lines[start + 1:start + most]:
        if abs(max(w.size for w in ln.words) - size) > 0.6 or ln.top - parts[-1].bottom > 1.2 * size or \
                ln.bold != lines[start].bold:
            break
        parts.append(ln)
    text = ""
    for ln in parts:
        piece = " ".join(ln.text.split())
        text = f"{text}{piece}" if text.endswith("-") else f"{text} {piece}".strip()
    return text


PLAN_LINE = re.compile(r"^(national action plan|plan d'action|plan de accion|plano de acao|plano nacional|"
                       r"plan national|action plan|plan)\b")


def reported_plan_name(title: str | None, first_page: PageLayout | None = None) -> str | None:
    """The plan (or resolution, or programme) a report's title says it reports on, else a cover
    line that names a plan ("Plan de Acción Nacional sobre Mujeres, Paz y Seguridad 2025-2029")."""
    m = PLAN_NAMED.search(" ".join((title or "").split()))
    if m:
        return m.group("name").strip(" .,:;")
    lines = page_lines(first_page)[:12] if first_page is not None else []
    named = next((i for i, ln in enumerate(lines) if PLAN_LINE.match(fold(ln.text))), None)
    return _set_together(lines, named, 3)[:200] if named is not None else None


@dataclass
class ReportMetadata:
    """What a report's cover and first pages say about it."""

    kind: str | None  # "country report", "progress report", ...
    period: PlanPeriod | None  # the years it covers
    plan_name: str | None  # the plan it reports on, as named
    plan_period: PlanPeriod | None  # that plan's period
    generation: int | None  # that plan's generation


def describe_report(pages: list[PageLayout]) -> ReportMetadata:
    front = front_text(pages, 2)
    title = (report_title(pages[0]) or detect_title(pages[0])) if pages else None
    return ReportMetadata(kind=detect_report_kind(front), period=detect_report_period(title, front, pages),
                          plan_name=reported_plan_name(title, pages[0] if pages else None),
                          plan_period=reported_plan_period(front),
                          generation=reported_generation(title, front))
