"""The English lexicon content roles read (extractors/lexicon.py) says what lemminflect says."""

from __future__ import annotations

import gzip

import pytest

from extractors import content_roles
from extractors.lexicon import LEXICON_FILE, derive, english_word, entries, only_a_verb, past_participle

lemminflect = pytest.importorskip("lemminflect")  # a development dependency: it builds the file


def test_the_shipped_file_is_what_lemminflect_gives() -> None:
    shipped = gzip.open(LEXICON_FILE, "rt", encoding="utf-8").read().splitlines()
    assert shipped == entries(), "rebuild it: python -m extractors.lexicon build"


@pytest.mark.parametrize("word", ["Opened", "OPENED", "Deploy", "EQUIP", "Water", "Gender", "Built", "Put",
                                  "Renforcer", "Established", "Trained"])
def test_a_capitalised_word_is_answered_as_lemminflect_answers_it(word: str) -> None:
    """The file holds lower-case words; lemminflect lower-cases a word to look it up and gives its
    lemmas back in the word's capitals, so the answers are the same."""
    facts = derive(word) or (False, False, False)
    assert (english_word(word), only_a_verb(word), past_participle(word)) == facts


def test_content_roles_ask_the_lexicon() -> None:
    assert content_roles._only_a_verb("Deploy") and not content_roles._only_a_verb("Water")
    assert content_roles._past_participle("deployed") and not content_roles._past_participle("deploy")
    assert content_roles._english_word("border") and not content_roles._english_word("renforcer")
