"""Pages as the reader's child process sends them back (``pipeline.pdf.capped``): pickled as
columns, and the same pages once unpickled."""

from __future__ import annotations

import pickle

from pipeline.pdf.capped import read_capped
from pipeline.pdf.lines import page_lines
from pipeline.pdf.model import Edge, PageLayout, Word
from pipeline.pdf.reader import read_pdf
from pipeline.settings import DEFAULT_SETTINGS, current_limits
from tests.conftest import SAMPLES


def _same_pages(a: list[PageLayout], b: list[PageLayout]) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b):
        assert x == y  # the dataclass's fields, words and edges included
        assert [type(w) for w in y.words] == [Word] * len(y.words)
        assert [type(e) for e in y.edges] == [Edge] * len(y.edges)
        assert [ln.text for ln in page_lines(x)] == [ln.text for ln in page_lines(y)]


def test_pages_read_in_the_capped_child_are_the_pages_read_in_process():
    for name in ("en_banner_action_tables.pdf", "fr_docx_cadre_logique.pdf", "es_unruled_landscape.pdf"):
        path = SAMPLES / name
        limits = current_limits().model_copy(update={"max_memory_mb": 2048})
        _same_pages(read_pdf(path, DEFAULT_SETTINGS).pages, read_capped(path, DEFAULT_SETTINGS, limits).pages)


def test_a_pickled_page_keeps_its_words_edges_and_lines():
    words = [Word("Goal", 10.0, 20.0, 40.0, 30.0, 10.0, True), Word("1", 45.0, 20.0, 50.0, 30.0, 10.0, False),
             Word("Train", 10.0, 40.0, 40.0, 50.0, 9.5, False)]
    edges = [Edge("h", 5.0, 15.0, 300.0, 15.0), Edge("v", 5.0, 15.0, 5.0, 60.25)]
    page = PageLayout(3, 600.0, 800.0, words, edges, rotation=90, page_width=800.0, page_height=600.0)
    lines = page_lines(page)
    back = pickle.loads(pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == page and back.rotation == 90 and back.number == 3
    # The lines come back as lines of the page's own words, so they are not built again.
    assert back._lines is not None and back._lines[0] is back.words
    assert [[w for w in ln.words] for ln in page_lines(back)] == [ln.words for ln in lines]
    assert all(any(w is v for v in back.words) for ln in back._lines[1] for w in ln.words)


def test_a_page_without_words_or_edges_and_a_stale_line_cache_pickle():
    empty = PageLayout(1, 100.0, 100.0, [], [])
    assert pickle.loads(pickle.dumps(empty)) == empty
    page = PageLayout(2, 100.0, 100.0, [Word("a", 1.0, 1.0, 2.0, 2.0, 1.0, False)], [])
    page_lines(page)
    page.words = [Word("b", 1.0, 1.0, 2.0, 2.0, 1.0, False)]  # the cache is of other words now
    back = pickle.loads(pickle.dumps(page))
    assert back._lines is None and [ln.text for ln in page_lines(back)] == ["b"]
