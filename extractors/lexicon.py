"""An English lexicon with the three facts content roles ask of a word, read from a small file.

``extractors.content_roles`` asks whether a word is English at all ("gender" ends like a French
infinitive but is not), whether it can only be a verb in its base form ("equip", "deploy": a cell
opening with it is an action), and whether it is a past participle ("opened", "deployed": a result
stated as done). lemminflect's lexicon answers all three, but loading its tables takes about 0.9 s
of CPU in every process that asks (a one-file ``naplog ingest``, each worker of a batch), for 70,000
entries of which these three facts use a few bits. ``extractors/data/english_lexicon.txt.gz``
keeps just those facts, derived from lemminflect 0.2.3's tables (MIT licence; its data come from
the AGID and SPECIALIST lexicons) by ``python -m extractors.lexicon build``, and loads in a few
hundredths of a second. ``tests/test_lexicon.py`` checks the file against lemminflect itself.

A line is ``word`` or ``word<TAB>flags``: ``v`` only a verb in its base form, ``p`` a past participle.
Words are lower case; a lookup lower-cases the word as lemminflect does.
"""

from __future__ import annotations

import gzip
import sys
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

LEXICON_FILE = Path(__file__).with_name("data") / "english_lexicon.txt.gz"
ONLY_VERB, PARTICIPLE = "v", "p"


class Lexicon(NamedTuple):
    words: frozenset[str]
    only_verbs: frozenset[str]
    participles: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    words: set[str] = set()
    only_verbs: set[str] = set()
    participles: set[str] = set()
    with gzip.open(LEXICON_FILE, "rt", encoding="utf-8") as fh:
        for line in fh.read().splitlines():
            word, _, flags = line.partition("\t")
            words.add(word)
            if ONLY_VERB in flags:
                only_verbs.add(word)
            if PARTICIPLE in flags:
                participles.add(word)
    return Lexicon(frozenset(words), frozenset(only_verbs), frozenset(participles))


def english_word(word: str) -> bool:
    """Any entry of the English lexicon, whatever its part of speech."""
    return word.lower() in lexicon().words


def only_a_verb(word: str) -> bool:
    """A verb in its base form that is neither a noun nor an adjective ("equip", not "water")."""
    return word.lower() in lexicon().only_verbs


def past_participle(word: str) -> bool:
    """The past participle of a verb, other than the verb itself ("opened", "built"; not "put")."""
    return word.lower() in lexicon().participles


# ---- building the file from lemminflect (a development dependency) ---------------------------


def derive(word: str) -> tuple[bool, bool, bool] | None:
    """(in the lexicon, only a verb, past participle) for ``word`` as lemminflect answers, the
    questions content roles asked of it before this file existed; None when it is not a word."""
    from lemminflect import getAllLemmas, getInflection

    lemmas = getAllLemmas(word)
    if not lemmas:
        return None
    verbs = lemmas.get("VERB", ())
    only_verb = word in verbs and "NOUN" not in lemmas and "ADJ" not in lemmas
    participle = any(word in getInflection(lemma, tag="VBN") and word != lemma for lemma in verbs)
    return True, only_verb, participle


def entries() -> list[str]:
    """Every lower-case word lemminflect knows, with its flags, sorted: the file's lines."""
    from lemminflect.core.Lemmatizer import Lemmatizer

    lemmatizer = Lemmatizer()
    # Lookups lower-case the word, so a key with a capital (a proper noun's) is never reached.
    keys = {k for k in (*lemmatizer._getLemmaDict(), *lemmatizer._getOverridesDict()) if k == k.lower()}
    lines = []
    for word in sorted(keys):
        facts = derive(word)
        if facts is None:
            continue
        flags = (ONLY_VERB if facts[1] else "") + (PARTICIPLE if facts[2] else "")
        lines.append(f"{word}\t{flags}" if flags else word)
    return lines


def build(path: Path = LEXICON_FILE) -> int:
    lines = entries()
    # mtime=0: the same lexicon gives the same bytes, so the file changes in git only when it changes.
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh:
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))
    return len(lines)


if __name__ == "__main__":
    if sys.argv[1:] != ["build"]:
        sys.exit("usage: python -m extractors.lexicon build   (needs lemminflect: pip install -e '.[dev]')")
    print(f"{build()} words -> {LEXICON_FILE}")
