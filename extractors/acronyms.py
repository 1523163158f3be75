"""A document's own acronym map: its list of abbreviations (sigles, acrónimos, siglas), usually a
two-column page, and "Long Form (ACR)" definitions in running text."""

from __future__ import annotations

import re

from pipeline.pdf.lines import page_lines, split_line_at_gaps
from pipeline.pdf.model import PageLayout
from pipeline.text.fold import fold

LIST_TITLE = re.compile(
    r"^(list of )?(acronyms|abbreviations|acronyms and abbreviations|abbreviations and acronyms|"
    r"sigles|sigles et abreviations|sigles et acronymes|liste des sigles|abreviations|acronymes|"
    r"acronimos|siglas|siglas y acronimos|abreviaturas|lista de siglas|lista de acronimos|"
    r"siglas e acronimos|glossary of acronyms)\b.*$"
)
ACRONYM_TOKEN = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z0-9&\-./']{0,14}$")
DEFINITION = re.compile(
    r"((?:[A-ZÀ-Ý][\w'’\-]+)(?:\s+(?:[A-ZÀ-Ý][\w'’\-]+|of|for|and|the|on|in|de|du|des|la|le|l'|et|pour|y|del|"
    r"para|da|do|dos|das|e)){1,12})\s+\(([A-Z][A-Za-z&]{1,11})\)"
)


def is_list_page(page: PageLayout) -> bool:
    head = [fold(line) for line in page.text().splitlines()[:6]]
    return any(LIST_TITLE.match(line) for line in head)


def acronyms_from_list(page: PageLayout, leading_only: bool = False) -> dict[str, str]:
    """Pairs from a two-column list: an acronym, a gap, its long form (which may wrap).
    ``leading_only``: the list continued at the top of the next page, without its title; reading stops
    at the first line that is no pair."""
    found: dict[str, str] = {}
    last: str | None = None
    lines = page_lines(page)
    sizes = sorted(w.size for w in page.words) or [10.0]
    gap = 1.2 * sizes[len(sizes) // 2]
    for line in lines:
        parts = split_line_at_gaps(line, gap)
        # Two-column pages may hold two pairs per line.
        i = 0
        matched = False
        while i + 1 < len(parts):
            acr, long_form = parts[i].text.strip(" :–-"), parts[i + 1].text.strip(" :–-")
            if ACRONYM_TOKEN.match(acr) and len(long_form) > len(acr) and not ACRONYM_TOKEN.match(long_form):
                found[acr] = long_form
                last = acr
                matched = True
                i += 2
            else:
                i += 1
        if not matched and last and len(parts) == 1 and parts[0].text[:1].islower():
            found[last] = f"{found[last]} {parts[0].text}"
        elif not matched and leading_only:
            break
    return found


def _initials_match(long_form: str, acronym: str) -> bool:
    initials = "".join(w[0] for w in re.findall(r"[\w’']+", long_form) if w[0].isupper())
    acr = re.sub(r"[^A-Z]", "", acronym)
    return bool(acr) and (acr in initials or initials.startswith(acr[:2]))


# How every DEFINITION ends: most pages have none, and DEFINITION tries each capitalised word.
_DEFINED = re.compile(r"\s\([A-Z][A-Za-z&]{1,11}\)")


def acronyms_in_text(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    if not _DEFINED.search(text):
        return found
    for m in DEFINITION.finditer(" ".join(text.split())):
        long_form, acr = m.group(1), m.group(2)
        words = long_form.split()
        # Keep the shortest tail of the phrase whose initials still cover the acronym.
        for start in range(len(words)):
            candidate = " ".join(words[start:])
            if _initials_match(candidate, acr) and candidate[0].isupper():
                long_form = candidate
        if _initials_match(long_form, acr):
            found.setdefault(acr, long_form)
    return found


def document_acronyms(pages: list[PageLayout]) -> dict[str, str]:
    result: dict[str, str] = {}
    listed: dict[str, str] = {}
    previous_listed = False
    for page in pages:
        if is_list_page(page):
            listed.update(acronyms_from_list(page))
            previous_listed = True
            continue
        if previous_listed:
            # A list continued on the next page, without its title.
            listed.update(acronyms_from_list(page, leading_only=True))
        previous_listed = False
        for acr, long_form in acronyms_in_text(page.text()).items():
            result.setdefault(acr, long_form)
    result.update(listed)  # the document's own list wins over guesses from running text
    return result
