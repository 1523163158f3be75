"""Roles of card parts whose labels naplog does not know, decided over the whole document.

A plan that lays its framework out as cards prints the same labels on every card ("Objective",
"Expected results", "Activities", "Lead", "Partners" ... or words naplog never met). One card's part
says little about its role ("Gender desks operate in every regional police command" alone could be
a body's name); the same label's values over all the cards say more, as a table's column does. So a
part whose label is unknown (``Part.guessed``) takes the role its label's values take together:

- values that are mostly bodies, periods, amounts or measurements: the responsible institutions,
  the timeframe, the budget, the indicators. Of two labels of bodies on a card, the first names who
  leads and the next the partners (as the columns of a table do);
- values that are statements (actions, results, a level's name): the card's content. The first of
  them on each card, one unmarked statement per card with more content below it, is the card's
  objective; the others are its actions when they are mostly verb-first, its results otherwise.

Parts whose label naplog knows keep their role, and rank among the others by where they stand.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Protocol

from extractors.cells import clean, split_items, starts_item
from extractors.content_roles import cell_kind
from pipeline.text.fold import fold

if TYPE_CHECKING:
    from pipeline.pdf.model import Line

# A statement is what a card states (its objective, results, actions); the rest describe it.
STATEMENT = "statement"
_CLASS_OF_KIND = {"action": STATEMENT, "result": STATEMENT, "level:goal": STATEMENT, "level:output": STATEMENT,
                  "level:activity": STATEMENT, "institution": "institution", "time": "time", "amount": "amount",
                  "measure": "measure"}
_ROLE_OF_CLASS = {"institution": "lead", "time": "timeline", "amount": "budget", "measure": "indicator"}
_CONTENT = frozenset({"goal", "output", "activity", "indicator"})


class _Part(Protocol):
    role: str
    label: str
    lines: list[Line]
    guessed: bool
    rows: list


class _Card(Protocol):
    parts: list  # list[_Part]


def _items(part: _Part) -> list[str]:
    return [it.text for it in split_items(part.lines) if it.text] if part.lines else []


def _label_class(parts: list[_Part]) -> tuple[str | None, Counter]:
    """What one label's values are over all its cards: the class most items share (a tie between
    statements and anything else goes to statements: who, when and how much are printed alike on
    every card, so a label whose values disagree names content), and the kinds of its statements."""
    classes: Counter = Counter()
    statements: Counter = Counter()
    for part in parts:
        for text in _items(part):
            kind = cell_kind(text)
            cls = _CLASS_OF_KIND.get(kind)
            if cls is None:
                continue
            classes[cls] += 1
            if cls == STATEMENT:
                statements[kind] += 1
    if not classes:
        return None, statements
    ranked = classes.most_common()
    best = ranked[0][1]
    tied = [c for c, n in ranked if n == best]
    if len(tied) > 1:
        return (STATEMENT if STATEMENT in tied else None), statements
    return ranked[0][0], statements


def _one_statement(part: _Part) -> bool:
    """A single unmarked statement, as a card's objective is printed (results and actions are lists)."""
    items = _items(part)
    return len(items) == 1 and not starts_item(clean(part.lines[0].text))


def settle_unknown_labels(cards: list[_Card]) -> None:
    """Give each part with an unknown label the role its label's values take over all the cards."""
    by_label: dict[str, list[_Part]] = {}
    for card in cards:
        for part in card.parts:
            # A label is a heading: a line opening in lower case ("du projet") is the rest of the
            # label above, not a label of its own.
            if part.guessed and part.lines and part.label[:1].isupper():
                by_label.setdefault(fold(part.label), []).append(part)
    if not by_label:
        return
    kinds = {label: _label_class(parts) for label, parts in by_label.items()}
    classes = {label: cls for label, (cls, _) in kinds.items()}
    objective = {label for label, parts in by_label.items()
                 if classes[label] == STATEMENT and all(_one_statement(p) for p in parts)
                 and all(_first_content(card, label, classes) for card in cards if _holds(card, label))}
    # Each label's items over all the cards, by kind.
    values = {label: Counter(cell_kind(t) for p in parts for t in _items(p)) for label, parts in by_label.items()}
    for card in cards:
        _settle_card(card, classes, kinds, objective)
        _levels_down_the_card(card, values)


def _holds(card: _Card, label: str) -> bool:
    return any(p.guessed and p.lines and fold(p.label) == label for p in card.parts)


def _first_content(card: _Card, label: str, classes: dict[str, str | None]) -> bool:
    """The label's part is the card's first content and more content follows it."""
    seen_self = False
    for part in card.parts:
        own = fold(part.label) if part.guessed else None
        content = (part.role in _CONTENT or (part.role == "table" and bool(part.rows))) if not part.guessed \
            else classes.get(own or "") in (STATEMENT, "measure")
        if own == label and part.lines:
            seen_self = True
        elif content:
            if not seen_self:
                return False
            return True
    return False


def _settle_card(card: _Card, classes: dict[str, str | None], kinds: dict[str, tuple[str | None, Counter]],
                 objective: set[str]) -> None:
    bodies = 0  # parts of bodies met so far on this card: the first leads
    actions_seen = False
    for part in card.parts:
        label = fold(part.label)
        if not part.guessed or not part.lines or label not in classes:
            bodies += part.role in ("lead", "partner")
            actions_seen = actions_seen or part.role == "activity"
            continue
        cls = classes[label]
        if cls == "institution":
            part.role = "lead" if bodies == 0 else "partner"
            bodies += 1
        elif cls in _ROLE_OF_CLASS:
            part.role = _ROLE_OF_CLASS[cls]
        elif cls == STATEMENT:
            part.role = _statement_role(label, kinds[label][1], objective, actions_seen)
            actions_seen = actions_seen or part.role == "activity"


def _levels_down_the_card(card: _Card, values: dict[str, Counter]) -> None:
    """Two parts of actions on one card, the first with a label naplog does not know: a card states
    its levels top down, so the first list is what the actions below serve, its results ("Axes
    stratégiques" over "Mesures"), as a column of statements left of the actions is."""
    if any(p.role == "output" for p in card.parts):
        return
    parts = [p for p in card.parts if p.lines or p.rows]
    for first, below in zip(parts, parts[1:]):
        # (Directly over actions that name themselves so, over all the cards: a list below an
        # indicator, "Initiatives | Indicator | Outcomes", is no level under the first.)
        actions = (below.role == "table" and bool(below.rows)) or (below.role == "activity" and (
            not below.guessed or _mostly_actions(values.get(fold(below.label), Counter()))))
        if first.role == "activity" and first.guessed and actions:
            first.role = "output"
            return


def _mostly_actions(kinds: Counter) -> bool:
    """Three items in four at least name themselves actions ("Mesure 10.1. ...", "Action 2.3: ..."):
    two lists of plain actions one over the other are as often two groups of actions alike
    ("Actions à court terme", "Actions à moyen terme")."""
    # (Lines that read as nothing, "Il s'agit de ...", explain the items and do not vote.)
    return kinds["level:activity"] >= 0.75 * (sum(kinds.values()) - kinds["text"]) > 0


def _statement_role(label: str, statements: Counter, objective: set[str], actions_seen: bool) -> str:
    if label in objective:
        return "goal"
    named = [k.split(":", 1)[1] for k in statements if k.startswith("level:")]
    if named and sum(statements[f"level:{n}"] for n in named) * 2 > sum(statements.values()):
        return Counter({n: statements[f"level:{n}"] for n in named}).most_common(1)[0][0]
    if statements["action"] > statements["result"]:
        return "activity"
    if statements["result"] > statements["action"]:
        return "output"
    return "activity" if actions_seen else "output"  # below a card's actions come more actions
