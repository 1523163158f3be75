"""The README's Python API example runs as written; pandas is optional; the JSON export is a list
however many documents there are."""

from __future__ import annotations

import json
import re
import sys

import pytest
from typer.testing import CliRunner

from pipeline.batch import ingest_file
from pipeline.cli import app
from pipeline.errors import NaplogError
from pipeline.outputs.export import flat_rows, to_dataframe
from pipeline.store.database import Store
from tests.conftest import ROOT, SAMPLES
from tests.test_store import make_logframe


def readme_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Python API"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_readme_example_runs(tmp_path, monkeypatch, capsys):
    pytest.importorskip("pandas")
    (tmp_path / "samples").symlink_to(SAMPLES)
    store = Store(str(tmp_path / "naplog.db"))
    ingest_file(store, SAMPLES / "en_docx_merged_outcomes.pdf")
    store.dispose()
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    exec(compile(readme_example(), "README.md", "exec"), scope)  # noqa: S102 - the project's own example
    out = capsys.readouterr().out
    assert out.startswith("nap None {'goals': 2") and "1.1.1" in out
    assert len(scope["df"]) == len(scope["rows"]) == 10 and list(scope["df"].columns)[:3] == [
        "document_id", "source_path", "country"]


def test_without_pandas_to_dataframe_says_how_to_get_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    with pytest.raises(NaplogError, match="pandas is not installed: `pip install pandas`"):
        to_dataframe([])
    assert len(list(flat_rows(make_logframe()))) == 1  # the rows themselves need nothing optional


@pytest.mark.parametrize("n", [0, 1, 2])
def test_json_export_is_a_list_whatever_the_count(tmp_path, n):
    db = str(tmp_path / "j.db")
    store = Store(db)
    for i in range(n):
        store.load(make_logframe(sha=str(i) * 64, path=f"/plans/{i}.pdf"))
    store.dispose()
    res = CliRunner().invoke(app, ["export", "--db", db, "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert isinstance(data, list) and len(data) == n
