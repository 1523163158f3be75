"""Bad input never crashes a batch, never hangs, never touches the store (issue 7, docs/robustness.md).

Every case of the generated corpus (tests/bad_inputs.py) goes through ``naplog extract`` and,
all in one batch, through ``ingest_paths`` on a store that already holds a document: each bad
file gets one line naming it and the reason, the batch goes on to the good file after them, and
the stored document's records are identical before and after.
"""

from __future__ import annotations

import json
import os
import re
import sys
import threading
import time
from pathlib import Path

import pdfplumber
import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

# Imported here, not inside a CliRunner run: Prefect's log handlers keep the stderr they first see.
import flows.ingest
from pipeline.batch import discover, ingest_paths
from pipeline.cli import app
from pipeline.errors import InputError
from pipeline.extract import extract_file
from pipeline.pdf.preflight import preflight
from pipeline.records import Indicator, Pillar, keeping_empty_texts
from pipeline.settings import Limits
from pipeline.store.database import Store
from tests.bad_inputs import (
    CASES,
    EMPTIED,
    FAST,
    GOOD,
    NON_UTF8_NAME,
    ODD_NAMES,
    build_corpus,
    build_folder_traps,
)

runner = CliRunner()
# Already in the store before the bad batch. The readable variants of the corpus are this plan too:
# loading another plan legitimately adds aliases to the institutions the stored plan shares with it.
STORED = GOOD
BATCH_ENV = {k: v for case in CASES for k, v in case.env.items()}  # limits lowered for a few cases


def _env(monkeypatch, values: dict[str, str]) -> None:
    for key, value in values.items():
        monkeypatch.setenv(key, value)


def _error_line(output: str) -> str:
    lines = [ln for ln in output.splitlines() if ln.strip()]
    assert len(lines) == 1, f"expected one line, got {lines!r}"
    assert lines[0].startswith("error: "), lines[0]
    return lines[0][len("error: "):]


def _problem(message: str, path: Path) -> str:
    """The reason in "path: reason", checking that the message names the file."""
    assert "\n" not in message
    for name in (str(path), str(path.resolve())):
        if message.startswith(name + ": "):
            return message[len(name) + 2:]
    raise AssertionError(f"{message!r} does not start with the file's path {str(path)!r}")


def _without(goals: list[dict], indicators: tuple[str, ...]) -> list[dict]:
    """``goals`` (as JSON) without the indicators whose texts are ``indicators``."""
    def level(record: dict) -> dict:
        record = {**record, "indicators": [i for i in record["indicators"] if i["text"] not in indicators]}
        for children in ("outputs", "activities"):
            if children in record:
                record[children] = [level(c) for c in record[children]]
        return record
    return [level(g) for g in goals]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    return build_corpus(tmp_path_factory.mktemp("bad-inputs"))


@pytest.fixture(scope="module")
def good_goals() -> list:
    return json.loads(runner.invoke(app, ["extract", str(GOOD)]).stdout)["goals"]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_naplog_extract_reports_each_bad_input(case, corpus, good_goals, monkeypatch, tmp_path):
    _env(monkeypatch, case.env)
    monkeypatch.chdir(tmp_path)  # nothing may be written here
    path = corpus[case.id]
    result = runner.invoke(app, ["extract", str(path)])
    assert list(tmp_path.iterdir()) == []
    if case.refused is not None:
        assert result.exit_code == 2, result.output
        assert result.stdout == ""
        problem = _problem(_error_line(result.stderr), path)
        assert re.search(case.refused, problem), problem
    else:
        assert result.exit_code == 0, result.output
        # Read as if it were intact: the same records as the plan it was made from, but those the
        # case makes unreadable (left out, each with a warning naming its page).
        assert json.loads(result.stdout)["goals"] == _without(good_goals, case.left_out)
        warnings = [ln for ln in result.stderr.splitlines() if ln.startswith("warning: ")]
        assert any(ln.startswith(f"warning: {path}: ") and re.search(case.warning, ln) for ln in warnings), \
            result.stderr


def test_a_batch_of_bad_input_goes_on_and_leaves_the_store_untouched(db_url, corpus, monkeypatch, tmp_path):
    _env(monkeypatch, BATCH_ENV)
    store = Store(db_url)
    [before] = ingest_paths(store, [STORED])
    assert before.status == "loaded"
    stored = store.logframe(before.document_id).model_dump()
    good_after = tmp_path / "good-after.pdf"
    good_after.write_bytes(GOOD.read_bytes() + b"% another copy\n")
    # Every refused case, and one file read with a warning (each readable case is read by the
    # `naplog extract` test above: extracting them all again here would only cost time).
    cases = [c for c in CASES if c.refused is not None or c.id == "encrypted-empty-password"]
    batch = [corpus[c.id] for c in cases] + [good_after]

    outcomes = ingest_paths(store, batch)

    assert len(outcomes) == len(batch)
    by_path = dict(zip(batch, outcomes))
    for case in cases:
        outcome = by_path[corpus[case.id]]
        if case.refused is not None:
            assert outcome.status == "failed", (case.id, outcome)
            assert re.search(case.refused, _problem(outcome.message, corpus[case.id])), (case.id, outcome.message)
        else:
            assert outcome.status == "loaded", (case.id, outcome)
    assert by_path[good_after].status == "loaded"  # the batch went on to the end
    # The document stored before is exactly as it was; nothing else was stored for a refused file.
    assert store.logframe(before.document_id).model_dump() == stored
    assert len(store.documents()) == 1 + 1 + 1
    failed_runs = [r for r in store.runs() if r.status == "failed"]
    assert len(failed_runs) == sum(c.refused is not None for c in cases)
    # Every refusal is the file's own: remembered, so the next run reads none of them again and
    # writes no run; each is reported with its reason as before (docs/robustness.md, "Re-runs").
    assert all(r.input_key is not None for r in failed_runs)
    again = ingest_paths(store, batch)
    for case in cases:
        outcome = dict(zip(batch, again))[corpus[case.id]]
        if case.refused is not None:
            assert (outcome.status, outcome.extraction) == ("failed", "remembered"), (case.id, outcome)
            said_before = outcome.message.split("; remembered from the run of ")[0]
            assert re.search(case.refused, _problem(said_before, corpus[case.id])), outcome.message
    assert len(store.runs()) == len(failed_runs) + 3  # loads: the stored plan, the warned file, good_after
    store.dispose()


def test_a_stored_plan_overwritten_by_a_bad_download_keeps_its_records(db_url, corpus, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    plan = inbox / "plan.pdf"
    plan.write_bytes(GOOD.read_bytes())
    store = Store(db_url)
    [first] = ingest_paths(store, [inbox])
    stored = store.logframe(first.document_id).model_dump()
    for case_id in ("truncated", "html", "encrypted", "content-bomb", "empty"):
        plan.write_bytes(corpus[case_id].read_bytes())  # the next download of the same plan went wrong
        [outcome] = ingest_paths(store, [inbox])
        assert outcome.status == "failed" and outcome.message.startswith(f"{plan}: "), outcome
        assert [d.id for d in store.documents()] == [first.document_id]
        assert store.logframe(first.document_id).model_dump() == stored
    store.dispose()


def test_a_record_left_without_text_costs_that_record_only(db_url, corpus):
    """One indicator whose text the records' cleaning empties: the batch loads the plan without it
    (before: "extracted records failed validation: Input should be a valid string", the whole plan
    refused on every run)."""
    store = Store(db_url)
    [good] = ingest_paths(store, [GOOD])
    [outcome] = ingest_paths(store, [corpus["empty-record"]])
    assert outcome.status == "loaded", outcome
    stored = store.logframe(outcome.document_id)
    texts = [i.text for i in stored.indicators()]
    assert EMPTIED not in texts and all(texts)
    assert sorted(texts + [EMPTIED]) == sorted(i.text for i in store.logframe(good.document_id).indicators())
    store.dispose()


def test_an_empty_required_text_is_refused_outside_extraction():
    """Only the extraction keeps an empty text (to drop its record): a record built anywhere else
    with one is refused, as the schema says."""
    with pytest.raises(ValidationError, match="at least 1 character"):
        Indicator(text="\x81\ufdd0 \x9f", page=1)
    with pytest.raises(ValidationError, match="at least 1 character"):
        Pillar(name="\x81", text="Pillar 1", page=1)
    with keeping_empty_texts():
        assert Indicator(text="\x81\ufdd0 \x9f", page=1).text == ""


def test_nothing_attached_to_a_pdf_is_written_anywhere(corpus, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.chdir(tmp_path)
    temp = Path(tempfile.gettempdir())
    before = set(temp.iterdir())
    lf = extract_file(corpus["active-content"], check=True)
    assert lf.goals
    written = [p for p in set(temp.iterdir()) - before if "payload" in p.name or p.suffix == ".exe"]
    assert written == [] and list(tmp_path.iterdir()) == []
    assert not any(p.name == "payload.exe" for p in corpus["active-content"].parent.iterdir())


@pytest.mark.parametrize("case_id", ["many-pages", "font-bomb", "content-bomb", "heavy-page", "encrypted",
                                     "truncated", "scanned"])
def test_refused_before_the_reader_opens_the_file(case_id, corpus, monkeypatch):
    """The preflight refuses these before pdfplumber/pdfminer (or PDFium's page reading) start."""
    def never(*args, **kwargs):
        raise AssertionError("pdfplumber was asked to open a file the preflight should have refused")

    monkeypatch.setattr(pdfplumber, "open", never)
    # Nor are PDFium's pages read (that is what "before" means here, not a time: a shared machine's
    # time says nothing).
    monkeypatch.setattr("pipeline.pdf.preflight.read_capped", never)
    with pytest.raises(InputError):
        extract_file(corpus[case_id], check=True)


def test_five_thousand_real_pages_are_counted_not_parsed(corpus, monkeypatch):
    import pypdfium2

    path = corpus["many-pages"]

    def never(*args, **kwargs):
        raise AssertionError("a page was loaded: the pages were to be counted, not parsed")

    # Counted, not parsed: no page is loaded by PDFium nor laid out by pdfminer (a condition, not a
    # time bound, which a shared machine could break either way).
    monkeypatch.setattr(pypdfium2.PdfDocument, "get_page", never)
    monkeypatch.setattr(pdfplumber, "open", never)
    with pytest.raises(InputError, match=r"has 5000 pages, more than the limit of 1000"):
        preflight(path)
    monkeypatch.undo()
    # The count is the file's own: with the limit raised, the same file passes the preflight.
    assert preflight(path, Limits(max_pages=5000)).pages == 5000


def test_limits_come_from_options_and_environment(monkeypatch):
    four_pages = str(GOOD)
    refused = runner.invoke(app, ["extract", four_pages, "--max-pages", "3"])
    assert refused.exit_code == 2
    assert _problem(_error_line(refused.stderr), GOOD) == (
        "the PDF has 4 pages, more than the limit of 3 (NAPLOG_MAX_PAGES / --max-pages) pages; it was not read")
    monkeypatch.setenv("NAPLOG_MAX_PAGES", "3")
    assert runner.invoke(app, ["extract", four_pages]).exit_code == 2
    assert runner.invoke(app, ["extract", four_pages, "--max-pages", "0"]).exit_code == 0  # 0: no limit
    monkeypatch.setenv("NAPLOG_MAX_PAGES", "many")
    bad = runner.invoke(app, ["extract", four_pages])
    said = " ".join(bad.stderr.replace("│", " ").split())
    assert bad.exit_code == 2 and "'--max-pages' (env var: 'NAPLOG_MAX_PAGES'): expected a number, got 'many'" in said


# ---- file names and folders -------------------------------------------------------------------


def test_discover_survives_links_pipes_and_odd_names(tmp_path):
    traps = build_folder_traps(tmp_path / "inbox", tmp_path / "outside")
    warnings: list[str] = []
    result: list[Path] = []
    walker = threading.Thread(target=lambda: result.extend(discover([tmp_path / "inbox"], warn=warnings.append)))
    walker.start()
    walker.join(timeout=20)
    assert not walker.is_alive(), "discover hung on the folder"
    names = sorted(p.name for p in result)
    assert names == sorted([*ODD_NAMES, "linked-from-outside.pdf"])
    text = "\n".join(warnings)
    assert f"{tmp_path}/inbox/plan_\\udcff\\udcfe.pdf: skipped: the file name is not valid UTF-8" in text
    assert f"{traps['loop']}: skipped: a symbolic link loop" in text
    assert f"{traps['self']}: skipped: a symbolic link loop" in text
    assert f"{traps['broken']}: skipped: a broken symbolic link" in text
    assert f"{traps['pipe']}: skipped: not a regular file (a named pipe)" in text
    assert all("\n" not in w for w in warnings)


def test_odd_names_are_ingested_and_a_pipe_named_directly_never_blocks(db_url, tmp_path):
    traps = build_folder_traps(tmp_path / "inbox", tmp_path / "outside")
    # Different bytes for each copy (a comment after the end marker), so that each is stored.
    for i, path in enumerate([*(traps[n] for n in ODD_NAMES), traps["linked"].resolve()]):
        path.write_bytes(FAST.read_bytes() + b"%% copy %d\n" % i)
    store = Store(db_url)
    warnings: list[str] = []
    files = discover([tmp_path / "inbox", traps["pipe"]], warn=warnings.append)
    assert traps["pipe"] not in files and any("a named pipe" in w for w in warnings)
    outcomes = ingest_paths(store, [tmp_path / "inbox"])
    assert [o.status for o in outcomes] == ["loaded"] * len(outcomes) and len(outcomes) == len(ODD_NAMES) + 1
    stored = {Path(d.source_path).name for d in store.documents()}
    assert "new\nline.pdf" in stored and "plan_ünïcødé_計画.pdf" in stored
    store.dispose()


@pytest.mark.parametrize("name", ODD_NAMES)
def test_naplog_extract_takes_odd_names(name, tmp_path):
    path = tmp_path / name
    path.write_bytes(FAST.read_bytes())
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["document"]["source_path"] == str(path)
    broken = tmp_path / ("broken " + name)
    broken.write_bytes(b"<html></html>")
    failed = runner.invoke(app, ["extract", str(broken)])
    line = _error_line(failed.stderr)
    assert line.endswith(": not a PDF: an HTML page") and "\n" not in line
    assert broken.name.replace("\n", "\\n") in line  # named, on one line


def test_a_name_that_is_not_utf8_gets_one_clear_line(tmp_path):
    raw = os.fsencode(tmp_path) + b"/" + NON_UTF8_NAME
    with open(raw, "wb") as fh:
        fh.write(GOOD.read_bytes())
    result = runner.invoke(app, ["extract", os.fsdecode(raw)])
    assert result.exit_code == 2
    line = _error_line(result.stderr)
    assert line == (f"{tmp_path}/plan_\\udcff\\udcfe.pdf: the file name is not valid UTF-8 (naplog stores and "
                    f"prints names as UTF-8): rename the file to read it")


def test_a_path_through_dot_dot_is_read_where_it_points(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "plan.pdf").write_bytes(FAST.read_bytes())
    lf = extract_file(inbox / ".." / "inbox" / "plan.pdf", check=True)
    assert lf.document.source_path == str(inbox / "plan.pdf")


# ---- changes, time, OCR -----------------------------------------------------------------------


def test_a_file_that_changes_while_it_is_read_is_retried_on_the_next_run(db_url, tmp_path, monkeypatch):
    import pipeline.pdf.preflight as reader

    path = tmp_path / "growing.pdf"
    path.write_bytes(GOOD.read_bytes())
    real_read = reader.read_pdf

    def read_then_touch(p, *args, **kwargs):
        doc = real_read(p, *args, **kwargs)
        with open(path, "ab") as fh:  # another program appends while naplog reads
            fh.write(b"% appended\n")
        return doc

    monkeypatch.setattr(reader, "read_pdf", read_then_touch)
    store = Store(db_url)
    [first] = ingest_paths(store, [path])
    assert first.status == "failed"
    assert first.message == f"{path}: the file changed while it was being read; it will be retried on the next run"
    assert store.documents() == []
    monkeypatch.setattr(reader, "read_pdf", real_read)
    [second] = ingest_paths(store, [path])
    assert second.status == "loaded"
    store.dispose()
    # Changed between its fingerprint and its reading: the sha256 read differs from the one given.
    with pytest.raises(InputError, match=r"the file changed while it was being read; it will be retried"):
        extract_file(path, expected_sha256="0" * 64, check=True)


def test_the_time_limit_stops_a_page_loop_in_any_thread(monkeypatch):
    import pipeline.pdf.triage as reader

    real_read_page = reader.read_full_page
    pages_read: list[int] = []

    def slow_read_page(number, page, textpage, settings):
        # The first page read takes longer than the whole limit: the loop must stop before the next
        # one, whatever the machine's speed (no time bound is asserted).
        pages_read.append(number)
        if len(pages_read) == 1:
            time.sleep(1.2)
        return real_read_page(number, page, textpage, settings)

    monkeypatch.setattr(reader, "read_full_page", slow_read_page)
    monkeypatch.setenv("NAPLOG_MAX_SECONDS", "1")
    errors: list[BaseException] = []

    def work() -> None:  # not the main thread: no timer signal, the page loop's checks must do
        try:
            extract_file(GOOD, check=True)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert len(pages_read) <= 1, pages_read  # the page loop stopped at the first check after the limit
    [exc] = errors
    assert isinstance(exc, InputError)
    assert str(exc) == (f"{GOOD}: stopped after 1 s: reading this document takes longer than the time limit "
                        f"(NAPLOG_MAX_SECONDS / --max-seconds)")


def test_the_time_limit_interrupts_a_stuck_extractor_in_the_main_thread(monkeypatch):
    import pipeline.extract

    interrupted: list[bool] = []

    def stuck(*args, **kwargs):
        # An extractor that never returns to a check point; it ends by itself after a minute only
        # so that a broken timer fails the test (it would return, exit 0) instead of hanging it.
        try:
            for _ in range(1200):
                time.sleep(0.05)
        except BaseException:
            interrupted.append(True)
            raise
        return real_extract(*args, **kwargs)

    real_extract = pipeline.extract.extract
    monkeypatch.setattr(pipeline.extract, "extract", stuck)
    result = runner.invoke(app, ["extract", str(GOOD), "--max-seconds", "1"])
    assert interrupted == [True]  # the timer interrupted the extractor in the middle of its loop
    assert result.exit_code == 2
    assert _problem(_error_line(result.stderr), GOOD).startswith("stopped after 1 s: reading this document takes "
                                                                 "longer than the time limit")


def _fake_ocrmypdf(folder: Path, log: Path) -> None:
    """A stand-in for ocrmypdf on PATH: records its arguments and "adds a text layer" by copying a
    text PDF to the output (the OCR itself is OCRmyPDF's business, not naplog's)."""
    script = folder / "ocrmypdf"
    script.write_text(f"#!{sys.executable}\nimport shutil, sys\n"
                      f"open({str(log)!r}, 'w').write(repr(sys.argv[1:]))\n"
                      f"shutil.copy({str(GOOD)!r}, sys.argv[-1])\n")
    script.chmod(0o755)


def test_a_scan_says_how_to_get_ocr_when_it_is_missing(corpus, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no ocrmypdf there
    result = runner.invoke(app, ["extract", str(corpus["scanned"]), "--ocr"])
    assert result.exit_code == 2
    assert _problem(_error_line(result.stderr), corpus["scanned"]) == (
        "--ocr needs OCRmyPDF and Tesseract, which are not installed: install OCRmyPDF and Tesseract "
        "(pip install ocrmypdf; Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-fra tesseract-ocr-spa "
        "tesseract-ocr-por)")


def test_ocr_adds_a_text_layer_to_a_scan_in_a_temporary_file(corpus, monkeypatch, tmp_path):
    from pipeline.pdf.model import sha256_of

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "ocrmypdf-args.txt"
    _fake_ocrmypdf(bin_dir, log)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    scanned = corpus["scanned"]
    offered = runner.invoke(app, ["extract", str(scanned)])
    assert offered.exit_code == 2 and _problem(_error_line(offered.stderr), scanned).endswith(
        "it looks like a scanned document; run again with --ocr to add a text layer with OCRmyPDF")
    result = runner.invoke(app, ["extract", str(scanned), "--ocr"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["goals"]
    # The document is the scan itself: its path and sha256, not the temporary OCR output's.
    assert data["document"]["source_path"] == str(scanned)
    assert data["document"]["sha256"] == sha256_of(scanned)
    args = eval(log.read_text())  # noqa: S307 - our own fake's repr of a list of strings
    assert "--skip-text" in args and args[-2] == str(scanned)
    assert not Path(args[-1]).exists()  # the temporary output is gone


def test_naplog_ingest_passes_limits_to_its_workers_and_goes_on(tmp_path, monkeypatch):
    """`naplog ingest` hands its limit options to the extraction processes (as NAPLOG_* variables,
    which worker processes inherit) for the command only. The Prefect flow is replaced here by the
    plain-Python batch it runs (tests/flows covers the flow itself; starting it costs half a minute)."""
    from contextlib import contextmanager

    seen: dict[str, str | None] = {}

    @contextmanager
    def no_server(early=None):  # noqa: ANN001, ARG001 - prefect_api's signature; the CLI stops an early one
        yield "http://127.0.0.1:1/api", "ephemeral"

    def plain_batch(paths, db, **kwargs):
        seen.update(pages=os.environ.get("NAPLOG_MAX_PAGES"), ocr=os.environ.get("NAPLOG_OCR"))
        store = Store(db)
        outcomes = ingest_paths(store, paths, progress=kwargs.get("progress"))
        store.dispose()
        return flows.ingest.IngestSummary(str(db), outcomes)

    monkeypatch.setattr(flows.ingest, "prefect_api", no_server)
    monkeypatch.setattr(flows.ingest, "run_ingest", plain_batch)
    monkeypatch.delenv("NAPLOG_MAX_PAGES", raising=False)
    monkeypatch.delenv("NAPLOG_OCR", raising=False)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a-page.pdf").write_bytes(b"<!DOCTYPE html><html><body>error 404</body></html>")
    (inbox / "b-long-plan.pdf").write_bytes(GOOD.read_bytes())  # 4 pages
    (inbox / "c-short-plan.pdf").write_bytes(FAST.read_bytes())  # 3 pages
    result = runner.invoke(app, ["ingest", str(inbox), "--db", str(tmp_path / "store.db"), "--max-pages", "3",
                                 "--ocr"])
    assert seen == {"pages": "3", "ocr": "1"}
    assert "NAPLOG_MAX_PAGES" not in os.environ and "NAPLOG_OCR" not in os.environ
    assert result.exit_code == 1, result.output
    assert "2 failed" in result.stdout and "1 loaded" in result.stdout
    failed = [ln for ln in result.stderr.splitlines() if ln.startswith("failed: ")]
    assert f"failed: {inbox / 'a-page.pdf'}: not a PDF: an HTML page" in failed
    assert (f"failed: {inbox / 'b-long-plan.pdf'}: the PDF has 4 pages, more than the limit of 3 (NAPLOG_MAX_PAGES / "
            f"--max-pages) pages; it was not read") in failed


@pytest.mark.corpus
def test_intact_real_documents_get_no_structure_warning():
    """The cross-reference check warns on damage only: an entry at offset 0 (an object never written,
    the Philippines report has several) is not a wrong byte. Somalia's table really is damaged."""
    from tests.conftest import CORPUS

    if not CORPUS.is_dir():
        pytest.skip(f"real documents not found at {CORPUS}")
    warned = {path.name for path in sorted(CORPUS.rglob("*.pdf"))
              if any("cross-reference" in w for w in preflight(path, Limits()).warnings)}
    assert warned == {"somalia_ddg_project_logframe.pdf"}
