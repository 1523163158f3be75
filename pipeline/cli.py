"""The ``naplog`` command line: the top of naplog's layers, and the only module that imports ``flows``.

Each command imports the heavy parts it needs (SQLAlchemy, Prefect, the extractors, the outputs)
inside itself, on purpose: ``naplog --help`` must not pay for any of them, and ``naplog extract``
must not pay for SQLAlchemy or Prefect (tests/test_cli.py checks it). Those imports only defer;
none of them dodges a cycle (the import-linter contract in pyproject.toml holds without them).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.tree import Tree

from pipeline.errors import NaplogError, one_line
from pipeline.outputs.export import document_json, render
from pipeline.records import KIND_LABELS, Logframe, is_plan
from pipeline.settings import (
    LIBRARY_LOGS_ENV,
    LIMIT_ENV,
    OCR_ENV,
    Limits,
    _limit_value,
    hide_library_logs,
    ocr_requested,
    resolve_db_url,
)

app = typer.Typer(
    help="naplog turns National Action Plans on Women, Peace and Security (PDF) into structured logframes.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True, soft_wrap=True)


def _db_value(value: str | None) -> str | None:
    """``--db`` checked as the option is read: ``--db --refresh-cache`` (an option taken for its
    value), ``mysql://`` or ``postgresq://`` are one error line and exit 2, before anything is opened."""
    from pipeline.settings import check_db_value

    if value is not None:
        try:
            check_db_value(value)
        except NaplogError as exc:
            _fail(exc)
    return value


DbOption = Annotated[
    Optional[str],
    typer.Option("--db", envvar="NAPLOG_DB", show_envvar=True, callback=_db_value,
                 help="Store: a SQLite file path (sqlite:///RELATIVE or sqlite:////ABSOLUTE/PATH as SQLAlchemy reads "
                      "them) or postgresql://user@host/db. Default: ./naplog.db. Only `naplog ingest` creates a "
                      "store (never its folder)."),
]
VerboseOption = Annotated[bool, typer.Option(
    "--verbose", "-v", help="Also show the libraries' log lines (pdfminer, PDFium, Dask, Prefect).")]
QuietOption = Annotated[bool, typer.Option(
    "--quiet", "-q", help="Print only the output and errors: no progress, warnings or 'wrote' lines.")]


def _verbosity(verbose: bool, quiet: bool) -> None:
    """-v: the libraries' log lines on stderr; -q: nothing on stderr but errors; neither: naplog's
    own messages, no library's. Worker processes learn it from the environment (Dask's logging
    config, NAPLOG_LIBRARY_LOGS)."""
    if verbose and quiet:
        _fail(ValueError("--verbose and --quiet together: choose one"))
    err.quiet = quiet
    os.environ[LIBRARY_LOGS_ENV] = "show" if verbose else "hide"
    if verbose:
        hide_library_logs(False)  # hidden as pipeline.settings was imported, when the variable said so
        logging.basicConfig(level=logging.INFO, format="%(name)s: %(levelname)s: %(message)s")
        return
    # Before distributed is imported (it reads its logging level once, in this and every worker).
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "critical")
    hide_library_logs()


def _version(value: bool) -> None:
    if value:
        from pipeline import __version__

        try:
            from extractors import EXTRACTOR_VERSION
        except ImportError:  # pragma: no cover - the extractors ship with naplog
            EXTRACTOR_VERSION = "?"
        out.print(f"naplog {__version__} (extractor {EXTRACTOR_VERSION})", highlight=False)
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print naplog's version and exit.")] = False,
) -> None:
    """naplog turns National Action Plans on Women, Peace and Security (PDF) into structured logframes."""


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"  # export only: the corrections workbook (pipeline/outputs/workbook.py), needs --output
    iati = "iati"  # IATI 2.03 activity XML: results, indicators, baselines, targets, actuals (pipeline/outputs/iati.py)


def _shown(path: Path | str) -> str:
    """A file name as the terminal may print it: control characters (an ESC sequence in a hostile
    file's name would drive the terminal) and undecodable bytes written as escapes."""
    return one_line(str(path))


def _fail(exc: Exception) -> None:
    err.quiet = False  # -q silences all but errors
    # Escaped: a file name such as "plan [draft].pdf" is not markup.
    err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, markup=True)
    raise typer.Exit(2)


# ---- limits on input documents (pipeline.settings.Limits; docs/robustness.md) ----------------

def _limit(name: str):  # noqa: ANN202 - a typer parser
    """A limit's option, or its NAPLOG_* variable, checked as pipeline.settings.Limits checks it."""
    whole = Limits.model_fields[name].annotation in (int, "int")

    def parse(raw: str) -> float:
        try:
            return _limit_value(raw, whole)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None

    return parse


MaxPagesOption = Annotated[Optional[int], typer.Option(
    "--max-pages", envvar=LIMIT_ENV["max_pages"], show_envvar=True, parser=_limit("max_pages"), metavar="N",
    help="Refuse a PDF with more pages (default 1000; 0: no limit).")]
MaxFileMbOption = Annotated[Optional[float], typer.Option(
    "--max-file-mb", envvar=LIMIT_ENV["max_file_mb"], show_envvar=True, parser=_limit("max_file_mb"), metavar="MB",
    help="Refuse a file larger than this many MB (default 200; 0: no limit).")]
MaxSecondsOption = Annotated[Optional[float], typer.Option(
    "--max-seconds", envvar=LIMIT_ENV["max_seconds"], show_envvar=True, parser=_limit("max_seconds"), metavar="S",
    help="Stop reading a document after this many seconds (default 600; 0: no limit).")]
MaxPageCharsOption = Annotated[Optional[int], typer.Option(
    "--max-page-chars", envvar=LIMIT_ENV["max_page_chars"], show_envvar=True, parser=_limit("max_page_chars"),
    metavar="N", help="Refuse a PDF with a page of more characters (default 200000; 0: no limit).")]
OcrOption = Annotated[bool, typer.Option(
    "--ocr", envvar=OCR_ENV, show_envvar=True,
    help="Give scanned PDFs (no text layer) a text layer with OCRmyPDF first; needs ocrmypdf and Tesseract "
         "installed.")]


def _limits(max_pages: int | None, max_file_mb: float | None, max_seconds: float | None,
            max_page_chars: int | None) -> Limits:
    try:
        return Limits.from_env(max_pages=max_pages, max_file_mb=max_file_mb, max_seconds=max_seconds,
                               max_page_chars=max_page_chars)
    except NaplogError as exc:
        _fail(exc)
        raise  # unreachable: _fail exits


def _limits_for_workers(ctx: typer.Context, max_pages: int | None, max_file_mb: float | None,
                        max_seconds: float | None, max_page_chars: int | None, ocr: bool) -> None:
    """Extraction runs in worker processes: the limits and --ocr reach them as NAPLOG_* variables,
    set for this command only."""
    limits = _limits(max_pages, max_file_mb, max_seconds, max_page_chars)
    given = {LIMIT_ENV[name]: repr(getattr(limits, name)) for name, value in (
        ("max_pages", max_pages), ("max_file_mb", max_file_mb), ("max_seconds", max_seconds),
        ("max_page_chars", max_page_chars)) if value is not None}
    if ocr:
        given[OCR_ENV] = "1"
    saved = {key: os.environ.get(key) for key in given}
    os.environ.update(given)

    def restore() -> None:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value

    ctx.call_on_close(restore)


def _warn(message: str) -> None:
    err.print(f"[yellow]warning:[/] {escape(message)}", highlight=False)


def _show_input_warnings() -> None:
    """Print the input checks' warnings (JavaScript ignored, damaged table rebuilt ...) on stderr."""
    logger = logging.getLogger("naplog.input")
    if any(getattr(h, "naplog_cli", False) for h in logger.handlers):
        return

    class _ToStderr(logging.Handler):
        naplog_cli = True

        def emit(self, record: logging.LogRecord) -> None:
            _warn(one_line(record.getMessage()))

    logger.addHandler(_ToStderr(logging.WARNING))


def _stored_logframe(db: str | None, document: str) -> Logframe:
    """One stored document's logframe, named by id or PDF path; a clear error when it is not there."""
    from pipeline.store.database import Store

    try:
        store = Store(db, create=False)
        return store.logframe(store.resolve(document))
    except NaplogError as exc:
        _fail(exc)
        raise  # unreachable: _fail exits


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        _write_file(output, text)
        err.print(f"wrote {_shown(output)}", highlight=False, markup=False)


def _write_file(output: Path, text: str) -> None:
    """``text`` written whole to ``output``, or a one-line error and the file left as it was."""
    from pipeline.outputs.files import write_text_atomically

    try:
        write_text_atomically(output, text)
    except NaplogError as exc:
        _fail(exc)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A NAP or report PDF.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json (the contract), jsonl or csv (flat rows), "
                                        "iati (IATI 2.03 results XML).")]
    = Format.json,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to a file instead of stdout.")]
    = None,
    ocr: OcrOption = False,
    max_pages: MaxPagesOption = None,
    max_file_mb: MaxFileMbOption = None,
    max_seconds: MaxSecondsOption = None,
    max_page_chars: MaxPageCharsOption = None,
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
) -> None:
    """Print the logframe extracted from FILE, without touching the store."""
    _verbosity(verbose, quiet)
    from pipeline.extract import extract_file
    from pipeline.gc_tuning import freeze_at_exit

    freeze_at_exit()  # the command ends with its output: no collection over the heap at exit

    if fmt == Format.xlsx:
        _fail(ValueError("--format xlsx is for `naplog export` (it needs stored record keys)"))
    limits = _limits(max_pages, max_file_mb, max_seconds, max_page_chars)
    _show_input_warnings()
    try:
        lf = extract_file(file, limits=limits, ocr=ocr or ocr_requested())
    except NaplogError as exc:
        _fail(exc)
    try:
        # One file: its document as a JSON object (export gives a list, however many documents).
        text = document_json(lf) if fmt == Format.json else render([lf], fmt.value)
    except NaplogError as exc:  # IATI: a document with no date to give its activity
        _fail(exc)
    _write(text, output)


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="PDF files or folders (searched recursively).")],
    db: DbOption = None,
    dask_address: Annotated[Optional[str], typer.Option(
        "--dask-address", envvar="NAPLOG_DASK_ADDRESS", show_envvar=True,
        help="Extract on a Dask cluster: a scheduler address (tcp://host:8786), or 'local' / 'local:N' for a local "
             "cluster of N worker processes. Default: a local process pool.")] = None,
    workers: Annotated[Optional[int], typer.Option(
        "--workers", min=1, envvar="NAPLOG_WORKERS", show_envvar=True,
        help="Extraction processes (default: one per core).")] = None,
    cache_dir: Annotated[Optional[Path], typer.Option(
        "--cache-dir", envvar="NAPLOG_CACHE_DIR", show_envvar=True,
        help="Extraction cache folder (default: ~/.cache/naplog/extractions).")] = None,
    refresh_cache: Annotated[bool, typer.Option(
        "--refresh-cache", help="Extract again even when the cache has a result for the file.")] = False,
    retry_failed: Annotated[bool, typer.Option(
        "--retry-failed", help="Read again the files whose failure is remembered: unchanged files that failed "
                               "for a reason of their own (no logframe found, not a PDF, encrypted, over a limit) "
                               "with the same extractor version, settings, limits and --ocr.")] = False,
    ocr: OcrOption = False,
    max_pages: MaxPagesOption = None,
    max_file_mb: MaxFileMbOption = None,
    max_seconds: MaxSecondsOption = None,
    max_page_chars: MaxPageCharsOption = None,
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
) -> None:
    """Extract PDFs and load them into the store with the Prefect flow; unchanged files are skipped.

    Runs without a Prefect server (a temporary local one is started) unless PREFECT_API_URL names one.
    """
    _verbosity(verbose, quiet)
    if not verbose:
        # Before Prefect is imported: its per-task lines (and the tracebacks it logs for a bad
        # file's task) would bury the progress bar; the summary below names every failure.
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "CRITICAL")
        # The temporary server's own loggers: stopped as the batch ends, it can log a cancelled
        # flush of its last task-run events as tracebacks under the summary (2 runs in 3 here).
        os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "CRITICAL")
        # Dask's scheduler and workers (a local cluster's, started from here) log every connection
        # at INFO; set before Dask is imported, and inherited by the processes it starts.
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    from pipeline.batch import discover, settled_batch

    _limits_for_workers(ctx, max_pages, max_file_mb, max_seconds, max_page_chars, ocr)
    _show_input_warnings()
    # A path that does not exist is reported and left out; the others are loaded (exit 1 at the end).
    missing: list[NaplogError] = []
    try:
        files = discover(paths, warn=_warn, missing=missing.append)
    except NaplogError as exc:
        _fail(exc)
    for problem in missing:
        err.print(f"[bold red]error:[/] {escape(str(problem))}", highlight=False)
    gone = {getattr(problem, "path", None) for problem in missing}
    paths = [p for p in paths if str(p) not in gone]
    if not files:  # nothing to do: answered before Prefect (or SQLAlchemy) is even imported
        _summary([], _shown_url(db))
        raise typer.Exit(1 if missing else 0)
    # A batch the store already has whole is answered from the store file, as run_ingest does,
    # here before Prefect (or SQLAlchemy) is even imported: a re-run of a second, not of seconds.
    settled = settled_batch(paths, db, retry_failed)
    if settled is not None:
        _summary(settled, resolve_db_url(db))
        if missing or any(o.status == "failed" for o in settled):
            raise typer.Exit(1)
        return
    # The temporary Prefect server (when one is needed) starts now, and comes up on the other core
    # while the store is opened and Prefect imported here (it dies with this process).
    from flows.server import discard_early, start_temporary_server_early

    early = start_temporary_server_early()
    ctx.call_on_close(lambda: discard_early(early))  # prefect_api stops it; this, when it never got there
    from pipeline.store.database import Store

    try:
        url = Store(db).safe_url
    except NaplogError as exc:
        _fail(exc)

    from flows.ingest import prefect_api, run_ingest
    from flows.runners import describe_runner, make_task_runner

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=False) as bar:
        task = bar.add_task("starting Prefect", total=len(files))
        with prefect_api(early) as (api, how):
            bar.console.print(f"Prefect: {_API_SHOWN.get(how, 'server at ')}{api}; extraction "
                              f"{describe_runner(make_task_runner(dask_address, workers, len(files)), len(files))}",
                              highlight=False)
            bar.update(task, description="ingesting")

            def advance(outcome) -> None:  # noqa: ANN001 - pipeline.batch.Outcome
                bar.update(task, advance=1, description=f"{outcome.status} {escape(_shown(Path(outcome.path).name))}")

            try:
                summary = run_ingest([str(p) for p in paths], db, dask_address=dask_address, workers=workers,
                                     cache_dir=str(cache_dir) if cache_dir else None, refresh_cache=refresh_cache,
                                     print_summary=False, progress=advance, retry_failed=retry_failed,
                                     settle_first=False)
            except NaplogError as exc:
                _fail(exc)
        bar.update(task, description="ingested")
    _summary(summary.outcomes, url)
    # --- faults: the store failed mid-batch (gone, full, unreachable): one line, exit 2 (docs/faults.md) ---
    fault = next((o.store_fault for o in summary.outcomes if getattr(o, "store_fault", None)), None)
    if fault:
        kept = sum(o.status in ("loaded", "replaced", "unchanged") for o in summary.outcomes)
        left = sum(1 for o in summary.outcomes if getattr(o, "store_fault", None))
        err.print(f"[bold red]error:[/] {escape(fault)}; the batch stopped: {kept} document(s) stored are kept, "
                  f"{left} not loaded (run `naplog ingest` again to load them)", highlight=False)
        raise typer.Exit(2)
    # --- end faults ---
    if summary.failed or missing:
        raise typer.Exit(1)


server_app = typer.Typer(help="A long-lived local Prefect server that `naplog ingest` reuses (start-up in about a "
                                "second instead of a temporary server's several).", no_args_is_help=True)
app.add_typer(server_app, name="server")


@server_app.command("start")
def server_start(
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port on 127.0.0.1 (its UI at "
                                      "http://127.0.0.1:PORT).")] = 4200,
) -> None:
    """Start the server in the background (it keeps running after this command) and wait until it answers.

    Its database is Prefect's, in $PREFECT_HOME (~/.prefect); `naplog ingest` uses it while it runs,
    unless PREFECT_API_URL names another; `naplog server stop` stops it.
    """
    import flows  # noqa: F401 - naplog's Prefect settings, before Prefect is imported
    from flows.server import ServerError, start_server

    try:
        info, started = start_server(port)
    except ServerError as exc:
        _fail(exc)
    out.print(f"naplog server {'started' if started else 'already running'}: {info.api_url} (pid {info.pid}, "
              f"UI {info.ui_url}, log {info.log})", highlight=False)


@server_app.command("stop")
def server_stop() -> None:
    """Stop the server `naplog server start` started (nothing else)."""
    import flows  # noqa: F401
    from flows.server import stop_server

    info = stop_server()
    out.print(f"naplog server stopped (pid {info.pid})" if info else "no naplog server running", highlight=False)


@server_app.command("status")
def server_status() -> None:
    """Whether the server is running and answers (exit 0), or not (exit 1)."""
    import flows  # noqa: F401
    from flows.server import running_server

    info = running_server()
    if info is None:
        out.print("no naplog server running: `naplog ingest` starts a temporary one (`naplog server start`)",
                  highlight=False)
        raise typer.Exit(1)
    out.print(f"naplog server running: {info.api_url} (pid {info.pid}, UI {info.ui_url})", highlight=False)


# How ``naplog ingest`` names the Prefect API it runs against (``flows.ingest.prefect_api``).
_API_SHOWN = {"ephemeral": "ephemeral mode, temporary server at ", "naplog server": "naplog server at ",
              "configured": "server at "}


def _shown_url(db: str | None) -> str:
    """The store's URL as the summary shows it (password hidden), without opening the store."""
    from sqlalchemy.engine import make_url

    return make_url(resolve_db_url(db)).render_as_string(hide_password=True)


def _summary(outcomes: list, url: str) -> None:
    table = Table(title=f"naplog ingest -> {url}")
    for col in ("document", "id", "status", "extraction", "goals", "outputs", "activities", "indicators",
                "institutions"):
        table.add_column(col, justify="right" if col not in ("document", "status", "extraction") else "left")
    for o in outcomes:
        c = o.counts
        # A file's name is no markup and drives no terminal: "[draft] plan.pdf", an ESC sequence.
        table.add_row(escape(_shown(Path(o.path).name)), str(o.document_id or ""), o.status,
                      getattr(o, "extraction", None) or "",
                      *(str(c.get(k, "")) for k in ("goals", "outputs", "activities", "indicators", "institutions")))
    out.print(table)
    by_status: dict[str, int] = {}
    for o in outcomes:
        by_status[o.status] = by_status.get(o.status, 0) + 1
    out.print(", ".join(f"{n} {s}" for s, n in sorted(by_status.items())) or "no PDF files found")
    for o in outcomes:
        if o.status == "failed" and not getattr(o, "store_fault", None):  # store faults: one line, see ingest
            err.print(f"[red]failed:[/] {escape(one_line(o.message or ''))}", highlight=False)


@app.command()
def export(
    document: Annotated[Optional[str], typer.Option("--document", "-d", help="A document id or PDF path; "
                                                    "all documents when omitted.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.json,
    output: Annotated[Optional[Path], typer.Option("--output", "-o")] = None,
    db: DbOption = None,
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
) -> None:
    """Export stored logframes as JSON (the contract: a list of documents), JSONL, CSV, IATI 2.03 XML
    (results, indicators, baselines, targets; a report's figures as actuals), or an XLSX workbook for
    corrections."""
    _verbosity(verbose, quiet)
    from pipeline.store.database import Store

    if fmt == Format.xlsx:
        _export_xlsx(document, output, db)
        return
    try:
        store = Store(db, create=False)
        lfs = [store.logframe(store.resolve(document))] if document else store.logframes()
    except NaplogError as exc:
        _fail(exc)
    if fmt == Format.iati:
        # Deferred like the store: only this export needs ElementTree.
        from pipeline.outputs.iati import to_iati

        try:
            exported = to_iati(lfs)
        except NaplogError as exc:
            _fail(exc)
        for why in exported.skipped:
            err.print(f"[yellow]left out of the IATI file:[/] {escape(why)}", highlight=False)
        _write(exported.xml, output)
        return
    _write(render(lfs, fmt.value), output)


@app.command()
def show(
    document: Annotated[str, typer.Argument(help="A document id or the path of its PDF.")],
    db: DbOption = None,
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
) -> None:
    """Show one stored document's logframe as a tree."""
    _verbosity(verbose, quiet)
    out.print(logframe_tree(_stored_logframe(db, document)))


def logframe_tree(lf: Logframe) -> Tree:
    d = lf.document
    period = f"{d.plan_period.start}-{d.plan_period.end}" if d.plan_period else "period unknown"
    name = escape(_shown(Path(d.source_path).name))
    root = Tree(f"[bold]{name}[/] (id {d.id}) {d.kind}, {d.country or 'country unknown'}, "
                f"{d.language or '?'}, {period}")

    def extras(node: Tree, level) -> None:  # noqa: ANN001
        for ind in level.indicators:
            node.add(f"[cyan]indicator[/] {ind.text}")
        if level.institutions:
            node.add("[magenta]institutions[/] " + ", ".join(f"{i.name} ({i.role})" for i in level.institutions))

    for g in lf.goals:
        label = f"[bold]goal {g.code or ''}[/] {g.text or '(no goal level)'}  [dim]p{g.page}"
        if g.pillar:
            label += f" · {g.pillar}"
        gn = root.add(label)
        extras(gn, g)
        for o in g.outputs:
            on = gn.add(f"[bold]output {o.code or ''}[/] {o.text or '(no output level)'}  [dim]p{o.page}")
            extras(on, o)
            for a in o.activities:
                bits = []
                if a.years:
                    bits.append("years " + ",".join(map(str, a.years)))
                if a.timeline and not a.years:
                    bits.append(a.timeline)
                if a.budget:
                    bits.append(f"budget {a.budget.as_written}")
                an = on.add(f"[bold]activity {a.code or ''}[/] {a.text}  [dim]p{a.page} {' · '.join(bits)}")
                extras(an, a)
    _report_branches(root, lf)
    return root


def _report_branches(root: Tree, lf: Logframe) -> None:
    """A report's observations, table by table (text figures apart), and its lists."""
    tables: dict[str, list] = {}
    for o in lf.observations:
        tables.setdefault(o.table or ("figures in the text" if o.method == "narrative" else "table without a "
                                      "caption"), []).append(o)
    for name, obs in tables.items():
        pages = sorted({o.page for o in obs})
        linked = sum(1 for o in obs if o.matched_indicator)
        root.add(f"[bold]{escape(name)}[/]  [dim]{len(obs)} observations, p{pages[0]}"
                 + (f"-{pages[-1]}" if len(pages) > 1 else "") + (f", {linked} linked to the plan" if linked else ""))
    for kind in ("lessons", "challenges", "recommendations"):
        items = getattr(lf, kind)
        if items:
            node = root.add(f"[bold]{kind}[/] ({len(items)})")
            for item in items:
                node.add(f"{escape(item.text)}  [dim]p{item.page}")


@app.command()
def documents(db: DbOption = None, verbose: VerboseOption = False, quiet: QuietOption = False) -> None:
    """List the documents in the store."""
    _verbosity(verbose, quiet)
    from pipeline.store.database import Store

    try:
        store = Store(db, create=False)
        rows = store.documents()
    except NaplogError as exc:
        _fail(exc)
    # The file and the country fold onto more lines in a narrow terminal; the short columns do not.
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for col in ("id", "kind", "country", "lang", "period", "pages", "version", "file"):
        table.add_column(col, no_wrap=col not in ("country", "file"), overflow="fold", ratio=1 if col == "file" else None)
    for r in rows:
        period = f"{r.period_start}-{r.period_end}" if r.period_start else ""
        # The kind as stored (pipeline.records.KIND_LABELS says what each is), with a WPS plan's generation.
        kind = r.kind + (f" (gen. {r.generation})" if r.generation and r.kind != "report" else "")
        country = " ".join(x for x in (r.country_code, r.country) if x)
        table.add_row(str(r.id), kind, country, r.language or "", period, str(r.pages), r.extractor_version,
                      escape(_shown(Path(r.source_path).name)))
    out.print(table)
    kinds = sorted({r.kind for r in rows})
    if kinds:
        out.print("kinds: " + "; ".join(f"{k} = {KIND_LABELS.get(k, k)}" for k in kinds), style="dim")


@app.command()
def schema(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to a file.")] = None,
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
) -> None:
    """Print the JSON Schema of the extracted logframe (one document)."""
    _verbosity(verbose, quiet)
    _write(json.dumps(Logframe.model_json_schema(), indent=2, ensure_ascii=False), output)


@app.command()
def review(
    document: Annotated[str, typer.Argument(help="A document id or the path of its PDF.")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="The HTML file to write. "
                                                   "Default: <PDF name>.review.html in the current folder.")]
    = None,
    db: DbOption = None,
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
) -> None:
    """Write a self-contained HTML review: page images with every record's box, the tree, and flags."""
    _verbosity(verbose, quiet)
    from pipeline.outputs.review import anomalies, build_review_html
    from pipeline.store.database import Store

    try:
        store = Store(db, create=False)
        doc_id = store.resolve(document)
        lf, keys = store.logframe(doc_id), store.record_keys(doc_id)  # keys: as the workbook names records
    except NaplogError as exc:
        _fail(exc)
    # A PDF named on the command line is read where it is (the stored path may be another machine's).
    given = Path(document)
    pdf = given if not document.isdigit() and given.is_file() else Path(lf.document.source_path)
    target = output or review_file_name(lf.document.source_path)
    _write_file(target, build_review_html(lf, pdf, record_keys=keys))
    flags = anomalies(lf)
    by_kind: dict[str, int] = {}
    for a in flags:
        by_kind[a.title] = by_kind.get(a.title, 0) + 1
    err.print(f"wrote {_shown(target)} ({target.stat().st_size // 1024} kB); "
              + (", ".join(f"{n} {k.lower()}" for k, n in by_kind.items()) if flags else "no flags"),
              highlight=False, markup=False)
    if not pdf.is_file():
        err.print(f"warning: {_shown(pdf)} not found: the review has no page images", highlight=False, markup=False)


# Longest file name most file systems take (ext4, XFS, APFS, NTFS: 255 bytes or UTF-16 units).
NAME_MAX = 255
REVIEW_SUFFIX = ".review.html"


def review_file_name(source_path: str) -> Path:
    """``<PDF name>.review.html`` in the current folder: control characters made ``_`` and the stem
    shortened (at a character, with a short hash of the whole name so two long names stay apart)
    when the name would pass ``NAME_MAX`` bytes."""
    import hashlib

    stem = "".join(ch if ch.isprintable() and ch != "/" else "_" for ch in Path(source_path).stem)
    name = stem + REVIEW_SUFFIX
    if len(name.encode("utf-8", "surrogateescape")) <= NAME_MAX:
        return Path(name)
    tag = "-" + hashlib.sha256(stem.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    room = NAME_MAX - len((tag + REVIEW_SUFFIX).encode())
    short = stem.encode("utf-8", "surrogateescape")[:room].decode("utf-8", "ignore")
    return Path(short + tag + REVIEW_SUFFIX)



# ---- corrections, comparison, scorecard (pipeline/store/corrections.py, compare.py, scorecard.py) ------

def _export_xlsx(document: str | None, output: Path | None, db: str | None) -> None:
    from pipeline.outputs.workbook import write_workbook
    from pipeline.store.database import Store

    if output is None or output.suffix.lower() != ".xlsx":
        _fail(ValueError("--format xlsx writes a binary workbook: give --output FILE.xlsx"))
    try:
        store = Store(db, create=False)
        ids = [store.resolve(document)] if document else [d.id for d in store.documents()]
        write_workbook(store, ids, output)
    except NaplogError as exc:
        _fail(exc)
    err.print(f"wrote {_shown(output)} ({len(ids)} document{'s' if len(ids) != 1 else ''})", highlight=False,
              markup=False)


corrections_app = typer.Typer(help="Analysts' corrections made in an exported spreadsheet.", no_args_is_help=True)
app.add_typer(corrections_app, name="corrections")


@corrections_app.command("apply")
def corrections_apply(
    file: Annotated[Path, typer.Argument(help="A workbook written by `naplog export --format xlsx`.")],
    author: Annotated[Optional[str], typer.Option("--author", envvar="NAPLOG_AUTHOR", show_envvar=True,
                                                  help="Who made the corrections. Default: the login name.")]
    = None,
    db: DbOption = None,
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
) -> None:
    """Record and apply every cell changed in FILE (who, when, old, new)."""
    _verbosity(verbose, quiet)
    from pipeline.outputs.workbook import apply_workbook
    from pipeline.store.database import Store

    try:
        store = Store(db, create=False)
        report = apply_workbook(store, file, author)
    except NaplogError as exc:
        _fail(exc)
    table = Table(title=f"corrections applied from {file.name}")
    for col in ("record", "field", "old", "new"):
        table.add_column(col, overflow="fold")
    for ch in report.applied:
        table.add_row(ch.record_key, ch.field, "" if ch.old is None else ch.old, "" if ch.new is None else ch.new)
    if report.applied:
        out.print(table)
    out.print(f"{len(report.applied)} correction{'s' if len(report.applied) != 1 else ''} applied, "
              f"{len(report.skipped)} skipped", highlight=False)
    for msg in report.skipped:
        err.print(f"[yellow]skipped:[/] {msg}", highlight=False, markup=True)


@corrections_app.command("list")
def corrections_list(
    document: Annotated[Optional[str], typer.Argument(help="A document id or PDF path; all when omitted.")] = None,
    db: DbOption = None,
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
) -> None:
    """List recorded corrections with their status (applied, orphaned, conflict)."""
    _verbosity(verbose, quiet)
    from pipeline.store.corrections import list_corrections
    from pipeline.store.database import Store

    try:
        store = Store(db, create=False)
        with store.session(readonly=True) as s:
            rows = list_corrections(s, store.resolve(document) if document else None)
    except NaplogError as exc:
        _fail(exc)
    table = Table()
    for col in ("id", "document", "record", "field", "old", "new", "author", "created", "status", "message"):
        table.add_column(col, overflow="fold")
    for c in rows:
        table.add_row(str(c.id), str(c.document_id), c.record_key, c.field, c.old or "", c.new or "", c.author,
                      c.created_at.strftime("%Y-%m-%d %H:%M"), c.status, c.message or "")
    out.print(table)


def _plan_logframes(store, plans: list[str] | None) -> list[Logframe]:  # noqa: ANN001 - Store
    if plans:
        return [store.logframe(store.resolve(p)) for p in plans]
    return [store.logframe(d.id) for d in store.documents()]


# --- reports in compare (issue 20): a report is shown against its plan, never compared as a plan ---
def _plans_and_reports(store, named: list[Logframe]) -> tuple[list[Logframe], list[Logframe], list[Logframe]]:  # noqa: ANN001
    """The plans to compare, the reports left out of the comparison, and every stored report (their
    values are shown under the plans they report on). A report named is left out as a plan, and the
    plan its observations are linked to compared in its place."""
    from pipeline.outputs.compare import split_plans

    plans, left_out = split_plans(named)
    reports = [store.logframe(d.id) for d in store.documents() if d.kind == "report"]
    for lf in left_out:
        linked = {o.matched_indicator.document_sha256 for o in lf.observations if o.matched_indicator}
        plans += [p for p in _plan_logframes(store, None)
                  if p.document.sha256 in linked and is_plan(p.document.kind)
                  and all(p.document.id != q.document.id for q in plans)]
    return plans, left_out, reports


def _print_progress(progress: list) -> None:  # noqa: ANN001 - list[PlanProgress]
    from pipeline.outputs.compare import progress_rows

    for pp in progress:
        rows = progress_rows(pp)
        if pp.reported.n == 0 and not pp.reports:
            continue
        out.print(f"[bold]{escape(pp.label)}: reported progress[/] {rows[0][2]}", highlight=False)
        for metric, value, _detail in rows[1:]:
            out.print(f"  {escape(metric.removeprefix('reported: '))}: {escape(str(value))}", highlight=False)
# --- end reports in compare ---


@app.command()
def compare(
    plans: Annotated[Optional[list[str]], typer.Argument(help="Document ids or PDF paths; every stored plan "
                                                         "when omitted. Progress reports are left out.")] = None,
    html_out: Annotated[Optional[Path], typer.Option("--html", help="Write the comparison as HTML with charts.")]
    = None,
    csv_out: Annotated[Optional[Path], typer.Option("--csv", help="Write one row per plan per metric.")] = None,
    threshold: Annotated[float, typer.Option(help="Similarity (0-100) for matching records of two "
                                                  "generations of a plan.")] = 70.0,
    db: DbOption = None,
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
) -> None:
    """Compare plans side by side; successive generations of a country's plan are diffed."""
    _verbosity(verbose, quiet)
    from pipeline.outputs.compare import (
        diff_generations,
        generation_pairs,
        plan_metrics,
        plan_progress,
        to_csv,
        to_html,
        to_terminal,
    )
    from pipeline.store.database import Store

    try:
        store = Store(db, create=False)
        lfs, left_out, reports = _plans_and_reports(store, _plan_logframes(store, plans))
    except NaplogError as exc:
        _fail(exc)
    for lf in left_out if plans else ():
        err.print(f"left out {Path(lf.document.source_path).name} (document {lf.document.id}): "
                  f"a progress report ({lf.document.kind}), not a plan; its values are shown under the plan "
                  "they are linked to", highlight=False, markup=False)
    if not lfs:
        _fail(ValueError("no plans to compare: ingest some first, or name them"))
    metrics = [plan_metrics(lf) for lf in lfs]
    diffs = [diff_generations(a, b, threshold) for a, b in generation_pairs(lfs)]
    progress = [plan_progress(lf, reports) for lf in lfs]
    for part in to_terminal(metrics, diffs, left_out):
        out.print(part, end="\n\n")
    _print_progress(progress)
    if html_out:
        _write_file(html_out, to_html(metrics, diffs, left_out=left_out, progress=progress))
        err.print(f"wrote {_shown(html_out)}", highlight=False, markup=False)
    if csv_out:
        _write_file(csv_out, to_csv(metrics, diffs, progress=progress))
        err.print(f"wrote {_shown(csv_out)}", highlight=False, markup=False)


class ScoreFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def scorecard(
    document: Annotated[str, typer.Argument(help="A document id or the path of its PDF.")],
    fmt: Annotated[ScoreFormat, typer.Option("--format", "-f")] = ScoreFormat.text,
    db: DbOption = None,
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
) -> None:
    """Score a plan against the elements of a high-impact NAP, with the pages that show each."""
    _verbosity(verbose, quiet)
    from pipeline.outputs.scorecard import scorecard as make_scorecard
    from pipeline.outputs.scorecard import to_text

    try:
        card = make_scorecard(_stored_logframe(db, document))
    except NaplogError as exc:
        _fail(exc)
    if fmt == ScoreFormat.json:
        _write(json.dumps(card.as_dict(), ensure_ascii=False, indent=2), None)
    else:
        sys.stdout.write(to_text(card) + "\n")


if __name__ == "__main__":  # pragma: no cover
    app()
