"""Words from characters, as pdfplumber builds them, and a page's layout in its upright frame.

Both readers (PDFium's, ``pipeline.pdf.pdfium_reader``, and pdfplumber's, the reference) give
characters and ruling edges as pdfplumber-style dicts; ``layout_from_objects`` turns them into a
``PageLayout``: a page most of whose text is rotated (a landscape table printed on a portrait page)
is turned so that its text reads left to right, and ``PageLayout.to_page_bbox`` maps boxes back.
Text that runs across the main direction (a rotated running header in the margin) is left out.
"""

from __future__ import annotations

import functools
import re

from pipeline.pdf.model import BOLD_MARKERS, LIGATURES, Edge, PageLayout, Word
from pipeline.settings import DEFAULT_SETTINGS, ExtractionSettings

_HAS_LIGATURE = re.compile("[" + "".join(LIGATURES) + "]")


def _rotate_char(c: dict, rotation: int, width: float, height: float) -> dict:
    x0, top, x1, bottom = c["x0"], c["top"], c["x1"], c["bottom"]
    if rotation == 90:
        nx0, nx1, ntop, nbottom = height - bottom, height - top, x0, x1
    else:
        nx0, nx1, ntop, nbottom = top, bottom, width - x1, width - x0
    # pdfminer gives a rotated glyph's advance as its "size"; the font size is across the line.
    # Rounded: words break where the size changes, and a difference of floats is not constant.
    size = round(nbottom - ntop, 3)
    return {**c, "x0": nx0, "x1": nx1, "top": ntop, "bottom": nbottom, "upright": True,
            "width": nx1 - nx0, "height": nbottom - ntop, "size": size}


def _rotate_edge(e: dict, rotation: int, width: float, height: float) -> Edge:
    orientation = "v" if e["orientation"] == "h" else "h"
    if rotation == 90:
        return Edge(orientation, height - e["bottom"], e["x0"], height - e["top"], e["x1"])
    return Edge(orientation, e["top"], width - e["x1"], e["bottom"], width - e["x0"])


def _content_rotation(chars: list[dict], settings: ExtractionSettings) -> int:
    if not chars:
        return 0
    rotated = [c for c in chars if not c.get("upright", True)]
    if len(rotated) <= settings.rotated_share * len(chars):
        return 0
    # The text matrix's b component says which way rotated text runs: up the page or down.
    up = sum(1 for c in rotated if c["matrix"][1] > 0)
    return 90 if up >= len(rotated) - up else 270


def words_from_chars(chars: list[dict], x_tolerance_ratio: float, y_tolerance: float) -> list[Word]:
    """Words as pdfplumber's ``WordExtractor`` builds them with naplog's settings (``use_text_flow``,
    ``extra_attrs=["size"]``, ligatures expanded, tolerances along the line relative to the
    font size), in one pass instead of its generic layers of generators and dicts, which cost as
    much as reading the characters (the tests compare the two on every sample page).

    Characters are taken in content order, not clustered into lines by position: clustering
    chains through the rows of neighbouring columns whose tops fall within the tolerance, and
    interleaves their characters into one line. A word ends at a space, where the upright flag or
    the size changes, where the next character starts left of the last one's start or further
    than ``x_tolerance_ratio`` times its size after its end, or where the tops differ by more
    than ``y_tolerance``. Its box spans its characters; it is bold when most of them are.
    """
    words: list[Word] = []
    run: list[dict] = []
    group: tuple | None = None
    for c in chars:
        g = (c["upright"], c["size"])
        if g != group:
            if run:
                _add_word(run, words)
                run = []
            group = g
        if c["text"].isspace():
            if run:
                _add_word(run, words)
                run = []
        elif run:
            p = run[-1]
            x = c["x0"]
            if x < p["x0"] or x > p["x1"] + x_tolerance_ratio * p["size"] or abs(c["top"] - p["top"]) > y_tolerance:
                _add_word(run, words)
                run = [c]
            else:
                run.append(c)
        else:
            run = [c]
    if run:
        _add_word(run, words)
    return words


def _add_word(run: list[dict], words: list[Word]) -> None:
    add_word([(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], is_bold_font(c.get("fontname") or ""))
              for c in run], run[0]["size"], words)


_make_word = tuple.__new__  # Word(...) without its Python-level __new__: once per word


def add_word(run: list[tuple], size: float | None, words: list[Word]) -> None:
    """Append the word made of ``run``'s characters, each (text, x0, x1, top, bottom, bold), all of
    one ``size``: its text with ligatures expanded (none when it is blank), its box spanning them,
    bold when most of them are."""
    if len(run) == 1:
        ch, x0, x1, top, bottom, bold = run[0]
        text = LIGATURES.get(ch, ch)
        if text.strip():
            words.append(Word(text, x0, top, x1, bottom, float(size or 0), bold))
        return
    texts, x0s, x1s, tops, bottoms, bolds = zip(*run)
    text = "".join(texts)
    if _HAS_LIGATURE.search(text):
        text = "".join([LIGATURES.get(c, c) for c in texts])
    if not text.strip():
        return
    words.append(_make_word(Word, (text, min(x0s), min(tops), max(x1s), max(bottoms), float(size or 0),
                                   sum(bolds) * 2 > len(run))))


@functools.lru_cache(maxsize=1024)
def is_bold_font(fontname: str) -> bool:
    name = (fontname or "").lower()
    return any(m in name for m in BOLD_MARKERS)


def layout_from_objects(number: int, width: float, height: float, chars: list[dict], raw_edges: list[dict],
                        settings: ExtractionSettings = DEFAULT_SETTINGS) -> PageLayout:
    """Words and edges in the page's upright frame, from pdfplumber-style character and edge dicts
    (pdfplumber's own, or PDFium's made alike by ``pipeline.pdf.pdfium_reader``)."""
    chars = [c for c in chars if c.get("text", "").strip() or c.get("text") == " "]
    rotation = _content_rotation(chars, settings)
    raw_edges = [e for e in raw_edges if e.get("orientation") in ("h", "v")]
    if rotation:
        chars = [_rotate_char(c, rotation, width, height) for c in chars if not c.get("upright", True)]
        edges = [_rotate_edge(e, rotation, width, height) for e in raw_edges]
        frame_w, frame_h = height, width
    else:
        chars = [c for c in chars if c.get("upright", True)]
        edges = [Edge(e["orientation"], e["x0"], e["top"], e["x1"], e["bottom"]) for e in raw_edges]
        frame_w, frame_h = width, height
    words = words_from_chars(chars, settings.x_tolerance_ratio, settings.y_tolerance)
    return PageLayout(number, frame_w, frame_h, words, edges, rotation, width, height)
