"""The ``naplog`` command line."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.tree import Tree

from pipeline.errors import NaplogError
from pipeline.export import render
from pipeline.records import Logframe

app = typer.Typer(
    help="naplog turns National Action Plans on Women, Peace and Security (PDF) into structured logframes.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    Optional[str],
    typer.Option("--db", help="Store: a SQLAlchemy URL (postgresql://user@host/db) or a SQLite file path. "
                              "Default: $NAPLOG_DB, else ./naplog.db."),
]


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def _fail(exc: Exception) -> None:
    err.print(f"[bold red]error:[/] {exc}", highlight=False, markup=True)
    raise typer.Exit(2)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}")


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A NAP or report PDF.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json (the contract), jsonl or csv (flat rows).")]
    = Format.json,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to a file instead of stdout.")]
    = None,
) -> None:
    """Print the logframe extracted from FILE, without touching the store."""
    from pipeline.extract import extract_file

    try:
        lf = extract_file(file)
    except NaplogError as exc:
        _fail(exc)
    _write(render([lf], fmt.value), output)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="PDF files or folders (searched recursively).")],
    db: DbOption = None,
) -> None:
    """Extract PDFs and load them into the store; unchanged files are skipped."""
    from pipeline.ingest import discover, ingest_file
    from pipeline.store import Store

    try:
        files = discover(paths)
        store = Store(db)
    except NaplogError as exc:
        _fail(exc)
    outcomes = []
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=False) as bar:
        task = bar.add_task("ingesting", total=len(files))
        for f in files:
            bar.update(task, description=f"ingesting {f.name}")
            try:
                outcomes.append(ingest_file(store, f))
            except NaplogError as exc:
                from pipeline.ingest import Outcome

                outcomes.append(Outcome(str(f), "failed", message=str(exc)))
            bar.advance(task)
        bar.update(task, description="ingested")
    _summary(outcomes, store.safe_url)
    if any(o.status == "failed" for o in outcomes):
        raise typer.Exit(1)


def _summary(outcomes: list, url: str) -> None:
    table = Table(title=f"naplog ingest -> {url}")
    for col in ("document", "id", "status", "goals", "outputs", "activities", "indicators", "institutions"):
        table.add_column(col, justify="right" if col not in ("document", "status") else "left")
    for o in outcomes:
        c = o.counts
        table.add_row(Path(o.path).name, str(o.document_id or ""), o.status,
                      *(str(c.get(k, "")) for k in ("goals", "outputs", "activities", "indicators", "institutions")))
    out.print(table)
    by_status: dict[str, int] = {}
    for o in outcomes:
        by_status[o.status] = by_status.get(o.status, 0) + 1
    out.print(", ".join(f"{n} {s}" for s, n in sorted(by_status.items())) or "no PDF files found")
    for o in outcomes:
        if o.status == "failed":
            err.print(f"[red]failed:[/] {o.message}", highlight=False)


@app.command()
def export(
    document: Annotated[Optional[str], typer.Option("--document", "-d", help="A document id or PDF path; "
                                                    "all documents when omitted.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.json,
    output: Annotated[Optional[Path], typer.Option("--output", "-o")] = None,
    db: DbOption = None,
) -> None:
    """Export stored logframes as JSON (the contract), JSONL or CSV."""
    from pipeline.store import Store

    try:
        store = Store(db)
        lfs = [store.logframe(store.resolve(document))] if document else store.logframes()
    except NaplogError as exc:
        _fail(exc)
    text = render(lfs, fmt.value) if lfs or fmt != Format.json else "[]"
    _write(text, output)


@app.command()
def show(
    document: Annotated[str, typer.Argument(help="A document id or the path of its PDF.")],
    db: DbOption = None,
) -> None:
    """Show one stored document's logframe as a tree."""
    from pipeline.store import Store

    try:
        store = Store(db)
        lf = store.logframe(store.resolve(document))
    except NaplogError as exc:
        _fail(exc)
    out.print(logframe_tree(lf))


def logframe_tree(lf: Logframe) -> Tree:
    d = lf.document
    period = f"{d.plan_period.start}-{d.plan_period.end}" if d.plan_period else "period unknown"
    root = Tree(f"[bold]{Path(d.source_path).name}[/] (id {d.id}) {d.kind}, {d.country or 'country unknown'}, "
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
    return root


@app.command()
def documents(db: DbOption = None) -> None:
    """List the documents in the store."""
    from pipeline.store import Store

    try:
        store = Store(db)
        rows = store.documents()
    except NaplogError as exc:
        _fail(exc)
    table = Table()
    for col in ("id", "kind", "country", "language", "period", "pages", "extractor", "file"):
        table.add_column(col)
    for r in rows:
        period = f"{r.period_start}-{r.period_end}" if r.period_start else ""
        table.add_row(str(r.id), r.kind, r.country or "", r.language or "", period, str(r.pages),
                      r.extractor_version, Path(r.source_path).name)
    out.print(table)


@app.command()
def schema(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to a file.")] = None,
) -> None:
    """Print the JSON Schema of the extracted logframe (one document)."""
    _write(json.dumps(Logframe.model_json_schema(), indent=2, ensure_ascii=False), output)


if __name__ == "__main__":  # pragma: no cover
    app()
