"""Record keys: a stable name for every goal, output, activity, indicator and institution link.

Every goal, output, activity, indicator and institution link gets a ``record_key`` when it is written
(``pipeline.store.rows.RecordWriter``), derived from its place in the logframe and its identity, never from the
store's row ids (which change when a document is re-extracted):

    <document id>:g<goal>                       goal        12:g1        (no code: 12:g#2, 2nd goal)
    <goal key>/o<output>                        output      12:g1/o1.1   (no code: 12:g#1/o#3)
    <output key>/a<activity>                    activity    12:g1/o1.1/a1.1.2
    <owner key>/i<indicator>                    indicator   12:g1/o1.1/a1.1.2/i5d41402a
    <owner key>/n<institution>                  institution 12:g1/o1.1/a1.1.2/n3f2a9c0e

A goal, output or activity segment is its code as printed; without a code it is ``#`` and its
1-based position among its siblings. An indicator segment is its code, else the first 8 hex digits
of the sha1 of its text folded (lower case, no accents, white space collapsed); an institution
segment is that hash of the name as written. A segment repeated among siblings (two activities coded
``1.1`` in one output) gets ``~2``, ``~3`` after it. The key is computed from the *extracted* record,
so a correction of ``text`` or ``code`` does not change it.

What re-extraction does to a key: the document id is kept (``Store.load`` replaces records in
place), so a record that keeps its code (or position, or text for indicators and institutions) keeps
its key. A record that moves under another parent, is renumbered, loses its code, or (indicator,
institution) is reworded gets a new key; positions shift when a record without a code is inserted or
removed before it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

from pipeline.text.fold import record_key_fold


def text_hash(text: str | None) -> str:
    return hashlib.sha1(record_key_fold(text or "").encode("utf-8")).hexdigest()[:8]


def _dedupe(segments: list[str]) -> list[str]:
    seen: Counter[str] = Counter()
    out = []
    for seg in segments:
        seen[seg] += 1
        out.append(seg if seen[seg] == 1 else f"{seg}~{seen[seg]}")
    return out


def _join(parent: str, seg: str) -> str:
    return f"{parent}{seg}" if parent.endswith(":") else f"{parent}/{seg}"


def document_prefix(document_id: int) -> str:
    return f"{document_id}:"


def level_keys(parent: str, letter: str, codes: Sequence[str | None]) -> list[str]:
    """Keys of goals (``letter`` g, ``parent`` the document prefix), outputs (o) or activities (a)."""
    segs = [f"{letter}{code}" if code else f"{letter}#{pos}" for pos, code in enumerate(codes, 1)]
    return [_join(parent, s) for s in _dedupe(segs)]


def indicator_keys(owner: str, items: Sequence[tuple[str | None, str]]) -> list[str]:
    """Keys of an owner's indicators from their (code, text)."""
    segs = [f"i{code}" if code else f"i{text_hash(text)}" for code, text in items]
    return [_join(owner, s) for s in _dedupe(segs)]


def institution_keys(owner: str, names: Sequence[str]) -> list[str]:
    """Keys of the institutions named on a goal, output or activity, from the names as written."""
    return [_join(owner, s) for s in _dedupe([f"n{text_hash(n)}" for n in names])]


def key_document(record_key: str) -> int | None:
    head = record_key.split(":", 1)[0]
    return int(head) if head.isdigit() and ":" in record_key else None


def position_path(goal: int, output: int | None = None, activity: int | None = None,
                  indicator: int | None = None) -> str:
    """A record's place in its logframe, from 1-based positions: ``g1``, ``g1-o2``, ``g1-o2-a3``,
    ``g1-o2-a3-i1`` (an indicator's path starts with its owner's). Unlike a record key it says
    nothing stable across re-extractions; it ties a record read back from the store
    (``Store.record_keys``) to the same record in a ``Logframe`` (the review's ids)."""
    path = f"g{goal}"
    for letter, pos in (("o", output), ("a", activity)):
        if pos is not None:
            path += f"-{letter}{pos}"
    return path if indicator is None else f"{path}-i{indicator}"
