"""Document metadata from the text: language, kind (plan or report), country, title, plan period,
generation."""

from __future__ import annotations

import re
from collections import Counter

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
