"""The folds of pipeline.text.fold: the one stored keys depend on is pinned, the others agree with
what their users relied on before they were gathered in one module."""

from __future__ import annotations

import pytest

from pipeline.store.keys import text_hash
from pipeline.text.fold import (
    fold,
    fold_same_length,
    fold_with_positions,
    keyword_fold,
    record_key_fold,
)

# Record keys are stored and written into analysts' workbooks (pipeline/store/keys.py): these are
# the values naplog has always given. A change of record_key_fold would orphan every correction.
PINNED = [
    ("Ministère de la Promotion de la Femme", "ministere de la promotion de la femme", "4eff6ec1"),
    ("# and % of women in   Parliament", "# and % of women in parliament", "060d45c0"),
    ("STRAßE Ελληνικά", "strasse ελληνικα", "dda79937"),
    ("Œuvre d’art", "œuvre d’art", "6a7196cd"),
    ("Ñandú (año 2025)", "nandu (ano 2025)", "76343529"),
    ("", "", "da39a3ee"),
]


@pytest.mark.parametrize(("text", "folded", "digest"), PINNED)
def test_the_record_key_fold_never_changes(text, folded, digest):
    assert record_key_fold(text) == folded
    assert text_hash(text) == digest


def test_each_purpose_folds_as_its_users_need():
    # Header words: "œ" and "’" are spelled as the vocabularies spell them.
    assert fold("Œuvre  d’ART") == "oeuvre d'art"
    # WPS keywords: casefold (ß is ss), like the record keys.
    assert keyword_fold("STRAßE") == "strasse" == record_key_fold("STRAßE")
    # Positions kept: one character for each character.
    text = "Égalité des sexes – RÉSULTATS"
    assert fold_same_length(text) == "egalite des sexes – resultats" and len(fold_same_length(text)) == len(text)
    folded, idx = fold_with_positions("  Comité  de pilotage ")
    assert folded.strip() == keyword_fold("  Comité  de pilotage ")
    assert "  Comité  de pilotage "[idx[folded.index("pilotage")]:].startswith("pilotage")
