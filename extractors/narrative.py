"""Goals, outputs and priority actions stated in prose rather than in a table.

Plans that have no logframe table list their results in text: a pillar heading ("Pillar 1:
Participation", "Pilier 1 : Participation", "Eje 2 - Prevención"), objectives or outcomes
("Objective 1.1: ...", "Strategic outcome 2 ...", "Objectif 1 : ..."), results ("Output 1.1: ...",
"Résultat 1.1 : ...") and numbered or bulleted priority actions, with "Indicators:", "Lead:" and
"Partners:" lines. They become the same records as a table's (goal / output / activity), with the
lines' page and box, ``method="narrative"`` and a lower confidence. A missing level is kept as a
record with ``text`` and ``code`` null, as for tables.

Pages that are tables of contents or acronym lists are skipped, and so are lines with dot leaders.
Each goal and output is then classified (``tag_wps_categories``): WPS pillar and ASEAN RPA WPS strategic
outcome, with a score and the words that decided it (``pipeline.text.wps_taxonomy``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.acronyms import is_list_page
from extractors.base import Context, Extraction
from extractors.cells import BULLET_RE
from extractors.institutions.rules import institutions_from_cell
from extractors.values import disaggregation, indicator_unit, years_in
from pipeline.pdf.furniture import body_size
from pipeline.pdf.lines import page_lines
from pipeline.pdf.model import WORD_SIZE, Line, PageLayout
from pipeline.records import (
    Activity,
    Classification,
    Goal,
    Indicator,
    Institution,
    Output,
    Pillar,
)
from pipeline.text import wps_taxonomy as tax
from pipeline.text.fold import fold, fold_same_length
from pipeline.text.vocabulary import section_kind

CONFIDENCE = 0.6

PILLAR_RE = re.compile(
    r"^(?P<label>pillar|pilier|eje|eixo|pilar|axe|axis|thematic area|domaine)\s*(?P<code>[0-9IVX]{1,4})?\s*"
    r"[:.\-–—]\s*(?P<name>[^\d].{1,80})$", re.IGNORECASE)
GOAL_RE = re.compile(
    r"^(?P<label>(?:strategic |specific |overall )?(?:objective|outcome|goal)|"
    r"objectif(?: strategique| specifique| general)?|effet(?: attendu)?|"
    r"objetivo(?: estrategico| especifico| general| geral)?|resultado estrategico)\s*"
    r"(?P<code>[0-9]{1,2}(?:\.[0-9]{1,2})*)?\s*[:.\-–—]\s*(?P<text>.{8,})$", re.IGNORECASE)
OUTPUT_RE = re.compile(
    r"^(?P<label>expected result|result|output|resultat attendu|resultat|produit|resultado esperado|"
    r"resultado|produto)\s*(?P<code>[0-9]{1,2}(?:\.[0-9]{1,2})+|[0-9]{1,2})?\s*[:.\-–—]\s*(?P<text>.{8,})$",
    re.IGNORECASE)
ACTIONS_RE = re.compile(
    r"^(priority actions|key actions|actions|activities|strategic actions|actions prioritaires|activites|"
    r"actions cles|acciones prioritarias|acciones|actividades|acoes prioritarias|accoes prioritarias|acoes|"
    r"atividades)\s*:?\s*$", re.IGNORECASE)
INDICATORS_RE = re.compile(r"^(indicators?|indicateurs?|indicadores?)\s*(de (resultat|desempeno|desempenho))?\s*:"
                           r"\s*(?P<text>.*)$", re.IGNORECASE)
LEAD_RE = re.compile(r"^(lead(?: institutions?| agenc(?:y|ies))?|responsible(?: institutions?)?|responsables?|"
                     r"institutions? responsables?|entidad(?:es)? responsables?|responsaveis|responsavel)\s*:\s*"
                     r"(?P<text>.+)$", re.IGNORECASE)
PARTNERS_RE = re.compile(r"(?:^|[;.]\s*)(partners|supporting institutions|partenaires|socios|aliados|parceiros)\s*:\s*"
                         r"(?P<text>.+)$", re.IGNORECASE)
TIMELINE_RE = re.compile(r"^(timeline|timeframe|period|calendrier|periode|plazo|cronograma|prazo)\s*:\s*(?P<text>.+)$",
                         re.IGNORECASE)
ITEM_RE = re.compile(r"^(?P<code>\d{1,2}(?:\.\d{1,2}){0,3})[.)]?\s+(?P<text>[^\d\s].*)$|"
                     r"^(?P<letter>[a-z])\)\s+(?P<ltext>.+)$")
DOT_LEADER = re.compile(r"(\.\s*){4,}\s*\d+\s*$|…{2,}")
TOC_TITLE = re.compile(r"^(table of contents|contents|table des matieres|sommaire|indice|sumario|contenido|"
                       r"indice general)\b")
# A contents line without leaders: a title, then its page number ("Moyens de mise en œuvre 78").
PAGE_REF = re.compile(r"\D\s\d{1,3}$")


def has_dot_leader(line: str) -> bool:
    """``DOT_LEADER.search``, after a count in C that rules out most lines: a leader needs four
    dots or two ellipses, and the pattern is slow on a line of prose."""
    return (line.count(".") >= 4 or "……" in line) and DOT_LEADER.search(line) is not None


def is_toc_page(page: PageLayout) -> bool:
    lines = page.text().splitlines()
    if any(TOC_TITLE.match(fold(ln)) for ln in lines[:5]):
        return True
    if sum(1 for ln in lines if has_dot_leader(ln)) >= 3:
        return True
    # Contents set without leaders: most lines end with a page number.
    return len(lines) >= 8 and sum(1 for ln in lines if PAGE_REF.search(ln.strip())) >= 0.6 * len(lines)


@dataclass
class _Block:
    """One logical line: an item or heading with its continuation lines."""

    kind: str  # pillar | goal | output | actions | indicators | lead | partners | timeline | item | text
    text: str
    page: int
    lines: list[Line]
    code: str | None = None
    label: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (min(ln.x0 for ln in self.lines), min(ln.top for ln in self.lines),
                max(ln.x1 for ln in self.lines), max(ln.bottom for ln in self.lines))




def _classify_line(text: str) -> tuple[str, dict]:
    t = BULLET_RE.sub("", text).strip()
    f = fold_same_length(t)
    # Match on the folded text (accents removed), return groups from the text as written.
    for kind, rx in (("indicators", INDICATORS_RE), ("lead", LEAD_RE), ("timeline", TIMELINE_RE)):
        m = rx.match(f)
        if m:
            return kind, {"text": t[m.start("text"):].strip()}
    m = PARTNERS_RE.match(f)
    if m and m.start() == 0:
        return "partners", {"text": t[m.start("text"):].strip()}
    if ACTIONS_RE.match(f):
        return "actions", {}
    m = PILLAR_RE.match(f)
    if m and len(t) <= 90:
        return "pillar", {"code": m.group("code"), "label": t[: m.end("label")], "name": t[m.start("name"):].strip()}
    m = GOAL_RE.match(f)
    if m:
        return "goal", {"code": m.group("code"), "label": t[: m.end("label")], "text": t[m.start("text"):].strip()}
    m = OUTPUT_RE.match(f)
    if m:
        return "output", {"code": m.group("code"), "label": t[: m.end("label")], "text": t[m.start("text"):].strip()}
    if BULLET_RE.match(text):
        return "item", {"code": None, "text": t}
    m = ITEM_RE.match(t)
    if m:
        if m.group("code"):
            return "item", {"code": m.group("code"), "text": m.group("text").strip()}
        return "item", {"code": None, "text": m.group("ltext").strip()}
    return "text", {"text": t}


# A section number at a heading's start: "3.4.2", "IV.2", "I.", "B." (its depth ranks the heading).
SECTION_NUMBER = re.compile(r"^(?:[0-9]{1,2}(?:\.[0-9]{1,2})*|[IVX]{1,5}(?:\.[0-9]{1,2})*|[A-H])[.)]?\s")
HEADING_MAX = 120  # characters: a longer line is prose, whatever its font


def _heading_rank(line: Line, text: str, body: float) -> tuple[float, bool, int] | None:
    """(size, bold, -depth) of a heading line, None for any other line. A heading is set apart
    from the body by its size, its weight or its capitals, is short and is not a list item;
    the rank orders headings: a heading closes the sections of headings ranked at or below it."""
    if len(text) > HEADING_MAX or BULLET_RE.match(text) or text.endswith((",", ";")):
        return None
    size = max(map(WORD_SIZE, line.words), default=body)
    letters = [c for c in text if c.isalpha()]
    # Capitals smaller than the body are a running header or a label, not a heading.
    capitals = len(letters) >= 4 and text.isupper() and len(text) <= 80 and size >= body - 0.5
    if size < body + 1 and not line.bold and not capitals:
        return None
    m = SECTION_NUMBER.match(text)
    # "3.4.2" is three deep; an unnumbered heading ranks with the "5." headings set like it.
    depth = len(re.findall(r"[0-9]+|[IVX]+|[A-H]", m.group())) if m else 1
    return (round(size * 2) / 2, line.bold, -depth)


def _continues_over_page(b: _Block, line: Line, text: str) -> bool:
    """The first line of a page carries on the list item that ended the page before: set where
    the item's text runs (right of its marker) and in its size, and either lower case or after an
    item that has not ended its sentence."""
    if b.kind != "item" or BULLET_RE.match(text) or ITEM_RE.match(text):
        return False
    start = b.lines[1].x0 if len(b.lines) > 1 else b.lines[0].x0 + 4
    aligned = abs(line.x0 - start) <= 3 if len(b.lines) > 1 else line.x0 >= start
    # Set in the item's size: a footnote left at the foot of the page is not continued by the body text.
    same_size = abs(max(map(WORD_SIZE, line.words), default=0.0) - max(map(WORD_SIZE, b.lines[-1].words),
                                                                          default=0.0)) < 0.5
    return aligned and same_size and (text[:1].islower()
                                      or not b.text.rstrip().endswith((".", ";", ":", "!", "?")))


def _wraps(prev: Line, line: Line, text: str) -> bool:
    """``line`` is the next line of the same item as ``prev``: right under it, aligned with it, no marker."""
    size = max(map(WORD_SIZE, line.words), default=10.0)
    return (line.top - prev.bottom < 0.9 * size and abs(line.x0 - prev.x0) <= 3
            and not BULLET_RE.match(text) and not ITEM_RE.match(text))


def _blocks(pages: list[PageLayout], body: float = 0.0) -> list[_Block]:
    blocks: list[_Block] = []
    for page in pages:
        if is_toc_page(page) or is_list_page(page):
            continue
        prev: Line | None = None
        # The block that ended the page before (pages skipped above break it off).
        last_of_page = blocks[-1] if blocks and blocks[-1].page == page.number - 1 else None
        for line in page_lines(page):
            text = line.text.strip()
            if not text or has_dot_leader(text):
                prev = None
                continue
            if last_of_page is not None and (
                    _continues_over_page(last_of_page, line, text) if prev is None else _wraps(prev, line, text)):
                # An item broken by the page break is one record, on the page where it starts (its
                # box stays there).
                last_of_page.text = _join(last_of_page.text, text)
                last_of_page.extra["text"] = _join(last_of_page.extra["text"], text)
                prev = line
                continue
            last_of_page = None
            kind, info = _classify_line(text)
            size = max(map(WORD_SIZE, line.words), default=10.0)
            gap = line.top - prev.bottom if prev is not None else 1e9
            rank = _heading_rank(line, text, body) if body else None
            if (rank is not None and prev is not None and gap < 0.9 * size and prev.bold == line.bold
                    and abs(max(map(WORD_SIZE, prev.words), default=size) - size) < 0.5 and blocks
                    and blocks[-1].kind not in ("heading", "pillar", "actions")):
                rank = None  # set like the line above and right under it: that line's second line
            info["rank"] = rank
            info["bulleted"] = BULLET_RE.match(text) is not None
            if kind in ("text", "item") and rank is not None:
                if (blocks and blocks[-1].kind == "heading" and prev is not None and gap < 0.9 * size
                        and blocks[-1].page == page.number and blocks[-1].extra["rank"][:2] == rank[:2]):
                    # A heading set on several lines ("AXE STRATEGIQUE 2 : METTRE EN / ŒUVRE ...").
                    b = blocks[-1]
                    b.text = _join(b.text, text)
                    b.extra["section"] = section_kind(b.text)
                    b.lines.append(line)
                    if len(b.text) > HEADING_MAX:
                        # Too long for a heading: a paragraph set larger or bolder than the body.
                        b.kind, b.extra = "text", {"text": b.text, "rank": None, "bulleted": False}
                    prev = line
                    continue
                kind, info = "heading", {"rank": rank, "section": section_kind(text), "bulleted": False}
            elif kind == "pillar" and info["bulleted"]:
                # "• pilier 3 : assurer ..." in a list is an item of that list, not a pillar heading.
                kind, info = "item", {"code": None, "text": BULLET_RE.sub("", text).strip(), "rank": rank,
                                      "bulleted": True}
            if (kind == "text" and blocks and prev is not None and gap < 0.9 * size
                    and blocks[-1].page == page.number and blocks[-1].kind not in ("pillar", "actions", "heading")):
                # A wrapped line continues the item or heading above it.
                b = blocks[-1]
                b.text = _join(b.text, text)
                if "text" in b.extra:
                    b.extra["text"] = _join(b.extra["text"], text)
                b.lines.append(line)
            else:
                blocks.append(_Block(kind, text, page.number, [line], info.get("code"), info.get("label"), info))
            prev = line
    return blocks


def _join(left: str, right: str) -> str:
    if left.endswith("-") and right[:1].islower() and not left.endswith(" -"):
        return left[:-1] + right
    return f"{left} {right}"


def _pillar_record(b: _Block) -> Pillar:
    return Pillar(code=b.extra.get("code"), name=b.extra["name"].strip(" :.-"), text=b.text, page=b.page,
                  bbox=b.bbox, method="narrative", confidence=CONFIDENCE)


def _prov(b: _Block) -> dict:
    return {"page": b.page, "bbox": b.bbox, "method": "narrative", "confidence": CONFIDENCE}


def _indicators(text: str, b: _Block) -> list[Indicator]:
    parts = [p.strip(" ;.") for p in re.split(r";", text) if p.strip(" ;.")]
    return [Indicator(text=p if p.endswith(".") else p, unit=indicator_unit(p), disaggregation=disaggregation(p),
                      **_prov(b)) for p in parts]


@dataclass
class _Section:
    """A heading in force: its rank, what its words say of the section (``section_kind``; under a
    section that is not plan content, "excluded" when it says nothing) and whether it is a pillar
    heading (its pillar ends with it)."""

    rank: tuple[float, bool, int]
    kind: str | None
    pillar: bool = False


def _open_section(stack: list[_Section], rank: tuple[float, bool, int], own: str | None,
                  pillar: bool = False) -> _Section:
    """Close the sections of headings ranked at or below ``rank`` and open this one; a heading that
    says nothing is "excluded" under context, methodology ..., and None elsewhere."""
    while stack and stack[-1].rank <= rank:
        stack.pop()
    parent = stack[-1].kind if stack else None
    # Only exclusion is inherited: a sub-heading of a plan chapter still has to name what its list is.
    kind = own if own is not None else ("excluded" if parent == "excluded" else None)
    section = _Section(rank, kind, pillar)
    stack.append(section)
    return section


def _item_level(section: str | None, fresh: bool, lead: str | None) -> str | None:
    """The level a list item stands at under this section and lead-in line, None when the list is
    not plan content. A lead-in ("Les documents consultés incluent :") decides for its own list,
    except under a section that is not plan content; a heading decides for the list that follows
    it before any paragraph of prose (``fresh``)."""
    if section == "excluded" or lead == "excluded":
        return None
    if lead is not None:
        return lead
    return section if fresh and section in ("goal", "output", "activity") else None


def extract_narrative(pages: list[PageLayout], acronyms: dict[str, str] | None = None
                      ) -> tuple[list[Pillar], list[Goal]]:
    """Pillars and goals stated in prose on these pages (``method="narrative"``).

    Only sections that set out the plan are read: a list counts under a heading (or a lead-in line
    ending in ":") whose words name objectives, actions, results, axes, programmes ..., or under a
    pillar / objective / actions label; never under context, methodology, references, statistics
    or lessons. A heading closes the placeholders opened above it, so that a null goal or output
    holds the items of one section only."""
    acronyms = acronyms or {}
    pillars: list[Pillar] = []
    goals: list[Goal] = []
    pillar_text: str | None = None
    goal: Goal | None = None
    goal_rank: tuple[float, bool, int] | None = None  # the rank of a stated goal's line
    output: Output | None = None
    target: str = "goal"  # which record "Indicators:" / "Lead:" lines belong to
    in_actions = False
    in_indicators: list[Indicator] | None = None
    last_activity: Activity | None = None
    found_any = False
    stack: list[_Section] = []
    lead: str | None = None  # what the lead-in line above the current list says
    fresh = False  # no paragraph of prose since the last heading
    named_by: str | None = None  # the heading or lead-in line that named the current list

    def ensure_goal(b: _Block) -> Goal:
        nonlocal goal
        if goal is None:
            goal = Goal(code=None, text=None, pillar=pillar_text, **_prov(b))
            goals.append(goal)
        return goal

    def ensure_output(b: _Block) -> Output:
        nonlocal output
        g = ensure_goal(b)
        if output is None:
            output = Output(code=None, text=None, **_prov(b))
            g.outputs.append(output)
        return output

    def holder() -> Goal | Output | None:
        if target == "output" and output is not None and output.text is not None:
            return output
        return goal

    def section() -> str | None:
        return stack[-1].kind if stack else None

    for b in _blocks(pages, body_size(pages)):
        rank = b.extra.get("rank") or (0.0, False, 0)
        if b.kind in ("heading", "pillar"):
            opened = _open_section(stack, rank, b.extra["section"] if b.kind == "heading" else "content",
                                   pillar=b.kind == "pillar")
            if pillar_text is not None and not any(s.pillar for s in stack[:-1] if s is not opened):
                pillar_text = None
            if goal is not None and (goal.text is None or goal_rank is None or rank >= goal_rank):
                goal = None  # a placeholder never spans sections; a stated goal ends at its own rank
            output, in_actions, in_indicators, last_activity, lead = None, False, None, None, None
            target, fresh, named_by = "goal", True, b.text
            if b.kind == "heading" or opened.kind == "excluded":
                continue
        if section() == "excluded" and b.kind != "text":
            continue
        if b.kind == "pillar":
            pillars.append(_pillar_record(b))
            pillar_text = b.text
            found_any = True
        elif b.kind == "goal":
            goal = Goal(code=b.code, text=b.extra["text"], level_name=b.label, pillar=pillar_text, **_prov(b))
            goal_rank = rank
            goals.append(goal)
            output, in_actions, in_indicators, last_activity, lead = None, False, None, None, None
            target = "goal"
            found_any = True
        elif b.kind == "output" and (goal is not None or pillar_text is not None):
            g = ensure_goal(b)
            output = Output(code=b.code, text=b.extra["text"], level_name=b.label, **_prov(b))
            g.outputs.append(output)
            in_actions, in_indicators, last_activity = False, None, None
            target = "output"
        elif b.kind == "actions" and found_any:
            in_actions, in_indicators = True, None
        elif b.kind == "indicators" and found_any:
            h = holder()
            if h is None:
                continue
            inline = b.extra.get("text", "")
            new = _indicators(inline, b) if inline else []
            h.indicators.extend(new)
            in_indicators = h.indicators
            in_actions = False
        elif b.kind in ("lead", "partners") and found_any:
            h = holder()
            if h is None:
                continue
            text = b.extra["text"]
            lead_text, partner_text = (text, None) if b.kind == "lead" else (None, text)
            if b.kind == "lead":
                m = PARTNERS_RE.search(fold_same_length(text))
                if m:
                    lead_text, partner_text = text[: m.start()].strip(" ;."), text[m.start("text"):]
            if lead_text:
                h.institutions.extend(_insts(lead_text, "lead", acronyms, h.institutions))
            if partner_text:
                h.institutions.extend(_insts(partner_text, "partner", acronyms, h.institutions))
            in_indicators = None
        elif b.kind == "timeline" and last_activity is not None:
            last_activity.timeline = b.extra["text"]
            last_activity.years = years_in(b.extra["text"])
        elif b.kind == "item":
            level = _item_level(section(), fresh, lead)
            if in_indicators is not None:
                in_indicators.append(Indicator(text=b.extra["text"], unit=indicator_unit(b.extra["text"]),
                                               disaggregation=disaggregation(b.extra["text"]), **_prov(b)))
            elif lead != "excluded" and (in_actions or (pillar_text is not None and (goal is None or goal.text is None))
                                         or (goal is not None and b.code and _under(b.code, goal, output))):
                o = ensure_output(b)
                last_activity = Activity(code=b.code, text=b.extra["text"], level_name="Priority action"
                                         if in_actions else None, **_prov(b))
                o.activities.append(last_activity)
            elif level == "goal":
                goal = Goal(code=b.code, text=b.extra["text"], level_name=_level_name(named_by),
                            pillar=pillar_text, **_prov(b))
                goal_rank, output, last_activity = None, None, None
                goals.append(goal)
            elif level == "output":
                output = Output(code=b.code, text=b.extra["text"], level_name=_level_name(named_by), **_prov(b))
                ensure_goal(b).outputs.append(output)
            elif level == "activity":
                last_activity = Activity(code=b.code, text=b.extra["text"], **_prov(b))
                ensure_output(b).activities.append(last_activity)
        elif b.kind == "text":
            if b.text.rstrip().endswith(":") and len(b.text) <= 250:
                # A lead-in line: it says what the list under it is.
                # A short lead-in names the level ("Objectifs spécifiques :"); a sentence does not.
                lead, named_by = section_kind(b.text, lead_in=True), b.text if len(b.text.split()) <= 5 else None
            elif len(b.text) > 60:
                # Prose ends a list of actions or indicators only when it is a new paragraph.
                in_actions, in_indicators, lead, fresh = False, None, None, False
    goals = [g for g in goals if g.text or g.outputs]
    return pillars, goals


def _level_name(heading: str | None) -> str | None:
    """The plan's name for a list's level, from the heading or lead-in that named the list
    ("7.2 Objectives" -> "Objectives"); None when that line is a sentence rather than a name."""
    if not heading:
        return None
    name = SECTION_NUMBER.sub("", heading).strip(" :.-–—")
    return name if 0 < len(name) <= 60 else None


def _under(code: str, goal: Goal, output: Output | None) -> bool:
    """Numbering that continues its parent's ("1.1.2" under output "1.1")."""
    parent = output.code if output is not None and output.code else goal.code
    return bool(parent) and code.startswith(parent + ".")


def _insts(text: str, role: str, acronyms: dict[str, str], existing: list[Institution]) -> list[Institution]:
    have = {i.name.lower() for i in existing}
    return [i for i in institutions_from_cell(text, role, acronyms) if i.name.lower() not in have]


# ---- classification ------------------------------------------------------------------------------

BANNER_WEIGHT = 2.0  # a pillar banner says which pillar; it says less about the RPA outcome
BANNER_RPA_WEIGHT = 0.5


def wps_categories_of(text: str | None, banner: str | None = None) -> Classification | None:
    """Pillar and RPA outcome of a goal or output text (and the pillar banner above it), each with a
    score (the deciding category's share of the matched words) and the words that decided it."""
    if not text and not banner:
        return None

    def best(categories: tuple[tax.Category, ...], banner_weight: float) -> tuple[str | None, float, list[str]]:
        weights: dict[str, float] = {}
        words: dict[str, list[str]] = {}
        for c, w in tax.categories_in(text, categories):
            # A phrase ("violences basées sur le genre") is better evidence than one word ("protection").
            weights[c.id] = weights.get(c.id, 0.0) + sum(min(3, len(x.split())) for x in w)
            words.setdefault(c.id, []).extend(w)
        if banner:
            for c, w in tax.categories_in(banner, categories)[:1]:
                weights[c.id] = weights.get(c.id, 0.0) + banner_weight
                words.setdefault(c.id, []).extend(x for x in w if x not in words.get(c.id, []))
        if not weights:
            return None, 0.0, []
        order = {c.id: i for i, c in enumerate(categories)}
        cid = max(weights, key=lambda k: (weights[k], -order[k]))
        return cid, round(weights[cid] / sum(weights.values()), 2), words[cid]

    pillar, pscore, pwords = best(tax.ALL_PILLARS, BANNER_WEIGHT)
    rpa, rscore, rwords = best(tax.RPA_OUTCOMES, BANNER_RPA_WEIGHT)
    if pillar is None and rpa is None:
        return None
    evidence = list(dict.fromkeys(pwords + rwords))
    return Classification(pillar=pillar, pillar_score=pscore, rpa_outcome=rpa, rpa_score=rscore, evidence=evidence)


def tag_wps_categories(goals: list[Goal]) -> None:
    """Set ``classification`` on every goal and output (in place)."""
    for g in goals:
        g.classification = wps_categories_of(g.text, g.pillar)
        for o in g.outputs:
            o.classification = wps_categories_of(o.text, g.pillar) or (
                g.classification if o.text is None else None)


def dedupe_against(narrative: list[Goal], existing: list[Goal]) -> list[Goal]:
    """Narrative goals whose text is not already a table's goal, output or activity."""
    from rapidfuzz import fuzz

    seen = [fold(t) for g in existing for t in
            [g.text, *[o.text for o in g.outputs], *[a.text for o in g.outputs for a in o.activities]] if t]
    kept = []
    for g in narrative:
        texts = [g.text] if g.text else [a.text for o in g.outputs for a in o.activities if a.text]
        if texts and all(any(fuzz.ratio(fold(t), s) >= 90 for s in seen) for t in texts):
            continue
        kept.append(g)
    return kept


class NarrativeStrategy:
    """Goals, outputs and actions stated in prose (headings and numbered items under them)."""

    method = "narrative"

    def extract(self, pages: list[PageLayout], context: Context) -> Extraction:
        pillars, goals = extract_narrative(pages, context.acronyms)
        return Extraction(pillars=pillars, goals=goals)
