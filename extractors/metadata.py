"""Document metadata from the text: language, kind (plan or report), country, title, plan period,
generation."""

from __future__ import annotations

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

# Countries named in plans, folded, with the name we store. Also catches "République de ..." covers.
COUNTRIES = {
    "timor-leste": "Timor-Leste", "democratic republic of congo": "Democratic Republic of the Congo",
    "democratic republic of the congo": "Democratic Republic of the Congo",
    "republique democratique du congo": "Democratic Republic of the Congo", "rdc": "Democratic Republic of the Congo",
    "drc": "Democratic Republic of the Congo", "central african republic": "Central African Republic",
    "republique centrafricaine": "Central African Republic", "cameroon": "Cameroon", "cameroun": "Cameroon",
    "burkina faso": "Burkina Faso", "sri lanka": "Sri Lanka", "albania": "Albania", "liberia": "Liberia",
    "kenya": "Kenya", "somalia": "Somalia", "philippines": "Philippines", "indonesia": "Indonesia",
    "viet nam": "Viet Nam", "vietnam": "Viet Nam", "cambodia": "Cambodia", "thailand": "Thailand",
    "myanmar": "Myanmar", "malaysia": "Malaysia", "lao pdr": "Lao PDR", "nepal": "Nepal", "nigeria": "Nigeria",
    "ghana": "Ghana", "senegal": "Senegal", "mali": "Mali", "niger": "Niger", "cote d'ivoire": "Côte d'Ivoire",
    "guinea": "Guinea", "guinee": "Guinea", "rwanda": "Rwanda", "burundi": "Burundi", "uganda": "Uganda",
    "south sudan": "South Sudan", "sudan": "Sudan", "ethiopia": "Ethiopia", "mozambique": "Mozambique",
    "mocambique": "Mozambique", "angola": "Angola", "guinea-bissau": "Guinea-Bissau", "guine-bissau": "Guinea-Bissau",
    "cabo verde": "Cabo Verde", "brazil": "Brazil", "brasil": "Brazil", "portugal": "Portugal",
    "colombia": "Colombia", "mexico": "Mexico", "chile": "Chile", "argentina": "Argentina", "peru": "Peru",
    "guatemala": "Guatemala", "el salvador": "El Salvador", "paraguay": "Paraguay", "spain": "Spain",
    "espana": "Spain", "france": "France", "ukraine": "Ukraine", "georgia": "Georgia", "jordan": "Jordan",
    "iraq": "Iraq", "afghanistan": "Afghanistan", "tunisia": "Tunisia", "tunisie": "Tunisia",
    "morocco": "Morocco", "maroc": "Morocco", "sierra leone": "Sierra Leone", "togo": "Togo", "benin": "Benin",
    "chad": "Chad", "tchad": "Chad", "gabon": "Gabon", "madagascar": "Madagascar", "zimbabwe": "Zimbabwe",
    "zambia": "Zambia", "namibia": "Namibia", "south africa": "South Africa", "bangladesh": "Bangladesh",
    "pakistan": "Pakistan", "solomon islands": "Solomon Islands", "fiji": "Fiji", "bosnia and herzegovina":
    "Bosnia and Herzegovina", "kosovo": "Kosovo", "serbia": "Serbia", "moldova": "Moldova",
}

# The country named first on the cover, the longest name where several begin at the same place:
# the search stops at the first place where a name matches, and tries the longest names first.
_COUNTRY_NAMES = re.compile(
    r"(?<![a-z])(?:" + "|".join(map(re.escape, sorted(COUNTRIES, key=len, reverse=True))) + r")(?![a-z])")
REPUBLIC_OF = re.compile(
    r"\b(?i:Republic|Kingdom|State|Federal Republic|Union|R[ée]publique|Rep[úu]blica|Reino|Royaume|Estado)"
    r"[ \t]+(?i:of the|of|du|de la|de l'|de|d'|del|da|do|dos)[ \t]?"
    r"(?P<name>[A-ZÀ-Ý][\wÀ-ÿ'\-]+(?:[ \t]+[A-ZÀ-Ý][\wÀ-ÿ'\-]+)?)"
)


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




def detect_kind(front_text: str) -> str:
    """A report talks about a plan's implementation on its cover; a plan names itself."""
    return "report" if cover_names_report(front_text) else "nap"


def detect_country(front_text: str) -> str | None:
    """The country a plan belongs to: a known country named on the cover, else the name in
    "Republic of X" / "République de X" / "República de X"."""
    m = REPUBLIC_OF.search(front_text)
    named = _COUNTRY_NAMES.search(fold(front_text))
    if named:
        return COUNTRIES[named.group()]
    if m:
        name = " ".join(m.group("name").split())
        return name.title() if name.isupper() else name
    return None


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
    """The largest text on the first page, as the cover's title."""
    words = [w for w in first_page.words if w.text.strip()]
    if not words:
        return None
    biggest = max(w.size for w in words)
    lines: list[list] = []
    for w in sorted((w for w in words if w.size >= biggest * 0.85), key=lambda w: (round(w.top), w.x0)):
        if lines and abs(lines[-1][-1].top - w.top) < biggest * 0.6:
            lines[-1].append(w)
        else:
            lines.append([w])
    title = " ".join(" ".join(w.text for w in sorted(line, key=lambda w: w.x0)) for line in lines[:4])
    return " ".join(title.split())[:300] or None


def front_text(pages: list[PageLayout], n: int = 2) -> str:
    return "\n".join(p.text() for p in pages[:n])


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
