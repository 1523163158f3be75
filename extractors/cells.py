"""Cell text: join wrapped lines, repair the text layer, split a cell into its items.

Repairs use only evidence from the document itself (its own vocabulary), so text is mended but
never invented: a hyphen at a line end is dropped only when the joined word is used elsewhere or
the first part is not a word; two fragments are joined only when the joined word is used elsewhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from pipeline.pdf.lines import median_height
from pipeline.pdf.model import LIGATURES, Line
from pipeline.text.vocabulary import BULLETS, SYMBOL_BULLETS, strip_level_label

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)

# Hierarchy codes: 1 / 1.1 / 1.1.2 / BI.8 / A2.1; and a capital letter with a dot ("A. Improvement of").
# "#3 Nombre de ..." numbers its item as "3 Nombre de ..." does.
CODE_RE = re.compile(
    r"^(?:#\s?)?(?P<code>(?:[A-Z]{1,3}\.?\d{1,2}|\d{1,2})(?:\.\d{1,2}){0,4}|[A-Z](?=\.))(?:\.|\)|:|\s-|\s–)?\s+(?=\S)"
)
LETTER_ITEM_RE = re.compile(r"^(?:\(?[a-z]\)|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)|(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\.|[a-z]\.)\s+",
                            re.IGNORECASE)
# "(cid:127)" is how pdfminer shows a bullet glyph that has no Unicode mapping.
BULLET_RE = re.compile(r"^(?:[" + re.escape(BULLETS) + SYMBOL_BULLETS + r"]|\(cid:\d+\))+\s*")
NEW_ITEM_START = re.compile(r"^[#A-ZÀ-ÖØ-Þ0-9«\"“%]")


class Vocabulary:
    """Word counts of one document, for deciding hyphenation and split-word repairs."""

    def __init__(self, texts: list[str] | None = None):
        self.counts: Counter[str] = Counter()
        for t in texts or []:
            self.add(t)

    def add(self, text: str) -> None:
        self.counts.update(map(str.lower, _WORD.findall(text)))

    def __contains__(self, word: str) -> bool:
        return self.counts.get(word.lower(), 0) > 0

    def count(self, word: str) -> int:
        return self.counts.get(word.lower(), 0)


EMPTY_VOCAB = Vocabulary()


def clean(text: str) -> str:
    for lig, rep in LIGATURES.items():
        text = text.replace(lig, rep)
    # Soft hyphens go before NFC: one between a letter and its accent ("e\u00ad\u0301") would
    # otherwise leave the pair uncomposed, a spelling of the word that no other occurrence has
    # (and clean() would not be idempotent: found by tests/test_fuzz.py).
    text = unicodedata.normalize("NFC", text.replace("\u00ad", ""))
    return " ".join(text.split())


def _join_pair(left: str, right: str, vocab: Vocabulary) -> str:
    """Join two wrapped lines, mending a word hyphenated across the break."""
    m = re.search(r"([^\W\d_]+)-$", left)
    n = re.match(r"([^\W\d_]+)", right)
    if m and n and right[0].islower():
        first, second = m.group(1), n.group(1)
        hyphenated, joined = f"{first}-{second}", first + second
        if vocab.count(hyphenated) > 0 and vocab.count(joined) == 0:
            return left + right
        if vocab.count(joined) > 0 or first.lower() not in vocab or len(first) <= 2:
            return left[:-1] + right
        return left + right
    if left.endswith("/") or right.startswith("/"):
        return left + right
    if re.search(r"[A-Za-z]-$", left) and right[:1].isupper():
        return left + right  # "CN-" / "Climat": a compound broken at its hyphen
    return f"{left} {right}"


def join_lines(lines: list[str], vocab: Vocabulary = EMPTY_VOCAB) -> str:
    text = ""
    for raw in lines:
        line = clean(raw)
        if not line:
            continue
        text = line if not text else _join_pair(text, line, vocab)
    return repair_split_words(text, vocab)


def repair_split_words(text: str, vocab: Vocabulary) -> str:
    """Join fragments a PDF's spacing split ("gover nance") when the document uses the whole word."""
    if not vocab.counts:
        return text
    tokens = text.split(" ")
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if i + 1 < len(tokens):
            a, b = tok, tokens[i + 1]
            a_core = re.sub(r"^\W+", "", a)
            b_core = re.sub(r"\W+$", "", b)
            if (
                a_core.isalpha() and b_core.isalpha() and b_core == b_core.lower()
                and vocab.count(a_core + b_core) >= 2
                and (vocab.count(a_core) <= 1 or vocab.count(b_core) <= 1)
            ):
                out.append(a + b)
                i += 2
                continue
        out.append(tok)
        i += 1
    return " ".join(out)


def strip_marker(text: str) -> tuple[str | None, str]:
    """Remove a leading bullet or item number; return (hierarchy code or None, rest)."""
    text = text.strip()
    text = BULLET_RE.sub("", text)
    m = CODE_RE.match(text)
    if m:
        return m.group("code"), text[m.end():].strip()
    m = LETTER_ITEM_RE.match(text)
    if m:
        return None, text[m.end():].strip()
    return None, text


def starts_item(line: str) -> bool:
    """A line that opens a new item: a bullet, a number, or a level's label ("Goal 2: ...")."""
    s = line.strip()
    if BULLET_RE.match(s) or CODE_RE.match(s) or LETTER_ITEM_RE.match(s):
        return True
    label, code, _rest = strip_level_label(s)
    return label is not None and code is not None


@dataclass
class Item:
    code: str | None
    text: str
    lines: list[Line]
    continued: bool = False  # starts on a later page than its row: no box on the row's page

    @property
    def bbox(self) -> tuple[float, float, float, float] | None:
        if self.continued or not self.lines:
            return None
        return (min(ln.x0 for ln in self.lines), min(ln.top for ln in self.lines),
                max(ln.x1 for ln in self.lines), max(ln.bottom for ln in self.lines))


def _heading(group: list[Line]) -> bool:
    """An item set in capitals ("3. FORMALISER LES MÉTIERS DES PÊCHEURS ..."): a heading, whose
    bullets below, indented or not, are items of their own under it, not parts of its sentence."""
    letters = [c for ln in group for c in ln.text if c.isalpha()]
    return len(letters) >= 12 and all(c.isupper() for c in letters)


def split_items(lines: list[Line], vocab: Vocabulary = EMPTY_VOCAB, *, sentences: bool = True,
                gaps: bool = True, gap_ratio: float = 0.55) -> list[Item]:
    """Split a cell's lines into items at bullets, numbering, paragraph gaps and (when
    ``sentences``) a capitalised line after a line ending a sentence. A sentence that merely
    wraps stays whole. Bullets indented under a first-level bullet are sub-items: they stay
    in their parent item ("Increase the canopy cover in: - irrigation reservoirs ...")."""
    groups: list[list[Line]] = []
    h = median_height(lines)
    top_marker_x: float | None = None  # where first-level bullets or numbers start
    sub_lines: set[int] = set()
    listing = False  # the current item ended its first line(s) with ":" and lists what it covers
    for ln in lines:
        text = clean(ln.text)
        if not text:
            continue
        marked = starts_item(text)
        if marked and groups and _bare_number_mid_sentence(text, clean(groups[-1][-1].text)):
            marked = False  # "... le PNA" / "2 (s'il est déjà prêt)": a number inside a sentence
        if listing and groups:
            gap_above = ln.top - groups[-1][-1].bottom
            if marked or gap_above <= gap_ratio * h:
                # A listed sub-item, or the wrapped rest of one: part of the item that lists them.
                if marked:
                    sub_lines.add(id(ln))
                groups[-1].append(ln)
                continue
            listing = False
        if marked and top_marker_x is None:
            top_marker_x = ln.x0
        if not groups:
            groups.append([ln])
            continue
        prev = groups[-1][-1]
        prev_text = clean(prev.text)
        gap = ln.top - prev.bottom
        if marked and top_marker_x is not None and ln.x0 > top_marker_x + 0.6 * h and not _heading(groups[-1]):
            sub_lines.add(id(ln))
            groups[-1].append(ln)
            continue
        new = marked
        if not new and gaps and gap > gap_ratio * h and id(prev) not in sub_lines:
            new = True
        if not new and sentences and prev_text.endswith((".", ";")) and NEW_ITEM_START.match(text) \
                and id(prev) not in sub_lines:
            new = True
        if not new and sentences and _ended_short(prev, prev_text, lines) and text[:1].isupper() \
                and id(prev) not in sub_lines:
            new = True  # "... have been developed" / "Rate of adoption ...": an item without a full stop
        if new:
            groups.append([ln])
        else:
            groups[-1].append(ln)
        listing = text.endswith(":") and not marked_only_label(text)
    items = []
    for g in groups:
        code, first = strip_marker(clean(g[0].text))
        rest = [strip_marker(clean(ln.text))[1] if id(ln) in sub_lines else ln.text for ln in g[1:]]
        text = join_lines([first] + rest, vocab)
        text = text.strip().rstrip(";,").strip()
        if text.endswith(":") and len(g) == 1 and not text[:-1].strip():
            continue
        if text or code:
            items.append(Item(code, text, g))
    return items


SENTENCE_GLUE = {"of", "and", "the", "to", "for", "in", "on", "by", "with", "a", "an", "or", "de", "du", "des",
                 "la", "le", "les", "et", "en", "pour", "par", "y", "el", "los", "las", "del", "da", "do", "e",
                 "em", "para", "com", "que", "à", "au", "aux"}


def _ended_short(prev: Line, prev_text: str, lines: list[Line]) -> bool:
    """The previous line stops well short of the cell's width and not on a word that needs more."""
    width = max(ln.x1 for ln in lines) - min(ln.x0 for ln in lines)
    last = prev_text.split()[-1].lower() if prev_text.split() else ""
    return width > 0 and (prev.x1 - prev.x0) < 0.45 * width and last not in SENTENCE_GLUE \
        and not prev_text.endswith((",", "-", "/", "(", ":"))


def _bare_number_mid_sentence(text: str, previous: str) -> bool:
    m = re.match(r"^(\d{1,2})\s", text)
    return bool(m) and not previous.endswith((".", ";", ":", "!", "?"))


def marked_only_label(text: str) -> bool:
    """A line that is only a label ending in ":" ("Indicateurs :") does not open a list of sub-items."""
    return len(text.split()) <= 2


def cell_text(lines: list[Line], vocab: Vocabulary = EMPTY_VOCAB) -> tuple[str | None, str]:
    """The whole cell as one text, with its leading code split off."""
    if not lines:
        return None, ""
    code, first = strip_marker(clean(lines[0].text))
    return code, join_lines([first] + [ln.text for ln in lines[1:]], vocab)
