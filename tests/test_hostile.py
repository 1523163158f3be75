"""Hostile PDFs (issue 23, part A): files built to exhaust memory or time are refused, or read in
part, with one line naming the file and the limit; a page that cannot be read costs that page only.

The files come from ``tests/hostile_pdfs.py``, at sizes just over lowered limits, so each test
takes a second or two; docs/robustness.md gives the full-size figures.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import zlib
from pathlib import Path

import pytest
from pdfminer.lzw import lzwdecode
from typer.testing import CliRunner

from pipeline.batch import ingest_paths
from pipeline.cli import app
from pipeline.errors import InputError
from pipeline.pdf.preflight import preflight, read_checked
from pipeline.settings import Limits
from pipeline.store.database import Store
from tests.bad_inputs import GOOD
from tests.hostile_pdfs import (
    filter_chain_bomb,
    lzw_encode,
    nested_forms,
    one_unreadable_page,
    ruled_grid,
    self_drawing_form,
    split_content,
)

SMALL = Limits(max_page_content_mb=1)  # the hostile files are built just over it


@pytest.mark.parametrize("chain", ["flate-flate", "hex-flate", "a85-flate", "lzw"])
def test_every_filter_chain_is_inflated_with_a_budget(tmp_path: Path, chain: str) -> None:
    path = filter_chain_bomb(tmp_path / f"{chain}.pdf", chain, megabytes=2)
    with pytest.raises(InputError) as err:
        preflight(path, SMALL)
    assert err.value.path == str(path)
    assert "drawing instructions for a page" in err.value.problem
    assert "(filters " in err.value.problem and "NAPLOG_MAX_PAGE_CONTENT_MB" in err.value.problem


def test_decoders_give_what_pdfminer_gives() -> None:
    from pipeline.pdf.decoders import decode_pieces

    data = os.urandom(50_000) + b"0 0 m 1 1 l S\n" * 20_000
    assert b"".join(decode_pieces(lzw_encode(data), ["lzw"])) == lzwdecode(lzw_encode(data)) == data
    assert b"".join(decode_pieces(binascii.hexlify(zlib.compress(data)) + b">", ["hex", "flate"])) == data
    assert b"".join(decode_pieces(base64.a85encode(zlib.compress(data)) + b"~>", ["a85", "flate"])) == data
    runs = b"".join(bytes([len(data[i:i + 128]) - 1]) + data[i:i + 128] for i in range(0, len(data), 128))
    assert b"".join(decode_pieces(runs + b"\xfd\x41\x80", ["rl"])) == data + b"AAAA"
    # A bomb is decoded a piece at a time: the first piece comes without inflating the rest.
    bomb = zlib.compress(zlib.compress(b"\0" * (64 << 20)))
    assert len(next(decode_pieces(bomb, ["flate", "flate"]))) <= 1 << 20


def test_a_page_split_over_many_streams_is_measured_whole(tmp_path: Path) -> None:
    path = split_content(tmp_path / "split.pdf", streams=3, megabytes_each=0.6)
    with pytest.raises(InputError, match=r"page 1 draws more than 1 MB of instructions .*NAPLOG_MAX_PAGE_CONTENT_MB"):
        preflight(path, SMALL)


def test_a_form_that_draws_itself_is_refused_before_pdfium_loads_the_page(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"a form \(object \d+\) draws itself, which a reader would expand"):
        preflight(self_drawing_form(tmp_path / "self.pdf"))


def test_forms_nested_deep_are_refused_and_shallow_ones_read(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"forms are nested more than 12 \(NAPLOG_MAX_FORM_DEPTH\) deep"):
        preflight(nested_forms(tmp_path / "deep.pdf", depth=14, uses=2))
    # Three uses at each of 11 levels: 177,147 copies of the innermost drawing, 50 MB of it.
    with pytest.raises(InputError, match=r"a form \(object \d+\) draws more than 16 MB of instructions"):
        preflight(nested_forms(tmp_path / "wide.pdf", depth=11, uses=3))
    assert preflight(nested_forms(tmp_path / "shallow.pdf", depth=3, uses=2)).pages == 1


NO_GRAPH_LIMITS = Limits(max_form_depth=0, max_page_content_mb=0, max_memory_mb=256)


def test_pages_are_loaded_in_a_process_whose_memory_is_capped(tmp_path: Path) -> None:
    """With the graph's limits off, PDFium expands 3**24 forms: the capped child dies, not us."""
    path = nested_forms(tmp_path / "bomb.pdf", depth=24, uses=3)
    with pytest.raises(InputError) as err:
        read_checked(path, limits=NO_GRAPH_LIMITS)
    assert "256 (NAPLOG_MAX_MEMORY_MB) MB" in err.value.problem
    assert err.value.inherent  # the same bytes need the same memory: remembered


def test_a_file_that_ran_out_of_memory_is_remembered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = nested_forms(tmp_path / "bomb.pdf", depth=24, uses=3)
    for name, value in NO_GRAPH_LIMITS.as_env().items():
        monkeypatch.setenv(name, value)
    store = Store(f"sqlite:///{tmp_path / 'n.db'}")
    first = ingest_paths(store, [path])
    assert first[0].status == "failed" and "NAPLOG_MAX_MEMORY_MB" in first[0].message
    again = ingest_paths(store, [path])
    assert again[0].status == "failed" and again[0].extraction == "remembered"


def test_a_million_cell_grid_is_read_as_text(tmp_path: Path) -> None:
    pdf = read_checked(ruled_grid(tmp_path / "grid.pdf", cells=400))
    assert pdf.pages[0].edges == [] and pdf.pages[0].words
    assert pdf.warnings == ["page 1: its ruling lines make 401 x 401 cells, more than the limit of 100000 "
                            "(NAPLOG_MAX_PAGE_CELLS) per page; they were ignored and the page read as text"]


def test_one_unreadable_page_costs_that_page_only(tmp_path: Path) -> None:
    path = one_unreadable_page(tmp_path / "broken.pdf", GOOD)
    pdf = read_checked(path)
    assert [p.number for p in pdf.pages] == [1, 2, 3, 4]
    assert pdf.warnings == ["page 5 cannot be read (Failed to load page.): it was left out, the other pages were read"]
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    good = CliRunner().invoke(app, ["extract", str(GOOD)])
    assert json.loads(result.stdout)["goals"] == json.loads(good.stdout)["goals"]  # the rest is all kept
    assert f"warning: {path}: page 5 cannot be read" in result.stderr
