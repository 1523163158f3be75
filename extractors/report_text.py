"""Figures written in a report's running text, each an observation of the phrase it counts.

"les femmes représentent 12 % des juges de paix et 8 % des greffiers" gives 12 % (of "des juges de
paix") and 8 % (of "des greffiers"); "about 400 women were trained as mediators" gives 400 (of
"women were trained as mediators", sex women). A figure is a number in a sentence, a list line
("- 1600 magistrats de siège", "Cassation : 41 hommes/2 femmes") or a tile (a big number over its
label on a cover); it is not:

- a year, a date ("10 juillet 1999", "17/08/2022"), a code or a number in a name ("loi n°15/013",
  "article 14", "Résolution 1325", "COVID-19", "Tableau 3"), an ordinal ("2ème", "1er", "10e"), a
  list or section number ("1)", "2.3.1."), a number spelled out;
- a number of the report's own title ("Rapport pays de 20 ans ...": its name, not a figure);
- a chart's bar label or axis tick: those stand alone or among other numbers, in no sentence.

Each figure takes as its indicator the clause it sits in (up to a comma, a semicolon, "et"...),
without the figure; its sex from the noun it counts ("5 femmes") or, for a share, from the clause
("la Femme représente 17%"); "sur 108" is a total; its period from a year of its clause ("en 2006")
or the heading above a list ("SITUATION DE 2019"); the text right under a "Source : ... 2021" line
(the comment of a chart or a table) takes that source and its year.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from extractors.cells import BULLET_RE
from extractors.report_tables import SOURCE_LINE, YEAR
from extractors.values import parse_number
from pipeline.pdf.lines import split_line_at_gaps
from pipeline.pdf.model import BBox, Line, PageLayout
from pipeline.records import Observation
from pipeline.text.fold import fold_same_length

TEXT_CONFIDENCE = 0.6

FIGURE = re.compile(
    r"(?<![\w°.\-])(?<!\d,)(?<!\d/)"
    r"(?P<num>\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?(?![.,]?\d)"  # 36 711, 1.240
    r"|\d+,\s\d{1,2}(?=\s?%)"  # 19, 3% (a decimal comma set with a space)
    r"|\d+(?:[.,]\d+)?)"
    r"(?P<pct>\s?%|\s(?:pour\s?cent|per\s?cent|percent|por\s?ciento)\b)?"
    r"(?P<mult>\s(?:millions?|milliards?|billions?|millones|milh[õo]es)\b)?"
    r"(?:(?![\w/°]|[.,]\d)|(?=(?:femmes?|hommes?|women|men)\b))")  # "3 femmes/10hommes": glued, still a count
MONTHS = ("janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|"
          "march|april|may|june|july|august|september|october|november|december|enero|febrero|marzo|abril|mayo|"
          "junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janeiro|fevereiro|marco|maio|junho|julho|"
          "setembro|outubro|novembro|dezembro")
AFTER_DATE = re.compile(rf"^\s*(?:er\s+)?(?:{MONTHS})(?![a-z])")
ORDINAL = re.compile(r"^\s?(?:er|ere|re|e|eme|ieme|nd|st|rd|th)\b|^[ºª]")  # "2 ème", "1 er" (a superscript)
BEFORE_DATE = re.compile(rf"\b(?:{MONTHS})\s*$")
# Words after which a number is a code or a reference, not a figure (folded, lower case).
CODE_WORDS = re.compile(
    r"(?:\bn\s*[°o]|\bno\.?|\bnr\.?|\bnum(?:ero)?|\bloi|\blaw|\bley|\blei|\barticles?|\bart\.?|\bdecrets?|\bdecree"
    r"|\bdecreto|\bordonnance|\bordinance|\bresolutions?|\bresolucion|\bresolucao|\bobjectifs?|\bobjetivo"
    r"|\bgoal|\bsdg|\bodd|\bchapitre|\bchapter|\btableaux?|\btables?|\bcuadro|\bquadro|\bgraphiques?|\bfigures?"
    r"|\bgraph|\bcharts?|\bpages?|\bp\.|\bsections?|\bannexe?s?|\bannex|\baxe|\bpilier|\bpillar|\beje|\beixo"
    r"|\bcovid|\bphase|\betape|\bstep|\bniveau|\blevel|\bnumero|\bdraft|\bversion)\s*[:.]?\s*"
    r"(?:\d+\s*(?:,|et|and|y|e|a|-|–)\s*)*$")  # "articles 14 et 15": each a code
# A number in the name of a report ("rapport bilan de 15 ans"): not a figure.
REPORT_NAME = re.compile(r"\b(?:rapport|report|informe|relatorio|bilan)\b(?:\s+\w+){0,2}\s+(?:de|of|sur|sobre)\s*$")
YEARS_WORD = re.compile(r"^\s*(?:ans|annees|years|anos)\b")
# Words naming a share: a bare decimal in their clause is a percentage ("le pourcentage alloué (soit 0,6 en 2018)").
SHARE_WORDS = re.compile(r"\b(pourcentage|percentage|porcentaje|percentagem|porcentagem|taux|rate|tasa|taxa)\b")
# Numbers that name a Security Council resolution on women, peace and security.
WPS_RESOLUTIONS = {"1325", "1820", "1888", "1889", "1960", "2106", "2122", "2242", "2467", "2493"}
CLAUSE_END = re.compile(r"[;:,()]|\.(?:\s|$)|\s(?:et|soit|dont|mais|alors que|and|while|but|y|e|pero)\s")
WOMEN_WORDS = re.compile(r"\b(femmes?|filles?|women|woman|girls?|female|mujer(?:es)?|ninas|mulher(?:es)?|meninas)\b")
MEN_WORDS = re.compile(r"\b(hommes?|gar[cç]ons|men|man|boys?|male|hombres?|ninos|homens?|meninos)\b")
TOTAL_BEFORE = re.compile(r"\b(sur|of|out of|de un total de|sobre|total de|un total de)\s*$")
ITEM_START = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|[a-z]\))\s")
# "Number of women mediators: men 54,210, women 3,210, 5.6 %, source: police 2022": a label, then
# figures each after its sex, then where they come from.
INLINE_SOURCE = re.compile(r"\b(?:sources?|fuentes?|fontes?)\s*:\s*(?P<text>[^;]+?)\s*(?:[.;]\s|[.;]?$)", re.IGNORECASE)
LABELLED_VALUES = re.compile(r"^(?P<label>[^:;]{8,200}?)\s*:\s*(?:(?:[^\W\d_]+\s*)?[\d.,\s]+%?\s*,\s*)*"
                             r"(?:[^\W\d_]+\s*)?$")
SEX_BEFORE = re.compile(r"\b(femmes?|women|female|mujeres|mulheres|hommes?|men|male|hombres|homens|total)\s*:?\s*$")


# ---- the text of a page, in paragraphs -----------------------------------------------------------

@dataclass
class Paragraph:
    """Lines read as one text, each line's place in it kept (a figure's box is its line's)."""

    lines: list[Line]
    text: str = ""
    starts: list[int] = field(default_factory=list)
    source: str | None = None  # the "Source : ..." line right above it
    heading: str | None = None  # the heading right above a list

    def line_at(self, offset: int) -> Line:
        return self.lines[max(0, bisect_right(self.starts, offset) - 1)]


def _words_of(line: Line) -> int:
    return sum(1 for w in line.words if sum(c.isalpha() for c in w.text) >= 2)


def is_text_line(line: Line) -> bool:
    """A line of sentences or of a list: words, and not a row of numbers (a chart's labels), nor
    a label with its numbers set apart by wide gaps (a bar chart's category and values)."""
    words = _words_of(line)
    numbers = sum(1 for w in line.words if any(c.isdigit() for c in w.text)
                  and not re.fullmatch(r"\(?(?:19|20)\d\d\W*", w.text))
    if words < (1 if _list_line(line) else 2) or words < numbers:
        return False
    size = max(w.size for w in line.words) or 10.0
    parts = split_line_at_gaps(line, 2 * size)
    return not any(re.fullmatch(r"[\d\s.,%;]+", p.text) for p in parts[1:])


def paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Runs of text lines close together; a bullet or a list line starts a new one."""
    out: list[Paragraph] = []
    prev: Line | None = None
    for line in lines:
        text = line.text.strip()
        if not text or not is_text_line(line) or SOURCE_LINE.match(text):
            prev = None  # a "Source :" line is what the text under it cites, not its text
            continue
        size = max(w.size for w in line.words) or 10.0
        joined = out and prev is not None and 0 <= line.top - prev.bottom < 0.8 * size and \
            abs(max(w.size for w in prev.words) - size) < 1.5 and not BULLET_RE.match(text) and \
            not ITEM_START.match(text) and not _list_line(prev) and not _list_line(line)
        if joined:
            para = out[-1]
            sep = "" if para.text.endswith("-") and text[:1].islower() else " "
            if not sep:
                para.text = para.text[:-1]
            para.starts.append(len(para.text) + len(sep))
            para.text += sep + text
            para.lines.append(line)
        else:
            out.append(Paragraph([line], text, [0]))
        prev = line
    return out


def _list_line(line: Line) -> bool:
    """A short line giving a label's figure ("Magistrats de siège :116", "- 1600 magistrats")."""
    text = line.text.strip()
    if len(text.split()) > 14 or not re.search(r"\d", text):
        return False
    return bool(re.match(r"^\W*[^:\d]{2,80}:\s*\d", text)) or (bool(BULLET_RE.match(text)) and len(text.split()) <= 8)


def _context(paras: list[Paragraph], all_lines: list[Line]) -> None:
    """A paragraph right under a "Source :" line takes that source; a list, the heading above it."""
    by_bottom = sorted(all_lines, key=lambda ln: ln.bottom)
    bottoms = [ln.bottom for ln in by_bottom]
    for para in paras:
        first = para.lines[0]
        above = [ln for ln in by_bottom[max(0, bisect_right(bottoms, first.top + 1) - 9):
                                        bisect_right(bottoms, first.top + 1)] if ln is not first]
        if not above:
            continue
        prev = above[-1]  # the nearest line above
        m = SOURCE_LINE.match(prev.text)
        if m and first.top - prev.bottom < 1.5 * max(first.height, 1.0):
            para.source = m.group("text").strip()
        if _list_line(first):
            para.heading = _heading_above(above)


def _heading_above(above: list[Line]) -> str | None:
    """The nearest short line in capitals among the lines above a list, nearest last ("ARMEE",
    "SITUATION DE 2019")."""
    for ln in reversed(above):
        letters = [c for c in re.sub(r"\(.*?\)", "", ln.text) if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) >= 0.7 * len(letters) and len(ln.text.split()) <= 8:
            return ln.text.strip()
    return None


# ---- figures in a paragraph ----------------------------------------------------------------------

@dataclass
class Found:
    start: int
    end: int
    value: float
    written: str
    percent: bool


def _is_year(num: str, found: re.Match) -> bool:
    return not found.group("pct") and not found.group("mult") and bool(re.fullmatch(r"(?:19|20)\d\d|2100", num))


def _not_a_figure(text: str, folded: str, m: re.Match, title_words: set[str]) -> bool:
    """A year, a date, a code or a name's number, a list number, a number of the title."""
    num, start, end = m.group("num"), m.start(), m.end()
    before, after = folded[max(0, start - 30):start], folded[end:end + 20]
    if _is_year(num, m) or (not m.group("pct") and num in WPS_RESOLUTIONS):
        return True
    if before.endswith("(cid:"):
        return True  # a glyph pdfplumber could not map: "(cid:127)"
    if AFTER_DATE.match(after) or (BEFORE_DATE.search(before) and not m.group("pct")):
        return True  # 10 juillet 1999, 1er août
    if not m.group("pct") and ORDINAL.match(after):
        return True
    if CODE_WORDS.search(before) or re.search(r"(?:°|\d/)\s*$", before) or re.match(r"\s*[/°]\d", after):
        return True
    if REPORT_NAME.search(before) and YEARS_WORD.match(after):
        return True
    if "." in num and not m.group("pct") and re.match(r"\.(?:\s|$)", text[end:end + 2]):
        return True  # "2.1. Cadre normatif": a section's number
    if not m.group("pct") and start <= 6 and re.match(r"\s*[.)](?:\s|[A-Z]|$)", text[end:end + 3]) and \
            not text[:start].strip(" -•("):
        return True  # "1) Opérationnaliser", "1.Pourcentage": an item's number
    if not m.group("pct") and re.search(r"\b[A-Z][A-Za-z]*\s*$", text[max(0, start - 20):start]) and \
            not re.match(r"\s*[a-zà-ÿ]", text[end:end + 3]) and not re.search(r"(?:^|[\s(])(?:[A-Z][a-z]+)\s*:\s*$",
                                                                               text[max(0, start - 30):start]):
        return True  # "Résolution 1325 sur", "PAN 1325 II", "Permanent 1235": a name's number
    return f"{num} {after.split()[0] if after.split() else ''}".strip() in title_words


def figures_in(text: str, title_words: set[str] = frozenset()) -> list[Found]:
    """The figures of a text, in order."""
    folded = fold_same_length(text).lower()
    out = []
    for m in FIGURE.finditer(text):
        if _not_a_figure(text, folded, m, title_words):
            continue
        value = parse_number(m.group("num").replace(", ", ","))
        if value is None:
            continue
        mult = (m.group("mult") or "").strip().lower()
        if mult:
            value *= 1e9 if mult.startswith(("milliard", "billion")) else 1e6
        out.append(Found(m.start(), m.end(), value, m.group(0).strip(), bool(m.group("pct"))))
    return out


# ---- what a figure counts ------------------------------------------------------------------------

FUNCTION_WORDS = {"de", "des", "du", "d", "la", "le", "les", "l", "a", "au", "aux", "en", "et", "qui", "que", "qu",
                  "soit", "dont", "the", "of", "and", "in", "to", "el", "los", "las", "y", "del", "um", "uma", "o",
                  "os", "as", "do", "da", "dos", "das", "plus", "pres", "environ", "seulement", "about", "over",
                  "il", "elle", "ils", "elles", "on", "se", "it", "they", "this", "ce", "cela", "ella", "ele"}


SENTENCE_END = re.compile(r"[.!?](?:\s|$)|;")
CONNECTOR = re.compile(r"^\s*(?:soit|dont|et|qui|que|mais|and|which|of which|y|e|o sea|ou seja)\b", re.IGNORECASE)
REACH = 300  # characters a figure's clause, sentence and source reach at most on either side


class _Marks:
    """Where a paragraph's clauses and sentences end, found once: each figure bisects them (a long
    paragraph full of figures is read in linear time)."""

    def __init__(self, text: str):
        clauses = list(CLAUSE_END.finditer(text))
        self.clause_starts = [m.start() for m in clauses]
        self.clause_ends = [m.end() for m in clauses]
        self.sentence_ends = [m.end() for m in SENTENCE_END.finditer(text)]
        self.length = len(text)

    def clause_before(self, pos: int, floor: int = 0) -> int:
        """The end of the last clause mark at or before ``pos`` (``floor`` when none is after it)."""
        k = bisect_right(self.clause_ends, pos)
        return max(self.clause_ends[k - 1], floor) if k else floor

    def clause_after(self, pos: int) -> int:
        k = bisect_left(self.clause_starts, pos)
        return self.clause_starts[k] if k < len(self.clause_starts) else self.length

    def sentence_start(self, pos: int) -> int:
        k = bisect_right(self.sentence_ends, pos)
        return max(self.sentence_ends[k - 1] if k else 0, pos - REACH)

    def sentence_end(self, pos: int) -> int:
        k = bisect_left(self.sentence_ends, pos)
        return min(self.sentence_ends[k] if k < len(self.sentence_ends) else self.length, pos + REACH)


def _in_brackets(text: str, f: Found) -> bool:
    return text[max(0, f.start - 4):f.start].rstrip().endswith("(") and text[f.end:f.end + 4].lstrip().startswith(")")


def _clause(text: str, f: Found, marks: _Marks) -> tuple[int, int]:
    """Where the clause of a figure starts and ends. A figure in brackets after a name ("Acte
    d'engagement à Goma, janvier 2008 (1%)") counts that name: its clause runs back to the ";"."""
    if _in_brackets(text, f):
        open_at = text.rfind("(", max(0, f.start - 4), f.start)
        floor = max(0, open_at - REACH)
        start = max(text.rfind(";", floor, open_at), text.rfind(". ", floor, open_at), floor - 1) + 1
        return start, open_at
    start = marks.clause_before(f.start, max(0, f.start - REACH))
    end = min(marks.clause_after(f.end), f.end + REACH)
    if not _content(text[start:f.start] + text[f.end:end]) and start > 0:
        # "Cassation : 41 hommes": the clause before the colon is the label.
        start = marks.clause_before(start - 1, max(0, f.start - REACH))
    return start, end


def _content(text: str) -> list[str]:
    words = re.findall(r"[^\W\d_]{2,}", fold_same_length(text).lower())
    return [w for w in words if w not in FUNCTION_WORDS]


def _with_context(text: str, f: Found, start: int, marks: _Marks) -> int:
    """Where a figure's phrase starts: its clause, or earlier in the sentence when the clause says
    little by itself ("..., soit 5 femmes sur 108", "en compte plus de 369 dans lesquelles")."""
    sentence = marks.sentence_start(start)
    bare = not f.percent and not re.match(r"\s*(?:[^\W\d_]{3,})", text[f.end:f.end + 20]) or \
        bool(re.match(r"\s*(?:dans|de|des|en|in|of|sur|par|pour)\b", text[f.end:f.end + 8]))
    while start > sentence and (len(_content(text[start:f.start])) < 3 or CONNECTOR.match(text, start) or bare):
        bare = False
        start = marks.clause_before(start - 1, sentence)
    return start


def _labelled(text: str, f: Found, marks: _Marks) -> str | None:
    """The label of "Label: men 5,400, women 7,150": the figure's indicator for each of them."""
    m = LABELLED_VALUES.match(text[marks.sentence_start(f.start):f.start])
    return " ".join(m.group("label").split()) if m else None


def _phrase(text: str, f: Found, start: int, end: int, marks: _Marks) -> str:
    labelled = _labelled(text, f, marks)
    if labelled:
        return labelled
    start = _with_context(text, f, start, marks)
    phrase = f"{text[start:f.start]} {text[f.end:end]}"
    phrase = " ".join(phrase.replace("%", " ").split()).strip(" ,;:.-–()/")
    return " ".join(phrase.split()[:30])


def _counted_sex(folded: str, f: Found) -> tuple[str | None, bool]:
    """The sex of the noun a figure counts ("5 femmes"), or the word naming it before ("women
    3,210"), or a total ("sur 108"); and whether it counts something else ("21 provinces")."""
    counted = re.match(r"\s*(?:seule?s?\s+)?(\w+)", folded[f.end:f.end + 25])
    if counted and WOMEN_WORDS.fullmatch(counted.group(1)):
        return "women", True
    if counted and MEN_WORDS.fullmatch(counted.group(1)):
        return "men", True
    window = max(0, f.start - 14)
    named = SEX_BEFORE.search(folded, window, f.start)
    if named and not re.search(r"\d\s*$", folded[max(0, named.start() - 4):named.start()]):
        word = named.group(1)  # "women 3,210", "hombres 5.400" (not "4 femmes 43 hommes")
        sex = "total" if word == "total" else "women" if WOMEN_WORDS.fullmatch(word) or word == "female" else "men"
        return sex, True
    if TOTAL_BEFORE.search(folded[max(0, f.start - 20):f.start]):
        return "total", True
    other = not f.percent and counted is not None and counted.group(1).isalpha() and len(counted.group(1)) > 2
    return None, other


def _sex(folded: str, f: Found, start: int, end: int, marks: _Marks) -> str | None:
    sex, decided = _counted_sex(folded, f)
    if sex or decided:
        return sex
    clause = folded[start:end]
    if f.percent and not WOMEN_WORDS.search(clause) and not MEN_WORDS.search(clause):
        # "Women represent 12 % of justices of the peace and 8 % of court clerks": the sentence's subject.
        sentence = marks.sentence_start(f.start)
        said = {"women" for _ in WOMEN_WORDS.finditer(folded, sentence, f.start)} | \
            {"men" for _ in MEN_WORDS.finditer(folded, sentence, f.start)}
        return said.pop() if len(said) == 1 else None
    at = f.start - start
    nearest = [(abs(m.start() - at), "women") for m in WOMEN_WORDS.finditer(clause)] + \
        [(abs(m.start() - at), "men") for m in MEN_WORDS.finditer(clause)]
    return min(nearest)[1] if nearest else None


def _period(text: str, f: Found, start: int, end: int, para: Paragraph) -> str | None:
    years = [(abs(start + m.start() - f.start), m.group(1)) for m in YEAR.finditer(text[start:end])
             if not re.match(r"\s*%", text[start + m.end():start + m.end() + 2])]
    if years:
        return years[-1][1] if _in_brackets(text, f) else min(years)[1]
    for context in (para.source, para.heading):
        found = YEAR.findall(context or "")
        if found:
            return found[-1]
    return None


def _inline_source(text: str, f: Found, marks: _Marks) -> str | None:
    """"..., source: Ministerio del Interior 2026." later in the figure's sentence."""
    m = INLINE_SOURCE.search(text, f.end, marks.sentence_end(f.end))
    return m.group("text").strip() if m else None


SOURCE_OPEN = re.compile(r"(?:sources?|fuentes?|fontes?)\s*:[^.;]*$", re.IGNORECASE)


def paragraph_observations(page: PageLayout, para: Paragraph, title_words: set[str],
                           pillar_at) -> list[Observation]:  # noqa: ANN001 - (page, top) -> pillar id
    out = []
    text, folded, marks = para.text, fold_same_length(para.text).lower(), _Marks(para.text)
    for f in figures_in(text, title_words):
        if SOURCE_OPEN.search(text, max(0, f.start - 80), f.start):
            continue  # a number inside the source it cites
        start, end = _clause(text, f, marks)
        indicator = _phrase(text, f, start, end, marks)
        if not _content(indicator):
            continue
        dis: dict[str, str] = {}
        percent = f.percent or (f.value <= 100 and bool(SHARE_WORDS.search(fold_same_length(indicator).lower())) and
                                not re.match(r"\s*[^\W\d_]{3,}", text[f.end:f.end + 12]))
        sex = _sex(folded, f, start, end, marks)
        if sex:
            dis["sex"] = sex
        if para.heading and not YEAR.search(para.heading):
            dis["section"] = para.heading
        line = para.line_at(f.start)
        source = _inline_source(text, f, marks) or para.source
        period = _period(text, f, start, end, para) or _last_year(source)
        out.append(Observation(
            indicator=indicator, value=f.value, value_as_written=f.written,
            unit="percentage" if percent else "number", period=period,
            disaggregation=dis, source=source, pillar=pillar_at(page.number, line.top), page=page.number,
            bbox=page.to_page_bbox(_box(line)), method="narrative", confidence=TEXT_CONFIDENCE))
    return out


def _last_year(text: str | None) -> str | None:
    years = YEAR.findall(text or "")
    return years[-1] if years else None


def _box(line: Line) -> BBox:
    return (line.x0, line.top, line.x1, line.bottom)


# ---- tiles and the page --------------------------------------------------------------------------

def _segments(lines: list[Line]) -> list[Line]:
    """Lines cut where words stand far apart: the tiles of a row of tiles, each apart."""
    out = []
    for line in lines:
        size = max(w.size for w in line.words) or 10.0
        out.extend(split_line_at_gaps(line, 1.5 * size))
    return out


def _centred_under(top: Line, segments: list[Line], size: float) -> Line | None:
    xc = (top.x0 + top.x1) / 2
    for seg in segments:
        seg_size = max(w.size for w in seg.words)
        if 0 <= seg.top - top.bottom < 1.5 * seg_size and abs((seg.x0 + seg.x1) / 2 - xc) < max(10.0, 0.5 * size) \
                and size >= 1.4 * seg_size and not re.search(r"\d", seg.text) and 1 <= len(seg.text.split()) <= 4:
            return seg
    return None


def tile_observations(page: PageLayout, lines: list[Line], pillar_at) -> list[Observation]:  # noqa: ANN001
    """Key figures set as tiles: a number alone, in a large type, over a short label centred under
    it ("13" over "Indicators"; a label may take two lines: "Exceeded" / "Targets")."""
    segments = _segments(lines)
    out = []
    for seg in segments:
        found = figures_in(seg.text.strip())
        if len(seg.words) != 1 or len(found) != 1 or found[0].written != seg.text.strip():
            continue
        size = max(w.size for w in seg.words)
        label = _centred_under(seg, segments, size)
        if label is None:
            continue
        second = _centred_under(label, segments, 1.4 * max(w.size for w in label.words))
        text = label.text.strip() + (f" {second.text.strip()}" if second is not None else "")
        out.append(Observation(
            indicator=text, value=found[0].value, value_as_written=found[0].written,
            unit="percentage" if found[0].percent else "number", disaggregation={}, page=page.number,
            pillar=pillar_at(page.number, seg.top), bbox=page.to_page_bbox(_box(seg)), method="narrative",
            confidence=TEXT_CONFIDENCE))
    return out


def title_numbers(title: str | None) -> set[str]:
    """"20 ans" of "Rapport pays de 20 ans ...": numbers of the title with the word after them."""
    folded = fold_same_length(title or "").lower()
    return {f"{m.group(1)} {m.group(2)}" for m in re.finditer(r"(?<!\d)(\d+)\s+([^\W\d_]+)", folded)}


def text_observations(page: PageLayout, lines: list[Line], title_words: set[str],
                      pillar_at) -> list[Observation]:  # noqa: ANN001 - (page, top) -> pillar id
    """The figures of a page's running text, lists and tiles (``lines``: the page's lines outside
    its tables)."""
    paras = paragraphs(lines)
    _context(paras, lines)
    out = [o for para in paras for o in paragraph_observations(page, para, title_words, pillar_at)]
    return out + tile_observations(page, lines, pillar_at)
