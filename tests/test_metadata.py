"""What a cover says about a document: the country it names first."""

from __future__ import annotations

import random
import re

import pytest

from extractors.metadata import COUNTRIES, REPUBLIC_OF, detect_country, fold


def plain_country(front_text: str) -> str | None:
    """The rule written plainly: every known name's matches, the earliest, then the longest; else
    the name in "Republic of X"."""
    folded = fold(front_text)
    hits = []
    for key, name in COUNTRIES.items():
        for m in re.finditer(r"(?<![a-z])" + re.escape(key) + r"(?![a-z])", folded):
            hits.append((m.start(), -len(key), name))
    if hits:
        return min(hits)[2]
    m = REPUBLIC_OF.search(front_text)
    if m is None:
        return None
    name = " ".join(m.group("name").split())
    return name.title() if name.isupper() else name


@pytest.mark.parametrize("text,country", [
    ("National Action Plan of the Democratic Republic of the Congo 2019-2022", "Democratic Republic of the Congo"),
    ("Plan d'action national de la République Démocratique du Congo", "Democratic Republic of the Congo"),
    ("TIMOR-LESTE National Action Plan", "Timor-Leste"),
    ("Plan for the Republic of Nowhere", "Nowhere"),
    ("A plan for peace", None),
])
def test_the_country_named_first(text: str, country: str | None):
    assert detect_country(text) == country == plain_country(text)


def test_the_country_is_the_one_the_plain_rule_finds():
    """On covers made of known names (some inside others: "congo" in "democratic republic of the
    congo", "niger" in "nigeria"), cut, glued to letters or not, in any order."""
    keys = sorted(COUNTRIES)
    glue = [" ", "", "-", " and ", "s ", ", the ", "x"]
    rng = random.Random(5)
    for _ in range(1500):
        parts = []
        for _ in range(rng.randint(0, 4)):
            key = rng.choice(keys)
            if rng.random() < 0.2:
                key = key[rng.randint(0, len(key) - 1):]
            parts.append(key.title() if rng.random() < 0.5 else key)
            parts.append(rng.choice(glue))
        text = "".join(parts)
        assert detect_country(text) == plain_country(text), text
