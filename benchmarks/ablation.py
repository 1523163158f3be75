"""Header ablation: how much of a document's logframe survives when its tables' header words are
ones naplog does not know.

    python -m benchmarks.ablation [--samples-only | --corpus-only] [--doc NAME] [--verbose]

``--verbose`` lists every record lost, with the page it was read on, in page order.

Each document is extracted once as it is, noting every header naplog found (the rows of a ruled
table's header, those of a table read over several pages, the lines of an unruled table's header
band, the part labels of an action card, the banners of a list of levels).
Every word of those headers is then replaced by a made-up word of the same length ("Activities" ->
"Qvoqvoqvoq") and the document is read and extracted again. The made-up words are in the pages from the
start, as in a plan whose headers naplog does not know: page triage (``pipeline.pdf.triage``) decides
which pages to read in full on them too, so a table page is read in full (and its rules seen) only
when triage finds a reason other than its header words. A record survives when the second extraction
has a record of the same level with the same text (goals, outputs, activities, indicators,
institutions). naplog must then read the columns from what they hold (``extractors.content_roles``).
Prints, per document and overall, the share of records that survive; issue 19 asks for at least
90 % of rows.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import zlib
from collections import Counter
from pathlib import Path

import extractors.cards as cards
import extractors.level_lists as level_lists
import extractors.logframe as logframe
import extractors.unruled as unruled
import pipeline.pdf.triage as triage
from benchmarks.matching import FIELDS, flatten
from pipeline.extract import classify, extract, parse
from pipeline.outputs.export import logframe_json
from pipeline.pdf.lines import group_lines
from pipeline.pdf.model import BBox, PageLayout, Word

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.90


# Letters that spell no word of the four languages in any order they are drawn in.
NONSENSE_LETTERS = "qvzxjkwo"


def _nonsense(text: str) -> str:
    """A made-up word of the same length and case, that names no role in any language. Different
    words give different made-up words ("Outcome" and "Results" have the same length): two
    neighbouring headers spelled alike read as one header cell split in two. Only letters are
    replaced: the colon after a label ("Lead:") and a number ("Objective 1") are not words, and a
    plan whose labels naplog does not know still prints them."""
    seed = zlib.crc32(text.casefold().encode("utf-8"))
    letters = []
    for i in range(len(text)):
        letters.append(NONSENSE_LETTERS[(seed >> (3 * (i % 10))) % len(NONSENSE_LETTERS)])
    return "".join((s.upper() if c.isupper() else s) if c.isalpha() else c for c, s in zip(text, letters))


class HeaderRecorder:
    """Notes the boxes of every header naplog finds while it extracts (page number -> boxes)."""

    def __init__(self) -> None:
        self.boxes: dict[int, list[BBox]] = {}

    def __enter__(self) -> HeaderRecorder:
        self._find_header, self._band = logframe.find_header, unruled._header_band
        self._unruled = logframe.find_unruled_grid
        self._read_cards = cards.read_cards
        self._over_pages = logframe.headers_over_pages
        self.page: int | None = None
        recorder = self

        def find_unruled_grid(page, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            recorder.page = page.number  # the page the header band below is on
            return recorder._unruled(page, *args, **kwargs)

        def find_header(grid, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            header = recorder._find_header(grid, *args, **kwargs)
            if header is not None:
                for row in grid.rows[header.start:header.rows]:
                    recorder.boxes.setdefault(grid.page.number, []).extend(c.bbox for c in row.cells)
            return header

        def header_band(lines, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            band = recorder._band(lines, *args, **kwargs)
            if band is not None:
                for ln in lines[band[0]:band[1]]:
                    recorder.boxes.setdefault(recorder.page, []).append((ln.x0, ln.top, ln.x1, ln.bottom))
            return band

        def read_cards(pages, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            found, claimed = recorder._read_cards(pages, *args, **kwargs)
            for card in found:  # an action card's part labels are its header words
                for part in card.parts:
                    if part.label_box is not None:
                        recorder.boxes.setdefault(part.page.number, []).append(part.label_box)
            return found, claimed

        def headers_over_pages(pages, grids, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            headers = recorder._over_pages(pages, grids, *args, **kwargs)
            for page, found in zip(pages, grids):  # the header rows of tables read over several pages
                for grid in found:
                    header = headers.get(id(grid))
                    for row in grid.rows[header.start:header.rows] if header is not None else []:
                        recorder.boxes.setdefault(page.number, []).extend(c.bbox for c in row.cells)
            return headers

        def grid_items(grid, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            read = recorder._grid_items(grid, *args, **kwargs)
            for banner in {id(b): b for b, _ in read[0]}.values() if read is not None else []:
                recorder.boxes.setdefault(grid.page.number, []).append(banner.box)  # a level list's banners
            return read

        self._grid_items = level_lists._grid_items
        level_lists._grid_items = grid_items
        logframe.find_header, logframe.find_unruled_grid = find_header, find_unruled_grid
        logframe.headers_over_pages = headers_over_pages
        unruled._header_band = header_band
        cards.read_cards = read_cards
        return self

    def __exit__(self, *exc: object) -> None:
        logframe.find_header, logframe.find_unruled_grid = self._find_header, self._unruled
        logframe.headers_over_pages = self._over_pages
        unruled._header_band = self._band
        cards.read_cards = self._read_cards
        level_lists._grid_items = self._grid_items


def _ablated_words(words: list[Word], boxes: list[BBox]) -> list[Word]:
    """``words`` with those whose centre is in one of ``boxes`` made up (``_nonsense``)."""
    def inside(w: Word) -> bool:
        return any(x0 - 1 <= w.xc <= x1 + 1 and top - 1 <= w.yc <= bottom + 1 for x0, top, x1, bottom in boxes)

    return [w._replace(text=_nonsense(w.text)) if inside(w) else w for w in words] if boxes else words


def _ablated(page: PageLayout, boxes: list[BBox]) -> PageLayout:
    return dataclasses.replace(page, words=_ablated_words(page.words, boxes), _text=None, _lines=None)


class AblatedReading:
    """Reads a document as if its header words (``boxes``: page number -> boxes) were made up from
    the start: triage surveys the made-up words (its header roles, card parts), and both its text
    pages and its pages read in full carry them. Without this, the pages read in full would be the
    ones the real header words chose, which a plan with unknown headers does not get."""

    def __init__(self, boxes: dict[int, list[BBox]]) -> None:
        self.boxes = boxes

    def __enter__(self) -> AblatedReading:
        self._survey, self._full, self._text = triage.survey_page, triage.read_full_page, triage.text_layout
        boxes = self.boxes
        survey, full, text = self._survey, self._full, self._text

        def survey_page(number, page, words, word_lines, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            if boxes.get(number):
                words = _ablated_words(words, boxes[number])
                word_lines = group_lines(words)
            return survey(number, page, words, word_lines, *args, **kwargs)

        def read_full_page(number, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            return _ablated(full(number, *args, **kwargs), boxes.get(number, []))

        def text_layout(number, page, words, lines=None):  # noqa: ANN001, ANN202
            if boxes.get(number):  # the lines are grouped again from the made-up words
                return text(number, page, _ablated_words(words, boxes[number]))
            return text(number, page, words, lines)

        triage.survey_page, triage.read_full_page, triage.text_layout = survey_page, read_full_page, text_layout
        return self

    def __exit__(self, *exc: object) -> None:
        triage.survey_page, triage.read_full_page, triage.text_layout = self._survey, self._full, self._text


def records(lf: dict) -> Counter:
    items = flatten(lf.get("goals", []))
    return Counter((f, i.text) for f in FIELDS for i in items[f] if i.text)


def pages_of(lf: dict) -> dict[tuple[str, str], set[int]]:
    """The pages each record (level, text) was read on."""
    items = flatten(lf.get("goals", []))
    found: dict[tuple[str, str], set[int]] = {}
    for f in FIELDS:
        for i in items[f]:
            if i.text and i.page is not None:
                found.setdefault((f, i.text), set()).add(i.page)
    return found


def ablate(path: Path, pages: dict[tuple[str, str], set[int]] | None = None) -> tuple[Counter, Counter]:
    """The document's records, and those extracted again with its header words replaced. With
    ``pages``, the pages each record of the first extraction was read on are noted there."""
    pdf = parse(path)
    document = classify(pdf, str(path))
    with HeaderRecorder() as seen:
        first = logframe_json(extract(pdf, str(path), document=document))
    before = records(first)
    if pages is not None:
        pages.update(pages_of(first))
    with AblatedReading(seen.boxes):
        changed = parse(path)
    after = records(logframe_json(extract(changed, str(path), document=document)))
    return before, after


def survival(before: Counter, after: Counter) -> float:
    total = sum(before.values())
    return sum((before & after).values()) / total if total else 1.0


def lost_lines(lost: Counter, pages: dict[tuple[str, str], set[int]]) -> list[str]:
    """One line per record lost (first page it was read on, level, count when it occurred more than
    once, text), in page order: the pages to look at."""
    def first_page(key: tuple[str, str]) -> int:
        return min(pages.get(key) or {0})

    return [f"    p{first_page(key):<4} lost {key[0]:<12} {'x%d ' % n if n > 1 else ''}{key[1][:100]!r}"
            for key, n in sorted(lost.items(), key=lambda kv: (first_page(kv[0]), kv[0]))]


def documents(samples: bool, corpus: bool) -> list[Path]:
    found = []
    if samples:
        found += [ROOT / "samples" / json.loads(p.read_text())["file"]
                  for p in sorted((ROOT / "samples").glob("*.expected.json"))]
    if corpus:
        for p in sorted((ROOT / "benchmarks" / "expected").glob("*.json")):
            data = json.loads(p.read_text())
            if data.get("goals"):
                found.append(ROOT.parent / "shared" / "corpus" / data["file"])
    return [p for p in found if p.exists()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples-only", action="store_true")
    ap.add_argument("--corpus-only", action="store_true")
    ap.add_argument("--doc", help="only documents whose name contains this")
    ap.add_argument("--verbose", action="store_true", help="list every record lost, by level")
    ap.add_argument("--write-floors", action="store_true",
                    help="record each document's survival in benchmarks/floors.json (the tests hold it there)")
    args = ap.parse_args(argv)
    measured: dict[Path, float] = {}
    total_before: Counter = Counter()
    total_after: Counter = Counter()
    print(f"records that survive when every table header's words are made up (target {TARGET:.0%})")
    for path in documents(not args.corpus_only, not args.samples_only):
        if args.doc and args.doc not in path.name:
            continue
        pages: dict[tuple[str, str], set[int]] = {}
        before, after = ablate(path, pages)
        measured[path] = survival(before, after)
        total_before += before
        total_after += before & after
        lost = before - after
        kept = sum((before & after).values())
        print(f"{path.name:<55} {survival(before, after):6.1%}  ({kept}/{sum(before.values())})"
              + (f"  lost e.g. {next(iter(lost))[0]} {next(iter(lost))[1][:50]!r}" if lost else ""))
        if args.verbose:
            for line in lost_lines(lost, pages):
                print(line)
    print(f"{'overall':<55} {survival(total_before, total_after):6.1%}")
    if args.write_floors:
        write_floors(measured)
    return 0


def floor_key(path: Path) -> str:
    """Where a document's ablation floor is kept in benchmarks/floors.json."""
    return "_ablation_samples" if path.parent == ROOT / "samples" else "_ablation_corpus"


def write_floors(measured: dict[Path, float]) -> None:
    """Each measured document's survival, as tests/test_ablation.py holds it to."""
    from benchmarks.accuracy import FLOORS  # (deferred: the accuracy benchmark imports much more)

    floors = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    for path, share in measured.items():
        floors.setdefault(floor_key(path), {})[path.name] = round(share, 3)
    for key in ("_ablation_samples", "_ablation_corpus"):
        if key in floors:
            floors[key] = dict(sorted(floors[key].items()))
    FLOORS.write_text(json.dumps(dict(sorted(floors.items())), indent=1) + "\n")
    print(f"ablation floors written to {FLOORS}")


if __name__ == "__main__":
    sys.exit(main())
